"""warta-example-plugin: a parser for the text pages of "Kabar Contoh" (kabarcontoh.id).

Kabar Contoh is an invented portal; this distribution shows how a third-party plugin adds a
portal to warta in one module. The layout it reads (a browser's "save as text" of an
article page)::

    KabarContoh.id                                  <- masthead (optional)
    Beranda › Ekonomi › Pangan                      <- breadcrumb: section, then tags
    Harga Cabai di Pasar Induk Turun                <- title
    Penulis: Rina Wulandari                         <- credits, one per line
    Editor: Dedi Pranata
    Kamis, 14 Mar 2024 | 10:25 WIB                  <- published
    Diperbarui: Kamis, 14 Mar 2024 | 13:05 WIB      <- updated (optional)

    BANDUNG, KabarContoh.id – First paragraph ...   <- dateline opens the body
    Baca juga: Another headline                     <- related link
    ...
    Tag: cabai · pasar induk                        <- tags; ends the body
    © 2024 KabarContoh.id                           <- footer

Only warta's public API is used: ``warta`` and its helper modules ``warta.dates`` and
``warta.textkit``.
"""

from __future__ import annotations

import re

from warta import LIKELY, SURE, Article, Document, WartaError, hookimpl
from warta.dates import parse_date
from warta.textkit import (
    COMMON_BOILERPLATE,
    Boilerplate,
    blocks_from,
    clean_lines,
    credit_line,
    date_line,
    guess_language,
    sort_body_lines,
    strip_crawl_prefix,
    url_page,
)

__version__ = "0.1.0"

SITE = "kabarcontoh.id"
_MASTHEAD = re.compile(r"^(?:KabarContoh\.id|Kabar Contoh)$", re.IGNORECASE)
_CRUMBS = re.compile(r"^Beranda\s*[›>»/]\s*(?P<rest>.+)$")
_CRUMB_SPLIT = re.compile(r"\s*[›>»/]\s*")
_UPDATED = re.compile(r"^Diperbarui\s*:?\s*", re.IGNORECASE)
_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'-]*(?: [A-Z][A-Z.'-]*){0,3}),\s*KabarContoh\.id\s*[-–—]\s*"
)
_MARKERS = re.compile(
    r"^\s*(?:KabarContoh\.id\s*$|[A-Z][A-Z.' -]{1,40}, KabarContoh\.id\s*[-–—])", re.MULTILINE
)
_TAGS = re.compile(r"^Tags?\s*:\s*(?P<tags>.+)$", re.IGNORECASE)
_TAG_SPLIT = re.compile(r"\s*[·,|#]\s*")
_FOOTER = re.compile(r"^(?:©|\(c\)|Copyright\b)", re.IGNORECASE)

JUNK = COMMON_BOILERPLATE + Boilerplate(
    exact=["Dengarkan artikel ini", "Pilihan Redaksi"],
    patterns=[r"^Simak berita KabarContoh\.id\b"],
)


class KabarContohParser:
    """Kabar Contoh text dumps: header lines, a dateline-led body, a tag line."""

    name = "kabarcontoh"
    sites = (SITE,)
    media_types = ("text/plain",)

    def sniff(self, doc: Document) -> float:
        """SURE on the portal's own host; LIKELY when the text shows its masthead or dateline."""
        if doc.host_is(*self.sites):
            return SURE
        if _MARKERS.search(doc.text[:3000]):
            return LIKELY
        return 0.0

    def parse(self, doc: Document) -> list[Article]:
        """Read one article page; raise WartaError when it holds no article text."""
        text, _hint = strip_crawl_prefix(doc.text)
        lines = clean_lines(text)
        article = Article(url=doc.url, site=SITE, page=url_page(doc.url))
        start = _read_header(lines, article)
        body_lines = _read_footer(lines[start:], article)
        texts, related = sort_body_lines(body_lines, JUNK)
        if texts:
            texts[0] = _take_dateline(texts[0], article)
        if not texts:
            raise WartaError("no article text found in this Kabar Contoh page")
        article.body = blocks_from(texts)
        article.related = related
        article.language = guess_language(texts) or "id"
        if not article.title:
            article.note("no title line before the byline and date")
        if not article.published:
            article.note("no publication date line")
        return [article]


def _read_header(lines: list[str], article: Article) -> int:
    """Fill title, section, tags, authors and dates from the header; return the body's start.

    The header ends at the first blank line after the date or a credit line, or at the first
    line that cannot be part of it (a dump that starts mid-article has no header at all).
    """
    seen_date = seen_credit = False
    for index, line in enumerate(lines):
        if not line:
            if seen_date or seen_credit:
                return index + 1
            continue
        if _MASTHEAD.match(line):
            continue
        crumbs = _CRUMBS.match(line)
        if crumbs:
            parts = [p for p in _CRUMB_SPLIT.split(crumbs["rest"]) if p]
            article.section = parts[0] if parts else None
            article.tags.extend(parts[1:])
            continue
        credit = credit_line(line)
        if credit:
            article.authors.append(credit)
            seen_credit = True
            continue
        if _UPDATED.match(line):
            article.updated = parse_date(_UPDATED.sub("", line))
            continue
        when = date_line(line)
        if when:
            article.published = article.published or when
            seen_date = True
            continue
        if seen_date or seen_credit or article.title or not _looks_like_title(line):
            return index  # the body started without a blank line, or there is no header
        article.title = line
    return len(lines)


def _looks_like_title(line: str) -> bool:
    """A headline is short and does not read like a sentence or a dateline."""
    return len(line) <= 150 and not line.endswith((".", ",", ";", ":")) and not _DATELINE.match(line)


def _read_footer(lines: list[str], article: Article) -> list[str]:
    """The body lines before the tag line or the copyright footer; tags go to the article."""
    for index, line in enumerate(lines):
        tags = _TAGS.match(line)
        if tags:
            article.tags.extend(t for t in _TAG_SPLIT.split(tags["tags"]) if t)
            return lines[:index]
        if _FOOTER.match(line):
            return lines[:index]
    return lines


def _take_dateline(paragraph: str, article: Article) -> str:
    """Cut ``"BANDUNG, KabarContoh.id – "`` off the first paragraph into ``dateline``."""
    m = _DATELINE.match(paragraph)
    if not m:
        return paragraph
    article.dateline = m["city"]
    return paragraph[m.end():]


@hookimpl
def register_parsers(register) -> None:  # noqa: ANN001 - warta passes a callable
    """Give warta the Kabar Contoh parser."""
    register(KabarContohParser())
