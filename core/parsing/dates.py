"""Reading the dates Indonesian portals print, with their real offsets.

One reader for every plugin. It knows Indonesian day and month names (full and short,
"Jum'at" and "Jumat", "Agu"/"Agt"/"Agustus") and the English forms portals mix in, the
separators they use ("Senin, 28 Des 2020 19:16 WIB", "24 Des 2013, 17:54 WIB",
"Selasa, 24 Maret 2020 – 13:38 WIB", "Senin, 10 Oktober 2022 | 00:10 WIB",
"Kompas.com - 29/12/2020, 19:16 WIB", "21 November 2022 14:32", "Tue, May 16, 2017"),
dotted times ("19.16"), and the zones WIB (+07:00), WITA (+08:00) and WIT (+09:00).

A wrong date is worse than none: a string this reader cannot read gives ``None`` (never a
guess), and a date without a printed zone takes the zone the caller names. Relative dates
("2 jam yang lalu") are read only against a ``reference`` time the caller passes, never
against the clock.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from .patterns import lazy_compile

WIB = timezone(timedelta(hours=7), "WIB")
WITA = timezone(timedelta(hours=8), "WITA")
WIT = timezone(timedelta(hours=9), "WIT")
UTC = timezone.utc

ZONES: dict[str, timezone] = {"WIB": WIB, "WITA": WITA, "WIT": WIT, "UTC": UTC, "GMT": UTC, "Z": UTC}

#: The widest offset a real zone uses (Kiribati, +14:00; the lowest is -12:00). A printed
#: offset beyond it ("+99", "+2400"), or with 60 minutes or more, is a misprint: the date
#: is unreadable (None), never shifted by a guessed zone.
MAX_OFFSET = timedelta(hours=14)
#: The years a page's date can be in; a date outside them ("0001-01-01", "9999-12-31"
#: shifted past the calendar's end) is a misread and gives None.
YEARS = range(1800, 2200)

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "jan januari january",
        "feb febr februari pebruari february",
        "mar mrt maret march",
        "apr april",
        "mei may",
        "jun juni june",
        "jul juli july",
        "agu agt ags agus agust agustus aug august",
        "sep sept september",
        "okt oct oktober october",
        "nov nop nopember november",
        "des dec desember december",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number

_DAYS = (
    r"senin|selasa|rabu|kamis|jum'?at|jum`at|sabtu|minggu|ahad"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_SEP = r"[\s,|\-–—/·•]*"
_TIME = (
    r"(?:(?:pukul|jam|pkl\.?|at)\s*)?"
    r"(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)(?:[:.](?P<second>[0-5]\d))?"
    r"(?:\s*(?P<ampm>[ap]\.?m\.?))?"
)
_ZONE = (
    r"(?P<zone>WITA|WIB|WIT|UTC|GMT|Z)?"
    r"(?:\s*(?P<offset>[+-]\d{1,2}(?::?\d{2})?))?"
)

_DATE_PATTERNS = (
    # 28 Des 2020 / 1 Januari 2022 / 16 Dec 2020
    rf"(?P<d1>\d{{1,2}})\s*(?P<m1>{_MONTH})\.?,?\s+(?P<y1>\d{{4}})",
    # May 16, 2017 / October 16, 2021
    rf"(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})",
    # 2020-12-29 (ISO; also with T time)
    r"(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})",
    # 29/12/2020, 29-12-2020, 29.12.2020 (day first, as Indonesia writes them)
    r"(?P<d4>\d{1,2})[/.-](?P<m4>\d{1,2})[/.-](?P<y4>\d{4})",
    # 2017/08/02 (year first with slashes, as detik's wawancara pages print it)
    r"(?P<y5>\d{4})/(?P<m5>\d{1,2})/(?P<d5>\d{1,2})",
)

DATE_RE = lazy_compile(
    rf"(?:\b(?P<day>{_DAYS})\b\.?{_SEP})?"
    rf"\b(?:{'|'.join(_DATE_PATTERNS)})(?![\d])"
    rf"(?:(?:{_SEP}|T)(?<!\d){_TIME}(?!\d)\s*{_ZONE})?",
    re.IGNORECASE,
)

_RELATIVE_RE = lazy_compile(
    r"\b(?P<n>\d+|se)\s*(?P<unit>detik|menit|jam|hari|minggu|pekan|bulan|tahun"
    r"|seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+(?:yang\s+)?(?:lalu|ago)\b",
    re.IGNORECASE,
)
_UNIT_SECONDS = {
    "detik": 1, "second": 1, "seconds": 1,
    "menit": 60, "minute": 60, "minutes": 60, "min": 60, "mins": 60,
    "jam": 3600, "hour": 3600, "hours": 3600, "hr": 3600, "hrs": 3600,
    "hari": 86400, "day": 86400, "days": 86400,
    "minggu": 604800, "pekan": 604800, "week": 604800, "weeks": 604800,
}


def zone(name: str | None) -> timezone | None:
    """The fixed offset for a zone name such as ``"WIB"`` (None when unknown)."""
    return ZONES.get(name.upper()) if name else None


def _offset(text: str) -> timezone | None:
    """The zone for a printed offset ("+07", "+0700", "-05:30"); None beyond what zones use."""
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours = int(digits[:-2] if len(digits) > 2 else digits)
    minutes = int(digits[-2:]) if len(digits) > 2 else 0
    offset = timedelta(hours=hours, minutes=minutes)
    if minutes >= 60 or offset > MAX_OFFSET:
        return None
    return timezone(sign * offset)


def plausible(value: datetime | None) -> datetime | None:
    """``value`` when it is a date a page can carry: aware with a real zone's offset, in
    :data:`YEARS` (so it can be shown in any zone); otherwise None."""
    if value is None or value.tzinfo is None:
        return value
    offset = value.utcoffset()
    if offset is None or abs(offset) > MAX_OFFSET or value.year not in YEARS:
        return None
    return value


def _from_match(m: re.Match[str], default_tz: timezone) -> datetime | None:
    g = m.groupdict()
    try:
        if g["d1"]:
            day, month, year = int(g["d1"]), MONTHS[g["m1"].lower()], int(g["y1"])
        elif g["m2"]:
            day, month, year = int(g["d2"]), MONTHS[g["m2"].lower()], int(g["y2"])
        elif g["y3"]:
            day, month, year = int(g["d3"]), int(g["m3"]), int(g["y3"])
        elif g["y5"]:
            day, month, year = int(g["d5"]), int(g["m5"]), int(g["y5"])
        else:
            day, month, year = int(g["d4"]), int(g["m4"]), int(g["y4"])
        when = date(year, month, day)
    except (KeyError, ValueError):
        return None
    if g["day"] and not _weekday_agrees(g["day"], when):
        return None
    clock = time(0, 0)
    if g["hour"] is not None:
        hour = int(g["hour"])
        if g["ampm"]:
            pm = g["ampm"].lower().startswith("p")
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if pm else 0)
        clock = time(hour, int(g["minute"]), int(g["second"] or 0))
    if g["offset"]:
        tz = _offset(g["offset"])
        if tz is None:
            return None
    elif g["zone"]:
        tz = ZONES[g["zone"].upper()]
    else:
        tz = default_tz
    return plausible(datetime.combine(when, clock, tz))


_WEEKDAYS = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "jum`at": 4,
    "sabtu": 5, "minggu": 6, "ahad": 6,
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}


def _weekday_agrees(name: str, when: date) -> bool:
    """A printed weekday that contradicts the date means we misread something."""
    expected = _WEEKDAYS.get(name.lower())
    return expected is None or expected == when.weekday()


def search_date(
    text: str, *, default_tz: timezone = WIB, reference: datetime | None = None
) -> tuple[datetime, tuple[int, int]] | None:
    """Find the first readable date in ``text``; return it with its span, or None."""
    for m in DATE_RE.finditer(text):
        value = _from_match(m, default_tz)
        if value is not None:
            return value, m.span()
    if reference is not None:
        m = _RELATIVE_RE.search(text)
        if m:
            value = _relative(m, reference)
            return (value, m.span()) if value is not None else None
    return None


def parse_date(
    text: str | None, *, default_tz: timezone = WIB, reference: datetime | None = None
) -> datetime | None:
    """Read one date string (e.g. ``"Senin, 28 Des 2020 19:16 WIB"``) or return None.

    ``default_tz`` applies when the string names no zone; ``reference`` (timezone-aware)
    anchors relative forms such as "2 jam yang lalu", which are otherwise unreadable.
    """
    if not text:
        return None
    found = search_date(text, default_tz=default_tz, reference=reference)
    return found[0] if found else None


def _relative(m: re.Match[str], reference: datetime) -> datetime | None:
    if reference.tzinfo is None:
        raise ValueError("reference time must be timezone-aware")
    n = 1 if m["n"].lower() == "se" else int(m["n"])
    unit = m["unit"].lower()
    if unit in ("bulan",):
        seconds = 30 * 86400 * n
    elif unit in ("tahun",):
        seconds = 365 * 86400 * n
    else:
        seconds = _UNIT_SECONDS[unit] * n
    try:  # "99999999999 tahun yang lalu" is before year 1
        return plausible(reference - timedelta(seconds=seconds))
    except OverflowError:
        return None


_ISO_CLOCK = lazy_compile(r"\d{4}-\d{2}-\d{2}[T ]\d")
_ISO_OFFSET = lazy_compile(r"\d\s*[+-]\d{2}:?(?P<minutes>\d{2})(?P<seconds>:?\d{2}(?:\.\d+)?)?$")


def parse_iso(text: str | None, *, default_tz: timezone = WIB) -> datetime | None:
    """Read an ISO 8601 / RFC 3339 timestamp (as in HTML meta); naive ones take ``default_tz``."""
    if not text:
        return None
    candidate = text.strip().replace(" ", "T", 1) if "T" not in text else text.strip()
    if candidate.endswith(("Z", "z")):
        candidate = candidate[:-1] + "+00:00"
    candidate = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", candidate)
    offset = _ISO_OFFSET.search(candidate)
    if offset and (int(offset["minutes"]) >= 60 or offset["seconds"]):
        return None  # "+07:99" (which fromisoformat would read as +08:39), "+07:00:30"
    try:
        value = datetime.fromisoformat(candidate)
    except ValueError:
        found = search_date(text, default_tz=default_tz)
        if found is None:
            return None
        (start, end) = found[1]
        if _ISO_CLOCK.match(text.strip()) and end - start <= len("2020-12-29"):
            return None  # "2020-12-29T25:00": a clock that cannot be read is no midnight
        return found[0]
    return plausible(value if value.tzinfo else value.replace(tzinfo=default_tz))


def to_zone(value: datetime, tz: timezone = WIB) -> datetime:
    """The same instant shown in ``tz`` (Kompas's UTC meta times shown as WIB)."""
    return value.astimezone(tz)


# "Selasa (30/12)", "Jumat (5/3/2021)", "Senin (13/1/23)": the day a report's events happened,
# as Indonesian news names it in the opening sentence.
_OPENING_DAY = lazy_compile(
    r"\b(?P<day>senin|selasa|rabu|kamis|jum'?at|jum`at|sabtu|minggu|ahad)\s*\(\s*"
    r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{4}|\d{2}))?\s*\)",
    re.IGNORECASE,
)
#: How many years before the reference a year-less "Selasa (30/12)" may lie: the weekday of a
#: day and month repeats after 5, 6 or 11 years, so within this window the weekday names one
#: year.
OPENING_YEARS = 5


def opening_date(text: str, *, reference: datetime | None = None) -> tuple[datetime, str] | None:
    """The first weekday-and-date of ``text`` ("Selasa (30/12)") as midnight WIB of that
    day, with the words as printed; None when there is none or it cannot be dated.

    A printed year is taken when the weekday agrees with it (and the day is not after
    ``reference``, when given). A year-less date needs ``reference`` (the crawl or URL date,
    timezone-aware): the latest year, at most :data:`OPENING_YEARS` before it, in which that
    day is that weekday and not after the reference's day. A weekday that contradicts the
    date (or every candidate year) gives None: a wrong date is worse than none.
    """
    m = _OPENING_DAY.search(text)
    if m is None:
        return None
    day, month = int(m["d"]), int(m["m"])
    if m["y"]:
        year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
        candidates = [year]
    elif reference is not None:
        year = reference.astimezone(WIB).year
        candidates = list(range(year, year - OPENING_YEARS - 1, -1))
    else:
        return None
    latest = reference.astimezone(WIB).date() if reference is not None else date.max
    for year in candidates:
        try:
            when = date(year, month, day)
        except ValueError:
            continue
        if when > latest:
            if m["y"]:
                return None  # after the page was crawled: not the day of its events
            continue
        if _weekday_agrees(m["day"], when):
            return plausible(datetime.combine(when, time(0, 0), WIB)), m.group(0)
        if m["y"]:
            return None
    return None
