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
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone


from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from lxml import etree

from .feed import Feed, display_title
from .spill import SeenSet, microseconds
from .stream import Stream, StreamingWriter
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


class _XmlStream(Stream):
    """One RSS or Atom file, written item by item (see :mod:`warta.feeds.stream`).

    ``fg`` holds the channel (no entries): its document, serialised once, is the head and
    the tail. Each item becomes a feedgen entry, filled by ``fill``, made into its element
    by ``element`` and serialised inside a copy of the channel's root (so it is written
    exactly as it would be within the whole document), then removed again: only one item
    is ever held. An item that raises is left out (:meth:`Feed.drop`).
    """

    def __init__(self, feed: Feed, filename: str, fg: FeedGenerator, root: etree._Element,
                 fill: Callable[[FeedEntry, Article], None], element: Callable[[FeedEntry], etree._Element],
                 closing: bytes) -> None:
        super().__init__(feed, filename)
        self.fg, self.fill, self.element = fg, fill, element
        document = _tostring(root)
        if not document.endswith(closing):  # feedgen always puts the items last
            raise ValueError(f"unexpected feed layout: {document[-40:]!r}")
        self._head, self._tail = document[:-len(closing)], closing
        self._root = root
        self._depth = 2 if root.find("channel") is not None else 1
        self._tag = b"<item" if self._depth == 2 else b"<entry"

    def head(self) -> bytes:
        return self._head

    def render_item(self, article: Article) -> bytes:
        fe = self.fg.add_entry(order="append")
        try:
            self.fill(fe, article)
            return self._serialise(self.element(fe))
        finally:
            self.fg.remove_entry(fe)

    def tail(self) -> bytes:
        return self._tail

    def _serialise(self, element: etree._Element) -> bytes:
        root = etree.Element(self._root.tag, attrib=dict(self._root.attrib), nsmap=self._root.nsmap)
        parent = etree.SubElement(root, "channel") if self._depth == 2 else root
        parent.append(element)
        text = _tostring(root)
        start = text.index(self._tag) - 2 * self._depth
        end = text.rindex(b"</" + self._tag[1:] + b">") + len(self._tag) + 3
        return text[start:end]


def _tostring(root: etree._Element) -> bytes:
    """The document of ``root`` as feedgen writes it (pretty, UTF-8, with a declaration)."""
    return etree.tostring(etree.ElementTree(root), pretty_print=True, encoding="UTF-8",
                          xml_declaration=True)


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


def entry_updates(feed: Feed) -> Iterator[tuple[str, datetime]]:
    """(id, ``updated``) of each Atom entry in feed order, no two ``updated`` the same.

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
    used = SeenSet()  # the instants shown so far, in flat memory however many
    for ident, value in feed.shown_dates():
        if value is None:
            digest = hashlib.sha256(ident.encode("utf-8", "replace")).digest()
            value = UNDATED_DAY + timedelta(seconds=int.from_bytes(digest[:4], "big") % 86400)
        while not used.add(microseconds(value)):
            value += timedelta(seconds=1)
        yield ident, value


class RssWriter(StreamingWriter):
    """RSS 2.0 with ``content:encoded``, names in ``dc:creator`` and a self ``atom:link``."""

    filename = "feed.xml"
    media_type = "application/rss+xml"

    def stream(self, feed: Feed) -> _XmlStream:
        fg = _generator(feed, self.filename, rss=True)
        fg.description(_html_text(feed.description))
        updated = feed.updated
        if updated:
            fg.lastBuildDate(updated)
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

        root, _ = fg._create_rss()  # noqa: SLF001 - the channel alone, to write items into
        if feed.hub:
            _add_rss_hub(root, feed.hub)
        return _XmlStream(feed, self.filename, fg, root, fill, lambda fe: fe.rss_entry(),
                          b"  </channel>\n</rss>\n")


def _add_rss_hub(root: etree._Element, hub: str) -> None:
    """Add ``<atom:link rel="hub">`` to an RSS channel (feedgen's RSS keeps only rel=self),
    after its self link."""
    channel = root.find("channel")
    link = etree.Element("{http://www.w3.org/2005/Atom}link", href=hub, rel="hub")
    selfs = channel.findall("{http://www.w3.org/2005/Atom}link")
    channel.insert(channel.index(selfs[-1]) + 1 if selfs else 0, link)


class AtomWriter(StreamingWriter):
    """Atom 1.0 (RFC 4287): writers as authors, editors as contributors."""

    filename = "feed.atom"
    media_type = "application/atom+xml"

    def stream(self, feed: Feed) -> _XmlStream:
        fg = _generator(feed, self.filename, rss=False)
        fg.id(feed.self_url(self.filename) or feed.link)
        fg.subtitle(_clean(feed.description))
        fg.updated(max((value for _, value in entry_updates(feed)), default=_EPOCH))
        fg.author(name=_clean(feed.title))
        updates = entry_updates(feed)  # again, in step with the items

        def fill(fe: FeedEntry, article: Article) -> None:
            ident, updated = next(updates)
            if ident != (article.id or ""):
                raise ValueError(f"the feed's items changed while it was written ({ident!r})")
            fe.id(_clean(article.id))
            fe.title(_clean(display_title(article)))
            if article.url:
                fe.link(href=article.url, rel="alternate")
            fe.updated(updated)
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

        root, _ = fg._create_atom()  # noqa: SLF001 - the feed alone, to write entries into
        return _XmlStream(feed, self.filename, fg, root, fill, lambda fe: fe.atom_entry(),
                          b"</feed>\n")
