"""`warta add --jobs N`: pages parsed ahead by worker processes and stored in input order, so
the store, the summary and the errors are those of one process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import storetest as helper
from typer.testing import CliRunner

import warta.cli

from warta.store import Store
from warta.workers import can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="worker processes are forked")


@pytest.fixture
def handed(monkeypatch) -> list[list[str]]:
    """The pages each `add` had parsed ahead through Engine.run (one list per add that did)."""
    from warta.engine import Engine

    calls: list[list[str]] = []
    real = Engine.run

    def spy(self, inputs, **options):
        inputs = list(inputs)
        calls.append([Path(item.path).name for item in inputs])
        return real(self, inputs, **options)

    monkeypatch.setattr(Engine, "run", spy)
    return calls


@pytest.fixture
def cli(monkeypatch, tmp_path):
    return helper.cli_runner(monkeypatch, tmp_path)


def write(folder: Path, name: str, text: str | bytes) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return str(path)


def batch(folder: Path) -> list[str]:
    """30 pages, with a binary file and a page no parser knows among them."""
    paths = [write(folder, f"{n:02d}.txt", helper.numbered_page(n)) for n in range(30)]
    paths.insert(7, write(folder, "07b.txt", b"\x00\x01\x02 bukan halaman"))
    paths.insert(20, write(folder, "19b.txt", "Hanya satu baris tanpa judul dan tanggal.\n"))
    return paths


def stored(cli, store: str) -> list[dict]:
    """The stored articles, without when they were stored (the two runs are seconds apart)."""
    rows = [json.loads(line) for line in cli("list", "kompas", "--store", store, "--json").stdout.splitlines()]
    return sorted(({k: v for k, v in row.items() if k not in ("first_seen", "changed")} for row in rows),
                  key=lambda row: row["id"])


def outcome(result, store: str) -> tuple[int, list[str]]:
    return result.exit_code, [line.replace(store, "STORE") for line in result.stderr.splitlines()]


def test_add_with_two_processes_stores_what_one_process_does(cli, handed, tmp_path):
    pages = batch(tmp_path / "pages")
    runs = {}
    for jobs in ("1", "2"):
        store = str(tmp_path / f"store{jobs}" / "warta.db")
        Path(store).parent.mkdir()
        result = cli("add", *pages, "--feed", "kompas", "--store", store, "-j", jobs)
        again = cli("add", *pages, "--feed", "kompas", "--store", store, "-j", jobs)
        runs[jobs] = (outcome(result, store), outcome(again, store), stored(cli, store))
    assert runs["1"] == runs["2"]
    (code, lines), (_, again_lines), rows = runs["2"]
    assert code == 1 and len(rows) == 30
    assert [line.split(": ")[0] for line in lines[:2]] == [pages[7], pages[20]]  # in input order
    assert "30 new" in lines[-1] and "30 unchanged" in again_lines[-1]
    # -j 2 handed every page to the workers the first time; the second time only the two that
    # failed (the others were held as they were: not parsed again); -j 1 none.
    assert [len(names) for names in handed] == [32, 2]


def test_a_page_an_earlier_page_of_the_batch_changed_is_read_again(cli, handed, tmp_path):
    """The second page was added before; the first one of the batch holds the same article
    changed, so the second is no longer held as it was and must be read again (as one
    process would), although it was planned as skipped before the workers started."""
    old = write(tmp_path / "b", "old.txt", helper.numbered_page(5))
    runs = {}
    for jobs in ("1", "2"):
        store = str(tmp_path / f"store{jobs}" / "warta.db")
        Path(store).parent.mkdir()
        assert cli("add", old, "--feed", "kompas", "--store", store).exit_code == 0
        newer = write(tmp_path / "a", "newer.txt", helper.numbered_page(5, extra=" Kabar terbaru."))
        result = cli("add", newer, old, "--feed", "kompas", "--store", store, "-j", jobs)
        with Store(store) as db:
            rows = [(ident, article.text) for ident, article in db._stored_rows("kompas", [])]
        runs[jobs] = (outcome(result, store), rows)
    assert runs["1"] == runs["2"]
    (code, lines), rows = runs["2"]
    # The newer copy stays (the old content was seen before); the old page was read again,
    # not counted as a file already added.
    assert code == 0 and len(rows) == 1 and "Kabar terbaru" in rows[0][1]
    assert lines[-1].startswith("warta: feed kompas: 0 new, 1 changed, 1 unchanged (")
    assert handed == [["newer.txt"]]  # old.txt was planned as held, then read here


def test_a_web_archive_added_on_two_processes_stores_what_one_process_does(tmp_path, monkeypatch):
    pytest.importorskip("warcio")
    from warcs import our_records, write_warc

    monkeypatch.chdir(tmp_path)
    archive = str(write_warc(tmp_path / "crawl.warc.gz", our_records()))
    runner = CliRunner()
    runs = {}
    for jobs in ("1", "2"):
        store = str(tmp_path / f"store{jobs}" / "warta.db")
        Path(store).parent.mkdir()
        result = runner.invoke(warta.cli.app, ["add", archive, "--feed", "kompas", "--store", store,
                                               "-j", jobs])
        runs[jobs] = (outcome(result, store), stored(lambda *a: runner.invoke(warta.cli.app, list(a)), store))
    assert runs["1"] == runs["2"]
    (code, lines), rows = runs["2"]
    assert code == 1 and len(rows) == 3  # the broken record is one line naming its offset
    assert [line for line in lines if "record at offset" in line] and "3 new" in lines[-2]


def test_a_feeds_parsers_choose_among_themselves_on_workers_too(cli, tmp_path):
    """warta.toml's `parsers = [...]` for a feed: the best of them reads each page, and a page
    none of them reads is one line, on worker processes as in one process."""
    (tmp_path / "warta.toml").write_text('[feeds.kompas]\nparsers = ["storetest"]\n', encoding="utf-8")
    pages = [write(tmp_path / "pages", f"{n}.txt", helper.numbered_page(n)) for n in range(3)]
    pages.insert(1, write(tmp_path / "pages", "list.txt", "gula, kopi, teh\n"))
    runs = {}
    for jobs in ("1", "2"):
        store = str(tmp_path / f"store{jobs}" / "warta.db")
        Path(store).parent.mkdir()
        runs[jobs] = outcome(cli("add", *pages, "--feed", "kompas", "--store", store, "-j", jobs), store)
    assert runs["1"] == runs["2"]
    code, lines = runs["2"]
    assert code == 1 and lines[0] == f"{pages[1]}: none of the feed's parsers (storetest) recognises this page"
    assert "3 new" in lines[-1]
