"""The index page of ``warta serve`` (``/``): every feed folder, with autodiscovery links.

Owns :data:`FEED_FILES` (the feed files looked for), :class:`IndexPage` (the server's part
that finds the feeds under the one containment rule and keeps the page until a feed file
changes), :func:`render_index` (the HTML) and the feed titles read from JSON Feed or RSS.
"""

from __future__ import annotations

import html
import json
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from .representation import Resource, file_key, make_resource
from .servecache import MAX_FILE
from .servepaths import CONTENT_TYPES

#: The feed files the index page looks for in each folder, with their format names.
FEED_FILES = (("feed.xml", "RSS", "application/rss+xml"),
              ("feed.atom", "Atom", "application/atom+xml"),
              ("feed.json", "JSON Feed", "application/feed+json"))

FeedEntry = tuple[str, str, list[tuple[str, str, str]], float]


class IndexPage:
    """The index page: a mixin of :class:`~warta.server.FeedServer`, which gives it
    ``root``, ``contained`` (:class:`~warta.servepaths.ContainedFiles`) and ``_cache_lock``
    (:class:`~warta.servecache.FileCache`). :meth:`_init_index` sets its state."""

    root: Path
    _cache_lock: threading.Lock
    contained: Callable[[Path], Path | None]

    def _init_index(self) -> None:
        self._titles: dict[tuple, str | None] = {}
        self._index: tuple[tuple, Resource] | None = None

    def index(self) -> Resource:
        """The index page, listing every folder (and the root) that holds feed files.

        Only the folder listing and the feed files' stamps are looked at per request; titles
        and the page itself are made again only when a feed file changed.
        """
        feeds = self.find_feeds()
        key = tuple((prefix, title, tuple(files), mtime) for prefix, title, files, mtime in feeds)
        with self._cache_lock:
            if self._index is not None and self._index[0] == key:
                return self._index[1]
        body = render_index(feeds).encode("utf-8")
        mtime = max((m for *_rest, m in feeds), default=0.0)
        made = make_resource(body, mtime, CONTENT_TYPES[".html"], (0, 0, len(body), int(mtime)))
        with self._cache_lock:
            self._index = (key, made)
        return made

    def find_feeds(self) -> list[FeedEntry]:
        """``(href prefix, title, [(file, format, media type)], newest mtime)`` per feed folder."""
        found = []
        titles: dict[tuple, str | None] = {}
        try:
            names = sorted(os.listdir(self.root))
        except OSError:
            names = []
        folders = [("", self.root)] + [(name + "/", self.root / name) for name in names
                                       if not name.startswith(".")]
        for prefix, folder in folders:
            present = []
            for name, label, media in FEED_FILES:
                resolved = self.contained(folder / name)
                if resolved is None:
                    continue
                try:
                    info = resolved.stat()
                except OSError:
                    continue
                present.append((name, label, media, resolved, file_key(info), info.st_mtime))
            if not present:
                continue
            sources = {name: (resolved, stamp) for name, _l, _m, resolved, stamp, _t in present}
            title_key = (sources.get("feed.json"), sources.get("feed.xml"))
            if title_key in self._titles:
                title = self._titles[title_key]
            else:
                title = _feed_title(*(entry[0] if entry else None for entry in title_key))
            titles[title_key] = title
            files = [(name, label, media) for name, label, media, *_rest in present]
            mtime = max(entry[-1] for entry in present)
            found.append((prefix, title or prefix.rstrip("/") or "feed", files, mtime))
        self._titles = titles  # only the feeds there now are remembered
        return found


def _feed_title(feed_json: Path | None, feed_xml: Path | None) -> str | None:
    """The feed's title from its JSON Feed, else from the head of its RSS file."""
    if feed_json is not None:
        try:
            if feed_json.stat().st_size <= MAX_FILE:
                data = json.loads(feed_json.read_bytes())
                title = data.get("title")
                if isinstance(title, str) and title.strip():
                    return title
        except (OSError, ValueError, AttributeError, RecursionError):
            pass
    if feed_xml is None:
        return None
    try:
        with feed_xml.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", errors="replace")
    except OSError:
        return None
    m = re.search(r"<title>(.*?)</title>", head, re.DOTALL)
    return html.unescape(m.group(1)).strip() if m else None


def render_index(feeds: list[FeedEntry]) -> str:
    """The index page: autodiscovery links in the head, one list entry per feed."""
    head_links = []
    items = []
    for prefix, title, files, _mtime in feeds:
        safe_title = html.escape(title)
        links = []
        for filename, label, media in files:
            href = html.escape(quote(prefix + filename))
            head_links.append(f'<link rel="alternate" type="{media}" title="{safe_title} ({label})" '
                              f'href="{href}">')
            links.append(f'<a href="{href}" type="{media}">{label}</a>')
        items.append(f"<li><strong>{safe_title}</strong> &middot; {' &middot; '.join(links)}</li>")
    listing = "\n".join(items) if items else "<li>No feeds yet: run <code>warta build</code>.</li>"
    return (
        "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>warta feeds</title>\n" + "\n".join(head_links) + "\n</head>\n<body>\n"
        "<h1>warta feeds</h1>\n"
        "<p>Subscribe by copying a link into your feed reader.</p>\n"
        f"<ul>\n{listing}\n</ul>\n</body>\n</html>\n"
    )
