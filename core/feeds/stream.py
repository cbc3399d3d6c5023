"""Writing a feed item by item, so memory stays flat however many items it has.

A writer may offer ``stream(feed)``, which returns an :class:`ItemStream`: the file's bytes
before the items (``head()``), each item's bytes (``item(article)``, ``b""`` for an item it
leaves out, recorded with :meth:`warta.feeds.feed.Feed.drop`) and the bytes after them
(``tail()``). :func:`warta.feeds.publish.publish` gives every streaming writer each item in
turn, so an item is loaded, and its HTML rendered, once for all the formats, and no file is
ever held whole. A writer with only ``render(feed) -> bytes`` still works (its file is held
in memory while it is written). The built-in writers' ``render`` is :func:`render_streamed`.
"""

from __future__ import annotations

from typing import Any, Protocol

from ..model import Article


class ItemStream(Protocol):
    """One file being written; see the module docstring."""

    def head(self) -> bytes: ...

    def item(self, article: Article) -> bytes: ...

    def tail(self) -> bytes: ...


def render_streamed(writer: Any, feed: Any) -> bytes:
    """The whole file of a streaming ``writer`` for ``feed``, as bytes (the ``render`` of a
    writer that has ``stream``)."""
    stream = writer.stream(feed)
    parts = [stream.head()]
    parts.extend(stream.item(article) for article in feed.items)
    parts.append(stream.tail())
    return b"".join(parts)


__all__ = ["ItemStream", "render_streamed"]
