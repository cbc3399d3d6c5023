"""The engine: documents in, finished articles out, through the plugins' hooks."""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pluggy

from .reading.document import Document, record_path
from .errors import UsageError, WartaError, debugging, failure
from .feeds.feed import Feed, FeedCollector
from .reading.loaders import Input, expand, load_bytes, load_text, read_input
from .manager import make_manager
from .parsing.dates import plausible
from .model import Article
from .parsing.parser import Parser
from .parsing.sniffindex import SniffIndex, declared_markers
from .parsing.textkit import crawl_date, strip_crawl_prefix
from .reading.urlmap import PathResolver, url_for
from .reading.warc import read_archive
from .parsing.urltitle import title_from_url
from .distributed import run_distributed, scheduler_address
from .workers import jobs_for, run_parallel
from .archivepool import archive_jobs, run_archives


@dataclass(slots=True)
class Outcome:
    """What became of one input: its articles, or the error that stopped it."""

    path: str
    articles: list[Article]
    error: WartaError | None = None


#: Which parser reads a page: a name, a tuple of names to choose the best-scoring among, or
#: None for the best-scoring of all.
ParserChoice = str | tuple[str, ...] | None


class Engine:
    """Holds the plugin manager and what the plugins registered.

    >>> engine = Engine()
    >>> articles = engine.parse_document(Document(text=..., url=...))
    """

    #: Route documents through the sniff index (False: every parser sniffs every document,
    #: as before the index; for benchmarks and the test that both choose alike).
    use_sniff_index: bool = True

    def __init__(self, pm: pluggy.PluginManager | None = None) -> None:
        self.pm = pm if pm is not None else make_manager()
        self.parsers: dict[str, Parser] = {}
        self.parser_owner: dict[str, str] = {}
        self.writers: dict[str, Any] = {}
        self.writer_owner: dict[str, str] = {}
        self._order: dict[tuple[str, int], list[tuple[str, Parser, tuple[str, ...], float]]] = {}
        self._indexes: dict[tuple[str, int], SniffIndex] = {}
        #: Web archives: only records of these hosts (and their subdomains) are read, when any;
        #: ``skipped`` counts the records passed over, by reason (see :meth:`reading`).
        self.hosts: tuple[str, ...] = ()
        self.skipped: Counter[str] = Counter()
        # Each implementation is called on its own so that a duplicate name can be blamed on
        # the plugin that registered it (registration order: built-ins, then entry points).
        for impl in _in_order(self.pm.hook.register_parsers.get_hookimpls()):
            impl.function(register=lambda parser, _owner=impl.plugin_name: self._add_parser(parser, _owner))
        for impl in _in_order(self.pm.hook.register_writers.get_hookimpls()):
            impl.function(
                register=lambda name, writer, _owner=impl.plugin_name: self._add_writer(name, writer, _owner)
            )

    def _add_parser(self, parser: Parser, owner: str) -> None:
        for attribute in ("name", "sniff", "parse"):
            if not hasattr(parser, attribute):
                raise WartaError(f"plugin {owner!r} registered a parser without {attribute!r}")
        declared_markers(parser)  # a WartaError now, not at the first page, when malformed
        if parser.name in self.parsers:
            raise WartaError(
                f"plugin {owner!r} registers a parser named {parser.name!r}, "
                f"already registered by {self.parser_owner[parser.name]!r}"
            )
        self.parsers[parser.name] = parser
        self.parser_owner[parser.name] = owner

    def _add_writer(self, name: str, writer: Any, owner: str) -> None:
        if name in self.writers:
            raise WartaError(
                f"plugin {owner!r} registers a writer named {name!r}, "
                f"already registered by {self.writer_owner[name]!r}"
            )
        self.writers[name] = writer
        self.writer_owner[name] = owner

    # -- choosing a parser -------------------------------------------------------------

    def parser(self, name: str) -> Parser:
        try:
            return self.parsers[name]
        except KeyError:
            known = ", ".join(sorted(self.parsers)) or "none"
            raise UsageError(f"no parser named {name!r} (known: {known})") from None

    def scores(self, doc: Document) -> list[tuple[float, str]]:
        """Parsers that claim ``doc``, with their sniff scores, best first (ties by name).

        When the document's URL is on a host that some parsers list in ``sites``, only those
        are asked (a portal's own host settles it); otherwise, or when none of them wants the
        page, every parser is that may claim it: with the sniff index (:attr:`use_sniff_index`,
        see :mod:`warta.parsing.sniffindex`), a parser declaring ``sniff_markers`` is asked only
        when one of them is in the text (what it declares it needs), so the cost stays flat as
        plugins are added; the scores are the same. A parser may declare ``max_score`` (the
        generic parsers declare ``FALLBACK``): once another parser has scored above it, it is
        not asked.
        """
        index, every = self._index(doc.media_type), not self.use_sniff_index
        if doc.host:
            result = self._sniff(doc, index.owners(doc, by_test=every))
            if result:
                return result
        return self._sniff(doc, index.entries if every else index.candidates(doc))

    @staticmethod
    def _sniff(doc: Document, parsers: list[tuple[str, Parser, tuple[str, ...], float]]
               ) -> list[tuple[float, str]]:
        result = []
        best = 0.0
        name = ""
        try:
            for name, parser, _, max_score in parsers:
                if max_score < best:
                    continue
                score = float(parser.sniff(doc))
                if score > 0:
                    result.append((score, name))
                    best = max(best, score)
        except Exception as exc:
            _blame(exc, f"the {name} parser", doc.path)
        result.sort(key=lambda pair: (-pair[0], pair[1]))
        return result

    def _candidates(self, media_type: str) -> list[tuple[str, Parser, tuple[str, ...], float]]:
        """(name, parser, sites, max_score) of the parsers reading ``media_type``, those that can
        score high first (so the fallbacks can be skipped); worked out once per media type."""
        key = (media_type, len(self.parsers))
        if key not in self._order:
            entries = [
                (name, parser, tuple(getattr(parser, "sites", ())), getattr(parser, "max_score", 1.0))
                for name, parser in self.parsers.items()
                if media_type in getattr(parser, "media_types", ("text/plain", "text/html"))
            ]
            self._order[key] = sorted(entries, key=lambda entry: -entry[3])
        return self._order[key]

    def _index(self, media_type: str) -> SniffIndex:
        """The sniff index of the parsers reading ``media_type`` (built once per media type)."""
        key = (media_type, len(self.parsers))
        if key not in self._indexes:
            self._indexes[key] = SniffIndex(self._candidates(media_type))
        return self._indexes[key]

    def choose(self, doc: Document, name: ParserChoice = None) -> Parser:
        """The named parser; for a tuple of names, the one of them that scores ``doc``
        highest (a feed's ``parsers``); else the one that scores ``doc`` highest."""
        if isinstance(name, tuple):
            allowed = set(name)
            among = [parser for _score, parser in self.scores(doc) if parser in allowed]
            if not among:
                raise WartaError(f"none of the feed's parsers ({', '.join(name)}) recognises this page",
                                 path=doc.path)
            return self.parsers[among[0]]
        if name:
            return self.parser(name)
        ranked = self.scores(doc)
        if not ranked:
            kind = "HTML page" if doc.is_html else "text"
            raise WartaError(f"no parser recognises this {kind} as a news page", path=doc.path)
        return self.parsers[ranked[0][1]]

    # -- the pipeline ------------------------------------------------------------------

    def parse_document(self, doc: Document, parser: ParserChoice = None) -> list[Article]:
        """Parse ``doc`` and run every article through skip / clean / enrich. ``parser`` is
        as for :meth:`choose` (so through :meth:`run` too, and its worker processes).

        Whatever goes wrong comes out as a one-line WartaError naming ``doc.path``: a page
        nested too deeply for Python's recursion limit, and any unexpected exception from a
        parser's ``sniff`` or ``parse`` or from an article hook (a plugin's bug, a library's
        ValueError) as ``"the kompas-html parser failed: ValueError: ..."``, so that one bad
        page never stops a run. ``KeyboardInterrupt``, ``SystemExit`` and ``MemoryError``
        pass through; with ``WARTA_DEBUG=1`` in the environment every unexpected exception
        does (with its traceback), for plugin developers.
        """
        chosen = self.choose(doc, parser)
        try:
            articles = chosen.parse(doc)
        except Exception as exc:
            _blame(exc, f"the {chosen.name} parser", doc.path)
        if not articles:
            raise WartaError(f"the {chosen.name} parser found no article in it", path=doc.path)
        return self.finish(articles, doc=doc, parser=chosen.name)

    def finish(self, articles: Iterable[Article], *, doc: Document | None = None,
               parser: str | None = None) -> list[Article]:
        """Run parsed articles through the article hooks; return the ones kept."""
        kept = []
        hook = self.pm.hook
        for article in articles:
            if doc is not None:
                article.input = record_path(article.input or doc.path)
                article.url = article.url or doc.url
                for note in doc.notes:
                    article.note(note)
            article.parser = article.parser or parser
            stage = hook.skip_article
            try:
                if hook.skip_article(article=article):
                    continue
                stage = hook.clean_article
                hook.clean_article(article=article)
                stage = hook.enrich_article
                hook.enrich_article(article=article)
            except Exception as exc:
                _blame(exc, _hook_name(stage, exc), doc.path if doc else None)
            provenance(article, doc)
            kept.append(article)
        return kept

    def plan(self, patterns: Iterable[str], *, url: str | None = None,
             parsers: Iterable[str] = ()) -> tuple[list[Input], list[WartaError]]:
        """The inputs the user named, checked before any work is done.

        Parser names that are not registered, and ``--url`` with more than one input, are
        usage errors; names that match no file come back as per-input errors.
        """
        for name in parsers:
            self.parser(name)
        items, errors = expand(patterns)
        if url and (len(items) + len(errors) > 1 or any(item.is_archive for item in items)):
            raise UsageError("--url names one page: give exactly one input with it (not a web archive)")
        return items, errors

    def reading(self, *, hosts: Iterable[str] = ()) -> Engine:
        """This engine (the same plugins) for one run over web archives: only records of
        ``hosts`` are read (tested on the URI before any decoding), and :attr:`skipped` counts,
        from zero, the records passed over (revisits, status not 200, not HTML, other hosts)."""
        run = copy.copy(self)
        run.hosts = tuple(hosts)
        run.skipped = Counter()
        return run

    def build_feed(self, collector: FeedCollector, **options: str | None) -> Feed:
        """The collected articles as a Feed, after every plugin's ``prepare_feed``.

        A plugin's ``prepare_feed`` gets the items as a list it may change: with no limit
        that is when every article is loaded into memory (without such a plugin they are
        read one at a time, see :class:`~warta.feeds.spill.SpilledItems`)."""
        feed = collector.build(**options)
        if self.pm.hook.prepare_feed.get_hookimpls() and not isinstance(feed.items, list):
            spilled = feed.items
            feed.items = list(spilled)
            spilled.close()
        self.pm.hook.prepare_feed(feed=feed)
        return feed

    def run(self, inputs: Iterable[Input], *, url: str | None = None,
            parser: str | None = None, urls: dict[str, str] | None = None,
            jobs: int | None = 1, scheduler: str | None = None) -> Iterator[Outcome]:
        """Load and parse each input; errors are reported per input, not raised.

        ``url`` is the address of the (single) input; ``urls`` maps resolved paths to
        addresses (see :mod:`warta.urlmap`). ``jobs`` is the number of processes to parse
        with (``None``: one per core for long runs; see :func:`warta.workers.jobs_for`);
        ``scheduler`` the address of a Dask scheduler to parse on instead (None: the
        ``WARTA_SCHEDULER`` environment variable; "": none; see :mod:`warta.distributed`).
        The outcomes come back in input order whatever they are. A web archive gives one
        outcome per page it holds, named by the archive and the record's offset (see
        :mod:`warta.warc`; the records skipped are counted in :attr:`skipped`).
        """
        items = list(inputs)
        address = scheduler_address(scheduler)
        if address:
            return run_distributed(self, items, address, url=url, parser=parser, urls=urls,
                                   outcome=Outcome)
        workers = jobs_for(jobs, items)
        if workers > 1:
            return run_parallel(self, items, workers, url=url, parser=parser, urls=urls)
        workers = archive_jobs(jobs, items)
        if workers > 1:
            return run_archives(self, items, workers, url=url, parser=parser, urls=urls, outcome=Outcome)
        return self._run_here(items, url=url, parser=parser, urls=urls)

    def _run_here(self, inputs: list[Input], *, url: str | None, parser: str | None,
                  urls: dict[str, str] | None) -> Iterator[Outcome]:
        resolve = PathResolver()  # the inputs' folders are resolved once for the run
        for item in inputs:
            if item.is_archive:
                yield from self._run_archive(item.path, parser)
                continue
            try:
                doc = read_input(item, url=url or url_for(urls, item.path, resolve))
                yield Outcome(item.path, self.parse_document(doc, parser))
            except WartaError as exc:
                # Loading and parsing turn every fault into a WartaError (see parse_document).
                if exc.path is None:
                    exc.path = item.path
                yield Outcome(item.path, [], exc)

    def _run_archive(self, archive: str, parser: str | None) -> Iterator[Outcome]:
        try:
            for entry in read_archive(archive, hosts=self.hosts):
                if entry.skipped:
                    self.skipped[entry.skipped] += 1
                elif entry.doc is None:
                    yield Outcome(entry.path, [], entry.error)
                else:
                    yield self.parse_page(entry.doc, parser)
        except WartaError as exc:
            exc.path = exc.path or archive
            yield Outcome(archive, [], exc)

    def parse_page(self, doc: Document, parser: str | None = None) -> Outcome:
        """``doc`` parsed into an Outcome named by ``doc.path``: its articles, or the error."""
        try:
            return Outcome(doc.path, self.parse_document(doc, parser))
        except WartaError as exc:
            exc.path = exc.path or doc.path
            return Outcome(doc.path, [], exc)


def provenance(article: Article, doc: Document | None = None) -> Article:
    """Say on ``article`` how its date and title are known (in place; returns it).

    - ``captured``: the document's save time (``Document.captured``, labelled by
      ``Document.captured_source``: "mhtml", "singlefile", "warc"), else the crawl prefix's day of a
      text dump ("crawl").
    - ``published_source``: "page" unless the parser said otherwise (a URL or text guess);
      ``published_precision``: "day" for a time of exactly 00:00:00 (what a printed day
      without a time becomes; a page printing that very second is rare, and shows no less
      with it), else "time", unless the parser said.
    - ``title``: the printed headline ("page"), else the words of the URL's slug, marked
      ``title_source: "url"`` with a note (see :mod:`warta.urltitle`).
    """
    if article.captured is None and doc is not None:
        saved = plausible(getattr(doc, "captured", None))
        if saved is not None and saved.tzinfo is not None:
            article.captured = saved
            label = getattr(doc, "captured_source", None) or getattr(doc, "captured_from", None)
            article.captured_source = label or "saved page"
        elif not doc.is_html:
            day = crawl_date(strip_crawl_prefix(doc.text[:4096])[1])
            if day is not None:
                article.captured, article.captured_source = day, "crawl"
    if article.captured is None:
        article.captured_source = None
    if article.published is None:
        article.published_source = article.published_precision = None
    else:
        article.published_source = article.published_source or "page"
        if article.published_precision is None:
            clock = article.published.timetz().replace(tzinfo=None)
            article.published_precision = "day" if clock == clock.min else "time"
    if article.title:
        article.title_source = article.title_source or "page"
    else:
        article.title_source = None
        title = title_from_url(article.url)
        if title:
            article.title, article.title_source = title, "url"
            article.note("title: words of the URL's slug (the page prints no headline)")
    return article


def _blame(exc: Exception, what: str, path: str | None) -> NoReturn:
    """Raise what ``exc``, raised by ``what`` while reading ``path``, becomes: a WartaError
    as it is (given the path); ``exc`` itself for MemoryError or under ``WARTA_DEBUG=1``;
    a one-line WartaError for anything else (:func:`warta.errors.failure`)."""
    if isinstance(exc, WartaError):
        if exc.path is None:
            exc.path = path
        raise exc
    if isinstance(exc, MemoryError) or debugging():
        raise exc
    raise failure(what, exc, path=path) from exc


def _hook_name(hook: Any, exc: BaseException) -> str:
    """``"the clean_article hook of plugin 'x'"``: the plugin whose code raised ``exc``
    (found in the traceback), or just the hook when none is."""
    owners = {impl.function.__code__: impl.plugin_name for impl in hook.get_hookimpls()
              if hasattr(impl.function, "__code__")}
    owner = None
    tb = exc.__traceback__
    while tb is not None:
        owner = owners.get(tb.tb_frame.f_code, owner)
        tb = tb.tb_next
    return f"the {hook.name} hook of plugin {owner!r}" if owner else f"the {hook.name} hook"


def _in_order(impls: list[Any]) -> list[Any]:
    # pluggy's get_hookimpls() already lists implementations in registration order (trylast
    # ones first, tryfirst ones last); reversing it blamed a duplicate on the first owner.
    return list(impls)


_default_engine: Engine | None = None


def default_engine() -> Engine:
    """A shared Engine with the installed plugins (built on first use)."""
    global _default_engine
    if _default_engine is None:
        _default_engine = Engine()
    return _default_engine


#: A one-line ``str`` shorter than this is a path for :func:`parse`; anything else is text.
PATH_LIMIT = 1024


def parse(source: str | bytes | Path, *, url: str | None = None,
          parser: str | None = None, engine: Engine | None = None) -> list[Article]:
    """Parse a saved page into articles.

    ``source`` is a path (a ``Path``, or a one-line ``str`` shorter than
    :data:`PATH_LIMIT` characters) to a file, or the page itself: ``bytes``, or a ``str``
    with several lines or longer than that. ``url`` is the page's address when the text
    lacks it; ``parser`` forces a parser by name. Raises WartaError when the page cannot be
    read (a path that names no file says so).
    """
    engine = engine or default_engine()
    if isinstance(source, bytes):
        doc = load_bytes(source, path="<bytes>", url=url)
    elif isinstance(source, Path) or (isinstance(source, str) and "\n" not in source
                                      and len(source) < PATH_LIMIT):
        doc = read_input(Input(str(source)), url=url)
    elif isinstance(source, str):
        doc = load_text(source, path="<text>", url=url)
    else:
        raise TypeError(f"parse() takes a path, bytes or str, not {type(source).__name__}")
    return engine.parse_document(doc, parser)


__all__ = ["Engine", "Outcome", "parse", "default_engine", "expand"]
