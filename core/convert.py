"""``convert``: inputs in, feed files out — the job behind ``warta convert``.

Memory stays flat however many inputs there are: articles are parsed one input at a time,
the feed keeps only its newest ``limit`` items, and JSON Lines are streamed to a temporary
file that replaces ``articles.jsonl`` at the end.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .engine import Engine, Outcome, default_engine
from .errors import UsageError, WartaError
from .feed import DEFAULT_LIMIT, Feed, FeedCollector
from .jsonfeed import line
from .model import Article
from .publish import DEFAULT_FORMATS, choose_writers, render, write_rendered
from .urlmap import read_url_map


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
        return ", ".join(parts) + "; wrote " + ", ".join(str(p) for p in self.written)


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
    if base_url and not base_url.startswith(("http://", "https://")):
        raise UsageError("--base-url must be an http(s) URL")
    url_map = read_url_map(urls) if urls else None
    items, errors = engine.plan(inputs, url=url, parsers=[parser] if parser else [])
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
    except BaseException:
        if lines:
            lines.discard()
        raise
    write_rendered(rendered)
    result.written.extend(path for path, _ in rendered)
    if lines:
        result.written.append(lines.commit())
    result.articles = collector.total
    result.duplicates = collector.duplicates
    result.undated = sum(1 for a in feed.items if not (a.published or a.updated))
    result.feed = feed
    return result


class _JsonLines:
    """Streams every article (not only the feed's newest) to ``articles.jsonl``, atomically."""

    def __init__(self, folder: Path) -> None:
        self.target = folder / "articles.jsonl"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, self.tmp = tempfile.mkstemp(prefix=".articles.jsonl.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise WartaError(f"cannot write: {exc.strerror or exc}", path=str(folder)) from None
        self.handle = os.fdopen(fd, "wb")
        self.seen: set[str] = set()

    def add(self, article: Article) -> None:
        if article.id in self.seen:
            return
        self.seen.add(article.id or "")
        self.handle.write(line(article))

    def commit(self) -> Path:
        self.handle.close()
        os.chmod(self.tmp, 0o644)
        os.replace(self.tmp, self.target)
        return self.target

    def discard(self) -> None:
        self.handle.close()
        try:
            os.unlink(self.tmp)
        except FileNotFoundError:
            pass


__all__ = ["ConvertResult", "convert"]
