"""The items of a feed with no limit (``--limit 0``), kept in a temporary database, not in memory.

A feed of every article would otherwise hold every article in memory twice over (the records
and the rendered files: ~35 MiB per 1,000 items). :class:`SpilledItems` keeps each article
(its record, with the copies it was merged from) in a private temporary SQLite database, which
SQLite keeps in a few MiB of cache and spills to a file in its temporary folder
(``SQLITE_TMPDIR``, else ``TMPDIR``, else ``/var/tmp`` or ``/tmp``) and removes when it is
closed. The feed's order (newest first, ties by id) comes from an index built once the
articles are all in, and the dates the writers need before the items (the newest date, each
Atom entry's ``updated``) are read from columns, without loading an article.

:class:`warta.feeds.feed.FeedCollector` uses it when it has no limit; to writers it is a
read-only sequence of articles, read one at a time.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import overload

from ..errors import WartaError
from ..model import Article
from .feeditem import item_date, shown_date

#: Pages of SQLite cache the database may hold in memory (negative: KiB).
CACHE_KIB = 4096
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_US = timedelta(microseconds=1)
_ORDER = "ORDER BY sort_us DESC, id ASC, grp ASC"


class SpillFailed(WartaError):
    """The temporary database could not be written or read (a full or unwritable temporary
    folder): the run cannot go on, unlike an article that is refused."""


@contextmanager
def _storage() -> Iterator[None]:
    """SQLite's errors as one :class:`SpillFailed` line naming where its files go."""
    try:
        yield
    except sqlite3.Error as exc:
        folder = os.environ.get("SQLITE_TMPDIR") or os.environ.get("TMPDIR") or "/var/tmp or /tmp"
        raise SpillFailed(f"cannot keep the feed's items in a temporary file in {folder} "
                          f"(SQLITE_TMPDIR, TMPDIR): {exc}") from None


class _Database:
    """A private temporary SQLite database (removed when closed) whose errors are
    :class:`SpillFailed`."""

    def __init__(self, owner: object) -> None:
        with _storage():
            db = sqlite3.connect("", check_same_thread=False, isolation_level=None)
            for pragma in (f"cache_size=-{CACHE_KIB}", "journal_mode=OFF", "synchronous=OFF",
                           "temp_store=FILE"):
                db.execute(f"PRAGMA {pragma}")
        self._db = db
        self.close = weakref.finalize(owner, db.close)

    @property
    def in_transaction(self) -> bool:
        return self._db.in_transaction

    def execute(self, sql: str, args: Iterable[object] = ()) -> sqlite3.Cursor:
        with _storage():
            return self._db.execute(sql, tuple(args))

    def executemany(self, sql: str, rows: Iterable[Iterable[object]]) -> None:
        with _storage():
            self._db.executemany(sql, rows)

    def rows(self, sql: str, args: Iterable[object] = ()) -> Iterator[tuple]:
        """The rows of a query, read as they are iterated."""
        with _storage():
            yield from self._db.execute(sql, tuple(args))


def microseconds(when: datetime | None) -> int | None:
    """``when`` as whole microseconds since 1970 (UTC), the order datetimes compare in."""
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return (when - _EPOCH) // _US


def _iso(when: datetime | None) -> str | None:
    """``when`` as ISO text, its own UTC offset kept (feeds show the page's offset)."""
    return None if when is None else when.isoformat()


def _dump(articles: list[Article]) -> bytes:
    """Articles as their records (``Article.to_dict``, the record format every store and
    dataset of warta round-trips), pickled: five times faster than pickling the objects."""
    return pickle.dumps([a.to_dict() for a in articles], protocol=pickle.HIGHEST_PROTOCOL)


def _load(blob: bytes) -> list[Article]:
    return [Article.from_dict(record) for record in pickle.loads(blob)]


class SpilledItems(Sequence[Article]):
    """Articles by group (the collector's key), each with the copies it was merged from.

    While collecting: :meth:`copies`, :meth:`put`, :meth:`delete`, :meth:`url_group` and
    :meth:`claim_url_group`. Once collected, a sequence of the articles newest first (ties
    by id), each read from the database as it is reached.
    """

    def __init__(self) -> None:
        db = _Database(self)
        db.execute("CREATE TABLE items (grp TEXT PRIMARY KEY, sort_us INTEGER NOT NULL, id TEXT NOT NULL,"
                   " shown TEXT, dated INTEGER NOT NULL, site TEXT, language TEXT, article BLOB NOT NULL,"
                   " copies BLOB)")
        db.execute("CREATE TABLE url_groups (fallback TEXT PRIMARY KEY, grp TEXT NOT NULL)")
        db.execute("BEGIN")  # one transaction while collecting: each put is then ~2x cheaper
        self._db = db
        self._indexed = False

    # -- collecting ---------------------------------------------------------------------

    def copies(self, *groups: str) -> dict[str, list[Article]]:
        """The copies behind the articles held for ``groups`` (those held), by group."""
        marks = ", ".join("?" * len(groups))
        rows = self._db.rows(f"SELECT grp, article, copies FROM items WHERE grp IN ({marks})", groups)
        return {group: _load(copies if copies is not None else article) for group, article, copies in rows}

    def put(self, group: str, copies: list[Article], merged: Article) -> None:
        """Hold ``merged`` (made of ``copies``) for ``group``, in place of what was held."""
        when = item_date(merged)
        self._db.execute(
            "INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (group, microseconds(when) or 0, merged.id or "", _iso(shown_date(merged)),
             when is not None, merged.site, merged.language, _dump([merged]),
             _dump(copies) if len(copies) > 1 else None))

    def delete(self, group: str) -> None:
        self._db.execute("DELETE FROM items WHERE grp = ?", (group,))

    def url_group(self, fallback: str) -> str | None:
        """The group that the copies without a URL whose id is ``fallback`` belong to."""
        row = self._db.execute("SELECT grp FROM url_groups WHERE fallback = ?", (fallback,)).fetchone()
        return row[0] if row else None

    def claim_url_group(self, fallback: str, group: str) -> str:
        """``fallback``'s group: ``group`` unless another claimed it first (dict.setdefault)."""
        held = self.url_group(fallback)
        if held is None:
            self._db.execute("INSERT INTO url_groups VALUES (?, ?)", (fallback, group))
        return held or group

    # -- reading --------------------------------------------------------------------------

    def _query(self, columns: str, tail: str = "", args: tuple = ()) -> Iterator[tuple]:
        if not self._indexed:  # built once, after the last put: cheaper than keeping it up
            if self._db.in_transaction:
                self._db.execute("COMMIT")
            self._db.execute("CREATE INDEX IF NOT EXISTS feed_order ON items (sort_us DESC, id, grp)")
            self._indexed = True
        return self._db.rows(f"SELECT {columns} FROM items {_ORDER} {tail}", args)

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM items").fetchone()[0]

    def __iter__(self) -> Iterator[Article]:
        for (blob,) in self._query("article"):
            yield _load(blob)[0]

    @overload
    def __getitem__(self, index: int) -> Article: ...

    @overload
    def __getitem__(self, index: slice) -> list[Article]: ...

    def __getitem__(self, index: int | slice) -> Article | list[Article]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        count = len(self)
        position = index + count if index < 0 else index
        if not 0 <= position < count:
            raise IndexError("feed item index out of range")
        (blob,) = next(self._query("article", "LIMIT 1 OFFSET ?", (position,)))
        return _load(blob)[0]

    def shown_dates(self) -> Iterator[tuple[str, datetime | None]]:
        """(id, :func:`shown_date`) of each item in feed order, without loading articles."""
        for ident, value in self._query("id, shown"):
            yield ident, datetime.fromisoformat(value) if value is not None else None

    def sites_and_languages(self) -> Iterator[tuple[str | None, str | None]]:
        """(site, language) of each item in feed order, without loading articles."""
        return iter(self._query("site, language"))

    def undated(self) -> int:
        """How many items have neither an update nor a publication date."""
        return self._db.execute("SELECT COUNT(*) FROM items WHERE NOT dated").fetchone()[0]

    def close(self) -> None:
        """Remove the database (also done when the object is garbage-collected)."""
        self._db.close()


class SeenSet:
    """A set of strings or integers that stays small in memory: the first :attr:`IN_MEMORY`
    in a Python set, then all of them in a temporary SQLite database (as :class:`SpilledItems`)."""

    #: Members held in memory (about 100 bytes each) before they move to the database.
    IN_MEMORY = 50_000

    def __init__(self) -> None:
        self._set: set[str | int] = set()
        self._db: _Database | None = None

    def add(self, ident: str | int) -> bool:
        """Add ``ident``; True when it was not there yet."""
        if self._db is None:
            if ident in self._set:
                return False
            self._set.add(ident)
            if len(self._set) > self.IN_MEMORY:
                self._spill()
            return True
        return self._db.execute("INSERT OR IGNORE INTO ids VALUES (?)", (ident,)).rowcount == 1

    def _spill(self) -> None:
        db = _Database(self)
        db.execute("CREATE TABLE ids (id PRIMARY KEY) WITHOUT ROWID")  # no affinity: str or int
        db.executemany("INSERT INTO ids VALUES (?)", ((i,) for i in self._set))
        self._set = set()
        self._db = db


__all__ = ["SeenSet", "SpillFailed", "SpilledItems", "microseconds"]
