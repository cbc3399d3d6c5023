"""Re-adding pages the store already holds (issue 13): a page whose bytes were added before,
read the same way (warta's and the plugins' versions, the add's options), is not parsed again,
and nothing changes in the store or in the feeds built from it."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import storetest as helper
from warta import WartaError
from warta.config import FeedSettings
from warta.store import MIGRATIONS, SCHEMA_VERSION, FileStamp, Store, build

SETTINGS = FeedSettings(name="kompas", title="Kompas uji", base_url="https://feeds.example.org/kompas/")


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2024, 3, 10, 2, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


class Spy:
    """An engine whose parse calls are counted (by the path of the page parsed)."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.parsed: list[str | None] = []
        original = engine.parse_document

        def parse_document(doc, parser=None):
            self.parsed.append(doc.path)
            return original(doc, parser)

        engine.parse_document = parse_document


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    with Store(tmp_path / "warta.db", clock=clock) as db:
        yield db


def pages(folder: Path, count: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"{number:03d}.txt"
        path.write_text(helper.numbered_page(number), encoding="utf-8")
        paths.append(str(path))
    return paths


def feed_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def rows(store: Store) -> list[tuple]:
    return (store.db.execute("SELECT * FROM articles ORDER BY feed, id").fetchall()
            + store.db.execute("SELECT * FROM versions ORDER BY feed, id, digest").fetchall())


def test_adding_the_same_pages_again_parses_nothing_and_changes_nothing(tmp_path, store, clock):
    spy = Spy(helper.make_engine())
    paths = pages(tmp_path / "in", 5)
    first = store.add("kompas", [str(tmp_path / "in")], engine=spy.engine)
    assert len(first.new) == 5 and not first.failed and len(spy.parsed) == 5
    build(store, SETTINGS, tmp_path / "one", engine=spy.engine)
    held = rows(store)

    spy.parsed.clear()
    clock.now += timedelta(days=2)
    again = store.add("kompas", [str(tmp_path / "in")], engine=spy.engine)
    assert spy.parsed == []
    assert sorted(again.unchanged) == sorted(first.new) and not again.new and not again.changed
    assert again.skipped_files == 5 and "5 file(s) already added" in again.summary()
    assert rows(store) == held
    build(store, SETTINGS, tmp_path / "two", engine=spy.engine)
    assert feed_bytes(tmp_path / "one") == feed_bytes(tmp_path / "two")

    # One at a time, through add_file, too.
    assert store.add_file("kompas", paths[0], engine=spy.engine).skipped_files == 1
    assert spy.parsed == []


def test_a_changed_page_is_parsed_again(tmp_path, store, clock):
    spy = Spy(helper.make_engine())
    paths = pages(tmp_path / "in", 3)
    store.add("kompas", paths, engine=spy.engine)
    Path(paths[1]).write_text(helper.numbered_page(1, extra=" Tambahan."), encoding="utf-8")
    spy.parsed.clear()
    clock.now += timedelta(hours=1)
    again = store.add("kompas", paths, engine=spy.engine)
    assert [Path(p).name for p in spy.parsed] == ["001.txt"]
    assert len(again.changed) == 1 and len(again.unchanged) == 2 and again.skipped_files == 2


def test_a_touched_page_with_the_same_bytes_is_not_parsed(tmp_path, store):
    spy = Spy(helper.make_engine())
    [path] = pages(tmp_path / "in", 1)
    store.add("kompas", [path], engine=spy.engine)
    Path(path).write_text(Path(path).read_text(encoding="utf-8"), encoding="utf-8")
    stat = Path(path).stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    spy.parsed.clear()
    assert store.add("kompas", [path], engine=spy.engine).skipped_files == 1
    assert spy.parsed == []
    assert store.file_seen("kompas", path)  # the new modification time is recorded


def test_another_plugin_set_or_other_options_parse_again(tmp_path, store):
    [path] = pages(tmp_path / "in", 1)
    spy = Spy(helper.make_engine())
    store.add("kompas", [path], engine=spy.engine)

    class Extra:  # one more plugin installed (no hooks: the articles stay the same)
        pass

    other = Spy(helper.make_engine())
    other.engine.pm.register(Extra(), name="extra")
    assert store.add("kompas", [path], engine=other.engine).skipped_files == 0
    assert len(other.parsed) == 1
    assert store.add("kompas", [path], engine=other.engine).skipped_files == 1
    assert len(other.parsed) == 1

    spy.parsed.clear()  # the first engine again: the page was last read with the other set
    assert store.add("kompas", [path], engine=spy.engine).skipped_files == 0
    for options in ({"url": "https://www.kompas.com/read/2024/03/01/a"}, {"parser": "storetest"},
                    {"content_ids": True}):
        before = len(spy.parsed)
        result = store.add_file("kompas", path, engine=spy.engine, **options)
        assert len(spy.parsed) == before + 1 and result.skipped_files == 0, options


def test_a_page_that_failed_is_read_and_reported_again(tmp_path, store):
    spy = Spy(helper.make_engine())
    bad = tmp_path / "in" / "bad.txt"
    bad.parent.mkdir()
    bad.write_text("Bukan halaman berita sama sekali.\n", encoding="utf-8")
    # A page whose only article the feed gate refuses (no URL and no text).
    empty = tmp_path / "in" / "empty.txt"
    empty.write_text(f"{helper.BOILER}\n\nJudul Saja\n\nKompas.com - 01/02/2024, 10:00 WIB\n"
                     "Rina Wulandari\n\nPenulis\n", encoding="utf-8")
    for _ in range(2):
        spy.parsed.clear()
        result = store.add("kompas", [str(bad), str(empty)], engine=spy.engine)
        assert sorted(Path(p).name for p in spy.parsed) == ["bad.txt", "empty.txt"]
        assert len(result.failed) == 2 and result.skipped_files == 0
        for path in (bad, empty):
            with pytest.raises(WartaError):
                store.add_file("kompas", str(path), engine=spy.engine)


def test_a_removed_or_damaged_article_comes_back_when_its_page_is_added_again(tmp_path, store):
    spy = Spy(helper.make_engine())
    paths = pages(tmp_path / "in", 2)
    first = store.add("kompas", paths, engine=spy.engine)
    removed, damaged = first.new
    assert store.remove(removed, "kompas") == ["kompas"]
    store.db.execute("UPDATE articles SET record = '[]' WHERE id = ?", (damaged,))
    spy.parsed.clear()
    again = store.add("kompas", paths, engine=spy.engine)
    assert len(spy.parsed) == 2
    assert again.new == [removed] and again.changed == [damaged]
    assert sorted(e.id for e in store.entries("kompas")) == sorted(first.new)


def test_a_version_2_store_is_migrated_and_its_files_are_parsed_once_more(tmp_path, clock):
    path = tmp_path / "v2.db"
    db = sqlite3.connect(path)
    for migration in MIGRATIONS[:2]:
        for statement in migration:
            db.execute(statement)
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    [page] = pages(tmp_path / "in", 1)
    spy = Spy(helper.make_engine())
    with Store(path, clock=clock) as store:
        assert store.version == SCHEMA_VERSION == 3
        store.record_file("kompas", FileStamp.of(page))
        assert store.add("kompas", [page], engine=spy.engine).skipped_files == 0  # recorded without a reading
        assert store.add("kompas", [page], engine=spy.engine).skipped_files == 1
        assert len(spy.parsed) == 1


@pytest.mark.parametrize("size", [0, 2000, (1 << 20) + 1])
def test_a_file_stamp_digest_is_the_sha256_of_its_bytes_small_or_large(tmp_path, size):
    import hashlib

    path = tmp_path / "page.txt"
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    path.write_bytes(data)
    stamp = FileStamp.of(path)
    assert stamp.digest == hashlib.sha256(data).hexdigest() and stamp.size == size


def test_upgrading_warta_or_a_plugin_parses_again(tmp_path, store, monkeypatch):
    import warta.subscribing.storefiles as storefiles

    [path] = pages(tmp_path / "in", 1)

    def engine_with(version: str) -> Spy:
        class Extra:
            __version__ = version

        spy = Spy(helper.make_engine())
        spy.engine.pm.register(Extra(), name="extra-parser")
        return spy

    old = engine_with("1.0")
    store.add("kompas", [path], engine=old.engine)
    same = engine_with("1.0")
    assert store.add("kompas", [path], engine=same.engine).skipped_files == 1 and same.parsed == []
    upgraded = engine_with("1.1")
    assert store.add("kompas", [path], engine=upgraded.engine).skipped_files == 0
    assert len(upgraded.parsed) == 1

    monkeypatch.setattr(storefiles, "__version__", "99.0")
    newer = engine_with("1.1")
    assert store.add("kompas", [path], engine=newer.engine).skipped_files == 0
    assert len(newer.parsed) == 1
