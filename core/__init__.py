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

from .dates import WIB, WIT, WITA, parse_date, search_date  # noqa: E402
from .document import Document  # noqa: E402
from .engine import Engine, parse  # noqa: E402
from .errors import UsageError, WartaError  # noqa: E402
from .api import build_feed, write_feed  # noqa: E402
from .feed import Feed, FeedCollector  # noqa: E402
from .model import Article, Author, Block, Image, Link  # noqa: E402
from .parser import FALLBACK, LIKELY, POSSIBLE, SURE, Parser  # noqa: E402
from .convert import ConvertResult, convert  # noqa: E402
from .textparser import TextDumpParser  # noqa: E402

__all__ = [
    "Article", "Author", "Block", "ConvertResult", "Document", "Engine", "Feed", "FeedCollector", "Image",
    "Link", "Parser", "UsageError", "WartaError", "WIB", "WITA", "WIT", "FALLBACK", "LIKELY",
    "POSSIBLE", "SURE", "build_feed", "convert", "hookimpl", "hookspec", "parse", "parse_date",
    "search_date", "TextDumpParser", "write_feed", "__version__",
]
