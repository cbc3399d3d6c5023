"""Parsing on a Dask cluster: 1 -> 2 workers, and what the scheduler costs per task.

    python benchmarks/dask_scale.py [COUNT]      (default: 5000 generated pages, benchmarks/pages.py)

On this machine, with a cluster started as the README says (``dask scheduler`` and
``dask worker ADDRESS --nworkers N --nthreads 1``, each its own process; one thread a worker,
as CPU-bound Python wants):
- local -j1:   ``Engine.run`` in this process (the floor for one core);
- dask 1 / 2:  ``Engine.run(scheduler=...)`` on 1, then 2 workers: wall time from the call
               (connecting and checking the workers' plugins included) to the last outcome
               taken back in order; the speed-up 2 workers / 1 worker (target >= 1.7x on 2 cores);
- overhead:    the scheduler's cost per task: (a) empty tasks, submitted and collected the way a
               run does (a window in flight, results in order); (b) the same pages as 1-page
               tasks minus as 64-page tasks, per extra task.
Each figure is the best of 3 runs. Needs ``pip install 'warta[dask]'``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pages import generate  # noqa: E402


def best(function, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    from distributed import Client

    from warta import Engine
    from warta.distributed import parse_task, run_distributed
    from warta.engine import Outcome
    from warta.reading.loaders import expand

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    folder = Path(tempfile.gettempdir()) / f"warta-dask-bench-{count}"
    generate(folder, count)
    items, _ = expand([str(folder)])
    engine = Engine()

    def drain(outcomes) -> None:
        n = sum(1 for outcome in outcomes if not outcome.error)
        assert n == count, n

    local = best(lambda: drain(engine.run(items, jobs=1, scheduler="")))
    print(f"{count} pages; local -j1: {local:.2f} s ({count / local:.0f} pages/s)")
    seconds = {}
    port = 8787 + os.getpid() % 1000
    address = f"tcp://127.0.0.1:{port}"
    dask = shutil.which("dask") or "dask"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen([dask, "scheduler", "--port", str(port), "--no-dashboard"], **quiet)
    try:
        for workers in (1, 2):
            worker = subprocess.Popen([dask, "worker", address, "--nworkers", str(workers), "--nthreads", "1",
                                       "--no-dashboard"], **quiet)
            try:
                client = Client(address, timeout="30s", set_as_default=False)
                client.wait_for_workers(workers)
                client.close()
                drain(engine.run(items, scheduler=address))  # warm: imports on the workers
                seconds[workers] = best(lambda: drain(engine.run(items, scheduler=address)))
                print(f"dask, {workers} worker(s): {seconds[workers]:.2f} s "
                      f"({count / seconds[workers]:.0f} pages/s)")
                if workers == 1:
                    overhead(address, engine, items, parse_task, run_distributed, Outcome, Client)
            finally:
                worker.send_signal(signal.SIGTERM)
                worker.wait(60)
    finally:
        scheduler.send_signal(signal.SIGTERM)
        scheduler.wait(60)
    print(f"speed-up 1 -> 2 workers: {seconds[1] / seconds[2]:.2f}x (target >= 1.7x); "
          f"2 workers vs local -j1: {local / seconds[2]:.2f}x")


def overhead(address, engine, items, parse_task, run_distributed, Outcome, Client) -> None:
    client = Client(address, set_as_default=False)
    tasks = 2000

    def empty() -> None:
        futures = [client.submit(parse_task, type(engine), [], None, pure=False) for _ in range(tasks)]
        for future in futures:
            future.result()

    empty()
    per_empty = best(empty) / tasks
    client.close()
    subset = items[:2000]

    def sized(size: int) -> float:
        return best(lambda: sum(1 for _ in run_distributed(engine, subset, address, url=None, parser=None,
                                                           urls=None, outcome=Outcome, task_size=size)))

    one, many = sized(1), sized(64)
    extra = len(subset) - -(-len(subset) // 64)
    print(f"scheduler overhead per task: {per_empty * 1e3:.2f} ms (empty tasks); "
          f"{(one - many) / extra * 1e3:.2f} ms (1-page vs 64-page tasks over {len(subset)} pages: "
          f"{one:.2f} s vs {many:.2f} s)")


if __name__ == "__main__":
    main()
