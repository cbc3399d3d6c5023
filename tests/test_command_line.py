"""One consistent command line (issue 10): -o/--store, -f lists, --hub, plugins, summaries,
--help, URL maps beside the pages, pages without a stable id, and build reporting failures."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import warta.cli
from warta.cli import app, plugin_report, plugin_table
from warta.config import read_config
from warta.convert import ConvertResult, convert
from warta.errors import UsageError, WartaError
from warta.identity import content_id, missing_id_parts
from warta.model import Article, Block

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "pages"
KOMPAS = EXAMPLES / "kompas-2024-03-05-banjir-demak.txt"
#: A dump with no URL, no title and no date: no stable id unless the user gives one.
BARE = ("Pemerintah kota mengumumkan rencana perbaikan jalan di kawasan pusat kota yang rusak "
        "akibat banjir pekan lalu. Perbaikan dijadwalkan mulai bulan depan.\n\n"
        "Warga diminta bersabar karena sebagian jalan akan ditutup selama pengerjaan "
        "berlangsung, kata pejabat dinas pekerjaan umum.\n\n"
        "Anggaran perbaikan berasal dari dana darurat pemerintah daerah tahun ini.\n")
BARE_URL = "https://example.org/berita/2024/03/06/jalan-kota"


@pytest.fixture
def run(monkeypatch, tmp_path):
    """``warta ...`` in-process, in tmp_path."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=False)

    return invoke


def pages(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name.replace("__", ".")).write_text(text, encoding="utf-8")
    return folder


def feed_ids(folder: Path) -> list[str]:
    return [item["id"] for item in json.loads((folder / "feed.json").read_text("utf-8"))["items"]]


# -- --help --------------------------------------------------------------------------------

#: What some Typer versions print instead of readable help.
ARTEFACTS = re.compile(r"<bool>|<str>|<int|<path>|<float|<list|list\[|\{\w+\}|\w+\.\.\.\}|[╭╰│─]")


def all_commands() -> list[list[str]]:
    return [[]] + [[name] for name in ("parse", "convert", "plugins", "add", "build", "remove",
                                       "list", "init", "serve", "watch")]


@pytest.mark.parametrize("command", all_commands(), ids=lambda c: c[0] if c else "warta")
def test_every_help_reads_well_whatever_typer_is_installed(command):
    result = CliRunner().invoke(app, [*command, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith(f"Usage: warta {command[0] + ' ' if command else ''}[OPTIONS]")
    assert not ARTEFACTS.search(text), ARTEFACTS.search(text).group()
    click_command = warta.cli.typer.main.get_command(app)
    if command:
        click_command = click_command.commands[command[0]]
    for param in click_command.params:
        for option in param.opts if param.param_type_name == "option" else []:
            assert option in text
        if param.param_type_name == "option" and not getattr(param, "is_flag", False):
            assert param.metavar, f"{command}: {param.name} has no metavar"


def test_help_names_the_argument_and_the_values():
    text = CliRunner().invoke(app, ["convert", "--help"]).stdout
    assert "Usage: warta convert [OPTIONS] INPUT..." in text
    assert re.search(r"-o, --output DIR\s+Folder", text)
    assert re.search(r"--quiet\s+No progress", text)  # a flag takes no value
    assert "--content-id" in text and "edited page then" in " ".join(text.split())


def test_warta_alone_prints_the_help():
    result = CliRunner().invoke(app, [])
    assert result.exit_code == 2
    assert result.stdout.startswith("Usage: warta [OPTIONS] COMMAND [ARGS]...")
    assert "convert" in result.stdout and not ARTEFACTS.search(result.stdout)


def test_a_usage_error_shows_the_same_usage_line(run):
    result = run("convert")
    assert result.exit_code == 2
    assert "warta convert [OPTIONS] INPUT..." in result.output
    assert "{inputs}" not in result.output


# -- -f -----------------------------------------------------------------------------------


def test_format_takes_a_comma_separated_list_and_repeats(run, tmp_path):
    assert run("convert", str(EXAMPLES), "-o", "a", "-f", "rss,atom", "-q").exit_code == 0
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["feed.atom", "feed.xml"]
    assert run("convert", str(EXAMPLES), "-o", "b", "-f", "rss, json", "-f", "jsonl", "-q").exit_code == 0
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["articles.jsonl", "feed.json", "feed.xml"]
    bad = run("convert", str(EXAMPLES), "-o", "c", "-f", "rss,,atom")
    assert bad.exit_code == 2 and "empty name" in bad.stderr and not (tmp_path / "c").exists()
    unknown = run("convert", str(EXAMPLES), "-o", "c", "-f", "rss,pdf")
    assert unknown.exit_code == 2 and "pdf" in unknown.stderr


def test_build_takes_a_comma_separated_format_list(run, tmp_path):
    assert run("add", str(KOMPAS), "--feed", "k", "-q").exit_code == 0
    assert run("build", "k", "-f", "atom,json", "-q").exit_code == 0
    assert sorted(p.name for p in (tmp_path / "feeds" / "k").iterdir()) == ["feed.atom", "feed.json"]


# -- --hub --------------------------------------------------------------------------------


def test_convert_refuses_a_hub_without_base_url_as_build_does(run, tmp_path):
    converted = run("convert", str(EXAMPLES), "-o", "out", "--hub", "https://hub.example.org/")
    assert converted.exit_code == 2 and not (tmp_path / "out").exists()
    assert run("add", str(KOMPAS), "--feed", "k", "-q").exit_code == 0
    built = run("build", "k", "--hub", "https://hub.example.org/")
    assert built.exit_code == 2
    assert converted.stderr.strip() == built.stderr.strip() == (
        "warta: --hub needs --base-url (the hub must be told the feed's own URL)")
    with pytest.raises(UsageError, match="--hub needs --base-url"):
        convert([str(EXAMPLES)], tmp_path / "api", hub="https://hub.example.org/")


# -- plugins ------------------------------------------------------------------------------


def test_plugins_prints_json_when_piped_or_asked_and_a_table_on_a_terminal(run, monkeypatch):
    piped = run("plugins")
    assert [e["name"] for e in json.loads(piped.stdout)][0] == "defaults"
    monkeypatch.setattr(warta.cli, "_stdout_is_terminal", lambda: True)
    assert json.loads(run("plugins", "--json").stdout) == json.loads(piped.stdout)
    table = run("plugins").stdout.splitlines()
    assert table[0].split() == ["PLUGIN", "VERSION", "FROM", "PARSERS", "WRITERS"]
    kompas = next(line for line in table if line.startswith("kompas "))
    assert kompas.split()[:3] == ["kompas", warta.__version__, "built-in"]
    defaults = next(line for line in table if line.startswith("defaults "))
    assert defaults.endswith("atom, json, jsonl, rss")


def test_plugin_table_lines_up_and_names_a_missing_extra():
    report = [{"name": "a", "version": "1", "builtin": True, "parsers": ["x", "y"], "writers": []},
              {"name": "long-name", "version": "22.0", "builtin": False, "parsers": [],
               "writers": ["w"], "missing": ["lxml (pip install 'p[html]')"]}]
    lines = plugin_table(report).splitlines()
    assert lines[1].index("built-in") == lines[2].index("installed") == lines[0].index("FROM")
    assert lines[3] == "  missing: lxml (pip install 'p[html]')"
    assert plugin_table(plugin_report(warta.cli.engine())).count("\n") >= 3


# -- summaries ----------------------------------------------------------------------------


def test_convert_summary_adds_up(run, tmp_path):
    folder = pages(tmp_path / "in", good__txt=KOMPAS.read_text("utf-8"), bare__txt=BARE,
                   empty__txt="")
    (folder / "junk.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run("convert", str(folder), "missing.txt", "-o", "out")
    assert result.exit_code == 1
    summary = result.stderr.splitlines()[-2] if "no --base-url" in result.stderr else result.stderr.splitlines()[-1]
    assert summary.startswith("warta: 5 input(s): 1 converted, 4 failed; 1 article(s);"), summary
    errors = [line for line in result.stderr.splitlines() if not line.startswith("warta:")]
    assert len(errors) == 4


def test_convert_result_counts_inputs_and_articles_apart():
    result = ConvertResult(inputs=3, converted=2, failed=1, articles=5, refused=1)
    assert result.summary() == ("3 input(s): 2 converted, 1 failed; 5 article(s) (a page may "
                                "hold several), 1 more refused")


def test_convert_result_inputs_are_converted_plus_failed(tmp_path):
    folder = pages(tmp_path / "in", good__txt=KOMPAS.read_text("utf-8"), bare__txt=BARE)
    result = convert([str(folder), str(tmp_path / "nothing.txt")], tmp_path / "out", formats=["json"])
    assert (result.inputs, result.converted, result.failed) == (3, 1, 2)
    assert result.inputs == result.converted + result.failed and len(result.errors) == 2


def test_parse_summary_adds_up(run, tmp_path):
    folder = pages(tmp_path / "in", good__txt=KOMPAS.read_text("utf-8"), bare__txt=BARE, empty__txt="")
    result = run("parse", str(folder))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "warta: 3 input(s): 2 read, 1 failed; 2 article(s)"


# -- -o and --store -----------------------------------------------------------------------


def test_output_folder_holds_the_store_for_add_list_remove_and_build(run, tmp_path):
    added = run("add", str(KOMPAS), "--feed", "k", "-o", "public")
    assert added.exit_code == 0, added.output
    assert (tmp_path / "public" / "warta.db").is_file() and not (tmp_path / "feeds").exists()
    listed = run("list", "k", "-o", "public")
    assert listed.exit_code == 0 and len(listed.stdout.splitlines()) == 1
    ident = listed.stdout.split("\t")[1]
    assert run("build", "-o", "public", "-q").exit_code == 0
    assert (tmp_path / "public" / "k" / "feed.xml").is_file()
    elsewhere = run("build", "-o", "other")
    assert elsewhere.exit_code == 1 and "other/warta.db: no feed store here yet" in elsewhere.stderr
    assert run("remove", ident, "-o", "public", "-q").exit_code == 0
    assert run("list", "k", "-o", "public").exit_code == 1  # the feed is empty now


def test_store_option_wins_over_the_output_folder(run, tmp_path):
    (tmp_path / "db").mkdir()
    assert run("add", str(KOMPAS), "--feed", "k", "--store", "db/s.db", "-o", "public", "-q").exit_code == 0
    assert (tmp_path / "db" / "s.db").is_file() and not (tmp_path / "public").exists()
    assert run("build", "k", "--store", "db/s.db", "-o", "public", "-q").exit_code == 0
    assert (tmp_path / "public" / "k" / "feed.atom").is_file()


def test_store_in_a_missing_folder_is_refused_in_one_line(run, tmp_path):
    result = run("add", str(KOMPAS), "--feed", "k", "--store", "nosuch/warta.db")
    assert result.exit_code == 1
    assert result.stderr.strip() == ("warta: nosuch/warta.db: no such folder nosuch: create it "
                                     "first, or give --store a path in an existing folder")
    assert not (tmp_path / "nosuch").exists()
    (tmp_path / "warta.toml").write_text('store = "data/feeds.db"\n', encoding="utf-8")
    configured = run("add", str(KOMPAS), "--feed", "k")
    assert configured.exit_code == 1 and "no such folder" in configured.stderr
    assert not (tmp_path / "data").exists()


# -- URL maps -----------------------------------------------------------------------------


def test_a_url_map_inside_the_input_folder_is_not_read_as_a_page(run, tmp_path):
    folder = pages(tmp_path / "in", bare__txt=BARE, urls__txt=f"bare.txt {BARE_URL}\n")
    result = run("convert", str(folder), "--urls", str(folder / "urls.txt"), "-o", "out")
    assert result.exit_code == 0, result.stderr
    assert "1 input(s): 1 converted, 0 failed" in result.stderr
    assert feed_ids(tmp_path / "out") == [BARE_URL]
    parsed = run("parse", str(folder), "--urls", str(folder / "urls.txt"))
    assert parsed.exit_code == 0 and len(parsed.stdout.splitlines()) == 1
    added = run("add", str(folder), "--feed", "k", "--urls", str(folder / "urls.txt"))
    assert added.exit_code == 0 and "1 new" in added.stderr


# -- pages without a stable id ------------------------------------------------------------


def test_no_id_message_names_what_is_missing_and_what_works_here(run, tmp_path):
    folder = pages(tmp_path / "in", bare__txt=BARE, good__txt=KOMPAS.read_text("utf-8"))
    one = run("convert", str(folder / "bare.txt"), "-o", "one")
    assert one.exit_code == 1
    assert "bare.txt: no stable id: no URL, no title and no date; give its address with --url" in one.stderr
    many = run("convert", str(folder), "-o", "many")
    assert "no stable id: no URL, no title and no date; give their addresses with --urls MAP" in many.stderr
    assert "--url URL" not in many.stderr
    added = run("add", str(folder), "--feed", "k")
    assert "--urls MAP" in added.stderr and "--url URL" not in added.stderr


def test_missing_id_parts_names_only_what_is_missing():
    article = Article(title="Judul")
    assert missing_id_parts(article) == "no URL and no date"
    assert missing_id_parts(Article()) == "no URL, no title and no date"


def test_content_id_is_stable_follows_the_text_and_is_opt_in(run, tmp_path):
    folder = pages(tmp_path / "in", bare__txt=BARE)
    result = run("convert", str(folder), "--content-id", "-o", "a")
    assert result.exit_code == 0, result.stderr
    [ident] = feed_ids(tmp_path / "a")
    assert re.fullmatch(r"tag:[a-z0-9.-]+,2000:text-[0-9a-f]{32}", ident)
    assert run("convert", str(folder), "--content-id", "-o", "b", "-q").exit_code == 0
    assert (tmp_path / "a" / "feed.xml").read_bytes() == (tmp_path / "b" / "feed.xml").read_bytes()
    # Spacing and case do not count; words do (an edited page becomes a new item).
    (folder / "bare.txt").write_text(BARE.replace("Warga diminta", "WARGA   diminta"), "utf-8")
    assert run("convert", str(folder), "--content-id", "-o", "c", "-q").exit_code == 0
    assert feed_ids(tmp_path / "c") == [ident]
    (folder / "bare.txt").write_text(BARE.replace("tiga", "empat").replace("pekan lalu", "kemarin"), "utf-8")
    assert run("convert", str(folder), "--content-id", "-o", "d", "-q").exit_code == 0
    assert feed_ids(tmp_path / "d") != [ident]
    record = json.loads(run("parse", str(folder), "--content-id").stdout)
    assert record["id"].startswith("tag:") and any("content id" in n for n in record["notes"])
    assert not any(n.startswith("no stable id") for n in record["notes"])


def test_content_id_needs_text():
    assert content_id(Article()) is None
    one = Article(site="www.Example.com", body=[Block("paragraph", "Satu, dua!")])
    two = Article(site="example.com", body=[Block("paragraph", "satu   DUA")])
    assert content_id(one) == content_id(two)
    assert content_id(one).startswith("tag:example.com,2000:text-")


# -- warta.toml: urls, content_id, and failures reported on every build -------------------


def test_config_reads_urls_and_content_id(tmp_path):
    config = read_config({"feeds": {"k": {"urls": "map.jsonl", "content_id": True}}},
                         path=tmp_path / "warta.toml")
    assert config.feeds["k"].urls == tmp_path / "map.jsonl" and config.feeds["k"].content_id
    assert read_config({"feeds": {"k": {}}}).feeds["k"].content_id is False
    with pytest.raises(WartaError, match="feeds.k.content_id: expected true or false, got 'yes'"):
        read_config({"feeds": {"k": {"content_id": "yes"}}})


def test_build_reports_a_failing_page_on_every_build_until_fixed(run, tmp_path):
    pages(tmp_path / "pages", bare__txt=BARE, good__txt=KOMPAS.read_text("utf-8"))
    toml = tmp_path / "warta.toml"
    toml.write_text('[feeds.k]\ninputs = ["pages/*.txt"]\n', encoding="utf-8")
    for _ in range(3):
        result = run("build")
        assert result.exit_code == 1
        failure = [line for line in result.stderr.splitlines() if "bare.txt" in line]
        assert len(failure) == 1 and "no stable id: no URL, no title and no date" in failure[0]
        assert 'urls = "map.jsonl"' in failure[0] and "content_id = true" in failure[0]
    (tmp_path / "pages" / "map.txt").write_text(f"bare.txt {BARE_URL}\n", encoding="utf-8")
    toml.write_text('[feeds.k]\ninputs = ["pages/*.txt"]\nurls = "pages/map.txt"\n', encoding="utf-8")
    fixed = run("build")
    assert fixed.exit_code == 0, fixed.stderr
    assert BARE_URL in feed_ids(tmp_path / "feeds" / "k")
    assert run("build").exit_code == 0


def test_build_with_content_id_in_warta_toml(run, tmp_path):
    pages(tmp_path / "pages", bare__txt=BARE)
    (tmp_path / "warta.toml").write_text(
        '[feeds.k]\ninputs = ["pages/*.txt"]\ncontent_id = true\n', encoding="utf-8")
    assert run("build", "-q").exit_code == 0
    assert feed_ids(tmp_path / "feeds" / "k")[0].startswith("tag:")


# -- watch: a URL map and content ids -----------------------------------------------------


def test_watch_takes_a_url_map_and_skips_it_as_a_page(run, tmp_path):
    inbox = pages(tmp_path / "inbox", bare__txt=BARE, urls__txt=f"bare.txt {BARE_URL}\n")
    result = run("watch", str(inbox), "--feed", "k", "--once", "--urls", str(inbox / "urls.txt"))
    assert result.exit_code == 0, result.stderr
    assert "1 page(s) added, 0 already processed, 0 failed" in result.stderr
    assert feed_ids(tmp_path / "feeds" / "k") == [BARE_URL]
    assert not (inbox / "failed").exists()


def test_watch_says_what_works_for_a_page_without_id_and_takes_content_id(run, tmp_path):
    inbox = pages(tmp_path / "inbox", bare__txt=BARE)
    failed = run("watch", str(inbox), "--feed", "k", "--once")
    assert failed.exit_code == 1
    why = (inbox / "failed" / "bare.txt.error.txt").read_text("utf-8")
    assert "no stable id: no URL, no title and no date" in why and "--urls MAP" in why
    assert "--url URL" not in why
    inbox2 = pages(tmp_path / "inbox2", bare__txt=BARE)
    done = run("watch", str(inbox2), "--feed", "k2", "--once", "--content-id")
    assert done.exit_code == 0, done.stderr
    assert feed_ids(tmp_path / "feeds" / "k2")[0].startswith("tag:")
