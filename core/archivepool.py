"""Parsing the pages of web archives on several cores.

An archive is one input holding many pages, so it cannot be handed to a worker whole (its
outcomes would all come back at once, and memory would grow with the archive). Instead this
process reads the records as a stream (:func:`warta.warc.read_archive`: cheap, tens of
microseconds a record) and hands each page's Document to a pool of forked workers, which
parse them, :data:`CHUNK` at a time; the outcomes come back in record order, the same as with
one process. At most :data:`WINDOW` chunks per worker are in flight, so memory stays flat
however large the archive.
Other inputs of the same run (files) are read and parsed by the workers, in their place.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .errors import WartaError
from .reading.warc import read_archive
from .workers import (
    MAX_AUTO_JOBS,
    _env_jobs,
    can_fork,
    parse_one,
    portable,
    start_worker,
    usable_cores,
    worker_job,
)

if TYPE_CHECKING:
    from .engine import Engine, Outcome
    from .reading.document import Document
    from .reading.inputs import Input

#: Pages handed to a worker at a time (fewer round trips) ...
CHUNK = 16
#: ... and chunks per worker handed out and not yet taken back.
WINDOW = 4


def archive_jobs(jobs: int | None, inputs: Sequence[Input]) -> int:
    """How many processes parse a run that holds a web archive: ``jobs`` when given (or
    ``WARTA_JOBS``), else one per usable core (at most ``MAX_AUTO_JOBS``) in a process that
    runs no other thread (an archive is a long run); 1 without an archive or without fork."""
    if not any(item.is_archive for item in inputs) or not can_fork() or any(i.is_stdin for i in inputs):
        return 1
    if jobs is None:
        jobs = _env_jobs()
    if jobs is None:
        return 1 if threading.active_count() > 1 else min(usable_cores(), MAX_AUTO_JOBS)
    return max(1, jobs)


def run_archives(engine: Engine, inputs: Sequence[Input], jobs: int, *, url: str | None,
                 parser: str | None, urls: dict[str, str] | None,
                 outcome: Callable[..., Outcome]) -> Iterator[Outcome]:
    """The outcomes of ``engine.run`` over ``inputs`` (archives among them), parsed by ``jobs``
    forked workers; the pool is forked here, before the caller iterates."""
    context = multiprocessing.get_context("fork")
    pool = context.Pool(jobs, initializer=start_worker, initargs=(engine, url, parser, urls))
    return _outcomes(pool, engine, inputs, jobs * WINDOW, parser, outcome)  # window in chunks


def _outcomes(pool: Any, engine: Engine, inputs: Sequence[Input], window: int, parser: str | None,
              outcome: Callable[..., Outcome]) -> Iterator[Outcome]:
    # Each waiting entry is a list of outcomes, or a worker's pending list of outcomes.
    waiting: deque[Any] = deque()
    pages: list[Document] = []

    def hand_out() -> None:
        if pages:
            waiting.append(pool.apply_async(_parse_pages, (list(pages),)))
            pages.clear()

    try:
        for item in inputs:
            if not item.is_archive:
                hand_out()
                waiting.append(pool.apply_async(_parse_input, (item,)))
            else:
                try:
                    for entry in read_archive(item.path, hosts=engine.hosts):
                        if entry.skipped:
                            engine.skipped[entry.skipped] += 1
                            continue
                        if entry.doc is None:
                            hand_out()
                            waiting.append([outcome(entry.path, [], entry.error)])
                        else:
                            pages.append(entry.doc)
                            if len(pages) >= CHUNK:
                                hand_out()
                        while len(waiting) >= window:
                            yield from _taken(waiting.popleft())
                except WartaError as exc:
                    hand_out()
                    exc.path = exc.path or item.path
                    waiting.append([outcome(item.path, [], exc)])
            while len(waiting) >= window:
                yield from _taken(waiting.popleft())
        hand_out()
        while waiting:
            yield from _taken(waiting.popleft())
        pool.close()
    finally:
        # Also on an early stop (an error downstream, Ctrl-C): no worker is left behind.
        pool.terminate()
        pool.join()


def _taken(pending: Any) -> list[Outcome]:
    return pending.get() if hasattr(pending, "get") else pending


def _parse_input(item: Input) -> list[Outcome]:
    return [parse_one(item)]


def _parse_pages(docs: list[Document]) -> list[Outcome]:
    engine, _url, parser, _urls = worker_job()
    return [portable(engine.parse_page(doc, parser)) for doc in docs]


__all__ = ["WINDOW", "archive_jobs", "run_archives"]
