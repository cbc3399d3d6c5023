"""End-to-end ``warta convert`` against its floor, and peak memory as the count grows.

    python benchmarks/convert_scale.py [COUNT ...]      (default: 1000 5000 10000)

For each count, in fresh processes, one after the other:
- convert:    ``warta convert DIR -o OUT`` (rss, atom, json) as a user runs it: the pages are
              parsed on every core (``--jobs`` left automatic), the feeds written by one;
- convert -j1: the same in one process (``--jobs 1``);
- floor:      reading the same files and writing the same three feeds from records parsed
              beforehand, in one process (the work no converter can avoid).
Prints seconds, the ratios to the floor (target <= 2x) and peak RSS: the main process and the
largest parsing worker (target: flat as the count grows, since the feed keeps only its newest
--limit items).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pages import generate  # noqa: E402

FLOOR = r"""
import json, resource, sys, time
from pathlib import Path
from warta import Article, FeedCollector
from warta.engine import default_engine
records = [Article.from_dict(json.loads(l)) for l in open(sys.argv[2], encoding="utf-8")]
files = sorted(Path(sys.argv[1]).glob("*.txt"))
engine = default_engine()
start = time.perf_counter()
collector = FeedCollector(int(sys.argv[4]))
for path, record in zip(files, records):
    path.read_bytes()
    collector.add(record)
feed = collector.build()
for name in ("rss", "atom", "json"):
    writer = engine.writers[name]
    (Path(sys.argv[3]) / writer.filename).write_bytes(writer.render(feed))
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

CONVERT = r"""
import json, resource, sys, time
from warta import convert
from warta.engine import default_engine
default_engine()  # plugins imported and registered before the clock starts, as in the floor
start = time.perf_counter()
jobs = None if sys.argv[4] == "auto" else int(sys.argv[4])
convert([sys.argv[1]], sys.argv[2], formats=["rss", "atom", "json"], limit=int(sys.argv[3]), jobs=jobs)
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "workers_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def run(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    counts = [int(a) for a in sys.argv[1:]] or [1000, 5000, 10000]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for limit in (100, 0):
            table(root, counts, limit)


def table(root: Path, counts: list[int], limit: int) -> None:
    print(f"\nfeeds with {'the newest ' + str(limit) if limit else 'every'} item(s) (--limit {limit})")
    print(f"{'docs':>6} {'convert s':>10} {'-j1 s':>6} {'floor s':>8} {'ratio':>6} {'-j1 ratio':>9} "
          f"{'convert RSS':>12} {'worker RSS':>11} {'floor RSS':>10}")
    for count in counts:
        pages = root / f"pages-{count}"
        generate(pages, count)
        records = root / f"records-{count}.jsonl"
        if not records.exists():
            with records.open("wb") as sink:
                subprocess.run([sys.executable, "-m", "warta.cli", "parse", "-q", str(pages)],
                               check=True, stdout=sink)
        outs = [root / f"{kind}-{count}-{limit}" for kind in ("c", "c1", "f")]
        for out in outs:
            out.mkdir()
        c = run(CONVERT, str(pages), str(outs[0]), str(limit), "auto")
        c1 = run(CONVERT, str(pages), str(outs[1]), str(limit), "1")
        f = run(FLOOR, str(pages), str(records), str(outs[2]), str(limit))
        assert all((outs[0] / n).read_bytes() == (outs[1] / n).read_bytes()
                   for n in ("feed.xml", "feed.atom", "feed.json")), "--jobs changed the feeds"
        workers = f"{c['workers_kb'] / 1024:>9.1f}MB" if c["workers_kb"] else f"{'-':>11}"
        print(f"{count:>6} {c['seconds']:>10.2f} {c1['seconds']:>6.2f} {f['seconds']:>8.2f} "
              f"{c['seconds'] / f['seconds']:>6.2f} {c1['seconds'] / f['seconds']:>9.2f} "
              f"{c['maxrss_kb'] / 1024:>10.1f}MB {workers} {f['maxrss_kb'] / 1024:>8.1f}MB")


if __name__ == "__main__":
    main()
