"""The store's processed files: :class:`FileStamp` (a file's path, size, time and digest),
:func:`reading_key` (how a page was read: warta's and the plugins' versions, the add's
options) and :func:`held_rows` (the rows a page's articles have in a feed): together they
let :meth:`warta.store.Store.add_file` skip parsing a page the store already holds.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, entry_points
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from .. import __version__
from ..manager import ENTRY_POINT_GROUP
from ..reading.document import record_path

__all__ = ["FileStamp", "held_rows", "reading_key"]

#: Files up to this size are hashed from one read; larger ones in chunks.
_SMALL_FILE = 1 << 20


@dataclass(slots=True, frozen=True)
class FileStamp:
    """A processed input file: path, size, modification time and content digest."""

    path: str  #: the resolved path, as valid Unicode (see :func:`warta.document.record_path`)
    size: int
    mtime_ns: int
    digest: str

    @classmethod
    def of(cls, path: str | Path) -> FileStamp:
        """Stamp ``path`` (a small file is hashed from one read, a larger one in chunks: a
        huge file costs no memory)."""
        resolved = os.path.realpath(path)
        with open(resolved, "rb") as handle:
            info = os.fstat(handle.fileno())
            if info.st_size <= _SMALL_FILE:  # one read: file_digest's buffer costs more
                digest = hashlib.sha256(handle.read()).hexdigest()
            else:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
        # The key kept in the store: a name that is not UTF-8 has each undecodable byte
        # written \xNN (SQLite takes only valid Unicode; the raw name raised out of `add`).
        return cls(record_path(resolved), info.st_size, info.st_mtime_ns, digest)


#: Per plugin manager: the plugin objects registered, a digest of warta's version and the
#: plugins' names and versions, and the keys made from it by options (all made again when a
#: plugin is registered or removed).
_PLUGIN_KEYS: WeakKeyDictionary[Any, tuple[set[object], str, dict[Any, str]]] = WeakKeyDictionary()


@cache
def _installed() -> dict[str, str]:
    """Each installed plugin's entry point name, with its distribution's version (read once:
    a distribution installed later is not loaded by this process anyway)."""
    versions: dict[str, str] = {}
    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            if point.dist is not None:
                versions.setdefault(point.name, point.dist.version)
        except PackageNotFoundError:
            pass
    return versions


def _plugin_version(name: str, plugin: object) -> str:
    """The version of the installed distribution that provides plugin ``name``; else the
    plugin's own ``__version__``, else warta's (the built-in plugins)."""
    return _installed().get(name) or str(getattr(plugin, "__version__", "") or __version__)


def reading_key(engine: Any, *, url: str | None, parser: str | None, parsers: Sequence[str],
                content_ids: bool) -> str | None:
    """A digest of everything besides a page's bytes that decides what parsing it gives:
    warta's version, the engine's plugins with their versions, and the add's options. None
    when the engine has no plugin manager to name (then pages are always parsed).

    Upgrading warta or a plugin, installing or removing one, or another ``--url``, parser or
    content-id setting changes the key, so the page is parsed again.
    """
    pm = getattr(engine, "pm", None)
    if pm is None or not hasattr(pm, "list_name_plugin") or not hasattr(pm, "get_plugins"):
        return None
    present = pm.get_plugins()
    cached = _PLUGIN_KEYS.get(pm)
    if cached is None or cached[0] != present:
        plugins = sorted((str(name), _plugin_version(str(name), plugin))
                         for name, plugin in pm.list_name_plugin() if plugin is not None)
        data = json.dumps({"warta": __version__, "plugins": plugins}, ensure_ascii=False,
                          sort_keys=True, separators=(",", ":"))
        cached = _PLUGIN_KEYS[pm] = (present, hashlib.sha256(data.encode("utf-8")).hexdigest(), {})
    options = (url, parser, tuple(sorted(parsers)), bool(content_ids))
    keys = cached[2]
    if options not in keys:
        if len(keys) >= 256:  # a URL map gives each page its own url
            keys.clear()
        data = json.dumps([cached[1], *options], ensure_ascii=False, separators=(",", ":"))
        keys[options] = hashlib.sha256(data.encode("utf-8")).hexdigest()
    return keys[options]


def held_rows(db: sqlite3.Connection, feed: str, ids: list[str]) -> dict[str, str | None]:
    """Each of ``ids`` with a digest of the row ``feed`` holds for it (None: no row)."""
    held: dict[str, str | None] = {}
    for ident in ids:
        row = db.execute("SELECT record FROM articles WHERE feed = ? AND id = ?",
                         (feed, ident)).fetchone()
        record = row[0] if row is not None else None
        held[ident] = (hashlib.sha256(record.encode("utf-8", "surrogatepass")).hexdigest()
                       if isinstance(record, str) else None)
    return held
