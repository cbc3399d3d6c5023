"""Whether an input is a web archive, by its first bytes (issue 13).

A web archive's name does not always say so (``crawl.gz``, ``CC-NEWS-….warc.gz.1``,
``segment-00001``, an uncompressed ``x.arc``), so :attr:`warta.inputs.Input.is_archive`
asks :func:`looks_like_archive` about the first :data:`HEAD_BYTES` of a file whose name is
not an archive's. An archive is:

- a WARC: the first line is ``WARC/1.0`` (``WARC/0.x``, ``WARC/1.x``) and the record's
  header block names its ``WARC-Type`` or ``WARC-Record-ID`` (a page of prose that merely
  begins with the word "WARC" is not one);
- an ARC: the first line is a version block's ``filedesc://NAME IP DATE ...``;
- either of them in gzip: only the start of the first member is decompressed (at most
  :data:`HEAD_BYTES` out) to look.

Standard input is looked at the same way without losing what was read: :func:`stdin_stream`
wraps it once per stream (:class:`HeadStream` gives its first bytes again).
"""

from __future__ import annotations

import os
import re
import stat
import sys
import zlib
from typing import Any

#: How much of an input is read to tell an archive from a page (and the most decompressed).
HEAD_BYTES = 4096
_BLOCK = 1024 * 1024  # the most asked of the stream at a time when reading on

_WARC_LINE = re.compile(rb"WARC/[01]\.\d{1,2}\r?\n")
_WARC_FIELD = re.compile(rb"\nWARC-(?:Type|Record-ID)[ \t]*:", re.IGNORECASE)
_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
_ARC_LINE = re.compile(rb"filedesc://\S+ \S+ \d{8,14}[^\r\n]*\r?\n")


def looks_like_archive(head: bytes) -> bool:
    """Whether ``head`` (an input's first bytes) begins a WARC or an ARC, plain or gzipped."""
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(head, HEAD_BYTES)
        except zlib.error:
            return False
    if _WARC_LINE.match(head):
        block = _BLANK_LINE.search(head)
        return bool(_WARC_FIELD.search(head, 0, block.start() + 1 if block else len(head)))
    return bool(_ARC_LINE.match(head))


def file_is_archive(path: str) -> bool:
    """Whether the regular file at ``path`` holds a web archive (its first bytes read once).

    Anything else (a pipe, a device, a folder, a file that cannot be opened) is not looked
    into: reading it as a page says what is wrong with it, and a pipe's bytes are not lost."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as handle:
            return looks_like_archive(handle.read(HEAD_BYTES))
    except (OSError, ValueError):
        return False


class HeadStream:
    """A binary stream whose first :data:`HEAD_BYTES` can be looked at (:attr:`head`, read
    on first use) and are given again by :meth:`read`. A read error met while looking is
    kept and raised by :meth:`read`."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.error: OSError | None = None
        self._head: bytes | None = None
        self._pending = b""

    @property
    def head(self) -> bytes:
        if self._head is None:
            pieces: list[bytes] = []
            size = 0
            try:
                while size < HEAD_BYTES:
                    piece = self.raw.read(HEAD_BYTES - size)
                    if not piece:
                        break
                    pieces.append(piece)
                    size += len(piece)
            except OSError as exc:
                self.error = exc
            self._head = self._pending = b"".join(pieces)
        return self._head

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self.error is not None:
            raise self.error
        if self._head is None:
            self._head = b""  # read before anyone looked: nothing to give again
        pending = self._pending
        if size is None or size < 0:
            size = sys.maxsize  # to the end
        if len(pending) >= size:
            taken, self._pending = pending[:size], pending[size:]
            return taken
        # As a buffered stream reads: ``size`` bytes unless the stream ends first.
        pieces, want, self._pending = [pending], size - len(pending), b""
        while want > 0:
            piece = self.raw.read(min(want, _BLOCK))
            if not piece:
                break
            pieces.append(piece)
            want -= len(piece)
        return b"".join(pieces)


_stdin: tuple[Any, HeadStream] | None = None


def stdin_stream() -> HeadStream | None:
    """Standard input as a :class:`HeadStream` (the same one for as long as ``sys.stdin``
    is the same stream); None when there is no standard input to read."""
    global _stdin
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:
        return None
    if _stdin is None or _stdin[0] is not raw:
        _stdin = (raw, HeadStream(raw))
    return _stdin[1]


def stdin_is_archive() -> bool:
    """Whether standard input holds a web archive (its first bytes, given again to readers)."""
    stream = stdin_stream()
    return stream is not None and looks_like_archive(stream.head)


__all__ = ["HEAD_BYTES", "HeadStream", "file_is_archive", "looks_like_archive", "stdin_is_archive",
           "stdin_stream"]
