"""The generic HTML parser: our own fixtures, then every non-Kompas page in corpus/html."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path


import warta.plugins.generic as generic
from warta import FALLBACK, Document
from warta.htmlmeta import json_ld, ld_articles, meta_map, parse_tree, read_meta_date
from warta.loaders import Input, load_bytes, read_input

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
PARSER = generic.GenericHtmlParser()
WIB = timedelta(hours=7)


def parse_fixture(name: str):
    return PARSER.parse(load_bytes((FIXTURES / name).read_bytes(), path=name))[0]


def test_sniff_is_fallback_for_html_only():
    assert PARSER.sniff(Document(text="<html></html>", media_type="text/html")) == FALLBACK
    assert PARSER.sniff(Document(text="plain", media_type="text/plain")) == 0.0


def test_json_ld_graph_and_utc_shown_as_wib():
    art = parse_fixture("generic-news.html")
    assert art.title == "Harga Cabai Naik Menjelang Lebaran"
    assert art.published.isoformat() == "2024-04-01T10:15:00+07:00"
    assert [a.name for a in art.authors] == ["Budi Santoso"]
    assert art.section == "Ekonomi"
    assert art.tags == ["cabai", "harga pangan"]
    assert art.url == "https://www.wartacontoh.co.id/ekonomi/2024/04/01/harga-cabai-naik"
    assert art.site == "wartacontoh.co.id"
    assert art.images[0].url == "https://www.wartacontoh.co.id/img/cabai.jpg"
    texts = [b.text for b in art.body]
    assert texts and texts[0].startswith("Harga cabai rawit")
    assert not any("Baca juga" in t for t in texts)
    assert [r.title for r in art.related] == ["Stok Beras Aman hingga Akhir Tahun"]


def test_printed_date_below_headline_and_title_suffix():
    art = parse_fixture("generic-printed-date.html")
    assert art.title == "Jembatan Baru Dibuka untuk Umum"
    assert art.published.isoformat() == "2024-03-07T10:05:00+07:00"
    assert art.body


def test_fallback_body_without_trafilatura(monkeypatch):
    monkeypatch.setattr(generic, "_trafilatura_text", lambda html, url: None)
    monkeypatch.setattr(generic, "MISSING_EXTRAS", lambda: [dict(generic._EXTRA)])
    art = parse_fixture("generic-news.html")
    assert [b.text[:18] for b in art.body] == ["Harga cabai rawit ", "Para pedagang meng", "Pemerintah daerah "]
    assert any("warta[extract]" in n for n in art.notes)


def test_missing_extras_shape():
    missing = generic.MISSING_EXTRAS()
    assert isinstance(missing, list)
    for item in missing:
        assert item["extra"] == "extract" and item["package"] == "trafilatura"


def test_htmlmeta_readers():
    tree = parse_tree((FIXTURES / "generic-news.html").read_text(encoding="utf-8"))
    objects = json_ld(tree)
    assert {o["@type"] for o in objects} == {"BreadcrumbList", "NewsArticle"}
    assert ld_articles(objects)[0]["headline"].startswith("Harga Cabai")
    assert meta_map(tree)["og:site_name"] == ["Warta Contoh"]
    # Detik's dashed clock with a false "Z" is local time.
    assert read_meta_date("2015-06-16T14-05-11Z").isoformat() == "2015-06-16T14:05:11+07:00"
    assert read_meta_date("18 Jun 2015 at <span>06:25 WIB</span>").isoformat() == "2015-06-18T06:25:00+07:00"
    assert read_meta_date("2016-02-16T13:01:52+0700").utcoffset() == WIB
    assert read_meta_date("not a date") is None


def test_a_channel_host_given_as_section_becomes_the_channel():
    from warta.htmlmeta import section_name

    assert section_name("news.okezone.com") == "news"
    assert section_name("health.detik.com") == "health"
    assert section_name("www.okezone.com") is None
    assert section_name("Nasional") == "Nasional"
    assert section_name("Ekonomi dan Bisnis") == "Ekonomi dan Bisnis"


def test_corpus_other_portals(shared: Path):
    pages = [p for p in sorted((shared / "corpus" / "html").glob("*/*.html")) if p.parent.name != "kompas"]
    assert pages
    for path in pages:
        art = PARSER.parse(read_input(Input(str(path))))[0]
        assert art.title and len(art.title) > 10, path.name
        assert art.published is not None, path.name
        assert art.published.utcoffset() == WIB, path.name
        assert sum(len(b.text) for b in art.body) > 300, path.name
