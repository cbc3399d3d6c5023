"""Any saved news page in HTML that no portal plugin claims.

Metadata comes from :func:`warta.htmlmeta.read_page_meta` (schema.org JSON-LD including
``@graph``, OpenGraph and ``article:*`` meta, microdata, ``<time datetime>``), then from a
printed date in a date-classed element or just below the headline. Times keep their offset;
on an Indonesian page a UTC time is shown in WIB and a naive one is read as WIB.

The body comes from trafilatura (the ``warta[extract]`` extra) when it is installed, else
from the page's ``articleBody`` / ``<article>`` / densest block of ``<p>`` (with a note).
The sniff score stays at :data:`warta.FALLBACK` so that any portal plugin wins.
"""

from __future__ import annotations

import importlib.util
import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import lxml.html

from warta import FALLBACK, WIB, Article, Author, Block, Document, Image, Link, WartaError, hookimpl
from warta.dates import to_zone
from warta.parsing.htmlmeta import (
    PageMeta, dated_elements, html_blocks, parse_tree, read_page_meta, visible_date,
)
from warta.parsing.htmlrender import absolute_url
from warta.parsing.htmlbyline import byline_authors
from warta.textkit import (
    BodyRules, date_line, guess_language, is_dateline, lazy_compile, pull_inline_related, related_title,
    take_dateline,
)
from warta.textnorm import squash

_EXTRA = {"extra": "extract", "package": "trafilatura", "install": "pip install 'warta[extract]'"}
_SUFFIX_SEP = lazy_compile(r"\s+[-|–—:]\s+")
_DOMAINISH = lazy_compile(r"\.(?:com|co|id|net|org|tv|news)\b", re.IGNORECASE)
_LONE_DATELINE = lazy_compile(r"^(?P<city>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})\s*[-–—]{1,2}$")  # detik: "Jakarta -"
# detik's lead: "Yogyakarta - Lima mahasiswa …" (a title-case city and a dash).
_TITLE_DATELINE = lazy_compile(r"^(?P<city>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\s+[-–—]{1,2}\s+(?=\S)")
_INITIALS = lazy_compile(r"^[a-z]{2,5}$")  # "bgs": an editor's initials in <meta name=author>
_ORG_AUTHOR = lazy_compile(r"\.(?:com|co\.id|id)\b|\bPT\b|cyber media|developer|redaksi web", re.IGNORECASE)
_NOISE_LINE = lazy_compile(
    r"^(?:advertisement|scroll to continue|baca selengkapnya|simak video|lihat juga video|"
    r"\(\w{2,6}/\w{2,6}\)$|tonton juga)",
    re.IGNORECASE,
)

#: What holds on every portal's page: copyright and disclaimer lines dropped, whole credit
#: lines ("Editor: Nama") read as authors, a cut "Baca j" tail dropped. The rules of the
#: portal whose host the URL is on come on top, from that portal plugin's ``clean_article``
#: hook (:func:`warta.textkit.portal_rules_hook`).
PAGE_RULES = BodyRules()


def MISSING_EXTRAS() -> list[dict[str, str]]:  # noqa: N802 - the name `warta plugins` reads
    """The optional packages this plugin would use but cannot import."""
    try:
        found = importlib.util.find_spec("trafilatura") is not None
    except (ImportError, ValueError):
        found = False
    if found:
        try:
            import trafilatura  # noqa: F401
        except ImportError:
            found = False
    return [] if found else [dict(_EXTRA)]


class GenericHtmlParser:
    """Metadata and body of any HTML news page."""

    #: The most this parser ever scores: the engine skips it once a portal parser scored more.
    max_score = FALLBACK
    name = "generic-html"
    sites: tuple[str, ...] = ()
    media_types = ("text/html",)

    def sniff(self, doc: Document) -> float:
        """FALLBACK for every HTML document (a portal plugin always scores higher)."""
        return FALLBACK if doc.is_html else 0.0

    def parse(self, doc: Document) -> list[Article]:
        """Read one HTML page into one Article."""
        tree = parse_tree(doc.text)
        meta = read_page_meta(tree)
        url = doc.url or meta.url
        art = Article(url=url, site=_site(url), language="id")
        art.title = _title(meta, url)
        if not art.title:
            art.note("no headline found")
        body_blocks = [b for b in _body(doc, tree, url, art) if b.text != art.title]
        art.body = body_blocks
        if not art.title and not body_blocks:
            raise WartaError("no headline and no article text found in this HTML page")
        language = meta.language if meta.language in ("id", "en") else None
        guessed = guess_language(b.text for b in body_blocks)
        art.language = guessed or language or "id"
        indonesian = art.language == "id" or (urlsplit(url).hostname or "").endswith(".id") if url else art.language == "id"
        art.published = _published(tree, meta, art, indonesian)
        if meta.updated and art.published and meta.updated > art.published:
            art.updated = _local(meta.updated, indonesian)
        art.authors = _authors(tree, meta, art)
        PAGE_RULES.apply(art)
        _dateline(art)
        art.section = meta.section
        art.tags = meta.tags
        if meta.image:
            image = absolute_url(meta.image, url)
            if image:
                art.images = [Image(url=image)]
        return [art]


def _authors(tree: lxml.html.HtmlElement, meta: PageMeta, art: Article) -> list[Author]:
    """The metadata's people, unless the printed byline says more: labelled credits (writer
    and editor apart), or a name where the metadata has only initials ("bgs") or nothing."""
    named = [n for n in meta.authors if not _ORG_AUTHOR.search(n) and not _INITIALS.match(n)]
    printed = byline_authors(tree)
    if printed and (not named or any(a.label for a in printed)):
        art.note("authors read from the byline printed on the page")
        return printed
    return [Author(name=n, role="writer") for n in named]


def _dateline(art: Article) -> None:
    """The portal's dateline ("Liputan6.com, Jakarta - ", "JAKARTA - ", detik's "Jakarta - ")
    off the lead paragraph. Printed date lines and a dateline standing alone ("Jakarta -")
    above the lead go; so do short lines (a kicker, a photo caption) when the lead that opens
    with a dateline follows them within the first three blocks."""
    while art.body and art.body[0].kind == "paragraph" and date_line(art.body[0].text):
        art.note(f"the date line {art.body[0].text!r} opening the body is not body text")
        del art.body[0]
    lead = next((k for k, block in enumerate(art.body[:3]) if block.kind == "paragraph"
                 and (is_dateline(block.text) or _TITLE_DATELINE.match(block.text)
                      or _LONE_DATELINE.match(block.text))), None)
    if lead is None:
        return
    if lead:
        if any(len(block.text) >= 300 for block in art.body[:lead]):
            return  # a real paragraph comes first: the page is not laid out that way
        art.note(f"{lead} short line(s) above the lead (kicker, caption) left out of the body")
        del art.body[:lead]
    alone = _LONE_DATELINE.match(art.body[0].text)
    if alone:
        art.dateline = alone["city"].upper()
        del art.body[0]
        return
    rest = take_dateline(art.body[0].text, art)
    if rest == art.body[0].text:
        m = _TITLE_DATELINE.match(rest)
        art.dateline = m["city"].upper()
        rest = rest[m.end():]
    art.body[0].text = rest.strip()
    if not art.body[0].text:
        del art.body[0]


def _site(url: str | None) -> str | None:
    host = (urlsplit(url).hostname or "").lower() if url else ""
    if not host:
        return None
    parts = host.removeprefix("www.").split(".")
    # news.detik.com -> detik.com; nasional.republika.co.id -> republika.co.id
    keep = 3 if len(parts) >= 3 and parts[-2] in ("co", "or", "go", "ac", "web", "my") else 2
    return ".".join(parts[-keep:])


def _title(meta: PageMeta, url: str | None) -> str | None:
    title = meta.title
    if not title:
        return None
    pieces = _SUFFIX_SEP.split(title)
    if len(pieces) > 1:
        tail = pieces[-1]
        site_words = {w for w in re.split(r"\W+", (_site(url) or "").lower()) if len(w) > 3}
        site_name = (meta.site_name or "").lower()
        if (_DOMAINISH.search(tail) or (site_name and site_name in tail.lower())
                or any(w in tail.lower() for w in site_words)) and len(tail.split()) <= 5:
            title = title[: title.rfind(tail)].rstrip(" -|–—:")
    return squash(title) or None


def _published(tree: lxml.html.HtmlElement, meta: PageMeta, art: Article, indonesian: bool) -> datetime | None:
    when = meta.published
    if when is not None and _midnight_only(when) and meta.sources.get("published") != "json-ld":
        printed = dated_elements(tree)
        if printed is not None and printed.date() == when.date():
            when = printed
    if when is None:
        when = dated_elements(tree)
        if when is not None:
            art.note("publication time read from the printed date line")
    if when is None:
        heading = next(iter(tree.iter("h1")), None)
        if heading is not None:
            when = visible_date(tree, after=heading)
            if when is not None:
                art.note("publication time read from the first printed date below the headline")
    if when is None:
        art.note("no publication time found")
        return None
    return _local(when, indonesian)


def _midnight_only(when: datetime) -> bool:
    return when.hour == 0 and when.minute == 0 and when.second == 0


def _local(when: datetime, indonesian: bool) -> datetime:
    """A UTC time on an Indonesian page shown in WIB; every other offset kept."""
    if indonesian and when.utcoffset() == timedelta(0):
        return to_zone(when, WIB)
    return when


#: Pages longer than this (in characters) skip trafilatura, whose time grows faster than the
#: page (about 1 s for 1,000,000 characters of paragraphs here; 100,000 <p>s took 33 s and a
#: 49 MB page 100 s and 1.26 GB): their body is read from the <article>/<p> elements, in
#: linear time. Real article pages are well under it (the largest in the corpus: 360 KB).
EXTRACTOR_LIMIT = 1_000_000


def _body(doc: Document, tree: lxml.html.HtmlElement, url: str | None, art: Article) -> list[Block]:
    if len(doc.text) > EXTRACTOR_LIMIT:
        texts = None
        art.note(f"the page is longer than {EXTRACTOR_LIMIT:,} characters (the limit for the "
                 "trafilatura extractor): the body was read from the page's <article>/<p> elements")
    else:
        texts = _trafilatura_text(doc.text, url)
    if texts is None:
        if MISSING_EXTRAS() and len(doc.text) <= EXTRACTOR_LIMIT:
            art.note("trafilatura is not installed (pip install 'warta[extract]'); "
                     "the body was read from the page's <article>/<p> elements")
        texts = _fallback_texts(tree, url)
    blocks: list[Block] = []
    for kind, text in texts:
        title = related_title(text)
        if title:
            art.related.append(Link(title=title))
            continue
        text, inline = pull_inline_related(text)
        art.related.extend(inline)
        if text and not _NOISE_LINE.match(text):
            blocks.append(Block(kind, text))
    if not blocks:
        art.note("no article body found")
    return blocks


def _trafilatura_text(html: str, url: str | None) -> list[tuple[str, str]] | None:
    try:
        import trafilatura
    except ImportError:
        return None
    text = trafilatura.extract(
        html, url=url, include_comments=False, include_tables=False, favor_precision=True,
        deduplicate=False, with_metadata=False,
    )
    if not text:
        return None
    return [("paragraph", squash(line)) for line in text.split("\n") if squash(line)]


def _fallback_texts(tree: lxml.html.HtmlElement, url: str | None) -> list[tuple[str, str]]:
    container = _container(tree)
    if container is None:
        return []
    return [(b.kind, b.text) for b in html_blocks(container, skip=_is_noise, base_url=url)
            if len(b.text) > 1]


def _container(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    found = tree.xpath('//*[@itemprop="articleBody"]') or list(tree.iter("article"))
    if found:
        return max(found, key=lambda el: len(el.text_content()))
    best, best_score = None, 0
    for el in tree.iter("div", "section", "td"):
        score = sum(len(p.text_content()) for p in el.findall("p"))
        if score > best_score:
            best, best_score = el, score
    return best


def _is_noise(el: lxml.html.HtmlElement) -> bool:
    marker = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return bool(re.search(r"\b(?:ads?|advert\w*|share|social|related|terkait|comment\w*|sidebar|nav\w*|footer|menu)\b", marker))


@hookimpl
def register_parsers(register):
    """Register the generic HTML parser."""
    register(GenericHtmlParser())
