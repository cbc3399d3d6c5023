"""`warta watch`: pages appear in an inbox, the feed follows; restarts repeat and lose nothing."""

from __future__ import annotations

import json
import os
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import storetest as helper
from typer.testing import CliRunner
from warta.config import FeedSettings
from warta.store import Store
from warta.watch import Watcher

FIXTURES = Path(__file__).parent / "fixtures" / "store"


CLOCK = lambda: datetime(2024, 3, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def engine():
    return helper.make_engine()


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


def drop(inbox: Path, name: str, text: str) -> Path:
    path = inbox / name
    path.write_text(text, encoding="utf-8")
    return path


def watcher(tmp_path: Path, inbox: Path, engine, store: Store, **options) -> Watcher:
    return Watcher(inbox, FeedSettings(name="kompas"), store, engine=engine,
                   output=tmp_path / "feeds", **options)


def feed_ids(tmp_path: Path) -> list[str]:
    data = json.loads((tmp_path / "feeds" / "kompas" / "feed.json").read_text(encoding="utf-8"))
    return [item["id"] for item in data["items"]]


def test_once_adds_pages_builds_and_moves_failures_aside(tmp_path, inbox, engine):
    drop(inbox, "1.txt", helper.numbered_page(1))
    drop(inbox, "2.txt", helper.numbered_page(2))
    drop(inbox, "catatan.txt", "Catatan belanja: beras, telur, minyak goreng.\n")
    drop(inbox, "notes.pdf", "not a page suffix; ignored")
    with Store(tmp_path / "w.db", clock=CLOCK) as db:
        done = watcher(tmp_path, inbox, engine, db).run_once()
    assert [p.name for p in done.added] == ["1.txt", "2.txt"]
    assert done.built is not None and len(feed_ids(tmp_path)) == 2
    [(moved, _reason)] = done.failed
    assert moved == inbox / "failed" / "catatan.txt" and moved.is_file()
    assert not (inbox / "catatan.txt").exists()
    error = (inbox / "failed" / "catatan.txt.error.txt").read_text(encoding="utf-8")
    assert "no parser recognises" in error and "kompas" in error
    assert (inbox / "notes.pdf").exists()


def test_after_a_restart_nothing_is_processed_twice_and_nothing_is_lost(tmp_path, inbox, engine):
    drop(inbox, "1.txt", helper.numbered_page(1))
    with Store(tmp_path / "w.db", clock=CLOCK) as db:
        first = watcher(tmp_path, inbox, engine, db).run_once()
    assert len(first.added) == 1
    before = (tmp_path / "feeds" / "kompas" / "feed.xml").stat().st_mtime_ns

    drop(inbox, "2.txt", helper.numbered_page(2))  # arrives while warta is down
    one = inbox / "1.txt"
    os.utime(one, ns=(one.stat().st_atime_ns, one.stat().st_mtime_ns + 5_000_000_000))  # touched only
    with Store(tmp_path / "w.db", clock=CLOCK) as db:  # a new process: a new store connection
        second = watcher(tmp_path, inbox, engine, db).run_once()
        assert [p.name for p in second.added] == ["2.txt"]
        assert [p.name for p in second.skipped] == ["1.txt"]
        assert db.feeds() == [("kompas", 2)]
        third = watcher(tmp_path, inbox, engine, db).run_once()
    assert third.added == [] and len(third.skipped) == 2 and third.built is None
    assert len(feed_ids(tmp_path)) == 2
    assert (tmp_path / "feeds" / "kompas" / "feed.xml").stat().st_mtime_ns != before


def test_a_page_edited_in_place_is_processed_again_as_a_change(tmp_path, inbox, engine):
    page = drop(inbox, "1.txt", helper.numbered_page(1))
    with Store(tmp_path / "w.db", clock=CLOCK) as db:
        watch = watcher(tmp_path, inbox, engine, db)
        watch.run_once()
        ids = feed_ids(tmp_path)
        page.write_text(helper.numbered_page(1, extra=" Ralat: 12 bibit."), encoding="utf-8")
        os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 1_000_000_000))
        again = watch.run_once()
    assert again.stored.changed == ids
    item = json.loads((tmp_path / "feeds" / "kompas" / "feed.json").read_text(encoding="utf-8"))["items"][0]
    assert item["id"] == ids[0] and item["date_modified"] == "2024-03-30T07:00:00+07:00"


def test_same_name_failing_twice_does_not_overwrite_the_first_failure(tmp_path, inbox, engine):
    with Store(tmp_path / "w.db", clock=CLOCK) as db:
        watch = watcher(tmp_path, inbox, engine, db)
        drop(inbox, "x.txt", "satu\n")
        watch.run_once()
        drop(inbox, "x.txt", "dua\n")
        watch.run_once()
    assert (inbox / "failed" / "x.txt").read_text(encoding="utf-8") == "satu\n"
    assert (inbox / "failed" / "x-2.txt").read_text(encoding="utf-8") == "dua\n"
    assert (inbox / "failed" / "x-2.txt.error.txt").is_file()


def test_polling_loop_waits_for_a_file_to_settle_and_stops_cleanly(tmp_path, inbox, engine):
    stop = threading.Event()
    with Store(tmp_path / "w.db", clock=CLOCK, timeout=5) as db:
        watch = watcher(tmp_path, inbox, engine, db, stop=stop)
        drop(inbox, "1.txt", helper.numbered_page(1))
        first = watch.run_once(settle=True)
        assert [p.name for p in first.waiting] == ["1.txt"] and not first.added
        second = watch.run_once(settle=True)
        assert [p.name for p in second.added] == ["1.txt"]

    errors: list[BaseException] = []

    def loop() -> None:
        try:
            with Store(tmp_path / "w.db", clock=CLOCK) as own:  # SQLite: one connection a thread
                watcher(tmp_path, inbox, engine, own, stop=stop).run(interval=0.05)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    thread = threading.Thread(target=loop)
    thread.start()
    try:
        drop(inbox, "2.txt", helper.numbered_page(2))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            feed = tmp_path / "feeds" / "kompas" / "feed.json"
            if feed.is_file() and len(feed_ids(tmp_path)) == 2:
                break
            time.sleep(0.05)
        assert len(feed_ids(tmp_path)) == 2
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive() and not errors


def test_watch_command_once(monkeypatch, tmp_path, inbox, engine):
    import warta.cli

    monkeypatch.setattr(warta.cliapp, "_engine", engine)
    monkeypatch.chdir(tmp_path)
    drop(inbox, "1.txt", helper.numbered_page(1))
    drop(inbox, "rusak.txt", "bukan berita\n")
    runner = CliRunner()
    result = runner.invoke(warta.cli.app, ["watch", "inbox", "--feed", "kompas", "--once"])
    assert result.exit_code == 1  # a page failed
    assert "1 page(s) added, 0 already processed, 1 failed" in result.stderr
    assert (tmp_path / "feeds" / "kompas" / "feed.atom").is_file()
    assert (tmp_path / "feeds" / "warta.db").is_file()
    again = runner.invoke(warta.cli.app, ["watch", "inbox", "--feed", "kompas", "--once"])
    assert again.exit_code == 0 and "0 page(s) added, 1 already processed, 0 failed" in again.stderr
    missing = runner.invoke(warta.cli.app, ["watch", "nowhere", "--feed", "kompas", "--once"])
    assert missing.exit_code == 1 and "no such inbox folder" in missing.stderr
