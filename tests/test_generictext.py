"""The generic text parser: the last resort for plain-text dumps no portal plugin claims.

Fixtures under tests/fixtures/generic/ are invented texts.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from warta import FALLBACK, Document, WartaError
from warta.manager import BUILTIN_PLUGINS

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "generic"


def doc(name: str, url: str | None = None) -> Document:
    return Document(text=(FIXTURES / name).read_text(encoding="utf-8"), url=url)


@pytest.fixture(scope="module")
def generic(engine):
    return engine.parsers["generic-text"]


def read(generic, name: str, url: str | None = None):
    [article] = generic.parse(doc(name, url))
    return article


def test_registered_last(engine):
    assert BUILTIN_PLUGINS[-1] == "warta.plugins.generictext"
    assert engine.parsers["generic-text"].media_types == ("text/plain",)


def test_headed_dump(engine):
    d = doc("headed.txt")
    assert engine.choose(d).name == "generic-text"
    [a] = engine.parse_document(d)
    assert a.title == "Banjir Rob Genangi Jalan Pesisir Utara Semarang"
    assert a.published == datetime.fromisoformat("2024-03-04T08:15:00+07:00")
    assert a.dateline == "SEMARANG" and a.source == "Kabar Pantura"
    assert a.body[0].text.startswith("Banjir rob kembali")
    assert "ADVERTISEMENT" not in [b.text for b in a.body] and len(a.body) == 3
    assert [r.title for r in a.related] == ["Tanggul Laut Semarang Ditargetkan Rampung Tahun Depan"]
    assert [(x.name, x.role, x.label) for x in a.authors] == [
        ("Laras Wijayanti", "writer", "Penulis"), ("Bayu Pratama", "editor", "Editor")]
    assert a.language == "id"
    assert any("generic text parser" in n for n in a.notes)
    assert any("title guessed" in n for n in a.notes)


def test_body_only_has_no_title(engine, generic):
    assert engine.choose(doc("body-only.txt")).name == "generic-text"
    a = read(generic, "body-only.txt")
    assert a.title is None and a.published is None
    assert len(a.body) == 3
    assert any("no title" in n for n in a.notes) and any("generic text parser" in n for n in a.notes)


def test_english_and_dateline(generic):
    a = read(generic, "english.txt")
    assert a.title == "Volunteers clean up beaches after holiday crowds"
    assert a.dateline == "JAKARTA"
    assert a.body[0].text.startswith("Hundreds of volunteers")
    assert a.language == "en"
    assert "language guessed: en" in a.notes


def test_brand_dateline_gives_site(generic):
    a = read(generic, "brand-dateline.txt")
    assert a.dateline == "JAKARTA" and a.site == "kabarindo.com"
    assert a.body[0].text.startswith("Harga emas")


def test_url_host_is_the_site(generic):
    a = read(generic, "brand-dateline.txt", url="https://www.contohberita.id/ekonomi/emas-naik")
    assert a.site == "contohberita.id" and a.url == "https://www.contohberita.id/ekonomi/emas-naik"


def test_crawl_prefix_is_only_a_hint(generic):
    a = read(generic, "crawl-prefix.txt")
    assert a.published is None
    assert any("2023-09-14" in n for n in a.notes)
    assert a.body[0].text.startswith("Warga desa")


def test_kicker_above_headline(generic):
    a = read(generic, "kicker.txt")
    assert a.title == "Tim Sepak Bola Desa Sukamaju Juara Turnamen Antarkampung"
    assert any("kicker" in n for n in a.notes)


@pytest.mark.parametrize("name", ["menu.txt", "numbers.txt"])
def test_not_an_article(engine, generic, name):
    d = doc(name)
    assert generic.sniff(d) == 0
    with pytest.raises(WartaError, match="no parser recognises this text"):
        engine.choose(d)
    with pytest.raises(WartaError):
        generic.parse(d)


@pytest.mark.parametrize("text", ["", "Halo.", "\x00\x01\x02 binary \x03" * 50, "a b c " * 5])
def test_sniff_zero_on_junk(generic, text):
    assert generic.sniff(Document(text=text)) == 0


def test_sniff_is_fallback_on_prose(generic):
    assert generic.sniff(doc("body-only.txt")) == FALLBACK


def test_seed_through_generic(generic, shared):
    """Forced onto the Kompas seed, it finds the headline and the date line behind the brand."""
    a = generic.parse(Document(text=(shared / "seed" / "kompas-2020-12-29-xi-jinping.txt").read_text(encoding="utf-8")))[0]
    assert a.title == "Xi Jinping: Persahabatan China dan Rusia Sangat Kuat"
    assert a.published == datetime.fromisoformat("2020-12-29T19:16:00+07:00")


def test_corpus_never_crashes_and_titles_are_not_body(generic, shared):
    for path in sorted((shared / "corpus" / "portals-text").glob("*/*.txt")):
        try:
            [a] = generic.parse(Document(text=path.read_text(encoding="utf-8")))
        except WartaError:
            continue
        assert a.body, path
        if a.title:
            assert a.title not in {b.text for b in a.body}, path
            assert not a.title.endswith("."), path
