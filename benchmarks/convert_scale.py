"""End-to-end ``warta convert`` against two floors, and peak memory as the count grows.

    python benchmarks/convert_scale.py [COUNT ...]      (default: 1000 5000 10000)
    python benchmarks/convert_scale.py --quick          (1000 and 5000 pages: about a minute)

For each count and each ``--limit`` (100, the default, and 0, every item), in fresh
processes, one after the other:
- convert:      ``warta convert DIR -o OUT`` (rss, atom, json) as a user runs it: the pages are
                parsed on every core (``--jobs`` left automatic), the feeds written by one;
- convert -j1:  the same in one process (``--jobs 1``); both must write the same bytes;
- render floor: reading the same files and rendering and writing the same three feeds from
                records parsed beforehand, in one process: everything but the parsing, so it
                holds warta's own feed rendering (the work no converter of warta's design
                can avoid, but not a lower bound for any converter);
- I/O floor:    reading the same input files and writing the bytes convert wrote (the same
                number of files, each the same bytes, held in memory beforehand), in one
                process: what no converter at all can avoid. ``io+sync`` is the same with
                each file fsync'ed, as convert does (it writes every feed durably and
                renames it into place). Each floor is one pass in a fresh process, as
                convert is; the input files are in the page cache for every run alike.
Prints seconds, the ratios of convert (and convert -j1) to each floor (target <= 2x to the
render floor) and peak RSS: the main process and the largest parsing worker (target: flat as
the count grows, since the feed keeps only its newest --limit items).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pages import generate

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

IO_FLOOR = r"""
import json, os, sys, time
from pathlib import Path
files = sorted(Path(sys.argv[1]).glob("*.txt"))
made = sorted(p for p in Path(sys.argv[2]).iterdir() if p.is_file() and not p.name.startswith("."))
outputs = [(p.name, p.read_bytes()) for p in made]  # convert's feeds, in memory before the clock
target, sync = Path(sys.argv[3]), sys.argv[4] == "sync"
start = time.perf_counter()
for path in files:
    path.read_bytes()
for name, data in outputs:
    with open(target / name, "wb") as sink:
        sink.write(data)
        if sync:
            sink.flush()
            os.fsync(sink.fileno())
elapsed = time.perf_counter() - start
assert all((target / name).read_bytes() == data for name, data in outputs)
print(json.dumps({"seconds": elapsed, "files": len(outputs)}))
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, help="numbers of pages (default: 1000 5000 10000)")
    parser.add_argument("--quick", action="store_true", help="1000 and 5000 pages only")
    args = parser.parse_args()
    counts = args.counts or ([1000, 5000] if args.quick else [1000, 5000, 10000])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for limit in (100, 0):
            table(root, counts, limit)


def table(root: Path, counts: list[int], limit: int) -> None:
    print(f"\nfeeds with {'the newest ' + str(limit) if limit else 'every'} item(s) (--limit {limit})")
    print(f"{'':>6} {'seconds':^40} {'convert / floor':^21} {'convert -j1 / floor':^21} {'peak RSS':^31}")
    print(f"{'docs':>6} {'convert':>8} {'-j1':>6} {'render':>7} {'I/O':>7} {'io+sync':>7} "
          f"{'render':>10} {'I/O':>10} {'render':>10} {'I/O':>10} "
          f"{'convert':>9} {'worker':>9} {'render fl.':>11}")
    for count in counts:
        pages = root / f"pages-{count}"
        generate(pages, count)
        records = root / f"records-{count}.jsonl"
        if not records.exists():
            with records.open("wb") as sink:
                subprocess.run([sys.executable, "-m", "warta.cli", "parse", "-q", str(pages)],
                               check=True, stdout=sink)
        outs = [root / f"{kind}-{count}-{limit}" for kind in ("c", "c1", "f", "io")]
        for out in outs:
            out.mkdir()
        c = run(CONVERT, str(pages), str(outs[0]), str(limit), "auto")
        c1 = run(CONVERT, str(pages), str(outs[1]), str(limit), "1")
        f = run(FLOOR, str(pages), str(records), str(outs[2]), str(limit))
        io = run(IO_FLOOR, str(pages), str(outs[0]), str(outs[3]), "plain")
        io["synced"] = run(IO_FLOOR, str(pages), str(outs[0]), str(outs[3]), "sync")["seconds"]
        assert all((outs[0] / n).read_bytes() == (outs[1] / n).read_bytes()
                   for n in ("feed.xml", "feed.atom", "feed.json")), "--jobs changed the feeds"
        assert io["files"] == 3, f"convert wrote {io['files']} files, expected 3 feeds"
        workers = f"{c['workers_kb'] / 1024:>7.1f}MB" if c["workers_kb"] else f"{'-':>9}"
        print(f"{count:>6} {c['seconds']:>8.2f} {c1['seconds']:>6.2f} {f['seconds']:>7.3f} "
              f"{io['seconds']:>7.3f} {io['synced']:>7.3f} "
              f"{c['seconds'] / f['seconds']:>9.2f}x {c['seconds'] / io['seconds']:>9.1f}x "
              f"{c1['seconds'] / f['seconds']:>9.2f}x {c1['seconds'] / io['seconds']:>9.1f}x "
              f"{c['maxrss_kb'] / 1024:>7.1f}MB {workers} {f['maxrss_kb'] / 1024:>9.1f}MB")

if __name__ == "__main__":
    main()
