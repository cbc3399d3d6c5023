"""Reading the metadata that news pages put in their HTML, for every HTML parser.

The readers here are deliberately small and layout-free: a parsed tree (:func:`parse_tree`),
the ``<meta>`` map (:func:`meta_map`: name / property / itemprop / http-equiv, lower-cased),
schema.org JSON-LD (:func:`json_ld` flattens lists and ``@graph``; :func:`ld_articles` keeps
the NewsArticle-like objects), ``<time>`` tags (:func:`time_tags`), microdata
(:func:`itemprop_values`), and :func:`read_page_meta`, which combines them into one
:class:`PageMeta` in a documented order of trust. Portal plugins use the pieces; the generic
HTML parser uses :func:`read_page_meta` whole.

Dates keep their printed offset (an ISO time in UTC stays UTC; the caller decides whether to
show it as WIB with :func:`warta.dates.to_zone`); a naive time takes ``default_tz``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import lxml.etree
import lxml.html

from .htmlrender import absolute_url
from .dates import DATE_RE, WIB, parse_date, parse_iso, search_date
from .errors import WartaError
from .model import Link
from .textnorm import squash, xml_safe

#: schema.org types that describe one news article.
ARTICLE_TYPES = frozenset(
    {
        "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
        "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting",
        "LiveBlogPosting", "Report", "SatiricalArticle", "TechArticle",
    }
)

#: ``<meta>`` keys that name a publication time, most trusted first.
PUBLISHED_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished",
    "article.published", "pubdate", "publishdate", "publish-date", "publish_date",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "date",
    "content_publisheddate", "parsely-pub-date", "sailthru.date", "dtk:publishdate",
    "og:published_time", "published_time", "datecreated",
)
UPDATED_KEYS = (
    "article:modified_time", "og:updated_time", "datemodified", "dcterms.modified",
    "last-modified", "dtk:updatedate",
)
_LD_SCRIPT = "//script[@type and contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
# Detik writes its local time as "2015-06-16T14-05-11Z": dashes in the clock and a "Z" that
# is not UTC (its dtk:*unix metas show the clock is WIB).
_TAG = re.compile(r"<[^>]*>")
_DASHED_CLOCK = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z?$")


def parse_tree(html: str) -> lxml.html.HtmlElement:
    """Parse ``html`` into an lxml tree; raise WartaError when there is no HTML to read."""
    if not html or not html.strip():
        raise WartaError("empty HTML page")
    # lxml keeps control characters it parses, then refuses them in any string set back into
    # the tree (drop_tree joining a tail: "All strings must be XML compatible"); and a lone
    # surrogate empties the document. Characters XML forbids are never text: drop them first.
    html = xml_safe(html)
    # lxml refuses str input that carries an XML encoding declaration.
    if html.lstrip().startswith("<?xml"):
        html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1)
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise WartaError(f"cannot read this HTML page ({exc})") from None
    return tree


def meta_map(tree: lxml.html.HtmlElement) -> dict[str, list[str]]:
    """Every ``<meta>`` value by its lower-cased name, property, itemprop or http-equiv key.

    Values keep document order; empty values are left out.
    """
    found: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if content is None or not content.strip():
            continue
        for attribute in ("name", "property", "itemprop", "http-equiv"):
            key = meta.get(attribute)
            if key:
                found.setdefault(key.strip().lower(), []).append(content.strip())
    return found


def meta_first(meta: dict[str, list[str]], *keys: str) -> str | None:
    """The first non-empty value among ``keys`` (tried in order), or None."""
    for key in keys:
        values = meta.get(key.lower())
        if values:
            return values[0]
    return None


def json_ld(tree: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, flattened (top-level lists and ``@graph``).

    A script that is not valid JSON is retried without control characters and trailing
    commas (common in hand-templated pages), then skipped; so is one nested too deeply for
    Python to read (5,000 "[" in a row): the rest of the page is still read.
    """
    objects: list[dict[str, Any]] = []
    for script in tree.xpath(_LD_SCRIPT):
        try:
            data = _load_json(script.text or "")
            if data is not None:
                objects.extend(_flatten(data))
        except RecursionError:
            continue
    return objects


def _load_json(text: str) -> Any:
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    if not text:
        return None
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text))):
        try:
            return json.loads(candidate)
        except ValueError:
            continue
    return None


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        graph = data.get("@graph")
        if isinstance(graph, list):
            yield from _flatten(graph)
        if "@type" in data:
            yield data


def ld_types(obj: dict[str, Any]) -> set[str]:
    """The object's ``@type`` values as a set of short names (``schema:NewsArticle`` -> ``NewsArticle``)."""
    raw = obj.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if v}


def ld_articles(objects: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The objects whose type is one of :data:`ARTICLE_TYPES`, in page order."""
    return [obj for obj in objects if ld_types(obj) & ARTICLE_TYPES]


def ld_text(value: Any) -> str | None:
    """A plain string from a JSON-LD value (a string, the first of a list, or a ``name``)."""
    if isinstance(value, list):
        for item in value:
            text = ld_text(item)
            if text:
                return text
        return None
    if isinstance(value, dict):
        return ld_text(value.get("name") or value.get("@value"))
    if isinstance(value, (str, int, float)) and str(value).strip():
        return str(value).strip()
    return None


def ld_names(value: Any) -> list[str]:
    """Person or organisation names from an ``author`` / ``editor`` value (any shape)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, list):
            names.extend(ld_names(name))
        elif isinstance(name, str) and name.strip() and name.strip() not in names:
            names.append(name.strip())
    return names


def ld_keywords(value: Any) -> list[str]:
    """Tags from a ``keywords`` value (a comma-separated string or a list)."""
    if isinstance(value, list):
        items = [str(v) for v in value]
    elif isinstance(value, str):
        items = value.split(",")
    else:
        return []
    return _unique(item.strip() for item in items)


@dataclass(slots=True, frozen=True)
class TimeTag:
    """One ``<time>`` element: its ``datetime`` attribute, text, itemprop and class."""

    datetime: str | None
    text: str
    itemprop: str | None
    css_class: str | None


def time_tags(tree: lxml.html.HtmlElement) -> list[TimeTag]:
    """Every ``<time>`` element of the page, in document order."""
    return [
        TimeTag(
            datetime=(el.get("datetime") or "").strip() or None,
            text=" ".join(el.text_content().split()),
            itemprop=el.get("itemprop"),
            css_class=el.get("class"),
        )
        for el in tree.iter("time")
    ]


def itemprop_values(tree: lxml.html.HtmlElement, prop: str) -> list[str]:
    """Microdata values of ``itemprop=prop``: ``content``, ``datetime``, or the element's text."""
    values: list[str] = []
    for el in tree.xpath("//*[@itemprop]"):
        if prop not in (el.get("itemprop") or "").split():
            continue
        value = el.get("content") or el.get("datetime")
        if value is None and el.tag != "meta":
            value = " ".join(el.text_content().split())
        if value and value.strip():
            values.append(value.strip())
    return values


def read_meta_date(text: str | None, *, default_tz: timezone = WIB) -> datetime | None:
    """A date from a meta value: ISO 8601 (offset kept), Detik's dashed clock (local), a
    printed Indonesian date, or a Unix time in milliseconds; None when unreadable."""
    if not text:
        return None
    text = " ".join(_TAG.sub(" ", text).split())
    dashed = _DASHED_CLOCK.match(text)
    if dashed:
        text = f"{dashed[1]}T{dashed[2]}:{dashed[3]}:{dashed[4]}"
    elif re.fullmatch(r"\d{4}/\d{2}/\d{2} \d{2}:\d{2}(:\d{2})?", text):
        text = text.replace("/", "-")
    if not re.match(r"\d{4}-\d{2}-\d{2}", text):
        return parse_date(text, default_tz=default_tz)
    return parse_iso(text, default_tz=default_tz)


def html_language(tree: lxml.html.HtmlElement, meta: dict[str, list[str]]) -> str | None:
    """The page's declared language as a lower-case primary tag ("id", "en"), or None."""
    for value in (
        meta_first(meta, "language", "content-language", "og:locale", "inlanguage"),
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
    ):
        if value:
            primary = re.split(r"[-_]", value.strip().lower())[0]
            return "id" if primary == "in" else primary
    return None


@dataclass(slots=True)
class PageMeta:
    """What a page's metadata says about its article (all fields may be missing).

    ``sources`` names where each field came from (e.g. ``{"published": "json-ld"}``).
    """

    title: str | None = None
    url: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    description: str | None = None
    site_name: str | None = None
    language: str | None = None
    sources: dict[str, str] = field(default_factory=dict)


def read_page_meta(tree: lxml.html.HtmlElement, *, default_tz: timezone = WIB) -> PageMeta:
    """Combine JSON-LD, OpenGraph / article:* meta, microdata and ``<time>`` tags.

    Order of trust: the first JSON-LD article object, then ``<meta>`` (OpenGraph,
    article:*, Dublin Core, portal-specific names), then microdata, then ``<time datetime>``.
    """
    meta = meta_map(tree)
    article = next(iter(ld_articles(json_ld(tree))), {})
    page = PageMeta()
    _pick(page, "title", [
        ("json-ld", ld_text(article.get("headline") or article.get("name"))),
        ("og:title", meta_first(meta, "og:title", "twitter:title", "headline")),
        ("h1", _first_text(tree, "h1")),
        ("title", _first_text(tree, "title")),
    ])
    _pick(page, "url", [
        ("json-ld", _ld_url(article)),
        ("og:url", meta_first(meta, "og:url")),
        ("canonical", _canonical(tree)),
    ])
    page.published = _pick_date(page, "published", default_tz, [
        ("json-ld", ld_text(article.get("datePublished"))),
        ("meta", meta_first(meta, *PUBLISHED_KEYS)),
        ("microdata", next(iter(itemprop_values(tree, "datePublished")), None)),
        ("time", next((t.datetime for t in time_tags(tree) if t.datetime), None)),
    ])
    page.updated = _pick_date(page, "updated", default_tz, [
        ("json-ld", ld_text(article.get("dateModified"))),
        ("meta", meta_first(meta, *UPDATED_KEYS)),
    ])
    authors = ld_names(article.get("author"))
    if authors:
        page.sources["authors"] = "json-ld"
    else:
        authors = [v for v in meta.get("author", []) + meta.get("article:author", [])
                   if not v.startswith(("http://", "https://"))]
        if authors:
            page.sources["authors"] = "meta"
    page.authors = _unique(authors)
    _pick(page, "section", [
        ("json-ld", ld_text(article.get("articleSection"))),
        ("meta", meta_first(meta, "article:section", "articlesection")),
    ])
    if page.section:
        page.section = section_name(page.section)
    tags = ld_keywords(article.get("keywords"))
    if not tags:
        tags = ld_keywords(", ".join(meta.get("article:tag", [])) or meta_first(meta, "news_keywords", "keywords"))
    page.tags = tags
    image = article.get("image")
    _pick(page, "image", [
        ("json-ld", image.get("url") if isinstance(image, dict) else ld_text(image)),
        ("og:image", meta_first(meta, "og:image", "twitter:image")),
    ])
    _pick(page, "description", [
        ("json-ld", ld_text(article.get("description"))),
        ("meta", meta_first(meta, "og:description", "description", "twitter:description")),
    ])
    page.site_name = meta_first(meta, "og:site_name")
    page.language = ld_text(article.get("inLanguage")) or html_language(tree, meta)
    if page.language:
        page.language = re.split(r"[-_]", page.language.lower())[0]
        page.language = "id" if page.language == "in" else page.language
    return page


_HOST_SECTION = re.compile(r"^(?P<label>[a-z0-9-]+)\.(?:[a-z0-9-]+\.)+[a-z]{2,}$", re.IGNORECASE)


def section_name(value: str) -> str | None:
    """A section as a reader names it: some pages give their channel's host instead
    ("news.okezone.com" is the ``news`` channel; "www.example.com" names none)."""
    m = _HOST_SECTION.match(value)
    if not m:
        return value
    label = m["label"].lower()
    return None if label in ("www", "m", "amp") or value.count(".") < 2 else label


def _pick(page: PageMeta, name: str, candidates: list[tuple[str, str | None]]) -> None:
    for source, value in candidates:
        if value and value.strip():
            setattr(page, name, " ".join(value.split()))
            page.sources[name] = source
            return


def _pick_date(page: PageMeta, name: str, default_tz: timezone,
               candidates: list[tuple[str, str | None]]) -> datetime | None:
    for source, value in candidates:
        when = read_meta_date(value, default_tz=default_tz)
        if when is not None:
            page.sources[name] = source
            return when
    return None


def _first_text(tree: lxml.html.HtmlElement, tag: str) -> str | None:
    for el in tree.iter(tag):
        text = " ".join(el.text_content().split())
        if text:
            return text
    return None


def _ld_url(article: dict[str, Any]) -> str | None:
    for key in ("url", "mainEntityOfPage"):
        value = article.get(key)
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return value
    return None


def _canonical(tree: lxml.html.HtmlElement) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return link.get("href").strip()
    return None


def _unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen


# ---------------------------------------------------------------------------------------
# Visible dates and body blocks (shared by the HTML parsers' body readers)

_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "iframe", "ins", "form", "button", "svg", "select",
     "textarea", "object", "embed", "video", "audio", "canvas", "template", "head"}
)
BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "main", "aside", "header", "footer", "nav", "ul", "ol",
     "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "td", "th", "blockquote", "pre",
     "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "center", "address"}
)
_HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_DATE_CLASS = re.compile(r"date|time|tgl|tanggal|publish|posted|waktu", re.IGNORECASE)


def visible_date(tree: lxml.html.HtmlElement, *, after: lxml.html.HtmlElement | None = None,
                 default_tz: timezone = WIB, limit: int = 400) -> datetime | None:
    """The first printed date with a clock on the page, read with :func:`parse_date`.

    With ``after`` (usually the headline element) only text that follows it in document
    order counts, within ``limit`` text pieces (a site header's "today" date comes before
    the headline; comments come long after). Without a clock nothing is returned.
    """
    started = after is None
    seen = 0
    for el in tree.iter():
        if el is after:
            started = True
            continue
        if not started or not isinstance(el.tag, str) or el.tag in _SKIP_TAGS:
            continue
        if _inside_skipped(el, after):
            continue
        for piece in (el.text, el.tail):
            if not piece or not piece.strip():
                continue
            seen += 1
            found = _dated_with_clock(piece, default_tz)
            if found is not None:
                return found
        if seen > limit:
            return None
    return None


def _inside_skipped(el: lxml.html.HtmlElement, stop: lxml.html.HtmlElement | None) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in _SKIP_TAGS:
            return True
        parent = parent.getparent()
    return False


def _dated_with_clock(text: str, default_tz: timezone) -> datetime | None:
    for m in DATE_RE.finditer(text):
        if m.group("hour") is None:
            continue
        found = search_date(m.group(0), default_tz=default_tz)
        if found is not None:
            return found[0]
    return None


def dated_elements(tree: lxml.html.HtmlElement, *, default_tz: timezone = WIB) -> datetime | None:
    """The first date with a clock printed in an element whose class or id speaks of a
    date ("date", "time", "tgl", "tanggal", "publish"...), or None."""
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS:
            continue
        marker = f"{el.get('class') or ''} {el.get('id') or ''}"
        if not _DATE_CLASS.search(marker):
            continue
        text = " ".join(el.text_content().split())[:200]
        found = _dated_with_clock(text, default_tz)
        if found is not None:
            return found
    return None


@dataclass(slots=True)
class HtmlBlock:
    """A body block read from HTML: its kind, squashed text and the links inside it."""

    kind: str
    text: str
    links: list[Link] = field(default_factory=list)


def html_blocks(container: lxml.html.HtmlElement, *,
                skip: Callable[[lxml.html.HtmlElement], bool] | None = None,
                base_url: str | None = None) -> list[HtmlBlock]:
    """Blocks of text in reading order from ``container``.

    Block-level elements and ``<br>`` end a block; ``h2``-``h6`` give headings, ``li`` list
    items, ``blockquote`` quotes, and a paragraph that is only a short bold phrase a
    heading. Scripts, iframes, forms and what ``skip`` rejects are left out. Each block keeps
    the links inside it (absolute against ``base_url`` when given).
    """
    out: list[HtmlBlock] = []
    state = _BlockState(out, base_url)
    state.walk(container, skip, "paragraph")
    state.flush()
    return out


class _BlockState:
    __slots__ = ("out", "base_url", "parts", "links", "kind", "bold_only")

    def __init__(self, out: list[HtmlBlock], base_url: str | None) -> None:
        self.out = out
        self.base_url = base_url
        self.parts: list[str] = []
        self.links: list[Link] = []
        self.kind = "paragraph"
        self.bold_only = True

    def add(self, text: str | None, bold: bool) -> None:
        if text and text.strip():
            self.parts.append(text)
            if not bold:
                self.bold_only = False
        elif text:
            self.parts.append(" ")

    def flush(self) -> None:
        text = squash("".join(self.parts))
        if text:
            kind = self.kind
            if (kind == "paragraph" and self.bold_only and len(text) <= 90
                    and not text.endswith((".", ",", ":", ";", "-", "–", "—"))):
                kind = "heading"
            self.out.append(HtmlBlock(kind, text, self.links))
        self.parts = []
        self.links = []
        self.kind = "paragraph"
        self.bold_only = True

    def walk(self, el: lxml.html.HtmlElement, skip: Callable[[lxml.html.HtmlElement], bool] | None,
             kind: str, bold: bool = False) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        block = tag in BLOCK_TAGS
        if block:
            self.flush()
            if tag in _HEADING_TAGS:
                kind = "heading"
            elif tag == "li":
                kind = "list_item"
            elif tag == "blockquote":
                kind = "quote"
            self.kind = kind
        bold = bold or tag in ("strong", "b")
        self.add(el.text, bold)
        for child in el:
            ctag = child.tag if isinstance(child.tag, str) else ""
            if ctag == "br":
                self.flush()
                self.kind = kind
            elif ctag and ctag not in _SKIP_TAGS and not (skip and skip(child)):
                if ctag == "a" and child.get("href"):
                    title = squash(child.text_content())
                    if title:
                        self.links.append(Link(title=title, url=_join(child.get("href"), self.base_url)))
                self.walk(child, skip, kind, bold)
                self.kind = kind
            self.add(child.tail, bold)
        if block:
            self.flush()


def _join(href: str, base_url: str | None) -> str | None:
    """A related link's absolute URL; None for in-page anchors and mail links."""
    if href.strip().lower().startswith(("#", "mailto:")):
        return None
    return absolute_url(href, base_url)
