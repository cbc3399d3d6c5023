"""``--urls FILE``: the addresses of many saved pages at once.

Crawls and "save as text" batches lose each page's URL; users usually still have a list. A
URL map is either JSON Lines (objects with ``file`` or ``path``, and ``url`` — the shape of a
crawler's index) or plain lines ``PATH<whitespace>URL`` (``#`` starts a comment). Paths are
relative to the map's own folder; an input matches by its resolved path.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import WartaError


def read_url_map(path: str | Path) -> dict[str, str]:
    """Resolved page path -> URL, from a URL map file; WartaError naming the line when bad."""
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
        if line.startswith("{"):
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise WartaError(f"line {number}: not valid JSON ({exc.msg})", path=str(path)) from None
            name, url = row.get("file") or row.get("path"), row.get("url")
        else:
            parts = line.split()
            if len(parts) != 2:
                raise WartaError(f"line {number}: expected 'PATH URL'", path=str(path))
            name, url = parts
        if not name or not url or not str(url).startswith(("http://", "https://")):
            raise WartaError(f"line {number}: needs a file and an http(s) url", path=str(path))
        mapping[str((base / name).resolve())] = url
    return mapping


def url_for(mapping: dict[str, str] | None, path: str) -> str | None:
    """The mapped URL of the input ``path`` (None for standard input or an unmapped file)."""
    if not mapping or path == "-":
        return None
    return mapping.get(str(Path(path).resolve()))
