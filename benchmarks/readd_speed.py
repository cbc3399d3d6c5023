"""Adding pages the store already holds vs adding them fresh (issue 13).

    python benchmarks/readd_speed.py [COUNT] [RUNS] [--parse-all]   (default: 1000 pages, 5 runs)

``COUNT`` generated Kompas text dumps (benchmarks/pages.py) are added to a new store with
:meth:`warta.store.Store.add` (the engine warmed on one page first, so regex compilation is
not counted), then the same files are added again to the same store. Each run uses a new
store; the figure is the median of ``RUNS`` runs. Prints both times and re-add / fresh add,
and what the second add reported (every page skipped before parsing, nothing changed).
``--parse-all`` measures the behaviour before issue 13 on the same machine: no reading key,
so every page is parsed again (and found unchanged).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pages import generate  # noqa: E402


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    count = int(args[0]) if args else 1000
    runs = int(args[1]) if len(args) > 1 else 5
    from warta.engine import Engine
    from warta.store import Store

    if "--parse-all" in sys.argv:
        import warta.subscribing.store as store_module

        store_module.reading_key = lambda *a, **k: None  # type: ignore[assignment]

    engine = Engine()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        paths = [str(p) for p in generate(folder, count)]
        with Store(Path(tmp) / "warm.db") as db:
            db.add("warm", paths[:1], engine=engine)
        fresh_times, again_times = [], []
        for run in range(runs):
            with Store(Path(tmp) / f"run{run}.db") as db:
                start = time.perf_counter()
                first = db.add("bench", [str(folder)], engine=engine)
                fresh_times.append(time.perf_counter() - start)
                start = time.perf_counter()
                again = db.add("bench", [str(folder)], engine=engine)
                again_times.append(time.perf_counter() - start)
        fresh, readd = statistics.median(fresh_times), statistics.median(again_times)
        mode = " (--parse-all: every page parsed again)" if "--parse-all" in sys.argv else ""
        print(f"{count} pages, median of {runs} runs{mode}")
        print(f"fresh add: {fresh:.3f} s  ({first.summary()})")
        print(f"re-add:    {readd:.3f} s  ({again.summary()})")
        print(f"re-add / fresh add: {readd / fresh:.1%}")


if __name__ == "__main__":
    main()
