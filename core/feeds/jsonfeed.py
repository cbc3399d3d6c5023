"""JSON Feed 1.1 and JSON Lines writers.

Both write U+2028, U+2029 and U+0085 as ``\\u2028``, ``\\u2029``, ``\\u0085``: JSON allows them
raw inside strings, but tools that split lines on them (Python's ``str.splitlines``, older
JavaScript) would cut a JSON Lines row or a string in two.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _encode_string  # json's own (C) string encoder
from typing import Any

from .feed import Feed, display_title
from .stream import Stream, StreamingWriter
from ..model import Article, utf8

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"

#: Characters some tools read as line breaks, written escaped (see the module docstring).
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"}


def dumps(value: Any, **options: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, ...)`` with :data:`_LINE_BREAKS` escaped
    (they can only stand inside strings, where the escape reads back the same)."""
    return _escape_breaks(json.dumps(value, ensure_ascii=False, **options))


def _escape_breaks(text: str) -> str:
    if not text.isascii():
        for raw, escaped in _LINE_BREAKS.items():
            if raw in text:
                text = text.replace(raw, escaped)
    return text


def indented(value: Any, indent: str = "", step: str = "  ") -> str:
    """Exactly ``json.dumps(value, ensure_ascii=False, indent=len(step))`` with every line
    after the first starting with ``indent`` (as where the value stands in a larger
    document), four times faster: json's indenting encoder is pure Python, this joins
    strings encoded by its C string encoder. Raises TypeError for what JSON cannot hold."""
    if isinstance(value, str):
        return _encode_string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    inner = indent + step
    if isinstance(value, dict):
        if not value:
            return "{}"
        parts = [f"{inner}{_encode_string(key if isinstance(key, str) else json.dumps(key))}: "
                 f"{indented(item, inner, step)}" for key, item in value.items()]
        return "{\n" + ",\n".join(parts) + "\n" + indent + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + indented(item, inner, step) for item in value) + "\n" + indent + "]"
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


class JsonFeedWriter(StreamingWriter):
    """JSON Feed 1.1; what it has no field for (roles, dateline, source, related) goes in
    the ``_warta`` extension object of each item."""

    filename = "feed.json"
    media_type = "application/feed+json"

    def stream(self, feed: Feed) -> _JsonFeedStream:
        return _JsonFeedStream(self, feed)

    @staticmethod
    def item(article: Article, content_html: str) -> dict[str, Any]:
        """The JSON Feed item of ``article``, with its rendered ``content_html``.

        The title is the one RSS and Atom show (:func:`warta.feed.display_title`); how the
        title and dates are known, and when the page was captured, are in ``_warta``."""
        writers = article.credits()[0] or article.authors
        lead = next((i.url for i in article.images if i.url), None)
        tags = [t for t in ([article.section] if article.section else []) + article.tags if t]
        return _drop_empty(
            {
                "id": article.id,
                "url": article.url,
                "title": display_title(article),
                "content_html": content_html,
                "content_text": article.text or None,
                "summary": article.summary,
                "image": lead,
                "date_published": _iso(article.published),
                "date_modified": _iso(article.updated),
                "authors": [{"name": a.name} for a in writers],
                "tags": list(dict.fromkeys(tags)),
                "language": article.language,
                "_warta": _drop_empty(
                    {
                        "site": article.site,
                        "parser": article.parser,
                        "title_source": article.title_source,
                        "published_source": article.published_source,
                        "published_precision": article.published_precision,
                        "captured": _iso(article.captured),
                        "captured_source": article.captured_source,
                        "authors": [a.to_dict() for a in article.authors],
                        "section": article.section,
                        "dateline": article.dateline,
                        "source": article.source,
                        "verdict": article.verdict,
                        "related": [r.to_dict() for r in article.related],
                        "images": [i.to_dict() for i in article.images],
                    }
                ),
            }
        )


class _JsonFeedStream(Stream):
    """A JSON Feed written item by item: exactly the bytes of ``dumps(document, indent=2)``
    (each item's lines indented under ``"items"``, an empty list written ``[]``)."""

    def __init__(self, writer: JsonFeedWriter, feed: Feed) -> None:
        super().__init__(feed, writer.filename)
        self.writer = writer
        document = _drop_empty(
            {
                "version": JSON_FEED_VERSION,
                "title": feed.title,
                "home_page_url": feed.link,
                "feed_url": feed.self_url(writer.filename),
                "description": feed.description,
                "language": feed.language,
                "hubs": [{"type": "WebSub", "url": feed.hub}] if feed.hub else None,
                "authors": [{"name": feed.title}],
                "items": [_PLACE],
            }
        )
        text = dumps(document, indent=2)
        place = text.index(dumps(_PLACE))
        opening = "[\n" + _ITEM_INDENT
        self._head = utf8(text[:place - len(opening)])  # ends with '"items": '
        self._rest = text[place + len(dumps(_PLACE)) + len("\n  ]"):] + "\n"
        self._written = 0

    def head(self) -> bytes:
        return self._head

    def render_item(self, article: Article) -> bytes:
        item = self.writer.item(article, self.feed.content_html(article))
        text = _escape_breaks(indented(item, _ITEM_INDENT))
        lead = "[\n" if not self._written else ",\n"
        self._written += 1
        return utf8(lead + _ITEM_INDENT + text)

    def tail(self) -> bytes:
        return utf8(("\n  ]" if self._written else "[]") + self._rest)


#: Stands for the items in the document the head and tail are cut from.
_PLACE = "\x00warta-items\x00"
_ITEM_INDENT = "    "


class JsonLinesWriter(StreamingWriter):
    """One Article record (the ``warta parse`` format) per line, for data work."""

    filename = "articles.jsonl"
    media_type = "application/jsonl"

    def stream(self, feed: Feed) -> _LinesStream:
        return _LinesStream(feed, self.filename)


class _LinesStream(Stream):
    def render_item(self, article: Article) -> bytes:
        return line(article)


def line(article: Article) -> bytes:
    """The record of ``article`` as one JSON line (a lone surrogate written as U+FFFD)."""
    return utf8(dumps(article.to_dict(), separators=(",", ":")) + "\n")
