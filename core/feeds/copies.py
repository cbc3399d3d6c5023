"""Copies of one article: which copy is best, how copies are merged into one article
(:func:`merge_copies`), and the id a copy saved without its URL would have had
(:func:`id_without_url`), which tells :class:`warta.feed.FeedCollector` that two copies are
one article."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from typing import Any

from .feeditem import EPOCH, item_date
from ..parsing.identity import article_id
from ..model import Article


def _completeness(article: Article) -> tuple[bool, int, int]:
    """How much of the article a record holds, for choosing among copies with the same id."""
    return (article.page is None, -(article.page or 0), sum(len(b.text) for b in article.body))


def _rank(article: Article) -> tuple[Any, ...]:
    """The order of copies of one article, best last: updated last, then with a URL, then
    the most complete (:func:`_completeness`), then (so that no tie depends on the input
    order) the record's JSON."""
    record = json.dumps(article.to_dict(), ensure_ascii=False, sort_keys=True)
    return (item_date(article) or EPOCH, article.url is not None, _completeness(article), record)


def _date_quality(article: Article) -> tuple[bool, bool]:
    """How good a copy's ``published`` is: printed on the page, then with its time."""
    return (article.published_source in (None, "page"), article.published_precision != "day")


def _key(value: str) -> str:
    return " ".join(value.split()).casefold()


def _union(primary: list[Any], others: Iterable[list[Any]], key: Any) -> list[Any]:
    """``primary``'s items, then the others' whose ``key`` is not among them yet."""
    seen = {key(item) for item in primary}
    merged = list(primary)
    for items in others:
        for item in items:
            if key(item) not in seen:
                seen.add(key(item))
                merged.append(item)
    return merged


#: Fields a merged article takes from another copy when its best copy lacks them.
MERGED_FIELDS = ("title", "section", "dateline", "source", "summary", "verdict", "site")


def merge_copies(copies: list[Article]) -> Article:
    """One article from several copies of it (same id, or a copy with URL and one without).

    The best copy (:func:`_rank`) is kept whole, text and all: its body, HTML, notes and
    input. What it lacks comes from the others, best first: the fields of
    :data:`MERGED_FIELDS` (a title with its ``title_source``), a better publication date
    (printed rather than guessed from the URL or text, with a time rather than a day only),
    ``updated`` and ``captured`` when it has none, and the credits (writers and editors),
    tags, images, related and "more" links it does not have yet. The id and URL are those
    of the best copy with a URL. The result is the same in every input order, and a note
    names the copies merged in. The copies themselves are not changed.
    """
    if len(copies) == 1:
        return copies[0]
    ranked = sorted(copies, key=_rank, reverse=True)
    best, others = ranked[0], ranked[1:]
    merged = copy.deepcopy(best)
    filled: list[str] = []
    for name in MERGED_FIELDS:
        if getattr(merged, name) is None:
            donor = next((o for o in others if getattr(o, name) is not None), None)
            if donor is not None:
                setattr(merged, name, getattr(donor, name))
                if name == "title":
                    merged.title_source = donor.title_source
                filled.append(name)
    if merged.title_source == "url":  # a printed title beats one from the URL
        printed = next((o for o in others if o.title and o.title_source in (None, "page")), None)
        if printed is not None:
            merged.title, merged.title_source = printed.title, printed.title_source
            filled.append("title")
    dated = max((o for o in others if o.published), key=_date_quality, default=None)
    if dated is not None and (merged.published is None
                              or _date_quality(dated) > _date_quality(merged)):
        merged.published = dated.published
        merged.published_source = dated.published_source
        merged.published_precision = dated.published_precision
        filled.append("published")
    for name, source in (("updated", None), ("captured", "captured_source")):
        if getattr(merged, name) is None:
            donor = next((o for o in others if getattr(o, name) is not None), None)
            if donor is not None:
                setattr(merged, name, getattr(donor, name))
                if source:
                    setattr(merged, source, getattr(donor, source))
                filled.append(name)
    lists = (
        ("authors", lambda a: (_key(a.name), a.role)),
        ("tags", _key),
        ("images", lambda i: i.url or _key(i.caption or "")),
        ("related", lambda link: link.url or _key(link.title)),
        ("more", lambda link: link.url or _key(link.title)),
    )
    for name, key in lists:
        before = len(getattr(merged, name))
        combined = _union(getattr(merged, name), (copy.deepcopy(getattr(o, name)) for o in others), key)
        if len(combined) > before:
            setattr(merged, name, combined)
            filled.append(name)
    for image in merged.images:  # a caption or credit only another copy has
        for other in (i for o in others for i in o.images if image.url and i.url == image.url):
            image.caption = image.caption or other.caption
            image.credit = image.credit or other.credit
    with_url = next((o for o in ranked if o.url), None)
    if with_url is not None:
        merged.id, merged.url = with_url.id, with_url.url
    inputs = ", ".join(dict.fromkeys(o.input or "?" for o in others))
    detail = f": {', '.join(dict.fromkeys(filled))} from it" if filled else ""
    merged.note(f"merged with another copy ({inputs}){detail}")
    return merged


def id_without_url(article: Article) -> str | None:
    """The id an article that has a URL would have had without it (the identity rule's tag
    URI from site, date and title), when that differs from its id; None otherwise.

    Only a printed title counts (one taken from the URL would not be in a copy without
    URL), and the date is the publication date, else the crawl day (which dated the ids of
    undated dumps)."""
    if not article.url or article.title_source == "url":
        return None
    when = article.published
    if when is None or article.published_source == "text":
        when = article.captured if article.captured_source == "crawl" else when
    fallback = article_id(url=None, site=article.site, published=when, title=article.title)
    return fallback if fallback != article.id else None
