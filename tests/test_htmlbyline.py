"""Bylines printed in HTML, and the generic HTML parser's dateline and lead."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from warta import Article, Block
from warta.htmlbyline import byline_authors
from warta.htmlmeta import parse_tree
from warta.loaders import Input, read_input
from warta.plugins import generic
from warta.textkit import take_dateline


def credits(html: str) -> list[tuple[str, str, str | None]]:
    return [(a.name, a.role, a.label) for a in byline_authors(parse_tree(f"<html><body>{html}</body></html>"))]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<div class="author">Bagus Kurniawan - detiknews</div>', [("Bagus Kurniawan", "writer", None)]),
        ('<div class="byline">Pewarta: <span itemprop="author">Nur Imansyah</span></div>',
         [("Nur Imansyah", "reporter", "Pewarta")]),
        ('<div class="by-author">By <span class="author vcard"><a rel="author"><span itemprop="author">'
         'Silvanus Alvin</span></a></span><p>on 18 Jun 2015 at 06:25 WIB</p></div>',
         [("Silvanus Alvin", "writer", None)]),
        ('<div itemprop="author" class="author">Oleh : Maya Sofia</div>', [("Maya Sofia", "writer", None)]),
        ('<div class="credit-author">Isna Rifka Sri Rahayu\n Penulis</div><div class="editor">Yoga Sukmana Editor</div>',
         [("Isna Rifka Sri Rahayu", "writer", "Penulis"), ("Yoga Sukmana", "editor", "Editor")]),
        ('<div class="nmreporter"><div>Penulis: Glery Lazuardi</div> Editor: Willy Widianto</div>',
         [("Glery Lazuardi", "writer", "Penulis"), ("Willy Widianto", "editor", "Editor")]),
        # No byline element: labelled credits standing alone still count.
        ('<div class="f11 grey"><div>Penulis: Glery Lazuardi</div><div>Editor: Willy Widianto</div></div>',
         [("Glery Lazuardi", "writer", "Penulis"), ("Willy Widianto", "editor", "Editor")]),
    ],
)
def test_printed_bylines(html, expected):
    assert credits(html) == expected


@pytest.mark.parametrize(
    "html",
    [
        '<div class="comment-author">Pembaca Setia</div>',
        '<aside><div class="author">Penulis Lain</div></aside>',
        '<div class="photo__author">Dok. Saleh Husin</div>',
        '<div class="author">Baca berita selengkapnya tentang banjir di Demak hari ini.</div>',
        '<p>Foto: Rengga Sancaya</p>',
    ],
)
def test_what_is_not_a_byline(html):
    assert credits(html) == []


def article(*texts: str) -> Article:
    return Article(body=[Block("paragraph", t) for t in texts])


@pytest.mark.parametrize(
    ("texts", "dateline", "lead"),
    [
        (["Liputan6.com, Jakarta - Pada hari pertama puasa, agenda Wapres tetap padat."], "JAKARTA", "Pada hari"),
        (["Jakarta -", "Polisi masih mendalami percekcokan di jalan."], "JAKARTA", "Polisi masih"),
        (["Selasa 16 Jun 2015, 14:05 WIB", "MUDA DAN MENGINSPIRASI",
          "Yogyakarta - Lima mahasiswa berhasil mengembangkan alat terapi."], "YOGYAKARTA", "Lima mahasiswa"),
        (["Mataram, NTB (ANTARA News) - Sebanyak 29 penerbangan dibatalkan."], "MATARAM", "Sebanyak 29"),
        (["Harga cabai rawit di pasar naik hingga dua kali lipat."], None, "Harga cabai"),
    ],
)
def test_generic_html_dateline_and_lead(texts, dateline, lead):
    art = article(*texts)
    generic._dateline(art)
    assert art.dateline == dateline
    assert art.body[0].text.startswith(lead)


def test_a_long_paragraph_before_a_dateline_keeps_the_body_as_it_is():
    first = "Sebuah paragraf panjang. " * 20
    art = article(first, "JAKARTA - Kalimat berikutnya.")
    generic._dateline(art)
    assert art.dateline is None and art.body[0].text == first


def _words(text: str) -> str:
    return " ".join(text.split())


def test_corpus_bodies_authors_and_datelines(shared: Path):
    pages = sorted((shared / "corpus" / "html").glob("*/*.expected-body.txt"))
    assert pages
    for expected_path in pages:
        html = expected_path.with_name(expected_path.name.replace(".expected-body.txt", ".html"))
        [art] = generic.GenericHtmlParser().parse(read_input(Input(str(html))))
        expected = _words(expected_path.read_text(encoding="utf-8"))
        # The expected body keeps the portal's dateline opening; ours moves it to `dateline`.
        probe = Article()
        stripped = take_dateline(expected, probe)
        m = generic._TITLE_DATELINE.match(stripped)
        if stripped == expected and m:
            probe.dateline, stripped = m["city"].upper(), stripped[m.end():]
        assert art.dateline == probe.dateline, html.name
        ours = _words(" ".join(b.text for b in art.body))
        ratio = difflib.SequenceMatcher(None, re.sub(r"\s", "", ours), re.sub(r"\s", "", stripped), autojunk=False).ratio()
        assert ratio >= 0.93, (html.name, ratio)
        assert art.authors, html.name
