"""Where a saved page came from and when it was saved, as the page itself records it.

:func:`find_page_url` recovers the page's own URL (the "saved from" comment, SingleFile's
comment, the canonical link, ``og:url``); :func:`singlefile_date` reads SingleFile's "saved
date", :func:`rfc2822_date` an MHTML archive's ``Date:`` header.
"""

from __future__ import annotations

import email.utils
import re
from datetime import datetime, timedelta, timezone

from ..parsing.dates import MAX_OFFSET, plausible

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
_CANONICAL = (
    re.compile(r"""<link\b[^>]*\brel=["']?canonical["']?[^>]*\bhref=["']([^"'>\s]+)""", re.I),
    re.compile(r"""<link\b[^>]*\bhref=["']([^"'>\s]+)["'][^>]*\brel=["']?canonical""", re.I),
    re.compile(r"""<meta\b[^>]*\bproperty=["']og:url["'][^>]*\bcontent=["']([^"'>\s]+)""", re.I),
    re.compile(r"""<meta\b[^>]*\bcontent=["']([^"'>\s]+)["'][^>]*\bproperty=["']og:url""", re.I),
)


def rfc2822_date(value: str | None) -> datetime | None:
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


def singlefile_date(text: str) -> tuple[datetime, str] | None:
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
    return rfc2822_date(value)


def find_page_url(html: str) -> str | None:
    """The page's own URL from a saved HTML page, or None."""
    head = html[:65536]
    for pattern in (_SAVED_FROM, _SINGLEFILE, *_CANONICAL):
        m = pattern.search(head)
        if m and m.group(1).startswith(("http://", "https://")):
            return m.group(1)
    return None
