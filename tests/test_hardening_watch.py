"""`warta watch` against pages that break things (issue 9): a parser failing in a way nobody
expected moves that page aside and the watch goes on; Ctrl-C still stops it; a file name
cannot forge lines."""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import storetest as helper
import warta.watch as watch_module
from warta.config import FeedSettings
from warta.store import Store
from warta.watch import Watcher

CLOCK = lambda: datetime(2024, 3, 30, tzinfo=UTC)  # noqa: E731


@pytest.fixture(scope="module")
def engine():
    return helper.make_engine()


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


def make_watcher(tmp_path: Path, inbox: Path, engine, store: Store, **options) -> Watcher:
    return Watcher(inbox, FeedSettings(name="kompas"), store, engine=engine,
                   output=tmp_path / "feeds", **options)


def feed_ids(tmp_path: Path) -> list[str]:
    data = json.loads((tmp_path / "feeds" / "kompas" / "feed.json").read_text(encoding="utf-8"))
    return [item["id"] for item in data["items"]]


def parser_failing_on(monkeypatch, name: str, error: BaseException) -> None:
    """The parser raises ``error`` for the page called ``name``, works for the others."""
    real = watch_module.parse_with

    def parse_with(engine, doc, **options):
        if Path(doc.path).name == name:
            raise error
        return real(engine, doc, **options)

    monkeypatch.setattr(watch_module, "parse_with", parse_with)


def test_a_page_the_parser_chokes_on_moves_aside_and_the_watch_goes_on(tmp_path, inbox, engine,
                                                                      monkeypatch):
    parser_failing_on(monkeypatch, "2.txt", ValueError("All strings must be XML compatible:\n"
                                                       "Unicode or ASCII, no NULL bytes"))
    for number in (1, 2, 3):
        (inbox / f"{number}.txt").write_text(helper.numbered_page(number), encoding="utf-8")
    said: list[str] = []
    stop = threading.Event()
    with Store(tmp_path / "w.db", clock=CLOCK) as db:
        watch = make_watcher(tmp_path, inbox, engine, db, say=said.append, stop=stop)
        done = watch.run_once()
        assert sorted(p.name for p in done.added) == ["1.txt", "3.txt"]
        [(moved, reason)] = done.failed
        assert moved == inbox / "failed" / "2.txt" and not (inbox / "2.txt").exists()
        note = (inbox / "failed" / "2.txt.error.txt").read_text(encoding="utf-8")
        assert note.splitlines() == [
            "warta could not add 2.txt to the feed 'kompas':",
            "could not be processed (ValueError: All strings must be XML compatible: "
            "Unicode or ASCII, no NULL bytes)"]
        assert reason == note.splitlines()[1]
        assert len(feed_ids(tmp_path)) == 2
        assert all("\n" not in line for line in said)

        # the polling loop keeps going past such a page
        (inbox / "2.txt").write_text(helper.numbered_page(2), encoding="utf-8")
        (inbox / "4.txt").write_text(helper.numbered_page(4), encoding="utf-8")
        errors: list[BaseException] = []

        def loop() -> None:
            try:
                with Store(tmp_path / "w.db", clock=CLOCK) as own:
                    make_watcher(tmp_path, inbox, engine, own, stop=stop).run(interval=0.05)
            except BaseException as exc:  # noqa: BLE001
                errors.append(exc)

        thread = threading.Thread(target=loop)
        thread.start()
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and not (inbox / "failed" / "2-2.txt").exists():
                time.sleep(0.05)
            while time.monotonic() < deadline and len(feed_ids(tmp_path)) < 3:
                time.sleep(0.05)
        finally:
            stop.set()
            thread.join(timeout=20)
        assert not thread.is_alive() and not errors
        assert (inbox / "failed" / "2-2.txt.error.txt").is_file()
        assert len(feed_ids(tmp_path)) == 3  # 4.txt went in


def test_ctrl_c_while_parsing_still_stops_the_watch(tmp_path, inbox, engine, monkeypatch):
    parser_failing_on(monkeypatch, "1.txt", KeyboardInterrupt())
    (inbox / "1.txt").write_text(helper.numbered_page(1), encoding="utf-8")
    stop = threading.Event()
    guard = threading.Timer(20, stop.set)  # were the interrupt swallowed, the loop still ends
    guard.start()
    try:
        with Store(tmp_path / "w.db", clock=CLOCK) as db:
            watch = make_watcher(tmp_path, inbox, engine, db, stop=stop)
            with pytest.raises(KeyboardInterrupt):
                watch.run(interval=0.05)
    finally:
        guard.cancel()
    assert (inbox / "1.txt").is_file() and not (inbox / "failed").exists()  # not its fault


def test_a_file_name_holding_a_newline_cannot_forge_lines(tmp_path, inbox, engine):
    bad = "catatan.txt\nwarta: 1.txt: 1 new"
    (inbox / f"{bad}.txt").write_text("Catatan belanja: beras, telur.\n", encoding="utf-8")
    good = "baru\rwarta: forged.txt"
    (inbox / f"{good}.txt").write_text(helper.numbered_page(1), encoding="utf-8")
    said: list[str] = []
    with Store(tmp_path / "w.db", clock=CLOCK) as db:
        done = make_watcher(tmp_path, inbox, engine, db, say=said.append).run_once()
    assert len(done.added) == 1 and len(done.failed) == 1
    assert said and not any(ch in line for line in said for ch in "\n\r")
    about_pages = [line for line in said if "rebuilt" not in line]
    assert len(about_pages) == 2 and all(line.startswith("warta: '") for line in about_pages)
    assert any("/baru\\rwarta: forged.txt.txt': " in line for line in said)
    assert any("/catatan.txt\\nwarta: 1.txt: 1 new.txt': " in line for line in said)
    moved = inbox / "failed" / f"{bad}.txt"
    assert moved.is_file()  # the file keeps its real name
    note = moved.with_name(moved.name + ".error.txt").read_text(encoding="utf-8")
    lines = note.splitlines()
    assert len(lines) == 2 and lines[0] == (
        "warta could not add 'catatan.txt\\nwarta: 1.txt: 1 new.txt' to the feed 'kompas':")
