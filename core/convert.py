"""``convert``: inputs in, feed files out — the job behind ``warta convert``.

Memory stays flat however many inputs there are: articles are parsed one input at a time,
the feed keeps only its newest ``limit`` items, and JSON Lines are streamed to a temporary
file that replaces ``articles.jsonl`` at the end.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .engine import Engine, Outcome, default_engine
from .errors import UsageError, WartaError, display_path
from .feed import DEFAULT_LIMIT, Feed, FeedCollector
from .identity import web_url
from .jsonfeed import line
from .model import Article
from .output import AtomicFile
from .publish import DEFAULT_FORMATS, choose_writers, render, write_rendered
from .urlmap import read_url_map


def check_web_url(value: str | None, option: str) -> None:
    """UsageError (exit status 2) unless ``value`` is None or an http(s) URL with a host:
    ``--url``, ``--link``, ``--base-url`` and ``--hub`` end up in feeds and ids."""
    if value is not None and web_url(value) is None:
        raise UsageError(f"{option} must be an http(s) URL such as https://example.org/, "
                         f"not {value!r}")


@dataclass(slots=True)
class ConvertResult:
    """What a conversion did: counts, the files written and the per-input errors."""

    inputs: int = 0
    articles: int = 0
    duplicates: int = 0
    undated: int = 0
    written: list[Path] = field(default_factory=list)
    errors: list[WartaError] = field(default_factory=list)
    feed: Feed | None = None

    def summary(self) -> str:
        parts = [f"{self.articles} article(s) from {self.inputs} input(s)"]
        if self.errors:
            parts.append(f"{len(self.errors)} failed")
        if self.duplicates:
            parts.append(f"{self.duplicates} duplicate(s) merged")
        if self.undated:
            parts.append(f"{self.undated} without a date")
        return ", ".join(parts) + "; wrote " + ", ".join(display_path(str(p)) for p in self.written)


def convert(
    inputs: Iterable[str],
    output: str | os.PathLike[str] = "feeds",
    *,
    formats: Iterable[str] = DEFAULT_FORMATS,
    url: str | None = None,
    urls: str | os.PathLike[str] | None = None,
    parser: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    title: str | None = None,
    link: str | None = None,
    description: str | None = None,
    base_url: str | None = None,
    hub: str | None = None,
    jobs: int | None = None,
    engine: Engine | None = None,
    on_error: Callable[[WartaError], None] | None = None,
    progress: Callable[[Iterator[Outcome], int], Iterator[Outcome]] | None = None,
) -> ConvertResult:
    """Parse every input and write the feeds into ``output``.

    ``url`` is the address of a single input; ``urls`` names a URL map file giving the
    addresses of many (see :mod:`warta.urlmap`). A failing input is reported through ``on_error`` (and kept in the result) while the
    others still convert. ``jobs`` is how many processes parse (``None``: one per core when
    there are many inputs; the feeds are the same bytes either way). Raises WartaError when nothing at all could be read: then no file
    is written and any earlier feed stays as it was.
    """
    engine = engine or default_engine()
    writers = choose_writers(formats, engine)
    # JSON Lines holds every article, not the feed's newest: it is streamed, not rendered.
    streamed = engine.writers.get("jsonl")
    stream_lines = streamed in writers
    writers = [w for w in writers if w is not streamed]
    for value, option in ((url, "--url"), (link, "--link"), (base_url, "--base-url"), (hub, "--hub")):
        check_web_url(value, option)
    map_errors: list[WartaError] = []
    url_map = read_url_map(urls, errors=map_errors) if urls else None
    items, errors = engine.plan(inputs, url=url, parsers=[parser] if parser else [])
    errors = map_errors + list(errors)
    result = ConvertResult(inputs=len(items))

    def fail(error: WartaError) -> None:
        result.errors.append(error)
        if on_error:
            on_error(error)

    for error in errors:
        fail(error)
    if not items:
        raise WartaError("no input to convert; nothing written")
    out = Path(output)
    collector = FeedCollector(limit)
    lines = _JsonLines(out) if stream_lines else None
    try:
        outcomes = engine.run(items, url=url, parser=parser, urls=url_map, jobs=jobs)
        if progress:
            outcomes = progress(outcomes, len(items))
        for outcome in outcomes:
            error = outcome.error
            for article in outcome.articles:
                try:
                    collector.add(article)
                except WartaError as exc:
                    error = error or exc
                    continue
                if lines:
                    lines.add(article)
            if error:
                fail(error)
        if not collector.total:
            raise WartaError("no article could be read from the inputs; nothing written")
        feed = engine.build_feed(collector, title=title, link=link, description=description,
                                 base_url=base_url, hub=hub)
        rendered = render(feed, out, writers)
        for error in feed.errors:
            fail(error)
        write_rendered(rendered)
        result.written.extend(path for path, _ in rendered)
        if lines:
            result.written.append(lines.commit())
    except BaseException:
        if lines:
            lines.discard()
        raise
    result.articles = collector.total
    result.duplicates = collector.duplicates
    result.undated = sum(1 for a in feed.items if not (a.published or a.updated))
    result.feed = feed
    return result


class _JsonLines:
    """Streams every article (not only the feed's newest) to ``articles.jsonl``, atomically
    (a write that fails removes the temporary file and leaves the old one in place)."""

    def __init__(self, folder: Path) -> None:
        self.file = AtomicFile(folder / "articles.jsonl")
        self.seen: set[str] = set()

    def add(self, article: Article) -> None:
        if article.id in self.seen:
            return
        self.seen.add(article.id or "")
        self.file.write(line(article))

    def commit(self) -> Path:
        return self.file.commit()

    def discard(self) -> None:
        self.file.discard()


__all__ = ["ConvertResult", "convert"]
