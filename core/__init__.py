"""warta: saved Indonesian news pages in, RSS 2.0 / Atom 1.0 / JSON Feed 1.1 / JSON Lines out.

The public API::

    import warta
    articles = warta.parse("page.txt", url="https://...")    # list[Article]
    feed = warta.build_feed(articles, title="Kompas")        # sorted, de-duplicated
    warta.write_feed(feed, "feeds", formats=["rss", "atom", "json"])

Plugins use ``warta.hookimpl`` and the types exported here.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .hookspecs import hookimpl, hookspec

try:
    __version__ = version("warta")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

from .parsing.dates import WIB, WIT, WITA, parse_date, search_date  # noqa: E402
from .reading.document import Document  # noqa: E402
from .engine import Engine, parse  # noqa: E402
from .errors import UsageError, WartaError  # noqa: E402
from .api import build_feed, write_feed  # noqa: E402
from .feeds.feed import Feed, FeedCollector  # noqa: E402
from .model import Article, Author, Block, Image, Link  # noqa: E402
from .parsing.parser import FALLBACK, LIKELY, POSSIBLE, SURE, Parser  # noqa: E402
from .convert import ConvertResult, convert  # noqa: E402
from .parsing.textparser import TextDumpParser  # noqa: E402

__all__ = [
    "Article", "Author", "Block", "ConvertResult", "Document", "Engine", "Feed", "FeedCollector", "Image",
    "Link", "Parser", "UsageError", "WartaError", "WIB", "WITA", "WIT", "FALLBACK", "LIKELY",
    "POSSIBLE", "SURE", "build_feed", "convert", "hookimpl", "hookspec", "parse", "parse_date",
    "search_date", "TextDumpParser", "write_feed", "__version__",
]


# -- old import paths ------------------------------------------------------------------
# Until 0.1 every module sat in one flat package (warta.dates, warta.store, ...). The modules
# now live in rooms by stage; the old paths keep working, as the same module objects, for
# plugins and programs that import them (docs/plugins.md documents warta.textkit,
# warta.dates, warta.textnorm and warta.identity).
import importlib as _importlib  # noqa: E402
import importlib.abc as _importlib_abc  # noqa: E402
import importlib.util as _importlib_util  # noqa: E402
import sys as _sys  # noqa: E402

#: Old module path -> where the module lives now.
MOVED: dict[str, str] = {
    'warta.bodyrules': 'warta.parsing.bodyrules',
    'warta.boilerplate': 'warta.parsing.boilerplate',
    'warta.charsets': 'warta.reading.charsets',
    'warta.config': 'warta.subscribing.config',
    'warta.copies': 'warta.feeds.copies',
    'warta.credits': 'warta.parsing.credits',
    'warta.datelines': 'warta.parsing.datelines',
    'warta.dates': 'warta.parsing.dates',
    'warta.document': 'warta.reading.document',
    'warta.feed': 'warta.feeds.feed',
    'warta.feeditem': 'warta.feeds.feeditem',
    'warta.feedxml': 'warta.feeds.feedxml',
    'warta.htmlblocks': 'warta.parsing.htmlblocks',
    'warta.htmlbyline': 'warta.parsing.htmlbyline',
    'warta.htmldates': 'warta.parsing.htmldates',
    'warta.htmlmeta': 'warta.parsing.htmlmeta',
    'warta.htmlrender': 'warta.parsing.htmlrender',
    'warta.identity': 'warta.parsing.identity',
    'warta.inputs': 'warta.reading.inputs',
    'warta.jsonfeed': 'warta.feeds.jsonfeed',
    'warta.jsonld': 'warta.parsing.jsonld',
    'warta.loaders': 'warta.reading.loaders',
    'warta.mhtml': 'warta.reading.mhtml',
    'warta.output': 'warta.feeds.output',
    'warta.parser': 'warta.parsing.parser',
    'warta.provenance': 'warta.reading.provenance',
    'warta.publish': 'warta.feeds.publish',
    'warta.relatedlinks': 'warta.parsing.relatedlinks',
    'warta.representation': 'warta.subscribing.representation',
    'warta.revision': 'warta.subscribing.revision',
    'warta.servecache': 'warta.subscribing.servecache',
    'warta.servehandler': 'warta.subscribing.servehandler',
    'warta.serveindex': 'warta.subscribing.serveindex',
    'warta.servepaths': 'warta.subscribing.servepaths',
    'warta.server': 'warta.subscribing.server',
    'warta.store': 'warta.subscribing.store',
    'warta.storebuild': 'warta.subscribing.storebuild',
    'warta.storecli': 'warta.subscribing.storecli',
    'warta.storedb': 'warta.subscribing.storedb',
    'warta.storeopts': 'warta.subscribing.storeopts',
    'warta.storepages': 'warta.subscribing.storepages',
    'warta.storeread': 'warta.subscribing.storeread',
    'warta.storesetup': 'warta.subscribing.storesetup',
    'warta.textkit': 'warta.parsing.textkit',
    'warta.textlines': 'warta.parsing.textlines',
    'warta.textnorm': 'warta.reading.textnorm',
    'warta.textparser': 'warta.parsing.textparser',
    'warta.urlmap': 'warta.reading.urlmap',
    'warta.urltitle': 'warta.parsing.urltitle',
    'warta.watch': 'warta.subscribing.watch',
    'warta.websub': 'warta.feeds.websub',
}


class _Moved(_importlib_abc.MetaPathFinder, _importlib_abc.Loader):
    """Finds an old ``warta.X`` path and gives the module at its new place (one object)."""

    def find_spec(self, fullname, path=None, target=None):  # noqa: ANN001, ANN201
        if fullname in MOVED:
            return _importlib_util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):  # noqa: ANN001, ANN201
        return _importlib.import_module(MOVED[spec.name])

    def exec_module(self, module):  # noqa: ANN001, ANN201
        pass  # already executed under its new name


if not any(isinstance(finder, _Moved) for finder in _sys.meta_path):
    _sys.meta_path.insert(0, _Moved())  # before any finder that could load a stale copy
