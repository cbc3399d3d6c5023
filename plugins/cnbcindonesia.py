"""CNBC Indonesia (cnbcindonesia.com): plain-text dumps of article and photo pages.

Layout (see ../shared/docs/portal-layouts.md): the title, ``<Name>, CNBC Indonesia``, a date
line with neither day name nor zone (``21 November 2022 14:32``, WIB), a caption and
``Foto: … (credit)``, then the body opening ``Jakarta, CNBC Indonesia -``. Photo pages
(``FOTO``) are captions ending ``(CNBC Indonesia/ Name)``. The footer starts with editor
initials ``(miq/miq)``, ``[Gambas:Video CNBC]``, ``Next Article …``, ``Tags``.

CNN Indonesia shares the URL shape and the dateline shape; every marker here names
"CNBC Indonesia" so that CNN pages are never claimed.
"""

from __future__ import annotations

import re

from warta import LIKELY, POSSIBLE, Article, Author, Document, Image, Link, TextDumpParser, hookimpl, textkit
from warta.textkit import lazy_compile

SITE = "cnbcindonesia.com"
HOSTS = ("cnbcindonesia.com",)

_DATELINE = lazy_compile(r"^(?P<city>[A-Z][A-Za-z.'’ -]{1,40}?),\s*CNBC\s+Indonesia\s*[-–—]+\s*")
_BYLINE = lazy_compile(r"^(?P<names>[A-Z][^,:()]{1,60}(?:\s*,\s*[A-Z][^,:()]{1,60})*)\s*,\s*CNBC\s+Indonesia$")
_PHOTO_CREDIT = lazy_compile(r"\((?P<credit>CNBC\s+Indonesia\s*/\s*[^()]{2,60}?)\)\s*\.?$")
_FOTO_LINE = lazy_compile(r"^Foto\s*:\s*(?P<caption>.*?)\s*(?:\((?P<credit>[^()]{2,80})\))?\s*\.?$")
_INITIALS = lazy_compile(r"^\((?:[a-z]{2,6})(?:/[a-z]{2,6})*\)?$")
_NEXT_ARTICLE = lazy_compile(r"^Next Article\s+(?P<title>\S.*)$")
# https://www.cnbcindonesia.com/news/20221121142843-4-389885/slug[/amp|/1]
_URL = lazy_compile(
    r"^https?://[^/]*cnbcindonesia\.com/(?P<section>[a-z0-9-]+)/"
    r"(?P<stamp>(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2}))"
    r"-(?P<cat>\d+)-(?P<number>\d+)(?:/(?P<slug>[^/?#]+))?",
    re.IGNORECASE,
)
_STOP = frozenset(s.casefold() for s in ("Tags", "Related Articles", "Recommendation", "Most Popular",
                                         "Berita Terkait", "Artikel Terkait", "Terpopuler"))
_GALLERY_LABELS = frozenset(("foto", "video", "infografis"))

JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=["[Gambas:Video CNBC]", "Pilihan Redaksi", "Halaman Selanjutnya", "Next Page"],
    patterns=[r"^\[Gambas:[^\]]*\]$", r"^Simak (?:video|berita|juga)\b.{0,200}$"],
)

#: How many leading non-empty lines may hold the header (title, byline, date, caption).
HEADER_SPAN = 10


class CnbcIndonesiaParser(TextDumpParser):
    """Text dumps of cnbcindonesia.com pages."""

    name = "cnbcindonesia"
    site = SITE
    sites = HOSTS
    sniff_markers = ("cnbc",)  # text_score's gate
    label = "CNBC Indonesia"
    url_date_pattern = _URL
    url_time_is_draft = True
    keep_blank_lines = True

    def text_score(self, text: str) -> float:
        """LIKELY on the CNBC byline or dateline up top (or its video embed); POSSIBLE on a photo credit."""
        if "CNBC" not in text:
            return 0.0  # every rule below needs the brand: a cheap way out
        head = textkit.sniff_lines(text, limit=6000)[:HEADER_SPAN + 2]
        if any("CNBC" in line and (_BYLINE.match(line) or _DATELINE.match(line)) for line in head):
            return LIKELY
        if "[Gambas:Video CNBC]" in text:
            return LIKELY
        if head and len(head) <= 3 and _PHOTO_CREDIT.search(head[-1]):
            return POSSIBLE
        return 0.0

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        start = _read_header(lines, article)
        _read_body(lines[start:], article)
        _apply_url(doc.url, article)



def _read_header(lines: list[str], article: Article) -> int:
    """Fill title, authors, published and the lead photo; return where the body starts."""
    indexed = [(i, line) for i, line in enumerate(lines) if line][:HEADER_SPAN]
    byline = date_at = dateline_at = None
    for pos, (i, line) in enumerate(indexed):
        if byline is None and _BYLINE.match(line):
            byline = pos
        elif date_at is None and textkit.date_line(line):
            date_at = pos
        elif _DATELINE.match(line):
            dateline_at = pos
            break
    anchor = byline if byline is not None else date_at
    if anchor is None:
        article.note("no header (title, byline, date) in the dump: it starts mid-article")
        return indexed[dateline_at][0] if dateline_at is not None else 0
    before = [line for _, line in indexed[:anchor]]
    if before and before[0].casefold() in _GALLERY_LABELS:
        article.section = before[0].lower()
        before = before[1:]
    if before:
        article.title = before[-1]
    else:
        article.note("no title in the dump")
    if byline is not None:
        names = _BYLINE.match(indexed[byline][1])["names"]  # type: ignore[index]
        for name in re.split(r"\s*(?:,|&|\bdan\b)\s*", names):
            if name:
                article.authors.append(Author(name=name, role="writer"))
    if date_at is not None:
        article.published = textkit.date_line(indexed[date_at][1])
    after = max(p for p in (byline, date_at) if p is not None) + 1
    end = dateline_at if dateline_at is not None else _caption_end(indexed, after)
    _read_captions([line for _, line in indexed[after:end]], article)
    return indexed[end][0] if end < len(indexed) else len(lines)


def _caption_end(indexed: list[tuple[int, str]], after: int) -> int:
    """Without a dateline, the header's caption runs to its ``Foto:`` line; photo pages have none."""
    for pos in range(after, min(after + 3, len(indexed))):
        if _FOTO_LINE.match(indexed[pos][1]):
            return pos + 1
    return after


def _read_captions(captions: list[str], article: Article) -> None:
    for line in captions:
        m = _FOTO_LINE.match(line)
        if m:
            article.images.append(Image(caption=m["caption"] or None, credit=m["credit"]))
            return
    if captions:
        article.images.append(Image(caption=captions[0]))


def _read_body(lines: list[str], article: Article) -> None:
    texts: list[str] = []
    for line in lines:
        if not line:
            continue
        if line.casefold() in _STOP:
            break
        nxt = _NEXT_ARTICLE.match(line)
        if nxt:
            article.more.append(Link(title=nxt["title"]))
            continue
        if _INITIALS.match(line) or JUNK.matches(line):  # before "Simak juga: X" can be a link
            continue
        text = textkit.body_text(line, JUNK, article.related)
        if text is None:
            continue
        line = text
        if not texts and not article.dateline:
            m = _DATELINE.match(line)
            if m:
                article.dateline = m["city"].strip().upper()
        credit = _PHOTO_CREDIT.search(line)
        if credit:
            line = line[: credit.start()].strip()
            article.images.append(Image(caption=line or None, credit=credit["credit"]))
        if line:
            texts.append(line)
    article.body = textkit.blocks_from(texts)
    textkit.cut_dateline(article, _DATELINE)  # the city is the dateline field, not body text


def _apply_url(url: str | None, article: Article) -> None:
    """Section and the canonical id from a cnbcindonesia.com URL."""
    m = _URL.match(url or "")
    if not m:
        return
    article.section = article.section or m["section"].lower()
    slug = f"/{m['slug']}" if m["slug"] and m["slug"].lower() != "amp" else ""
    article.id = (f"https://www.cnbcindonesia.com/{m['section'].lower()}/"
                  f"{m['stamp']}-{m['cat']}-{m['number']}{slug}")


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK, opening=_DATELINE)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register) -> None:
    register(CnbcIndonesiaParser())
