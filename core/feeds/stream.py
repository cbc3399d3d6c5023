"""Writing a feed item by item, so memory stays flat however many items it has.

A writer may offer ``stream(feed)``, which returns an :class:`ItemStream`: the file's bytes
before the items (``head()``), each item's bytes (``item(article)``, ``b""`` for an item it
leaves out, recorded with :meth:`warta.feeds.feed.Feed.drop`) and the bytes after them
(``tail()``). :func:`warta.feeds.publish.publish` gives every streaming writer each item in
turn, so an item is loaded, and its HTML rendered, once for all the formats, and no file is
ever held whole. A writer with only ``render(feed) -> bytes`` still works (its file is held
in memory while it is written). The built-in writers are :class:`StreamingWriter` s, their
streams :class:`Stream` s.
"""

from __future__ import annotations

from typing import Any, Protocol

from ..model import Article


class ItemStream(Protocol):
    """One file being written; see the module docstring."""

    def head(self) -> bytes: ...

    def item(self, article: Article) -> bytes: ...

    def tail(self) -> bytes: ...


class Stream:
    """An :class:`ItemStream` whose :meth:`item` leaves out an item that raises (recorded with
    :meth:`Feed.drop <warta.feeds.feed.Feed.drop>`, one bad item never loses the file):
    subclasses write :meth:`render_item`, and a head and tail where they have one."""

    def __init__(self, feed: Any, filename: str) -> None:
        self.feed, self.filename = feed, filename

    def head(self) -> bytes:
        return b""

    def item(self, article: Article) -> bytes:
        try:
            return self.render_item(article)
        except Exception as exc:  # noqa: BLE001 - one bad item must not lose the file
            self.feed.drop(article, self.filename, exc)
            return b""

    def render_item(self, article: Article) -> bytes:
        raise NotImplementedError

    def tail(self) -> bytes:
        return b""


class StreamingWriter:
    """Base of the built-in writers: ``stream(feed)`` gives an :class:`ItemStream`, and
    ``render(feed)`` is that stream's bytes joined (the whole file, for callers that want it
    at once)."""

    filename: str
    media_type: str

    def stream(self, feed: Any) -> ItemStream:
        raise NotImplementedError

    def render(self, feed: Any) -> bytes:
        stream = self.stream(feed)
        parts = [stream.head()]
        parts.extend(stream.item(article) for article in feed.items)
        parts.append(stream.tail())
        return b"".join(parts)


__all__ = ["ItemStream", "Stream", "StreamingWriter"]
