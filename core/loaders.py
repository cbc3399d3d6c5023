"""From what the user names (files, folders, globs, ``-``) to decoded Documents.

Decoding is honest: a byte-order mark first, then strict UTF-8, then the charset the page
declares (``<meta charset>``, http-equiv, an XML declaration), then a detector
(charset-normalizer). Nothing is decoded with ``errors="replace"``: a file that cannot be
read as text is reported as such. Mojibake inside otherwise good text ("Ã©", "â€”") is
repaired with ftfy and noted. A declared charset that cannot be the page's (a name no
codec knows, a codec that is no web encoding, an ASCII-incompatible one such as UTF-16 named
by a tag that reads as ASCII) counts as no declaration, with a note. gzip files, MHTML
archives (a browser's "save as single file"), the page's own URL (canonical link,
``og:url``, the "saved from" comment) and when it was saved (the MHTML ``Date:`` header,
SingleFile's "saved date") are recovered when present.

Limits: every input is at most :data:`MAX_BYTES` (50 MiB) before and after decompression. A
file is refused by its size before it is read, standard input after ``MAX_BYTES + 1``
bytes, a gzip file as soon as its decompressed stream passes the limit (it is decompressed
in chunks, never whole), so memory stays near the limit whatever the compression ratio.
The MHTML reader (:mod:`warta.mhtml`) decodes only the HTML part, which is never larger
than the archive, and refuses multiparts nested beyond ``warta.mhtml.MAX_DEPTH``.
"""

from __future__ import annotations

import codecs
import email.utils
import glob
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from .dates import MAX_OFFSET, plausible
from .document import Document
from .errors import WartaError, debugging, failure
from .mhtml import read_mhtml
from .textnorm import drop_xml_illegal

#: File name endings read when a folder is given.
PAGE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht", ".gz")
#: The largest saved page read, in bytes, before and after decompression (50 MiB).
MAX_BYTES = 50 * 1024 * 1024
_MIB = 1024 * 1024
#: How much compressed input is fed to zlib at a time, and the most output taken per call
#: (zlib would otherwise build a call's whole output, up to the limit, twice over).
_GZIP_CHUNK = 64 * 1024
_GZIP_OUTPUT = 1024 * 1024
_ZERO_PADDING = re.compile(rb"\0*")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|article|p\b|script|link)",
    re.IGNORECASE | re.DOTALL,
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.-]+)""")
# Every pattern starts with Â, Ã or â: text holding none of them is not searched.
_MOJIBAKE = re.compile("[ÂÃ][\u0080-\u00bf]|â€|Ã[\u0080-\u00ff]")
_SINGLE_BYTE_LATIN = re.compile(r"^(?:cp125[0-8]|iso8859_(?:[1-49]|1[0345])|latin_1|mac_\w+|cp850|cp437)$")
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.IGNORECASE)
_SINGLEFILE = re.compile(r"<!--\s*Page saved with SingleFile\s*\n\s*url:\s*(\S+)", re.IGNORECASE)
#: SingleFile's comment comes first in the page; no further than this is searched for it.
_SINGLEFILE_WINDOW = 16 * 1024
_SINGLEFILE_DATE = re.compile(
    r"<!--\s*Page saved with SingleFile\b[^>]{0,4096}?\n\s*saved date:[ \t]*([^\n]{1,200})", re.IGNORECASE)
# JavaScript's Date.toString(), as SingleFile writes it: "Tue Mar 05 2024 10:11:12 GMT+0700 (...)".
_JS_DATE = re.compile(
    r"(?:[A-Za-z]{3},?\s+)?([A-Za-z]{3})\s+(\d{1,2}),?\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"\s*(?:GMT|UTC)\s*([+-])(\d{2}):?(\d{2})")
_ISO_WITH_ZONE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$",
                            re.IGNORECASE)
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
# Codecs Python knows that no web page is written in (WHATWG lists none of them): decoding
# with them fails ("undefined") or turns markup into something else (escapes, IDNA, UTF-7).
_NOT_PAGE_CODECS = frozenset({"undefined", "unicode-escape", "raw-unicode-escape", "idna", "punycode",
                              "utf-7"})
# An ASCII-compatible encoding writes this (any markup) as ASCII does.
_ASCII_PROBE = '<meta charset="x"> <?xml encoding=\'y\'?>\nABCXYZ abcxyz 0123456789 -_.:;/#&%+=!'
_CANONICAL = (
    re.compile(r"""<link\b[^>]*\brel=["']?canonical["']?[^>]*\bhref=["']([^"'>\s]+)""", re.I),
    re.compile(r"""<link\b[^>]*\bhref=["']([^"'>\s]+)["'][^>]*\brel=["']?canonical""", re.I),
    re.compile(r"""<meta\b[^>]*\bproperty=["']og:url["'][^>]*\bcontent=["']([^"'>\s]+)""", re.I),
    re.compile(r"""<meta\b[^>]*\bcontent=["']([^"'>\s]+)["'][^>]*\bproperty=["']og:url""", re.I),
)


@dataclass(slots=True, frozen=True)
class Input:
    """One input named by the user: a path, or ``-`` for standard input."""

    path: str

    @property
    def is_stdin(self) -> bool:
        return self.path == "-"


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
            errors.append(WartaError(f"cannot be read: {_os_reason(exc)}", path=pattern))
    return inputs, errors


def _os_reason(exc: Exception) -> str:
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


def _limit() -> str:
    return f"the {MAX_BYTES // _MIB} MiB limit for a saved page"


def read_input(item: Input, *, url: str | None = None) -> Document:
    """Read and decode one input; raise WartaError (naming the file) when it cannot be."""
    if item.is_stdin:
        stream = getattr(sys.stdin, "buffer", None)
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
            raise WartaError(f"cannot be read: {_os_reason(exc)}", path=item.path) from None
    return load_bytes(data, path=item.path, url=url)


def load_bytes(data: bytes, *, path: str = "-", url: str | None = None) -> Document:
    """Decode ``data`` (a saved page) into a Document; see the module docstring.

    Raises WartaError naming ``path`` for anything that stops it: a page over
    :data:`MAX_BYTES` (compressed or not), a page nested too deeply for Python's recursion
    limit, or an unexpected fault of a library (one line, see
    :func:`warta.errors.failure`; ``WARTA_DEBUG=1`` re-raises the original).
    """
    if len(data) > MAX_BYTES:
        raise WartaError(f"page exceeds {_limit()} ({len(data) / _MIB:.1f} MiB)", path=path)
    try:
        return _load(data, path, url)
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


def _load(data: bytes, path: str, url: str | None) -> Document:
    notes: list[str] = []
    captured: tuple[datetime, str] | None = None
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, path)
        notes.append("decompressed gzip input")
    if not data or data.isspace():
        raise WartaError("empty file", path=path)
    if _looks_like_mhtml(data):
        archive = read_mhtml(data, path)
        notes.append("read the HTML part of an MHTML archive")
        data = _mhtml_html(archive.html, archive.charset, notes)
        url = url or archive.url
        when = _rfc2822_date(archive.date)
        captured = (when, "mhtml") if when else None
    text, encoding = _decode(data, path, notes)
    if not text.isascii() and ("Ã" in text or "Â" in text or "â" in text) and _MOJIBAKE.search(text):
        text = _repair_mojibake(text, notes)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, controls = drop_xml_illegal(text)
    if controls:
        notes.append(f"removed {controls} control character(s) that XML forbids "
                     "(vertical tabs and form feeds became line breaks)")
    is_html = bool(_HTML_START.match(data[:4096])) or path.lower().endswith(
        (".html", ".htm", ".xhtml", ".shtml", ".html.gz", ".htm.gz")
    )
    if is_html:
        url = url or find_page_url(text)
        captured = captured or _singlefile_date(text)
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


def _mhtml_html(html: bytes, charset: str | None, notes: list[str]) -> bytes:
    """The archive's HTML part, made UTF-8 when its Content-Type names a charset the page
    itself does not declare."""
    if not charset or _declared_charset(html)[0]:
        return html
    # A charset outside the page is fit for it unless the page reads as ASCII and it is not.
    codec, why = _usable_charset(charset, ascii_markup=b"\x00" not in html[:1024])
    if codec is None:
        notes.append(f"ignored the MHTML part's charset {_shown(charset)}: {why}")
        return html
    try:
        return html.decode(codec).encode("utf-8")
    except UnicodeError:
        return html


def _decode(data: bytes, path: str, notes: list[str]) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.removesuffix("-sig")
            except UnicodeDecodeError:
                raise WartaError(f"has a {codec} byte-order mark but is not {codec}", path=path) from None
    if b"\x00" in data[:8192]:
        raise WartaError("binary file, not a saved page (text or HTML)", path=path)
    declared, ignored = _declared_charset(data)
    if ignored:
        notes.append(ignored)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            text = data.decode(declared)
        except UnicodeError:
            notes.append(f"declared charset {declared} does not fit the bytes")
        else:
            return text, codecs.lookup(declared).name
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise WartaError("cannot be decoded as text (no known character encoding fits)", path=path)
    encoding = best.encoding
    if _SINGLE_BYTE_LATIN.match(encoding) and encoding != "cp1252":
        # Detectors cannot tell the Latin code pages apart on mostly-ASCII text; an
        # unlabelled legacy page is windows-1252 to every browser (WHATWG default for
        # Indonesian and Western locales), so prefer it whenever it fits the bytes.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            notes.append(f"no declared charset; detected a single-byte Latin encoding ({encoding}), "
                         "read as windows-1252")
            return text, "cp1252"
    try:
        text = data.decode(encoding)
    except UnicodeError:
        raise WartaError(f"cannot be decoded as text (best guess {encoding} fails)", path=path) from None
    notes.append(f"no declared charset; detected {encoding}")
    return text, encoding


def _declared_charset(data: bytes) -> tuple[str | None, str | None]:
    """The codec the page declares (XML declaration, ``<meta charset>``, http-equiv) and,
    when it declares one that cannot be its own, a note saying which and why (the codec is
    then None: no declaration)."""
    head = data[:8192]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not m:
        return None, None
    name = m.group(1).decode("ascii", "ignore").lower()
    # The tag was found by reading the bytes as ASCII: an encoding that is not
    # ASCII-compatible (UTF-16, UTF-32, EBCDIC) cannot be the one it is written in.
    codec, why = _usable_charset(name, ascii_markup=True)
    if codec is None:
        return None, f"ignored the declared charset {_shown(name)}: {why}"
    # Browsers read latin-1 declarations as windows-1252 (the WHATWG encoding standard).
    return ("cp1252" if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii") else name), None


def _usable_charset(name: str, *, ascii_markup: bool) -> tuple[str | None, str | None]:
    """``(name, None)`` when ``name`` is a codec a page can be written in, else ``(None,
    why not)``; with ``ascii_markup`` (the page reads as ASCII), ASCII-incompatible
    encodings are refused too."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None, "no such character encoding"
    if info.name in _NOT_PAGE_CODECS or not getattr(info, "_is_text_encoding", True):
        return None, "not a character encoding of web pages"
    if ascii_markup:
        try:
            compatible = _ASCII_PROBE.encode(info.name) == _ASCII_PROBE.encode("ascii")
        except UnicodeError:
            compatible = False
        if not compatible:
            return None, "not ASCII-compatible, and the page's markup reads as ASCII"
    return name, None


def _shown(name: str) -> str:
    """A charset name as a note quotes it: short, and only characters names use."""
    return '"' + re.sub(r"[^A-Za-z0-9_.:-]", "?", name[:40]) + ('…"' if len(name) > 40 else '"')


def _rfc2822_date(value: str | None) -> datetime | None:
    """A ``Date:`` header as an aware datetime; None when absent, unreadable or without a zone.

    ``-0000`` (what browsers write) is a time in UTC whose writer's own zone is unknown
    (RFC 5322 3.3): the instant is exact, so it is read as UTC.
    """
    if not value or len(value) > 200:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        if not value.rstrip().endswith("-0000"):
            return None
        when = when.replace(tzinfo=timezone.utc)
    return plausible(when)


def _singlefile_date(text: str) -> tuple[datetime, str] | None:
    """When SingleFile saved the page, from its comment at the top ("saved date: ...")."""
    head = text[:_SINGLEFILE_WINDOW]
    if "SingleFile" not in head:
        return None
    m = _SINGLEFILE_DATE.search(head)
    when = _saved_date(m.group(1).strip()) if m else None
    return (when, "singlefile") if when else None


def _saved_date(value: str) -> datetime | None:
    """JavaScript's ``Date.toString()`` (what SingleFile writes), an RFC 2822 date or an
    ISO 8601 time with its zone; None for anything else, or one without a zone."""
    m = _JS_DATE.match(value)
    if m:
        month = _MONTHS.get(m.group(1).lower())
        offset = timedelta(hours=int(m.group(8)), minutes=int(m.group(9)))
        if month is None or int(m.group(9)) >= 60 or offset > MAX_OFFSET:
            return None
        try:
            when = datetime(int(m.group(3)), month, int(m.group(2)), int(m.group(4)), int(m.group(5)),
                            int(m.group(6) or 0),
                            tzinfo=timezone(-offset if m.group(7) == "-" else offset))
        except ValueError:
            return None
        return plausible(when)
    if _ISO_WITH_ZONE.match(value):
        try:
            when = datetime.fromisoformat(re.sub(r"[zZ]$", "+00:00", value))
        except ValueError:
            return None
        return plausible(when) if when.tzinfo else None
    return _rfc2822_date(value)


def _repair_mojibake(text: str, notes: list[str]) -> str:
    import ftfy

    fixed = ftfy.fix_text(
        text,
        unescape_html=False,
        fix_line_breaks=False,
        normalization=None,
        uncurl_quotes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
    )
    if fixed != text:
        notes.append("repaired mojibake (text that had been decoded twice)")
    return fixed


def _looks_like_mhtml(data: bytes) -> bool:
    head = data[:4096].lower()
    return b"multipart/related" in head and (b"mime-version" in head or b"snapshot-content-location" in head)


def find_page_url(html: str) -> str | None:
    """The page's own URL from a saved HTML page, or None."""
    head = html[:65536]
    for pattern in (_SAVED_FROM, _SINGLEFILE, *_CANONICAL):
        m = pattern.search(head)
        if m and m.group(1).startswith(("http://", "https://")):
            return m.group(1)
    return None
