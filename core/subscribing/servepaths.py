"""What a ``warta serve`` request may reach: the one containment rule for the served folder.

Owns :data:`CONTENT_TYPES` (what is served, by suffix), :func:`request_parts` (a request
target to path parts, refusing ``..``, hidden parts, NUL, backslashes and unserved suffixes)
and :class:`ContainedFiles`, the server's part that maps a request to a regular file inside
its root: the careful resolve (:meth:`~ContainedFiles.contained`, also used by the index
page) and the quick way of an lstat per part when no symlink is on the way.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: What is served, by file suffix; anything else is 404 (the store, temp files, ...).
CONTENT_TYPES = {
    ".xml": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".json": "application/feed+json; charset=utf-8",
    ".jsonl": "application/jsonl; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}


class ContainedFiles:
    """The files a server of ``root`` may read: a mixin of :class:`~warta.server.FeedServer`.

    :meth:`_init_root` sets its state; nothing outside ``root`` is ever returned.
    """

    root: Path

    def _init_root(self, folder: Path) -> None:
        self.root = folder.resolve()
        self._root_dir = str(self.root)
        self._root_text = self._root_dir.rstrip("/")  # what a request's parts are joined to
        root_info = os.stat(self.root)
        self._root_id = (root_info.st_dev, root_info.st_ino)

    def contained(self, candidate: Path) -> Path | None:
        """``candidate`` resolved, when it is a regular file inside ``root``, else None.

        The one rule for what may be read: file serving and the index page both use it, so
        a symlink (to a file or a folder) that leads out of the folder is neither served
        nor listed nor read.
        """
        try:
            resolved = candidate.resolve(strict=True)
            if not resolved.is_relative_to(self.root) or not resolved.is_file():
                return None
        except (OSError, RuntimeError, ValueError):
            return None
        return resolved

    def locate(self, target: str) -> Path | None:
        """The file inside ``root`` that ``target`` (a request path) names, or None."""
        parts = request_parts(target)
        return None if parts is None else self.contained(self.root.joinpath(*parts))

    def find(self, target: str) -> tuple[str, os.stat_result | None] | None:
        """What :meth:`locate` finds, as a string, with its ``stat`` when that was free.

        The common case costs a stat of the root and an lstat per part: when no part is a
        symlink and the root is still the folder it was (or one made again at the same
        path, with no symlink on the way), the joined path is already the resolved one,
        inside the folder. Anything else goes through :meth:`contained`.
        """
        parts = request_parts(target)
        if parts is None:
            return None
        current = self._root_text
        try:
            here = os.stat(self._root_dir)
            if (here.st_dev, here.st_ino) != self._root_id and \
                    os.path.realpath(self._root_dir) == self._root_dir:
                self._root_id = (here.st_dev, here.st_ino)  # the folder was made again
            if (here.st_dev, here.st_ino) == self._root_id:
                for part in parts:
                    current = f"{current}/{part}"
                    info = os.lstat(current)
                    if stat.S_ISLNK(info.st_mode):
                        break
                else:
                    return (current, info) if stat.S_ISREG(info.st_mode) else None
        except (OSError, ValueError):
            return None
        resolved = self.contained(self.root.joinpath(*parts))
        return None if resolved is None else (str(resolved), None)


def request_parts(target: str) -> list[str] | None:
    """The path parts a request target names when it may name a served file, else None.

    None for ``..``, ``.`` and hidden parts (also encoded), NUL and backslashes, and names
    without a served suffix; ``UnicodeDecodeError`` for percent-encoding that is not UTF-8.
    """
    path = urlsplit(target).path
    if "\x00" in path or "\\" in path:
        return None
    decoded = unquote(path, errors="strict") if "%" in path else path
    if "\x00" in decoded or "\\" in decoded:
        return None
    parts = [p for p in decoded.split("/") if p]
    if not parts or any(p in (".", "..") or p.startswith(".") for p in parts):
        return None
    if suffix(parts[-1]) not in CONTENT_TYPES:
        return None
    return parts


def suffix(name: str) -> str:
    """``Path(name).suffix.lower()``, without making a Path."""
    name = name.rpartition("/")[2]
    at = name.rfind(".")
    return name[at:].lower() if 0 < at < len(name) - 1 else ""
