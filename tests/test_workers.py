"""Parsing on several processes: how many are started, and that nothing about the result changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warta import Engine, UsageError, WartaError, convert, hookimpl
from warta import workers
from warta.cli import app
from warta.loaders import Input, expand
from warta.manager import make_manager

FIXTURES = Path(__file__).resolve().parent / "fixtures"
forking = pytest.mark.skipif(not workers.can_fork(), reason="no safe fork() on this platform")


def inputs(count: int) -> list[Input]:
    return [Input(f"page-{n}.txt") for n in range(count)]


@pytest.fixture()
def cores(monkeypatch):
    monkeypatch.delenv("WARTA_JOBS", raising=False)
    monkeypatch.setattr(workers, "usable_cores", lambda: 4)
    monkeypatch.setattr(workers, "can_fork", lambda: True)


def test_automatic_jobs_only_for_long_runs(cores):
    assert workers.jobs_for(None, inputs(workers.PARALLEL_MIN - 1)) == 1
    assert workers.jobs_for(None, inputs(workers.PARALLEL_MIN)) == 4


def test_asked_jobs_are_kept_but_never_more_than_inputs(cores):
    assert workers.jobs_for(3, inputs(10)) == 3
    assert workers.jobs_for(16, inputs(5)) == 5
    assert workers.jobs_for(1, inputs(5000)) == 1
    assert workers.jobs_for(8, inputs(1)) == 1


def test_standard_input_keeps_one_process(cores):
    assert workers.jobs_for(4, [*inputs(300), Input("-")]) == 1


def test_no_fork_keeps_one_process(cores, monkeypatch):
    monkeypatch.setattr(workers, "can_fork", lambda: False)
    assert workers.jobs_for(4, inputs(300)) == 1


def test_warta_jobs_stands_in_for_automatic(cores, monkeypatch):
    monkeypatch.setenv("WARTA_JOBS", "2")
    assert workers.jobs_for(None, inputs(10)) == 2
    assert workers.jobs_for(1, inputs(10)) == 1  # an explicit choice wins
    monkeypatch.setenv("WARTA_JOBS", "many")
    with pytest.raises(UsageError, match="WARTA_JOBS must be a whole number"):
        workers.jobs_for(None, inputs(10))


def test_zero_jobs_is_a_usage_error(cores):
    with pytest.raises(UsageError, match="--jobs must be 1 or more"):
        workers.jobs_for(0, inputs(10))


@pytest.fixture()
def pages(tmp_path) -> Path:
    """Every fixture page (text and HTML) twice, plus inputs that fail in different ways."""
    folder = tmp_path / "pages"
    folder.mkdir()
    sources = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".txt", ".html"))
    assert len(sources) > 20
    for round_ in (1, 2):
        for n, source in enumerate(sources):
            (folder / f"{round_}-{n:03d}-{source.name}").write_bytes(source.read_bytes())
    (folder / "5-empty.txt").write_bytes(b"")
    (folder / "5-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "5-noise.txt").write_text("12 34 56\n78 90\n", encoding="utf-8")
    return folder


def summary(outcomes) -> list[tuple[str, list[dict], str | None]]:
    return [(o.path, [a.to_dict() for a in o.articles], str(o.error) if o.error else None)
            for o in outcomes]


@forking
def test_parallel_run_gives_the_same_outcomes_in_the_same_order(engine, pages):
    items, _ = expand([str(pages)])
    alone = summary(engine.run(items, jobs=1))
    spread = summary(engine.run(items, jobs=2))
    assert spread == alone
    assert [path for path, _, _ in spread] == [item.path for item in items]
    errors = {Path(path).name: error for path, _, error in spread if error}
    assert set(errors) >= {"5-empty.txt", "5-binary.txt", "5-noise.txt"}
    assert sum(len(articles) for _, articles, _ in spread) > 20


@forking
def test_parallel_convert_writes_the_same_bytes(pages, tmp_path):
    results = [convert([str(pages)], tmp_path / f"out-{jobs}", formats=["rss", "atom", "json", "jsonl"],
                       limit=0, jobs=jobs) for jobs in (1, 2)]
    assert results[0].articles == results[1].articles > 20
    assert [str(e) for e in results[0].errors] == [str(e) for e in results[1].errors]
    for name in ("feed.xml", "feed.atom", "feed.json", "articles.jsonl"):
        assert (tmp_path / "out-1" / name).read_bytes() == (tmp_path / "out-2" / name).read_bytes()


class _PickyError(WartaError):
    """A plugin's own error type, whose constructor pickling cannot call again."""

    def __init__(self, code: int, path: str | None = None) -> None:
        super().__init__(f"refused with code {code}", path=path)


class _Refuser:
    @hookimpl
    def skip_article(self, article):
        if article.input and article.input.endswith("refuse.txt"):
            raise _PickyError(7)
        return None


@forking
def test_a_plugins_own_error_reaches_the_main_process_with_its_words(pages):
    pm = make_manager()
    pm.register(_Refuser(), name="refuser")
    engine = Engine(pm)
    (pages / "4-refuse.txt").write_bytes((FIXTURES / "kompas" / "a-standard.txt").read_bytes())
    items, _ = expand([str(pages)])
    outcome = next(o for o in engine.run(items, jobs=2) if o.path.endswith("refuse.txt"))
    assert str(outcome.error) == f"{pages / '4-refuse.txt'}: refused with code 7"


@forking
def test_cli_jobs_option(pages, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["parse", str(pages), "--jobs", "2", "-q"], catch_exceptions=False)
    assert result.exit_code == 1  # the three bad inputs
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["input"] for r in records] == sorted(r["input"] for r in records)
    bad = runner.invoke(app, ["convert", str(pages), "-j", "0", "-o", str(tmp_path / "o")])
    assert bad.exit_code == 2
    assert not (tmp_path / "o").exists()


def test_automatic_jobs_stay_in_one_process_when_other_threads_run(cores):
    import threading

    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    try:
        assert workers.jobs_for(None, inputs(workers.PARALLEL_MIN)) == 1
        assert workers.jobs_for(2, inputs(workers.PARALLEL_MIN)) == 2  # asked for: still forks
    finally:
        stop.set()
        helper.join()
    assert workers.jobs_for(None, inputs(workers.PARALLEL_MIN)) == 4
