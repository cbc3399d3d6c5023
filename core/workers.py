"""Parsing on several cores: :meth:`Engine.run` spread over worker processes.

Reading and parsing one input does not depend on any other, so a long run hands the inputs
to a pool of forked workers and takes their outcomes back *in input order*: the articles,
the errors and therefore the feeds are the same bytes as with one process. Workers are
forked from the running process, so they share its engine (and every plugin it loaded)
without pickling it; the parse hooks (``sniff``, ``parse``, ``skip_article``,
``clean_article``, ``enrich_article``) run in the workers, ``prepare_feed`` and the
writers in the main process.

Where ``fork`` is missing (Windows) or unsafe (macOS), or standard input is among the
inputs, the run stays in one process. A run holding a web archive is spread by
:mod:`warta.archivepool` instead (this process reads the records, the workers parse them).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from multiprocessing.pool import Pool
from typing import TYPE_CHECKING

from .errors import UsageError, WartaError

if TYPE_CHECKING:
    from .engine import Engine, Outcome
    from .reading.loaders import Input

#: Below this many inputs one process is quicker than starting workers.
PARALLEL_MIN = 200
#: The most workers ``jobs=None`` (automatic) starts, however many cores there are.
MAX_AUTO_JOBS = 8
#: Inputs handed to a worker at a time: at least this many (fewer round trips) ...
MIN_CHUNK = 16
#: ... and at most this many (the progress bar moves, the workers finish together).
MAX_CHUNK = 256


def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity where the system tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether worker processes can be forked safely here."""
    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def jobs_for(jobs: int | None, inputs: Sequence[Input]) -> int:
    """How many processes to parse ``inputs`` with.

    ``jobs`` is what the caller asked for: ``None`` picks one per usable core (at most
    :data:`MAX_AUTO_JOBS`) for runs of :data:`PARALLEL_MIN` inputs or more in a process that
    runs no other thread, one otherwise;
    ``1`` is one process. ``WARTA_JOBS`` in the environment stands in for ``None``.
    """
    if jobs is None:
        jobs = _env_jobs()
    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, got {jobs}")
    # A run holding a web archive is :mod:`warta.archivepool`'s (an archive is many inputs in one).
    if len(inputs) < 2 or not can_fork() or any(item.is_stdin or item.is_archive for item in inputs):
        return 1
    if jobs is None:
        if len(inputs) < PARALLEL_MIN or threading.active_count() > 1:
            # Forking a process that runs other threads may copy a lock one of them holds:
            # the automatic choice stays in one process there (an explicit --jobs still forks).
            return 1
        jobs = min(usable_cores(), MAX_AUTO_JOBS)
    return max(1, min(jobs, len(inputs)))


def _env_jobs() -> int | None:
    value = os.environ.get("WARTA_JOBS", "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise UsageError(f"WARTA_JOBS must be a whole number, 1 or more, got {value!r}")
    return int(value)


def run_parallel(engine: Engine, inputs: Sequence[Input], jobs: int, *, url: str | None,
                 parser: str | None, urls: dict[str, str] | None) -> Iterator[Outcome]:
    """The outcomes of ``engine.run`` over ``inputs``, parsed by ``jobs`` forked workers.

    The workers are forked here, before the caller iterates: a progress bar's thread started
    in between must not be running when the process forks.
    """
    context = multiprocessing.get_context("fork")
    pool = context.Pool(jobs, initializer=start_worker, initargs=(engine, url, parser, urls))
    chunk = max(MIN_CHUNK, min(MAX_CHUNK, len(inputs) // (jobs * 8)))
    return _outcomes(pool, inputs, chunk)


def _outcomes(pool: Pool, inputs: Sequence[Input], chunk: int) -> Iterator[Outcome]:
    try:
        yield from pool.imap(parse_one, inputs, chunksize=chunk)
        pool.close()
    finally:
        # Also on an early stop (an error downstream, Ctrl-C): no worker is left behind.
        pool.terminate()
        pool.join()


_job: tuple[Engine, str | None, str | None, dict[str, str] | None] | None = None


def start_worker(engine: Engine, url: str | None, parser: str | None,
                 urls: dict[str, str] | None) -> None:
    """A worker process's start: remember what every task of the run parses with (the
    process pool here and :mod:`warta.archivepool` start their workers with it)."""
    # Ctrl-C is the main process's to handle; a worker printing its own traceback is noise.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _job
    _job = (engine, url, parser, urls)


def worker_job() -> tuple[Engine, str | None, str | None, dict[str, str] | None]:
    """What :func:`start_worker` gave this worker process: engine, url, parser, URL map."""
    assert _job is not None, "worker used before it was started"
    return _job


def parse_one(item: Input) -> Outcome:
    """Parse one input in a worker process (see :func:`start_worker`), ready to pickle."""
    engine, url, parser, urls = worker_job()
    return portable(next(engine.run([item], url=url, parser=parser, urls=urls)))


def portable(outcome: Outcome) -> Outcome:
    """``outcome`` ready to be pickled to another process (in place; returns it): its error
    keeps its words and its path, not what caused it (once dask.distributed is imported, tblib
    pickles tracebacks and causes, and a RecursionError's traceback is too deep to pickle)."""
    error = outcome.error
    if error is not None and type(error) not in (WartaError, UsageError):
        # A plugin's own WartaError subclass may not survive pickling: keep its words.
        error = WartaError(getattr(error, "message", None) or " ".join(map(str, error.args)),
                           path=error.path)
    if error is not None:
        error.__cause__ = error.__context__ = error.__traceback__ = None
    outcome.error = error
    return outcome


__all__ = ["can_fork", "jobs_for", "portable", "run_parallel", "usable_cores", "PARALLEL_MIN"]
