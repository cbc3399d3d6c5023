"""Rendering a Feed with the registered writers and writing the files atomically.

The one place where formats are checked and where a feed's files are written: item by item
for the writers that stream (:mod:`warta.feeds.stream`), as one set (all of them reach the
disk under temporary names before any replaces its old copy; a failing writer leaves the
previous files untouched).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError, WartaError, debugging, failure
from .feed import Feed
from .output import AtomicFile, commit_set, sweep_stale

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


@dataclass(slots=True)
class Published:
    """What :func:`publish` wrote: every file of the set, and those whose bytes changed."""

    paths: list[Path] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)


def publish(feed: Feed, folder: str | os.PathLike[str], writers: Iterable[Any], *,
            staged: Iterable[AtomicFile] = ()) -> Published:
    """Write every writer's file for ``feed`` into ``folder``, as one set.

    Writers with ``stream`` (the built-in ones; see :mod:`warta.feeds.stream`) are given
    each item in turn, so the items are read once and no file is held whole; a writer with
    only ``render`` is asked for its bytes. Every file goes to a temporary name; only when
    all are written and synced (with each of ``staged``, such as a streamed
    ``articles.jsonl``) do they replace their old copies; a file whose bytes would not change
    is not touched. Temporary files that a killed run left here are removed first
    (:func:`warta.feeds.output.sweep_stale`).

    An item a writer cannot render is left out of that file only (the built-in writers
    record it in ``feed.errors``); a writer that fails as a whole raises one WartaError
    (``path: the feed.xml writer failed: ...``), a file that cannot be written one
    ``path: cannot write: reason``; either way no file is replaced (the previous set stays
    consistent). ``WARTA_DEBUG=1`` lets a writer's original exception through.
    """
    chosen = list(writers)
    for writer in chosen:
        name = writer.filename
        if not isinstance(name, str) or name in ("", ".", "..") or Path(name).name != name:
            raise WartaError(f"a writer's filename must be a plain file name, not {name!r}",
                             path=str(folder))
    sweep_stale(folder)
    files: list[AtomicFile] = []
    try:
        streams = []
        for writer in chosen:
            file = AtomicFile(Path(folder) / writer.filename)
            files.append(file)
            if hasattr(writer, "stream"):
                with _writer_failure(file):
                    stream = writer.stream(feed)
                    file.write(stream.head())
                streams.append((stream, file))
            else:
                with _writer_failure(file):
                    data = writer.render(feed)
                if not isinstance(data, bytes):
                    raise WartaError(f"the {writer.filename} writer returned {type(data).__name__}, "
                                     "not bytes", path=str(file.target))
                file.write(data)
        if streams:
            for article in feed.items:
                for stream, file in streams:
                    with _writer_failure(file):
                        file.write(stream.item(article))
            for stream, file in streams:
                with _writer_failure(file):
                    file.write(stream.tail())
    except BaseException:
        for file in reversed(files):
            file.discard()
        raise
    changed = commit_set(files, staged=staged)
    return Published([file.target for file in files], changed)


@contextmanager
def _writer_failure(file: AtomicFile) -> Iterator[None]:
    """A writer's own exception as one WartaError naming its file (not a traceback)."""
    try:
        yield
    except (WartaError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - a writer bug is one line, not a traceback
        if debugging():
            raise
        raise failure(f"the {file.target.name} writer", exc, path=str(file.target)) from None
