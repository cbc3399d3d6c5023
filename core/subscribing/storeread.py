"""Reading the feed store: its feeds, a feed's articles and ``warta list`` entries, files seen.

:class:`StoreReading` holds the queries every reader needs (``warta list``, ``warta build``,
``watch``); :class:`warta.store.Store` adds the writing. A row damaged by hand is skipped
with a message naming its id, and the other rows are used.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..reading.document import record_path
from ..errors import WartaError
from ..model import Article


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


def read_record(record: Any) -> Article:
    """The Article of a stored record; ValueError (or TypeError...) when the row is damaged."""
    data = json.loads(record)
    if not isinstance(data, dict):
        raise ValueError(f"the record is a JSON {type(data).__name__}, not an object")
    return Article.from_dict(data).check_types()


def stored_article(record: Any) -> Article | None:
    """The Article of a stored record, or None when the row is damaged."""
    try:
        return read_record(record)
    except (ValueError, TypeError, AttributeError, KeyError, RecursionError):
        return None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


class StoreReading:
    """The store's read queries, on an open connection ``db`` to the store file ``path``."""

    path: Path
    db: sqlite3.Connection

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
        for (ident, *_), article in self._valid_rows(feed, (), skipped):
            yield ident, article

    def _valid_rows(self, feed: str, columns: tuple[str, ...], skipped: list[WartaError] | None,
                    ) -> Iterator[tuple[tuple, Article]]:
        """((id, *columns), Article) of the feed's rows whose record reads (and whose other
        ``columns`` hold text), newest first (ties by id); the others skipped or raised as
        in :meth:`iter_articles`. Building and ``warta list`` read rows the same way."""
        extra = "".join(f", {column}" for column in columns)
        for ident, record, *values in self._rows(
                f"SELECT id, record{extra} FROM articles WHERE feed = ? "
                "ORDER BY COALESCE(sort_ts, 0.0) DESC, id ASC", (feed,)):
            try:
                article = read_record(record)
                if columns and not all(isinstance(v, str) for v in (ident, *values)):
                    raise ValueError("a column holds something other than text")
            except (ValueError, TypeError, AttributeError, KeyError, RecursionError) as exc:
                error = self._damaged(ident, exc)
                if skipped is None:
                    raise error from None
                skipped.append(error)
                continue
            yield (ident, *values), article

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
        for (ident, first_seen, changed), article in self._valid_rows(feed, ("first_seen", "changed"), skipped):
            result.append(Entry(ident, article.title, article.url, _iso(article.published),
                                _iso(article.updated), first_seen, changed))
        return result
