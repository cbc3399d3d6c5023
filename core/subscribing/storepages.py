"""Adding pages to the store from the command line (``warta add``, and a configured feed's
inputs in ``warta build``): one error per failed input, a file recorded only when it went
in whole.

``engine`` is taken from :mod:`warta.cli` when a function runs (cli imports the store
commands at its end), so this module can be imported on its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import WartaError
from ..parsing.identity import give_content_ids, with_id_hint
from ..reading.loaders import Input
from .revision import PutResult
from .store import Store, parse_with
from ..reading.urlmap import url_for, without_map
from ..reading.records import is_dataset
from ..reading.warc import archive_pages
from .storerecords import add_records


def add_pages(db: Store, feed: str, inputs: list[str], *, hint: str, url: str | None = None,
              url_map: dict[str, str] | None = None, map_file: Path | None = None,
              parser: str | None = None, parsers: tuple[str, ...] | list[str] = (),
              skip_seen: bool = False, content_ids: bool = False, reader: Any = None) -> PutResult:
    """Parse ``inputs`` and store their articles in ``feed``; one error per failed input.

    A file is recorded as added only when every article it holds went in, so a page that
    failed is read again, and its failure reported again, by every later ``warta build``
    until it is fixed (``skip_seen`` skips only the files that went in whole). The URL map
    file is never read as a page; ``hint`` (see :data:`warta.identity.ID_HINTS`) says what
    gives an id to a page that has none, where this command runs. ``reader`` is the engine
    that reads web archives (:meth:`warta.engine.Engine.reading`: ``--only-hosts``, and the
    records skipped counted); each page of an archive goes in on its own. A Parquet dataset
    of records (``warta convert -f parquet``) goes in record by record, not parsed.
    """
    from ..cliapp import engine

    reader = reader or engine().reading()
    datasets = [name for name in dict.fromkeys(inputs) if name != "-" and is_dataset(name)]
    items, missing = engine().plan([name for name in inputs if name not in datasets], url=url,
                                   parsers=[parser] if parser else parsers)
    items = without_map(items, map_file)
    result = PutResult(failed=list(missing))
    fresh: set[str] = set()
    for name in datasets:
        try:
            result.merge(add_records(db, feed, name, content_ids=content_ids, fresh=fresh))
        except WartaError as exc:
            result.failed.append(exc)
    for item in items:
        if item.is_archive:
            result.merge(add_archive(db, feed, item, reader, parser=parser, parsers=parsers,
                                     content_ids=content_ids, fresh=fresh))
            continue
        try:
            result.merge(add_one(db, feed, item, url=url or url_for(url_map, item.path),
                                 parser=parser, parsers=parsers, skip_seen=skip_seen,
                                 content_ids=content_ids, fresh=fresh))
        except WartaError as exc:
            if exc.path is None:
                exc.path = item.path
            result.failed.append(exc)
    for error in result.failed:
        with_id_hint(error, hint)
    return result


def add_archive(db: Store, feed: str, item: Input, reader: Any, *, parser: str | None,
                parsers: tuple[str, ...] | list[str], content_ids: bool, fresh: set[str]) -> PutResult:
    """Store the articles of each page of a web archive; one error per record that failed."""
    result = PutResult()
    try:
        for entry in archive_pages(item.path, reader):
            try:
                if entry.doc is None:
                    raise entry.error or WartaError("cannot be read")
                articles = parse_with(reader, entry.doc, parser=parser, parsers=parsers)
            except WartaError as exc:
                exc.path = exc.path or entry.path
                result.failed.append(exc)
                continue
            if content_ids:
                give_content_ids(articles)
            result.merge(db.put(feed, articles, fresh=fresh))  # refusals land in failed
    except WartaError as exc:  # the archive itself cannot be opened
        exc.path = exc.path or item.path
        result.failed.append(exc)
    return result


def add_one(db: Store, feed: str, item: Input, *, url: str | None, parser: str | None,
            parsers: tuple[str, ...] | list[str], skip_seen: bool, content_ids: bool,
            fresh: set[str]) -> PutResult:
    """Parse one input with the command line's engine and store it (see
    :meth:`Store.add_file`: the file is recorded only when none of its articles was refused)."""
    from ..cliapp import engine

    return db.add_file(feed, item, engine=engine(), url=url, parser=parser, parsers=parsers,
                       skip_seen=skip_seen, fresh=fresh, content_ids=content_ids)
