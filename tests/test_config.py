"""warta.toml: many feeds in one file; every mistake named by its key, in one line."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
import storetest as helper
from warta import WartaError
from warta.config import EXAMPLE, load_config, read_config
from warta.feed import DEFAULT_LIMIT

FIXTURES = Path(__file__).parent / "fixtures" / "store"
KNOWN = ("rss", "atom", "json", "jsonl")




def write_config(folder: Path, text: str) -> Path:
    path = folder / "warta.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_is_valid_and_means_what_it_says(tmp_path):
    config = load_config(write_config(tmp_path, EXAMPLE), known_formats=KNOWN)
    assert config.output == tmp_path / "feeds"
    assert config.store_path == tmp_path / "feeds" / "warta.db"
    kompas = config.feeds["kompas"]
    assert kompas.title == "Kompas.com" and kompas.limit == 50
    assert kompas.parsers == ("kompas",)
    assert kompas.formats == ("rss", "atom", "json")
    assert kompas.inputs == (str(tmp_path / "pages/kompas/**/*.txt"),)
    assert kompas.folder(config.output) == tmp_path / "feeds" / "kompas"
    assert kompas.base_url is None and kompas.hub is None


def test_defaults_flow_into_feeds_and_feeds_override_them(tmp_path):
    config = load_config(write_config(tmp_path, """
        store = "data/w.db"
        output = "public"
        base_url = "https://feeds.example.org"
        hub = "https://hub.example.org/"
        formats = ["atom"]
        limit = 7

        [feeds.satu]
        [feeds.dua]
        limit = 0
        formats = ["rss", "jsonl"]
        base_url = "https://cdn.example.org/dua/"
        output = "/srv/dua"
    """), known_formats=KNOWN)
    satu, dua = config.feeds["satu"], config.feeds["dua"]
    assert config.store_path == tmp_path / "data" / "w.db"
    assert (satu.limit, satu.formats, satu.hub) == (7, ("atom",), "https://hub.example.org/")
    assert satu.base_url == "https://feeds.example.org/satu/"
    assert satu.folder(config.output) == tmp_path / "public" / "satu"
    assert (dua.limit, dua.formats, dua.base_url) == (0, ("rss", "jsonl"), "https://cdn.example.org/dua/")
    assert dua.folder(config.output) == Path("/srv/dua")
    other = config.feed("tiga")  # not in the file: the file's defaults
    assert other.base_url == "https://feeds.example.org/tiga/" and other.limit == DEFAULT_LIMIT


@pytest.mark.parametrize("text, expected", [
    ("limit = 'ten'", "limit: expected a whole number, 0 or more (0 = every item), got 'ten'"),
    ("limit = -1", "limit: expected a whole number"),
    ("[feeds.k]\nlimit = true", "feeds.k.limit: expected a whole number"),
    ("[feeds.k]\ntittle = 'x'", "feeds.k.tittle: expected one of the known keys (title, link"),
    ("colour = 'blue'", "colour: expected one of the known keys"),
    ("[feeds.k]\nformats = ['rss', 'pdf']", "feeds.k.formats: expected formats among atom, json, jsonl, rss, got 'pdf'"),
    ("[feeds.k]\nformats = []", "feeds.k.formats: expected at least one format"),
    ("[feeds.k]\ninputs = [1, 2]", "feeds.k.inputs: expected a list of non-empty strings, got [1, 2]"),
    ("[feeds.k]\nlink = 'www.kompas.com'", "feeds.k.link: expected an http:// or https:// URL, got 'www.kompas.com'"),
    ("base_url = 'ftp://x'", "base_url: expected an http:// or https:// URL"),
    ("[feeds.k]\ntitle = ''", "feeds.k.title: expected a non-empty string"),
    ("feeds = 3", "feeds: expected a table of feeds"),
    ("[feeds]\nk = 'x'", "feeds.k: expected a table"),
    ('[feeds."../up"]', "feeds.../up: expected a feed name"),
    ("limit = 3\nlimit = 4", "not valid TOML"),
])
def test_mistakes_name_the_key_and_what_was_expected(tmp_path, text, expected):
    path = write_config(tmp_path, text)
    with pytest.raises(WartaError) as caught:
        load_config(path, known_formats=KNOWN)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert "\n" not in message


def test_read_config_without_a_file():
    config = read_config(tomllib.loads("[feeds.k]\ntitle = 'K'"))
    assert config.feeds["k"].title == "K" and config.path is None


def test_missing_and_binary_config_files(tmp_path):
    with pytest.raises(WartaError, match="no such config file"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe\x00title")
    with pytest.raises(WartaError, match="not UTF-8|not valid TOML"):
        load_config(bad)


@pytest.fixture
def cli(monkeypatch, tmp_path):
    return helper.cli_runner(monkeypatch, tmp_path)


def test_init_writes_a_commented_example_and_does_not_overwrite(cli, tmp_path):
    result = cli("init")
    assert result.exit_code == 0
    text = (tmp_path / "warta.toml").read_text(encoding="utf-8")
    assert text == EXAMPLE and text.count("#") > 10
    again = cli("init")
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert cli("init", "--force").exit_code == 0
    assert cli("init", "other.toml").exit_code == 0 and (tmp_path / "other.toml").is_file()


def test_build_with_no_argument_builds_every_configured_feed(cli, tmp_path):
    for folder, numbers in (("pages/satu", (1, 2)), ("pages/dua/sub", (3,))):
        (tmp_path / folder).mkdir(parents=True)
        for n in numbers:
            (tmp_path / folder / f"{n}.txt").write_text(helper.numbered_page(n), encoding="utf-8")
    write_config(tmp_path, """
        output = "public"
        base_url = "http://127.0.0.1:8080/"

        [feeds.satu]
        title = "Feed Satu"
        inputs = ["pages/satu/*.txt"]
        formats = ["rss", "json"]

        [feeds.dua]
        title = "Feed Dua"
        inputs = ["pages/dua/**/*.txt", "pages/none/*.txt"]
        limit = 1
    """)
    result = cli("build")
    assert result.exit_code == 0, result.output
    assert "no file matches this pattern (skipped)" in result.stderr
    satu = json.loads((tmp_path / "public" / "satu" / "feed.json").read_text(encoding="utf-8"))
    assert satu["title"] == "Feed Satu" and len(satu["items"]) == 2
    assert satu["feed_url"] == "http://127.0.0.1:8080/satu/feed.json"
    assert not (tmp_path / "public" / "satu" / "feed.atom").exists()
    assert (tmp_path / "public" / "dua" / "feed.atom").is_file()
    assert (tmp_path / "public" / "warta.db").is_file()

    again = cli("build")  # the inputs are not read again; nothing changes
    assert again.exit_code == 0 and again.stderr.count("no file changed") == 2
    listed = cli("list")
    assert listed.stdout == "dua\t1\nsatu\t2\n"
    one = cli("build", "satu", "--title", "Judul Baru")
    assert one.exit_code == 0
    assert json.loads((tmp_path / "public" / "satu" / "feed.json").read_text(encoding="utf-8"))["title"] == "Judul Baru"


def test_a_config_mistake_is_one_line_on_the_command_line(cli, tmp_path):
    write_config(tmp_path, "[feeds.k]\nlimit = 'banyak'\n")
    result = cli("build")
    assert result.exit_code == 1
    assert result.stderr.strip() == ("warta: warta.toml: feeds.k.limit: expected a whole number, "
                                     "0 or more (0 = every item), got 'banyak'")
    assert "Traceback" not in result.output
    explicit = cli("list", "--config", "missing.toml")
    assert explicit.exit_code == 1 and "missing.toml: no such config file" in explicit.stderr
