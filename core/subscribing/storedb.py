"""The store's SQLite file: its schema and migrations, opening it, retrying locked work.

:func:`connect` opens (creating, migrating) a store for writing; :func:`connect_readonly`
opens an existing one for reading only, changing nothing on disk. :func:`retry` reruns
work while another process holds the lock. :class:`warta.store.Store` builds on these.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import WartaError

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
    (
        # How a processed file was read (warta's version, the plugins and their versions, the
        # add's options: see warta.store.reading_key) and the ids of the articles it gave: a
        # page whose bytes, reading and articles are all still there is not parsed again.
        # NULL (files recorded before, or by watch): unknown, so the page is parsed again.
        "ALTER TABLE files ADD COLUMN reading TEXT",
        "ALTER TABLE files ADD COLUMN ids TEXT",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

BUSY_TIMEOUT_MS = 30_000
RETRIES = 8


def _newer_schema(version: int, label: str) -> WartaError:
    return WartaError(
        f"the store has schema version {version}, newer than this warta "
        f"understands ({SCHEMA_VERSION}); upgrade warta", path=label)


def connect_readonly(path: Path, timeout: float) -> sqlite3.Connection:
    """Open an existing store for reading only, changing nothing on disk.

    Where the file and its folder can be written, an ordinary connection with
    ``PRAGMA query_only``: it refuses every write, and, closing last, removes the -wal and
    -shm files a WAL store needs while it is read (``mode=ro`` would leave them behind).
    Else ``mode=ro``, and ``immutable=1`` when SQLite cannot even create the
    shared-memory file beside the store (a read-only folder).
    """
    label = str(path)
    if path.is_dir():
        raise WartaError("is a folder, not a store file", path=label)
    if not path.is_file():
        raise WartaError("no such store file", path=label)
    uri = path.resolve().as_uri()
    failure: sqlite3.Error | None = None
    queries = ["?mode=ro", "?mode=ro&immutable=1"]
    if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
        queries.insert(0, "?mode=rw")
    for query in queries:
        try:
            db = sqlite3.connect(uri + query, uri=True, timeout=timeout,
                                 isolation_level=None)
        except sqlite3.Error as exc:
            failure = exc
            continue
        try:
            db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
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
            raise _newer_schema(version, label)
        return db
    if failure is not None and "no such table" in str(failure).lower():
        raise WartaError("not a warta store (it has no articles table)", path=label)
    raise WartaError(f"cannot open the store: {failure}", path=label)


def connect(path: Path, timeout: float) -> sqlite3.Connection:
    """Open the store for writing (creating its folder and file), migrated to
    :data:`SCHEMA_VERSION`, in WAL mode."""
    label = str(path)
    if path.is_dir():
        raise WartaError("is a folder, not a store file", path=label)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise WartaError(f"cannot open the store: {exc}", path=label) from None
    try:
        db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        retry(lambda: db.execute("PRAGMA journal_mode = WAL").fetchone(), path)
        db.execute("PRAGMA synchronous = NORMAL")
        migrate(db, path)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise WartaError(f"not a warta store ({exc})", path=label) from None
    except WartaError:
        db.close()
        raise
    return db


def migrate(db: sqlite3.Connection, path: Path) -> None:
    """Bring the store to :data:`SCHEMA_VERSION` in one transaction; refuse a newer one."""
    def step() -> None:
        db.execute("BEGIN IMMEDIATE")
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise _newer_schema(version, str(path))
            for number in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[number]:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number + 1}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    retry(step, path)


def retry(work: Callable[[], Any], path: Path) -> Any:
    """Run ``work``; when another process holds the lock past the busy timeout, retry."""
    delay = 0.05
    for attempt in range(RETRIES):
        try:
            return work()
        except sqlite3.OperationalError as exc:
            message = str(exc).lower()
            if ("locked" not in message and "busy" not in message) or attempt == RETRIES - 1:
                if "locked" in message or "busy" in message:
                    raise WartaError("the store stayed locked by another warta process; "
                                     "try again", path=str(path)) from None
                raise WartaError(f"store error: {exc}", path=str(path)) from None
            time.sleep(delay)
            delay = min(delay * 2, 2.0)
    raise AssertionError("unreachable")  # pragma: no cover
