"""The lines of a plain-text dump, and the cheap views of them that parsers share.

A dump's lines cleaned of invisible characters (:func:`clean_lines`, cached: every parser's
``sniff`` looks at the same document), the crawl prefix `` date 2023-09-14 `` removed
(:func:`strip_crawl_prefix`) and read as a weak date (:func:`crawl_date`), the header views
``sniff`` uses (:func:`sniff_lines`, :func:`head_lines`), lines that are only a date
(:func:`date_line`) and the page number of a ``?page=N`` URL (:func:`url_page`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache

from .dates import WIB, plausible, search_date
from ..reading.textnorm import squash, squash_lines
from .patterns import lazy_compile

_CRAWL_PREFIX = lazy_compile(r"^\s*date (\d{4}-\d{2}(?:-\d{2})?) ")


def strip_crawl_prefix(text: str) -> tuple[str, str | None]:
    """Remove the crawl artefact `` date YYYY-MM[-DD] `` at the start; return it as a hint."""
    m = _CRAWL_PREFIX.match(text)
    if not m:
        return text, None
    return text[m.end():], m.group(1)


def clean_lines(text: str) -> list[str]:
    """The text's lines, each squashed (no invisible characters, single spaces, trimmed).

    Blank and space-only lines become ``""`` and are kept: they separate paragraphs.
    Every parser's ``sniff`` looks at the same document, so the split is cached: the
    second and later calls for one text cost a list copy.
    """
    return list(_cached_lines(text))


@lru_cache(maxsize=8)
def _cached_lines(text: str) -> tuple[str, ...]:
    return tuple(squash_lines(text))


def has_blank_separators(lines: Sequence[str]) -> bool:
    """True when the dump separates paragraphs with blank lines (most headed dumps do)."""
    return any(not line for line in lines[1:-1])


_PAGE_QUERY = lazy_compile(r"[?&]page=(?P<n>\d{1,3})(?:&|#|$)")


def url_page(url: str | None) -> int | None:
    """The page number of a ``?page=N`` continuation URL (None for page 1 or no URL)."""
    if not url:
        return None
    m = _PAGE_QUERY.search(url)
    n = int(m["n"]) if m else None
    return n if n and n > 1 else None


def crawl_date(hint: str | None) -> datetime | None:
    """The crawl prefix's day (``"2023-09-14"``) as midnight WIB; None for a month or nothing.

    A weak hint (it is when the page was crawled, matching the URL date where checked): a
    parser uses it only when the page prints no date, and says so in a note.
    """
    if not hint or len(hint) != 10:
        return None
    try:
        day = date.fromisoformat(hint)
    except ValueError:
        return None
    return plausible(datetime(day.year, day.month, day.day, tzinfo=WIB))


_DATE_LINE_REST = lazy_compile(r"^(?:WIB|WITA|WIT|Diperbarui|Dipublikasikan|Diterbitkan|Published)?$", re.IGNORECASE)


def date_line(line: str) -> datetime | None:
    """The date when ``line`` is a date line and nothing else, or None.

    ``"21 November 2022 14:32"``, ``"Senin, 10 Oktober 2022 | 00:10 WIB"``,
    ``"Jum'at, 10 Juli 2020 - 18:19 WIB"`` are date lines; a sentence that mentions a date is
    not (what is left beside the date may only be separators, a zone or a publish label).
    """
    text = line.strip()
    if not text or len(text) > 80:
        return None
    found = search_date(text)
    if not found:
        return None
    value, (start, end) = found
    rest = (text[:start] + " " + text[end:]).strip(" \t|,:;-–—·•")
    return value if _DATE_LINE_REST.match(rest) else None


_SNIFF_TRIM = " \t\r\f\v\u00a0\u200b\u200c\u200d\u2060\ufeff"


def sniff_lines(text: str, *, limit: int = 8000) -> list[str]:
    """The non-empty lines of ``text[:limit]``, trimmed cheaply, crawl prefix removed.

    For ``sniff``: much cheaper than :func:`clean_lines` (no regex per line), which matters
    because every parser sniffs every document.
    """
    return list(_cached_sniff_lines(text, limit))


@lru_cache(maxsize=16)
def _cached_sniff_lines(text: str, limit: int) -> tuple[str, ...]:
    head, _ = strip_crawl_prefix(text[:limit])
    return tuple(s for s in (line.strip(_SNIFF_TRIM) for line in head.split("\n")) if s)


def head_lines(text: str, count: int) -> list[str]:
    """The first ``count`` non-empty lines of ``text``, squashed like :func:`clean_lines`.

    ``head_lines(t, n) == [l for l in clean_lines(t) if l][:n]``, but only the lines looked
    at are squashed: a cheap header view for ``sniff``.
    """
    out: list[str] = []
    start, size = 0, len(text)
    while len(out) < count and start <= size:
        end = text.find("\n", start)
        if end < 0:
            end = size
        line = squash(text[start:end])
        if line:
            out.append(line)
        start = end + 1
    return out
