"""Decoding a saved page's bytes into text, honestly, and repairing mojibake.

:func:`decode_page` tries a byte-order mark first, then strict UTF-8, then the charset the
page declares (``<meta charset>``, http-equiv, an XML declaration), then a detector
(charset-normalizer). Nothing is decoded with ``errors="replace"``: bytes that cannot be
read as text are reported as such. A declared charset that cannot be the page's (a name no
codec knows, a codec that is no web encoding, an ASCII-incompatible one such as UTF-16 named
by a tag that reads as ASCII) counts as no declaration, with a note; :func:`mhtml_html`
applies the same rules to the charset an MHTML archive gives its HTML part.
:func:`fix_mojibake` repairs mojibake inside otherwise good text ("Ã©", "â€”") with ftfy.
"""

from __future__ import annotations

import codecs
import re

from ..errors import WartaError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.-]+)""")
# Every pattern starts with Â, Ã or â: text holding none of them is not searched.
_MOJIBAKE = re.compile("[ÂÃ][\u0080-\u00bf]|â€|Ã[\u0080-\u00ff]")
_SINGLE_BYTE_LATIN = re.compile(r"^(?:cp125[0-8]|iso8859_(?:[1-49]|1[0345])|latin_1|mac_\w+|cp850|cp437)$")
# Codecs Python knows that no web page is written in (WHATWG lists none of them): decoding
# with them fails ("undefined") or turns markup into something else (escapes, IDNA, UTF-7).
_NOT_PAGE_CODECS = frozenset({"undefined", "unicode-escape", "raw-unicode-escape", "idna", "punycode",
                              "utf-7"})
# An ASCII-compatible encoding writes this (any markup) as ASCII does.
_ASCII_PROBE = '<meta charset="x"> <?xml encoding=\'y\'?>\nABCXYZ abcxyz 0123456789 -_.:;/#&%+=!'


def mhtml_html(html: bytes, charset: str | None, notes: list[str]) -> bytes:
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


def decode_page(data: bytes, path: str, notes: list[str]) -> tuple[str, str]:
    """``data`` as text and the name of the codec that read it (see the module docstring),
    with a note for each guess; raise WartaError naming ``path`` when no encoding fits."""
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


def fix_mojibake(text: str, notes: list[str]) -> str:
    """``text`` with mojibake ("Ã©", "â€”": text that had been decoded twice) repaired by
    ftfy, with a note; unchanged (and not searched) when it holds none of its marks."""
    if not text.isascii() and ("Ã" in text or "Â" in text or "â" in text) and _MOJIBAKE.search(text):
        text = _repair_mojibake(text, notes)
    return text


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
