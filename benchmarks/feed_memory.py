"""Peak memory of feeds with every item (``--limit 0``) as the item count grows (issue 13).

    python benchmarks/feed_memory.py [COUNT ...]      (default: 1000 5000 10000 20000)

For each count, ``COUNT`` generated Kompas text dumps (benchmarks/pages.py) are
- converted: ``warta.convert(folder, out, formats=rss, atom, json, jsonl, limit=0, jobs=1)``;
- built from a store: added to a store first (not measured), then, in a new process,
  ``warta build`` of that feed with ``--limit 0`` (rss, atom, json).
Each is run in a fresh process that imports warta and builds the default engine before it
starts; the figure is that process's peak RSS (``ru_maxrss``) above what it held once ready
(the imports and plugins, ~50 MB), beside the seconds and the bytes of the feed files it
wrote. Target: flat as the count grows (the feeds' bytes grow; memory must not).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pages import generate  # noqa: E402

PRELUDE = r"""
import json, resource, sys, time
from pathlib import Path
from warta.engine import default_engine
engine = default_engine()
ready = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
"""

CONVERT = PRELUDE + r"""
from warta import convert
convert([sys.argv[1]], sys.argv[2], formats=["rss", "atom", "json", "jsonl"], limit=0, jobs=1)
"""

BUILD = PRELUDE + r"""
from warta.subscribing.store import Store
from warta.subscribing.storebuild import build
from warta.subscribing.config import FeedSettings
with Store(sys.argv[1]) as store:
    build(store, FeedSettings(name="bench", limit=0), sys.argv[2], engine=engine)
"""

REPORT = r"""
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
size = sum(p.stat().st_size for p in Path(sys.argv[2]).iterdir() if p.is_file())
print(json.dumps({"seconds": elapsed, "ready_kb": ready, "peak_kb": peak, "bytes": size}))
"""


def run(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code + REPORT, *args], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


ADD = r"""
import sys
from warta.engine import default_engine
from warta.subscribing.store import Store
with Store(sys.argv[1]) as store:
    store.add("bench", [sys.argv[2]], engine=default_engine())
"""


def add_to_store(db: Path, folder: Path) -> None:
    """In another process: Linux keeps a process's peak RSS across exec, so a child started
    by a large parent would report the parent's."""
    subprocess.run([sys.executable, "-c", ADD, str(db), str(folder)], check=True)


def main() -> None:
    counts = [int(a) for a in sys.argv[1:]] or [1000, 5000, 10000, 20000]
    print(f"{'items':>6} {'job':>8} {'seconds':>8} {'feed MB':>8} {'ready MB':>9} {'peak MB':>8} "
          f"{'above ready':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for count in counts:
            pages = root / f"pages-{count}"
            generate(pages, count)
            db = root / f"store-{count}.db"
            add_to_store(db, pages)
            for job, code, source in (("convert", CONVERT, pages), ("build", BUILD, db)):
                out = root / f"{job}-{count}"
                out.mkdir()
                r = run(code, str(source), str(out))
                print(f"{count:>6} {job:>8} {r['seconds']:>8.2f} {r['bytes'] / 2**20:>8.1f} "
                      f"{r['ready_kb'] / 1024:>9.1f} {r['peak_kb'] / 1024:>8.1f} "
                      f"{(r['peak_kb'] - r['ready_kb']) / 1024:>12.1f}", flush=True)


if __name__ == "__main__":
    main()
