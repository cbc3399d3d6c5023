"""Small text normalisations shared by parsers and writers."""

from __future__ import annotations

import re

# C0 controls other than tab, LF and CR; U+FFFE, U+FFFF; lone surrogates.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_XML_ILLEGAL_DECODED = tuple(map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]))
_WHITESPACE = " \t\u00a0\u2000-\u200a\u202f\u205f\u3000"
# Runs of spaces that need rewriting as one plain space: any run holding a tab or an exotic
# space, and runs of two or more. A single plain space (nearly every match of a naive
# pattern) is left alone, which halves the cost on ordinary text.
_SPACES = re.compile(rf"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000][{_WHITESPACE}]*| [{_WHITESPACE}]+")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
# The same characters for ``in`` tests, which are many times quicker than a scan with a
# character class: most text holds none of them, and ASCII text cannot.
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_EXOTIC_SPACES = "\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"


def _squashed(text: str) -> str:
    """``text`` without invisible characters, each run of spaces one plain space (not trimmed);
    the regexes run only when a character they would touch is there."""
    if not text.isascii():
        if any(ch in text for ch in _INVISIBLE_CHARS):
            text = _INVISIBLE.sub("", text)
        if any(ch in text for ch in _EXOTIC_SPACES):
            return _SPACES.sub(" ", text)
    if "  " in text or "\t" in text:
        return _SPACES.sub(" ", text)
    return text


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (``text`` itself when it holds none:
    ``in`` tests and one encoding, which finds lone surrogates, are several times quicker
    than the character-class scan on the pages and fields that are nearly always clean)."""
    if not any(ch in text for ch in _XML_ILLEGAL_DECODED):
        if text.isascii():
            return text
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate
            pass
        else:
            return text
    return _XML_ILLEGAL.sub("", text)


def drop_xml_illegal(text: str) -> tuple[str, int]:
    """``text`` without the characters XML 1.0 forbids, and how many there were.

    A vertical tab or form feed becomes a line break (both end a line in plain text), every
    other such character is dropped. ``text`` is decoded text: it holds no lone surrogate
    (:func:`xml_safe` also drops those).
    """
    # ``in`` tests are about three times quicker than a search with the character class
    # (about 3 µs against 10 on a 2,000-character page); lone surrogates never come out of
    # decoding bytes, so only the characters a decoder can produce are tested for.
    if not any(ch in text for ch in _XML_ILLEGAL_DECODED):
        return text, 0
    breaks = text.count("\x0b") + text.count("\x0c")
    if breaks:
        text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    cleaned, dropped = _XML_ILLEGAL.subn("", text)
    return cleaned, breaks + dropped


def squash(text: str) -> str:
    """One line: invisible characters dropped, runs of spaces made one, ends trimmed."""
    return _squashed(text).strip()


def clean_field(text: str) -> str:
    """``squash(xml_safe(text))``, with a fast path for text that is already tidy.

    ``str.isprintable`` is False for every character the slow path would touch (controls,
    tabs and newlines, invisible format characters, non-breaking and other exotic spaces,
    noncharacters, surrogates), so printable text with single inner spaces and none at the
    ends is returned as it is.
    """
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return squash(_XML_ILLEGAL.sub("", text).replace("\n", " ").replace("\r", " "))


def squash_lines(text: str) -> list[str]:
    """``[squash(line) for line in text.split("\n")]`` with one pass over the whole text
    (neither pattern matches a newline), several times faster on a page of short lines."""
    return [line.strip() for line in _squashed(text).split("\n")]


def truncate(text: str, limit: int = 300) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


#: Words of a section name written in capitals whatever the source's case ("tv" -> "TV").
SECTION_ACRONYMS = frozenset({"tv", "dpr", "mpr", "dki", "ri", "bumn", "ikn", "ntb", "ntt", "diy",
                              "aff", "ump", "umkm", "it"})


def section_name(value: str) -> str:
    """One form for a portal section, whatever the page or URL it was read from.

    Portals print their sections in title case ("Money", "Hot Issue", "Nasional") while their
    URLs and some metadata hold the same section in lower case or as a slug ("money",
    "hot-issue", "berita-ekonomi-bisnis"), and a few print it in capitals ("NASIONAL"). A
    section written in one case only (all lower or all upper) is therefore shown as its words
    in title case, a slug's hyphens and underscores read as spaces ("Berita Ekonomi Bisnis",
    "Pemilu 2019"), with :data:`SECTION_ACRONYMS` in capitals ("TV"). A section in mixed case
    is the portal's own spelling and is kept ("MotoGP", "iNews", "Hot Issue").
    """
    text = squash(value).strip()
    letters = [c for c in text if c.isalpha()]
    if not letters or (any(c.isupper() for c in letters) and any(c.islower() for c in letters)):
        return text
    spaced = squash(re.sub(r"[_-]+", " ", text)).strip()
    return _LETTERS.sub(lambda m: m[0].upper() if m[0].lower() in SECTION_ACRONYMS else m[0].capitalize(),
                        spaced)


_LETTERS = re.compile(r"[^\W\d_]+")
