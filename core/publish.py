"""Rendering a Feed with the registered writers and writing the files atomically."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .errors import UsageError
from .feed import Feed
from .output import write_atomic

DEFAULT_FORMATS = ("rss", "atom", "json")


def write_feed(feed: Feed, folder: str | os.PathLike[str] = "feeds", *,
               formats: Iterable[str] = DEFAULT_FORMATS, engine: object | None = None) -> list[Path]:
    """Render ``feed`` in each format and write it into ``folder``; return the paths.

    Every file is replaced atomically; a file whose bytes would not change is left alone.
    """
    from .engine import default_engine

    writers = (engine or default_engine()).writers  # type: ignore[attr-defined]
    chosen = []
    for name in formats:
        if name not in writers:
            known = ", ".join(sorted(writers))
            raise UsageError(f"unknown format {name!r} (known: {known})")
        chosen.append(writers[name])
    rendered = [(Path(folder) / w.filename, w.render(feed)) for w in chosen]
    for path, data in rendered:
        write_atomic(path, data)
    return [path for path, _ in rendered]
