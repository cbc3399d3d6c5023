"""Feed: the articles that go into one feed, sorted, de-duplicated and limited.

Which copy of an article wins and how copies merge is :mod:`warta.copies`; what may be an
item and what a feed shows of one (dates, title) is :mod:`warta.feeditem`.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin

# merge_copies, MERGED_FIELDS, admit, unfeedable and display_title are also imported here so
# that their old path, warta.feed, keeps working.
from .copies import MERGED_FIELDS, id_without_url, merge_copies
from ..errors import UsageError, WartaError
from .feeditem import EPOCH, admit, display_title, item_date, shown_date, unfeedable
from ..parsing.htmlrender import render_body
from ..parsing.identity import web_url
from ..model import Article, safe_text
from ..reading.textnorm import xml_safe
from .spill import SpilledItems

#: Items in a feed unless the caller says otherwise (0 or None: no limit).
DEFAULT_LIMIT = 100


@dataclass(slots=True)
class Feed:
    """Everything a writer needs. ``items`` are newest first, unique by id: a list, or for a
    feed with no limit a :class:`~warta.feeds.spill.SpilledItems` read one article at a time
    (writers iterate it once; see :meth:`shown_dates` for the dates they need first)."""

    items: Sequence[Article]
    title: str
    link: str
    description: str
    language: str = "id"
    base_url: str | None = None
    hub: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    #: Items a writer could not render (each left out of that writer's file only).
    errors: list[WartaError] = field(default_factory=list, compare=False)
    _content: tuple[Article, str] | None = field(default=None, repr=False, compare=False)

    def drop(self, article: Article, filename: str, error: BaseException) -> None:
        """Record that ``article`` was left out of ``filename`` because rendering it raised
        ``error`` (one line naming its input and id; the file is written without it)."""
        reason = " ".join(str(error).split())[:300] or type(error).__name__
        self.errors.append(WartaError(f"{article.id}: left out of {filename}: {reason}",
                                      path=article.input))

    def content_html(self, article: Article) -> str:
        """The item's sanitised HTML, rendered once for the writers that ask for it in turn
        (they are given each item together; only the last item's HTML is kept)."""
        if self._content is None or self._content[0] is not article:
            self._content = (article, render_body(article))
        return self._content[1]

    def shown_dates(self) -> Iterator[tuple[str, datetime | None]]:
        """(id, :func:`shown_date`) of each item, in feed order (from the spilled items'
        columns when there are many, without loading an article)."""
        if isinstance(self.items, SpilledItems):
            return self.items.shown_dates()
        return ((a.id or "", shown_date(a)) for a in self.items)

    def undated(self) -> int:
        """How many items have neither an update nor a publication date."""
        if isinstance(self.items, SpilledItems):
            return self.items.undated()
        return sum(1 for a in self.items if not (a.published or a.updated))

    def close(self) -> None:
        """Let go of spilled items (their temporary database); the feed is empty after."""
        if isinstance(self.items, SpilledItems):
            self.items.close()
            self.items = []

    @property
    def updated(self) -> datetime | None:
        """The newest item's date, or capture time for an item without one (see
        :func:`shown_date`); never "now", so rebuilds are byte-identical. None when no item
        has either."""
        return max((d for _, d in self.shown_dates() if d is not None), default=None)

    def self_url(self, filename: str) -> str | None:
        """Where the file ``filename`` will be served, when ``base_url`` is known."""
        if not self.base_url:
            return None
        base = self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        return urljoin(base, filename)



def _sort_key(article: Article) -> tuple[datetime, str]:
    return (item_date(article) or EPOCH, article.id or "")


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

    With no limit, the articles are kept in a temporary database, not in memory
    (:class:`~warta.feeds.spill.SpilledItems`): memory stays flat however many there are.
    """

    def __init__(self, limit: int | None = DEFAULT_LIMIT) -> None:
        self.limit = limit or None
        self._spill = SpilledItems() if self.limit is None else None
        self._heap: list[tuple[tuple[datetime, str], int, Article]] = []
        self._by_id: dict[str, tuple[tuple[datetime, str], int, Article]] = {}
        self._copies: dict[str, list[Article]] = {}  # the copies behind each kept article
        self._seen: set[str] = set()
        self._url_of: dict[str, str] = {}  # id_without_url() of an article seen -> its id
        self._counter = 0
        self.duplicates = 0
        self.total = 0

    def add(self, article: Article) -> None:
        admit(article)
        self.total += 1
        if self._spill is not None:
            self._add_spilled(article, self._spill)
            return
        group = article.id or ""
        if not article.url and group in self._url_of:
            group = self._url_of[group]  # a copy with its URL is here: one article
        absorbed: list[Article] = []
        fallback = id_without_url(article)
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

    def _add_spilled(self, article: Article, spill: SpilledItems) -> None:
        """:meth:`add` with no limit, the articles held by ``spill`` (the same rules: nothing
        is ever left out by a limit, so no article is forgotten but to be merged)."""
        group = article.id or ""
        if not article.url:
            group = spill.url_group(group) or group
        fallback = id_without_url(article)
        if fallback is not None and spill.claim_url_group(fallback, group) != group:
            fallback = None  # copies without the URL belong to another article
        held = spill.copies(group, fallback) if fallback is not None else spill.copies(group)
        absorbed = held.get(fallback, []) if fallback is not None else []
        if absorbed:
            spill.delete(fallback)
        copies = held.get(group, [])
        if copies or absorbed:
            self.duplicates += 1
        copies = copies + absorbed + [article]
        spill.put(group, copies, merge_copies(copies))

    def _forget(self, article_id: str) -> None:
        """Drop the kept article with this id, if it is (still) among the kept ones."""
        current = self._by_id.pop(article_id, None)
        if current is not None:
            self._heap.remove(current)
            heapq.heapify(self._heap)

    def items(self) -> Sequence[Article]:
        """Newest first; ties broken by id, so the order never depends on input order."""
        if self._spill is not None:
            return self._spill
        by_id = sorted(self._heap, key=lambda e: e[0][1])
        ordered = sorted(by_id, key=lambda e: e[0][0], reverse=True)  # stable: ids stay ascending
        return [entry[2] for entry in ordered]

    def build(self, *, title: str | None = None, link: str | None = None,
              description: str | None = None, base_url: str | None = None,
              hub: str | None = None) -> Feed:
        items = self.items()
        return make_feed(items, title=title, link=link, description=description,
                         base_url=base_url, hub=hub)


def make_feed(items: Sequence[Article], *, title: str | None = None, link: str | None = None,
              description: str | None = None, base_url: str | None = None,
              hub: str | None = None) -> Feed:
    """A Feed over ``items`` (already ordered), filling title, link and language sensibly.

    ``link``, ``base_url`` and ``hub`` must be http(s) URLs (a UsageError otherwise).
    """
    for value, name in ((link, "link"), (base_url, "base URL"), (hub, "hub")):
        if value is not None and web_url(value) is None:
            raise UsageError(f"the feed's {name} must be an http(s) URL, not {value!r}")
    pairs = (items.sites_and_languages() if isinstance(items, SpilledItems)
             else [(a.site, a.language) for a in items])
    sites: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    for site, language in pairs:
        if site:
            sites[site] += 1
        if language:
            languages[language] += 1
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
    language = languages.most_common(1)[0][0] if languages else "id"
    title, description, language = safe_text(title), safe_text(description), safe_text(language)
    return Feed(items=items, title=title, link=link, description=description,
                language=language, base_url=base_url, hub=hub)


def _site_title(site: str) -> str:
    known = {"kompas.com": "Kompas.com"}
    bare = site.removeprefix("www.")
    return known.get(bare, bare)
