"""The store's revision rules: what a newly parsed copy of an article does to the stored one.

* An id the feed does not hold yet is ``new``.
* The same content again (the same digest, or any version the store has already seen) is
  ``unchanged``: the feed never flips back and forth between two saved copies.
* A stored row that is damaged is replaced by the copy (``changed``).
* Another copy of an article first seen in the same batch is ``merged`` into it, with no
  ``updated`` from the clock (nobody has seen the article yet).
* Otherwise the article is ``changed``: :func:`revise` keeps its id and ``published`` and
  gives it a new ``updated``.

:func:`put_article` applies these rules to one article inside the store's transaction;
:class:`PutResult` counts what happened.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime

from ..errors import WartaError
from ..feeds.feed import item_date
from ..model import Article
from .storeread import stored_article


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


def copy_article(article: Article) -> Article:
    """A copy of ``article`` that shares nothing with it."""
    return Article.from_dict(article.to_dict())


def put_article(db: sqlite3.Connection, feed: str, article: Article, now: datetime,
                stamp: str, result: PutResult, fresh: set[str] | None) -> None:
    """Store one admitted ``article`` in ``feed`` (inside the caller's transaction), by the
    rules above; ``stamp`` is ``now`` as recorded, ``fresh`` as in :meth:`Store.put`."""
    digest = content_digest(article)
    row = db.execute("SELECT record, digest FROM articles WHERE feed = ? AND id = ?",
                     (feed, article.id)).fetchone()
    old = stored_article(row[0]) if row is not None else None
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
        record = copy_article(article)
        record.published = old.published or record.published
        result.merged.append(ident)
    else:
        record = revise(old, copy_article(article), now)
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
