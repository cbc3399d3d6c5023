"""Feed: the articles that go into one feed, sorted, de-duplicated and limited."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin

from .errors import UsageError, WartaError
from .htmlrender import render_body
from .identity import NO_ID, article_id, keep_web_urls, missing_id_parts, web_url
from .model import Article, safe_text
from .textnorm import truncate

#: Items in a feed unless the caller says otherwise (0 or None: no limit).
DEFAULT_LIMIT = 100
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(slots=True)
class Feed:
    """Everything a writer needs. ``items`` are newest first, unique by id."""

    items: list[Article]
    title: str
    link: str
    description: str
    language: str = "id"
    base_url: str | None = None
    hub: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    #: Items a writer could not render (each left out of that writer's file only).
    errors: list[WartaError] = field(default_factory=list, compare=False)
    _content: dict[int, str] = field(default_factory=dict, repr=False, compare=False)

    def drop(self, article: Article, filename: str, error: BaseException) -> None:
        """Record that ``article`` was left out of ``filename`` because rendering it raised
        ``error`` (one line naming its input and id; the file is written without it)."""
        reason = " ".join(str(error).split())[:300] or type(error).__name__
        self.errors.append(WartaError(f"{article.id}: left out of {filename}: {reason}",
                                      path=article.input))

    def content_html(self, article: Article) -> str:
        """The item's sanitised HTML, rendered once however many writers ask for it."""
        key = id(article)
        if key not in self._content:
            self._content[key] = render_body(article)
        return self._content[key]

    @property
    def updated(self) -> datetime | None:
        """The newest item's date (never "now", so rebuilds are byte-identical)."""
        dates = [d for d in (item_date(a) for a in self.items) if d is not None]
        return max(dates) if dates else None

    def self_url(self, filename: str) -> str | None:
        """Where the file ``filename`` will be served, when ``base_url`` is known."""
        if not self.base_url:
            return None
        base = self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        return urljoin(base, filename)


def unfeedable(article: Article) -> str | None:
    """Why no writer could render ``article`` as a feed item, or None when every one can.

    The one rule for what may enter a feed or the store: an item needs a stable id, and a
    link or some content (text, HTML, a summary) for the reader to show. A page with neither
    URL nor text (a saved title and date only) is refused rather than given an entry made
    of nothing (Atom's writer rejects it, and a subscriber would get an empty item).
    """
    if not article.id:
        # What is missing; the command adds what works where it runs (identity.with_id_hint).
        return f"{NO_ID}: {missing_id_parts(article)}"
    if not (article.url or article.summary or render_body(article)):
        return (f"{article.id}: no URL and no text, nothing a feed reader could show or open; "
                "pass --url or save the whole page")
    return None


def admit(article: Article) -> Article:
    """The gate every article passes before it enters a feed or the store.

    Lone surrogates become U+FFFD, a URL that is not http(s) is dropped with a note
    (:func:`warta.identity.keep_web_urls`), a field of the wrong type or an article that
    :func:`unfeedable` refuses raises WartaError (``path: id: reason``). Returns ``article``.
    """
    article.scrub()
    try:
        article.check_types()
    except ValueError as exc:
        raise WartaError(f"{article.id}: not a valid article record ({exc})",
                         path=article.input) from None
    keep_web_urls(article)
    problem = unfeedable(article)
    if problem:
        raise WartaError(problem, path=article.input)
    return article


def item_date(article: Article) -> datetime | None:
    """The date an item sorts by: its last update, else its publication."""
    return article.updated or article.published


def display_title(article: Article) -> str:
    """The title a feed shows: the article's own, else the opening words of its text.

    Atom requires a title and feed readers list items by it; the record itself keeps
    ``title`` empty when the page had none (it is never invented there).
    """
    if article.title:
        return article.title
    opening = article.summary or next((b.text for b in article.body), "")
    return truncate(opening, 90) if opening else "(tanpa judul)"


def _sort_key(article: Article) -> tuple[datetime, str]:
    return (item_date(article) or _EPOCH, article.id or "")


def _completeness(article: Article) -> tuple[bool, int, int]:
    """How much of the article a record holds, for choosing among copies with the same id."""
    return (article.page is None, -(article.page or 0), sum(len(b.text) for b in article.body))


def _id_without_url(article: Article) -> str | None:
    """The id an article that has a URL would have had without it (the identity rule's tag
    URI from site, date and title), when that differs from its id; None otherwise."""
    if not article.url:
        return None
    fallback = article_id(url=None, site=article.site, published=article.published,
                          title=article.title)
    return fallback if fallback != article.id else None


class FeedCollector:
    """Collects articles one by one, keeping only the newest ``limit`` in memory.

    Articles with the same id are merged: the one updated last wins; on a tie the most
    complete one (a whole page over a ``?page=N`` continuation, an earlier page over a later
    one, then the longer text), then the first one seen.

    A page saved without its URL gets a tag-URI id (site, date, title); the same page given
    with its URL gets the URL's id. When both are in one feed they are one article (the tag
    URI says so: same site, day and title): the copy with the URL, the canonical id and link,
    is kept, in whichever order they come.

    Articles that :func:`admit` refuses (no id, nothing to show) raise a WartaError (they
    would break every subscriber's reader); the others are kept.
    """

    def __init__(self, limit: int | None = DEFAULT_LIMIT) -> None:
        self.limit = limit or None
        self._heap: list[tuple[tuple[datetime, str], int, Article]] = []
        self._by_id: dict[str, tuple[tuple[datetime, str], int, Article]] = {}
        self._seen: set[str] = set()
        self._with_url: set[str] = set()  # _id_without_url() of the articles seen
        self._counter = 0
        self.duplicates = 0
        self.total = 0

    def add(self, article: Article) -> None:
        admit(article)
        self.total += 1
        if not article.url and article.id in self._with_url:
            self.duplicates += 1  # a copy with its URL is already here
            return
        fallback = _id_without_url(article)
        if fallback is not None:
            self._with_url.add(fallback)
            held = self._by_id.get(fallback)
            if fallback in self._seen and not (held and held[2].url):
                self._seen.discard(fallback)  # copies without the URL came first: forget them
                self._forget(fallback)
                self.duplicates += 1
        key = _sort_key(article)
        if article.id in self._seen:
            self.duplicates += 1
            current = self._by_id.get(article.id)
            if current is None or key < current[0] or (
                    key == current[0] and _completeness(article) <= _completeness(current[2])):
                return
            self._forget(article.id)
        self._seen.add(article.id)
        # Earlier inputs win ties: a smaller counter is "newer" in the min-heap ordering.
        self._counter += 1
        entry = (key, -self._counter, article)
        if self.limit is not None and len(self._heap) >= self.limit:
            if entry[:2] <= self._heap[0][:2]:
                return
            dropped = heapq.heapreplace(self._heap, entry)
            self._by_id.pop(dropped[2].id or "", None)
        else:
            heapq.heappush(self._heap, entry)
        self._by_id[article.id] = entry

    def _forget(self, article_id: str) -> None:
        """Drop the kept article with this id, if it is (still) among the kept ones."""
        current = self._by_id.pop(article_id, None)
        if current is not None:
            self._heap.remove(current)
            heapq.heapify(self._heap)

    def items(self) -> list[Article]:
        """Newest first; ties broken by id, so the order never depends on input order."""
        by_id = sorted(self._heap, key=lambda e: e[0][1])
        ordered = sorted(by_id, key=lambda e: e[0][0], reverse=True)  # stable: ids stay ascending
        return [entry[2] for entry in ordered]

    def build(self, *, title: str | None = None, link: str | None = None,
              description: str | None = None, base_url: str | None = None,
              hub: str | None = None) -> Feed:
        items = self.items()
        return make_feed(items, title=title, link=link, description=description,
                         base_url=base_url, hub=hub)


def make_feed(items: list[Article], *, title: str | None = None, link: str | None = None,
              description: str | None = None, base_url: str | None = None,
              hub: str | None = None) -> Feed:
    """A Feed over ``items`` (already ordered), filling title, link and language sensibly.

    ``link``, ``base_url`` and ``hub`` must be http(s) URLs (a UsageError otherwise).
    """
    for value, name in ((link, "link"), (base_url, "base URL"), (hub, "hub")):
        if value is not None and web_url(value) is None:
            raise UsageError(f"the feed's {name} must be an http(s) URL, not {value!r}")
    sites = Counter(a.site for a in items if a.site)
    main_site = sites.most_common(1)[0][0] if sites else None
    if link is None:
        link = web_url(f"https://{main_site}/") if main_site else None
        link = link or base_url or "https://warta.invalid/"
    if title is None:
        title = f"{_site_title(main_site)}" if len(sites) == 1 and main_site else "warta"
    if description is None:
        description = f"{title}: artikel dari halaman yang disimpan, dibuat oleh warta"
    languages = Counter(a.language for a in items if a.language)
    language = languages.most_common(1)[0][0] if languages else "id"
    title, description, language = safe_text(title), safe_text(description), safe_text(language)
    return Feed(items=items, title=title, link=link, description=description,
                language=language, base_url=base_url, hub=hub)


def build_feed(articles: Iterable[Article], *, limit: int | None = DEFAULT_LIMIT,
               engine: Any | None = None, **options: str | None) -> Feed:
    """Sort, de-duplicate and limit ``articles`` into a Feed (the Python API's entry point),
    then let the plugins' ``prepare_feed`` change it.

    ``options`` are ``title``, ``link``, ``description``, ``base_url`` and ``hub``.
    """
    from .engine import default_engine

    collector = FeedCollector(limit)
    for article in articles:
        collector.add(article)
    return (engine or default_engine()).build_feed(collector, **options)


def _site_title(site: str) -> str:
    known = {"kompas.com": "Kompas.com"}
    bare = site.removeprefix("www.")
    return known.get(bare, bare)
