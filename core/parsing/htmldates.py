"""Dates in HTML pages: meta values and the dates a page prints.

:func:`read_meta_date` reads a date from a meta value (ISO 8601 with its offset kept, Detik's
dashed clock, a printed Indonesian date, a Unix time in milliseconds); :func:`visible_date`
and :func:`dated_elements` find a printed date with a clock in the page's text, for parsers
whose page has no usable meta date.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

import lxml.html

from .dates import DATE_RE, WIB, parse_date, parse_iso, search_date
from .htmlblocks import SKIP_TAGS
from .patterns import lazy_compile

_TAG = lazy_compile(r"<[^>]*>")
# Detik writes its local time as "2015-06-16T14-05-11Z": dashes in the clock and a "Z" that
# is not UTC (its dtk:*unix metas show the clock is WIB).
_DASHED_CLOCK = lazy_compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z?$")


def read_meta_date(text: str | None, *, default_tz: timezone = WIB) -> datetime | None:
    """A date from a meta value: ISO 8601 (offset kept), Detik's dashed clock (local), a
    printed Indonesian date, or a Unix time in milliseconds; None when unreadable."""
    if not text:
        return None
    text = " ".join(_TAG.sub(" ", text).split())
    dashed = _DASHED_CLOCK.match(text)
    if dashed:
        text = f"{dashed[1]}T{dashed[2]}:{dashed[3]}:{dashed[4]}"
    elif re.fullmatch(r"\d{4}/\d{2}/\d{2} \d{2}:\d{2}(:\d{2})?", text):
        text = text.replace("/", "-")
    if not re.match(r"\d{4}-\d{2}-\d{2}", text):
        return parse_date(text, default_tz=default_tz)
    return parse_iso(text, default_tz=default_tz)


_DATE_CLASS = lazy_compile(r"date|time|tgl|tanggal|publish|posted|waktu", re.IGNORECASE)


def visible_date(tree: lxml.html.HtmlElement, *, after: lxml.html.HtmlElement | None = None,
                 default_tz: timezone = WIB, limit: int = 400) -> datetime | None:
    """The first printed date with a clock on the page, read with :func:`parse_date`.

    With ``after`` (usually the headline element) only text that follows it in document
    order counts, within ``limit`` text pieces (a site header's "today" date comes before
    the headline; comments come long after). Without a clock nothing is returned.
    """
    started = after is None
    seen = 0
    for el in tree.iter():
        if el is after:
            started = True
            continue
        if not started or not isinstance(el.tag, str) or el.tag in SKIP_TAGS:
            continue
        if _inside_skipped(el, after):
            continue
        for piece in (el.text, el.tail):
            if not piece or not piece.strip():
                continue
            seen += 1
            found = _dated_with_clock(piece, default_tz)
            if found is not None:
                return found
        if seen > limit:
            return None
    return None


def _inside_skipped(el: lxml.html.HtmlElement, stop: lxml.html.HtmlElement | None) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in SKIP_TAGS:
            return True
        parent = parent.getparent()
    return False


def _dated_with_clock(text: str, default_tz: timezone) -> datetime | None:
    for m in DATE_RE.finditer(text):
        if m.group("hour") is None:
            continue
        found = search_date(m.group(0), default_tz=default_tz)
        if found is not None:
            return found[0]
    return None


def dated_elements(tree: lxml.html.HtmlElement, *, default_tz: timezone = WIB) -> datetime | None:
    """The first date with a clock printed in an element whose class or id speaks of a
    date ("date", "time", "tgl", "tanggal", "publish"...), or None."""
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in SKIP_TAGS:
            continue
        marker = f"{el.get('class') or ''} {el.get('id') or ''}"
        if not _DATE_CLASS.search(marker):
            continue
        text = " ".join(el.text_content().split())[:200]
        found = _dated_with_clock(text, default_tz)
        if found is not None:
            return found
    return None
