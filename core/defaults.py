"""The built-in plugin every feed relies on: the writers and the default clean / enrich.

It is an ordinary plugin (listed first in the manager's tuple) and uses only the public API.
"""

from __future__ import annotations

from typing import Any, Callable

from . import hookimpl
from .feedxml import AtomWriter, RssWriter
from .htmlrender import absolute_url
from .identity import article_id, canonical_url, keep_web_urls
from .jsonfeed import JsonFeedWriter, JsonLinesWriter
from .model import Article
from .textnorm import clean_field, truncate

SUMMARY_LENGTH = 300


@hookimpl
def register_writers(register: Callable[[str, Any], None]) -> None:
    register("rss", RssWriter())
    register("atom", AtomWriter())
    register("json", JsonFeedWriter())
    register("jsonl", JsonLinesWriter())


@hookimpl(trylast=True)
def clean_article(article: Article) -> None:
    """Whitespace and forbidden characters out of every text field; URL made canonical;
    every URL that is not http(s) dropped with a note (:func:`warta.identity.keep_web_urls`)."""
    for attribute in ("title", "section", "dateline", "source", "summary"):
        value = getattr(article, attribute)
        if value is not None:
            setattr(article, attribute, clean_field(value) or None)
    for block in article.body:
        block.text = clean_field(block.text)
    article.body = [b for b in article.body if b.text]
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
    article.tags = list(dict.fromkeys(t for t in map(clean_field, article.tags) if t))
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
