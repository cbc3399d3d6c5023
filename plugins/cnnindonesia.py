"""CNN Indonesia (cnnindonesia.com): text dumps.

Layout (see shared/docs/portal-layouts.md, "cnnindonesia"):

- header: the title (video pages: ``VIDEO: …``), the byline ``CNN Indonesia`` or
  ``AFPTV | CNN Indonesia`` (2017: ``Name, CNN Indonesia | Senin, 23/10/2017 15:33 WIB``), the
  date line ``Selasa, 24 Jan 2023 09:08 WIB`` (old: ``Senin, 23/10/2017 15:33 WIB``), then a
  caption or lead, often with a photo credit ``(ANTARA FOTO/…)`` or ending `` |``;
- body: ``Jakarta, CNN Indonesia --`` (or ``—``) opens it, inline or alone on a line; the
  ``ADVERTISEMENT`` / ``SCROLL TO CONTINUE WITH CONTENT`` pair sits between paragraphs;
  editor initials ``(arh/…)`` or ``(gil)`` close it; video pages end with ``VIDEO TERKAIT``.
  Many dumps start at the dateline or mid-article, with no header.

CNBC Indonesia shares the network's layout traits but is another portal: its pages
(``Jakarta, CNBC Indonesia -``, ``Name, CNBC Indonesia``) are never claimed here.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from warta import WIB, Article, Author, Document, Image, LIKELY, TextDumpParser, hookimpl
from warta import dates, textkit
from warta.textkit import lazy_compile

SITE = "cnnindonesia.com"
HOSTS = ("cnnindonesia.com",)

_HEADER_SCAN = 12

_DAY = r"(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu)"
_DATE = rf"{_DAY},\s+(?:\d{{1,2}}\s+[A-Za-z]{{3,9}}\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{4}})\s+\d{{1,2}}[:.]\d{{2}}\s*WIB"
_DATE_LINE = lazy_compile(rf"^{_DATE}$", re.IGNORECASE)
# "CNN Indonesia", "AFPTV | CNN Indonesia", "Gloria Safira Taylor, CNN Indonesia | Senin, 23/10/2017 15:33 WIB"
_BYLINE = lazy_compile(
    rf"^(?:(?P<who>[^|,]{{2,80}}?)\s*(?P<sep>[,|])\s*)?CNN Indonesia(?:\s*\|\s*(?P<date>{_DATE}))?$",
    re.IGNORECASE,
)
# "Jakarta, CNN Indonesia -- ..." / "Jakarta, CNN Indonesia —" (also a stray "CNNIndonesia.com --")
_DATELINE = lazy_compile(
    r"^(?P<city>[A-Z][A-Za-z.'’]+(?:\s[A-Za-z.'’]+){0,3}),\s*CNN\s?Indonesia(?:\.com)?\s*(?:--|—|–|-)\s*"
)
_CNBC = lazy_compile(r"^(?:[^\n,|]{1,80}[,|]\s*)?CNBC Indonesia\b", re.MULTILINE)
# Every sniff rule needs one of these; most pages have none, so they are turned away cheaply.
_GATE = lazy_compile(r"CNN|SCROLL TO CONTINUE")
# /<section>/YYYYMMDDHHMMSS-<cat>-<id>/slug (a path, or a URL without query: see url_date_pattern)
_URL = lazy_compile(
    r"^(?:[a-z][a-z0-9+.-]*://[^/]*)?/(?P<section>[a-z0-9-]+)/"
    r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})-\d+-\d+(?:/|$)"
)
# A photo credit that ends a caption: "(ANTARA FOTO/GALIH PRADIPTA).", "(Dok. Istimewa) |"
_PHOTO_CREDIT = lazy_compile(
    r"\((?P<credit>(?:ANTARA FOTO|CNN Indonesia|CNNIndonesia|Dok\.?|REUTERS|AFP|AP|Foto|Istimewa|"
    r"Arsip|Detikcom|Getty|iStock|Shutterstock)[^()]*)\)\.?\s*\|?$",
    re.IGNORECASE,
)
_TERMINAL = (".", "!", "?", '"', "”", "’", "'", ")", "…", ":", ";")

#: What ends the article on the page (video pages' link lists).
FOOTER = textkit.Boilerplate(
    exact=["VIDEO TERKAIT", "LAINNYA DI DETIKNETWORK", "VIDEO TERBARU", "VIDEO TERPOPULER",
           "BERITA TERKAIT", "TERPOPULER", "Berita Terkait"],
    patterns=[r"^VIDEO TERPOPULER\b", r"^LAINNYA DI DETIKNETWORK\b"],
)

#: Lines that are never article text.
JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=["ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Live", "|"],
    patterns=[
        r"^\[Gambas:[^\]]*\]$",
        r"^icon-[a-z-]+$",
        r"^Lihat Juga\s*:?\s*$",
    ],
)


class CnnIndonesiaParser(TextDumpParser):
    """Reads text dumps of CNN Indonesia article and video pages."""

    name = "cnnindonesia"
    site = SITE
    sites = HOSTS
    sniff_markers = ("cnn", "scroll to continue")  # text_score's gate
    label = "CNN Indonesia"
    url_date_pattern = _URL
    url_time_is_draft = True
    keep_blank_lines = True

    def text_score(self, text: str) -> float:
        """LIKELY on the ``Kota, CNN Indonesia --`` dateline or the byline."""
        gate = text[:20000]
        if not any(word in gate for word in ('CNN', 'SCROLL TO CONTINUE')):  # _GATE's words, found faster
            return 0.0
        head = text[:4000]
        if _CNBC.search(head):
            return 0.0
        lines = textkit.clean_lines(head)
        shown = [line for line in lines if line]
        if any(_DATELINE.match(line) for line in shown):
            return LIKELY
        for line in shown[:_HEADER_SCAN]:
            if _BYLINE.match(line):
                return LIKELY
        whole = text if len(text) < 20000 else text[:20000]
        if "[Gambas:Video CNN]" in whole:
            return LIKELY
        pair = re.search(r"^ADVERTISEMENT\s*\n+\s*SCROLL TO CONTINUE WITH CONTENT\s*$", whole, re.M)
        voiced = re.search(r"\b(?:kepada|pantauan|dihubungi|diwawancarai)\s+CNNIndonesia\.com", whole)
        if pair and voiced:
            return 0.7
        if "VIDEO TERKAIT" in whole and "LAINNYA DI DETIKNETWORK" in whole:
            return 0.6
        if voiced:
            return 0.5
        if pair:
            return 0.45
        return 0.0

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        article.section = _section(doc.url)
        start = _read_header(lines, article)
        _read_body(lines[start:], article)



def _read_header(lines: list[str], article: Article) -> int:
    """Title, byline, date line, caption; return the index where the body starts."""
    window = _header_window(lines)
    byline_at = next((i for i in window if _BYLINE.match(lines[i])), None)
    date_at = next((i for i in window if _DATE_LINE.match(lines[i])), None)
    if byline_at is None and date_at is None:
        article.note("no title, byline or date line: the dump starts at the dateline or mid-article")
        return 0
    if byline_at is not None:
        m = _BYLINE.match(lines[byline_at])
        _add_byline(m, article)
        if m["date"] and date_at is None:
            date_at = byline_at
    if date_at is not None:
        article.published = dates.parse_date(lines[date_at], default_tz=WIB)
        if article.published is None:
            article.note(f"date line not readable: {lines[date_at]!r}")
    first = min(i for i in (byline_at, date_at) if i is not None)
    article.title = _title(lines[:first])
    if article.title is None:
        article.note("no headline before the byline / date line")
    start = max(i for i in (byline_at, date_at) if i is not None) + 1
    return _captions(lines, start, article)


def _header_window(lines: list[str]) -> list[int]:
    window = []
    for i, line in enumerate(lines):
        if not line:
            continue
        if len(window) >= _HEADER_SCAN or len(line) > 200 or _DATELINE.match(line):
            break
        window.append(i)
    return window


def _title(lines: list[str]) -> str | None:
    candidates = [line for line in lines if line and not JUNK.matches(line)]
    if not candidates:
        return None
    title = candidates[-1]
    if len(title) > 200 or _DATE_LINE.match(title):
        return None
    return title


def _captions(lines: list[str], start: int, article: Article) -> int:
    """Caption / lead lines between the date line and the dateline become images."""
    filled = [i for i in range(start, len(lines)) if lines[i]][:4]
    dateline_at = next((k for k, i in enumerate(filled) if _DATELINE.match(lines[i])), None)
    if dateline_at is not None:
        for i in filled[:dateline_at]:
            _add_caption(lines[i], article)
        return filled[dateline_at]
    if filled and (_PHOTO_CREDIT.search(lines[filled[0]]) or lines[filled[0]].endswith(" |")):
        _add_caption(lines[filled[0]], article)
        return filled[0] + 1
    return start


def _add_caption(line: str, article: Article) -> None:
    text = line.rstrip(" |")
    m = _PHOTO_CREDIT.search(line)
    credit = m["credit"].strip() if m else None
    caption = text[: m.start()].strip() if m else text
    if any(image.caption == (caption or text) for image in article.images):
        return
    article.images.append(Image(caption=caption or text, credit=credit))


def _add_byline(m: re.Match[str], article: Article) -> None:
    who = (m["who"] or "").strip()
    if who and m["sep"] == ",":
        article.authors.append(Author(name=who, role="writer"))
        return
    if who:
        article.source = who
    article.authors.append(Author(name="CNN Indonesia", role="writer", detail="desk byline"))


def _read_body(lines: list[str], article: Article) -> None:
    """Paragraphs (hard-wrapped lines joined), captions, related links, dateline."""
    kept: list[str] = []
    opened = False  # the last kept line is the dateline paragraph, not yet finished
    for line in lines:
        if not line:
            continue
        if FOOTER.matches(line):
            break
        text, initials = textkit.split_initials(line)
        if initials:
            if text:
                kept.append(text)
            break
        if JUNK.matches(line):
            continue
        if line.endswith(" |") or (line.endswith("|") and _PHOTO_CREDIT.search(line)):
            _add_caption(line, article)
            continue
        m = _DATELINE.match(line) if not kept else None
        if m:
            article.dateline = m["city"].upper()
            line = line[m.end():].strip()
            if not line:
                continue
            opened = True
            kept.append(line)
            continue
        if kept and _continues(kept[-1], line, opened):
            kept[-1] = f"{kept[-1]} {line}"
            continue
        opened = False
        kept.append(line)
    texts, related = textkit.sort_body_lines(kept, JUNK)
    article.body = textkit.blocks_from(texts)
    article.related = related


def _continues(previous: str, line: str, opened: bool) -> bool:
    """True when ``line`` continues ``previous`` (a dump broke the paragraph at a link)."""
    if previous.endswith(_TERMINAL):
        return False
    return opened or line[:1].islower() or line.startswith("CNNIndonesia.com")


def _section(url: str | None) -> str | None:
    """The section of a ``/<section>/YYYYMMDDHHMMSS-<cat>-<id>/slug`` URL."""
    m = _URL.match(urlsplit(url).path) if url else None
    return m["section"] if m else None


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK, FOOTER)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register):
    register(CnnIndonesiaParser())
