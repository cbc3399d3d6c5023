"""Parsing on a Dask cluster: :meth:`Engine.run` with ``scheduler=`` (``--scheduler ADDRESS``,
``WARTA_SCHEDULER``) hands the inputs to the workers of a running dask.distributed scheduler.

- Tasks: the inputs in consecutive chunks (:func:`tasks_for`); a web archive (by its
  name or its first bytes, :attr:`Input.is_archive`) is always a task of its own, whatever it
  holds; the inputs of a task of several are pages (the worker does not look into them again).
- Workers: each runs :func:`parse_task`, which parses with an Engine built once per worker
  process (the client's engine class, with the plugins installed *on the worker*) and
  reports which parsers it has: a worker whose parsers differ from this machine's stops the
  run with one line, since its records would differ.
- Order: at most a window of tasks is in flight and the outcomes come back in input order,
  so records and feeds are the same bytes as a local run.
- Failures: a page's error is one line naming the page, as locally. A worker that dies is
  Dask's to retry (``distributed.scheduler.allowed-failures``); a task that still fails is
  split into one task per input, so only the page that kills workers is reported.

Workers read the inputs by their absolute paths (a shared file system, or the same paths on
every machine) and report them by the names the user gave. Standard input stays here.
Needs ``pip install 'warta[dask]'`` on the client and the workers.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .errors import UsageError, WartaError, debugging, failure
from .reading.document import record_path
from .reading.loaders import Input
from .reading.urlmap import url_for
from .workers import portable

if TYPE_CHECKING:
    from .engine import Engine, Outcome

#: The environment variable standing in for ``--scheduler``.
SCHEDULER_ENV = "WARTA_SCHEDULER"
#: Inputs in one task: at most this many (the outcomes stream back, the workers finish together).
MAX_TASK = 64

#: One input of a task: (the name the user gave, the absolute path to read, its URL).
Job = tuple[str, str, "str | None"]


def scheduler_address(scheduler: str | None) -> str | None:
    """The scheduler to parse on: ``scheduler`` itself; for None, ``WARTA_SCHEDULER``
    (unset or blank: none); ``""`` is none whatever the environment says."""
    if scheduler is None:
        scheduler = os.environ.get(SCHEDULER_ENV, "")
    return scheduler.strip() or None


def tasks_for(jobs: Sequence[Job], threads: int, size: int | None = None) -> list[list[Job]]:
    """``jobs`` in consecutive chunks of ``size`` (default: about eight tasks per worker
    thread, 1 to :data:`MAX_TASK` inputs); an archive is a task alone."""
    if size is None:
        size = max(1, min(MAX_TASK, len(jobs) // (max(1, threads) * 8)))
    tasks: list[list[Job]] = []
    current: list[Job] = []
    for job in jobs:
        if _is_archive(job[1]):
            if current:
                tasks.append(current)
                current = []
            tasks.append([job])
            continue
        current.append(job)
        if len(current) >= size:
            tasks.append(current)
            current = []
    if current:
        tasks.append(current)
    return tasks


def run_distributed(engine: Engine, inputs: Sequence[Input], address: str, *,
                    url: str | None, parser: str | None, urls: dict[str, str] | None,
                    outcome: type[Outcome], task_size: int | None = None) -> Iterator[Outcome]:
    """The outcomes of ``engine.run`` over ``inputs``, parsed on the cluster at ``address``
    (``outcome`` is the Outcome class, for the inputs whose task failed).

    Connects (and checks the workers' parsers) before returning, so that a scheduler that
    cannot be reached is one WartaError before any output.
    """
    if any(item.is_stdin for item in inputs):
        # Standard input is this process's: the whole run stays here, in input order.
        return engine.run(inputs, url=url, parser=parser, urls=urls, jobs=1, scheduler="")
    client = connect(address)
    try:
        mine = fingerprint(engine)
        for worker, theirs in client.run(worker_fingerprint, type(engine)).items():
            check_fingerprint(mine, theirs, worker)
        threads = sum(client.nthreads().values()) or 1
    except BaseException:
        client.close()
        raise
    jobs = [(item.path, os.path.abspath(item.path), url or url_for(urls, item.path)) for item in inputs]
    tasks = tasks_for(jobs, threads, task_size)
    run = _Run(client, engine, mine, parser, outcome)
    return run.outcomes(tasks, window=max(8, threads * 4))


def connect(address: str) -> Any:
    """A dask.distributed Client of the scheduler at ``address``; one line when it fails."""
    try:
        import dask.utils
        from distributed import Client
    except ImportError:
        raise UsageError("--scheduler needs dask.distributed: pip install 'warta[dask]'") from None
    import dask.config
    from distributed.comm.addressing import parse_address, parse_host_port

    timeout = dask.config.get("distributed.comm.timeouts.connect")
    seconds = float(dask.utils.parse_timedelta(timeout))
    try:
        scheme, where = parse_address(address)
        if scheme in ("tcp", "tls"):
            # A refused or unroutable TCP address fails here at once, not after Dask's
            # retries (a Client that never connected takes as long again to close).
            socket.create_connection(parse_host_port(where), timeout=seconds).close()
        return Client(address, timeout=timeout, set_as_default=False)
    except Exception as exc:  # OSError, TimeoutError, a malformed address (ValueError)
        reason = (exc.strerror if isinstance(exc, OSError) and exc.strerror else
                  " ".join(str(exc).split()) or type(exc).__name__)
        raise WartaError(f"cannot reach the Dask scheduler: {reason}", path=address) from None


class _Run:
    """One run's client side: submits the tasks, takes their outcomes back in order."""

    def __init__(self, client: Any, engine: Engine, mine: tuple, parser: str | None,
                 outcome: type[Outcome]) -> None:
        self.client, self.engine, self.mine, self.parser, self.outcome = client, engine, mine, parser, outcome
        #: The web archive hosts to read (``Engine.reading``), sent with every task.
        self.hosts = tuple(getattr(engine, "hosts", ()))

    def submit(self, task: list[Job]) -> Any:
        return self.client.submit(parse_task, type(self.engine), task, self.parser, self.hosts,
                                  pure=False)

    def outcomes(self, tasks: list[list[Job]], *, window: int) -> Iterator[Outcome]:
        """The tasks' outcomes in order. Results stream back as the tasks finish (one
        ``as_completed`` stream, not a round trip per task) and wait here for their turn."""
        from distributed import as_completed

        stream = as_completed(loop=self.client.loop, with_results=True, raise_errors=False)
        index: dict[str, int] = {}
        done: dict[int, tuple[Any, Any]] = {}
        submitted = taken = 0
        try:
            while taken < len(tasks):
                while submitted < len(tasks) and submitted - taken < window:
                    future = self.submit(tasks[submitted])
                    index[future.key] = submitted
                    stream.add(future)
                    submitted += 1
                while taken not in done:
                    future, value = next(stream)
                    done[index.pop(future.key)] = (future, value)
                future, value = done.pop(taken)
                yield from self.results(tasks[taken], future, value)
                taken += 1
        finally:
            # Also on an early stop (an error downstream, Ctrl-C): nothing left running for us.
            stream.clear()
            done.clear()
            self.client.close()

    def results(self, task: list[Job], future: Any, value: Any = None) -> Iterator[Outcome]:
        try:
            if value is None or future.status != "finished":
                value = future.result()
            theirs, outcomes, skipped = value
        except Exception as exc:  # the task failed even after Dask's retries (KilledWorker, ...)
            if debugging() and not _killed(exc):
                raise
            if len(task) > 1:
                # Which input kills workers? Each again on its own: the others still come back.
                singles = [self.submit([job]) for job in task]
                for job, single in zip(task, singles):
                    yield from self.results([job], single)
                return
            name = task[0][0]
            error = (WartaError("Dask workers died parsing it, at every retry; not read", path=name)
                     if _killed(exc) else failure("a Dask worker", exc, path=name))
            yield self.outcome(name, [], error)
            return
        check_fingerprint(self.mine, theirs, "a worker")
        if skipped:
            self.engine.skipped.update(skipped)
        yield from outcomes


def _is_archive(path: str) -> bool:
    """Whether ``path`` is a web archive (a task of its own: it holds many pages), as
    :attr:`Input.is_archive` says: by its name or its first bytes, as the workers will."""
    return Input(path).is_archive


def _killed(exc: BaseException) -> bool:
    return type(exc).__name__ == "KilledWorker"


# -- on the workers ----------------------------------------------------------------------

_engines: dict[type, Engine] = {}


def worker_engine(kind: type) -> Engine:
    """The Engine of class ``kind`` this worker process parses with (built on first use)."""
    if kind not in _engines:
        _engines[kind] = kind()
    return _engines[kind]


def fingerprint(engine: Engine) -> tuple[tuple[str, str], ...]:
    """What must match between client and workers: each parser's name and its plugin."""
    return tuple(sorted(engine.parser_owner.items()))


def worker_fingerprint(kind: type) -> tuple[tuple[str, str], ...]:
    return fingerprint(worker_engine(kind))


def check_fingerprint(mine: tuple, theirs: tuple, worker: str) -> None:
    """Raise a one-line WartaError when a worker's parsers differ from this machine's."""
    if mine == theirs:
        return
    here, there = {name for name, _ in mine}, {name for name, _ in theirs}
    parts = [f"missing there: {', '.join(sorted(here - there))}" if here - there else "",
             f"only there: {', '.join(sorted(there - here))}" if there - here else ""]
    detail = "; ".join(part for part in parts if part) or "their parsers come from other plugins"
    raise WartaError(f"the Dask worker's plugins differ from this machine's ({detail}); "
                     "install the same plugins on the workers", path=worker)


def parse_task(kind: type, task: list[Job], parser: str | None, hosts: tuple[str, ...] = ()
               ) -> tuple[tuple, list[Outcome], dict[str, int]]:
    """Parse one task's inputs on a worker: (the worker's fingerprint, their outcomes in order,
    the web archive records skipped by reason)."""
    base = worker_engine(kind)
    engine = base.reading(hosts=hosts) if hasattr(base, "reading") else base
    outcomes = []
    known = False if len(task) > 1 else None  # an archive is a task alone (tasks_for)
    for name, path, url in task:
        for outcome in engine.run([Input(path, known)], url=url, parser=parser, jobs=1, scheduler=""):
            outcomes.append(_renamed(portable(outcome), path, name))
    return fingerprint(base), outcomes, dict(getattr(engine, "skipped", {}))


def _renamed(outcome: Outcome, path: str, name: str) -> Outcome:
    """``outcome`` as if the input had been read by the name the user gave (``name``)."""
    if path == name:
        return outcome
    if outcome.path.startswith(path):
        outcome.path = name + outcome.path[len(path):]
    if outcome.error is not None and outcome.error.path and outcome.error.path.startswith(path):
        outcome.error.path = name + outcome.error.path[len(path):]
    shown, given = record_path(path), record_path(name)
    for article in outcome.articles:
        if article.input and article.input.startswith(shown):
            article.input = given + article.input[len(shown):]
    return outcome


__all__ = ["run_distributed", "scheduler_address", "tasks_for", "parse_task", "SCHEDULER_ENV"]
