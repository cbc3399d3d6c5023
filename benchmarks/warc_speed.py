"""Reading pages from a web archive vs the same pages as files, and memory as the archive grows.

    python benchmarks/warc_speed.py [COUNT ...]      (default: 2500 5000 10000)

For each count, generated pages (benchmarks/pages.py, wrapped in a small HTML page each) are
written as files and as one ``.warc.gz`` (gzip per record, built with warcio). Each run is a
fresh process parsing every page in one process (``Engine.run``, jobs=1), articles dropped as
they come, and prints pages/s and its peak RSS:
- files: the HTML files, with their URLs from a URL map (as --urls gives them);
- warc:  the archive (URL, charset and capture time from the records);
- warc -j2: the archive on two worker processes (core/archivepool.py; peak RSS of the main
  process, which reads the records, or of the largest worker, whichever is larger).
The archive's peak RSS should stay flat as the count grows (records are streamed).
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pages import page  # noqa: E402

RUN = r"""
import resource, sys, time
from warta.engine import Engine
from warta.reading.inputs import Input, expand
engine = Engine().reading()
kind, jobs, target = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if kind == "files":
    urls = dict(line.split(" ", 1) for line in open(sys.argv[4], encoding="utf-8").read().splitlines())
    items, _ = expand([target])
    urls = {str(__import__("os").path.realpath(k)): v for k, v in urls.items()}
else:
    items, urls = [Input(target)], None
start = time.perf_counter()
pages = articles = 0
for outcome in engine.run(items, urls=urls, jobs=jobs):
    pages += 1
    articles += len(outcome.articles)
took = time.perf_counter() - start
peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
print(f"{pages} {articles} {took:.3f} {peak:.1f}")
"""


def html(i: int, rng: random.Random) -> tuple[str, bytes]:
    lines = [line for line in page(i, rng).split("\n") if line.strip()]
    title = lines[0]
    body = "".join(f"<p>{line}</p>" for line in lines[1:])
    url = f"https://www.example.co.id/berita/{i}/{title.lower().replace(' ', '-')}"
    return url, (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
                 "<meta property='article:published_time' content='2024-03-05T10:00:00+07:00'>"
                 f"</head><body><article><h1>{title}</h1>{body}</article></body></html>").encode()


def build(folder: Path, count: int) -> tuple[Path, Path, Path]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = folder / "pages"
    pages.mkdir(parents=True)
    archive = folder / "pages.warc.gz"
    url_map = folder / "urls.txt"
    rng = random.Random(7)
    with open(archive, "wb") as out, open(url_map, "w", encoding="utf-8") as urls:
        writer = WARCWriter(out, gzip=True)
        for i in range(count):
            url, body = html(i, rng)
            path = pages / f"{i:06d}.html"
            path.write_bytes(body)
            urls.write(f"{path} {url}\n")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    return pages, archive, url_map


def run(*args: str) -> tuple[int, int, float, float]:
    out = subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True, check=True)
    pages, articles, took, peak = out.stdout.split()
    return int(pages), int(articles), float(took), float(peak)


def main() -> None:
    counts = [int(a) for a in sys.argv[1:]] or [2500, 5000, 10000]
    print(f"{'pages':>7} {'input':>9} {'read':>7} {'articles':>8} {'seconds':>8} {'pages/s':>8} {'peak MiB':>9}")
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            pages, archive, url_map = build(Path(tmp), count)
            for kind, jobs, args in (("files", 1, (str(pages), str(url_map))), ("warc", 1, (str(archive),)),
                                     ("warc", 2, (str(archive),))):
                read, articles, took, peak = run(kind, str(jobs), *args)
                shown = f"{kind} -j{jobs}"
                print(f"{count:>7} {shown:>9} {read:>7} {articles:>8} {took:>8.2f} {read / took:>8.0f} {peak:>9.1f}",
                      flush=True)


if __name__ == "__main__":
    main()
