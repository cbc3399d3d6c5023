"""Building feed files from the store: :func:`build` and its :class:`BuildResult`.

A feed's newest stored articles are collected (rows that cannot be used are left out and
named), rendered in every chosen format, and written atomically: files whose bytes would
not change are not touched.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import FeedSettings, check_feed_name
from ..errors import UsageError, WartaError, display_path
from ..feeds.feed import FeedCollector
from ..feeds.spill import SpillFailed
from ..feeds.publish import choose_writers, publish
from .storeread import StoreReading


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


def build(store: StoreReading, settings: FeedSettings, folder: str | os.PathLike[str], *,
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
        except SpillFailed:
            raise  # not this row's fault: the build cannot go on
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
    try:
        published = publish(feed, target, chosen)
        result = BuildResult(name=name, folder=target, items=len(feed.items),
                             skipped=skipped + feed.errors, changed=published.changed)
    finally:
        feed.close()
    for path in published.paths:
        result.paths.append(path)
        self_url = feed.self_url(path.name)
        if self_url:
            result.self_urls[path] = self_url
    return result
