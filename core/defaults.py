"""The built-in plugin every feed relies on: the writers and the default clean / enrich.

It is an ordinary plugin (listed first in the manager's tuple) and uses only the public API.
"""

from __future__ import annotations

from typing import Any, Callable

from . import hookimpl
from .feeds.feedxml import AtomWriter, RssWriter
from .parsing.htmlrender import absolute_url, repair_url
from .parsing.identity import article_id, canonical_url, keep_web_urls
from .feeds.jsonfeed import JsonFeedWriter, JsonLinesWriter
from .model import Article
from .parsing.textkit import drop_cut_tail
from .reading.textnorm import clean_field, section_name, truncate

SUMMARY_LENGTH = 300

#: The most body text one article keeps, in characters (the blocks' text added up). Real
#: articles are far below it (the longest in the corpus: about 60,000); past it the block that
#: crosses it is cut at a word and the blocks after it are dropped, with a note, so that one
#: runaway page (a 48 MB soup of words read as one article) cannot swell a feed.
MAX_BODY_CHARS = 1_000_000

#: Tags that say nothing about an article: the SEO filler some portals put in every page's
#: keywords ("berita terkini", "portal Indonesia" ...). Compared case-insensitively, spaces
#: squashed; a tag naming a topic ("viral", "hoaks") is not filler.
FILLER_TAGS = frozenset({
    "berita", "berita terkini", "berita terbaru", "berita hari ini", "berita indonesia",
    "berita online", "berita harian", "berita viral", "berita utama", "berita populer",
    "portal indonesia", "portal berita", "portal berita indonesia", "situs berita",
    "info terkini", "info terbaru", "info hari ini", "informasi terkini", "informasi terbaru",
    "kabar terkini", "kabar terbaru", "kabar hari ini", "terkini", "terbaru", "hari ini",
    "news", "breaking news", "latest news", "today news", "headline", "headlines", "trending",
    "update", "update terkini", "indonesia news", "indonesian news",
})


@hookimpl
def register_writers(register: Callable[[str, Any], None]) -> None:
    register("rss", RssWriter())
    register("atom", AtomWriter())
    register("json", JsonFeedWriter())
    register("jsonl", JsonLinesWriter())


@hookimpl(trylast=True)
def clean_article(article: Article) -> None:
    """Whitespace and forbidden characters out of every text field; URL made canonical;
    every URL that is not http(s) dropped with a note (:func:`warta.identity.keep_web_urls`),
    after a doubled scheme is repaired (``http:http://``, :func:`warta.htmlrender.repair_url`).
    The body is capped at :data:`MAX_BODY_CHARS` and loses a cut "Baca j" tail
    (:func:`warta.textkit.drop_cut_tail`); the section takes one form per portal section
    (:func:`warta.textnorm.section_name`); :data:`FILLER_TAGS` are dropped."""
    for attribute in ("title", "section", "dateline", "source", "summary"):
        value = getattr(article, attribute)
        if value is not None:
            setattr(article, attribute, clean_field(value) or None)
    if article.section:
        article.section = section_name(article.section) or None
    for block in article.body:
        block.text = clean_field(block.text)
    article.body = [b for b in article.body if b.text]
    _cap_body(article)
    drop_cut_tail(article)
    for author in article.authors:
        author.name = clean_field(author.name)
    article.authors = [a for a in article.authors if a.name]
    for link in (*article.related, *article.more):
        link.title = clean_field(link.title)
    for image in article.images:
        if image.caption:
            image.caption = clean_field(image.caption) or None
        if image.credit:
            image.credit = clean_field(image.credit) or None
    article.tags = list(dict.fromkeys(t for t in map(clean_field, article.tags)
                                      if t and t.casefold() not in FILLER_TAGS))
    if article.url:
        article.url = repair_url(article.url)
    for item in (*article.images, *article.related, *article.more):
        if item.url:
            item.url = repair_url(item.url)
    keep_web_urls(article, links=False)  # only http(s) URLs reach a feed field or an id
    if article.url:
        article.url = canonical_url(article.url)
    # Links and images resolved against the article's URL; a relative one that cannot be
    # resolved is dropped (the title or caption stays).
    for link in (*article.related, *article.more):
        if link.url:
            link.url = absolute_url(link.url, article.url)
    for image in article.images:
        if image.url:
            image.url = absolute_url(image.url, article.url)
    keep_web_urls(article)  # a mailto: link or image resolved above


def _cap_body(article: Article) -> None:
    """Cut the body at :data:`MAX_BODY_CHARS` characters of text (see there), with a note."""
    total = 0
    for index, block in enumerate(article.body):
        if total + len(block.text) <= MAX_BODY_CHARS:
            total += len(block.text)
            continue
        room = MAX_BODY_CHARS - total
        cut = block.text[:room]
        if room < len(block.text) and " " in cut:
            cut = cut[:cut.rindex(" ")]
        block.text = cut.rstrip()
        dropped = len(article.body) - index - 1
        article.body = article.body[:index + 1] if block.text else article.body[:index]
        kept = total + len(block.text)
        article.note(f"body cut at {kept:,} characters (limit {MAX_BODY_CHARS:,} per article); "
                     f"{dropped:,} block(s) after it dropped")
        if article.content_html:
            article.content_html = None
            article.note("the page's HTML content dropped with the cut: the feed shows the cut body")
        return


@hookimpl(trylast=True)
def enrich_article(article: Article) -> None:
    """Summary from the first paragraph, the stable id by the identity rule, a language."""
    if not article.summary:
        first = next((b.text for b in article.body if b.kind == "paragraph"), None)
        if first:
            article.summary = truncate(first, SUMMARY_LENGTH)
    if not article.id:
        article.id = article_id(
            url=article.url, site=article.site, published=article.published, title=article.title
        )
        if not article.id:
            article.note("no stable id: no URL, and no title with a date")
    if not article.language:
        article.language = "id"
