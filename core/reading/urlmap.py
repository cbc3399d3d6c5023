"""``--urls FILE``: the addresses of many saved pages at once.

Crawls and "save as text" batches lose each page's URL; users usually still have a list. A
URL map is either JSON Lines (objects with ``file`` or ``path``, and ``url`` — the shape of a
crawler's index) or plain lines ``PATH<whitespace>URL`` (``#`` starts a comment). Paths are
relative to the map's own folder; an input matches by its resolved path. Every URL must be an
http(s) URL with a host (it becomes the article's link and id). Paths are resolved by a
:class:`PathResolver`, which resolves each folder once for a batch of paths.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from ..errors import WartaError
from ..parsing.identity import web_url


def read_url_map(path: str | Path, *, errors: list[WartaError] | None = None) -> dict[str, str]:
    """Resolved page path -> URL, from a URL map file.

    A bad line raises a WartaError naming the file and the line; when an ``errors`` list is
    given, each bad line is appended to it instead and the other lines are still used.
    """
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WartaError("no such URL map", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise WartaError(f"cannot read the URL map: {exc}", path=str(path)) from None
    base = source.resolve().parent
    resolve = PathResolver()
    mapping: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            name, url = _entry(line, number)
            mapping[resolve(base / name)] = url
        except (WartaError, OSError, ValueError) as exc:
            error = WartaError(exc.message if isinstance(exc, WartaError)
                               else f"line {number}: bad path ({exc})", path=str(path))
            if errors is None:
                raise error from None
            errors.append(error)
    return mapping


def _entry(line: str, number: int) -> tuple[str, str]:
    """(path, url) of one line of a URL map; WartaError saying what is wrong with it."""
    if line.startswith("{"):
        try:
            row = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            raise WartaError(f"line {number}: not valid JSON ({reason})") from None
        if not isinstance(row, dict):
            raise WartaError(f"line {number}: expected a JSON object with file and url")
        name, url = row.get("file") or row.get("path"), row.get("url")
    else:
        parts = line.split()
        if len(parts) != 2:
            raise WartaError(f"line {number}: expected 'PATH URL'")
        name, url = parts
    if not isinstance(name, str) or not name or not isinstance(url, str) or not url:
        raise WartaError(f"line {number}: needs a file and an http(s) url")
    if web_url(url) is None:
        raise WartaError(f"line {number}: needs a file and an http(s) url, not {url[:80]!r}")
    return name, url.strip()


def url_for(mapping: dict[str, str] | None, path: str,
            resolve: PathResolver | None = None) -> str | None:
    """The mapped URL of the input ``path`` (None for standard input or an unmapped file).
    ``resolve``: the :class:`PathResolver` of a batch of inputs (one run), else the path is
    resolved on its own."""
    if not mapping or path == "-":
        return None
    return mapping.get(resolve(path) if resolve else str(Path(path).resolve()))


def without_map(items: list, path: str | Path | None) -> list:
    """``items`` (loader Inputs) less the URL map file itself: a map kept inside the folder
    it describes (``urls.txt`` beside the pages) is not a page to read."""
    if path is None:
        return items
    try:
        own = Path(path).resolve()
    except (OSError, ValueError):
        return items
    resolve = PathResolver()
    return [item for item in items if item.is_stdin or resolve(item.path) != str(own)]


class PathResolver:
    """``str(Path(path).resolve())`` for many paths, each folder resolved once.

    Resolving walks every part of a path (an ``lstat`` each); for a thousand pages in one folder
    that is the same walk a thousand times. A path whose last part is a plain name that is not
    a symbolic link resolves to its resolved folder joined with that name (the walk reaches the
    folder's end, then adds the name), so the folder is resolved once and kept, and the name
    costs one ``lstat``. A link, ``.``/``..``, a trailing ``/``, and anything the ``lstat`` or
    the folder cannot settle go through ``Path.resolve`` itself, so the result (or the error)
    is always its own. Keep one resolver for one batch (a map, a run): a folder is seen as it
    was when first met, so a folder replaced by a link in the middle of a batch is not noticed.
    """

    __slots__ = ("_folders",)

    def __init__(self) -> None:
        self._folders: dict[tuple[str, str], str] = {}

    def __call__(self, path: str | Path) -> str:
        text = os.fspath(path)
        head, tail = os.path.split(text)
        if os.name == "posix" and tail not in ("", ".", "..") and "\x00" not in text:
            try:
                full = os.path.join(self._folder(head), tail)
            except Exception:  # noqa: BLE001 - Path.resolve below says what it is (or not)
                full = None
            if full is not None and not _maybe_link(full):
                return full
        return str(Path(text).resolve())

    def _folder(self, head: str) -> str:
        """The resolved folder ``head`` (relative to the current folder when relative)."""
        key = (head, "" if os.path.isabs(head) else os.getcwd())
        folder = self._folders.get(key)
        if folder is None:
            folder = self._folders[key] = str(Path(head or ".").resolve())
        return folder


def _maybe_link(path: str) -> bool:
    """False when ``path`` is not a symbolic link, as ``os.path.realpath`` sees it (nothing
    there is no link); True when it is one or the ``lstat`` fails otherwise."""
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except (OSError, ValueError):
        return True
