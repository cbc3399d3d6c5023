"""Feed: the articles that go into one feed, sorted, de-duplicated and limited."""

from __future__ import annotations

import copy
import heapq
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin

from .errors import UsageError, WartaError
from .htmlrender import render_body, sanitize
from .identity import NO_ID, article_id, keep_web_urls, missing_id_parts, web_url
from .model import Article, safe_text
from .textnorm import truncate, xml_safe

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
        """The newest item's date, or capture time for an item without one (see
        :func:`shown_date`); never "now", so rebuilds are byte-identical. None when no item
        has either."""
        dates = [d for d in (shown_date(a) for a in self.items) if d is not None]
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
    if article.content_html:  # an Article built through the API may hold raw HTML
        article.content_html = sanitize(article.content_html, article.url)
    problem = unfeedable(article)
    if problem:
        raise WartaError(problem, path=article.input)
    return article


def item_date(article: Article) -> datetime | None:
    """The date an item sorts by: its last update, else its publication."""
    return article.updated or article.published


def shown_date(article: Article) -> datetime | None:
    """The date a format that requires one (Atom's ``updated``) shows for an item: its
    :func:`item_date`, else when the page was captured (``captured``: the crawl day, a
    save date), which is a fact about that page though not its publication."""
    return item_date(article) or article.captured


def display_title(article: Article) -> str:
    """The title a feed shows: the article's own (printed, or from its URL), else the opening
    words of its text, else "(tanpa judul)".

    Atom requires a title and feed readers list items by it, so the first of these that
    still holds text once the characters XML forbids are removed is taken (a title of only
    control characters would leave the entry without one).
    """
    if article.title and xml_safe(article.title).strip():
        return article.title
    texts = (article.summary, *(b.text for b in article.body))
    opening = next((t for t in texts if t and xml_safe(t).strip()), "")
    return truncate(opening, 90) if opening else "(tanpa judul)"


def _sort_key(article: Article) -> tuple[datetime, str]:
    return (item_date(article) or _EPOCH, article.id or "")


def _completeness(article: Article) -> tuple[bool, int, int]:
    """How much of the article a record holds, for choosing among copies with the same id."""
    return (article.page is None, -(article.page or 0), sum(len(b.text) for b in article.body))


def _rank(article: Article) -> tuple[Any, ...]:
    """The order of copies of one article, best last: updated last, then with a URL, then
    the most complete (:func:`_completeness`), then (so that no tie depends on the input
    order) the record's JSON."""
    record = json.dumps(article.to_dict(), ensure_ascii=False, sort_keys=True)
    return (item_date(article) or _EPOCH, article.url is not None, _completeness(article), record)


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
    ranked = sorted(copies, key=_rank, reverse=True)
    if len(ranked) == 1:
        return ranked[0]
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


def _id_without_url(article: Article) -> str | None:
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


class FeedCollector:
    """Collects articles one by one, keeping only the newest ``limit`` in memory.

    Copies of one article (the same id) are merged (:func:`merge_copies`): the copy updated
    last is kept whole (on a tie the most complete one: a whole page over a ``?page=N``
    continuation, an earlier page over a later one, then the longer text), and what it
    lacks (editors and other credits, tags, images, summary, section, dateline, a printed
    date ...) comes from the others, the same way in every input order.

    A page saved without its URL gets a tag-URI id (site, date, title); the same page given
    with its URL gets the URL's id. When both are in one feed they are one article (the tag
    URI says so: same site, day and title): merged under the URL's id and link, in
    whichever order they come.

    Articles that :func:`admit` refuses (no id, nothing to show) raise a WartaError (they
    would break every subscriber's reader); the others are kept.
    """

    def __init__(self, limit: int | None = DEFAULT_LIMIT) -> None:
        self.limit = limit or None
        self._heap: list[tuple[tuple[datetime, str], int, Article]] = []
        self._by_id: dict[str, tuple[tuple[datetime, str], int, Article]] = {}
        self._copies: dict[str, list[Article]] = {}  # the copies behind each kept article
        self._seen: set[str] = set()
        self._url_of: dict[str, str] = {}  # _id_without_url() of an article seen -> its id
        self._counter = 0
        self.duplicates = 0
        self.total = 0

    def add(self, article: Article) -> None:
        admit(article)
        self.total += 1
        group = article.id or ""
        if not article.url and group in self._url_of:
            group = self._url_of[group]  # a copy with its URL is here: one article
        absorbed: list[Article] = []
        fallback = _id_without_url(article)
        if fallback is not None and self._url_of.setdefault(fallback, group) == group:
            if fallback in self._by_id:  # copies without the URL came first: take them in
                absorbed = self._copies.pop(fallback, [])
                self._forget(fallback)
            self._seen.discard(fallback)
        if group in self._seen and group not in self._by_id:
            self.duplicates += 1  # a copy of an article already left out by the limit
            return
        copies = self._copies.pop(group, []) if group in self._by_id else []
        if copies or absorbed:
            self.duplicates += 1
            self._forget(group)
        copies = copies + absorbed + [article]
        merged = merge_copies(copies)
        self._seen.add(group)
        # Earlier inputs win ties: a smaller counter is "newer" in the min-heap ordering.
        self._counter += 1
        entry = (_sort_key(merged), -self._counter, merged)
        if self.limit is not None and len(self._heap) >= self.limit:
            if entry[:2] <= self._heap[0][:2]:
                return
            dropped = heapq.heapreplace(self._heap, entry)
            self._by_id.pop(dropped[2].id or "", None)
            self._copies.pop(dropped[2].id or "", None)
        else:
            heapq.heappush(self._heap, entry)
        self._by_id[group] = entry
        self._copies[group] = copies

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
    # A title or description that is blank once unwritable characters are gone is not given.
    title = title if title is None or xml_safe(title).strip() else None
    description = description if description is None or xml_safe(description).strip() else None
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
