"""Kompas's other sites in text dumps (kompas-layout.md §12), for the Kompas text parser.

kompas.tv, video.kompas.com and Kompasiana print their dates with month names
("Kompas.tv - 22 Mei 2020, 16:34 WIB", "Kompas sport | 1 Oktober 2017, 09:40 WIB" glued to the
body, "29 Mei 2018   12:00 Diperbarui: 29 Mei 2018   12:02 599 0 0"); kompas.id opens with
``logo Kompas.id`` and credits ``Oleh`` / NAME above the body and ``Editor:`` / NAME below it;
video pages close with ``Penulis Naskah:``, ``Narator:`` and ``Video Editor:``; ``/copy/``
pages are ``Salin Artikel``, the title, the body. This module reads those parts; the parser
in ``kompas.py`` does the rest the same way as for kompas.com.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from warta import WIB, Article, Author, parse_date
from warta.dates import MONTHS, plausible
from warta.textkit import PERSON_NAME, lazy_compile

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WHEN = rf"\d{{1,2}}\s+(?:{_MONTH})\.?\s+\d{{4}},?\s+\d{{1,2}}[:.]\d{{2}}(?:\s*WIB)?"
# "Kompas.tv - 22 Mei 2020, 16:34 WIB", "Berita kompas tv | 5 Juni 2020, 19:25 WIB",
# "Kompas sport | 1 Oktober 2017, 09:40 WIBBertanding …", "5 Desember 2022, 21:03 WIB",
# "29 Mei 2018   12:00 Diperbarui: 29 Mei 2018   12:02 599 0 0".
_LONG_DATE = lazy_compile(
    rf"^(?:(?P<brand>Kompas\.tv|KompasTV|Kompas TV)\s*[-–—]\s*|(?P<show>[A-Z][\w'&.]*(?: [\w'&.]+){{0,5}})\s*\|\s*)?"
    rf"(?P<when>{_WHEN})"
    rf"(?:\s+Diperbarui\s*:?\s*(?P<updated>{_WHEN}))?"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
_COUNTERS = lazy_compile(r"^(?:\s*\d+)*\s*$")
_SLUG = lazy_compile(r"^[a-z0-9]+(?:-[a-z0-9]+){2,}$")
# Credits printed below the body: "Video Editor: Bara Bima", "Penulis Naskah: X", "Narator: Y".
_TAIL_CREDIT = lazy_compile(
    r"^(?P<label>Video Editor|Penulis Naskah|Narator|Reporter|Kameramen|Produser)\s*:\s*(?P<name>[A-Z][^|:]{1,60})$"
)
_TAIL_ROLE = {"video editor": "editor", "penulis naskah": "writer", "narator": "contributor",
              "reporter": "reporter", "kameramen": "contributor", "produser": "contributor"}
_SOURCE = lazy_compile(r"^Sumber\s*:\s*(?P<source>\S.{0,60})$")
_READ_TIME = lazy_compile(r"^·?\s*\d+\s+menit baca$")
# kompas.id opens its body with a bare upper-case city: "PALANGKARAYA — Warga …".
_BARE_DATELINE = lazy_compile(r"^(?P<city>[A-Z][A-Z.'’ ]{2,30}?)\s*[-–—]+\s+(?P<rest>\S.*)$")

#: Lines of these sites that are never article text.
JUNK_EXACT = ["logo Kompas.id", "> >", ">", "Mohon tunggu...", "Oleh"]
JUNK_PATTERNS = [r"^·?\s*\d+\s+menit baca$", r"^Gabung ke Channel WhatsApp KompasTV\b"]
#: What makes a text look like one of these sites when no URL says so.
MARKERS = (
    r"|^logo Kompas\.id$"
    r"|^(?:Kompas\.tv|KompasTV)\s*[-–—]\s*\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d WIB"
    r"|^Berita kompas tv \|"
    r"|^(?:[A-Z][A-Z .'-]{1,40}, )?KOMPAS(?:\.TV| TV)\s*[-–—]"
    r"|^Salin Artikel$"
    r"|^[A-Z][\w ]{2,40} \| \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d WIB(?:[A-Z]|\s*$)"
    r"|^KOMPASIANA\s*[-–—]"
    r"|^\d{1,2} [A-Z][a-z]+ \d{4}\s+\d\d:\d\d\s+Diperbarui:"
)


@dataclass(slots=True)
class LongDate:
    """A date line with a month name; ``rest`` is body text glued after it, if any."""

    published: datetime | None
    updated: datetime | None
    site: str | None
    section: str | None
    rest: str


def long_date(line: str) -> LongDate | None:
    """Read a §12 date line, or None. Text glued after the date counts only after a show or
    brand prefix (``Kompas sport | … WIBBertanding``); otherwise the line must hold the date alone
    (and Kompasiana's view/comment counters)."""
    m = _LONG_DATE.match(line)
    if not m:
        return None
    rest = m["rest"].strip()
    prefixed = bool(m["brand"] or m["show"])
    if rest and not prefixed and not (m["updated"] and _COUNTERS.match(rest)):
        return None
    if m["updated"] and _COUNTERS.match(rest):
        rest = ""
    published = parse_date(m["when"])
    if published is None:
        return None
    site = "kompas.tv" if prefixed else ("kompasiana.com" if m["updated"] else None)
    show = m["show"].strip() if m["show"] else None
    return LongDate(published, parse_date(m["updated"]) if m["updated"] else None, site,
                    show.lower() if show else None, rest)


def site_of(url: str | None) -> str | None:
    """kompas.tv, kompas.id or kompasiana.com from a URL on one of them (None otherwise)."""
    host = (urlsplit(url).hostname or "").lower() if url else ""
    for site in ("kompas.tv", "kompas.id", "kompasiana.com"):
        if host == site or host.endswith("." + site):
            return site
    return None


_ID_URL = lazy_compile(r"^https?://(?:www\.)?kompas\.id/baca/(?P<section>[a-z-]+)/(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/",
                     re.IGNORECASE)


def kompas_id_url(url: str | None, article: Article) -> None:
    """kompas.id URLs (``/baca/SECTION/YYYY/MM/DD/slug``) give the section, and the day when
    the page printed no date (time unknown: midnight WIB, noted)."""
    m = _ID_URL.match(url or "")
    if not m:
        return
    article.section = article.section or m["section"].lower()
    if article.published is None:
        try:
            article.published = plausible(datetime(int(m["y"]), int(m["m"]), int(m["d"]), tzinfo=WIB))
        except ValueError:
            return
        if article.published is None:
            return
        article.note("published: the date in the URL (the page prints no date; time unknown)")


def is_slug(line: str) -> bool:
    """kompas.tv prints the URL slug under its date line ("pemerintah-perpanjang-psbb")."""
    return bool(_SLUG.match(line))


def read_kompas_id_header(lines: list[str], article: Article) -> int | None:
    """kompas.id: ``logo Kompas.id``, breadcrumb, ``Iklan``, title, dek, ``Oleh`` / NAME,
    ``· N menit baca``. Fill title, summary and writers; return the header's last line."""
    if not lines or lines[0] != "logo Kompas.id":
        return None
    article.site = "kompas.id"
    shown = [(i, line) for i, line in enumerate(lines[:30]) if line]
    oleh = next((k for k, (_, line) in enumerate(shown) if line == "Oleh" or line.startswith("Oleh ")), None)
    if oleh is None:
        article.note("kompas.id page without its \"Oleh\" byline: header not read")
        return None
    # Between the breadcrumb (and "Iklan") and the byline: the title, then the dek.
    top = [line for _, line in shown[1:oleh] if line != "Iklan"]
    if len(top) >= 2:
        top = top[1:]  # the glued breadcrumb comes first
    if top:
        article.title = top[0]
        if len(top) > 1:
            article.summary = " ".join(top[1:])
    end = oleh
    names = shown[oleh][1].removeprefix("Oleh").strip()
    if not names and oleh + 1 < len(shown) and PERSON_NAME.match(shown[oleh + 1][1]):
        names = shown[oleh + 1][1]
        end = oleh + 1
    for name in re.split(r"\s*,\s*|\s+dan\s+|\s*&\s*", names):
        if name:
            article.authors.append(Author(name, "writer", "Oleh"))
    if end + 1 < len(shown) and _READ_TIME.match(shown[end + 1][1]):
        end += 1
    return shown[end][0]


def bare_dateline(line: str) -> re.Match[str] | None:
    """kompas.id's lead "PALANGKARAYA — …" (no brand)."""
    return _BARE_DATELINE.match(line)


def tail_credit(lines: list[str], i: int, article: Article) -> tuple[int, bool]:
    """A credit printed after the body at ``lines[i]``: (lines it takes, whether the article
    ends there). kompas.id's ``Editor:`` / NAME closes the page (office addresses follow)."""
    line = lines[i]
    if ":" not in line:  # every form below has one; most body lines do not
        return 0, False
    m = _TAIL_CREDIT.match(line)
    if m:
        label = m["label"]
        article.authors.append(Author(m["name"].strip(), _TAIL_ROLE[label.lower()], label))
        return 1, False
    m = _SOURCE.match(line)
    if m:
        article.source = article.source or m["source"].strip()
        return 1, False
    if line == "Editor:" and i + 1 < len(lines) and PERSON_NAME.match(lines[i + 1]):
        article.authors.append(Author(lines[i + 1], "editor", "Editor"))
        return 2, True
    return 0, False


def salin_title(lines: list[str]) -> tuple[str, int] | None:
    """A ``/copy/`` page: ``Salin Artikel``, a blank, the title, a blank. The title and the
    index of the line after it, or None."""
    shown = [(i, line) for i, line in enumerate(lines[:8]) if line]
    for k, (i, line) in enumerate(shown[:3]):
        if line == "Salin Artikel" and k + 1 < len(shown):
            j, title = shown[k + 1]
            if len(title) <= 200 and not title.endswith((".", ",", ";", ":")):
                return title, j + 1
    return None
