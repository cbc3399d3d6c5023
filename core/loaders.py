"""From what the user names (files, folders, globs, ``-``) to decoded Documents.

Decoding is honest: a byte-order mark first, then strict UTF-8, then the charset the page
declares (``<meta charset>``, http-equiv, an XML declaration), then a detector
(charset-normalizer). Nothing is decoded with ``errors="replace"``: a file that cannot be
read as text is reported as such. Mojibake inside otherwise good text ("Ã©", "â€”") is
repaired with ftfy and noted. gzip files, MHTML archives (a browser's "save as single
file") and the page's own URL (canonical link, ``og:url``, the "saved from" comment) are
recovered when present.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import glob
import gzip
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .document import Document
from .errors import WartaError, debugging, failure
from .textnorm import drop_xml_illegal

#: File name endings read when a folder is given.
PAGE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht", ".gz")
MAX_BYTES = 50 * 1024 * 1024

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


def read_input(item: Input, *, url: str | None = None) -> Document:
    """Read and decode one input; raise WartaError (naming the file) when it cannot be."""
    if item.is_stdin:
        data = sys.stdin.buffer.read()
    else:
        try:
            size = os.path.getsize(item.path)
            if size > MAX_BYTES:
                raise WartaError(f"file is {size // (1024 * 1024)} MiB; saved pages are far smaller",
                                 path=item.path)
            with open(item.path, "rb") as handle:
                data = handle.read()
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

    Raises WartaError naming ``path`` for anything that stops it: a page nested too deeply
    for Python's recursion limit, or an unexpected fault of a library (one line, see
    :func:`warta.errors.failure`; ``WARTA_DEBUG=1`` re-raises the original).
    """
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
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise WartaError(f"damaged gzip file ({exc})", path=path) from None
        notes.append("decompressed gzip input")
    if not data.strip():
        raise WartaError("empty file", path=path)
    if _looks_like_mhtml(data):
        html_bytes, mhtml_url = _from_mhtml(data, path)
        notes.append("read the HTML part of an MHTML archive")
        data = html_bytes
        url = url or mhtml_url
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
    return Document(
        text=text,
        media_type="text/html" if is_html else "text/plain",
        path=path,
        url=url,
        encoding=encoding,
        notes=notes,
    )


def _decode(data: bytes, path: str, notes: list[str]) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.removesuffix("-sig")
            except UnicodeDecodeError:
                raise WartaError(f"has a {codec} byte-order mark but is not {codec}", path=path) from None
    if b"\x00" in data[:8192]:
        raise WartaError("binary file, not a saved page (text or HTML)", path=path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared:
        try:
            text = data.decode(declared)
        except (LookupError, UnicodeDecodeError):
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
    except UnicodeDecodeError:
        raise WartaError(f"cannot be decoded as text (best guess {encoding} fails)", path=path) from None
    notes.append(f"no declared charset; detected {encoding}")
    return text, encoding


def _declared_charset(data: bytes) -> str | None:
    head = data[:8192]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    # Browsers read latin-1 declarations as windows-1252 (the WHATWG encoding standard).
    return "cp1252" if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii") else name


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


def _from_mhtml(data: bytes, path: str) -> tuple[bytes, str | None]:
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    url = message.get("Snapshot-Content-Location")
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                charset = part.get_content_charset()
                if charset and not _declared_charset(payload):
                    try:
                        payload = payload.decode(charset).encode("utf-8")
                    except (LookupError, UnicodeDecodeError):
                        pass
                return payload, url or part.get("Content-Location")
    raise WartaError("MHTML archive without an HTML part", path=path)


def find_page_url(html: str) -> str | None:
    """The page's own URL from a saved HTML page, or None."""
    head = html[:65536]
    for pattern in (_SAVED_FROM, _SINGLEFILE, *_CANONICAL):
        m = pattern.search(head)
        if m and m.group(1).startswith(("http://", "https://")):
            return m.group(1)
    return None
