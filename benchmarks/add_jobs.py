"""`warta add` with one process and with worker processes (issue 12's store side).

    python benchmarks/add_jobs.py [COUNT ...] [--runs N]      (default: 1000 3000, 3 runs)

``COUNT`` generated Kompas text dumps (benchmarks/pages.py) are added to a new store by
``warta add --jobs 1`` and ``--jobs 2`` (in-process through the command line, the engine
built before the clock starts), each run into its own store; prints the best of ``--runs``
runs and the speed-up. The stores end the same either way (tests/test_add_jobs.py).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pages import generate  # noqa: E402


def main() -> None:
    args = sys.argv[1:]
    runs = 3
    if "--runs" in args:
        at = args.index("--runs")
        runs = int(args[at + 1])
        del args[at:at + 2]
    counts = [int(a) for a in args] or [1000, 3000]
    from typer.testing import CliRunner

    import warta.cli
    from warta.cliapp import engine

    engine()  # plugins imported and registered before the clock starts
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        for count in counts:
            folder = Path(tmp) / f"pages-{count}"
            generate(folder, count)
            best = {}
            for jobs in ("1", "2"):
                times = []
                for run in range(runs):
                    store = Path(tmp) / f"s-{count}-{jobs}-{run}" / "warta.db"
                    store.parent.mkdir()
                    start = time.perf_counter()
                    result = runner.invoke(warta.cli.app, ["add", str(folder), "--feed", "bench",
                                                           "--store", str(store), "-q", "-j", jobs])
                    times.append(time.perf_counter() - start)
                    assert result.exit_code == 0, result.stderr
                best[jobs] = min(times)
            print(f"{count:>6} pages: add -j 1 {best['1']:.2f} s, -j 2 {best['2']:.2f} s: "
                  f"{best['1'] / best['2']:.2f}x")


if __name__ == "__main__":
    main()
