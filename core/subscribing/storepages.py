"""Adding pages to the store from the command line (``warta add``, and a configured feed's
inputs in ``warta build``): one error per failed input, a file recorded only when it went
in whole.

``engine`` is taken from :mod:`warta.cli` when a function runs (cli imports the store
commands at its end), so this module can be imported on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import WartaError
from ..parsing.identity import give_content_ids, with_id_hint
from ..distributed import scheduler_address
from ..engine import Outcome, ParserChoice
from ..reading.loaders import Input, read_input
from ..workers import jobs_for
from .revision import PutResult
from .store import PagePlan, Store, choice
from .storefiles import FileStamp
from ..reading.urlmap import url_for, without_map
from ..reading.records import is_dataset
from .storerecords import add_records


def add_pages(db: Store, feed: str, inputs: list[str], *, hint: str, url: str | None = None,
              url_map: dict[str, str] | None = None, map_file: Path | None = None,
              parser: str | None = None, parsers: tuple[str, ...] | list[str] = (),
              skip_seen: bool = False, content_ids: bool = False, reader: Any = None,
              jobs: int | None = None, scheduler: str | None = "") -> PutResult:
    """Parse ``inputs`` and store their articles in ``feed``; one error per failed input.

    A file is recorded as added only when every article it holds went in, so a page that
    failed is read again, and its failure reported again, by every later ``warta build``
    until it is fixed (``skip_seen`` skips only the files that went in whole). The URL map
    file is never read as a page; ``hint`` (see :data:`warta.identity.ID_HINTS`) says what
    gives an id to a page that has none, where this command runs. ``reader`` is the engine
    that reads web archives (:meth:`warta.engine.Engine.reading`: ``--only-hosts``, and the
    records skipped counted); each page of an archive goes in on its own. A Parquet dataset
    of records (``warta convert -f parquet``) goes in record by record, not parsed.

    ``jobs`` is how many processes parse the pages (``None``: one per core for 200 pages or
    more, as for convert; see :func:`warta.workers.jobs_for`) and ``scheduler`` the Dask
    scheduler to parse on instead (``""``: none; None: ``WARTA_SCHEDULER``), for pages and
    web archives alike: the pages are parsed ahead and stored here in input order, so the
    store ends the same as with one process (:class:`ParsedAhead`).
    """
    from ..cliapp import engine

    reader = reader or engine().reading()
    datasets = [name for name in dict.fromkeys(inputs) if name != "-" and is_dataset(name)]
    items, missing = engine().plan([name for name in inputs if name not in datasets], url=url,
                                   parsers=[parser] if parser else parsers)
    items = without_map(items, map_file)
    result = PutResult(failed=list(missing))
    fresh: set[str] = set()
    for name in datasets:
        try:
            result.merge(add_records(db, feed, name, content_ids=content_ids, fresh=fresh))
        except WartaError as exc:
            result.failed.append(exc)
    ahead = ParsedAhead(db, feed, [item for item in items if not item.is_archive], jobs=jobs,
                        scheduler=scheduler, url=url, url_map=url_map, parser=parser,
                        parsers=parsers, skip_seen=skip_seen, content_ids=content_ids)
    try:
        for item in items:
            if item.is_archive:
                result.merge(add_archive(db, feed, item, reader, parser=choice(parser, parsers),
                                         content_ids=content_ids, fresh=fresh, jobs=jobs,
                                         scheduler=scheduler))
                continue
            try:
                result.merge(ahead.store(item, fresh=fresh))
            except WartaError as exc:
                if exc.path is None:
                    exc.path = item.path
                result.failed.append(exc)
    finally:
        ahead.close()  # no worker is left behind, however the loop ends
    for error in result.failed:
        with_id_hint(error, hint)
    return result


def add_archive(db: Store, feed: str, item: Input, reader: Any, *, parser: ParserChoice,
                content_ids: bool, fresh: set[str], jobs: int | None = 1,
                scheduler: str | None = "") -> PutResult:
    """Store the articles of each page of a web archive; one error per record that failed.
    The records are parsed as ``reader.run`` parses them (here, on ``jobs`` processes or a
    Dask ``scheduler``) and stored in the archive's order."""
    result = PutResult()
    for outcome in reader.run([item], parser=parser, jobs=jobs, scheduler=scheduler):
        if outcome.error is not None:  # a record, or the archive itself, that cannot be read
            outcome.error.path = outcome.error.path or outcome.path
            result.failed.append(outcome.error)
            continue
        articles = outcome.articles
        if content_ids:
            give_content_ids(articles)
        result.merge(db.put(feed, articles, fresh=fresh))  # refusals land in failed
    return result


class ParsedAhead:
    """The pages of one ``add``, stored one by one in input order by :meth:`store` exactly as
    :meth:`Store.add_file` would store them. With worker processes (when there are enough
    pages, :func:`warta.workers.jobs_for`) or a Dask scheduler, the pages are parsed ahead
    through :meth:`Engine.run`, as convert parses; each is planned again just before it is
    stored (an earlier page may have changed what that plan checks), and one that the first
    plan skipped but the second does not is parsed then. Otherwise each page is parsed when
    it is stored."""

    def __init__(self, db: Store, feed: str, items: list[Input], *, jobs: int | None,
                 scheduler: str | None, url: str | None, url_map: dict[str, str] | None,
                 parser: str | None, parsers: tuple[str, ...] | list[str], skip_seen: bool,
                 content_ids: bool) -> None:
        from ..cliapp import engine

        self.db, self.feed, self.engine = db, feed, engine()
        self.url, self.url_map = url, url_map
        self.choice = choice(parser, parsers)
        self.options = dict(parser=parser, parsers=tuple(parsers), skip_seen=skip_seen,
                            content_ids=content_ids)
        self.plans: dict[str, PagePlan] = {}
        self.pending: set[str] = set()
        self.outcomes: Iterator[Outcome] = iter(())
        if scheduler_address(scheduler) or jobs_for(jobs, items) > 1:
            self.plans = {item.path: self._plan(item) for item in items}
            todo = [item for item in items if self.plans[item.path].skipped is None]
            self.pending = {item.path for item in todo}
            self.outcomes = self.engine.run(todo, url=url, parser=self.choice, urls=url_map,
                                            jobs=jobs, scheduler=scheduler)

    def _url(self, item: Input) -> str | None:
        return self.url or url_for(self.url_map, item.path)

    def _plan(self, item: Input, stamp: FileStamp | None = None) -> PagePlan:
        return self.db.plan_page(self.feed, item, engine=self.engine, url=self._url(item), stamp=stamp,
                                 **self.options)

    def close(self) -> None:
        """Stop the workers (the pages not stored yet are not parsed further)."""
        close = getattr(self.outcomes, "close", None)
        if close is not None:
            close()

    def store(self, item: Input, *, fresh: set[str]) -> PutResult:
        """Store ``item`` (the next page in input order); raise its error as add_file would."""
        outcome = next(self.outcomes) if item.path in self.pending else None
        planned = self.plans.get(item.path)
        page = self._plan(item, planned.stamp if planned else None)
        if page.skipped is not None:
            return page.skipped
        if outcome is None:  # not parsed ahead (or skipped when planned first, not now)
            articles = self.engine.parse_document(read_input(item, url=self._url(item)), self.choice)
        elif outcome.error is not None:
            raise outcome.error
        else:
            articles = outcome.articles
        return self.db.store_page(self.feed, page, articles, fresh=fresh,
                                  content_ids=self.options["content_ids"])
