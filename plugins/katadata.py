"""Katadata (katadata.co.id AMP pages, databoks.katadata.co.id): text dumps.

Layouts (see shared/docs/portal-layouts.md):
- AMP article: the title, then the body; no date or byline in the excerpt.
- databoks English (machine translated): the title with the date in parentheses
  (``... at 7,094 (Tuesday, May 20, 2025)``), the font widget (``- A Small Font`` ...), the body.
- databoks Indonesian: body only, ending with ``(Baca juga: ...)``.
- Any of them may begin with an error banner ``Sorry, an error has occurred``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from warta import WIB, Article, Block, Document, LIKELY, TextDumpParser, hookimpl
from warta import dates, textkit
from warta.textkit import lazy_compile

SITE = "katadata.co.id"
HOSTS = ("katadata.co.id",)

JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=["Sorry, an error has occurred", "Maaf, terjadi kesalahan", "Font", "A", "A A A"],
    patterns=[r"^-?\s*A (?:Small|Medium|Bigger|Large|Kecil|Sedang|Besar) Font$"],
)

_FONT_WIDGET = lazy_compile(r"^-?\s*A (?:Small|Medium|Bigger) Font$")
# "(Tuesday, May 20, 2025)" / "(Selasa, 20 Mei 2025)" closing a databoks title.
_TITLE_DATE = lazy_compile(r"\((?P<date>[^()]*\d{4})\)\s*$")
_AMP_PATH = lazy_compile(r"^/(?:amp/)?(?:berita|[a-z]+)/(?P<section>[a-z-]+)/[0-9a-f]{10,16}/")
_DATABOKS_PATH = lazy_compile(r"^/(?:(?P<lang>en|id)/)?(?P<section>[a-z-]+)/(?:statistik|statistics)/")
_LIST_ITEM = lazy_compile(r"^[-•]\s+(?=\S)")
_HEADER_LINES = 8


class KatadataParser(TextDumpParser):
    """Reads text dumps of Katadata and databoks pages."""

    name = "katadata"
    site = SITE
    sites = HOSTS
    sniff_markers = ("font",)  # text_score's gate
    label = "Katadata"

    def text_score(self, text: str) -> float:
        """LIKELY on databoks' font widget near the top."""
        if text.count("Font", 0, 3000) < 2:  # two widget lines are needed: a cheap way out
            return 0.0
        head = [line for line in textkit.clean_lines(text[:3000]) if line][:_HEADER_LINES]
        return LIKELY if sum(bool(_FONT_WIDGET.match(line)) for line in head) >= 2 else 0.0

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        lang = _read_url(doc.url, article)
        start = _read_header(lines, article)
        body, article.authors = textkit.split_credits(lines[start:])
        texts, article.related = textkit.sort_body_lines(body, JUNK)
        article.body = [
            Block("list_item", t[m.end():]) if (m := _LIST_ITEM.match(t)) else Block("paragraph", t)
            for t in texts
        ]
        article.language = lang or textkit.guess_language([article.title or "", *texts]) or "id"


def _read_header(lines: list[str], article: Article) -> int:
    """Title (and a date in its parentheses); return where the body starts."""
    at = 0
    while at < len(lines) and at < _HEADER_LINES and JUNK.matches(lines[at]):
        at += 1
    if at >= len(lines):
        return at
    first = lines[at]
    nxt = lines[at + 1] if at + 1 < len(lines) else ""
    widget = JUNK.matches(nxt) or _FONT_WIDGET.match(nxt)
    if _looks_like_title(first) and (widget or len(nxt) > len(first)):
        article.title = first
        m = _TITLE_DATE.search(first)
        if m:
            article.published = dates.parse_date(m["date"], default_tz=WIB)
            if article.published:
                article.note("published is the date printed in the title (no time given; midnight WIB)")
        return at + 1
    article.note("no title: the dump starts with the body")
    return at


def _looks_like_title(line: str) -> bool:
    return 3 <= len(line) <= 200 and not line.endswith((".", ",", ";", ":", '"', "”"))


def _read_url(url: str | None, article: Article) -> str | None:
    """Section from the URL; the language when databoks says ``/en/``."""
    if not url:
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host.startswith("databoks."):
        m = _DATABOKS_PATH.match(parts.path)
        if m:
            article.section = m["section"]
            return "en" if m["lang"] == "en" else None
        return None
    m = _AMP_PATH.match(parts.path)
    if m:
        article.section = m["section"]
    return None


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register):
    register(KatadataParser())
