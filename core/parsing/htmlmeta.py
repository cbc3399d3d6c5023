"""Reading the metadata that news pages put in their HTML, for every HTML parser.

The readers here are deliberately small and layout-free: a parsed tree (:func:`parse_tree`),
the ``<meta>`` map (:func:`meta_map`: name / property / itemprop / http-equiv, lower-cased),
``<time>`` tags (:func:`time_tags`), microdata (:func:`itemprop_values`), the declared
language (:func:`html_language`), and :func:`read_page_meta`, which combines them with
schema.org JSON-LD into one :class:`PageMeta` in a documented order of trust. Portal plugins
use the pieces; the generic HTML parser uses :func:`read_page_meta` whole.

Dates keep their printed offset (an ISO time in UTC stays UTC; the caller decides whether to
show it as WIB with :func:`warta.dates.to_zone`); a naive time takes ``default_tz``.

The HTML parsers' other readers live in their own modules and are re-exported here, where
plugins import them from: :mod:`warta.jsonld` (JSON-LD: :func:`json_ld`, :func:`ld_articles`
...), :mod:`warta.htmldates` (:func:`read_meta_date`, dates printed in the page) and
:mod:`warta.htmlblocks` (body blocks in reading order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import lxml.etree
import lxml.html

from .dates import WIB
from ..errors import WartaError
from ..reading.textnorm import xml_safe

# The HTML readers that live in their own modules, re-exported: plugins import them from here.
from .htmlblocks import BLOCK_TAGS, HtmlBlock, html_blocks
from .htmldates import dated_elements, read_meta_date, visible_date
from .jsonld import _unique  # the order-keeping de-duplication the JSON-LD readers use
from .jsonld import ARTICLE_TYPES, json_ld, ld_articles, ld_keywords, ld_names, ld_text, ld_types
from .patterns import lazy_compile

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


_HOST_SECTION = lazy_compile(r"^(?P<label>[a-z0-9-]+)\.(?:[a-z0-9-]+\.)+[a-z]{2,}$", re.IGNORECASE)


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
