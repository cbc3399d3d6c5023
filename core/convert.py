"""``convert``: inputs in, feed files out — the job behind ``warta convert``.

Memory stays flat however many inputs there are: articles are parsed one input at a time,
the feed keeps only its newest ``limit`` items, and JSON Lines are streamed to a temporary
file that replaces ``articles.jsonl`` at the end. The format ``parquet`` streams every
record to a Parquet dataset (:mod:`warta.feeds.parquet`) the same way, and such a dataset
named as an input is read back record by record, not parsed (:mod:`warta.reading.records`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .engine import Engine, Outcome, default_engine
from .errors import UsageError, WartaError, display_path
from .feeds.feed import DEFAULT_LIMIT, Feed, FeedCollector
from .feeds.parquet import DATASET_NAME, ParquetDataset
from .feeds.spill import SeenSet, SpillFailed
from .parsing.identity import give_content_ids, web_url, with_id_hint
from .feeds.jsonfeed import line
from .model import Article
from .feeds.output import AtomicFile
from .feeds.publish import DEFAULT_FORMATS, choose_writers, publish
from .reading.loaders import Input
from .reading.records import Dataset, is_dataset
from .reading.urlmap import read_url_map, without_map

#: The output format that is a folder of records, not a feed file (see :mod:`warta.feeds.parquet`).
PARQUET = "parquet"


def check_web_url(value: str | None, option: str) -> None:
    """UsageError (exit status 2) unless ``value`` is None or an http(s) URL with a host:
    ``--url``, ``--link``, ``--base-url`` and ``--hub`` end up in feeds and ids."""
    if value is not None and web_url(value) is None:
        raise UsageError(f"{option} must be an http(s) URL such as https://example.org/, "
                         f"not {value!r}")


def check_hub(hub: str | None, base_url: str | None) -> None:
    """UsageError unless a WebSub hub comes with the feed's own URL (convert and build alike:
    a hub is told which URL changed, and subscribers need the self link it names)."""
    if hub and not base_url:
        raise UsageError("--hub needs --base-url (the hub must be told the feed's own URL)")


@dataclass(slots=True)
class ConvertResult:
    """What a conversion did: counts, the files written and the errors.

    ``inputs`` is every input named (names that matched no file included; a web archive
    counts each page it holds, a record dataset each record) and always ``converted + failed``; ``articles`` are the articles read from the converted inputs
    (a page may hold several, so it may exceed ``converted``); ``refused`` counts articles
    of converted inputs that could not go in; ``other`` counts errors tied to no input (a bad
    line of the URL map, an item a writer left out of its file).
    """

    inputs: int = 0
    converted: int = 0
    failed: int = 0
    articles: int = 0
    refused: int = 0
    other: int = 0
    duplicates: int = 0
    undated: int = 0
    written: list[Path] = field(default_factory=list)
    errors: list[WartaError] = field(default_factory=list)
    #: The feed written; with no limit its items are read from a temporary database that
    #: lasts as long as the feed (or until ``feed.close()``).
    feed: Feed | None = None

    def summary(self) -> str:
        text = f"{self.inputs} input(s): {self.converted} converted, {self.failed} failed"
        parts = [f"{self.articles} article(s)"
                 + (" (a page may hold several)" if self.articles > self.converted else "")]
        if self.refused:
            parts.append(f"{self.refused} more refused")
        if self.duplicates:
            parts.append(f"{self.duplicates} duplicate(s) merged")
        if self.undated:
            parts.append(f"{self.undated} without a date")
        if self.other:
            parts.append(f"{self.other} other error(s)")
        text += "; " + ", ".join(parts)
        if self.written:
            text += "; wrote " + ", ".join(display_path(str(p)) for p in self.written)
        return text


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
    scheduler: str | None = None,
    content_ids: bool = False,
    engine: Engine | None = None,
    on_error: Callable[[WartaError], None] | None = None,
    progress: Callable[[Iterator[Outcome], int], Iterator[Outcome]] | None = None,
) -> ConvertResult:
    """Parse every input and write the feeds into ``output``.

    ``url`` is the address of a single input; ``urls`` names a URL map file giving the
    addresses of many (see :mod:`warta.urlmap`). A failing input is reported through ``on_error`` (and kept in the result) while the
    others still convert. ``jobs`` is how many processes parse (``None``: one per core when
    there are many inputs; the feeds are the same bytes either way); ``scheduler`` the address
    of a Dask scheduler to parse on instead (None: ``WARTA_SCHEDULER``; see
    :mod:`warta.distributed`). ``content_ids`` gives
    an article with no URL and no title with a date an id from its text
    (:func:`warta.identity.content_id`; an edited page then becomes a new item). A URL map
    inside an input folder is not read as a page. Raises WartaError when nothing at all could
    be read: then no file is written and any earlier feed stays as it was.
    """
    engine = engine or default_engine()
    formats = list(formats)
    to_parquet = PARQUET in formats
    writers = choose_writers([f for f in formats if f != PARQUET], engine, also=[PARQUET])
    # JSON Lines holds every article, not the feed's newest: it is streamed, not rendered.
    streamed = engine.writers.get("jsonl")
    stream_lines = streamed in writers
    writers = [w for w in writers if w is not streamed]
    for value, option in ((url, "--url"), (link, "--link"), (base_url, "--base-url"), (hub, "--hub")):
        check_web_url(value, option)
    check_hub(hub, base_url)
    map_errors: list[WartaError] = []
    url_map = read_url_map(urls, errors=map_errors) if urls else None
    named = list(inputs)
    datasets = [Input(name) for name in dict.fromkeys(named) if name != "-" and is_dataset(name)]
    items, missing = engine.plan([name for name in named if name == "-" or not is_dataset(name)],
                                 url=url, parsers=[parser] if parser else [])
    pages = without_map(items, urls)
    items = pages + datasets
    hint = "one" if len(items) + len(missing) == 1 else "many"
    result = ConvertResult(inputs=len(items) + len(missing), failed=len(missing),
                           other=len(map_errors))

    def fail(error: WartaError) -> None:
        result.errors.append(with_id_hint(error, hint))
        if on_error:
            on_error(error)

    for error in (*map_errors, *missing):
        fail(error)
    if not items:
        raise WartaError("no input to convert; nothing written")
    out = Path(output)
    collector = FeedCollector(limit)
    lines = _JsonLines(out) if stream_lines else None
    dataset = None
    try:
        dataset = ParquetDataset(out / DATASET_NAME) if to_parquet else None
        outcomes = _chain(engine.run(pages, url=url, parser=parser, urls=url_map, jobs=jobs,
                                     scheduler=scheduler),
                          _records(datasets, result, fail))
        if progress:
            outcomes = progress(outcomes, len(items))
        for outcome in outcomes:
            error = outcome.error
            taken = refused = 0
            for article in outcome.articles:
                if content_ids:
                    give_content_ids([article])
                try:
                    collector.add(article)
                except SpillFailed:
                    raise  # not this article's fault: the run cannot go on
                except WartaError as exc:
                    error = error or exc
                    refused += 1
                    continue
                taken += 1
                if lines:
                    lines.add(article, fail)
                if dataset:
                    dataset.add(article)
            if taken:
                result.converted += 1
                result.refused += refused
            else:
                result.failed += 1
            if error:
                fail(error)
        result.inputs = result.converted + result.failed  # an archive counts each page it holds
        if not collector.total:
            raise WartaError("no article could be read from the inputs; nothing written")
        feed = engine.build_feed(collector, title=title, link=link, description=description,
                                 base_url=base_url, hub=hub)
        # articles.jsonl goes in with the feeds, as one set: all replaced, or none.
        staged = ([lines.file] if lines else []) + ([dataset] if dataset else [])
        published = publish(feed, out, writers, staged=staged)
        for error in feed.errors:
            result.other += 1
            fail(error)
        result.written.extend(published.paths)
        if lines:
            result.written.append(lines.commit())
            result.other += lines.left_out
        if dataset:
            result.written.append(dataset.commit())
    except BaseException:
        if lines:
            lines.discard()
        if dataset:
            dataset.discard()
        raise
    result.articles = collector.total
    result.duplicates = collector.duplicates
    result.undated = feed.undated()
    result.feed = feed
    return result


def _chain(*runs: Iterator[Outcome]) -> Iterator[Outcome]:
    for run in runs:
        yield from run


def _records(items: list[Input], result: ConvertResult,
             fail: Callable[[WartaError], None]) -> Iterator[Outcome]:
    """One Outcome per dataset input, its articles read lazily (a batch at a time); a file of
    it that cannot be read is reported and counted with ``other``."""
    def broken(error: WartaError) -> None:
        result.other += 1
        fail(error)

    for item in items:
        try:
            dataset = Dataset(item.path)
        except WartaError as exc:
            exc.path = exc.path or item.path  # pyarrow missing names no path of its own
            yield Outcome(item.path, [], exc)
            continue
        yield Outcome(item.path, dataset.articles(broken))  # type: ignore[arg-type]


class _JsonLines:
    """Streams every article (not only the feed's newest) to ``articles.jsonl``, atomically
    (a write that fails removes the temporary file and leaves the old one in place)."""

    def __init__(self, folder: Path) -> None:
        self.file = AtomicFile(folder / "articles.jsonl")
        self.seen = SeenSet()  # every id written, in flat memory
        self.left_out = 0  # records that could not be written as JSON

    def add(self, article: Article, fail: Callable[[WartaError], None]) -> None:
        """Append ``article``'s record; one that cannot be written as JSON is left out and
        reported through ``fail`` (a write error of the file itself raises)."""
        if not self.seen.add(article.id or ""):
            return
        try:
            record = line(article)
        except Exception as exc:  # noqa: BLE001 - one bad record must not lose the file
            reason = " ".join(str(exc).split())[:300] or type(exc).__name__
            self.left_out += 1
            fail(WartaError(f"{article.id}: left out of articles.jsonl: {reason}",
                            path=article.input))
            return
        self.file.write(record)

    def commit(self) -> Path:
        return self.file.commit()

    def discard(self) -> None:
        self.file.discard()


__all__ = ["ConvertResult", "check_hub", "check_web_url", "convert"]
