"""The example plugin (examples/warta-example-plugin) works without being installed here.

The shared venv must not get it installed, so it is loaded from its folder and registered
into a fresh plugin manager; CI installs it for real and checks ``warta plugins``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from warta import Engine, WartaError, parse
from warta.cli import plugin_report
from warta.manager import make_manager
from warta.testing import check_feed, check_record

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "warta-example-plugin"
FIXTURE = EXAMPLE / "tests" / "fixtures" / "harga-cabai.txt"
URL = "https://kabarcontoh.id/ekonomi/2024/03/14/harga-cabai-turun"


def load_example() -> ModuleType:
    """Import warta_example_plugin from its source folder under a private module name."""
    spec = importlib.util.spec_from_file_location(
        "_warta_example_plugin_under_test", EXAMPLE / "warta_example_plugin" / "__init__.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def example() -> ModuleType:
    return load_example()


@pytest.fixture(scope="module")
def example_engine(example) -> Engine:
    pm = make_manager(load_entry_points=False)
    pm.register(example, name="example")
    pm.check_pending()
    return Engine(pm)


def test_distribution_declares_the_entry_point():
    meta = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["name"] == "warta-example-plugin"
    assert meta["project"]["entry-points"]["warta"] == {"example": "warta_example_plugin"}
    assert meta["build-system"]["build-backend"] == "setuptools.build_meta"
    assert meta["tool"]["setuptools"]["packages"] == ["warta_example_plugin"]
    assert any(dep.startswith("warta") for dep in meta["project"]["dependencies"])
    assert (EXAMPLE / "README.md").is_file()


def test_example_imports_only_the_public_api():
    source = (EXAMPLE / "warta_example_plugin" / "__init__.py").read_text(encoding="utf-8")
    imports = [line.split()[1] for line in source.splitlines() if line.startswith(("from ", "import "))]
    allowed = {"__future__", "re", "warta", "warta.dates", "warta.textkit"}
    assert set(imports) <= allowed, set(imports) - allowed


def test_fixture_parses_to_its_expected_record(example_engine):
    [article] = parse(FIXTURE, url=URL, engine=example_engine)
    record = check_record(article)
    expected = json.loads((FIXTURE.with_suffix(".expected.json")).read_text(encoding="utf-8"))
    kinds = expected.pop("body_kinds")
    assert {key: record[key] for key in expected} == expected
    assert [block["kind"] for block in record["body"]] == kinds
    assert record["id"] == URL
    assert record["summary"].startswith("Harga cabai rawit merah di Pasar Contoh")


def test_sniffing_chooses_the_example_parser(example_engine):
    [article] = parse(FIXTURE, engine=example_engine)  # no URL: found by its markers
    assert article.parser == "kabarcontoh"
    # Without a URL the id is the tag URI from site, local date and title.
    assert article.id == "tag:kabarcontoh.id,2024-03-14:harga-cabai-di-pasar-contoh-turun-jelang-akhir-pekan"


def test_feeds_of_the_example_are_valid(example_engine, tmp_path):
    from warta import build_feed, write_feed

    articles = parse(FIXTURE, url=URL, engine=example_engine)
    feed = build_feed(articles, base_url="https://example.org/feeds/")
    paths = write_feed(feed, tmp_path, formats=["rss", "atom", "json", "jsonl"], engine=example_engine)
    for path in paths:
        check_feed(path)


def test_plugin_report_lists_the_example(example_engine):
    entry = next(e for e in plugin_report(example_engine) if e["name"] == "example")
    assert entry["hooks"] == ["register_parsers"]
    assert entry["parsers"] == ["kabarcontoh"]
    assert entry["writers"] == []
    assert entry["builtin"] is False


def test_blank_page_is_a_warta_error(example_engine):
    with pytest.raises(WartaError):
        parse("KabarContoh.id\n\n", parser="kabarcontoh", engine=example_engine)


def test_the_examples_own_tests_pass():
    """Its tests run as a plugin author would run them (warta.testing as pytest plugin)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTEST_ADDOPTS", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         # The installed pytest11 entry point is named "warta"; load the module either way.
         "-p", "no:warta", "-p", "warta.testing", "--rootdir", str(EXAMPLE), str(EXAMPLE / "tests")],
        cwd=EXAMPLE, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
