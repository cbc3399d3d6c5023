"""From what the user names (files, folders, globs, ``-``) to decoded Documents.

:func:`read_input` reads one input (a file or standard input) within the size limit,
:func:`load_bytes` and :func:`load_text` turn a page's bytes or text into a
:class:`~warta.document.Document`: gzip is decompressed, MHTML archives (a browser's "save
as single file") give their HTML part, the bytes are decoded (:mod:`warta.charsets`:
byte-order mark, strict UTF-8, the declared charset, a detector; never ``errors="replace"``;
mojibake repaired and noted), and the page's own URL (canonical link, ``og:url``, the "saved
from" comment) and when it was saved (the MHTML ``Date:`` header, SingleFile's "saved
date") are recovered when present (:mod:`warta.provenance`). Expanding the user's arguments
into inputs is :mod:`warta.inputs` (re-exported here: :func:`expand`, :class:`Input`,
:data:`PAGE_SUFFIXES`).

Limits: every input is at most :data:`MAX_BYTES` (50 MiB) before and after decompression. A
file is refused by its size before it is read, standard input after ``MAX_BYTES + 1``
bytes, a gzip file as soon as its decompressed stream passes the limit (it is decompressed
in chunks, never whole), so memory stays near the limit whatever the compression ratio.
The MHTML reader (:mod:`warta.mhtml`) decodes only the HTML part, which is never larger
than the archive, and refuses multiparts nested beyond ``warta.mhtml.MAX_DEPTH``.
"""

from __future__ import annotations

import os
import re
import zlib
from datetime import datetime

from .archivesniff import stdin_stream
from .charsets import decode_page, fix_mojibake, mhtml_html
from .document import Document
from ..errors import WartaError, debugging, failure
from .mhtml import read_mhtml
from .provenance import rfc2822_date, singlefile_date
from .textnorm import drop_xml_illegal

# Names that live in their own modules, re-exported: callers import them from here.
from .inputs import PAGE_SUFFIXES, Input, expand, os_reason
from .provenance import find_page_url

#: The largest saved page read, in bytes, before and after decompression (50 MiB).
MAX_BYTES = 50 * 1024 * 1024
_MIB = 1024 * 1024
#: How much compressed input is fed to zlib at a time, and the most output taken per call
#: (zlib would otherwise build a call's whole output, up to the limit, twice over).
_GZIP_CHUNK = 64 * 1024
_GZIP_OUTPUT = 1024 * 1024
_ZERO_PADDING = re.compile(rb"\0*")

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|article|p\b|script|link)",
    re.IGNORECASE | re.DOTALL,
)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _limit() -> str:
    return f"the {MAX_BYTES // _MIB} MiB limit for a saved page"


def read_input(item: Input, *, url: str | None = None) -> Document:
    """Read and decode one input; raise WartaError (naming the file) when it cannot be."""
    if item.is_stdin:
        stream = stdin_stream()  # its first bytes, read to tell an archive from a page, come again
        if stream is None:
            raise WartaError("standard input is closed", path=item.path)
        try:
            data = stream.read(MAX_BYTES + 1)
        except OSError as exc:
            raise WartaError(f"cannot read: {exc.strerror or exc}", path=item.path) from None
        if len(data) > MAX_BYTES:
            raise WartaError(f"standard input exceeds {_limit()}", path=item.path)
    else:
        try:
            size = os.path.getsize(item.path)
            if size > MAX_BYTES:
                raise WartaError(f"file exceeds {_limit()} ({size / _MIB:.1f} MiB)", path=item.path)
            with open(item.path, "rb") as handle:
                # A pipe or a device has no size to check first: read one byte past the limit.
                data = handle.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise WartaError(f"file exceeds {_limit()}", path=item.path)
        except IsADirectoryError:
            raise WartaError("is a folder, not a file", path=item.path) from None
        except PermissionError:
            raise WartaError("permission denied", path=item.path) from None
        except FileNotFoundError:
            raise WartaError("no such file", path=item.path) from None
        except OSError as exc:
            raise WartaError(f"cannot read: {exc.strerror or exc}", path=item.path) from None
        except ValueError as exc:  # a NUL byte or an unencodable character in the name
            raise WartaError(f"cannot be read: {os_reason(exc)}", path=item.path) from None
    return load_bytes(data, path=item.path, url=url)


def load_bytes(data: bytes, *, path: str = "-", url: str | None = None, charset: str | None = None,
               html: bool = False, captured: tuple[datetime, str] | None = None) -> Document:
    """Decode ``data`` (a saved page) into a Document; see the module docstring.

    A page that comes with headers (a web archive's record, :mod:`warta.warc`) passes what
    they say: ``charset`` the HTTP Content-Type's charset (read as an MHTML part's is, where
    the page declares none), ``html`` that it is HTML, ``captured`` when and how it was saved.

    Raises WartaError naming ``path`` for anything that stops it: a page over
    :data:`MAX_BYTES` (compressed or not), a page nested too deeply for Python's recursion
    limit, or an unexpected fault of a library (one line, see
    :func:`warta.errors.failure`; ``WARTA_DEBUG=1`` re-raises the original).
    """
    if len(data) > MAX_BYTES:
        raise WartaError(f"page exceeds {_limit()} ({len(data) / _MIB:.1f} MiB)", path=path)
    try:
        return _load(data, path, url, charset, html, captured)
    except WartaError:
        raise
    except Exception as exc:
        if isinstance(exc, MemoryError) or debugging():
            raise
        raise failure("reading the page", exc, path=path) from exc


def load_text(text: str, *, path: str = "<text>", url: str | None = None) -> Document:
    """A page given as a ``str`` (the Python API), as :func:`load_bytes` reads it.

    A ``str`` may hold lone surrogates, which are not Unicode text and which no writer can
    encode: each becomes U+FFFD (the replacement character), with a note saying how many.
    """
    replaced = 0
    if not text.isascii():
        text, replaced = _LONE_SURROGATE.subn("\ufffd", text)
    doc = load_bytes(text.encode("utf-8"), path=path, url=url)
    if replaced:
        doc.notes.append(f"replaced {replaced} lone surrogate(s), which are not text, with U+FFFD")
    return doc


def _load(data: bytes, path: str, url: str | None, charset: str | None = None, html: bool = False,
          captured: tuple[datetime, str] | None = None) -> Document:
    notes: list[str] = []
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, path)
        notes.append("decompressed gzip input")
    if not data or data.isspace():
        raise WartaError("empty file", path=path)
    if _looks_like_mhtml(data):
        archive = read_mhtml(data, path)
        notes.append("read the HTML part of an MHTML archive")
        data = mhtml_html(archive.html, archive.charset, notes)
        url = url or archive.url
        when = rfc2822_date(archive.date)
        captured = (when, "mhtml") if when else None
    elif charset:
        data = mhtml_html(data, charset, notes)
        notes[:] = [note.replace("the MHTML part's charset", "the HTTP header's charset") for note in notes]
    text, encoding = decode_page(data, path, notes)
    text = fix_mojibake(text, notes)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, controls = drop_xml_illegal(text)
    if controls:
        notes.append(f"removed {controls} control character(s) that XML forbids "
                     "(vertical tabs and form feeds became line breaks)")
    is_html = html or bool(_HTML_START.match(data[:4096])) or path.lower().endswith(
        (".html", ".htm", ".xhtml", ".shtml", ".html.gz", ".htm.gz")
    )
    if is_html:
        url = url or find_page_url(text)
        captured = captured or singlefile_date(text)
    return Document(
        text=text,
        media_type="text/html" if is_html else "text/plain",
        path=path,
        url=url,
        encoding=encoding,
        notes=notes,
        captured=captured[0] if captured else None,
        captured_source=captured[1] if captured else None,
    )


def _gunzip(data: bytes, path: str) -> bytes:
    """``data`` (one or more gzip members, as ``gzip.decompress`` reads them) decompressed,
    fed to zlib in chunks and stopped as soon as the output passes :data:`MAX_BYTES`."""
    pieces: list[bytes] = []
    total = 0
    view = memoryview(data)
    start = 0
    while start < len(data):
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip header and trailer checked
        pos = start
        # Fed in growing chunks: what follows a member's end is copied (unused_data), and a
        # file of many tiny members must not copy a whole chunk for each.
        size = 1024
        try:
            while not inflater.eof:
                chunk: bytes | memoryview = inflater.unconsumed_tail
                if not chunk and pos < len(data):
                    chunk = view[pos:pos + size]
                    pos += len(chunk)
                    size = min(2 * size, _GZIP_CHUNK)
                piece = inflater.decompress(chunk, min(_GZIP_OUTPUT, MAX_BYTES + 1 - total))
                if not piece and not chunk and not inflater.eof:
                    raise WartaError("damaged gzip file (it ends before its end-of-stream marker)",
                                     path=path)
                total += len(piece)
                if total > MAX_BYTES:
                    raise WartaError(f"decompressed data exceeds {_limit()}", path=path)
                if piece:
                    pieces.append(piece)
        except zlib.error as exc:
            # "Error -3 while decompressing data: incorrect header check": the reason.
            raise WartaError(f"damaged gzip file ({str(exc).rpartition(': ')[2]})", path=path) from None
        # The next member starts where this one's data ends; zero bytes may pad between.
        start = pos - len(inflater.unused_data) - len(inflater.unconsumed_tail)
        start = _ZERO_PADDING.match(data, start).end()
    return b"".join(pieces)


def _looks_like_mhtml(data: bytes) -> bool:
    head = data[:4096].lower()
    return b"multipart/related" in head and (b"mime-version" in head or b"snapshot-content-location" in head)
