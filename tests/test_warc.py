"""Web archives as inputs (issue 12): WARCs built here with warcio, of our own small pages and
of the shared corpus's HTML pages."""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warta.cli import app
from warta.engine import Engine
from warta.reading.inputs import Input

warcio = pytest.importorskip("warcio")
from warcs import offsets, our_records, write_warc  # noqa: E402


@pytest.mark.parametrize("gzip", [True, False])
def test_pages_urls_charset_capture_skips_and_offsets(tmp_path, gzip):
    archive = write_warc(tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc"), our_records(), gzip=gzip)
    where = offsets(archive)
    engine = Engine().reading()
    outcomes = list(engine.run([Input(str(archive))]))
    articles = [a for o in outcomes for a in o.articles]
    assert [a.url for a in articles] == ["https://www.kompas.com/read/2024/03/05/1/satu",
                                         "https://example.org/berita/dua",
                                         "https://news.kompas.com/read/2024/03/05/4/empat"]
    for article in articles:
        assert article.captured.isoformat() == "2024-03-06T01:02:03+00:00"
        assert article.captured_source == "warc"
        assert article.input == f"{archive}: record at offset {where[article.url]}"
    # The charset came from the HTTP header only (the page declares none).
    assert "Café “kutip”" in json.dumps(articles[1].to_dict(), ensure_ascii=False)
    assert dict(engine.skipped) == {"revisit": 1, "status not 200": 1, "not HTML": 1}
    errors = [o.error for o in outcomes if o.error]
    assert [str(e) for e in errors] == [
        f"{archive}: record at offset {where['https://www.kompas.com/read/2024/03/05/3/rusak']}: "
        "binary file, not a saved page (text or HTML)"]


def test_only_hosts_and_summary(tmp_path):
    archive = write_warc(tmp_path / "crawl.warc.gz", our_records())
    result = CliRunner().invoke(app, ["parse", str(archive), "--only-hosts", "kompas.com"])
    urls = [json.loads(line)["url"] for line in result.stdout.splitlines()]
    assert urls == ["https://www.kompas.com/read/2024/03/05/1/satu",
                    "https://news.kompas.com/read/2024/03/05/4/empat"]
    assert result.exit_code == 1  # the broken record
    assert ("3 input(s): 2 read, 1 failed; 2 article(s), 4 archive record(s) skipped "
            "(1 not HTML, 1 other host, 1 revisit, 1 status not 200)") in result.stderr
    assert "record at offset" in result.stderr


def test_host_test_comes_before_decoding(tmp_path, monkeypatch):
    archive = write_warc(tmp_path / "crawl.warc.gz", our_records())
    from warta.reading import loaders

    seen = []
    real = loaders.load_bytes
    monkeypatch.setattr(loaders, "load_bytes", lambda data, **kw: seen.append(kw["url"]) or real(data, **kw))
    list(Engine().reading(hosts=["example.org"]).run([Input(str(archive))]))
    assert seen == ["https://example.org/berita/dua"]


def gzip_members(data: bytes) -> list[int]:
    """Where each gzip member of ``data`` starts."""
    starts, pos = [], 0
    while pos < len(data):
        starts.append(pos)
        member = zlib.decompressobj(16 + zlib.MAX_WBITS)
        member.decompress(data[pos:])
        pos = len(data) - len(member.unused_data)
    return starts


def damaged(data: bytes, start: int, how: str, at: int) -> bytes:
    """``data`` with the gzip member that starts at ``start`` damaged ``at`` bytes into it."""
    pos = start + at
    if how == "overwritten":
        return data[:pos] + b"\xff" * 40 + data[pos + 40:]
    if how == "flipped":
        return data[:pos] + bytes([data[pos] ^ 0x55]) + data[pos + 1:]
    return data[:pos]  # cut short


@pytest.mark.parametrize("how", ["overwritten", "flipped", "cut"])
@pytest.mark.parametrize("at", [2, 12, 40, 120, -6])
def test_damaged_archive_names_the_offset_and_keeps_earlier_pages(tmp_path, capfd, how, at):
    """Damage anywhere in the last member (its gzip header, its deflate data, its trailer) is an
    error naming the offset; warcio would have read on quietly (or taken the gzip bytes for an
    uncompressed record) and lost the page without a word."""
    records = our_records()
    data = write_warc(tmp_path / "crawl.warc.gz", records[:2] + records[-1:]).read_bytes()
    last = gzip_members(data)[-1]
    at = at if at > 0 else len(data) - last + at
    (tmp_path / "cut.warc.gz").write_bytes(damaged(data, last, how, at))
    outcomes = list(Engine().reading().run([Input(str(tmp_path / "cut.warc.gz"))]))
    urls = [o.articles[0].url for o in outcomes if o.articles]
    assert urls[:2] == ["https://www.kompas.com/read/2024/03/05/1/satu", "https://example.org/berita/dua"]
    # Damage in the trailer (CRC, length) is found only once the record has come out whole.
    assert len(urls) == 2 or at > len(data) - last - 20
    assert outcomes[-1].error is not None and f"offset {last}" in str(outcomes[-1].error)
    assert "WARNING" not in capfd.readouterr().err  # warcio's own warnings stay off the terminal


def test_uncompressed_archive_cut_inside_a_record_is_an_error(tmp_path):
    records = our_records()
    data = write_warc(tmp_path / "crawl.warc", records[:2] + records[-1:], gzip=False).read_bytes()
    (tmp_path / "cut.warc").write_bytes(data[:-400])
    outcomes = list(Engine().reading().run([Input(str(tmp_path / "cut.warc"))]))
    assert len([o for o in outcomes if o.articles]) == 2
    assert outcomes[-1].error is not None and "cut short" in str(outcomes[-1].error)


def convert(args: list[str], out: Path) -> dict[str, bytes]:
    result = CliRunner().invoke(app, ["convert", *args, "-o", str(out), "--base-url", "https://e.org/f/",
                                      "-f", "rss,atom,json"])
    assert result.exit_code == 0, result.stderr
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def same_feeds(pages: list[tuple[str, bytes]], tmp_path: Path) -> None:
    """Converting the pages as files with --urls and as a WARC gives the same feeds (the JSON
    Feed's _warta says when the WARC's pages were captured: that field aside)."""
    folder = tmp_path / "pages"
    folder.mkdir()
    lines = []
    for number, (url, body) in enumerate(pages):
        path = folder / f"{number:03d}.html"
        path.write_bytes(body)
        lines.append(f"{path} {url}")
    (tmp_path / "urls.txt").write_text("\n".join(lines) + "\n")
    archive = write_warc(tmp_path / "pages.warc.gz",
                         [("response", url, "200 OK", "text/html", body) for url, body in pages])
    files = convert([str(folder), "--urls", str(tmp_path / "urls.txt")], tmp_path / "a")
    warc = convert([str(archive)], tmp_path / "b")
    assert files["feed.xml"] == warc["feed.xml"]
    assert files["feed.atom"] == warc["feed.atom"]

    def without_capture(data: bytes) -> dict:
        feed = json.loads(data)
        for item in feed["items"]:
            item["_warta"].pop("captured", None)
            item["_warta"].pop("captured_source", None)
        return feed

    assert without_capture(files["feed.json"]) == without_capture(warc["feed.json"])


def test_same_feeds_as_files_own_pages(tmp_path):
    records = [r for r in our_records() if r[0] == "response" and r[2] == "200 OK" and r[3].startswith("text/html")
               and b"\x00" not in r[4]]
    # The header charset matters for the WARC only: the file gets it in the page itself.
    pages = [(uri, body if "1252" not in ctype else body.replace(b"<head>", b"<head><meta charset='windows-1252'>"))
             for _k, uri, _s, ctype, body in records]
    same_feeds(pages, tmp_path)


def test_same_feeds_as_files_corpus(tmp_path, shared):
    root = shared / "corpus" / "html"
    rows = [line.split("\t") for line in (root / "sources.tsv").read_text().splitlines()[1:] if line.strip()]
    pages = [(row[4], (root / row[0]).read_bytes()) for row in rows if (root / row[0]).is_file()
             and row[4].startswith("http")]
    assert pages
    same_feeds(pages, tmp_path)


def test_parallel_workers_give_the_same_outcomes(tmp_path):
    archive = write_warc(tmp_path / "crawl.warc.gz", our_records() * 3)
    single = Engine().reading(hosts=["kompas.com", "example.org"])
    pooled = Engine().reading(hosts=["kompas.com", "example.org"])
    inputs = [Input(str(archive)), Input(str(tmp_path / "missing.html")), Input(str(archive))]

    def shown(engine, jobs):
        return [(o.path, [a.to_dict() for a in o.articles], str(o.error) if o.error else None)
                for o in engine.run(inputs, jobs=jobs)]

    one = shown(single, 1)
    assert shown(pooled, 2) == one
    assert len(one) == 2 * 3 * 4 + 1
    assert pooled.skipped == single.skipped


def test_add_and_watch_read_archives(tmp_path):
    archive = write_warc(tmp_path / "crawl.warc.gz", our_records())
    runner = CliRunner()
    added = runner.invoke(app, ["add", str(archive), "--feed", "k", "--store", str(tmp_path / "s.db"),
                                "-o", str(tmp_path / "out"), "--only-hosts", "kompas.com"])
    assert "feed k: 2 new, 0 changed, 0 unchanged" in added.stderr
    assert "4 archive record(s) skipped (1 not HTML, 1 other host, 1 revisit, 1 status not 200)" in added.stderr
    assert f"{archive}: record at offset" in added.stderr and added.exit_code == 1
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_warc(inbox / "crawl.warc", our_records(), gzip=False)
    args = ["watch", str(inbox), "--feed", "w", "--store", str(tmp_path / "w.db"), "-o", str(tmp_path / "out"),
            "--once"]
    first = runner.invoke(app, args)
    assert "crawl.warc: 3 new, 0 changed, 0 unchanged" in first.stderr
    assert "1 page(s) added, 0 already processed, 0 failed" in first.stderr
    assert (tmp_path / "out" / "w" / "feed.xml").is_file()
    again = runner.invoke(app, args)
    assert "0 page(s) added, 1 already processed, 0 failed" in again.stderr


def test_convert_counts_each_page_of_an_archive_as_an_input(tmp_path):
    archive = write_warc(tmp_path / "crawl.warc.gz", our_records())
    result = CliRunner().invoke(app, ["convert", str(archive), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1  # the broken record
    assert "4 input(s): 3 converted, 1 failed; 3 article(s)" in result.stderr
