"""What ``warta serve`` answers with: a file's representations and the rules that pick one.

Owns :class:`Representation` (a body, or a file sent from disk, with its strong ``ETag``,
``Last-Modified`` and response header lines made once), :class:`Resource` (a served file's
identity on disk with its plain and gzip representations), :func:`make_resource` (both made
from bytes in memory), :func:`accepts_gzip` (``Accept-Encoding``) and :func:`not_modified`
(``If-None-Match`` / ``If-Modified-Since``, RFC 9110).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from functools import lru_cache

CACHE_CONTROL = "public, max-age=300"
_COMPRESSIBLE_MIN = 256
_ENTRY_OVERHEAD = 1024       # what a cache entry costs besides its bodies, counted in CACHE_BYTES


@dataclass(slots=True, frozen=True)
class Representation:
    """A response body with its validators; ``body`` is None when it is sent from the file.

    ``head`` and ``head_304`` are its response header lines (all but the status line,
    ``Server``, ``Date`` and ``Connection``), made once: a request only joins bytes.
    """

    body: bytes | None
    etag: str
    mtime: float
    content_type: str
    size: int
    encoding: str = ""
    head: bytes = field(init=False, repr=False)
    head_304: bytes = field(init=False, repr=False)

    def __post_init__(self) -> None:
        validators = (f"ETag: {self.etag}\r\nLast-Modified: {formatdate(self.mtime, usegmt=True)}"
                      f"\r\nCache-Control: {CACHE_CONTROL}\r\nVary: Accept-Encoding\r\n"
                      + (f"Content-Encoding: {self.encoding}\r\n" if self.encoding else ""))
        object.__setattr__(self, "head", (f"Content-Type: {self.content_type}\r\n{validators}"
                                          f"Content-Length: {self.size}\r\n").encode("latin-1"))
        object.__setattr__(self, "head_304", validators.encode("latin-1"))

    @classmethod
    def of(cls, body: bytes, mtime: float, content_type: str, encoding: str = "") -> Representation:
        digest = hashlib.sha256(body).hexdigest()[:32]
        suffix = f"-{encoding}" if encoding else ""
        return cls(body, f'"{digest}{suffix}"', mtime, content_type, len(body), encoding)


@dataclass(slots=True, frozen=True)
class Resource:
    """A served file: its identity on disk and both of its representations."""

    key: tuple[int, int, int, int]
    plain: Representation
    gzipped: Representation | None

    @property
    def weight(self) -> int:
        """The bytes it holds in memory, as the cache counts them."""
        held = (self.plain.body, self.gzipped.body if self.gzipped else None)
        return _ENTRY_OVERHEAD + sum(len(body) for body in held if body is not None)


def file_key(info: os.stat_result) -> tuple[int, int, int, int]:
    """What identifies one version of a file on disk (a :attr:`Resource.key`)."""
    return (info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns)


def make_resource(body: bytes, mtime: float, content_type: str,
                  key: tuple[int, int, int, int]) -> Resource:
    plain = Representation.of(body, mtime, content_type)
    gzipped = None
    if len(body) >= _COMPRESSIBLE_MIN:
        gzipped = Representation.of(gzip.compress(body, compresslevel=6, mtime=0), mtime,
                                    content_type, "gzip")
    return Resource(key, plain, gzipped)


def accepts_gzip(header: str) -> bool:
    """True when an Accept-Encoding header allows gzip (``gzip`` or ``*`` with q > 0)."""
    return _accepts_gzip_remembered(header) if len(header) <= 256 else _accepts_gzip(header)


@lru_cache(maxsize=256)
def _accepts_gzip_remembered(header: str) -> bool:
    """Clients send the same few Accept-Encoding values: each is read once."""
    return _accepts_gzip(header)


def _accepts_gzip(header: str) -> bool:
    allowed = None
    for part in header.lower().split(","):
        token, _, params = part.strip().partition(";")
        token = token.strip()
        quality = 1.0
        m = re.search(r"q\s*=\s*([0-9.]+)", params)
        if m:
            try:
                quality = float(m.group(1))
            except ValueError:
                quality = 0.0
        if token in ("gzip", "x-gzip"):
            return quality > 0
        if token == "*":
            allowed = quality > 0
    return bool(allowed)


def not_modified(if_none_match: str | None, if_modified_since: str | None,
                 chosen: Representation) -> bool:
    """The RFC 9110 rule: If-None-Match decides when present, else If-Modified-Since."""
    if if_none_match is not None:
        tags = [t.strip() for t in if_none_match.split(",")]
        return "*" in tags or any(t.removeprefix("W/") == chosen.etag for t in tags)
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError, IndexError):
            return False
        if since is None or since.tzinfo is None:
            return False
        return int(chosen.mtime) <= since.timestamp()
    return False
