"""Parquet dataset at scale: records/s writing and reading back, and peak memory by count.

Generates N synthetic records (5 sites x 30 days, a 12-paragraph body of about 3 KB and a
sanitised HTML copy of it, two authors, an image, a related link: the size of a real news
record) and, each in a fresh process so that peak memory is its own:

- ``write``: streams them into a dataset with :class:`warta.feeds.parquet.ParquetDataset`
  (as ``warta convert -f parquet`` does) and commits it;
- ``read``: reads every record back as an Article with :class:`warta.reading.records.Dataset`;
- ``convert``: ``warta.convert.convert`` with the dataset as its input (records read back,
  the feed's newest 100 kept, feed.xml/atom/json written): the whole ``convert DATASET`` path.

Peak memory is the process's maximum resident set size (``ru_maxrss``) less the same figure
after the imports, so it is what the work itself held. Run::

    python benchmarks/parquet_scale.py            # 10k, 50k, 100k records
    python benchmarks/parquet_scale.py 2000 5000  # other counts

Generating the Article objects is inside the write figure (as parsing would be in a run);
the records are never all in memory at once.

Measured on the 2-core development machine (pyarrow 26.0.1, Python 3.11; other work was
running, so records/s vary by some 20%)::

     records    phase  records/s  peak MB  files  MB on disk
       10000    write      5,653    108.8    150         3.8
       10000     read     11,390     74.0    150         3.8
       10000  convert      3,588     73.1    150         3.8
       50000    write      6,476    130.4    150        12.7
       50000     read     21,882    108.1    150        12.7
       50000  convert      3,004     93.4    150        12.7
      100000    write      4,907    140.0    227        24.0
      100000     read     15,319    143.9    227        24.0
      100000  convert      2,821    138.3    227        24.0
      200000    write      4,316    139.2    345        46.8
      200000     read     13,040    145.3    345        46.8
      200000  convert      3,834    203.7    345        46.8

Writing and reading level off at about 140 MB: the buffers (32 MB of text), the open files'
row-group metadata (at most 1,024 row groups) and, reading, one row group (at most 2,048
records) at a time; below 100,000 records they have not filled yet. ``convert`` grows with
the number of distinct articles (about 0.6 KB each at 200,000): the feed collector
remembers every id it has seen, to merge copies, whatever the input. Before the cap on open
row groups, writing grew with the count (110 -> 135 -> 162 MB at 10k/50k/100k).
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone

WIB = timezone(timedelta(hours=7))
WORDS = ("banjir", "pemerintah", "warga", "jalan", "kota", "harga", "beras", "pasar", "presiden",
         "menteri", "sekolah", "rumah", "sakit", "polisi", "desa", "air", "listrik", "kereta")


def articles(count: int):  # noqa: ANN201
    from warta.model import Article, Author, Block, Image, Link

    start = datetime(2024, 1, 1, 6, tzinfo=WIB)
    for n in range(count):
        site = f"portal{n % 5}.co.id"
        words = [WORDS[(n * 7 + i) % len(WORDS)] for i in range(40)]
        body = [Block("paragraph", f"{' '.join(words[i:] + words[:i])} nomor {n}.") for i in range(12)]
        yield Article(
            id=f"https://{site}/read/{n}", url=f"https://{site}/read/{n}", site=site, parser="bench",
            title=f"Berita nomor {n} tentang {words[0]}", title_source="page",
            published=start + timedelta(days=(n // 5) % 30, minutes=n % 600),
            published_source="page", published_precision="time",
            authors=[Author("Ani Wijaya", "writer", "Penulis"), Author("Budi", "editor", "Editor")],
            body=body, content_html="".join(f"<p>{b.text}</p>" for b in body),
            summary=body[0].text[:300], images=[Image(f"https://{site}/i/{n}.jpg", "Foto", "Dok")],
            related=[Link("Baca juga", f"https://{site}/read/{n + 1}")], tags=[words[0], words[1]],
            section="Nasional", input=f"pages/{n}.html",
        )


def peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def phase(name: str, count: int, folder: str) -> None:
    """Run one phase here and print 'seconds extra-KiB records'."""
    from warta.convert import convert
    from warta.feeds.parquet import ParquetDataset
    from warta.engine import default_engine
    from warta.reading.records import Dataset, arrow

    arrow()
    default_engine()
    base = peak_kib()
    began = time.perf_counter()
    target = os.path.join(folder, "articles.parquet")
    done = 0
    if name == "write":
        dataset = ParquetDataset(target)
        for article in articles(count):
            dataset.add(article)
        dataset.commit()
        done = dataset.records
    elif name == "read":
        for _ in Dataset(target).articles(lambda error: print(error, file=sys.stderr)):
            done += 1
    else:
        result = convert([target], os.path.join(folder, "feeds"), jobs=1)
        done = result.articles
    print(f"{time.perf_counter() - began:.3f} {peak_kib() - base} {done}")


def main(counts: list[int]) -> None:
    print(f"{'records':>8} {'phase':>8} {'records/s':>10} {'peak MB':>8} {'files':>6} {'MB on disk':>10}")
    for count in counts:
        folder = tempfile.mkdtemp(prefix="warta-parquet-")
        try:
            for name in ("write", "read", "convert"):
                out = subprocess.run([sys.executable, __file__, "--phase", name, str(count), folder],
                                     check=True, capture_output=True, text=True).stdout.split()
                seconds, extra, done = float(out[0]), int(out[1]), int(out[2])
                assert done == count, (name, done, count)
                files = size = 0
                for root, _, names in os.walk(os.path.join(folder, "articles.parquet")):
                    files += sum(n.endswith(".parquet") for n in names)
                    size += sum(os.path.getsize(os.path.join(root, n)) for n in names)
                print(f"{count:>8} {name:>8} {count / seconds:>10,.0f} {extra / 1024:>8.1f} "
                      f"{files:>6} {size / 1e6:>10.1f}")
        finally:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--phase"]:
        phase(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        main([int(a) for a in sys.argv[1:]] or [10_000, 50_000, 100_000])
