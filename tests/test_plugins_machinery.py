"""The plugin machinery: blocking by name, misspelt hooks, duplicate names, `warta plugins`.

Most tests narrow the built-in list to ``defaults`` and ``kompas`` so they test the manager,
not the state of every portal plugin.
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import EntryPoint
from types import ModuleType

import pytest
from typer.testing import CliRunner

import warta.cli
import warta.engine
import warta.manager
from warta import Article, Document, Engine, WartaError, hookimpl
from warta.manager import DISABLE_ENV, make_manager

BUILTINS = ("warta.defaults", "warta.plugins.kompas")


class StubParser:
    """A parser that reads any text as one article."""

    sites = ("stub.example",)
    media_types = ("text/plain",)

    def __init__(self, name: str) -> None:
        self.name = name

    def sniff(self, doc: Document) -> float:
        return 0.5

    def parse(self, doc: Document) -> list[Article]:
        return [Article(title=doc.text.strip(), site="stub.example")]


def plugin_module(name: str, **attributes: object) -> ModuleType:
    """A throw-away plugin module; functions in ``attributes`` should carry @hookimpl."""
    module = ModuleType(name)
    for key, value in attributes.items():
        setattr(module, key, value)
    return module


def parser_plugin(module_name: str, parser_name: str) -> ModuleType:
    @hookimpl
    def register_parsers(register):
        register(StubParser(parser_name))

    return plugin_module(module_name, register_parsers=register_parsers)


@pytest.fixture
def builtins(monkeypatch):
    """Only defaults and kompas as built-ins; no installed entry points; nothing disabled."""
    monkeypatch.setattr(warta.manager, "BUILTIN_PLUGINS", BUILTINS)
    monkeypatch.setattr(warta.cli, "BUILTIN_PLUGINS", BUILTINS)
    monkeypatch.delenv(DISABLE_ENV, raising=False)
    return BUILTINS


@pytest.fixture
def installed(monkeypatch, builtins):
    """Pretend these modules are installed third-party plugins (entry-point group ``warta``)."""

    def install(**modules: ModuleType) -> list[EntryPoint]:
        points = []
        for name, module in modules.items():
            monkeypatch.setitem(sys.modules, module.__name__, module)
            points.append(EntryPoint(name=name, value=module.__name__, group="warta"))

        def fake_entry_points(*, group: str) -> list[EntryPoint]:
            return points if group == "warta" else []

        monkeypatch.setattr(warta.manager, "entry_points", fake_entry_points)
        monkeypatch.setattr(warta.cli, "entry_points", fake_entry_points)
        return points

    install()
    return install


# -- blocking ----------------------------------------------------------------------------


def test_disable_blocks_a_builtin_by_name(builtins, monkeypatch):
    monkeypatch.setenv(DISABLE_ENV, "kompas")
    pm = make_manager(load_entry_points=False)
    assert pm.is_blocked("kompas") and not pm.has_plugin("kompas")
    assert pm.has_plugin("defaults")


def test_disable_blocks_before_import(monkeypatch):
    missing = "warta_test_module_that_does_not_exist"
    monkeypatch.setattr(warta.manager, "BUILTIN_PLUGINS", ("warta.defaults", missing))
    monkeypatch.setenv(DISABLE_ENV, f" other , {missing.rsplit('.', 1)[-1]} ")
    pm = make_manager(load_entry_points=False)  # importing it would raise ModuleNotFoundError
    assert pm.is_blocked(missing)
    monkeypatch.delenv(DISABLE_ENV)
    with pytest.raises(ModuleNotFoundError):
        make_manager(load_entry_points=False)


def test_disable_blocks_a_real_builtin_parser(monkeypatch):
    monkeypatch.setenv(DISABLE_ENV, "kompas")
    engine = Engine(make_manager(load_entry_points=False))
    assert "kompas" not in engine.parser_owner.values()
    assert not engine.pm.has_plugin("kompas")


def test_disable_blocks_an_entry_point_without_loading_it(installed, monkeypatch):
    installed(broken=plugin_module("warta_test_never_loaded"))
    monkeypatch.setattr(EntryPoint, "load", lambda self: pytest.fail(f"{self.name} was loaded"))
    monkeypatch.setenv(DISABLE_ENV, "broken")
    pm = make_manager()
    assert not pm.has_plugin("broken")


def test_a_plugin_that_fails_to_load_names_itself(installed, monkeypatch):
    installed(broken=plugin_module("warta_test_broken"))
    monkeypatch.setitem(sys.modules, "warta_test_broken", None)  # import now raises
    with pytest.raises(WartaError, match=r"plugin 'broken'.*WARTA_DISABLE_PLUGINS=broken"):
        make_manager()


# -- validation ---------------------------------------------------------------------------


def test_misspelt_hook_is_an_error(installed):
    @hookimpl
    def enrich_artcle(article):  # misspelt on purpose
        pass

    installed(typo=plugin_module("warta_test_typo", enrich_artcle=enrich_artcle))
    with pytest.raises(WartaError, match="enrich_artcle"):
        make_manager()


def test_misspelt_hook_in_a_builtin_is_an_error(monkeypatch):
    @hookimpl
    def clean_artcle(article):
        pass

    monkeypatch.setitem(sys.modules, "warta_test_typo_builtin", plugin_module("warta_test_typo_builtin", clean_artcle=clean_artcle))
    monkeypatch.setattr(warta.manager, "BUILTIN_PLUGINS", ("warta.defaults", "warta_test_typo_builtin"))
    monkeypatch.delenv(DISABLE_ENV, raising=False)
    with pytest.raises(WartaError, match="unknown hook"):
        make_manager(load_entry_points=False)


def test_two_parsers_with_one_name_is_an_error(installed):
    installed(first=parser_plugin("warta_test_first", "same"), second=parser_plugin("warta_test_second", "same"))
    pm = make_manager()
    with pytest.raises(WartaError, match=r"'second' registers a parser named 'same', already registered by 'first'"):
        Engine(pm)


def test_a_parser_may_not_take_a_builtin_parser_name(builtins):
    pm = make_manager(load_entry_points=False)
    pm.register(parser_plugin("warta_test_one", "dup"), name="one")
    pm.register(parser_plugin("warta_test_two", "dup"), name="two")
    with pytest.raises(WartaError, match="already registered by 'one'"):
        Engine(pm)


def test_two_writers_with_one_name_is_an_error(builtins):
    @hookimpl
    def register_writers(register):
        register("rss", object())

    pm = make_manager(load_entry_points=False)
    pm.register(plugin_module("warta_test_writer", register_writers=register_writers), name="mine")
    with pytest.raises(WartaError, match="writer named 'rss', already registered by 'defaults'"):
        Engine(pm)


def test_a_parser_without_parse_is_an_error(builtins):
    @hookimpl
    def register_parsers(register):
        register(type("Half", (), {"name": "half", "sniff": lambda self, doc: 1.0})())

    pm = make_manager(load_entry_points=False)
    pm.register(plugin_module("warta_test_half", register_parsers=register_parsers), name="half")
    with pytest.raises(WartaError, match="without 'parse'"):
        Engine(pm)


# -- `warta plugins` ----------------------------------------------------------------------


def run_plugins(monkeypatch, engine: Engine) -> list[dict]:
    monkeypatch.setattr(warta.cliapp, "_engine", engine)
    result = CliRunner().invoke(warta.cli.app, ["plugins"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_plugins_command_lists_every_plugin(installed, monkeypatch):
    @hookimpl
    def skip_article(article):
        return None

    stub = parser_plugin("warta_test_stub", "stub")
    stub.skip_article = skip_article
    stub.MISSING_EXTRAS = lambda: ["trafilatura (pip install 'warta-stub[html]')"]
    installed(stub=stub)
    report = run_plugins(monkeypatch, Engine(make_manager()))
    by_name = {entry["name"]: entry for entry in report}
    assert list(by_name) == ["defaults", "kompas", "stub"]  # registration order
    for entry in report:
        assert {"name", "version", "hooks", "parsers", "writers"} <= set(entry)
        assert isinstance(entry["version"], str) and entry["version"]
    assert by_name["defaults"]["writers"] == ["atom", "json", "jsonl", "rss"]
    assert by_name["defaults"]["builtin"] is True
    assert {"clean_article", "enrich_article", "register_writers"} <= set(by_name["defaults"]["hooks"])
    assert by_name["stub"]["hooks"] == ["register_parsers", "skip_article"]
    assert by_name["stub"]["parsers"] == ["stub"]
    assert by_name["stub"]["builtin"] is False
    assert by_name["stub"]["missing"] == ["trafilatura (pip install 'warta-stub[html]')"]
    assert "missing" not in by_name["defaults"]


def test_plugins_command_leaves_out_blocked_plugins(installed, monkeypatch):
    installed(stub=parser_plugin("warta_test_stub2", "stub"))
    monkeypatch.setenv(DISABLE_ENV, "kompas,stub")
    names = [entry["name"] for entry in run_plugins(monkeypatch, Engine(make_manager()))]
    assert names == ["defaults"]


def test_plugins_command_reports_a_bad_plugin_in_one_line(installed, monkeypatch):
    installed(broken=plugin_module("warta_test_broken_cli"))
    monkeypatch.setitem(sys.modules, "warta_test_broken_cli", None)
    monkeypatch.setattr(warta.cliapp, "_engine", None)
    monkeypatch.setattr(warta.engine, "_default_engine", None)  # a process that built no engine yet
    result = CliRunner().invoke(warta.cli.app, ["plugins"])
    assert result.exit_code == 1
    assert "plugin 'broken'" in result.output and "Traceback" not in result.output


# -- warta.testing: the kit's checks catch what they promise ------------------------------


def sample_articles() -> list[Article]:
    from datetime import datetime

    from warta import WIB, Author, Block, Image, Link

    articles = []
    for day in (3, 4):
        article = Article(
            title=f"Contoh berita {day}", url=f"https://contoh.example/berita/{day}", site="contoh.example",
            published=datetime(2024, 3, day, 9, 30, tzinfo=WIB),
            authors=[Author("Ani", "writer", "Penulis"), Author("Budi", "editor", "Editor")],
            body=[Block("paragraph", "Satu dua tiga empat.")],
            images=[Image("https://contoh.example/foto.jpg", "Foto", "Dok")],
            related=[Link("Berita lain", "https://contoh.example/lain")],
        )
        articles.append(article)
    return Engine(make_manager(load_entry_points=False)).finish(articles)


@pytest.fixture
def feeds(builtins, tmp_path) -> dict[str, bytes]:
    from warta import build_feed, write_feed

    engine = Engine(make_manager(load_entry_points=False))
    feed = build_feed(sample_articles(), base_url="https://example.org/feeds/", engine=engine)
    paths = write_feed(feed, tmp_path, formats=["rss", "atom", "json", "jsonl"], engine=engine)
    return {path.suffix: path.read_bytes() for path in paths}


def test_schema_documents_every_record_field():
    from jsonschema import Draft202012Validator

    from warta.model import BLOCK_KINDS, ROLES
    from warta.testing import record_schema

    schema = record_schema()
    Draft202012Validator.check_schema(schema)
    assert set(schema["properties"]) == set(Article().to_dict()) == set(schema["required"])
    assert schema["$defs"]["author"]["properties"]["role"]["enum"] == list(ROLES)
    assert schema["$defs"]["block"]["properties"]["kind"]["enum"] == list(BLOCK_KINDS)
    assert schema["properties"]["published"]["format"] == "date-time"


def test_check_record_names_the_bad_field():
    from warta.testing import check_record

    record = sample_articles()[0].to_dict()
    check_record(record)
    bad = {**record, "authors": [{**record["authors"][0], "role": "boss"}], "published": "2024-03-03T09:30:00",
           "images": [{"url": "/foto.jpg", "caption": None, "credit": None}]}
    with pytest.raises(AssertionError) as caught:
        check_record(bad)
    message = str(caught.value)
    assert "record.authors[0].role" in message and "record.published" in message
    assert "record.images[0].url" in message
    with pytest.raises(AssertionError, match="record: Additional properties"):
        check_record({**record, "headline": "x"})


def test_feed_checks_accept_warta_feeds(feeds):
    from warta.testing import check_feed

    for suffix, data in feeds.items():
        check_feed(data)


@pytest.mark.parametrize(("suffix", "old", "new", "complaint"), [
    (".xml", b"<pubDate>Mon, 04 Mar 2024", b"<pubDate>Tue, 04 Mar 2024", "that day is a Mon"),
    (".xml", b"09:30:00 +0700</pubDate>", b"09:30:00 -0000</pubDate>", "-0000"),
    (".xml", b"https://contoh.example/berita/4</guid>", b"https://contoh.example/berita/3</guid>", "repeats item 1"),
    (".xml", b'src="https://contoh.example/foto.jpg"', b'src="/foto.jpg"', "not an absolute URL"),
    (".xml", b"<language>id</language>", b"<language>in</language>", "use 'id'"),
    (".atom", b"2024-03-04T09:30:00+07:00</updated>", b"2024-03-04T09:30:00</updated>", "updated"),
    (".atom", b"<id>https://contoh.example/berita/3</id>", b"<id>https://contoh.example/berita/4</id>", "repeats entry 1"),
    (".atom", b"<title>Contoh berita 4</title>", b"", "RELAX NG (RFC 4287)"),
    (".json", b'"https://jsonfeed.org/version/1.1"', b'"https://jsonfeed.org/version/1"', "feed.version"),
    (".json", b'"date_published": "2024-03-04T09:30:00+07:00"', b'"date_published": "2024-03-04"', "date_published"),
    (".json", b'"home_page_url"', b'"homepage"', "not a JSON Feed 1.1 field"),
    (".jsonl", b'"id":"https://contoh.example/berita/3"', b'"id":"https://contoh.example/berita/4"', "repeats line 1"),
])
def test_feed_checks_reject_what_subscribers_cannot_trust(feeds, suffix, old, new, complaint):
    from warta.testing import check_feed

    data = feeds[suffix]
    assert old in data, f"the {suffix} writer no longer writes {old!r}; update this test"
    with pytest.raises(AssertionError) as caught:
        check_feed(data.replace(old, new, 1))
    assert complaint in str(caught.value)


def test_check_feed_rejects_malformed_xml():
    from warta.testing import check_feed

    with pytest.raises(AssertionError, match="not well-formed"):
        check_feed(b"<rss version='2.0'><channel></rss>")


def test_warta_engine_fixture_for_plugin_authors(tmp_path):
    """The pytest plugin's fixture: a fresh engine per test that honours blocking."""
    import os
    import subprocess

    (tmp_path / "test_author.py").write_text(
        "import pytest\n"
        "@pytest.fixture\n"
        "def no_kompas(monkeypatch):\n"
        "    monkeypatch.setenv('WARTA_DISABLE_PLUGINS', 'kompas')\n"
        "def test_all(warta_engine):\n"
        "    assert warta_engine.pm.has_plugin('kompas') and 'rss' in warta_engine.writers\n"
        "def test_blocked(no_kompas, warta_engine):\n"
        "    assert not warta_engine.pm.has_plugin('kompas')\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_ADDOPTS", DISABLE_ENV)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:warta", "-p", "warta.testing",
         "--rootdir", str(tmp_path), str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "2 passed" in result.stdout
