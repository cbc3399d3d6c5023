"""RSS 2.0 and Atom 1.0 writers (feedgen), valid for the W3C feed validator.

Both writers render the same Feed to the same bytes every time: the channel's
lastBuildDate / updated is the newest item's date, never the clock (an RSS channel whose
items have no date has no lastBuildDate).

Dates are facts of the page they are shown with. RSS ``pubDate`` is the publication date
when there is one (else the update's); an item without either has none. Atom requires an
``updated`` on every entry; see :func:`entry_updates` for what an entry without a date shows.

Plain text never reaches an element that readers show as HTML unescaped: RSS ``title`` and
``description`` carry HTML-escaped text (readers render both as HTML), ``content:encoded``
and Atom ``content type="html"`` the sanitised HTML; Atom titles and summaries are text.
An item that cannot be rendered is left out of the file (see :meth:`Feed.drop`), never the
whole feed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone


from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from .feed import Feed, display_title, shown_date
from ..model import Article, safe_text
from ..reading.textnorm import xml_safe

GENERATOR = "warta"
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _clean(text: str | None) -> str:
    return xml_safe(safe_text(text or ""))


# "&" that HTML would read as the start of a character reference ("&amp", "&#38", "&copy2").
_REFERENCE_START = re.compile(r"&(?=[A-Za-z0-9#])")


def _html_text(text: str | None) -> str:
    """Plain text for an element that readers render as HTML (RSS title and description):
    ``<`` and ``>`` escaped, and ``&`` where HTML would read a character reference, so an
    HTML reader shows exactly the text and no markup; a lone "&" (as in "Xi & Putin") stays,
    so readers that show the element as text see no "&amp;" either."""
    text = _clean(text)
    if "&" in text:
        text = _REFERENCE_START.sub("&amp;", text)
    if "<" in text or ">" in text:
        text = text.replace("<", "&lt;").replace(">", "&gt;")
    return text


def _entries(fg: FeedGenerator, feed: Feed, filename: str,
             fill: Callable[[FeedEntry, Article], None]) -> list[tuple[Article, FeedEntry]]:
    """One entry per item, each filled by ``fill``; an item that raises is left out."""
    added = []
    for article in feed.items:
        fe = fg.add_entry(order="append")
        try:
            fill(fe, article)
        except Exception as exc:  # noqa: BLE001 - one bad item must not lose the feed
            fg.remove_entry(fe)
            feed.drop(article, filename, exc)
            continue
        added.append((article, fe))
    return added


def _serialise(fg: FeedGenerator, feed: Feed, filename: str,
               entries: list[tuple[Article, FeedEntry]], write: Callable[[], bytes],
               check: Callable[[FeedEntry], object]) -> bytes:
    """``write()``; when it fails, find the entries that cannot be written (``check``), leave
    them out and write the rest (the check costs nothing when every entry is fine)."""
    try:
        return write()
    except Exception:  # noqa: BLE001
        for article, fe in entries:
            try:
                check(fe)
            except Exception as exc:  # noqa: BLE001
                fg.remove_entry(fe)
                feed.drop(article, filename, exc)
        return write()


def _categories(article: Article) -> list[str]:
    seen: list[str] = []
    for term in ([article.section] if article.section else []) + list(article.tags):
        if term and term not in seen:
            seen.append(term)
    return seen


def _generator(feed: Feed, filename: str, *, rss: bool) -> FeedGenerator:
    fg = FeedGenerator()
    if rss:
        fg.load_extension("dc", atom=False, rss=True)
    fg.title(_html_text(feed.title) if rss else _clean(feed.title))
    self_url = feed.self_url(filename)
    # feedgen takes the RSS channel <link> from the last link added: self first.
    if self_url:
        fg.link(href=self_url, rel="self", type="application/rss+xml" if rss else "application/atom+xml")
    if feed.hub:
        fg.link(href=feed.hub, rel="hub")
    fg.link(href=feed.link, rel="alternate")
    fg.language(_clean(feed.language))
    fg.generator(GENERATOR)
    return fg


#: The day an Atom entry without a date or capture time is shown on: 1 January 1970 (UTC),
#: the conventional "no date" mark, which no news page carries.
UNDATED_DAY = _EPOCH


def entry_updates(feed: Feed) -> dict[int, datetime]:
    """The ``updated`` of each Atom entry (keyed by ``id(article)``), no two the same.

    - An item's last update, else its publication (:func:`warta.feed.item_date`).
    - Without either, when the page was captured (``captured``: the crawl day or the save
      date; the record's ``captured_source`` says which): a fact about that page.
    - Without a capture time either, a second of :data:`UNDATED_DAY` (1970-01-01, UTC)
      chosen by the item's id, so it is the same on every rebuild.

    Two entries showing one ``updated`` look like one entry's versions to some readers (the
    W3C validator warns DuplicateUpdated), so a value already shown by an entry higher in
    the feed moves to the next free second. That stays within what the date says: a
    printed time is to the minute, a day-only date (00:00) to the day, and the item's
    record keeps its date unchanged.
    """
    used: set[datetime] = set()
    updates: dict[int, datetime] = {}
    for article in feed.items:
        value = shown_date(article)
        if value is None:
            digest = hashlib.sha256((article.id or "").encode("utf-8", "replace")).digest()
            value = UNDATED_DAY + timedelta(seconds=int.from_bytes(digest[:4], "big") % 86400)
        while value in used:
            value += timedelta(seconds=1)
        used.add(value)
        updates[id(article)] = value
    return updates


class RssWriter:
    """RSS 2.0 with ``content:encoded``, names in ``dc:creator`` and a self ``atom:link``."""

    filename = "feed.xml"
    media_type = "application/rss+xml"

    def render(self, feed: Feed) -> bytes:
        fg = _generator(feed, self.filename, rss=True)
        fg.description(_html_text(feed.description))
        if feed.updated:
            fg.lastBuildDate(feed.updated)
        else:  # feedgen fills a missing lastBuildDate with the clock: leave an unknown one out
            fg._FeedGenerator__rss_lastBuildDate = None  # noqa: SLF001 - it has no setter for that

        def fill(fe: FeedEntry, article: Article) -> None:
            fe.title(_html_text(display_title(article)))
            if article.url:
                fe.link(href=article.url)
            fe.guid(_clean(article.id), permalink=bool(article.url) and article.id == article.url)
            when = article.published or article.updated
            if when:
                fe.pubDate(when)
            # A description that is blank once unwritable characters go would make feedgen
            # put the content's HTML there: the summary, else the title, else display_title.
            shown = (t for t in (article.summary, article.title) if t and xml_safe(t).strip())
            fe.description(_html_text(next(shown, None) or display_title(article)))
            content = feed.content_html(article)
            if content:
                # "]]>" cannot stand in CDATA; "]]&gt;" reads the same in HTML text and attributes.
                fe.content(_clean(content).replace("]]>", "]]&gt;"), type="CDATA")
            writers, others = article.credits()
            for person in writers or others:
                fe.dc.dc_creator(_clean(person.name))
            for term in _categories(article):
                fe.category(term=_clean(term))

        entries = _entries(fg, feed, self.filename, fill)
        data = _serialise(fg, feed, self.filename, entries, lambda: fg.rss_str(pretty=True),
                          lambda fe: fe.rss_entry())
        return _with_rss_hub(data, feed.hub) if feed.hub else data


def _with_rss_hub(data: bytes, hub: str) -> bytes:
    """Add ``<atom:link rel="hub">`` to an RSS channel (feedgen's RSS keeps only rel=self)."""
    from lxml import etree

    parser = etree.XMLParser(remove_blank_text=True, strip_cdata=False, huge_tree=True)
    root = etree.fromstring(data, parser)
    channel = root.find("channel")
    link = etree.Element("{http://www.w3.org/2005/Atom}link", href=hub, rel="hub")
    selfs = channel.findall("{http://www.w3.org/2005/Atom}link")
    channel.insert(channel.index(selfs[-1]) + 1 if selfs else 0, link)
    return etree.tostring(root, pretty_print=True, encoding="UTF-8", xml_declaration=True)


class AtomWriter:
    """Atom 1.0 (RFC 4287): writers as authors, editors as contributors."""

    filename = "feed.atom"
    media_type = "application/atom+xml"

    def render(self, feed: Feed) -> bytes:
        fg = _generator(feed, self.filename, rss=False)
        fg.id(feed.self_url(self.filename) or feed.link)
        fg.subtitle(_clean(feed.description))
        updates = entry_updates(feed)
        fg.updated(max(updates.values(), default=_EPOCH))
        fg.author(name=_clean(feed.title))

        def fill(fe: FeedEntry, article: Article) -> None:
            fe.id(_clean(article.id))
            fe.title(_clean(display_title(article)))
            if article.url:
                fe.link(href=article.url, rel="alternate")
            fe.updated(updates[id(article)])
            if article.published:
                fe.published(article.published)
            writers, others = article.credits()
            for person in writers:
                fe.author(name=_clean(person.name))
            for person in others:
                fe.contributor(name=_clean(person.name))
            if article.summary:
                fe.summary(_clean(article.summary))
            content = feed.content_html(article)
            if content:
                fe.content(_clean(content), type="html")
            elif not article.url and article.summary:
                # Atom needs a link or content: the summary is the content there is.
                fe.content(_clean(article.summary), type="text")
            for term in _categories(article):
                fe.category(term=_clean(term))

        entries = _entries(fg, feed, self.filename, fill)
        return _serialise(fg, feed, self.filename, entries, lambda: fg.atom_str(pretty=True),
                          lambda fe: fe.atom_entry())
