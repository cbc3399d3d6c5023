"""Feeds with every item in flat memory (issue 13): the items of a feed with no limit live in a
temporary database, and the writers write item by item; the bytes are those of a feed held
whole in memory."""

from __future__ import annotations

import gc
import json
import os
import sqlite3
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import warta
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from warta import Article, Block, Engine, FeedCollector, build_feed, hookimpl, write_feed
from warta.dates import WIB
from warta.engine import default_engine
from warta.feeds.jsonfeed import indented
from warta.feeds.output import STALE_AFTER, AtomicFile, sweep_stale
from warta.feeds.spill import SpilledItems

SHARED = Path(__file__).resolve().parents[2] / "shared"
FORMATS = ("rss", "atom", "json", "jsonl")


def page(n: int, *, url: bool = True, title: str | None = None, day: int | None = None,
         hour: int = 8, zone: timezone = WIB) -> Article:
    """Article n; pages share days and hours so that the order needs its tie-breaks."""
    when = datetime(2024, 3, 1 + (day if day is not None else n % 5), hour, n % 3, tzinfo=zone)
    article = Article(title=title or f"Berita nomor {n}", site="kompas.com", published=when,
                      url=f"https://www.kompas.com/read/2024/03/01/{n}/berita-{n}" if url else None,
                      body=[Block("paragraph", f"Isi berita nomor {n}. " * 5)])
    default_engine().finish([article])
    return article


def mixed_pages() -> list[Article]:
    """Articles with copies: the same page twice, and a page saved with and without its URL
    (one article, merged under the URL's id), in an order that puts copies apart."""
    pages = [page(n) for n in range(40)]
    pages += [page(3), page(7, url=False), page(7), page(11, url=False), page(50, url=False)]
    pages += [page(60, day=9, hour=0, zone=timezone(timedelta(hours=9)))]  # another offset
    undated = Article(id="tag:contoh.id,2024:tanpa-tanggal", title="Tanpa tanggal",
                      body=[Block("paragraph", "Isi tanpa tanggal.")])
    return pages + [undated]


def corpus_pages() -> list[Article]:
    if not SHARED.is_dir():
        pytest.skip("../shared is not here")
    articles = []
    for path in sorted((SHARED / "corpus" / "html").rglob("*.html")):
        try:
            articles.extend(warta.parse(path))
        except warta.WartaError:
            continue
    return [a for a in articles if a.id]


def rendered(articles: list[Article], limit: int, tmp_path: Path, name: str) -> dict[str, bytes]:
    collector = FeedCollector(limit)
    for article in articles:
        collector.add(article)
    feed = default_engine().build_feed(collector, base_url="https://example.org/f/", hub="https://hub.example.org/")
    folder = tmp_path / name
    write_feed(feed, folder, formats=FORMATS)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("source", [mixed_pages, corpus_pages])
def test_a_feed_with_no_limit_has_the_bytes_of_one_held_in_memory(tmp_path, source):
    articles = source()
    spilled = rendered(articles, 0, tmp_path, "spilled")
    held = rendered(articles, 10**9, tmp_path, "held")
    assert sorted(spilled) == ["articles.jsonl", "feed.atom", "feed.json", "feed.xml"]
    assert spilled == held
    assert len(json.loads(spilled["feed.json"])["items"]) >= 10


def test_duplicates_merge_the_same_way_without_a_limit():
    pages = mixed_pages()
    counts = []
    for limit in (0, 10**9):
        collector = FeedCollector(limit)
        for article in pages:
            collector.add(article)
        items = list(collector.items())
        counts.append((collector.total, collector.duplicates, [a.id for a in items],
                       [a.notes for a in items]))
    assert counts[0] == counts[1]
    assert counts[0][1] == 4  # page 3 again, page 7 without its URL and again, page 11 without
    assert isinstance(FeedCollector(0).items(), SpilledItems)


def test_collecting_without_a_limit_holds_no_article_in_memory():
    def live_articles() -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if isinstance(o, Article))

    before = live_articles()
    collector = FeedCollector(0)
    for n in range(300):
        collector.add(page(n))
    assert live_articles() - before < 5
    assert len(collector.items()) == 300
    held = FeedCollector(10**9)
    for n in range(300):
        held.add(page(n))
    assert live_articles() - before >= 300  # the check above can fail


def test_spilled_items_read_like_a_list_newest_first():
    feed = build_feed(mixed_pages(), limit=0)
    items = feed.items
    assert isinstance(items, SpilledItems)
    listed = list(items)
    assert len(items) == len(listed) == 43
    assert items[0] == listed[0] and items[-1] == listed[-1] and items[5:8] == listed[5:8]
    with pytest.raises(IndexError):
        items[43]
    keys = [(a.updated or a.published or datetime(1970, 1, 1, tzinfo=timezone.utc), a.id) for a in listed]
    assert keys == sorted(keys, key=lambda k: (-k[0].timestamp(), k[1]))
    # The dates writers read before the items keep the page's own offset (+09:00 here).
    assert dict(feed.shown_dates())[listed[0].id].utcoffset() == timedelta(hours=9)
    assert feed.undated() == 1
    feed.close()
    assert list(feed.items) == []


def test_streamed_xml_is_laid_out_as_the_whole_document_would_be():
    """Each item is serialised apart and spliced in: the file must be exactly what lxml
    writes for the whole document (re-indenting it changes nothing)."""
    feed = build_feed(mixed_pages(), limit=0, base_url="https://example.org/f/",
                      hub="https://hub.example.org/")
    parser = etree.XMLParser(remove_blank_text=True, strip_cdata=False)
    for name in ("rss", "atom"):
        data = default_engine().writers[name].render(feed)
        whole = etree.tostring(etree.ElementTree(etree.fromstring(data, parser)), pretty_print=True,
                               encoding="UTF-8", xml_declaration=True)
        assert data == whole
        assert data.count(b"<item>" if name == "rss" else b"<entry>") == 43


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(json_values, st.sampled_from(["", "    "]))
def test_indented_json_is_what_json_dumps_writes(value, indent):
    expected = json.dumps(value, ensure_ascii=False, indent=2)
    assert indent + indented(value, indent) == indent + expected.replace("\n", "\n" + indent)


def test_indented_json_refuses_what_json_cannot_hold():
    with pytest.raises(TypeError):
        indented({"a": [object()]})


def test_a_prepare_feed_plugin_gets_a_list_and_its_changes_are_written(tmp_path):
    class Shout:
        @hookimpl
        def prepare_feed(self, feed):
            assert isinstance(feed.items, list)
            for article in feed.items:
                article.title = article.title.upper()

    engine = Engine()
    engine.pm.register(Shout(), name="shout")
    collector = FeedCollector(0)
    for n in range(5):
        collector.add(page(n))
    feed = engine.build_feed(collector)
    write_feed(feed, tmp_path, formats=["json"], engine=engine)
    titles = [i["title"] for i in json.loads((tmp_path / "feed.json").read_text())["items"]]
    assert titles and all(t == t.upper() for t in titles)


def test_a_killed_runs_temporary_files_are_swept_and_nothing_else(tmp_path):
    dead = 2**22 + 12345  # above any pid this machine hands out
    old = time.time() - STALE_AFTER - 60
    left = tmp_path / f".feed.xml.{dead}-abc123_x.tmp"
    fresh = tmp_path / f".feed.json.{dead}-def456.tmp"
    ours = tmp_path / f".feed.atom.{os.getpid()}-ghi789.tmp"
    others = [tmp_path / ".hidden", tmp_path / "feed.xml.123-abc.tmp", tmp_path / ".notes.tmp"]
    for path in (left, fresh, ours, *others):
        path.write_text("x")
    for path in (left, ours, *others):
        os.utime(path, (old, old))
    assert sweep_stale(tmp_path) == [left]
    assert not left.exists() and fresh.exists() and ours.exists() and all(p.exists() for p in others)
    # And the temporary files warta writes are named so that it can tell.
    file = AtomicFile(tmp_path / "feed.xml")
    assert Path(file.tmp).name.startswith(f".feed.xml.{os.getpid()}-")
    file.discard()


def test_a_file_whose_bytes_would_not_change_is_not_touched(tmp_path):
    feed = build_feed(mixed_pages(), limit=0)
    write_feed(feed, tmp_path, formats=FORMATS)
    stamps = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    time.sleep(0.01)
    write_feed(build_feed(mixed_pages(), limit=0), tmp_path, formats=FORMATS)
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == stamps
    write_feed(build_feed(mixed_pages()[:-1], limit=0), tmp_path, formats=FORMATS)
    assert all(p.stat().st_mtime_ns != stamps[p.name] for p in tmp_path.iterdir())


def test_seen_ids_move_to_disk_and_still_answer(monkeypatch):
    from warta.feeds.spill import SeenSet

    monkeypatch.setattr(SeenSet, "IN_MEMORY", 10)
    seen = SeenSet()
    assert [seen.add(f"id{n % 25}") for n in range(50)] == [True] * 25 + [False] * 25
    assert seen._db is not None and not seen._set  # past ten ids they live on disk


def test_a_temporary_folder_that_fills_up_is_one_line_and_loses_nothing(tmp_path, monkeypatch):
    """SQLite failing to keep the items (a full temporary folder) stops the run with one
    line naming the folder; the earlier feed files stay as they were."""
    from typer.testing import CliRunner

    import warta.feeds.spill as spill
    from warta.cli import app

    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(3):
        (pages / f"{n}.txt").write_text(f"Judul berita {n}\n\nKompas.com - 0{n + 1}/02/2024, 10:00 WIB\n\n"
                                        f"JAKARTA, KOMPAS.com - Isi berita nomor {n} yang cukup panjang.\n",
                                        encoding="utf-8")
    out = tmp_path / "out"
    first = CliRunner().invoke(app, ["convert", str(pages), "-o", str(out), "--limit", "0", "-q"])
    assert first.exit_code == 0, first.stderr
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    class Full(spill._Database):
        def execute(self, sql, args=()):
            if sql.startswith("INSERT OR REPLACE"):
                with spill._storage():
                    raise sqlite3.OperationalError("database or disk is full")
            return super().execute(sql, args)

    monkeypatch.setattr(spill, "_Database", Full)
    monkeypatch.setenv("SQLITE_TMPDIR", str(tmp_path / "tmp"))
    result = CliRunner().invoke(app, ["convert", str(pages), "-o", str(out), "--limit", "0", "-q"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"warta: cannot keep the feed's items in a temporary file in {tmp_path / 'tmp'} "
        "(SQLITE_TMPDIR, TMPDIR): database or disk is full"]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
