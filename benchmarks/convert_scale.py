"""End-to-end ``warta convert`` against its floor, and peak memory as the count grows.

    python benchmarks/convert_scale.py [COUNT ...]      (default: 1000 5000 10000)

For each count, in fresh processes (one core each, one after the other):
- convert: ``warta convert DIR -o OUT`` (rss, atom, json), the real command;
- floor:   reading the same files and writing the same three feeds from records parsed
           beforehand (the work no converter can avoid).
Prints seconds, the ratio convert/floor (target <= 2x) and each process's peak RSS (target:
flat as the count grows, since the feed keeps only its newest --limit items).
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
convert([sys.argv[1]], sys.argv[2], formats=["rss", "atom", "json"], limit=int(sys.argv[3]))
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
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
    print(f"{'docs':>6} {'convert s':>10} {'floor s':>8} {'ratio':>6} {'convert RSS':>12} {'floor RSS':>10}")
    for count in counts:
        pages = root / f"pages-{count}"
        generate(pages, count)
        records = root / f"records-{count}.jsonl"
        if not records.exists():
            with records.open("wb") as sink:
                subprocess.run([sys.executable, "-m", "warta.cli", "parse", "-q", str(pages)],
                               check=True, stdout=sink)
        out_c, out_f = root / f"c-{count}-{limit}", root / f"f-{count}-{limit}"
        out_c.mkdir()
        out_f.mkdir()
        c = run(CONVERT, str(pages), str(out_c), str(limit))
        f = run(FLOOR, str(pages), str(records), str(out_f), str(limit))
        print(f"{count:>6} {c['seconds']:>10.2f} {f['seconds']:>8.2f} {c['seconds'] / f['seconds']:>6.2f} "
              f"{c['maxrss_kb'] / 1024:>10.1f}MB {f['maxrss_kb'] / 1024:>8.1f}MB")


if __name__ == "__main__":
    main()
