"""The Python API's feed functions, :func:`build_feed` and :func:`write_feed`: the plain
functions of :mod:`warta.feed` and :mod:`warta.publish` with the installed plugins' engine
(``prepare_feed`` hooks, plugin writers) when no engine is given. They live above the engine
so that the feed modules never import it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .engine import default_engine
from .feeds.feed import DEFAULT_LIMIT, Feed, FeedCollector
from .model import Article
from .feeds.publish import DEFAULT_FORMATS, choose_writers, publish


def build_feed(articles: Iterable[Article], *, limit: int | None = DEFAULT_LIMIT,
               engine: Any | None = None, **options: str | None) -> Feed:
    """Sort, de-duplicate and limit ``articles`` into a Feed (the Python API's entry point),
    then let the plugins' ``prepare_feed`` change it.

    ``options`` are ``title``, ``link``, ``description``, ``base_url`` and ``hub``.
    """
    collector = FeedCollector(limit)
    for article in articles:
        collector.add(article)
    return (engine or default_engine()).build_feed(collector, **options)


def write_feed(feed: Feed, folder: str | os.PathLike[str] = "feeds", *,
               formats: Iterable[str] = DEFAULT_FORMATS, engine: Any | None = None) -> list[Path]:
    """Render ``feed`` in each format and write it into ``folder``; return the paths.

    The files are replaced as one set (all or, on a full disk, none); a file whose bytes
    would not change is left alone.
    """
    return publish(feed, folder, choose_writers(formats, engine or default_engine())).paths


__all__ = ["build_feed", "write_feed"]
