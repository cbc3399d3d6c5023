"""VIVA (viva.co.id, and the old *.news.viva.co.id subdomains): text dumps.

Layout (see shared/docs/portal-layouts.md): the title, the photo caption, ``Sumber :`` and a
bulleted credit ``• AP Photo/...`` (or ``- VIVAnews/Name``); the body opens with a brand
dateline that changed with the years (``VIVAnews -``, ``VIVA.co.id –``, ``VIVA –``,
``VIVA Dunia –``). Photo blocks (``Photo :`` + ``• credit``) and unprefixed related headlines
sit between paragraphs; an editor code ``(one)`` ends the body, and other headlines follow.
No date line is printed.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from warta import Article, Document, Image, Link, LIKELY, TextDumpParser, hookimpl
from warta import textkit
from warta.textkit import lazy_compile

SITE = "viva.co.id"
HOSTS = ("viva.co.id",)

JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=["img", "Sumber :", "Sumber:", "Photo :", "Photo:", "Foto :", "Foto:", "Lihat Semua",
           "Baca Selengkapnya", "Terpopuler", "Terkini", "Berita Terkait"],
    patterns=[r"^•\s*\S", r"^VIVA\.co\.id\s*$", r"^Load More\b\W*$"],
)

# "VIVAnews - ", "VIVA.co.id – ", "VIVA – ", "VIVA Dunia – ", "Jakarta, VIVA – "
_LEAD = lazy_compile(
    r"^(?:(?P<city>[A-Z][A-Za-z. ]{1,30}),\s*)?VIVA(?:news|\.co\.id|\s+[A-Z][a-z]+)?\s*[-–—]\s+"
)
_END_CODE = lazy_compile(r"\s*\((?P<code>[a-z]{2,5}(?:/[a-z]{2,5})?)\)\s*$")
_PHOTO_LABEL = lazy_compile(r"^(?:Photo|Foto|Sumber)\s*:$", re.I)
_BULLET = lazy_compile(r"^•\s*(?P<credit>\S.*)$")
_DASH_CREDIT = lazy_compile(r"^-\s*(?P<credit>VIVA[\w.]*/.+)$")
_SECTION = lazy_compile(r"^/(?:berita/)?(?P<section>[a-z-]+)/")
_SUBDOMAIN = lazy_compile(r"^(?P<section>[a-z]+)\.news\.viva\.co\.id$")
_HEADER_LINES = 15


class VivaParser(TextDumpParser):
    """Reads text dumps of VIVA article pages."""

    name = "viva"
    site = SITE
    sites = HOSTS
    sniff_markers = ("viva",)  # text_score's gate
    label = "VIVA"

    def text_score(self, text: str) -> float:
        """LIKELY when a VIVA brand dateline opens the body near the top."""
        if text.find("VIVA", 0, 4000) < 0:  # the brand lead needs it: a cheap way out
            return 0.0
        text, _ = textkit.strip_crawl_prefix(text[:4000])
        head = [line for line in textkit.clean_lines(text) if line][:_HEADER_LINES]
        return LIKELY if any(_LEAD.match(line) for line in head) else 0.0

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        article.section = _section(doc.url)
        lead = next((i for i, line in enumerate(lines[:_HEADER_LINES]) if _LEAD.match(line)), None)
        if lead is None:
            article.note("no VIVA dateline: the dump may start mid-article")
            lead = 0
        else:
            _read_header(lines[:lead], article)
        _read_body(lines[lead:], article)


def _read_header(header: list[str], article: Article) -> None:
    """Title, photo caption and credit from the lines before the dateline."""
    kept = []
    for line in header:
        if JUNK.matches(line) and not _BULLET.match(line) or _PHOTO_LABEL.match(line):
            continue
        if article.published is None and (when := textkit.date_line(line)):
            article.published = when
            continue
        kept.append(line)
    if not kept:
        article.note("no title found")
        return
    if _looks_like_title(kept[0]):
        article.title = kept.pop(0)
    else:
        article.note("no title found")
    caption = None
    credit = None
    for line in kept:
        m = _BULLET.match(line) or _DASH_CREDIT.match(line)
        if m:
            credit = m["credit"]
        elif caption is None:
            caption = line
    if caption or credit:
        article.images.append(Image(caption=caption, credit=credit))


def _read_body(lines: list[str], article: Article) -> None:
    """Paragraphs up to the editor code; photo blocks to images; headlines to related/more."""
    body: list[str] = []
    after_end = False
    for i, line in enumerate(lines):
        if after_end:
            if _is_headline(line) and not JUNK.matches(line):
                article.more.append(Link(title=line))
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if _PHOTO_LABEL.match(nxt) and i > 0:
            # "<caption>", "Photo :", "• credit": a photo block inside the body.
            credit = _BULLET.match(lines[i + 2]) if i + 2 < len(lines) else None
            article.images.append(Image(caption=line, credit=credit["credit"] if credit else None))
            continue
        author = textkit.credit_line(line)
        if author:
            article.authors.append(author)
            continue
        if body and _is_headline(line) and not JUNK.matches(line):
            article.related.append(Link(title=line))
            continue
        end = _END_CODE.search(line)
        if end and len(line) > len(end.group(0)) + 20:
            body.append(line[: end.start()])
            after_end = True
            continue
        body.append(line)
    if body:
        m = _LEAD.match(body[0])
        if m:
            if m["city"]:
                article.dateline = m["city"].upper()
            body[0] = body[0][m.end():]
    texts, related = textkit.sort_body_lines(body, JUNK)
    article.body = textkit.blocks_from(texts)
    article.related.extend(related)


def _is_headline(line: str) -> bool:
    """A related headline: short, capitalised, without sentence punctuation at the end."""
    return (
        12 <= len(line) <= 110
        and (line[:1].isupper() or line[:1].isdigit() or line[1:2].isupper())
        and not line.endswith((".", "!", "?", ":", ",", ";", '"', "”", ")"))
        and not _LEAD.match(line)
    )


def _looks_like_title(line: str) -> bool:
    return 3 <= len(line) <= 200 and not line.endswith((".", ",", ";", ":"))


def _section(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    sub = _SUBDOMAIN.match((parts.hostname or "").lower())
    if sub:
        return sub["section"]
    m = _SECTION.match(parts.path)
    if m and m["section"] not in ("arsip", "news", "read", "amp"):
        return m["section"]
    return None


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK, opening=_LEAD, brand="VIVA")
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register):
    register(VivaParser())
