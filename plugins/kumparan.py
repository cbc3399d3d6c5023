"""kumparan (kumparan.com): text dumps.

Layout (see shared/docs/portal-layouts.md): either the site footer first (``Tentang
KamiPedoman Media Siber...`` glued, ``2024 © PT Dynamo Media Network``, ``Version 1.89.0``) or
a prayer-time widget (``news-card-video``, ``Jakarta``, ``imsak`` ... ``isya``); then the
title, the date line ``23 September 2020 19:30 WIB`` (hour not zero-padded), ``·`` and
``waktu baca 2 menit`` (sometimes glued to ``ADVERTISEMENT``), then the body with
``ADVERTISEMENT`` every few paragraphs and icon names (``comment``, ``copy-link-circle``).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from warta import WIB, Article, Document, Image, LIKELY, TextDumpParser, hookimpl
from warta import dates, textkit
from warta.textkit import lazy_compile

SITE = "kumparan.com"
HOSTS = ("kumparan.com",)

JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=[
        "news-card-video", "imsak", "subuh", "terbit", "dzuhur", "zuhur", "ashar", "asar",
        "maghrib", "magrib", "isya", "·", "comment", "sosmed-whatsapp-white",
        "copy-link-circle", "more-vertical", "zoom-in-whitePerbesar", "Perbesar",
        "Konten Premium", "Lihat semua", "Follow", "Ikuti",
    ],
    patterns=[
        r"^Tentang Kami\s*Pedoman Media Siber",
        r"^\d{4} (?:©|ยฉ|Â©|\(c\)) PT Dynamo Media Network$",
        r"^Version \d+(?:\.\d+)+$",
        r"^waktu baca \d+ menit",
        r"^(?:sosmed|copy-link|more-vertical|zoom-in)[\w-]*",
        r"^\d{1,2}[:.]\d{2}$",  # prayer-widget times
    ],
)

# "23 September 2020 19:30 WIB", "1 Januari 2023 9:00 WIB", optionally "· waktu baca 2 menit"
_DATE_LINE = lazy_compile(
    r"^\d{1,2}\s+[A-Za-z]+\s+\d{4}\s+\d{1,2}[:.]\d{2}\s*(?:WIB|WITA|WIT)\b(?P<rest>.*)$"
)
_READ_TIME = lazy_compile(r"waktu baca \d+ menit\s*", re.I)
_HEADER_LINES = 40
# The read-time line, lower-cased: with the brand words, the cheap test every sniff marker passes.
_READ_TIME_GATE = lazy_compile(r"wib\s*(?:·\s*)?waktu\s+baca")
# The date line, then "·" and "waktu baca N menit": kumparan's own header shape.
_DATED_READ_TIME = lazy_compile(r"\d{1,2}[:.]\d{2} WIB\s*(?:·\s*)?waktu baca \d+ menit", re.I)
_ACCOUNT = lazy_compile(r"^/(?P<account>[A-Za-z0-9_.-]+)/[^/]+-[A-Za-z0-9]{8,12}/?$")


class KumparanParser(TextDumpParser):
    """Reads text dumps of kumparan article pages."""

    name = "kumparan"
    site = SITE
    sites = HOSTS
    sniff_markers = ("dynamo", "kumparan", "news-card-video", "waktu")  # text_score's gate
    label = "kumparan"
    keep_blank_lines = True

    def text_score(self, text: str) -> float:
        """LIKELY on its footer, version line or prayer widget up top."""
        head = text[:3000]
        low = head.lower()
        if not any(word in low for word in ("dynamo", "kumparan", "news-card-video")) and not _READ_TIME_GATE.search(low):
            return 0.0
        head = textkit.clean_lines(head)[:_HEADER_LINES]
        for line in head:
            if "PT Dynamo Media Network" in line and len(line) < 60:
                return LIKELY
            if line.startswith("Tentang Kami") and "Pedoman Media Siber" in line and "kumparan" in line:
                return LIKELY
            if line == "news-card-video":
                return LIKELY
        if _DATED_READ_TIME.search("\n".join(head)):
            return LIKELY
        return 0.0

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        article.section = _account(doc.url)
        start = _read_header(lines, article)
        body: list[str] = []
        rest = lines[start:]
        for i, line in enumerate(rest):
            if _is_caption(rest, i):
                caption, _, credit = line.partition(" Foto: ")
                article.images.append(Image(caption=caption.strip() or None, credit=credit.strip() or None))
                continue
            author = textkit.credit_line(line)
            if author:
                article.authors.append(author)
                continue
            body.append(_READ_TIME.sub("", line).strip() if _READ_TIME.match(line) else line)
        texts, article.related = textkit.sort_body_lines(body, JUNK)
        article.body = textkit.blocks_from(texts)


def _read_header(lines: list[str], article: Article) -> int:
    """Title and date; return where the body starts (0 when the dump has no header)."""
    limit = min(len(lines), _HEADER_LINES)
    at = next((i for i in range(limit) if _DATE_LINE.match(lines[i])), None)
    if at is None:
        article.note("no title or date line: the dump starts mid-article")
        return 0
    article.published = dates.parse_date(lines[at], default_tz=WIB)
    if article.published is None:
        article.note(f"date line not readable: {lines[at]!r}")
    before = [line for line in lines[:at] if line and not JUNK.matches(line)]
    if before and _looks_like_title(before[-1]):
        article.title = before[-1]
    else:
        article.note("no title line before the date line")
    rest = _DATE_LINE.match(lines[at])["rest"]  # type: ignore[index]
    if rest.strip(" ·"):
        lines[at] = rest.strip(" ·")
        return at
    return at + 1


def _is_caption(lines: list[str], i: int) -> bool:
    """A photo caption: the line right before the ``zoom-in-whitePerbesar`` icon line."""
    nxt = next((line for line in lines[i + 1:i + 3] if line), "")
    return bool(lines[i]) and nxt.startswith("zoom-in-white") and not JUNK.matches(lines[i])


def _looks_like_title(line: str) -> bool:
    return 3 <= len(line) <= 200 and not line.endswith((".", ",", ";"))


def _account(url: str | None) -> str | None:
    """The kumparan account in the URL (``kumparannews``, ``kumparanhits``), as section."""
    if not url:
        return None
    m = _ACCOUNT.match(urlsplit(url).path)
    return m["account"].lower() if m else None


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register):
    register(KumparanParser())
