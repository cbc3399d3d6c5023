"""``--urls FILE``: the addresses of many saved pages at once.

Crawls and "save as text" batches lose each page's URL; users usually still have a list. A
URL map is either JSON Lines (objects with ``file`` or ``path``, and ``url`` — the shape of a
crawler's index) or plain lines ``PATH<whitespace>URL`` (``#`` starts a comment). Paths are
relative to the map's own folder; an input matches by its resolved path. Every URL must be an
http(s) URL with a host (it becomes the article's link and id).
"""

from __future__ import annotations

import json
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
    mapping: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            name, url = _entry(line, number)
            mapping[str((base / name).resolve())] = url
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


def url_for(mapping: dict[str, str] | None, path: str) -> str | None:
    """The mapped URL of the input ``path`` (None for standard input or an unmapped file)."""
    if not mapping or path == "-":
        return None
    return mapping.get(str(Path(path).resolve()))


def without_map(items: list, path: str | Path | None) -> list:
    """``items`` (loader Inputs) less the URL map file itself: a map kept inside the folder
    it describes (``urls.txt`` beside the pages) is not a page to read."""
    if path is None:
        return items
    try:
        own = Path(path).resolve()
    except (OSError, ValueError):
        return items
    return [item for item in items if item.is_stdin or Path(item.path).resolve() != own]
