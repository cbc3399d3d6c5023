"""The feed store: idempotent adds, changed pages, byte-identical rebuilds, concurrency, crashes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import storetest as helper
from typer.testing import CliRunner
from warta import WIB, WartaError
from warta.config import FeedSettings
from warta.store import SCHEMA_VERSION, Store, build

FIXTURES = Path(__file__).parent / "fixtures" / "store"
STORETEST = Path(__file__).parent / "support" / "storetest.py"




class Clock:
    """An injectable clock that the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def engine():
    return helper.make_engine()


@pytest.fixture
def clock():
    return Clock(datetime(2024, 3, 10, 2, 0, tzinfo=UTC))


@pytest.fixture
def store(tmp_path, clock):
    with Store(tmp_path / "feeds" / "warta.db", clock=clock) as db:
        yield db


def write(folder: Path, name: str, text: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


SETTINGS = FeedSettings(name="kompas", title="Kompas uji", base_url="https://feeds.example.org/kompas/")


# -- schema --------------------------------------------------------------------------


def test_new_store_has_schema_version_and_wal(store):
    assert store.version == SCHEMA_VERSION >= 1
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "files"} <= tables


def test_store_from_a_newer_warta_is_refused(tmp_path):
    path = tmp_path / "warta.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(WartaError, match="newer than this warta"):
        Store(path)


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path):
    path = tmp_path / "warta.db"
    path.write_bytes(b"this is not sqlite at all, just some text " * 20)
    with pytest.raises(WartaError, match="not a warta store"):
        Store(path)


def test_an_empty_version_0_database_is_migrated(tmp_path):
    path = tmp_path / "old.db"
    sqlite3.connect(path).close()
    with Store(path) as db:
        assert db.version == SCHEMA_VERSION


# -- adding --------------------------------------------------------------------------


def test_adding_the_same_page_again_changes_nothing(tmp_path, store, engine, clock):
    inbox = tmp_path / "pages"
    first = write(inbox, "a.txt", helper.page("Jembatan Baru Diresmikan", "03/02/2024, 09:15",
                                              ["Warga bersuka cita.", "Anak-anak ikut menyeberang."]))
    result = store.add("kompas", [first], engine=engine)
    assert len(result.new) == 1 and not result.failed
    out = tmp_path / "feeds" / "kompas"
    built = build(store, SETTINGS, out, engine=engine)
    assert sorted(p.name for p in built.changed) == ["feed.atom", "feed.json", "feed.xml"]
    before = snapshot(out)
    row_before = store.db.execute("SELECT record, first_seen, changed FROM articles").fetchall()

    clock.now += timedelta(days=3)
    again = store.add("kompas", [first], engine=engine)
    assert again.unchanged == result.new and not again.new and not again.changed
    copy = write(tmp_path / "elsewhere", "copy.txt", Path(first).read_text(encoding="utf-8"))
    assert store.add("kompas", [copy], engine=engine).unchanged == result.new
    assert store.db.execute("SELECT record, first_seen, changed FROM articles").fetchall() == row_before
    rebuilt = build(store, SETTINGS, out, engine=engine)
    assert rebuilt.changed == []
    assert snapshot(out) == before  # not one byte, not even the modification time


def test_changed_page_keeps_id_and_published_and_gets_updated_from_the_clock(tmp_path, store, engine, clock):
    inbox = tmp_path / "pages"
    path = write(inbox, "a.txt", helper.page("Pasar Terapung Ramai Lagi", "05/02/2024, 14:40",
                                             ["Pedagang kembali berdatangan."]))
    store.add("kompas", [path], engine=engine)
    [original] = store.articles("kompas")
    assert original.updated is None

    clock.now = datetime(2024, 2, 6, 1, 30, tzinfo=UTC)
    write(inbox, "a.txt", helper.page("Pasar Terapung Ramai Lagi", "05/02/2024, 14:40",
                                      ["Pedagang kembali berdatangan.", "Ralat: jumlah perahu 40."]))
    result = store.add("kompas", [path], engine=engine)
    assert result.changed == [original.id]
    [revised] = store.articles("kompas")
    assert revised.id == original.id
    assert revised.published == original.published == datetime(2024, 2, 5, 14, 40, tzinfo=WIB)
    assert revised.updated == clock.now
    assert revised.updated.utcoffset() == timedelta(hours=7)  # shown in the article's own offset
    assert revised.updated.isoformat() == "2024-02-06T08:30:00+07:00"
    assert "Ralat" in revised.text

    out = tmp_path / "out"
    build(store, SETTINGS, out, engine=engine)
    item = json.loads((out / "feed.json").read_text(encoding="utf-8"))["items"][0]
    assert item["id"] == original.id
    assert item["date_published"] == "2024-02-05T14:40:00+07:00"
    assert item["date_modified"] == "2024-02-06T08:30:00+07:00"
    assert b"<updated>2024-02-06T08:30:00+07:00</updated>" in (out / "feed.atom").read_bytes()


def test_rebuild_from_a_reopened_store_with_another_clock_is_byte_identical(tmp_path, engine, clock):
    path = tmp_path / "warta.db"
    page = write(tmp_path / "in", "a.txt", helper.page("Kebun Sekolah Panen", "07/02/2024, 07:05",
                                                       ["Sayur dipanen siswa."]))
    with Store(path, clock=clock) as db:
        db.add("kompas", [page], engine=engine)
        clock.now += timedelta(hours=5)
        write(tmp_path / "in", "a.txt", helper.page("Kebun Sekolah Panen", "07/02/2024, 07:05",
                                                    ["Sayur dipanen siswa.", "Tambahan."]))
        db.add("kompas", [page], engine=engine)
        build(db, SETTINGS, tmp_path / "one", engine=engine)
    later = Clock(datetime(2030, 1, 1, tzinfo=UTC))
    with Store(path, clock=later) as db:
        build(db, SETTINGS, tmp_path / "two", engine=engine)
    for name in ("feed.xml", "feed.atom", "feed.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert b"2030" not in (tmp_path / "two" / "feed.atom").read_bytes()


def test_two_copies_of_one_article_do_not_flip_the_feed_on_every_add(tmp_path, store, engine, clock):
    """An excerpt and the whole page of one article: after both were seen, adds change nothing."""
    short = write(tmp_path / "a", "short.txt", helper.page("Banjir Surut di Kampung Melayu", "08/02/2024, 06:00",
                                                           ["Air mulai surut."]))
    full = write(tmp_path / "b", "full.txt", helper.page("Banjir Surut di Kampung Melayu", "08/02/2024, 06:00",
                                                         ["Air mulai surut.", "Warga membersihkan rumah."]))
    first = store.add("kompas", [short, full], engine=engine)
    assert len(first.new) == 1 and first.changed == []  # one new article, not "new then updated"
    assert first.merged == first.new and "1 copy/copies merged" in first.summary()
    assert store.articles("kompas")[0].updated is None
    out = tmp_path / "out"
    build(store, SETTINGS, out, engine=engine)
    before = snapshot(out)
    for _round in range(2):
        clock.now += timedelta(hours=1)
        again = store.add("kompas", [short, full], engine=engine)
        assert again.unchanged == first.new * 2 and not again.changed
    assert build(store, SETTINGS, out, engine=engine).changed == []
    assert snapshot(out) == before
    assert "Warga membersihkan rumah." in store.articles("kompas")[0].text  # the last one added


def test_a_version_1_store_is_migrated_in_place(tmp_path, engine, clock):
    from warta.store import MIGRATIONS

    path = tmp_path / "v1.db"
    db = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        db.execute(statement)
    db.execute("INSERT INTO articles VALUES ('kompas', 'tag:x,2024-01-01:a', '{\"id\": \"tag:x,2024-01-01:a\"}', "
               "'d1', NULL, '2024-01-01T00:00:00+00:00', '2024-01-01T00:00:00+00:00')")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with Store(path, clock=clock) as store:
        assert store.version == SCHEMA_VERSION == 3
        assert store.db.execute("SELECT feed, id, digest FROM versions").fetchall() == [
            ("kompas", "tag:x,2024-01-01:a", "d1")]
        assert store.entries("kompas")[0].id == "tag:x,2024-01-01:a"


def test_a_newer_update_time_printed_on_the_page_wins_over_the_clock(store, clock):
    first = helper.make_engine().parse_document(_doc(helper.page(
        "Harga Cabai Turun", "01/02/2024, 10:00", ["Harga turun."])))
    store.put("kompas", first)
    again = helper.make_engine().parse_document(_doc(helper.page(
        "Harga Cabai Turun", "01/02/2024, 10:00", ["Harga turun tajam."])))
    again[0].updated = datetime(2024, 2, 1, 15, 0, tzinfo=WIB)
    store.put("kompas", again)
    [stored] = store.articles("kompas")
    assert stored.updated == datetime(2024, 2, 1, 15, 0, tzinfo=WIB)


def test_naive_clock_is_refused(tmp_path, engine):
    with Store(tmp_path / "w.db", clock=lambda: datetime(2024, 1, 1)) as db, \
            pytest.raises(ValueError, match="timezone-aware"):
        db.put("kompas", [])


def _doc(text: str):
    from warta.loaders import load_bytes

    return load_bytes(text.encode("utf-8"), path="page.txt")


def test_feed_holds_the_newest_limit_items_and_old_ones_stay_in_the_store(tmp_path, store, engine):
    paths = [write(tmp_path / "in", f"{n}.txt", helper.numbered_page(n)) for n in range(1, 8)]
    store.add("kompas", paths, engine=engine)
    settings = FeedSettings(name="kompas", limit=3)
    result = build(store, settings, tmp_path / "out", engine=engine)
    assert result.items == 3
    items = json.loads((tmp_path / "out" / "feed.json").read_text(encoding="utf-8"))["items"]
    newest = store.articles("kompas", 3)
    assert [i["id"] for i in items] == [a.id for a in newest]
    dates = [a.published for a in store.articles("kompas")]
    assert dates == sorted(dates, reverse=True) and len(dates) == 7


def test_failures_are_reported_per_input_and_the_rest_is_stored(tmp_path, store, engine):
    good = write(tmp_path / "in", "good.txt", helper.numbered_page(1))
    bad = write(tmp_path / "in", "bad.txt", "Catatan belanja: beras, telur.\n")
    result = store.add("kompas", [good, bad, str(tmp_path / "missing.txt")], engine=engine)
    assert len(result.new) == 1
    messages = sorted(str(e) for e in result.failed)
    assert any("bad.txt" in m and "no parser recognises" in m for m in messages)
    assert any("missing.txt" in m for m in messages)


def test_remove_and_entries(tmp_path, store, engine):
    paths = [write(tmp_path / "in", f"{n}.txt", helper.numbered_page(n)) for n in (1, 2)]
    store.add("kompas", paths, engine=engine)
    store.add("lain", paths[:1], engine=engine)
    entries = store.entries("kompas")
    assert [e.title for e in entries] == [a.title for a in store.articles("kompas")]
    assert store.feeds() == [("kompas", 2), ("lain", 1)]
    assert store.remove(entries[0].id, "kompas") == ["kompas"]
    assert store.remove("tag:nothing,2024-01-01:x") == []
    assert [e.id for e in store.entries("kompas")] == [entries[1].id]


def test_bad_feed_name_is_refused(store):
    with pytest.raises(WartaError, match="bad feed name"):
        store.put("../etc", [])


# -- crashes -------------------------------------------------------------------------


class ExplodingWriter:
    """Renders fine for the first feeds, then fails: as a crash in the middle of a build."""

    filename = "feed.boom"
    media_type = "text/plain"

    def render(self, feed):
        raise RuntimeError("disk on fire")


def test_a_writer_that_fails_midway_leaves_the_previous_files_intact(tmp_path, clock):
    eng = helper.make_engine({"boom": ExplodingWriter()})
    with Store(tmp_path / "w.db", clock=clock) as db:
        db.add("kompas", [write(tmp_path / "in", "1.txt", helper.numbered_page(1))], engine=eng)
        out = tmp_path / "out"
        build(db, SETTINGS, out, engine=eng)
        before = snapshot(out)
        db.add("kompas", [write(tmp_path / "in", "2.txt", helper.numbered_page(2))], engine=eng)
        broken = FeedSettings(name="kompas", formats=("rss", "atom", "boom", "json"))
        with pytest.raises(WartaError, match="the feed.boom writer failed: RuntimeError: disk on fire"):
            build(db, broken, out, engine=eng)
        assert snapshot(out) == before


KILL_SCRIPT = textwrap.dedent("""
    import sys, time, importlib.util
    spec = importlib.util.spec_from_file_location("warta_store_helper", sys.argv[1])
    helper = importlib.util.module_from_spec(spec); spec.loader.exec_module(helper)
    from warta.config import FeedSettings
    from warta.store import Store, build

    class SlowWriter:
        filename = "feed.slow"
        media_type = "text/plain"
        def render(self, feed):
            print("rendering", flush=True)
            time.sleep(60)
            return b""

    eng = helper.make_engine({"slow": SlowWriter()})
    with Store(sys.argv[2]) as db:
        build(db, FeedSettings(name="kompas", formats=("rss", "atom", "json", "slow")), sys.argv[3], engine=eng)
""")


def test_a_build_killed_midway_leaves_the_previous_files_intact(tmp_path, engine, clock):
    db_path, out = tmp_path / "w.db", tmp_path / "out"
    with Store(db_path, clock=clock) as db:
        db.add("kompas", [write(tmp_path / "in", "1.txt", helper.numbered_page(1))], engine=engine)
        build(db, FeedSettings(name="kompas"), out, engine=engine)
        db.add("kompas", [write(tmp_path / "in", "2.txt", helper.numbered_page(2))], engine=engine)
    before = snapshot(out)
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(STORETEST),
                             str(db_path), str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "rendering"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    left = [p for p in out.iterdir() if p.name.startswith(".")]
    assert {k: v for k, v in snapshot(out).items() if not k.startswith(".")} == before
    # The killed run's temporary files (named after its process) go with the next build,
    # once they have not changed for a minute.
    for path in left:
        os.utime(path, (time.time() - 120, time.time() - 120))
    with Store(db_path, clock=clock) as db:
        build(db, FeedSettings(name="kompas"), out, engine=engine)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


# -- two processes at once -------------------------------------------------------------

ADD_SCRIPT = textwrap.dedent("""
    import os, sys, time, importlib.util
    spec = importlib.util.spec_from_file_location("warta_store_helper", sys.argv[1])
    helper = importlib.util.module_from_spec(spec); spec.loader.exec_module(helper)
    import warta.cli
    warta.cliapp._engine = helper.make_engine()
    go = sys.argv[3]
    open(go + "." + str(os.getpid()), "w").close()   # ready
    while not os.path.exists(go):                     # both start adding at the same moment
        time.sleep(0.005)
    sys.argv = ["warta", "add", "--feed", "kompas", "--store", sys.argv[2], "-q", *sys.argv[4:]]
    warta.cli.main()
""")


def test_two_warta_add_processes_at_once_lose_nothing(tmp_path):
    db_path = tmp_path / "feeds" / "warta.db"
    db_path.parent.mkdir()  # a --store the user names must be in an existing folder
    groups = [[write(tmp_path / f"in{g}", f"{n}.txt", helper.numbered_page(n))
               for n in range(g * 40 + 1, g * 40 + 41)] for g in (0, 1)]
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", ADD_SCRIPT, str(STORETEST),
                               str(db_path), str(go), *paths], stderr=subprocess.PIPE, text=True)
             for paths in groups]
    deadline = time.monotonic() + 30
    while len(list(tmp_path.glob("go.*"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()
    errors = [p.communicate(timeout=60)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    with Store(db_path) as db:
        assert db.feeds() == [("kompas", 80)]
        assert len({e.id for e in db.entries("kompas")}) == 80


# -- the command line ------------------------------------------------------------------


@pytest.fixture
def cli(monkeypatch, engine, tmp_path):
    """Run `warta ...` in-process with the tiny engine, in tmp_path."""
    return helper.cli_runner(monkeypatch, tmp_path, engine)


def test_cli_add_build_list_remove(cli, tmp_path):
    pages = [write(tmp_path / "pages", f"{n}.txt", helper.numbered_page(n)) for n in (1, 2, 3)]
    result = cli("add", *pages, "--feed", "kompas")
    assert result.exit_code == 0, result.output
    assert "3 new" in result.stderr and "feeds/warta.db" in result.stderr
    assert cli("add", pages[0], "--feed", "kompas").stderr.count("1 unchanged") == 1

    result = cli("build", "kompas", "--base-url", "https://feeds.example.org/")
    assert result.exit_code == 0, result.output
    feed = tmp_path / "feeds" / "kompas"
    assert b"https://feeds.example.org/kompas/feed.xml" in (feed / "feed.xml").read_bytes()
    before = snapshot(feed)
    assert "no file changed" in cli("build", "kompas", "--base-url", "https://feeds.example.org/").stderr
    assert snapshot(feed) == before

    listed = cli("list", "kompas")
    lines = listed.stdout.splitlines()
    assert len(lines) == 3 and all(len(line.split("\t")) == 3 for line in lines)
    ident = lines[0].split("\t")[1]
    assert json.loads(cli("list", "kompas", "--json").stdout.splitlines()[0])["id"] == ident
    assert cli("list").stdout == "kompas\t3\n"

    assert cli("remove", ident).exit_code == 0
    assert len(cli("list", "kompas").stdout.splitlines()) == 2
    missing = cli("remove", ident)
    assert missing.exit_code == 1 and "no article with id" in missing.stderr
    cli("build", "kompas")
    assert ident.encode() not in (feed / "feed.json").read_bytes()


def test_cli_errors_are_one_line(cli, tmp_path):
    for args, expected in [
        (("list",), "no feed store here yet"),
        (("add", "nothing.txt", "--feed", "kompas"), "no such file or folder"),
        (("add", "x.txt", "--feed", "../up"), "bad feed name"),
        (("build", "kompas", "--hub", "https://hub.example.org/"), "needs --base-url"),
        (("list", "unknown"), "no feed named 'unknown'"),
    ]:
        result = cli(*args)
        assert result.exit_code != 0, args
        assert expected in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output
        assert len(result.stderr.strip().splitlines()) <= 2


def test_cli_add_with_a_url_map(cli, tmp_path):
    pages = [write(tmp_path / "p", f"{n}.txt", helper.numbered_page(n)) for n in (1, 2)]
    (tmp_path / "p" / "urls.jsonl").write_text(
        '{"file": "1.txt", "url": "https://regional.kompas.com/read/2024/03/02/09010011/satu"}\n'
        '{"file": "2.txt", "url": "https://regional.kompas.com/read/2024/03/03/10020011/dua"}\n',
        encoding="utf-8")
    result = cli("add", *pages, "--feed", "kompas", "--urls", "p/urls.jsonl")
    assert result.exit_code == 0, result.output
    ids = {line.split("\t")[1] for line in cli("list", "kompas").stdout.splitlines()}
    assert ids == {"https://regional.kompas.com/read/2024/03/02/09010011/satu",
                   "https://regional.kompas.com/read/2024/03/03/10020011/dua"}


def test_cli_build_without_name_builds_every_feed_in_the_store(cli, tmp_path):
    one = write(tmp_path / "p", "1.txt", helper.numbered_page(1))
    two = write(tmp_path / "p", "2.txt", helper.numbered_page(2))
    assert cli("add", one, "--feed", "satu", "-o", "public").exit_code == 0
    assert cli("add", two, "--feed", "dua", "-o", "public").exit_code == 0
    result = cli("build", "-o", "public")
    assert result.exit_code == 0, result.output
    for name in ("satu", "dua"):
        assert (tmp_path / "public" / name / "feed.atom").is_file()
    assert (tmp_path / "public" / "warta.db").is_file() and not (tmp_path / "feeds").exists()


# -- with the real Kompas parser ---------------------------------------------------------


def test_cli_with_the_real_kompas_parser(monkeypatch, tmp_path):
    """End to end through the command line with the installed plugins (no tiny parser)."""
    import warta.cli
    from warta import Engine

    real = Engine()
    monkeypatch.setattr(warta.cliapp, "_engine", real)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    pages = [str(FIXTURES / f"{n}.txt") for n in ("jembatan", "pasar", "kebun")]
    added = runner.invoke(warta.cli.app, ["add", *pages, "--feed", "kompas"])
    assert added.exit_code == 0, added.output
    assert runner.invoke(warta.cli.app, ["build"]).exit_code == 0
    folder = tmp_path / "feeds" / "kompas"
    first = snapshot(folder)
    feed = json.loads((folder / "feed.json").read_text(encoding="utf-8"))
    assert [i["title"] for i in feed["items"]] == [
        "Kebun Sekolah Panen Sayur untuk Makan Siang Siswa",
        "Pasar Terapung Kembali Ramai Setelah Sungai Dikeruk",
        "Jembatan Gantung Baru Hubungkan Dua Desa di Lereng Merapi",
    ]
    assert feed["items"][0]["date_published"] == "2024-02-07T07:05:00+07:00"
    again = runner.invoke(warta.cli.app, ["add", *pages, "--feed", "kompas"])
    assert "3 unchanged" in again.stderr
    assert runner.invoke(warta.cli.app, ["build", "kompas"]).exit_code == 0
    assert snapshot(folder) == first


def test_revise_keeps_the_first_date_with_how_it_is_known():
    from warta import Article
    from warta.store import revise

    old = Article(title="Lama", id="https://contoh.example/a", published=datetime(2024, 3, 1, tzinfo=WIB),
                  published_source="url", published_precision="day")
    new = Article(title="Baru", id="https://contoh.example/a", published=datetime(2024, 3, 1, 9, 30, tzinfo=WIB),
                  published_source="page", published_precision="time")
    now = datetime(2024, 3, 2, 8, 0, tzinfo=UTC)
    revised = revise(old, new, now)
    assert (revised.published, revised.published_source, revised.published_precision) == (
        old.published, "url", "day")
    undated = revise(Article(title="Lama", id="x"), Article(title="Baru", id="x", published=new.published,
                                                             published_source="page",
                                                             published_precision="time"), now)
    assert (undated.published_source, undated.published_precision) == ("page", "time")


def test_list_json_escapes_characters_that_split_lines(tmp_path):
    from warta import Article, Author, Block
    from warta.cli import app

    item = Article(title="Baris\u2028dua\u2029tiga", id="https://contoh.example/b", url="https://contoh.example/b",
                   site="contoh.example", published=datetime(2024, 3, 1, 9, 0, tzinfo=WIB),
                   authors=[Author("Rina")], body=[Block("paragraph", "Isi berita yang cukup panjang.")])
    with Store(tmp_path / "s.db") as db:
        db.put("contoh", [item])
    result = CliRunner().invoke(app, ["list", "contoh", "--json", "--store", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    (row,) = result.stdout.splitlines()  # str.splitlines splits on U+2028 too
    assert "\\u2028" in row and json.loads(row)["title"] == item.title
