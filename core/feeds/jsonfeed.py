"""JSON Feed 1.1 and JSON Lines writers.

Both write U+2028, U+2029 and U+0085 as ``\\u2028``, ``\\u2029``, ``\\u0085``: JSON allows them
raw inside strings, but tools that split lines on them (Python's ``str.splitlines``, older
JavaScript) would cut a JSON Lines row or a string in two.
"""

from __future__ import annotations

import json
from typing import Any

from .feed import Feed, display_title
from ..model import Article, utf8

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"

#: Characters some tools read as line breaks, written escaped (see the module docstring).
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"}


def dumps(value: Any, **options: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, ...)`` with :data:`_LINE_BREAKS` escaped
    (they can only stand inside strings, where the escape reads back the same)."""
    text = json.dumps(value, ensure_ascii=False, **options)
    if not text.isascii():
        for raw, escaped in _LINE_BREAKS.items():
            if raw in text:
                text = text.replace(raw, escaped)
    return text


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


class JsonFeedWriter:
    """JSON Feed 1.1; what it has no field for (roles, dateline, source, related) goes in
    the ``_warta`` extension object of each item."""

    filename = "feed.json"
    media_type = "application/feed+json"

    def render(self, feed: Feed) -> bytes:
        built = self.items(feed)
        document = _drop_empty(
            {
                "version": JSON_FEED_VERSION,
                "title": feed.title,
                "home_page_url": feed.link,
                "feed_url": feed.self_url(self.filename),
                "description": feed.description,
                "language": feed.language,
                "hubs": [{"type": "WebSub", "url": feed.hub}] if feed.hub else None,
                "authors": [{"name": feed.title}],
                "items": [item for _, item in built],
            }
        )
        document.setdefault("items", [])
        try:
            text = dumps(document, indent=2)
        except (TypeError, ValueError):  # an item holds what JSON cannot: find it, leave it out
            kept = []
            for article, item in built:
                try:
                    json.dumps(item, ensure_ascii=False)
                except (TypeError, ValueError) as exc:
                    feed.drop(article, self.filename, exc)
                    continue
                kept.append(item)
            document["items"] = kept
            text = dumps(document, indent=2)
        return utf8(text + "\n")

    def items(self, feed: Feed) -> list[tuple[Article, dict[str, Any]]]:
        """(article, item) of each item; one that cannot be built is left out
        (see :meth:`Feed.drop`)."""
        built = []
        for article in feed.items:
            try:
                built.append((article, self.item(article, feed.content_html(article))))
            except Exception as exc:  # noqa: BLE001 - one bad item must not lose the feed
                feed.drop(article, self.filename, exc)
        return built

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


class JsonLinesWriter:
    """One Article record (the ``warta parse`` format) per line, for data work."""

    filename = "articles.jsonl"
    media_type = "application/jsonl"

    def render(self, feed: Feed) -> bytes:
        lines = []
        for article in feed.items:
            try:
                lines.append(line(article))
            except Exception as exc:  # noqa: BLE001 - one bad item must not lose the file
                feed.drop(article, self.filename, exc)
        return b"".join(lines)


def line(article: Article) -> bytes:
    """The record of ``article`` as one JSON line (a lone surrogate written as U+FFFD)."""
    return utf8(dumps(article.to_dict(), separators=(",", ":")) + "\n")
