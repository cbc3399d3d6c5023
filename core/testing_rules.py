"""The rules every check of :mod:`warta.testing` shares: RFC 822 and RFC 3339 dates,
absolute URLs, language tags, the HTML a feed may carry, reading a source, and failing with
one message that lists every problem.

Only the standard library is imported here (lxml when HTML is checked), as in warta.testing.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: RFC 822 (as RSS 2.0 uses it, with a four-digit year): "Tue, 29 Dec 2020 19:16:00 +0700".
RFC822 = re.compile(
    r"^(?P<weekday>Mon|Tue|Wed|Thu|Fri|Sat|Sun), (?P<day>\d{1,2}) (?P<month>"
    + "|".join(_MONTHS)
    + r") (?P<year>\d{4}) (?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d):(?P<second>[0-5]\d)"
    r" (?P<offset>[+-]\d{4})$"
)
#: RFC 3339 date-time with a mandatory offset.
RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$"
)
#: A language tag (BCP 47's shape: "id", "en-US").
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_UNSAFE_TAGS = frozenset({"script", "style", "iframe", "form", "object", "embed", "frame", "frameset"})
_URL_ATTRIBUTES = ("href", "src", "cite", "poster", "action", "longdesc")


def read_source(source: str | Path | bytes) -> bytes:
    """The bytes of ``source``: a file's path, or the bytes themselves."""
    if isinstance(source, bytes):
        return source
    return Path(source).read_bytes()


def raise_problems(problems: list[str], kind: str) -> None:
    """Raise one AssertionError listing ``problems`` (the first 20), if there are any."""
    if problems:
        shown = problems[:20] + ([f"... and {len(problems) - 20} more"] if len(problems) > 20 else [])
        raise AssertionError(f"{kind} is not valid:\n  " + "\n  ".join(shown))


def is_absolute(url: str) -> bool:
    """True for an absolute http(s) URL with a host (and for mailto:)."""
    parts = urlsplit(url.strip())
    if parts.scheme == "mailto":
        return bool(parts.path)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def is_rfc3339(value: str) -> bool:
    """True for an RFC 3339 date-time with an offset that names a real moment."""
    if not RFC3339.match(value):
        return False
    try:
        parsed = datetime.fromisoformat(value.replace("z", "Z").replace("t", "T"))
    except ValueError:
        return False
    return parsed.tzinfo is not None


def rfc822_problems(where: str, value: str) -> list[str]:
    """What is wrong with an RSS date: not RFC 822, not a real day, wrong weekday, odd offset."""
    m = RFC822.match(value)
    if not m:
        return [f"{where}: {value!r} is not RFC 822 like 'Tue, 29 Dec 2020 19:16:00 +0700'"]
    try:
        day = date(int(m["year"]), _MONTHS.index(m["month"]) + 1, int(m["day"]))
    except ValueError:
        return [f"{where}: {value!r} is not a real date"]
    problems = []
    if _WEEKDAYS[day.weekday()] != m["weekday"]:
        problems.append(f"{where}: {value!r} says {m['weekday']} but that day is a {_WEEKDAYS[day.weekday()]}")
    if m["offset"] == "-0000":
        problems.append(f"{where}: {value!r} has the offset -0000 (unknown zone)")
    if abs(int(m["offset"][1:3])) > 14 or int(m["offset"][3:]) > 59:
        problems.append(f"{where}: {value!r} has an impossible offset")
    return problems


def html_problems(where: str, html: str) -> list[str]:
    """HTML that a feed carries: sanitised, every URL absolute."""
    if not html.strip():
        return []
    import lxml.html
    from lxml import etree

    try:
        fragments = lxml.html.fragments_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        return [f"{where}: unreadable HTML ({exc})"]
    problems = []
    for fragment in fragments:
        if not isinstance(fragment, etree._Element):
            continue
        for element in fragment.iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag.lower() in _UNSAFE_TAGS:
                problems.append(f"{where}: unsanitised <{element.tag}>")
            for attribute, value in element.attrib.items():
                if attribute.lower().startswith("on"):
                    problems.append(f"{where}: event attribute {attribute} on <{element.tag}>")
                elif attribute in _URL_ATTRIBUTES and not is_absolute(value):
                    problems.append(f"{where}: <{element.tag} {attribute}={value!r}> is not an absolute URL")
                elif attribute == "srcset":
                    for candidate in value.split(","):
                        url = candidate.strip().split(" ")[0]
                        if url and not is_absolute(url):
                            problems.append(f"{where}: <{element.tag} srcset> has {url!r}, not absolute")
    return problems
