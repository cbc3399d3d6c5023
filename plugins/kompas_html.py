"""Kompas.com saved HTML pages: the 2023 ``read__*`` layout and the older channel layouts.

Layouts known (class names as Kompas prints them):

* 2018-2023 ``read__*``: ``h1.read__title``, ``div.read__time`` ("Kompas.com - 02/11/2023,
  21:34 WIB"), ``div.read__content`` with inline "Baca juga:" paragraphs, credits in
  ``div.credit-author`` (``credit-author-name`` + ``credit-author-position``: Penulis /
  Editor) or ``div.read__credit__item`` ("Penulis : Nama"), ``content_author`` /
  ``content_editor`` meta, JSON-LD whose ``author`` is the EDITOR (so never read as writer),
  ``article:published_time`` in UTC (shown here as WIB).
* 2014-2017 channel layouts (bola, nasional, otomotif, ...): the headline in an ``h2``/``h1``
  above ``div.kcm-date`` or ``div.grey.small`` ("Rabu, 17 Juni 2015 | 22:26 WIB"), the body
  in ``div.kcm-read-text``, ``div.div-read`` or ``div.kcm-read-content-text`` (paragraphs as
  ``<p>`` or ``<br><br>``), "Berita Terkait" boxes, the lead photo in ``div.photo`` with a
  ``span.author`` credit, and a ``Penulis : … / Editor : …`` table (``kcm-read-copy``,
  ``penulis-editor``).

The record is the one the text parser gives: title without " - Kompas.com", published in
WIB, writers and editors told apart, dateline, section, tags, lead image, related links,
body blocks without ads, "Baca juga" or the dateline prefix, and sanitised ``content_html``.

Helper modules (they register no hooks): ``kompas_html_content`` builds ``content_html`` and
knows the noise classes and the dateline; ``kompas_html_credits`` reads credit rows.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import lxml.html

from warta import WIB, Article, Author, Block, Document, Image, Link, LIKELY, SURE, WartaError, hookimpl
from warta.dates import parse_date, to_zone
from warta.parsing.htmlmeta import (
    HtmlBlock, html_blocks, json_ld, ld_articles, ld_keywords, ld_text, meta_first, meta_map,
    parse_tree, read_meta_date, visible_date,
)
from warta.parsing.htmlrender import absolute_url
from warta.plugins.kompas_html_content import DATELINE, content_html, is_noise
from warta.plugins.kompas_html_credits import CREDIT_PAIR, add_credit, credit_rows
from warta.plugins.kompas_url import SITE, parse_kompas_url
from warta.textkit import lazy_compile, related_title
from warta.textnorm import squash

#: Body containers, most specific first.
BODY_CLASSES = (
    "read__content", "kcm-read-text", "div-read", "kcm-read-content-text", "read__article",
    "content-text", "article__body", "isi_berita",
)
_SUFFIX = lazy_compile(r"\s*[-|–—]\s*Kompas\.com\b.*$|\s*[-|–—]\s*Kompas\w*\s*$", re.IGNORECASE)
_ADS_TEXT = lazy_compile(
    r"^(?:advertisement|scroll to continue with content|halaman selanjutnya|halaman\s*:|"
    r"show all|lihat foto|dapatkan update berita|simak breaking news|baca berita tanpa iklan)",
    re.IGNORECASE,
)
_BARE_RELATED = lazy_compile(r"^\(?\s*baca\s+(?:juga|pula)\s*:?\s*\)?$", re.IGNORECASE)
_HOME_CRUMBS = {"kompas.com", "home", "beranda", "kompas", "news"}


class KompasHtmlParser:
    """Saved kompas.com article pages (HTML)."""

    name = "kompas-html"
    sites = ("kompas.com",)
    sniff_markers = ("kompas.com",)  # what sniff needs
    media_types = ("text/html",)

    def sniff(self, doc: Document) -> float:
        """SURE for a kompas.com URL; LIKELY when the page carries Kompas's own markers."""
        if doc.host_is(*self.sites):
            return SURE
        head = doc.text[:200_000]
        if "kompas.com" in head.lower() and re.search(
            r'class="(?:read__content|read__title|kcm-read-text|kcm-date|kcm-read-copy|div-read)', head
        ):
            return LIKELY
        return 0.0

    def parse(self, doc: Document) -> list[Article]:
        """Read one Kompas article page into one Article."""
        tree = parse_tree(doc.text)
        article = _Page(doc, tree).article()
        if not article.title and not article.body:
            raise WartaError("no headline and no article text found in this HTML page")
        return [article]


class _Page:
    """One Kompas HTML page being read."""

    def __init__(self, doc: Document, tree: lxml.html.HtmlElement) -> None:
        self.doc = doc
        self.tree = tree
        self.meta = meta_map(tree)
        self.ld = next(iter(ld_articles(json_ld(tree))), {})
        self.url = doc.url or meta_first(self.meta, "og:url")
        self.kurl = parse_kompas_url(self.url)
        # One pass over the classed elements; every lookup below reads this list.
        self.classed = [(el, frozenset(el.get("class").split())) for el in tree.xpath("//*[@class]")]
        self.art = Article(url=self.url, site=SITE, language="id")

    def find(self, *names: str) -> list[lxml.html.HtmlElement]:
        """Elements carrying any of the class ``names``, in document order."""
        wanted = frozenset(names)
        return [el for el, classes in self.classed if classes & wanted]

    def article(self) -> Article:
        art = self.art
        heading = self._heading()
        art.title = self._title(heading)
        if not art.title:
            art.note("no headline found")
        art.published = self._published(heading)
        updated = read_meta_date(meta_first(self.meta, "article:modified_time")) or read_meta_date(
            ld_text(self.ld.get("dateModified")))
        if updated and art.published and updated > art.published:
            art.updated = to_zone(updated, WIB)
        art.authors = self._authors()
        if not any(a.role in ("writer", "reporter", "contributor") for a in art.authors):
            art.note("no writer credit found")
        art.section = self._section()
        art.tags = self._tags()
        art.images = self._images()
        self._body()
        self._paging()
        if self.kurl:
            art.id = self.kurl.article_id
        return art

    # -- title and dates -----------------------------------------------------------------

    def _heading(self) -> lxml.html.HtmlElement | None:
        found = [el for el in self.find("read__title") if el.tag == "h1"]
        if found:
            return found[0]
        og = _strip_suffix(meta_first(self.meta, "og:title", "twitter:title") or "")
        for el in self.tree.iter("h1", "h2"):
            text = squash(el.text_content())
            if text and og and (text == og or og.startswith(text) or text.startswith(og)):
                return el
        return None

    def _title(self, heading: lxml.html.HtmlElement | None) -> str | None:
        if heading is not None:
            text = squash(heading.text_content())
            if text:
                return text
        for value in (meta_first(self.meta, "og:title", "twitter:title"), ld_text(self.ld.get("headline")),
                      _text_of(self.tree.find(".//title"))):
            if value and _strip_suffix(value):
                return _strip_suffix(value)
        return None

    def _published(self, heading: lxml.html.HtmlElement | None) -> datetime | None:
        art = self.art
        meta_time = meta_first(self.meta, "article:published_time") or ld_text(self.ld.get("datePublished"))
        when = read_meta_date(meta_time)
        if when is None:
            when = read_meta_date(meta_first(self.meta, "content_publisheddate"), default_tz=WIB)
        if when is None:
            for el in self.find("read__time", "kcm-date"):
                when = _clocked(squash(el.text_content()))
                if when:
                    break
        if when is None and heading is not None:
            when = visible_date(self.tree, after=heading, limit=60)
        if when is None and self.kurl and self.kurl.published:
            when = self.kurl.published
            art.note("publication time taken from the article id in the URL (HHMM, WIB)")
        if when is None:
            art.note("no publication time found")
            return None
        return to_zone(when, WIB)

    # -- credits ---------------------------------------------------------------------------

    def _authors(self) -> list[Author]:
        authors: list[Author] = []
        for box in self.find("credit-author-title"):
            name = _text_of(_first(box, "credit-author-name"))
            label = _text_of(_first(box, "credit-author-position"))
            if name and label:
                add_credit(authors, label, name)
        if not authors:
            for el in self.find("read__credit__item", "kcm-read-copy", "penulis-editor", "read__author"):
                for row in credit_rows(el):
                    for m in CREDIT_PAIR.finditer(row):
                        add_credit(authors, m["label"], m["value"])
        if not authors:
            writer = meta_first(self.meta, "content_author")
            editor = meta_first(self.meta, "content_editor")
            if writer:
                add_credit(authors, "Penulis", writer)
            if editor:
                add_credit(authors, "Editor", editor)
            if authors:
                self.art.note("credits taken from the content_author / content_editor meta")
        return authors

    # -- section, tags, images ---------------------------------------------------------------

    def _section(self) -> str | None:
        crumbs = self.find("breadcrumb__item", "breadcrump", "breadcrumb", "breadcrumb__wrap")
        for crumb in (a for el in crumbs[:1] for a in el.iter("a")):
            text = squash(crumb.text_content())
            if text and text.lower() not in _HOME_CRUMBS:
                return text
        category = meta_first(self.meta, "content_category") or ld_text(self.ld.get("articleSection"))
        if category:
            return category
        if self.kurl and self.kurl.channel:
            return self.kurl.channel.capitalize()
        return None

    def _tags(self) -> list[str]:
        tags = ld_keywords(meta_first(self.meta, "content_tags", "keywords", "news_keywords") or "")
        if not tags:
            tags = [squash(a.text_content()) for a in self.find("tag__article__item")]
        return [t for t in dict.fromkeys(tags) if t]

    def _images(self) -> list[Image]:
        base = self.url
        for wrap in self.find("photo__wrap"):
            img = wrap.find(".//img")
            if img is None:
                continue
            parent = wrap.getparent()
            caption_el = _first(parent, "photo__caption") if parent is not None else None
            caption, credit = _caption_and_credit(caption_el, "photo__author")
            return [Image(url=absolute_url(img.get("src") or img.get("data-src") or "", base),
                          caption=caption or squash(img.get("alt") or "") or None, credit=credit)]
        for box in (el for el in self.find("photo") if el.tag == "div"):
            img = box.find(".//img")
            if img is None:
                continue
            caption, credit = _caption_and_credit(box, "author")
            return [Image(url=absolute_url(img.get("src") or "", base), caption=caption, credit=credit)]
        og = meta_first(self.meta, "og:image")
        return [Image(url=absolute_url(og, base))] if og else []

    # -- body --------------------------------------------------------------------------------

    def _container(self) -> lxml.html.HtmlElement | None:
        for name in BODY_CLASSES:
            found = self.find(name)
            if found:
                return max(found, key=lambda el: len(el.text_content()))
        return None

    def _body(self) -> None:
        art = self.art
        container = self._container()
        if container is None:
            art.note("no article body found (unknown Kompas layout)")
            return
        blocks = html_blocks(container, skip=is_noise, base_url=self.url)
        kept: list[HtmlBlock] = []
        for block in blocks:
            title = related_title(block.text)
            if title:
                link = next((l for l in block.links if l.url), None)
                art.related.append(Link(title=link.title if link else title, url=link.url if link else None))
                continue
            if _ADS_TEXT.match(block.text) or _BARE_RELATED.match(block.text):
                continue
            kept.append(block)
        if kept:
            kept[0] = self._dateline(kept[0])
        art.body = [Block(b.kind, b.text) for b in kept if b.text]
        if not art.body:
            art.note("article body is empty")
        art.related.extend(self._related_boxes())
        _dedupe_links(art.related)
        art.content_html = content_html(container, self.url)

    def _dateline(self, block: HtmlBlock) -> HtmlBlock:
        m = DATELINE.match(block.text)
        if not m:
            return block
        if m["city"]:
            self.art.dateline = m["city"].strip()
        return HtmlBlock(block.kind if block.kind != "heading" else "paragraph",
                         block.text[m.end():].strip(), block.links)

    def _related_boxes(self) -> list[Link]:
        links: list[Link] = []
        for box in self.find("kcm-read-terkait", "berita-terkait", "berita-terkait-content"):
            label = squash(_text_of(box.find(".//h4")) or "")
            if label and "terkait" not in label.lower():
                continue
            for a in box.iter("a"):
                title = squash(a.text_content())
                if title and a.get("href"):
                    links.append(Link(title=title, url=_clean_url(absolute_url(a.get("href"), self.url)),
                                      section="Berita Terkait"))
        return links

    def _paging(self) -> None:
        art = self.art
        total = meta_first(self.meta, "content_total_pages")
        pages = int(total) if total and total.isdigit() else 0
        if not pages and self.find("read__paging", "paging__link"):
            pages = 2
        query = parse_qs(urlsplit(self.url).query) if self.url else {}
        page = (query.get("page") or [""])[0]
        if page.isdigit():
            art.page = int(page)
        if pages > 1 and page != "all":
            art.note(f"multi-page article ({pages} pages); this page holds only part of it, "
                     "?page=all is the whole article")


def _strip_suffix(title: str) -> str:
    return squash(_SUFFIX.sub("", squash(title)))


def _clocked(text: str) -> datetime | None:
    if not re.search(r"\d[:.]\d\d", text):
        return None
    return parse_date(text, default_tz=WIB)


def _text_of(el: lxml.html.HtmlElement | None) -> str | None:
    if el is None:
        return None
    return squash(el.text_content()) or None


def _first(el: lxml.html.HtmlElement, css_class: str) -> lxml.html.HtmlElement | None:
    found = el.xpath(f'.//*[contains(concat(" ",normalize-space(@class)," ")," {css_class} ")]')
    return found[0] if found else None


def _caption_and_credit(el: lxml.html.HtmlElement | None, credit_class: str) -> tuple[str | None, str | None]:
    if el is None:
        return None, None
    credit_el = _first(el, credit_class)
    credit = _text_of(credit_el)
    text = squash(el.text_content())
    if credit:
        text = squash(text.replace(credit, " ", 1))
        credit = credit.strip("() ") or None
    return text or None, credit


def _clean_url(url: str | None) -> str | None:
    if not url:
        return url
    return re.sub(r"\?utm_[^#]*$", "", url)


def _dedupe_links(links: list[Link]) -> None:
    seen: set[str] = set()
    kept: list[Link] = []
    for link in links:
        key = link.url or link.title
        if key not in seen:
            seen.add(key)
            kept.append(link)
    links[:] = kept


@hookimpl
def register_parsers(register):
    """Register the Kompas HTML parser."""
    register(KompasHtmlParser())
