"""Rendering a Feed with the registered writers and writing the files atomically.

The one place where formats are checked, every file is rendered before any is written (a
failing writer leaves the previous files untouched), and the files are written as one set:
all of them reach the disk before any replaces its old copy.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import UsageError, WartaError, debugging, failure
from .feed import Feed
from .output import AtomicFile, write_set

DEFAULT_FORMATS = ("rss", "atom", "json")


def choose_writers(formats: Iterable[str], engine: Any, *, also: Iterable[str] = ()) -> list[Any]:
    """The writers for ``formats`` (de-duplicated, in order); an unknown name is a UsageError
    naming the known ones, the writers' and ``also`` (formats the caller handles itself, such
    as convert's ``parquet``)."""
    writers = engine.writers
    chosen = []
    for name in dict.fromkeys(formats):
        if name not in writers:
            known = ", ".join(sorted({*writers, *also}))
            raise UsageError(f"unknown format {name!r} (known: {known})")
        chosen.append(writers[name])
    return chosen


def render(feed: Feed, folder: str | os.PathLike[str], writers: Iterable[Any]) -> list[tuple[Path, bytes]]:
    """Every writer's file for ``feed``: (path in ``folder``, bytes), nothing written yet.

    An item a writer cannot render is left out of that file only (the built-in writers
    record it in ``feed.errors``); a writer that fails as a whole raises one WartaError
    (``path: the feed.xml writer failed: ...``), and then no file is written at all (the
    previous set stays consistent). ``WARTA_DEBUG=1`` lets the original exception through.
    """
    rendered = []
    for writer in writers:
        name = writer.filename
        if not isinstance(name, str) or name in ("", ".", "..") or Path(name).name != name:
            raise WartaError(f"a writer's filename must be a plain file name, not {name!r}",
                             path=str(folder))
        path = Path(folder) / name
        try:
            data = writer.render(feed)
        except (WartaError, MemoryError):
            raise
        except Exception as exc:  # noqa: BLE001 - a writer bug is one line, not a traceback
            if debugging():
                raise
            raise failure(f"the {name} writer", exc, path=str(path)) from None
        if not isinstance(data, bytes):
            raise WartaError(f"the {name} writer returned {type(data).__name__}, not bytes",
                             path=str(path))
        rendered.append((path, data))
    return rendered


def write_rendered(rendered: Iterable[tuple[Path, bytes]], *,
                   staged: Iterable[AtomicFile] = ()) -> list[Path]:
    """Write rendered files as one set; return the ones whose bytes changed.

    Every changed file (and each of ``staged``, such as a streamed ``articles.jsonl``) is
    written and synced before any replaces its old copy: a file that cannot be written
    raises WartaError (``path: cannot write: reason``) and every old file stays as it was
    (see :func:`warta.output.write_set`).
    """
    return write_set(rendered, staged=staged)


