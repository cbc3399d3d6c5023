"""The feed store: every article added to a feed, kept in SQLite, so feeds grow page by page.

One file (default ``feeds/warta.db``) holds, per feed name, each article's record (the
``warta parse`` JSON), a digest of what the page said, when it was first added and when it
last changed. The rules subscribers rely on:

* Adding the same page again changes nothing (not one byte of any feed). Nor does adding
  a version of an article that the store has already seen (say an older saved copy, or an
  excerpt next to the whole page): the feed never flips back and forth between copies.
  A page whose bytes were added before, read the same way (warta's and the plugins'
  versions, the add's options: :func:`reading_key`), is not even parsed again.
* A page whose content changed keeps its id and ``published``; it gets a new ``updated``:
  the page's own update time when it declares a newer one, else the time of the ``add``
  (from the store's clock, recorded in the store, so rebuilding stays byte-identical).
* Two processes adding at once lose nothing (WAL, busy timeout, retried transactions).
* Reading (``warta list``, ``warta build``) opens the store read-only: it never changes
  the file or leaves files beside it, and a store on a read-only disk or folder can still
  be listed and built; a row damaged by hand is skipped
  with a message naming its id, and the other rows are used.
* Only articles that every writer can render get in (:func:`warta.feed.admit`).

The schema carries a version (``PRAGMA user_version``); :data:`MIGRATIONS` upgrades older
stores in place, and a store written by a newer warta is refused rather than damaged.

This module holds :class:`Store` (opening, transactions, adding and removing articles).
Its parts live beside it and are importable from here too: the SQLite file, schema and
migrations in :mod:`warta.storedb`, reading in :mod:`warta.storeread`, the revision rules
(:func:`revise`, :class:`PutResult`) in :mod:`warta.revision`, and :func:`build` in
:mod:`warta.storebuild`.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from .config import check_feed_name
from ..reading.document import Document
from ..errors import WartaError
from ..feeds.feed import admit
from ..parsing.identity import give_content_ids
from ..reading.loaders import Input, read_input
from ..model import Article
from .revision import PutResult, content_digest, put_article, revise
from .storebuild import BuildResult, build
from .storedb import (
    BUSY_TIMEOUT_MS,
    DEFAULT_STORE,
    MIGRATIONS,
    SCHEMA_VERSION,
    connect,
    connect_readonly,
    retry,
)
from .storefiles import FileStamp, held_rows, reading_key
from .storeread import Entry, StoreReading
from ..reading.urlmap import url_for

__all__ = [
    "DEFAULT_STORE",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "BuildResult",
    "Clock",
    "Entry",
    "FileStamp",
    "PutResult",
    "Store",
    "build",
    "content_digest",
    "parse_with",
    "reading_key",
    "revise",
    "system_clock",
]

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The real time, in UTC, to the second (the CLI's clock)."""
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(slots=True)
class PagePlan:
    """:meth:`Store.plan_page`'s answer: ``skipped`` (the result of not parsing the page),
    or None and what the page is recorded with once parsed."""

    stamp: FileStamp | None = None
    reading: str | None = None
    skipped: PutResult | None = None


class Store(StoreReading):
    """The SQLite feed store. Use as a context manager, or call :meth:`close`.

    ``clock`` gives the time recorded for additions and changes (inject a fixed one in
    tests); it must return timezone-aware datetimes. Reading is :class:`StoreReading`'s.
    """

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_STORE, *,
                 clock: Clock | None = None, timeout: float = BUSY_TIMEOUT_MS / 1000,
                 readonly: bool = False) -> None:
        self.path = Path(path)
        self.clock: Clock = clock or system_clock
        self._timeout = timeout
        #: Opened for reading only (see :meth:`_connect_readonly`): reading works on a
        #: read-only disk or folder, changes nothing on disk, and every write fails with a
        #: WartaError.
        self.readonly = readonly
        self.db = self._connect_readonly() if readonly else self._connect()

    # -- opening -----------------------------------------------------------------------

    def _connect_readonly(self) -> sqlite3.Connection:
        """Open the existing store for reading only (:func:`warta.storedb.connect_readonly`)."""
        return connect_readonly(self.path, self._timeout)

    def _connect(self) -> sqlite3.Connection:
        """Open the store for writing, migrated (:func:`warta.storedb.connect`)."""
        return connect(self.path, self._timeout)

    @property
    def version(self) -> int:
        """The schema version of the open store."""
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ------------------------------------------------------------------

    def _retry(self, work: Callable[[], Any]) -> Any:
        """Run ``work``; when another process holds the lock past the busy timeout, retry."""
        return retry(work, self.path)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def _write(self, work: Callable[[sqlite3.Connection], Any]) -> Any:
        def attempt() -> Any:
            with self._transaction() as db:
                return work(db)

        try:
            return self._retry(attempt)
        except sqlite3.Error as exc:  # a damaged file ("database disk image is malformed")
            raise WartaError(f"store error: {exc}", path=str(self.path)) from None

    # -- adding ------------------------------------------------------------------------

    def now(self) -> datetime:
        moment = self.clock()
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("the store's clock must return timezone-aware datetimes")
        return moment

    def put(self, feed: str, articles: Iterable[Article], *, file: FileStamp | None = None,
            fresh: set[str] | None = None, reading: str | None = None,
            record_partial: bool = True) -> PutResult:
        """Store parsed ``articles`` in ``feed`` in one transaction (and record ``file``).

        Articles the gate refuses (:func:`warta.feed.admit`) go to ``failed``; with
        ``record_partial=False`` the file is then not recorded, so the page is read and
        reported again until it is fixed. ``reading`` (see :func:`reading_key`) is recorded
        with ``file``, with the ids of the articles admitted: adding the same bytes the same
        way again skips parsing them.

        ``fresh`` collects the ids that are new in one batch (one ``warta add``, one round of
        ``watch``): another copy of such an article in the same batch replaces it without
        counting as a change (no ``updated`` from the clock for an article nobody saw yet).
        """
        check_feed_name(feed)
        articles = list(articles)
        now = self.now()
        stamp = now.isoformat()

        admitted, refused = [], []
        for article in articles:
            try:
                admitted.append(admit(article))
            except WartaError as exc:
                refused.append(exc)

        def work(db: sqlite3.Connection) -> PutResult:
            result = PutResult(failed=list(refused))
            for article in admitted:
                put_article(db, feed, article, now, stamp, result, fresh)
            if file is not None and (record_partial or not refused):
                ids = json.dumps(held_rows(db, feed, [a.id or "" for a in admitted]),
                                 ensure_ascii=False, sort_keys=True) if reading else None
                db.execute(
                    "INSERT OR REPLACE INTO files (feed, path, size, mtime_ns, digest, seen, "
                    "reading, ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (feed, file.path, file.size, file.mtime_ns, file.digest, stamp,
                     reading, ids),
                )
            return result

        try:
            return self._write(work)
        except WartaError as exc:
            # The store failed (a full disk, a lock held too long): nothing of this batch
            # went in; the line names the page that was not added, then the store.
            page = next((a.input for a in admitted if a.input), None) or (file and file.path)
            if page and exc.path == str(self.path):
                raise WartaError(f"not added: {exc}", path=page) from None
            raise

    def add(self, feed: str, inputs: Sequence[str], *, engine: Any, url: str | None = None,
            urls: dict[str, str] | None = None, parser: str | None = None,
            parsers: Sequence[str] = (), skip_seen: bool = False) -> PutResult:
        """Parse ``inputs`` (files, folders, globs) and store their articles in ``feed``.

        ``parser`` forces one parser; otherwise ``parsers`` (when given) limits sniffing to
        those names. ``urls`` maps resolved paths to page addresses (a URL map, see
        :mod:`warta.urlmap`). With ``skip_seen``, a file recorded with the same path, size and
        modification time is not read again. Errors are collected per input in ``failed``.
        """
        check_feed_name(feed)
        items, errors = engine.plan(inputs, url=url, parsers=[parser] if parser else parsers)
        result = PutResult(failed=list(errors))
        fresh: set[str] = set()
        for item in items:
            try:
                result.merge(self.add_file(feed, item, engine=engine,
                                           url=url or url_for(urls, item.path), parser=parser,
                                           parsers=parsers, skip_seen=skip_seen, fresh=fresh))
            except WartaError as exc:
                if exc.path is None:
                    exc.path = item.path
                result.failed.append(exc)
        return result

    def add_file(self, feed: str, item: Input | str, *, engine: Any, url: str | None = None,
                 parser: str | None = None, parsers: Sequence[str] = (),
                 skip_seen: bool = False, fresh: set[str] | None = None,
                 content_ids: bool = False) -> PutResult:
        """Parse one input and store the articles the gate admits; raise the first refusal
        (a WartaError) when none went in.

        The file is recorded as processed only when none of its articles was refused, so a
        page that failed is read and reported again until it is fixed. ``content_ids``: give
        pages without a stable id one from their text (:func:`warta.identity.give_content_ids`).
        ``fresh``: see :meth:`put`.

        A file whose bytes (its digest) were added to ``feed`` before from the same path, read
        the same way (:func:`reading_key`: warta's and the plugins' versions, the options),
        and whose articles the feed still holds, is not parsed again: its articles count as
        unchanged and the file as already added (``skipped_files``). Parsing it would
        change nothing in the store.
        """
        item = item if isinstance(item, Input) else Input(str(item))
        page = self.plan_page(feed, item, engine=engine, url=url, parser=parser, parsers=parsers,
                              skip_seen=skip_seen, content_ids=content_ids)
        if page.skipped is not None:
            return page.skipped
        articles = parse_with(engine, read_input(item, url=url), parser=parser, parsers=parsers)
        return self.store_page(feed, page, articles, fresh=fresh, content_ids=content_ids)

    def plan_page(self, feed: str, item: Input, *, engine: Any, url: str | None = None,
                  parser: str | None = None, parsers: Sequence[str] = (), skip_seen: bool = False,
                  content_ids: bool = False, stamp: FileStamp | None = None) -> PagePlan:
        """What :meth:`add_file` will do with ``item`` before parsing it: skip it (``skipped``,
        see there), or parse it and record it with its ``stamp`` and ``reading``. ``stamp``,
        when given, is the file's stamp taken earlier (not read again). Asked again just
        before storing, it answers as it would have then (an earlier page of the batch may
        have changed the rows it checks)."""
        if not item.is_stdin:
            if skip_seen and self.file_seen(feed, item.path):
                return PagePlan(skipped=PutResult(skipped_files=1))
            if stamp is None:
                try:  # stamped before reading: a file that changes meanwhile is read again later
                    stamp = FileStamp.of(item.path)
                except OSError:
                    stamp = None
        reading = reading_key(engine, url=url, parser=parser, parsers=parsers,
                              content_ids=content_ids)
        if stamp is not None and reading is not None:
            held = self._read_before(feed, stamp, reading)
            if held is not None:
                return PagePlan(stamp, reading, PutResult(unchanged=held, skipped_files=1))
        return PagePlan(stamp, reading)

    def store_page(self, feed: str, page: PagePlan, articles: list[Article], *,
                   fresh: set[str] | None = None, content_ids: bool = False) -> PutResult:
        """Store the articles parsed from a page :meth:`plan_page` said to parse; raise the
        first refusal when none went in (see :meth:`add_file`)."""
        if content_ids:
            give_content_ids(articles)
        result = self.put(feed, articles, file=page.stamp, fresh=fresh, reading=page.reading,
                          record_partial=False)
        if result.failed and not (result.new or result.changed or result.unchanged
                                  or result.merged):
            raise result.failed[0]  # nothing of the page went in
        return result

    # -- processed files and removing ------------------------------------------------

    def _read_before(self, feed: str, stamp: FileStamp, reading: str) -> list[str] | None:
        """The ids of the articles ``stamp``'s file gave when it was added to ``feed`` with
        the same bytes and ``reading``, when the feed still holds them all as they were then
        (a removed article comes back, a row damaged or changed since is read again); else
        None.

        A file touched since (same bytes, another modification time) has its row brought up
        to date, so the next ``skip_seen`` check finds it without hashing.
        """
        row = next(self._rows(
            "SELECT size, mtime_ns, ids FROM files "
            "WHERE feed = ? AND path = ? AND digest = ? AND reading = ?",
            (feed, stamp.path, stamp.digest, reading)), None)
        if row is None or row[2] is None:
            return None
        try:
            ids = json.loads(row[2])
        except ValueError:
            return None
        try:
            if not isinstance(ids, dict) or held_rows(self.db, feed, list(ids)) != ids:
                return None
        except sqlite3.Error as exc:
            raise WartaError(f"cannot read the store: {exc}", path=str(self.path)) from None
        if (row[0], row[1]) != (stamp.size, stamp.mtime_ns):
            self._write(lambda db: db.execute(
                "UPDATE files SET size = ?, mtime_ns = ?, seen = ? WHERE feed = ? AND path = ?",
                (stamp.size, stamp.mtime_ns, self.now().isoformat(), feed, stamp.path)))
        return sorted(ids)

    def record_file(self, feed: str, stamp: FileStamp) -> None:
        """Remember that ``stamp``'s file was processed for ``feed`` (see :meth:`file_seen`)."""
        self._write(lambda db: db.execute(
            "INSERT OR REPLACE INTO files (feed, path, size, mtime_ns, digest, seen) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (feed, stamp.path, stamp.size, stamp.mtime_ns, stamp.digest, self.now().isoformat())))

    def remove(self, ident: str, feed: str | None = None) -> list[str]:
        """Delete the article ``ident`` (from ``feed``, or from every feed); return the feeds."""
        def work(db: sqlite3.Connection) -> list[str]:
            if feed is None:
                found = [r[0] for r in db.execute(
                    "SELECT feed FROM articles WHERE id = ? ORDER BY feed", (ident,))]
                db.execute("DELETE FROM articles WHERE id = ?", (ident,))
                db.execute("DELETE FROM versions WHERE id = ?", (ident,))
            else:
                found = [r[0] for r in db.execute(
                    "SELECT feed FROM articles WHERE feed = ? AND id = ?", (feed, ident))]
                db.execute("DELETE FROM articles WHERE feed = ? AND id = ?", (feed, ident))
                db.execute("DELETE FROM versions WHERE feed = ? AND id = ?", (feed, ident))
            return found

        return self._write(work)


def parse_with(engine: Any, doc: Document, *, parser: str | None = None,
               parsers: Sequence[str] = ()) -> list[Article]:
    """Parse ``doc`` with ``parser``, or the best-scoring of ``parsers`` (all when empty)."""
    return engine.parse_document(doc, choice(parser, parsers))


def choice(parser: str | None, parsers: Sequence[str]) -> str | tuple[str, ...] | None:
    """What :meth:`Engine.choose` is given for ``parser`` or a feed's ``parsers``."""
    return parser or tuple(parsers) or None
