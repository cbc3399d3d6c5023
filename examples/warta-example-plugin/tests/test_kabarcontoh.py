"""Tests of the Kabar Contoh parser, written the way a plugin author would, with warta.testing.

Run from this folder: ``pytest`` (the plugin need not be installed; ``pythonpath = ["."]``).
"""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

import pytest

import warta_example_plugin
from warta import Document, WartaError
from warta.testing import check_feed, check_record, make_engine, parse_with

FIXTURES = Path(__file__).parent / "fixtures"
PAGE = FIXTURES / "harga-cabai.txt"
URL = "https://www.kabarcontoh.id/ekonomi/2024/03/14/harga-cabai-turun?utm_source=x"


@pytest.fixture(scope="module")
def engine():
    """warta's built-ins plus this plugin, registered under its entry-point name."""
    return make_engine(example=warta_example_plugin)


def test_fixture_matches_expected_record(engine):
    [article] = parse_with("kabarcontoh", PAGE, url=URL, engine=engine)
    record = check_record(article)
    expected = json.loads((FIXTURES / "harga-cabai.expected.json").read_text(encoding="utf-8"))
    kinds = expected.pop("body_kinds")
    assert {key: record[key] for key in expected} == expected
    assert [block["kind"] for block in record["body"]] == kinds
    assert record["body"][0]["text"].startswith("Harga cabai rawit merah")
    assert record["id"] == record["url"] == "https://www.kabarcontoh.id/ekonomi/2024/03/14/harga-cabai-turun"


def test_sniff_prefers_kabarcontoh(engine):
    text = PAGE.read_text(encoding="utf-8")
    assert engine.choose(Document(text=text, url=URL)).name == "kabarcontoh"
    assert engine.choose(Document(text=text)).name == "kabarcontoh"  # by its dateline marker
    assert warta_example_plugin.KabarContohParser().sniff(Document(text="Berita lain.\n")) == 0.0


def test_page_without_header_gets_notes_not_guesses(engine):
    text = "BANDUNG, KabarContoh.id – Sebuah paragraf saja tanpa judul dan tanggal.\n"
    [article] = parse_with("kabarcontoh", text, engine=engine)
    assert article.title is None and article.published is None
    assert article.dateline == "BANDUNG"
    assert any("title" in note for note in article.notes)


def test_page_without_text_is_a_clear_error(engine):
    with pytest.raises(WartaError, match="no article text"):
        parse_with("kabarcontoh", "KabarContoh.id\nBeranda › Ekonomi\n", engine=engine)


def test_feeds_from_the_fixture_are_valid(engine, tmp_path):
    from warta import build_feed, write_feed

    articles = parse_with("kabarcontoh", PAGE, url=URL, engine=engine)
    feed = build_feed(articles, base_url="https://example.org/feeds/")
    for path in write_feed(feed, tmp_path, formats=["rss", "atom", "json", "jsonl"], engine=engine):
        check_feed(path)


def test_installed_plugin_is_found_by_warta_engine(warta_engine):
    """With the distribution installed, the pytest fixture's engine has the parser."""
    try:
        distribution("warta-example-plugin")
    except PackageNotFoundError:
        pytest.skip("warta-example-plugin is not installed (pip install .)")
    assert warta_engine.parser_owner["kabarcontoh"] == "example"
