"""The Jakarta Post (thejakartapost.com): English text dumps.

Layout (see shared/docs/portal-layouts.md): browser-warning boilerplate, the title, a summary,
a byline block (``Name (The Jakarta Post)``, optional ``Premium``, a place line, the date
``Sat, October 16, 2021`` — sometimes followed by ``Published on ...`` and an ISO stamp),
share/size widgets, a caption line that repeats the title, then the body, whose first word is
split by a drop cap (``P`` on its own line, then ``resident ...``).
"""

from __future__ import annotations

import re

from warta import WIB, Article, Author, Document, Image, LIKELY, TextDumpParser, hookimpl
from warta import dates, textkit
from warta.textkit import lazy_compile

SITE = "thejakartapost.com"
HOSTS = ("thejakartapost.com", "jakartapost.com")

JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=[
        "TheJakartaPost", "Jakarta Post", "The Jakarta Post", "Please Update your browser",
        "Share This Article", "Change Size", "Change text size", "Gift Premium Articles",
        "to Anyone", "Premium", "Read more", "Subscribe", "Log in", "Sign up", "Topics",
    ],
    patterns=[
        r"^Your browser is out of date\b",
        r"^Just click on the icons\b",
        r"^Share the best of The Jakarta Post\b",
        r"^As a subscriber, you can gift\b",
        r"^Copyright (?:©|\(c\))? ?\d{4} The Jakarta Post",
    ],
)

# "Nina A. Loasana and Spencer Cunningham (The Jakarta Post)", "Agence France-Presse (AFP)"
_BYLINE = lazy_compile(
    r"^(?P<names>[^()]{2,120}?)\s*\((?P<org>The Jakarta Post|AFP|Reuters|AP|Associated Press"
    r"|Bloomberg|Kyodo|Xinhua|Asia News Network|ANN|Agence France-Presse)\)$"
)
_NAME_SPLIT = lazy_compile(r"\s*,\s*|\s+and\s+")
_DATE_LINE = lazy_compile(
    r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,\s+[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}\b"
)
_ISO_STAMP = lazy_compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})")
_URL = lazy_compile(r"/(?P<section>[a-z-]+)/(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/", re.I)
_DROP_CAP = lazy_compile(r"^[A-Z“\"‘']$")
_CREDIT = lazy_compile(r"\s*\((?P<credit>[^()]{2,80})\)\s*$")
_HEADER_LINES = 40


class JakartaPostParser(TextDumpParser):
    """Reads text dumps of The Jakarta Post's article pages."""

    name = "jakartapost"
    site = SITE
    sites = HOSTS
    sniff_markers = ("jakarta", "please")  # text_score's gate
    label = "Jakarta Post"
    url_date_pattern = _URL
    language = "en"
    keep_blank_lines = True

    def text_score(self, text: str) -> float:
        """LIKELY on the page's own header lines or byline form."""
        head = text[:3000]
        if "Jakarta" not in head and "Please" not in head:  # every marker holds one: a cheap way out
            return 0.0
        head = textkit.clean_lines(head)[:_HEADER_LINES]
        for line in head:
            if line in ("TheJakartaPost", "Please Update your browser") or line.startswith(
                "Share the best of The Jakarta Post"
            ):
                return LIKELY
            m = _BYLINE.match(line)
            if m and m["org"] == "The Jakarta Post" and len(line) < 100:
                return LIKELY
        return 0.0

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        article.section = _section(doc.url)
        start = _read_header(lines, article)
        _read_body(lines[start:], article)



def _read_header(lines: list[str], article: Article) -> int:
    """Title, summary, authors, place and date; return the index where the body starts."""
    limit = min(len(lines), _HEADER_LINES)
    byline = next((i for i in range(limit) if _BYLINE.match(lines[i]) and len(lines[i]) < 130), None)
    date_at = next((i for i in range(limit) if _DATE_LINE.match(lines[i])), None)
    if byline is None and date_at is None:
        article.note("no title, byline or date line: the dump starts mid-article")
        return 0
    anchor = byline if byline is not None else date_at
    before = [line for line in lines[:anchor] if line and not JUNK.matches(line)]
    if before and _looks_like_title(before[0]):
        article.title = before[0]
        if len(before) > 1:
            article.summary = " ".join(before[1:])
    else:
        article.note("no title line before the byline")
    if byline is not None:
        m = _BYLINE.match(lines[byline])
        assert m is not None
        org = m["org"]
        for name in _NAME_SPLIT.split(m["names"]):
            if name.strip():
                article.authors.append(Author(name=name.strip(), role="writer", detail=org))
        if org != "The Jakarta Post":
            article.source = org
        if date_at is not None and date_at > byline:
            places = [line for line in lines[byline + 1:date_at] if line and not JUNK.matches(line)]
            if places and len(places[0]) < 60:
                article.dateline = places[0].split(",")[0].strip().upper()
    else:
        article.note("no byline")
    if date_at is not None:
        _read_date(lines[date_at], article)
        return date_at + 1
    article.note("no date line")
    return (byline or 0) + 1


def _looks_like_title(line: str) -> bool:
    return 3 <= len(line) <= 200 and not line.endswith((".", ",", ";", ":")) and line[0].isupper()


def _read_date(line: str, article: Article) -> None:
    stamp = _ISO_STAMP.search(line)
    if stamp:
        article.published = dates.parse_iso(stamp.group(0))
        return
    found = dates.parse_date(line, default_tz=WIB)
    if found is None:
        article.note(f"date line not readable: {line!r}")
        return
    article.published = found
    if found.hour == 0 and found.minute == 0:
        article.note("the page prints no time: published is midnight WIB of the printed day")


def _read_body(lines: list[str], article: Article) -> None:
    """Body paragraphs, the title-repeating caption as an image, drop caps re-joined."""
    kept = [line for line in lines if line]
    joined: list[str] = []
    i = 0
    while i < len(kept):
        line = kept[i]
        if _DROP_CAP.match(line) and i + 1 < len(kept) and kept[i + 1][:1].islower():
            joined.append(line + kept[i + 1])
            i += 2
            continue
        joined.append(line)
        i += 1
    texts, related = textkit.sort_body_lines(joined, JUNK)
    if texts and article.title and texts[0].startswith(article.title) and len(texts[0]) > len(article.title):
        caption = texts.pop(0)[len(article.title):].strip()
        credit_m = _CREDIT.search(caption)
        credit = credit_m["credit"] if credit_m else None
        if credit_m:
            caption = caption[: credit_m.start()].strip()
        article.images.append(Image(caption=caption or None, credit=credit))
    if texts and texts[0][:1].islower():
        article.note("the body starts mid-sentence (lost drop cap or truncated dump)")
    article.body = textkit.blocks_from(texts, headings=False)
    article.related = related


def _section(url: str | None) -> str | None:
    """The section the URL names (``/news/2019/03/08/...`` -> "news")."""
    m = _URL.search(url or "")
    return m["section"].lower() if m else None


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register):
    register(JakartaPostParser())
