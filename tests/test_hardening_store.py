"""Issue 9, the store side: damaged rows, rows no writer can render, read-only stores.

A row damaged by hand (or written by a broken tool, or by a warta before the feed gate
existed) never stops ``warta list`` or ``warta build``: it is skipped with one line naming
its id, and the other rows are listed and built. Reading commands open the store read-only:
they never change its bytes or mtime, never leave -wal/-shm files beside it, and work when
the file and its folder cannot be written.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from warta import WIB, Article, Block, WartaError
from warta.cli import app
from warta.store import Store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "pages"
ATOM = "{http://www.w3.org/2005/Atom}"
runner = CliRunner()


def run(*args):
    result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def store(tmp_path) -> Path:
    """A store holding the three example pages in feed 'berita'."""
    path = tmp_path / "warta.db"
    result = run("add", EXAMPLES, "--feed", "berita", "--store", path, "-q")
    assert result.exit_code == 0, result.stderr
    return path


def ids_of(store: Path) -> list[str]:
    db = sqlite3.connect(store)
    try:
        return [r[0] for r in db.execute("SELECT id FROM articles WHERE feed = 'berita' ORDER BY id")]
    finally:
        db.close()


def set_record(store: Path, ident: str, record: object) -> None:
    db = sqlite3.connect(store)
    db.execute("PRAGMA synchronous = OFF")
    with db:
        db.execute("UPDATE articles SET record = ? WHERE feed = 'berita' AND id = ?", (record, ident))
    db.close()


def insert_record(store: Path, record: dict) -> None:
    """Put a row in the store by SQL, as an older warta (before the feed gate) could have."""
    db = sqlite3.connect(store)
    with db:
        db.execute("INSERT INTO articles (feed, id, record, digest, sort_ts, first_seen, changed) "
                   "VALUES ('berita', ?, ?, 'x', 0, '2024-01-01T00:00:00+00:00', "
                   "'2024-01-01T00:00:00+00:00')", (record["id"], json.dumps(record)))
    db.close()


def built_ids(folder: Path) -> dict[str, list[str]]:
    atom = etree.fromstring((folder / "feed.atom").read_bytes())
    rss = etree.fromstring((folder / "feed.xml").read_bytes())
    return {
        "feed.xml": [g.text for g in rss.iter("guid")],
        "feed.atom": [e.findtext(f"{ATOM}id") for e in atom.iter(f"{ATOM}entry")],
        "feed.json": [i["id"] for i in json.loads((folder / "feed.json").read_bytes())["items"]],
    }


def good_record(ident: str) -> dict:
    return {"id": ident, "url": ident, "title": "Judul", "body": [{"kind": "paragraph", "text": "x"}],
            "published": "2024-01-01T10:00:00+07:00"}


DAMAGE = {
    "truncated JSON": "{",
    "a JSON list": "[]",
    "a JSON number": "5",
    "JSON null": "null",
    "a number as title": json.dumps({"id": "x", "title": 5}),
    "a string as body": json.dumps({"id": "x", "title": "t", "body": "teks"}),
    "a block without text": json.dumps({"id": "x", "body": [{"kind": "paragraph"}]}),
    "an unknown block field": json.dumps({"id": "x", "body": [{"kind": "p", "text": "t", "x": 1}]}),
    "a number as author": json.dumps({"id": "x", "authors": [1]}),
    "a date that is no date": json.dumps({"id": "x", "title": "t", "published": "kemarin"}),
    "a date without offset": json.dumps({"id": "x", "title": "t", "published": "2024-01-01T10:00:00"}),
    "a page number as text": json.dumps({"id": "x", "title": "t", "page": "2"}),
    "tags as a string": json.dumps({"id": "x", "title": "t", "tags": 7}),
    "deep nesting": "[" * 100_000,
    "bytes that are not UTF-8": b"\xff\xfe{",
    "an integer column": 12,
}


@pytest.mark.parametrize("damage", list(DAMAGE.values()), ids=list(DAMAGE))
def test_list_and_build_skip_a_damaged_row_naming_its_id(store, tmp_path, damage):
    ids = ids_of(store)
    victim = ids[1]
    set_record(store, victim, damage)

    listed = run("list", "berita", "--store", store)
    shown = [line.split("\t")[1] for line in listed.stdout.splitlines()]
    assert sorted(shown) == sorted(set(ids) - {victim})
    as_json = run("list", "berita", "--store", store, "--json")
    assert sorted(json.loads(line)["id"] for line in as_json.stdout.splitlines()) == sorted(shown)
    for result in (listed, as_json):
        assert result.exit_code == 1
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and repr(victim) in lines[0] and "damaged" in lines[0], lines

    out = tmp_path / "feeds"
    built = run("build", "berita", "--store", store, "-o", out, "-q")
    assert built.exit_code == 1
    lines = built.stderr.splitlines()
    assert len(lines) == 1 and repr(victim) in lines[0] and "damaged" in lines[0], lines
    for name, found in built_ids(out / "berita").items():
        assert sorted(found) == sorted(set(ids) - {victim}), name


def test_every_row_damaged_is_one_line_and_writes_nothing(store, tmp_path):
    for ident in ids_of(store):
        set_record(store, ident, "{")
    built = run("build", "berita", "--store", store, "-o", tmp_path / "feeds")
    assert built.exit_code == 1
    assert len(built.stderr.splitlines()) == 1
    assert "none of its 3 stored article(s) can be built" in built.stderr
    assert not (tmp_path / "feeds").exists()
    listed = run("list", "berita", "--store", store)
    assert listed.exit_code == 1 and listed.stdout == ""
    assert len(listed.stderr.splitlines()) == 3


def test_adding_the_page_again_repairs_a_damaged_row(store, tmp_path):
    victim = ids_of(store)[0]
    set_record(store, victim, "[]")
    assert run("add", EXAMPLES, "--feed", "berita", "--store", store, "-q").exit_code == 0
    listed = run("list", "berita", "--store", store)
    assert listed.exit_code == 0 and listed.stderr == ""
    assert victim in listed.stdout


def test_a_stored_article_with_neither_url_nor_text_is_skipped_by_build(store, tmp_path):
    """An older store holds a title-and-date-only article: build used to fail on every run
    (Atom's writer raised) until it was removed by hand."""
    bare = Article(title="Judul Berita Tanpa Apa", id="tag:detik.com,2024-01-01:judul-berita-tanpa-apa",
                   site="detik.com", published=datetime(2024, 1, 1, 10, tzinfo=WIB))
    insert_record(store, bare.to_dict())
    ids = ids_of(store)
    out = tmp_path / "feeds"
    built = run("build", "berita", "--store", store, "-o", out, "-q")
    assert built.exit_code == 1
    lines = built.stderr.splitlines()
    assert len(lines) == 1, lines
    assert repr(bare.id) in lines[0] and "no URL and no text" in lines[0]
    for found in built_ids(out / "berita").values():
        assert sorted(found) == sorted(set(ids) - {bare.id})
    listed = run("list", "berita", "--store", store)
    assert listed.exit_code == 0 and bare.id in listed.stdout  # listed, so it can be removed
    assert run("remove", bare.id, "--store", store, "-q").exit_code == 0
    assert run("build", "berita", "--store", store, "-o", out, "-q").exit_code == 0


def test_a_stored_article_with_a_hostile_url_is_built_without_it_or_skipped_by_id(store, tmp_path):
    good = ids_of(store)
    with_text = good_record("https://contoh.example/baik")
    with_text.update(url="javascript:alert(1)", title="Tautan jahat")
    insert_record(store, with_text)
    hostile_id = {"id": "javascript:alert(2)", "url": "javascript:alert(2)", "title": "Id jahat",
                  "published": "2024-01-02T10:00:00+07:00",
                  "body": [{"kind": "paragraph", "text": "teks"}]}
    insert_record(store, hostile_id)
    out = tmp_path / "feeds"
    built = run("build", "berita", "--store", store, "-o", out, "-q")
    assert built.exit_code == 1
    lines = built.stderr.splitlines()
    assert len(lines) == 1 and repr("javascript:alert(2)") in lines[0], lines
    for name, found in built_ids(out / "berita").items():
        assert sorted(found) == sorted(good + ["https://contoh.example/baik"]), name
    for data in (out / "berita" / n for n in ("feed.xml", "feed.atom", "feed.json")):
        assert b"javascript:" not in data.read_bytes()


def test_damaged_rows_through_the_api(tmp_path):
    with Store(tmp_path / "warta.db") as db:
        db.put("berita", [Article(title="A", id="https://contoh.example/a", url="https://contoh.example/a",
                                  body=[Block("paragraph", "a")]),
                          Article(title="B", id="https://contoh.example/b", url="https://contoh.example/b",
                                  body=[Block("paragraph", "b")])])
    set_record(tmp_path / "warta.db", "https://contoh.example/a", "{")
    with Store(tmp_path / "warta.db", readonly=True) as db:
        with pytest.raises(WartaError, match="'https://contoh.example/a'.*damaged"):
            db.articles("berita")
        skipped: list[WartaError] = []
        assert [a.id for a in db.articles("berita", skipped=skipped)] == ["https://contoh.example/b"]
        assert len(skipped) == 1 and str(skipped[0]).startswith(str(tmp_path / "warta.db") + ": ")
        skipped.clear()
        assert [e.id for e in db.entries("berita", skipped=skipped)] == ["https://contoh.example/b"]
        assert len(skipped) == 1


# -- read-only -------------------------------------------------------------------------


def state(store: Path) -> tuple:
    return (store.read_bytes(), store.stat().st_mtime_ns,
            sorted(p.name for p in store.parent.iterdir() if p.name.startswith(store.name)))


def test_reading_commands_leave_the_store_exactly_as_it_was(store, tmp_path):
    before = state(store)
    assert before[2] == ["warta.db"]
    for args in (["list"], ["list", "berita"], ["list", "berita", "--json"],
                 ["build", "berita", "-o", tmp_path / "feeds", "-q"],
                 ["build", "-o", tmp_path / "feeds", "-q"]):
        result = run(*args, "--store", store)
        assert result.exit_code == 0, (args, result.stderr)
        assert state(store) == before, args


def test_a_readonly_store_refuses_writes_with_one_line(store):
    before = state(store)
    with Store(store, readonly=True) as db:
        assert len(db.articles("berita")) == 3
        with pytest.raises(WartaError) as caught:
            db.put("berita", [Article(title="A", id="https://contoh.example/a",
                                      url="https://contoh.example/a")])
        assert str(caught.value).startswith(f"{store}: ")
        with pytest.raises(WartaError):
            db.remove(ids_of(store)[0])
    assert state(store) == before and len(ids_of(store)) == 3


def test_reading_while_another_process_writes(store, tmp_path):
    """A writer holds the store open (its -wal and -shm exist): list and build still read,
    and see what it committed."""
    with Store(store) as writer:
        writer.put("berita", [Article(title="Baru", id="https://contoh.example/baru",
                                      url="https://contoh.example/baru",
                                      published=datetime(2025, 1, 1, tzinfo=WIB),
                                      body=[Block("paragraph", "teks baru")])])
        listed = run("list", "berita", "--store", store)
        assert listed.exit_code == 0 and "https://contoh.example/baru" in listed.stdout
        built = run("build", "berita", "--store", store, "-o", tmp_path / "feeds", "-q")
        assert built.exit_code == 0, built.stderr
        assert "https://contoh.example/baru" in built_ids(tmp_path / "feeds" / "berita")["feed.json"]
        assert len(writer.articles("berita")) == 4


WARTA_CLI = [sys.executable, "-c", "from warta.cli import main; main()"]
#: Root writes into read-only folders; without these capabilities it obeys the modes.
DROP_DAC = ["setpriv", "--bounding-set=-dac_override,-dac_read_search",
            "--inh-caps=-dac_override,-dac_read_search"]


def unprivileged() -> list[str] | None:
    """A command prefix under which file modes are obeyed: nothing for an ordinary user,
    setpriv without the DAC capabilities for root; None when neither is possible."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        return None
    probe = subprocess.run([*DROP_DAC, "true"], capture_output=True)
    return DROP_DAC if probe.returncode == 0 else None


@pytest.fixture
def read_only_store(store, tmp_path):
    """The store with its file (0444) and folder (0555) read-only; modes restored after."""
    prefix = unprivileged()
    if prefix is None:
        pytest.skip("running as root without setpriv: no way to make a folder read-only")
    store.chmod(0o444)
    store.parent.chmod(0o555)
    yield prefix, store
    store.parent.chmod(0o755)
    store.chmod(0o644)


#: Runs warta commands (one JSON list of argument lists) in one process, printing
#: [exit status, stdout, stderr] of each: one interpreter start for all of them.
RUN_COMMANDS = """
import json, sys
from typer.testing import CliRunner
from warta.cli import app
runner = CliRunner()
results = []
for args in json.loads(sys.argv[1]):
    result = runner.invoke(app, args)
    results.append([result.exit_code, result.stdout, result.stderr, repr(result.exception)])
print(json.dumps(results))
"""


def test_a_store_whose_file_and_folder_are_read_only(read_only_store, tmp_path_factory):
    prefix, store = read_only_store
    before = state(store)
    out = tmp_path_factory.mktemp("out")
    assert subprocess.run([*prefix, "touch", str(store.parent / "probe")],
                          capture_output=True).returncode != 0  # really read-only
    commands = [["list", "berita"], ["build", "berita", "-o", out, "-q"],
                ["add", EXAMPLES, "--feed", "berita"],
                # feeds into a folder that cannot be written: one line, nothing left behind
                ["build", "berita", "-o", store.parent, "-q"]]
    done = subprocess.run([*prefix, sys.executable, "-c", RUN_COMMANDS,
                           json.dumps([[*map(str, c), "--store", str(store)] for c in commands])],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    (listed, built, added, denied) = json.loads(done.stdout)
    assert listed[0] == 0 and len(listed[1].splitlines()) == 3, listed
    assert built[0] == 0, built
    assert len(json.loads((out / "berita" / "feed.json").read_bytes())["items"]) == 3
    for result in (added, denied):
        assert result[0] == 1 and "Traceback" not in result[2], result
    assert [line for line in added[2].splitlines() if not line.startswith("warta: feed")] == [
        f"warta: {store}: store error: attempt to write a readonly database"], added
    assert denied[2].splitlines() == [
        f"warta: {store.parent / 'berita' / 'feed.xml'}: cannot write: Permission denied"], denied
    assert state(store) == before


def test_a_store_in_a_folder_sqlite_cannot_write_to(store, tmp_path, monkeypatch):
    """SQLite cannot create the -shm file beside a store in a read-only folder: 'unable to
    open database file' on the first read. The store is then opened immutable."""
    import warta.store as store_module

    real = sqlite3.connect
    opened = []

    class NoShm:
        def __init__(self, db):
            self.db = db

        def execute(self, *args):
            raise sqlite3.OperationalError("unable to open database file")

        def close(self):
            self.db.close()

    def connect(target, *args, **kwargs):
        opened.append(str(target))
        db = real(target, *args, **kwargs)
        return db if "immutable=1" in str(target) else NoShm(db)

    monkeypatch.setattr(store_module.sqlite3, "connect", connect)
    before = state(store)
    listed = run("list", "berita", "--store", store)
    assert listed.exit_code == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == 3
    assert opened[-1].endswith("immutable=1")
    assert state(store) == before


@pytest.mark.parametrize(("content", "message"), [
    (b"", "not a warta store"),
    (b"this is not a database at all" * 200, "not a warta store"),
])
def test_reading_a_file_that_is_no_store_is_one_line(tmp_path, content, message):
    path = tmp_path / "warta.db"
    path.write_bytes(content)
    for args in (["list"], ["build", "berita", "-o", tmp_path / "feeds"]):
        result = run(*args, "--store", path)
        assert result.exit_code == 1
        assert len(result.stderr.splitlines()) == 1 and message in result.stderr, result.stderr
        assert path.read_bytes() == content
        assert sorted(p.name for p in tmp_path.iterdir()) == ["warta.db"]


# -- a full disk under the store -------------------------------------------------------


def test_a_full_store_names_each_page_not_added_and_loses_nothing(store, tmp_path, monkeypatch):
    """SQLite's 'database or disk is full' (simulated by capping the store's pages): one
    line per page naming it and the store; what was in the store stays, and the pages are
    not recorded as added, so the next add (with room again) adds them."""
    import warta.store as store_module

    fixtures = Path(__file__).parent / "fixtures" / "store"
    pages = tmp_path / "more"
    pages.mkdir()
    for name in ("jembatan.txt", "kebun.txt", "pasar.txt"):
        (pages / name).write_bytes((fixtures / name).read_bytes())
    before = ids_of(store)
    real = store_module.Store._connect

    def full(self):
        db = real(self)
        db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
        return db

    monkeypatch.setattr(store_module.Store, "_connect", full)
    result = run("add", pages, "--feed", "berita", "--store", store)
    monkeypatch.undo()
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if not line.startswith("warta:")]
    assert sorted(lines) == sorted(f"{pages / name}: not added: {store}: store error: "
                                   "database or disk is full" for name in
                                   ("jembatan.txt", "kebun.txt", "pasar.txt"))
    assert ids_of(store) == before
    again = run("add", pages, "--feed", "berita", "--store", store)
    assert again.exit_code == 0, again.stderr
    assert "3 new" in again.stderr and len(ids_of(store)) == 6


# -- fuzzing stored records ------------------------------------------------------------

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from warta.config import FeedSettings  # noqa: E402
from warta.engine import default_engine  # noqa: E402
from warta.store import build  # noqa: E402

FUZZ = settings(max_examples=int(os.environ.get("WARTA_FUZZ_EXAMPLES", "60"))
                if os.environ.get("WARTA_FUZZ") == "long" else 60,
                derandomize=os.environ.get("WARTA_FUZZ") != "long", deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                    | st.text(max_size=20), lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
FIELDS = ["id", "url", "title", "summary", "published", "updated", "authors", "body", "images",
          "related", "more", "tags", "notes", "page", "language", "content_html", "site"]
VALUES = {
    "published": st.sampled_from(["2024-01-01T10:00:00+07:00", "2024-01-01T10:00:00", "kemarin",
                                  "0001-01-01T00:00:00+07:00", "9999-12-31T23:59:59-23:59", ""]),
    "url": st.sampled_from(["https://contoh.example/a", "javascript:alert(1)", "/relatif", "",
                            "https://", "data:,x"]),
    "body": st.lists(st.fixed_dictionaries({"kind": st.sampled_from(["paragraph", "heading", "x"]),
                                            "text": st.text(max_size=20)}), max_size=2),
}


def field_value(name: str):
    return st.one_of(VALUES.get(name, JSON), JSON)


RECORDS = st.one_of(
    JSON.map(json.dumps),
    st.fixed_dictionaries({}, optional={name: field_value(name) for name in FIELDS}).map(json.dumps),
    st.text(max_size=30),
)


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory):
    """A store for the fuzzing examples; syncing to disk is skipped there (what is tested is
    how rows are read, not durability, and fsync made each example cost a disk flush)."""
    path = tmp_path_factory.mktemp("fuzz") / "warta.db"
    assert run("add", EXAMPLES, "--feed", "berita", "--store", path, "-q").exit_code == 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", lambda fd: None)
        yield path


@FUZZ
@given(record=RECORDS)
def test_any_stored_record_is_built_or_skipped_by_its_id(fuzz_store, tmp_path_factory, record):
    victim = ids_of(fuzz_store)[0]
    set_record(fuzz_store, victim, record)
    with Store(fuzz_store, readonly=True) as db:
        skipped: list[WartaError] = []
        entries = db.entries("berita", skipped=skipped)
        assert len(entries) + len(skipped) == 3
        assert all(repr(victim) in str(e) and "\n" not in str(e) for e in skipped)
        skipped = []
        folder = tmp_path_factory.mktemp("out")
        result = build(db, FeedSettings(name="berita", formats=("rss", "atom", "json", "jsonl")),
                       folder, engine=default_engine())
    assert all("\n" not in str(e) for e in result.skipped)
    assert result.items + sum(repr(victim) in str(e) for e in result.skipped) >= 3 - 1
    for name in ("feed.xml", "feed.atom"):
        etree.fromstring((folder / name).read_bytes())
    items = json.loads((folder / "feed.json").read_bytes())["items"]
    assert len(items) in (2, 3)
    assert all(i["id"].startswith(("https://", "tag:")) for i in items)


def test_a_page_whose_file_name_is_not_utf8_is_added_recorded_and_seen(tmp_path):
    """The files table took the raw name (a lone surrogate per undecodable byte): SQLite
    raised UnicodeEncodeError out of `add`, and nothing of the batch was stored."""
    from warta.store import FileStamp

    folder = tmp_path / "pages"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/berita-\xff\xfe.txt"
    with open(raw, "wb") as handle:
        handle.write((EXAMPLES / "kompas-2024-03-05-banjir-demak.txt").read_bytes())
    (folder / "lain.txt").write_bytes((EXAMPLES / "kompas-2023-07-12-harga-beras.txt").read_bytes())
    store = tmp_path / "warta.db"
    first = run("add", folder, "--feed", "berita", "--store", store)
    assert first.exit_code == 0, first.stderr
    assert "2 new" in first.stderr
    again = run("add", folder, "--feed", "berita", "--store", store)
    assert again.exit_code == 0 and "2 unchanged" in again.stderr
    name = os.fsdecode(raw)
    stamp = FileStamp.of(name)
    assert stamp.path.endswith("berita-\\xff\\xfe.txt")
    with Store(store) as db:
        assert db.file_seen("berita", name)  # recorded by add, found by its real name
        db.record_file("lain", stamp)
        assert db.file_seen("lain", name)


def test_a_store_file_damaged_below_the_rows_is_one_line_for_every_command(store, tmp_path):
    """Pages of the SQLite file overwritten ('database disk image is malformed'): reading
    commands and writing ones (add, remove) say so in one line each; add and remove raised
    sqlite3.DatabaseError."""
    data = bytearray(store.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset:offset + 12] = b"\xff" * 12
    store.write_bytes(bytes(data))
    page = EXAMPLES / "kompas-2024-03-05-banjir-demak.txt"
    for args, lines in ((["list"], 1), (["list", "berita"], 1),
                        (["build", "berita", "-o", tmp_path / "feeds"], 1),
                        (["add", page, "--feed", "berita"], 2), (["remove", "x"], 1)):
        result = run(*args, "--store", store)
        assert result.exit_code == 1, args
        shown = result.stderr.splitlines()
        assert len(shown) == lines and "malformed" in shown[0], (args, shown)
    assert store.read_bytes() == bytes(data)
