"""The command line, in-process: convert, parse, plugins, and how bad input is reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warta.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "pages"
runner = CliRunner()


def run(*args: str, input: bytes | str | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def test_convert_writes_three_feeds(tmp_path):
    result = run("convert", str(EXAMPLES), "-o", str(tmp_path), "--base-url", "https://example.org/f/")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed.atom", "feed.json", "feed.xml"]
    assert "3 input(s): 3 converted, 0 failed; 3 article(s);" in result.stderr
    feed = json.loads((tmp_path / "feed.json").read_text(encoding="utf-8"))
    assert len(feed["items"]) == 3
    assert all(item["date_published"].endswith("+07:00") for item in feed["items"])


def test_convert_without_base_url_says_the_feeds_lack_a_self_link(tmp_path):
    bare = run("convert", str(EXAMPLES), "-o", str(tmp_path / "a"))
    assert bare.exit_code == 0
    assert "no --base-url" in bare.stderr and "self link" in bare.stderr
    assert b'rel="self"' not in (tmp_path / "a" / "feed.xml").read_bytes()
    for args in (["--base-url", "https://example.org/f/"], ["-f", "json"], ["-q"]):
        assert "no --base-url" not in run("convert", str(EXAMPLES), "-o", str(tmp_path / "b"), *args).stderr


def test_convert_twice_gives_identical_bytes(tmp_path):
    for name in ("a", "b"):
        assert run("convert", str(EXAMPLES), "-o", str(tmp_path / name), "-f", "rss", "-f", "atom",
                   "-f", "json", "-f", "jsonl", "-q").exit_code == 0
    for file in ("feed.xml", "feed.atom", "feed.json", "articles.jsonl"):
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes()


def test_bad_inputs_are_one_line_each_and_the_rest_converts(tmp_path):
    pages = tmp_path / "in"
    pages.mkdir()
    (pages / "good.txt").write_bytes((EXAMPLES / "kompas-2024-03-05-banjir-demak.txt").read_bytes())
    (pages / "empty.txt").write_bytes(b"")
    (pages / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (pages / "latin.txt").write_bytes("Ini bukan berita sama sekali".encode("utf-16-le"))
    (pages / "noise.txt").write_text("12 34 56\n78 90\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("convert", str(pages), str(tmp_path / "missing.txt"), "-o", str(out))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if not line.startswith("warta:")]
    assert "Traceback" not in result.stderr
    by_file = {line.split(": ", 1)[0]: line.split(": ", 1)[1] for line in errors}
    assert by_file[str(pages / "empty.txt")] == "empty file"
    assert "binary" in by_file[str(pages / "binary.txt")]
    assert str(tmp_path / "missing.txt") in by_file
    assert str(pages / "noise.txt") in by_file
    assert (out / "feed.xml").exists()
    items = json.loads((out / "feed.json").read_text(encoding="utf-8"))["items"]
    assert [i["title"] for i in items] == ["Warga Demak Mulai Kembali ke Rumah Setelah Banjir Surut"]


def test_nothing_readable_writes_nothing_and_keeps_old_feeds(tmp_path):
    out = tmp_path / "out"
    assert run("convert", str(EXAMPLES), "-o", str(out), "-q").exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    result = run("convert", str(empty), "-o", str(out))
    assert result.exit_code == 1
    assert "nothing written" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_no_input_matched_is_a_clear_error(tmp_path):
    result = run("convert", str(tmp_path / "nothing-*.txt"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "no file matches this pattern" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "pdf"], "unknown format 'pdf'"),
        (["--parser", "nope"], "no parser named 'nope'"),
        (["--url", "https://www.kompas.com/read/2020/01/01/1/x"], "--url names one page"),
        (["--base-url", "feeds/"], "--base-url must be an http(s) URL"),
    ],
)
def test_usage_errors_exit_2(tmp_path, args, message):
    result = run("convert", str(EXAMPLES), "-o", str(tmp_path), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_parse_prints_one_record_per_line():
    result = run("parse", str(EXAMPLES / "kompas-2024-03-05-banjir-demak.txt"))
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1
    record = records[0]
    assert record["input"].endswith("kompas-2024-03-05-banjir-demak.txt")
    assert record["published"] == "2024-03-05T14:22:00+07:00"
    assert [(a["name"], a["role"]) for a in record["authors"]] == [
        ("Ahmad Fajar Nugraha", "writer"), ("Sari Wulandari", "editor")]
    assert record["dateline"] == "DEMAK"
    assert record["related"][0]["title"] == "Tanggul Sungai Wulan Jebol, Ribuan Rumah di Demak Terendam"


def test_parse_reads_standard_input_and_takes_the_url():
    page = (EXAMPLES / "kompas-2024-03-05-banjir-demak.txt").read_bytes()
    url = "https://regional.kompas.com/read/2024/03/05/14220011/warga-demak?page=all"
    result = run("parse", "-", "--url", url, input=page)
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["input"] == "-"
    assert record["url"] == "https://regional.kompas.com/read/2024/03/05/14220011/warga-demak"
    assert record["id"] == "tag:kompas.com,2024-03-05:14220011"


def test_records_match_the_published_schema():
    jsonschema = pytest.importorskip("jsonschema")
    from importlib.resources import files

    schema = json.loads(files("warta").joinpath("article.schema.json").read_text(encoding="utf-8"))
    result = run("parse", str(EXAMPLES))
    lines = result.stdout.splitlines()
    assert len(lines) == len(list(EXAMPLES.glob("*.txt")))
    for line in lines:
        jsonschema.validate(json.loads(line), schema,
                            format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_plugins_prints_json():
    result = run("plugins")
    assert result.exit_code == 0
    plugins = {p["name"]: p for p in json.loads(result.stdout)}
    assert "kompas" in plugins["kompas"]["parsers"]
    assert sorted(plugins["defaults"]["writers"]) == ["atom", "json", "jsonl", "rss"]
    assert "clean_article" in plugins["defaults"]["hooks"]
    assert all({"name", "version", "hooks", "parsers", "writers"} <= set(p) for p in plugins.values())


def test_unwritable_output_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("convert", str(EXAMPLES), "-o", str(blocker / "sub"))
    assert result.exit_code == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_unreadable_file(tmp_path, monkeypatch):
    import warta.loaders

    page = tmp_path / "locked.txt"
    page.write_text("x")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(warta.loaders, "open", refuse, raising=False)
    result = run("parse", str(page))
    assert result.exit_code == 1
    assert f"{page}: permission denied" in result.stderr


def test_progress_turns_into_a_spinner_while_feeds_are_written(monkeypatch):
    import io

    from rich.console import Console

    from warta import cliapp

    screen = io.StringIO()
    monkeypatch.setattr(cliapp.sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(cliapp, "_stderr_console", lambda: Console(file=screen, force_terminal=True))
    shown = cliapp._Progress()
    outcomes = [cliapp.Outcome(f"p{n}.txt", []) for n in range(25)]
    assert list(shown.track(iter(outcomes), len(outcomes))) == outcomes
    assert shown._status is not None  # parsing done: the spinner runs while feeds render
    shown.stop()
    shown.stop()  # stopping twice is harmless
    assert shown._status is None
    assert "reading pages" in screen.getvalue()
