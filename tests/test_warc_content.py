"""Web archives known by their first bytes, and on standard input (issue 13): a WARC or ARC
whose name does not say so is read as an archive by every route (one process, -j, Dask,
add, watch); a page that merely starts with the word "WARC" is still a page; ``-`` reads an
archive as a stream."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warta.cli import app
from warta.engine import Engine
from warta.reading import archivesniff, inputs
from warta.reading.inputs import Input, expand

pytest.importorskip("warcio")


from warcs import offsets, our_records, page, write_warc  # noqa: E402


NOT_ARCHIVES = {
    "prose": b"WARC files are what crawlers keep. Berita hari ini tentang arsip web.\n",
    "version line, no WARC header": b"WARC/1.0\r\nKalimat pertama tentang arsip web yang disimpan.\r\n\r\n",
    "WARC-Type only after the header block": b"WARC/1.0\r\nJudul: arsip\r\n\r\nWARC-Type: response\r\n",
    "filedesc in prose": b"filedesc:// is how an ARC file begins, says the guide.\n",
    "damaged gzip": b"\x1f\x8b\x08\x00garbage that does not inflate",
}


def arc(records: list[tuple[str, bytes]], *, compressed: bool = False) -> bytes:
    """An ARC (version 1) file of HTML responses: (uri, body); each record a gzip member
    when ``compressed`` (as a .arc.gz is)."""
    version = b"1 0 test\nURL IP-address Archive-date Content-type Archive-length\n"
    parts = [b"filedesc://test.arc 0.0.0.0 20240306010203 text/plain %d\n%s\n" % (len(version), version)]
    for uri, body in records:
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
        parts.append(b"%s 1.2.3.4 20240306010203 text/html %d\n%s\n" % (uri.encode(), len(http), http))
    return b"".join(gzip.compress(part) if compressed else part for part in parts)


ARC_PAGES = [("https://www.kompas.com/read/2024/03/05/7/tujuh", page("Berita Tujuh").encode()),
             ("https://example.org/berita/delapan", page("Berita Delapan").encode())]


def seen(outcomes, rename: tuple[str, str] = ("", "")) -> list[tuple]:
    """Outcomes as comparable values, with the archive's name ``rename[0]`` read as ``rename[1]``."""
    def named(text: str | None) -> str | None:
        return text.replace(rename[0], rename[1]) if text and rename[0] else text

    return [(named(o.path), [named(json.dumps(a.to_dict(), sort_keys=True)) for a in o.articles],
             named(str(o.error)) if o.error else None) for o in outcomes]


@pytest.mark.parametrize("name, compressed", [("crawl.gz", True), ("segment-00001", False),
                                              ("CC-NEWS-20240101.warc.gz.1", True), ("crawl.txt", False)])
def test_a_warc_under_any_name_is_read_as_the_archive(tmp_path, name, compressed):
    known = write_warc(tmp_path / ("known.warc.gz" if compressed else "known.warc"), our_records(), gzip=compressed)
    renamed = tmp_path / name
    shutil.copyfile(known, renamed)
    assert Input(str(renamed)).is_archive
    outcomes = list(Engine().reading().run([Input(str(renamed))]))
    assert len(outcomes) == 4  # three pages and the broken record: each page counts
    assert seen(outcomes, (str(renamed), str(known))) == seen(Engine().reading().run([Input(str(known))]))


@pytest.mark.parametrize("name, compressed", [("segment-arc", False), ("x.arc", False), ("crawl.gz", True)])
def test_an_arc_is_known_by_its_content(tmp_path, name, compressed):
    path = tmp_path / name
    path.write_bytes(arc(ARC_PAGES, compressed=compressed))
    assert archivesniff.file_is_archive(str(path))
    result = CliRunner().invoke(app, ["parse", str(path)])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["url"] for r in records] == [uri for uri, _ in ARC_PAGES]
    assert all(r["input"].startswith(f"{path}: record at offset ") for r in records)
    assert all(r["captured"] == "2024-03-06T01:02:03+00:00" for r in records)


@pytest.mark.parametrize("why", sorted(NOT_ARCHIVES))
def test_a_page_that_merely_starts_like_an_archive_is_a_page(tmp_path, why):
    head = NOT_ARCHIVES[why]
    assert not archivesniff.looks_like_archive(head)
    assert not archivesniff.looks_like_archive(gzip.compress(head))
    for name in ("notes", "notes.txt", "notes.gz"):
        path = tmp_path / name
        path.write_bytes(gzip.compress(head) if name.endswith(".gz") else head)
        assert not Input(str(path)).is_archive, name


def test_the_warc_header_is_what_is_recognised():
    header = b"WARC/1.0\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Length: 0\r\n\r\n"
    assert archivesniff.looks_like_archive(header)
    assert archivesniff.looks_like_archive(header.replace(b"1.0", b"1.1").replace(b"Record-ID", b"type"))
    assert archivesniff.looks_like_archive(gzip.compress(header))
    assert not archivesniff.looks_like_archive(b" " + header)
    assert not archivesniff.looks_like_archive(header.replace(b"WARC/1.0", b"WARC/2.0"))


def test_a_pipe_a_folder_and_a_missing_file_are_not_looked_into(tmp_path):
    fifo = tmp_path / "pipe"
    import os

    os.mkfifo(fifo)  # opening it would wait for a writer: it must not be opened to sniff
    assert not Input(str(fifo)).is_archive
    assert not Input(str(tmp_path)).is_archive
    assert not Input(str(tmp_path / "missing")).is_archive


def test_each_input_is_looked_into_once_and_a_name_that_says_so_not_at_all(tmp_path, monkeypatch):
    write_warc(tmp_path / "crawl.gz", our_records())
    write_warc(tmp_path / "named.warc.gz", our_records())
    (tmp_path / "page.txt").write_text("just a shopping list\n")
    calls: list[str] = []
    real = inputs.file_is_archive
    monkeypatch.setattr(inputs, "file_is_archive", lambda path: calls.append(Path(path).name) or real(path))
    items, errors = expand([str(tmp_path)])
    assert not errors
    outcomes = list(Engine().reading().run(items, jobs=1))
    assert sorted(calls) == ["crawl.gz", "page.txt"]
    assert len(outcomes) == 4 + 4 + 1


def test_a_folder_holds_arc_files(tmp_path):
    (tmp_path / "x.arc").write_bytes(arc(ARC_PAGES))
    items, errors = expand([str(tmp_path)])
    assert not errors and [Path(i.path).name for i in items] == ["x.arc"] and items[0].is_archive


@pytest.mark.parametrize("compressed", [True, False])
def test_parse_reads_an_archive_on_standard_input(tmp_path, compressed):
    archive = write_warc(tmp_path / "crawl.warc.gz", our_records(), gzip=compressed)
    where = offsets(archive)
    result = CliRunner().invoke(app, ["parse", "-"], input=archive.read_bytes())
    assert result.exit_code == 1  # the broken record
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["input"] for r in records] == [f"-: record at offset {where[r['url']]}" for r in records]
    assert len(records) == 3
    broken = where["https://www.kompas.com/read/2024/03/05/3/rusak"]
    assert f"-: record at offset {broken}: binary file, not a saved page" in result.stderr
    assert "4 input(s): 3 read, 1 failed; 3 article(s), 3 archive record(s) skipped" in result.stderr
    from_file = CliRunner().invoke(app, ["parse", str(archive)])
    assert result.stdout == from_file.stdout.replace(f"{archive}: record", "-: record")


def test_convert_reads_an_archive_on_standard_input(tmp_path):
    archive = write_warc(tmp_path / "crawl.gz", our_records())
    runner = CliRunner()
    piped = runner.invoke(app, ["convert", "-", "-o", str(tmp_path / "a"), "-f", "rss,atom"],
                          input=archive.read_bytes())
    named = runner.invoke(app, ["convert", str(archive), "-o", str(tmp_path / "b"), "-f", "rss,atom"])
    assert piped.exit_code == named.exit_code == 1  # the broken record
    assert "4 input(s): 3 converted, 1 failed; 3 article(s)" in piped.stderr
    for name in ("feed.xml", "feed.atom"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_an_archive_on_standard_input_has_no_whole_size_limit(tmp_path, monkeypatch):
    from warta.reading import loaders

    archive = write_warc(tmp_path / "crawl.warc.gz", our_records())
    limit = 3000  # larger than each page, smaller than the archive and than the page below
    assert archive.stat().st_size > limit
    monkeypatch.setattr(loaders, "MAX_BYTES", limit)
    result = CliRunner().invoke(app, ["parse", "-"], input=archive.read_bytes())
    assert len(result.stdout.splitlines()) == 3
    big = page("Berita Besar", "kata " * 1000).encode()
    as_page = CliRunner().invoke(app, ["parse", "-"], input=big)
    assert as_page.exit_code == 1 and "-: standard input exceeds" in as_page.stderr
    assert len(as_page.stderr.strip().splitlines()) == 2  # the error, the summary


def test_a_page_on_standard_input_is_still_a_page_and_whole(tmp_path):
    body = page("Berita Satu", "Kalimat tengah yang panjang sekali. " * 300 + "Kalimat penutup XYZ. ").encode()
    assert len(body) > 2 * archivesniff.HEAD_BYTES
    result = CliRunner().invoke(app, ["parse", "-", "--url", "https://example.org/berita/satu"], input=body)
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["input"] == "-" and "Kalimat penutup XYZ." in json.dumps(record["body"])


class Trickle:
    """A stream that gives at most ``step`` bytes a read, as a pipe may."""

    def __init__(self, data: bytes, step: int = 7) -> None:
        self.data, self.step = data, step

    def read(self, size: int = -1) -> bytes:
        size = self.step if size is None or size < 0 else min(size, self.step)
        taken, self.data = self.data[:size], self.data[size:]
        return taken


@pytest.mark.parametrize("look", [True, False])
def test_the_head_of_a_stream_is_given_again(look):
    data = bytes(range(256)) * 40
    stream = archivesniff.HeadStream(Trickle(data))
    if look:
        assert stream.head == data[:archivesniff.HEAD_BYTES]
    assert stream.read(10) == data[:10]
    assert stream.read(5000) == data[10:5010]
    assert stream.read() == data[5010:] and stream.read(3) == b""


def test_workers_read_a_renamed_archive_as_one_process_does(tmp_path):
    write_warc(tmp_path / "crawl.gz", our_records() * 2)
    (tmp_path / "segment").write_bytes(arc(ARC_PAGES))
    (tmp_path / "page.txt").write_text("just a shopping list\n")
    items = [Input(str(tmp_path / name)) for name in ("crawl.gz", "page.txt", "segment", "crawl.gz")]
    one = seen(Engine().reading().run([Input(i.path) for i in items], jobs=1))
    assert seen(Engine().reading().run([Input(i.path) for i in items], jobs=2)) == one
    assert len(one) == 8 + 1 + 2 + 8


def test_jobs_2_gives_the_same_feeds_for_a_renamed_archive(tmp_path):
    archive = write_warc(tmp_path / "crawl.warc.gz", our_records())
    shutil.copyfile(archive, tmp_path / "segment-00001")
    runner = CliRunner()
    for name, args in (("a", [str(archive), "-j", "1"]), ("b", [str(tmp_path / "segment-00001"), "-j", "2"])):
        runner.invoke(app, ["convert", *args, "-o", str(tmp_path / name), "-f", "rss,atom"])
    for name in ("feed.xml", "feed.atom"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_add_and_watch_read_a_renamed_archive(tmp_path):
    archive = write_warc(tmp_path / "crawl.gz", our_records())
    runner = CliRunner()
    added = runner.invoke(app, ["add", str(archive), "--feed", "k", "--store", str(tmp_path / "s.db"),
                                "-o", str(tmp_path / "out")])
    assert "feed k: 3 new, 0 changed, 0 unchanged" in added.stderr
    assert f"{archive}: record at offset" in added.stderr and added.exit_code == 1
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copyfile(archive, inbox / "crawl.gz")
    (inbox / "older.arc").write_bytes(arc(ARC_PAGES))
    args = ["watch", str(inbox), "--feed", "w", "--store", str(tmp_path / "w.db"), "-o", str(tmp_path / "out"),
            "--once"]
    first = runner.invoke(app, args)
    assert "crawl.gz: 3 new, 0 changed, 0 unchanged" in first.stderr
    assert "older.arc: 2 new, 0 changed, 0 unchanged" in first.stderr
    assert "2 page(s) added, 0 already processed, 0 failed" in first.stderr


def test_dask_reads_a_renamed_archive_as_one_process_does(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.chdir(tmp_path)
    write_warc(tmp_path / "crawl.gz", our_records())
    (tmp_path / "segment").write_bytes(arc(ARC_PAGES))
    (tmp_path / "page.txt").write_text("just a shopping list\n")
    names = ["page.txt", "crawl.gz", "segment", "page.txt"]
    local = seen(Engine().reading().run([Input(n) for n in names], jobs=1, scheduler=""))
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        remote = seen(Engine().reading().run([Input(n) for n in names], scheduler=cluster.scheduler_address))
    finally:
        cluster.close()
        # As tests/test_distributed.py: the offload thread Dask leaves would keep later
        # tests' automatic --jobs in one process.
        from concurrent.futures import ThreadPoolExecutor

        from distributed import utils

        utils._offload_executor.shutdown(wait=True)
        utils._offload_executor = ThreadPoolExecutor(1, thread_name_prefix="Dask-Offload")
    assert remote == local
    assert len(local) == 1 + 4 + 2 + 1


def test_add_reads_an_archive_on_standard_input(tmp_path):
    archive = write_warc(tmp_path / "crawl", our_records())
    added = CliRunner().invoke(app, ["add", "-", "--feed", "k", "--store", str(tmp_path / "s.db"),
                                     "-o", str(tmp_path / "out")], input=archive.read_bytes())
    assert "feed k: 3 new, 0 changed, 0 unchanged, 1 failed" in added.stderr
    assert "-: record at offset" in added.stderr and added.exit_code == 1


def test_a_cut_archive_on_standard_input_is_one_line_after_its_pages(tmp_path):
    archive = write_warc(tmp_path / "crawl.warc.gz", our_records())
    data = archive.read_bytes()
    result = CliRunner().invoke(app, ["parse", "-"], input=data[:len(data) - 40])
    assert result.exit_code == 1
    damaged = [line for line in result.stderr.splitlines() if "damaged archive" in line]
    assert len(damaged) == 1 and damaged[0].startswith("-: damaged archive ")
    assert len(result.stdout.splitlines()) == 2  # the pages before the cut
