"""Kompas.com: text dumps (and, through kompas_html, saved HTML pages).

This module holds the parser of text dumps, ``KompasTextParser``, which reads every layout
variant described in ``docs/kompas-layout.md``: the standard header, header-less dumps,
title-first pages with glued photo captions, columnists and Kudu Insight, amp pages, Cek
Fakta labels, roundups, ``?page=N`` continuations and the "Terkini Lainnya" footer; and, with
``kompas_sites``, the dumps of Kompas's other sites (kompas.tv, kompas.id, Kompasiana,
video.kompas.com, /copy/). It finds the date line and reads the dates; the URL and id rule
every Kompas parser shares is in ``kompas_url``, the header in ``kompas_header``, glued
captions in ``kompas_captions`` and the body in ``kompas_body`` (helper modules that register
no hooks; their public names are imported here too).
"""

from __future__ import annotations

import re
from datetime import datetime

from warta import LIKELY, SURE, WIB, Article, Document, WartaError, hookimpl
from warta.textkit import lazy_compile, strip_crawl_prefix, url_page
from warta.dates import plausible
from warta.textnorm import squash_lines

from warta.plugins import kompas_sites as other
# SITE, KompasUrl, parse_kompas_url, BOILER and KOMPAS_BOILERPLATE keep their old path here.
from warta.plugins.kompas_body import read_body
from warta.plugins.kompas_header import BOILER, KOMPAS_BOILERPLATE, read_credits, read_header
from warta.plugins.kompas_url import SITE, KompasUrl, parse_kompas_url

HOSTS = ("kompas.com", "kompas.tv", "kompas.id", "kompasiana.com")

# "Kompas.com - 29/12/2020, 19:16 WIB": the only date line Kompas dumps carry.
_DATE_LINE = lazy_compile(
    r"^Kompas\.com\s*[-–—]\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}),?\s+"
    r"(?P<H>\d{1,2})[:.](?P<M>\d{2})\s*WIB$"
)
# What makes a text look like Kompas when no URL says so (searched over the whole text).
_MARKERS = lazy_compile(
    r"^(?:Kompas\.com - \d\d/\d\d/\d{4}, \d\d:\d\d WIB\s*$"
    r"|Baca berita tanpa iklan\. Gabung Kompas\.com\+"
    r"|(?:[A-Z][A-Z .'-]{1,40}, )?KOMPAS\.com\s*[-–—]" + other.MARKERS + ")",
    re.MULTILINE,
)
_HEADER_WINDOW = 40  # the date line stands near the top: never look further for it


class KompasTextParser:
    """Kompas.com article pages saved as text (layouts A–G of docs/kompas-layout.md)."""

    name = "kompas"
    sites = HOSTS
    sniff_markers = ("kompas", "salin artikel", "wib", "diperbarui:")  # what _MARKERS needs
    media_types = ("text/plain",)

    def sniff(self, doc: Document) -> float:
        """SURE for a kompas.com URL; LIKELY for the date line, BOILER or a KOMPAS.com dateline."""
        if doc.host_is(*self.sites):
            return SURE
        return LIKELY if _MARKERS.search(doc.text) else 0.0

    def parse(self, doc: Document) -> list[Article]:
        """One article from a text dump; raises WartaError for an empty or unreadable page."""
        text, _ = strip_crawl_prefix(doc.text)
        lines = squash_lines(text)  # textkit.clean_lines, in one pass
        if not any(lines):
            raise WartaError("the page is empty")
        article = Article(url=doc.url, site=other.site_of(doc.url) or SITE, language="id")
        url = parse_kompas_url(doc.url)
        date_at = _date_index(lines)
        dated = date_at is not None
        if not dated:
            date_at = _other_date(lines, article)  # kompas.tv, video, Kompasiana (§12)
        anchor = other.read_kompas_id_header(lines, article)
        if anchor is None:
            anchor = read_header(lines, date_at, article)
        other.kompas_id_url(doc.url, article)
        _read_date(lines[date_at] if dated else None, article, url)
        headed = anchor is not None
        body_from = read_credits(lines, anchor + 1, article) if headed else _salin(lines, article)
        read_body(lines, body_from, article, headed)
        if not article.title and not article.body:
            raise WartaError("no Kompas article text found in the page")
        _finish(article, url, doc.url)
        return [article]


def _date_index(lines: list[str]) -> int | None:
    for i, line in enumerate(lines[:_HEADER_WINDOW]):
        if line.startswith("Kompas") and _DATE_LINE.match(line):
            return i
    return None


def _other_date(lines: list[str], article: Article) -> int | None:
    """A §12 date line near the top: fill the dates (and site, show); return its index. Body
    text glued after it ("… 09:40 WIBBertanding …") becomes a line of its own."""
    for i, line in enumerate(lines[:16]):
        if not line or not line[0].isalnum():
            continue
        found = other.long_date(line)
        if found is None:
            continue
        article.published, article.updated = found.published, found.updated
        if article.site == SITE and found.site:  # no URL of another Kompas site said otherwise
            article.site = found.site
        article.section = found.section
        if found.rest:
            lines[i + 1:i + 1] = ["", found.rest]
            article.note("the date line was glued to the first paragraph; split")
        return i
    return None


def _salin(lines: list[str], article: Article) -> int:
    """A header-less dump may still be a ``/copy/`` page: its title follows ``Salin Artikel``."""
    found = other.salin_title(lines)
    if found is None:
        return 0
    article.title, start = found
    if "no title in the dump" in article.notes:
        article.notes.remove("no title in the dump")
    return start


def _read_date(date_line: str | None, article: Article, url: KompasUrl | None) -> None:
    """``published`` from the date line, else from the URL date and the id's HH:MM (WIB)."""
    from_url = url.published if url else None
    if date_line is not None:
        m = _DATE_LINE.match(date_line)
        try:
            article.published = plausible(
                datetime(int(m["y"]), int(m["m"]), int(m["d"]), int(m["H"]), int(m["M"]), tzinfo=WIB))
        except ValueError:
            pass
        if article.published is None:
            article.note(f"unreadable date line {date_line!r}")
        if article.published and from_url and from_url != article.published:
            article.note(f"the date line ({article.published.isoformat()}) and the URL's date and id "
                         f"({from_url.isoformat()}) disagree; the date line wins")
    if article.published is None:
        if from_url:
            article.published = from_url
            article.note("no date line; published from the URL and article id (HH:MM WIB)")
        else:
            article.note("no date line and no Kompas article URL: publication time unknown")


def _finish(article: Article, url: KompasUrl | None, raw_url: str | None) -> None:
    """What the URL adds (id, section, page) and the notes on what is missing."""
    if url:
        article.id = url.article_id
        article.section = url.section
    page = url_page(raw_url)
    if page:
        article.page = page
        article.note(f"page {page} of a paged article (?page={page}): it holds only part of the text")
    if not article.authors:
        article.note("no byline")
    if article.verdict:
        article.tags.append(article.verdict)


@hookimpl
def register_parsers(register) -> None:  # noqa: ANN001 - pluggy passes a callable
    register(KompasTextParser())
