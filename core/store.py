"""The feed store: every article added to a feed, kept in SQLite, so feeds grow page by page.

One file (default ``feeds/warta.db``) holds, per feed name, each article's record (the
``warta parse`` JSON), a digest of what the page said, when it was first added and when it
last changed. The rules subscribers rely on:

* Adding the same page again changes nothing (not one byte of any feed). Nor does adding
  a version of an article that the store has already seen (say an older saved copy, or an
  excerpt next to the whole page): the feed never flips back and forth between copies.
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
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from .config import FeedSettings, check_feed_name
from .document import Document, record_path
from .errors import UsageError, WartaError, display_path
from .feed import FeedCollector, admit, item_date
from .loaders import Input, read_input
from .model import Article
from .publish import choose_writers, render, write_rendered
from .urlmap import url_for

#: Where the store lives unless ``--store`` or ``warta.toml`` says otherwise.
DEFAULT_STORE = Path("feeds") / "warta.db"

#: Schema migrations: entry N-1 takes a store from version N-1 to N.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE articles (
            feed TEXT NOT NULL,
            id TEXT NOT NULL,
            record TEXT NOT NULL,        -- Article.to_dict() as JSON, as the feeds show it
            digest TEXT NOT NULL,        -- sha256 of what the page said (see content_digest)
            sort_ts REAL,                -- item date (updated, else published) as a timestamp
            first_seen TEXT NOT NULL,    -- when it was first added (store clock)
            changed TEXT NOT NULL,       -- when its content last changed (store clock)
            PRIMARY KEY (feed, id)
        ) WITHOUT ROWID""",
        "CREATE INDEX articles_newest ON articles (feed, sort_ts DESC, id)",
        """CREATE TABLE files (
            feed TEXT NOT NULL,
            path TEXT NOT NULL,          -- absolute path of a processed input
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            digest TEXT NOT NULL,        -- sha256 of the file's bytes
            seen TEXT NOT NULL,
            PRIMARY KEY (feed, path)
        ) WITHOUT ROWID""",
    ),
    (
        # Every version of an article the store has seen: two saved copies of one article
        # (an excerpt and the whole page) must not flip the feed back and forth on each add.
        """CREATE TABLE versions (
            feed TEXT NOT NULL,
            id TEXT NOT NULL,
            digest TEXT NOT NULL,
            PRIMARY KEY (feed, id, digest)
        ) WITHOUT ROWID""",
        "INSERT OR IGNORE INTO versions (feed, id, digest) SELECT feed, id, digest FROM articles",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

_BUSY_TIMEOUT_MS = 30_000
_RETRIES = 8

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The real time, in UTC, to the second (the CLI's clock)."""
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(slots=True)
class PutResult:
    """What one :meth:`Store.put` / :meth:`Store.add` did."""

    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    #: Other copies of an article that was new in the same batch (see :meth:`Store.put`).
    merged: list[str] = field(default_factory=list)
    skipped_files: int = 0
    failed: list[WartaError] = field(default_factory=list)

    def merge(self, other: PutResult) -> None:
        self.new += other.new
        self.changed += other.changed
        self.unchanged += other.unchanged
        self.merged += other.merged
        self.skipped_files += other.skipped_files
        self.failed += other.failed

    @property
    def touched(self) -> bool:
        """True when a feed built from the store may now differ."""
        return bool(self.new or self.changed)

    def summary(self) -> str:
        parts = [f"{len(self.new)} new", f"{len(self.changed)} changed",
                 f"{len(self.unchanged)} unchanged"]
        if self.merged:
            parts.append(f"{len(self.merged)} copy/copies merged")
        if self.skipped_files:
            parts.append(f"{self.skipped_files} file(s) already added")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        return ", ".join(parts)


@dataclass(slots=True, frozen=True)
class FileStamp:
    """A processed input file: path, size, modification time and content digest."""

    path: str  #: the resolved path, as valid Unicode (see :func:`warta.document.record_path`)
    size: int
    mtime_ns: int
    digest: str

    @classmethod
    def of(cls, path: str | Path) -> FileStamp:
        """Stamp ``path`` (its bytes are hashed in chunks: a huge file costs no memory)."""
        resolved = Path(path).resolve()
        with open(resolved, "rb") as handle:
            info = os.fstat(handle.fileno())
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        # The key kept in the store: a name that is not UTF-8 has each undecodable byte
        # written \xNN (SQLite takes only valid Unicode; the raw name raised out of `add`).
        return cls(record_path(str(resolved)), info.st_size, info.st_mtime_ns, digest)


@dataclass(slots=True)
class Entry:
    """One stored article as ``warta list`` shows it."""

    id: str
    title: str | None
    url: str | None
    published: str | None
    updated: str | None
    first_seen: str
    changed: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "url": self.url, "published": self.published,
                "updated": self.updated, "first_seen": self.first_seen, "changed": self.changed}


def content_digest(article: Article) -> str:
    """sha256 of what the page said: the record without where it was read from."""
    record = article.to_dict()
    record.pop("input", None)
    data = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def revise(old: Article, new: Article, now: datetime) -> Article:
    """``new`` as the changed version of ``old``: same id and ``published``, a new ``updated``.

    ``updated`` is the page's own update time when it is later than what the store knew,
    else ``now`` (shown in the offset of the article's publication time, when known).
    """
    new.id = old.id
    if old.published is not None:  # the date and how it is known go together
        new.published = old.published
        new.published_source, new.published_precision = old.published_source, old.published_precision
    known = old.updated or old.published
    if not (new.updated and (known is None or new.updated > known)):
        zone = new.published.tzinfo if new.published else None
        new.updated = now.astimezone(zone) if zone else now
    return new


class Store:
    """The SQLite feed store. Use as a context manager, or call :meth:`close`.

    ``clock`` gives the time recorded for additions and changes (inject a fixed one in
    tests); it must return timezone-aware datetimes.
    """

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_STORE, *,
                 clock: Clock | None = None, timeout: float = _BUSY_TIMEOUT_MS / 1000,
                 readonly: bool = False) -> None:
        self.path = Path(path)
        self.clock: Clock = clock or system_clock
        self._timeout = timeout
        #: Opened for reading only (see :meth:`_connect_readonly`): reading works on a
        #: read-only disk or folder, changes nothing on disk, and every write fails with a
        #: WartaError.
        self.readonly = readonly
        self.db = self._connect_readonly() if readonly else self._connect()

    # -- opening and migrating ---------------------------------------------------------

    def _connect_readonly(self) -> sqlite3.Connection:
        """Open an existing store for reading only, changing nothing on disk.

        Where the file and its folder can be written, an ordinary connection with
        ``PRAGMA query_only``: it refuses every write, and, closing last, removes the -wal and
        -shm files a WAL store needs while it is read (``mode=ro`` would leave them behind).
        Else ``mode=ro``, and ``immutable=1`` when SQLite cannot even create the
        shared-memory file beside the store (a read-only folder).
        """
        label = str(self.path)
        if self.path.is_dir():
            raise WartaError("is a folder, not a store file", path=label)
        if not self.path.is_file():
            raise WartaError("no such store file", path=label)
        uri = self.path.resolve().as_uri()
        failure: sqlite3.Error | None = None
        queries = ["?mode=ro", "?mode=ro&immutable=1"]
        if os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK):
            queries.insert(0, "?mode=rw")
        for query in queries:
            try:
                db = sqlite3.connect(uri + query, uri=True, timeout=self._timeout,
                                     isolation_level=None)
            except sqlite3.Error as exc:
                failure = exc
                continue
            try:
                db.execute(f"PRAGMA busy_timeout = {int(self._timeout * 1000)}")
                db.execute("PRAGMA query_only = ON")
                version = db.execute("PRAGMA user_version").fetchone()[0]
                db.execute("SELECT 1 FROM articles LIMIT 1").fetchall()
            except sqlite3.OperationalError as exc:
                db.close()
                failure = exc
                message = str(exc).lower()
                if "unable to open" in message or "readonly" in message or "read-only" in message:
                    continue  # cannot write or create -shm here: try the next, stricter way
                break
            except sqlite3.DatabaseError as exc:
                db.close()
                raise WartaError(f"not a warta store ({exc})", path=label) from None
            if version > SCHEMA_VERSION:
                db.close()
                raise WartaError(
                    f"the store has schema version {version}, newer than this warta "
                    f"understands ({SCHEMA_VERSION}); upgrade warta", path=label)
            return db
        if failure is not None and "no such table" in str(failure).lower():
            raise WartaError("not a warta store (it has no articles table)", path=label)
        raise WartaError(f"cannot open the store: {failure}", path=label)

    def _connect(self) -> sqlite3.Connection:
        label = str(self.path)
        if self.path.is_dir():
            raise WartaError("is a folder, not a store file", path=label)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise WartaError(f"cannot open the store: {exc}", path=label) from None
        try:
            db.execute(f"PRAGMA busy_timeout = {int(self._timeout * 1000)}")
            self._retry(lambda: db.execute("PRAGMA journal_mode = WAL").fetchone())
            db.execute("PRAGMA synchronous = NORMAL")
            self._migrate(db)
        except sqlite3.DatabaseError as exc:
            db.close()
            raise WartaError(f"not a warta store ({exc})", path=label) from None
        except WartaError:
            db.close()
            raise
        return db

    def _migrate(self, db: sqlite3.Connection) -> None:
        def step() -> None:
            db.execute("BEGIN IMMEDIATE")
            try:
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise WartaError(
                        f"the store has schema version {version}, newer than this warta "
                        f"understands ({SCHEMA_VERSION}); upgrade warta",
                        path=str(self.path),
                    )
                for number in range(version, SCHEMA_VERSION):
                    for statement in MIGRATIONS[number]:
                        db.execute(statement)
                    db.execute(f"PRAGMA user_version = {number + 1}")
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise

        self._retry(step)

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
        delay = 0.05
        for attempt in range(_RETRIES):
            try:
                return work()
            except sqlite3.OperationalError as exc:
                message = str(exc).lower()
                if ("locked" not in message and "busy" not in message) or attempt == _RETRIES - 1:
                    if "locked" in message or "busy" in message:
                        raise WartaError("the store stayed locked by another warta process; "
                                         "try again", path=str(self.path)) from None
                    raise WartaError(f"store error: {exc}", path=str(self.path)) from None
                time.sleep(delay)
                delay = min(delay * 2, 2.0)
        raise AssertionError("unreachable")  # pragma: no cover

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
            fresh: set[str] | None = None) -> PutResult:
        """Store parsed ``articles`` in ``feed`` in one transaction (and record ``file``).

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
                self._put_one(db, feed, article, now, stamp, result, fresh)
            if file is not None:
                db.execute(
                    "INSERT OR REPLACE INTO files (feed, path, size, mtime_ns, digest, seen) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (feed, file.path, file.size, file.mtime_ns, file.digest, stamp),
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

    @staticmethod
    def _put_one(db: sqlite3.Connection, feed: str, article: Article, now: datetime,
                 stamp: str, result: PutResult, fresh: set[str] | None) -> None:
        digest = content_digest(article)
        row = db.execute("SELECT record, digest FROM articles WHERE feed = ? AND id = ?",
                         (feed, article.id)).fetchone()
        old = _stored(row[0]) if row is not None else None
        if old is not None and (row[1] == digest or db.execute(
                "SELECT 1 FROM versions WHERE feed = ? AND id = ? AND digest = ?",
                (feed, article.id, digest)).fetchone()):
            result.unchanged.append(article.id or "")
            return
        db.execute("INSERT OR IGNORE INTO versions (feed, id, digest) VALUES (?, ?, ?)",
                   (feed, article.id, digest))
        ident = article.id or ""
        if row is None:
            record = article
            result.new.append(ident)
            if fresh is not None:
                fresh.add(ident)
        elif old is None:
            record = article  # the stored row was damaged: this copy repairs it
            result.changed.append(ident)
        elif fresh is not None and ident in fresh:
            record = _copy(article)
            record.published = old.published or record.published
            result.merged.append(ident)
        else:
            record = revise(old, _copy(article), now)
            result.changed.append(article.id or "")
        when = item_date(record)
        values = (json.dumps(record.to_dict(), ensure_ascii=False, separators=(",", ":")),
                  digest, when.timestamp() if when else None)
        if row is None:
            db.execute(
                "INSERT INTO articles (feed, id, record, digest, sort_ts, first_seen, changed) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (feed, article.id, *values, stamp, stamp),
            )
        else:
            db.execute(
                "UPDATE articles SET record = ?, digest = ?, sort_ts = ?, changed = ? "
                "WHERE feed = ? AND id = ?",
                (*values, stamp, feed, article.id),
            )

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
                 skip_seen: bool = False, fresh: set[str] | None = None) -> PutResult:
        """Parse one input and store it (recording the file); raise WartaError if it fails.

        ``fresh``: see :meth:`put`.
        """
        item = item if isinstance(item, Input) else Input(str(item))
        stamp = None
        if not item.is_stdin:
            if skip_seen and self.file_seen(feed, item.path):
                return PutResult(skipped_files=1)
            try:  # stamped before reading: a file that changes meanwhile is read again later
                stamp = FileStamp.of(item.path)
            except OSError:
                stamp = None
        doc = read_input(item, url=url)
        articles = parse_with(engine, doc, parser=parser, parsers=parsers)
        result = self.put(feed, articles, file=stamp, fresh=fresh)
        if result.failed and not (result.new or result.changed or result.unchanged):
            raise result.failed[0]
        return result

    # -- processed files ---------------------------------------------------------------

    def file_seen(self, feed: str, path: str | Path, *, digest: str | None = None) -> bool:
        """True when ``path`` was processed for ``feed`` and has not changed since.

        Unchanged means the same size and modification time, or (when ``digest`` is given)
        the same content.
        """
        resolved = Path(path).resolve()
        row = next(self._rows("SELECT size, mtime_ns, digest FROM files WHERE feed = ? AND path = ?",
                              (feed, record_path(str(resolved)))), None)
        if row is None:
            return False
        try:
            info = resolved.stat()
        except OSError:
            return False
        if (info.st_size, info.st_mtime_ns) == (row[0], row[1]):
            return True
        return digest is not None and digest == row[2]

    def record_file(self, feed: str, stamp: FileStamp) -> None:
        """Remember that ``stamp``'s file was processed for ``feed``."""
        self._write(lambda db: db.execute(
            "INSERT OR REPLACE INTO files (feed, path, size, mtime_ns, digest, seen) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (feed, stamp.path, stamp.size, stamp.mtime_ns, stamp.digest, self.now().isoformat())))

    # -- reading -----------------------------------------------------------------------

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        """The rows of a query; a damaged file or an I/O error is one WartaError."""
        try:
            cursor = self.db.execute(sql, params)
            while True:
                row = cursor.fetchone()
                if row is None:
                    return
                yield row
        except sqlite3.Error as exc:
            raise WartaError(f"cannot read the store: {exc}", path=str(self.path)) from None

    def feeds(self) -> list[tuple[str, int]]:
        """Every feed in the store with its number of articles, by name."""
        return [(str(r[0]), r[1]) for r in self._rows(
            "SELECT feed, COUNT(*) FROM articles GROUP BY feed ORDER BY feed")]

    def iter_articles(self, feed: str, skipped: list[WartaError] | None = None) -> Iterator[Article]:
        """The feed's articles, newest first (ties by id), read one row at a time.

        A row that does not hold a valid record (edited by hand, written by a broken tool)
        is skipped with a WartaError naming its id, appended to ``skipped``; without that
        list it is raised.
        """
        for _ident, article in self._stored_rows(feed, skipped):
            yield article

    def _stored_rows(self, feed: str, skipped: list[WartaError] | None,
                     ) -> Iterator[tuple[str, Article]]:
        """(row id, Article) of the feed's valid rows, newest first; damaged rows as in
        :meth:`iter_articles`. The row id is the one ``warta remove`` takes."""
        for ident, record in self._rows(
                "SELECT id, record FROM articles WHERE feed = ? "
                "ORDER BY COALESCE(sort_ts, 0.0) DESC, id ASC", (feed,)):
            try:
                article = _record(record)
            except (ValueError, TypeError, AttributeError, KeyError, RecursionError) as exc:
                error = self._damaged(ident, exc)
                if skipped is None:
                    raise error from None
                skipped.append(error)
                continue
            yield ident, article

    def _damaged(self, ident: Any, exc: BaseException) -> WartaError:
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        return WartaError(f"skipped the stored article {ident!r}: its record is damaged "
                          f"({reason}); remove it with `warta remove`", path=str(self.path))

    def articles(self, feed: str, limit: int | None = None, *,
                 skipped: list[WartaError] | None = None) -> list[Article]:
        """The feed's articles, newest first (ties by id), at most ``limit`` (None/0: all);
        damaged rows as in :meth:`iter_articles`."""
        found = []
        for article in self.iter_articles(feed, skipped):
            found.append(article)
            if limit and len(found) >= limit:
                break
        return found

    def entries(self, feed: str, *, skipped: list[WartaError] | None = None) -> list[Entry]:
        """What ``warta list`` shows for ``feed``, newest first; damaged rows as in
        :meth:`iter_articles`."""
        result = []
        for ident, record, first_seen, changed in self._rows(
                "SELECT id, record, first_seen, changed FROM articles WHERE feed = ? "
                "ORDER BY COALESCE(sort_ts, 0.0) DESC, id ASC", (feed,)):
            try:
                # The same check as building: a row list shows is a row build can use.
                article = _record(record)
                if not all(isinstance(v, str) for v in (ident, first_seen, changed)):
                    raise ValueError("a column holds something other than text")
            except (ValueError, TypeError, AttributeError, KeyError, RecursionError) as exc:
                error = self._damaged(ident, exc)
                if skipped is None:
                    raise error from None
                skipped.append(error)
                continue
            result.append(Entry(ident, article.title, article.url, _iso(article.published),
                                _iso(article.updated), first_seen, changed))
        return result

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
    if parser or not parsers:
        return engine.parse_document(doc, parser)
    allowed = set(parsers)
    ranked = [name for _score, name in engine.scores(doc) if name in allowed]
    if not ranked:
        raise WartaError(f"none of the feed's parsers ({', '.join(parsers)}) recognises this page",
                         path=doc.path)
    return engine.parse_document(doc, ranked[0])


def _record(record: Any) -> Article:
    """The Article of a stored record; ValueError (or TypeError...) when the row is damaged."""
    data = json.loads(record)
    if not isinstance(data, dict):
        raise ValueError(f"the record is a JSON {type(data).__name__}, not an object")
    return Article.from_dict(data).check_types()


def _stored(record: Any) -> Article | None:
    """The Article of a stored record, or None when the row is damaged."""
    try:
        return _record(record)
    except (ValueError, TypeError, AttributeError, KeyError, RecursionError):
        return None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _copy(article: Article) -> Article:
    return Article.from_dict(article.to_dict())


# -- building feed files from the store -------------------------------------------------


@dataclass(slots=True)
class BuildResult:
    """What :func:`build` wrote: every file, the ones whose bytes changed, their self URLs."""

    name: str
    folder: Path
    items: int
    paths: list[Path] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)
    self_urls: dict[Path, str] = field(default_factory=dict)
    #: Stored rows left out (damaged, or no writer could render them) and items a writer
    #: left out of its file: one WartaError each, naming the id.
    skipped: list[WartaError] = field(default_factory=list)

    @property
    def changed_urls(self) -> list[str]:
        """Self URLs of the files that changed (what a WebSub hub is told about)."""
        return [self.self_urls[p] for p in self.changed if p in self.self_urls]


def build(store: Store, settings: FeedSettings, folder: str | os.PathLike[str], *,
          engine: Any) -> BuildResult:
    """Write ``settings.name``'s newest ``limit`` articles as feed files into ``folder``.

    Every format is rendered before any file is written, and each file is replaced
    atomically, so a crash leaves the previous files intact. Files whose bytes would not
    change are not touched.
    """
    name = check_feed_name(settings.name)
    chosen = choose_writers(settings.formats, engine)
    if settings.hub and not settings.base_url:
        raise UsageError("a WebSub hub needs the feed's own URL: give --base-url (or base_url)")
    collector = FeedCollector(settings.limit)
    skipped: list[WartaError] = []
    for ident, article in store._stored_rows(name, skipped):
        try:
            collector.add(article)
        except WartaError as exc:  # stored before the rule existed: left out, named by the
            # row's id (the gate may have dropped the record's own, a javascript: URL)
            skipped.append(WartaError(f"skipped the stored article {ident!r}: "
                                      f"{exc.message}", path=str(store.path)))
            continue
        if settings.limit and collector.total >= settings.limit:
            break
    if not collector.total and skipped:
        raise WartaError(f"feed {name!r}: none of its {len(skipped)} stored article(s) can be "
                         f"built; the first: {skipped[0].message}", path=str(store.path))
    if not collector.total:
        raise WartaError(f"feed {name!r} has no articles in the store {display_path(str(store.path))}; "
                         "add pages first (warta add PAGE --feed NAME)")
    feed = engine.build_feed(collector, title=settings.title, link=settings.link,
                             description=settings.description, base_url=settings.base_url,
                             hub=settings.hub)
    target = Path(folder)
    rendered = render(feed, target, chosen)
    result = BuildResult(name=name, folder=target, items=len(feed.items),
                         skipped=skipped + feed.errors)
    result.changed = write_rendered(rendered)
    for path, _ in rendered:
        result.paths.append(path)
        self_url = feed.self_url(path.name)
        if self_url:
            result.self_urls[path] = self_url
    return result
