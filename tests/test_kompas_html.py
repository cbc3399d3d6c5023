"""The Kompas HTML parser: our own fixtures for both layouts, then the corpus gold."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path


from warta import Document, SURE
from warta.loaders import Input, load_bytes, read_input
from warta.plugins.kompas_html import KompasHtmlParser

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
PARSER = KompasHtmlParser()


def parse_fixture(name: str, url: str | None = None):
    doc = load_bytes((FIXTURES / name).read_bytes(), path=name, url=url)
    return PARSER.parse(doc)[0]


def names(article, role):
    return [a.name for a in article.authors if a.role == role]


def test_sniff_by_host_and_markers():
    page = (FIXTURES / "kompas-2023.html").read_text(encoding="utf-8")
    assert PARSER.sniff(Document(text=page, media_type="text/html", url="https://money.kompas.com/read/x")) == SURE
    assert PARSER.sniff(Document(text=page, media_type="text/html")) > 0.5
    assert PARSER.sniff(Document(text="<html><p>hello</p></html>", media_type="text/html")) == 0.0


def test_2023_layout_fields():
    art = parse_fixture("kompas-2023.html")
    assert art.title == "Warga Bogor Tanam Seribu Pohon di Bantaran Sungai"
    assert art.published.isoformat() == "2024-03-05T09:30:15+07:00"
    assert names(art, "writer") == ["Rina Wulandari"]
    assert names(art, "editor") == ["Dimas Prakoso"]  # JSON-LD's author is the editor
    assert art.dateline == "BOGOR"
    assert art.section == "Regional"
    assert art.tags == ["Bogor", "penghijauan", "sungai"]
    assert art.id == "tag:kompas.com,2024-03-05:093015278"
    image = art.images[0]
    assert image.url == "https://regional.kompas.com/data/photo/2024/03/05/pohon.jpg"
    assert image.credit == "KOMPAS.com/RINA WULANDARI"
    assert image.caption.startswith("Warga menanam bibit pohon") and "KOMPAS.com" not in image.caption
    assert [r.title for r in art.related] == ["Banjir di Bogor Mulai Surut"]
    assert art.related[0].url == "https://regional.kompas.com/read/2024/03/01/101010101/banjir-surut"
    assert any("multi-page" in n for n in art.notes)


def test_2023_layout_body_is_clean():
    art = parse_fixture("kompas-2023.html")
    texts = [b.text for b in art.body]
    assert texts[0].startswith("Sekitar dua ratus warga")  # no "BOGOR, KOMPAS.com -"
    assert not any("Baca juga" in t or "ADVERTISEMENT" in t for t in texts)
    assert ("heading", "Bibit dari dinas") in [(b.kind, b.text) for b in art.body]
    html = art.content_html
    assert "<script" not in html and "<iframe" not in html and "Baca juga" not in html
    assert 'href="https://regional.kompas.com/tag/bogor"' in html


def test_old_channel_layout():
    art = parse_fixture("kompas-2015.html")
    assert art.title == "Ponsel Lokal Makin Laris di Pasar Daerah"
    assert art.published.isoformat() == "2015-08-11T14:25:00+07:00"  # not the header's "today"
    assert [(a.name, a.role, a.detail) for a in art.authors] == [
        ("Andi Setiawan", "contributor", "Medan"), ("Sari Lestari", "editor", None)]
    assert art.dateline == "MEDAN"
    assert art.section == "Tekno"
    assert [b.text for b in art.body] == [
        "Penjualan ponsel merek lokal di pasar daerah naik tajam tahun ini.",
        "Pedagang menyebut harga yang murah sebagai alasan utama.",
        '"Pembeli sekarang lebih berani mencoba merek baru," ujar seorang pedagang.',
    ]
    assert art.images[0].credit == "KOMPAS.com/Andi Setiawan"
    assert [r.title for r in art.related] == ["Harga Ponsel Turun"]
    assert art.id == "tag:kompas.com,2015-08-11:14250017"


def test_page_without_kompas_layout_is_noted():
    doc = Document(text="<html><head><title>x</title></head><body><p>hi</p></body></html>",
                   media_type="text/html", url="https://www.kompas.com/read/2020/01/02/10000011/x")
    art = PARSER.parse(doc)[0]
    assert art.body == []
    assert any("body" in n for n in art.notes)
    assert art.published.isoformat() == "2020-01-02T10:00:00+07:00"  # from the article id, noted
    assert any("article id" in n for n in art.notes)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_corpus_gold(shared: Path):
    folder = shared / "corpus" / "html" / "kompas"
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    for name, expected in gold.items():
        if name.startswith("_"):
            continue
        art = PARSER.parse(read_input(Input(str(folder / name))))[0]
        assert art.title == expected["title"], name
        assert art.published.isoformat() == expected["published"], name
        assert names(art, "writer") == expected["writers"], name
        assert names(art, "editor") == expected["editors"], name
        assert art.dateline == expected["dateline"], name
        body = _norm(" ".join(b.text for b in art.body))
        assert "Baca juga" not in body
        gold_body = _norm((folder / name.replace(".html", ".gold-body.txt")).read_text(encoding="utf-8"))
        # Some gold bodies keep the "JAKARTA, KOMPAS.com - " prefix; ours never does.
        gold_body = re.sub(r"^[^,]{1,30}, Kompas\S*\s*[-–—]\s*", "", gold_body, flags=re.IGNORECASE)
        ratio = difflib.SequenceMatcher(None, body, gold_body, autojunk=False).ratio()
        assert ratio >= 0.95, (name, ratio)
