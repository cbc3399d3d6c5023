"""What the user names on the command line (files, folders, globs, ``-``), as inputs.

:func:`expand` turns the arguments into :class:`Input` objects in a stable order: folders
read recursively (files ending in :data:`PAGE_SUFFIXES`, hidden ones skipped), globs
expanded (web archives, :data:`ARCHIVE_SUFFIXES`, included), and a name that matches nothing reported (:func:`os_reason` says in a few words
why the system refused a name). :attr:`Input.is_archive` is the one place that says whether an
input is a web archive (by its name, else by its first bytes: :mod:`warta.reading.archivesniff`).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import WartaError
from .archivesniff import file_is_archive, stdin_is_archive

#: File name endings read when a folder is given.
PAGE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht", ".gz", ".warc", ".arc")
#: File name endings read as web archives without looking inside (many pages each;
#: :mod:`warta.warc`); other inputs are archives when their first bytes say so.
ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


@dataclass(slots=True, frozen=True)
class Input:
    """One input named by the user: a path, or ``-`` for standard input."""

    path: str
    #: Whether it is a web archive, once known (see :attr:`is_archive`; kept when the input
    #: is pickled to a worker, so that the file is looked into once).
    archive: bool | None = field(default=None, compare=False, repr=False)

    @property
    def is_stdin(self) -> bool:
        return self.path == "-"

    @property
    def is_archive(self) -> bool:
        """A web archive: one input that yields many pages. Known by its name
        (:data:`ARCHIVE_SUFFIXES`), else by its first bytes (a WARC or ARC header, plain or
        gzipped; :func:`~warta.reading.archivesniff.looks_like_archive`), read once per input;
        standard input's first bytes are given again to whoever reads it."""
        known = self.archive
        if known is None:
            known = self.path.lower().endswith(ARCHIVE_SUFFIXES) or (
                stdin_is_archive() if self.is_stdin else file_is_archive(self.path))
            object.__setattr__(self, "archive", known)
        return known


def expand(patterns: Iterable[str]) -> tuple[list[Input], list[WartaError]]:
    """Turn the user's arguments into inputs, in a stable order.

    Folders are read recursively (files ending in :data:`PAGE_SUFFIXES`, hidden files
    skipped); globs are expanded (``**`` included). A name that matches nothing gives a
    WartaError in the second list; the others still load.
    """
    inputs: list[Input] = []
    errors: list[WartaError] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        if path not in seen:
            seen.add(path)
            inputs.append(Input(path))

    for pattern in patterns:
        if pattern == "-":
            add("-")
            continue
        try:
            _expand_one(pattern, add, errors)
        except (OSError, ValueError) as exc:
            # A name no system can hold (a NUL byte, too long, an unencodable character).
            errors.append(WartaError(f"cannot be read: {os_reason(exc)}", path=pattern))
    return inputs, errors


def os_reason(exc: Exception) -> str:
    """Why the system refused a path, in a few words."""
    if isinstance(exc, UnicodeError):
        return "the name holds characters no file name can have"
    if isinstance(exc, ValueError) and "null" in str(exc):
        return "the name holds a NUL byte"
    return (getattr(exc, "strerror", None) or str(exc)).lower() if isinstance(exc, OSError) else str(exc)


def _expand_one(pattern: str, add: Callable[[str], None], errors: list[WartaError]) -> None:
    """Add the files ``pattern`` names (a file, a folder, a glob), or say why there are none."""
    if "\x00" in pattern:
        errors.append(WartaError("cannot be read: the name holds a NUL byte", path=pattern))
        return
    path = Path(pattern)
    if path.is_dir():
        found = sorted(_walk(path))
        if not found:
            errors.append(WartaError("folder holds no saved pages", path=pattern))
        for item in found:
            add(item)
    elif path.exists():
        add(pattern)
    elif glob.has_magic(pattern):
        matches = sorted(glob.glob(pattern, recursive=True))
        files = [m for m in matches if os.path.isfile(m)]
        for folder in (m for m in matches if os.path.isdir(m)):
            files.extend(sorted(_walk(Path(folder))))
        if not files:
            errors.append(WartaError("no file matches this pattern", path=pattern))
        for item in files:
            add(item)
    else:
        errors.append(WartaError("no such file or folder", path=pattern))


def _walk(folder: Path) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if not name.startswith(".") and name.lower().endswith(PAGE_SUFFIXES):
                yield os.path.join(root, name)
