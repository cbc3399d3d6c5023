"""Records as a Parquet dataset: ``convert -f parquet`` writes one, partitioned by site and
day, atomically; a dataset named as an input is read back without parsing and gives the same
feed bytes as the pages it came from (issue 12)."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from warta.convert import convert  # noqa: E402
from warta.errors import WartaError  # noqa: E402
from warta.feeds.parquet import ParquetDataset  # noqa: E402
from warta.model import Article, Author, Block, Image, Link  # noqa: E402
from warta.reading.records import MARKER, NO_SITE, UNDATED, Dataset, is_dataset, part_files  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "pages"
SHARED = ROOT.parent / "shared"
FEEDS = ("feed.xml", "feed.atom", "feed.json")
WIB = timezone(timedelta(hours=7))


def article(n: int, *, site: str | None = "contoh.id", published: datetime | None = None,
            captured: datetime | None = None) -> Article:
    return Article(
        id=f"https://{site or 'x.invalid'}/a/{n}", url=f"https://{site or 'x.invalid'}/a/{n}",
        site=site, parser="test", title=f"Judul {n} \ud800 ganjil", published=published,
        published_source="page" if published else None,
        published_precision="time" if published else None, captured=captured,
        captured_source="crawl" if captured else None, title_source="page",
        authors=[Author("Ani", "writer", "Penulis", None), Author("Budi", "editor")],
        body=[Block("paragraph", f"Isi {n}."), Block("quote", "Kutipan")],
        images=[Image("https://x.id/i.jpg", None, "Foto")],
        related=[Link("Baca juga", "https://x.id/b", None)], more=[], tags=["banjir"],
        content_html=None, page=n % 3 or None, notes=["catatan"], input=f"pages/{n}.txt",
    )


def records(folder: Path) -> list[Article]:
    errors: list[WartaError] = []
    found = list(Dataset(folder).articles(errors.append))
    assert errors == []
    return found


def test_records_round_trip_exactly_and_partition_by_site_and_day(tmp_path):
    made = [article(1, published=datetime(2024, 3, 5, 23, 30, tzinfo=WIB)),
            article(2, captured=datetime(2024, 3, 6, 1, 0, tzinfo=timezone.utc)),
            article(3), article(4, site=None, published=datetime(2023, 1, 2, tzinfo=WIB))]
    target = tmp_path / "articles.parquet"
    dataset = ParquetDataset(target, group_rows=2)
    for a in made:
        dataset.add(a)
    assert not target.exists()  # nothing in place before commit
    assert dataset.commit() == target
    assert is_dataset(target) and json.loads((target / MARKER).read_text())["records"] == 4
    folders = sorted(str(Path(p).parent.relative_to(target)) for p in part_files(target))
    assert folders == [f"site={NO_SITE}/day=2023-01-02", "site=contoh.id/day=2024-03-05",
                       "site=contoh.id/day=2024-03-06", f"site=contoh.id/day={UNDATED}"]
    back = {a.id: a for a in records(target)}
    for a in made:
        a.scrub()  # the lone surrogate is stored as U+FFFD, as in articles.jsonl
        assert back[a.id].to_dict() == a.to_dict()
    assert back[made[0].id].published.utcoffset() == timedelta(hours=7)
    # any Arrow reader sees the partitions as columns
    import pyarrow.dataset as ds
    table = ds.dataset(target, partitioning="hive").to_table()
    assert sorted(set(table.column("day").to_pylist())) == ["2023-01-02", "2024-03-05", "2024-03-06", UNDATED]


def test_many_records_go_out_in_bounded_buffers_and_come_back(tmp_path, monkeypatch):
    from warta.feeds import parquet

    monkeypatch.setattr(parquet, "MAX_GROUPS", 4)
    monkeypatch.setattr(parquet, "OPEN_GROUPS", 5)
    target = tmp_path / "d"
    dataset = ParquetDataset(target, group_rows=50, buffer_bytes=20_000, max_open=3)
    days = [datetime(2024, 1, 1 + d, 8, tzinfo=WIB) for d in range(5)]
    for n in range(600):
        dataset.add(article(n, site=f"s{n % 3}.id", published=days[n % 5]))
        assert dataset._buffered <= 20_000
        assert len(dataset._open) <= 3 and dataset._live <= 5
        assert all(dataset._groups[key] < 4 for key in dataset._open)
    dataset.commit()
    back = records(target)
    assert sorted(a.id for a in back) == sorted(f"https://s{n % 3}.id/a/{n}" for n in range(600))
    assert len(part_files(target)) > 15  # files closed and reopened as new parts


def test_the_same_articles_give_the_same_bytes(tmp_path):
    for name in ("one", "two"):
        dataset = ParquetDataset(tmp_path / name)
        for n in range(30):
            dataset.add(article(n, published=datetime(2024, 1, 1 + n % 4, tzinfo=WIB)))
        dataset.commit()
    one = {os.path.relpath(p, tmp_path / "one"): Path(p).read_bytes() for p in part_files(tmp_path / "one")}
    two = {os.path.relpath(p, tmp_path / "two"): Path(p).read_bytes() for p in part_files(tmp_path / "two")}
    assert one == two and one


def test_a_failed_run_leaves_no_dataset_and_the_old_one_stays(tmp_path):
    target = tmp_path / "d"
    first = ParquetDataset(target)
    first.add(article(1))
    first.commit()
    second = ParquetDataset(target)
    second.add(article(2))
    second.discard()
    assert [a.id for a in records(target)] == ["https://contoh.id/a/1"]
    assert sorted(os.listdir(tmp_path)) == ["d"]  # no temporary folder left
    third = ParquetDataset(target)
    third.add(article(3))
    third.commit()
    assert [a.id for a in records(target)] == ["https://contoh.id/a/3"]
    assert sorted(os.listdir(tmp_path)) == ["d"]


def test_a_folder_that_is_not_a_dataset_is_never_replaced(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "keep.txt").write_text("x")
    with pytest.raises(WartaError, match="not a warta dataset"):
        ParquetDataset(tmp_path / "d")
    assert os.listdir(tmp_path / "d") == ["keep.txt"]


def test_convert_reads_a_dataset_back_to_the_same_feed_bytes(tmp_path):
    options = dict(limit=0, base_url="https://example.org/f/", jobs=1)
    convert([str(EXAMPLES)], tmp_path / "pages", **options)
    made = convert([str(EXAMPLES)], tmp_path / "out", formats=["parquet"], **options)
    dataset = tmp_path / "out" / "articles.parquet"
    assert made.written == [dataset] and not (tmp_path / "out" / "feed.xml").exists()
    back = convert([str(dataset)], tmp_path / "back", formats=["rss", "atom", "json", "parquet"],
                   **options)
    assert (back.inputs, back.converted, back.failed) == (1, 1, 0)
    for name in FEEDS:
        assert (tmp_path / "back" / name).read_bytes() == (tmp_path / "pages" / name).read_bytes()
    again = [a.to_dict() for a in records(tmp_path / "back" / "articles.parquet")]
    assert again == [a.to_dict() for a in records(dataset)]


def test_a_damaged_part_file_is_one_error_and_the_rest_still_reads(tmp_path):
    dataset = ParquetDataset(tmp_path / "d")
    for n in range(3):
        dataset.add(article(n, published=datetime(2024, 1, 1 + n, tzinfo=WIB)))
    dataset.commit()
    broken = part_files(tmp_path / "d")[0]
    Path(broken).write_bytes(b"not parquet at all")
    errors: list[WartaError] = []
    result = convert([str(tmp_path / "d")], tmp_path / "out", on_error=errors.append, jobs=1)
    assert result.articles == 2 and result.converted == 1 and result.other == 1
    assert len(errors) == 1 and errors[0].path == broken and "cannot read" in str(errors[0])


def test_a_bad_marker_fails_that_input_only(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / MARKER).write_text('{"format": "something else"}')
    errors: list[WartaError] = []
    result = convert([str(tmp_path / "d"), str(EXAMPLES)], tmp_path / "out",
                     on_error=errors.append, jobs=1)
    assert result.failed == 1 and result.converted == 3
    assert [e.path for e in errors] == [str(tmp_path / "d")] and "not a warta dataset" in str(errors[0])


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="the shared corpus is absent")
def test_the_shared_corpus_round_trips_through_a_dataset(tmp_path):
    inputs = [str(SHARED / "seed"), str(SHARED / "corpus")]
    options = dict(limit=0, base_url="https://example.org/f/", jobs=1, on_error=lambda e: None)
    convert(inputs, tmp_path / "pages", formats=["rss", "atom", "json", "jsonl", "parquet"], **options)
    convert([str(tmp_path / "pages" / "articles.parquet")], tmp_path / "back",
            formats=["rss", "atom", "json", "jsonl"], **options)
    for name in FEEDS:
        assert (tmp_path / "back" / name).read_bytes() == (tmp_path / "pages" / name).read_bytes()
    lines = [sorted((tmp_path / d / "articles.jsonl").read_bytes().splitlines()) for d in ("pages", "back")]
    assert lines[0] == lines[1] and lines[0]


def test_add_stores_a_datasets_records_in_batches_without_parsing(tmp_path):
    from warta.subscribing.store import Store
    from warta.subscribing.storerecords import add_records

    dataset = ParquetDataset(tmp_path / "d")
    made = [article(n, published=datetime(2024, 1, 1 + n % 3, 9, tzinfo=WIB)) for n in range(7)]
    refused = Article(title=None, site="contoh.id", input="pages/x.txt")  # no id: the gate refuses it
    for a in (*made, refused):
        dataset.add(a)
    dataset.commit()
    with Store(tmp_path / "warta.db") as db:
        done = add_records(db, "berita", str(tmp_path / "d"), batch_rows=3)
        assert sorted(done.new) == sorted(a.id for a in made)
        assert len(done.failed) == 1 and done.failed[0].path == "pages/x.txt"
        stored = {a.id: a for a in db.articles("berita")}
    for a in made:
        assert stored[a.id].title == a.scrub().title and stored[a.id].body == a.body


def test_warta_add_takes_a_dataset_and_build_gives_the_feeds_of_the_pages(tmp_path):
    from typer.testing import CliRunner

    from warta.cli import app

    convert([str(EXAMPLES)], tmp_path / "out", formats=["parquet"], jobs=1)
    store = str(tmp_path / "warta.db")
    runner = CliRunner()
    for feed, source in (("pages", str(EXAMPLES)), ("records", str(tmp_path / "out" / "articles.parquet"))):
        added = runner.invoke(app, ["add", source, "--feed", feed, "--store", store, "-q"])
        assert added.exit_code == 0, added.output
        built = runner.invoke(app, ["build", feed, "--store", store, "-o", str(tmp_path / "feeds"), "-q"])
        assert built.exit_code == 0, built.output
    for name in FEEDS:
        pages = (tmp_path / "feeds" / "pages" / name).read_bytes()
        assert pages and (tmp_path / "feeds" / "records" / name).read_bytes() == pages


def test_without_pyarrow_a_dataset_input_is_one_line_naming_it(tmp_path, monkeypatch):
    from warta.reading import records

    dataset = ParquetDataset(tmp_path / "d")
    dataset.add(article(1))
    dataset.commit()

    def missing():
        raise WartaError(records.INSTALL_HINT)

    monkeypatch.setattr(records, "arrow", missing)
    errors: list[WartaError] = []
    result = convert([str(tmp_path / "d"), str(EXAMPLES)], tmp_path / "out", on_error=errors.append, jobs=1)
    assert result.failed == 1 and result.converted == 3
    assert str(errors[0]) == f"{tmp_path / 'd'}: {records.INSTALL_HINT}"
    with pytest.raises(WartaError, match="warta\\[parquet\\]"):
        convert([str(EXAMPLES)], tmp_path / "out2", formats=["parquet"], jobs=1)
    assert not (tmp_path / "out2").exists()
