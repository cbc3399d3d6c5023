"""Rendering a Feed with the registered writers and writing the files atomically.

The one place where formats are checked, every file is rendered before any is written (a
failing writer leaves the previous files untouched), and each file is replaced atomically.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import UsageError
from .feed import Feed
from .output import write_atomic

DEFAULT_FORMATS = ("rss", "atom", "json")


def choose_writers(formats: Iterable[str], engine: Any) -> list[Any]:
    """The writers for ``formats`` (de-duplicated, in order); an unknown name is a UsageError."""
    writers = engine.writers
    chosen = []
    for name in dict.fromkeys(formats):
        if name not in writers:
            raise UsageError(f"unknown format {name!r} (known: {', '.join(sorted(writers))})")
        chosen.append(writers[name])
    return chosen


def render(feed: Feed, folder: str | os.PathLike[str], writers: Iterable[Any]) -> list[tuple[Path, bytes]]:
    """Every writer's file for ``feed``: (path in ``folder``, bytes), nothing written yet.

    An item a writer cannot render is left out of that file only (the built-in writers
    record it in ``feed.errors``); a writer that fails as a whole raises, and then no file is
    written at all (the previous set stays consistent).
    """
    return [(Path(folder) / w.filename, w.render(feed)) for w in writers]


def write_rendered(rendered: Iterable[tuple[Path, bytes]]) -> list[Path]:
    """Write rendered files atomically; return the ones whose bytes changed.

    A file that cannot be written raises WartaError (``path: cannot write: reason``); the
    files written before it stay written, the ones after it are left as they were.
    """
    return [path for path, data in rendered if write_atomic(path, data)]


def write_feed(feed: Feed, folder: str | os.PathLike[str] = "feeds", *,
               formats: Iterable[str] = DEFAULT_FORMATS, engine: Any | None = None) -> list[Path]:
    """Render ``feed`` in each format and write it into ``folder``; return the paths.

    Every file is replaced atomically; a file whose bytes would not change is left alone.
    """
    from .engine import default_engine

    rendered = render(feed, folder, choose_writers(formats, engine or default_engine()))
    write_rendered(rendered)
    return [path for path, _ in rendered]
