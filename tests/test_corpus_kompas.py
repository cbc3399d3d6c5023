"""The Kompas text parser on the real pages of ../shared (skipped when it is absent).

The boilerplate checker below is built from kompas-layout.md §7 and §10 on its own, not from
the parser's lists, so that a line the parser forgets to drop shows up here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from warta import Document

# Lines that must never be body text (kompas-layout.md §3, §4, §7, §10).
MARKER = re.compile(
    r"^(?:baca juga|baca\s*:|\(baca|baca berita|baca selengkapnya|selengkapnya baca|baca review"
    r"|simak breaking news|lihat foto$|baca di app$|dapatkan (?:informasi|update)|daftarkan email$"
    r"|terkini lainnya$|tulis komentar|video rekomendasi|video lainnya$|video pilihan"
    r"|baca tentang$|rekomendasi untuk anda$|syarat & ketentuan|close ads$|bagikan artikel ini"
    r"|login untuk memaksimalkan|anda bisa menjadi kolumnis|kriteria \(salah satu\)"
    r"|hoaks!?$|klarifikasi!?$|berdasarkan verifikasi kompas\.com|hoaks atau fakta\?$"
    r"|closelaporkan hoaks|terima kasih telah membaca kompas\.com|halaman:?$|\|$"
    r"|penulis$|editor$|tim redaksi$|kompas\.com - \d\d/\d\d/\d{4}, \d\d:\d\d wib$)",
    re.IGNORECASE,
)
BOILER = "Baca berita tanpa iklan. Gabung Kompas.com+"
TITLE_NOT = re.compile(r"^(?:Kompas\.com - \d\d/|Baca berita tanpa iklan|Penulis$|Editor$|Tim Redaksi$)")


def is_marker(text: str) -> bool:
    return text == BOILER or bool(MARKER.match(text)) or text.rstrip(".").lower().endswith("selengkapnya di sini")


@pytest.fixture(scope="module")
def pages(shared):
    root = shared / "corpus" / "kompas-text"
    rows = [json.loads(line) for line in (root / "index.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return [(root / row["file"], row) for row in rows]


def parse(engine, path: Path, url: str | None):
    doc = Document(text=path.read_text(encoding="utf-8"), path=path.name, url=url)
    [article] = engine.parse_document(doc)
    return article


def test_seed(engine, shared):
    doc = Document(text=(shared / "seed" / "kompas-2020-12-29-xi-jinping.txt").read_text(encoding="utf-8"))
    assert engine.choose(doc).name == "kompas"
    [a] = engine.parse_document(doc)
    assert a.title == "Xi Jinping: Persahabatan China dan Rusia Sangat Kuat"
    assert a.published.isoformat() == "2020-12-29T19:16:00+07:00"
    assert [(x.name, x.role, x.label) for x in a.authors] == [("Danur Lambang Pristiandaru", "writer", "Penulis")]
    assert (a.dateline, a.source) == ("BEIJING", "CGTN News")
    assert [b.kind for b in a.body] == ["paragraph"] * 17
    assert a.body[0].text.startswith("Presiden China Xi Jinping dan Presiden Rusia Vladimir Putin")
    assert a.body[-1].text == "Kedua pemimpin juga sepakat untuk terus menjaga komunikasi rutin dengan berbagai cara."
    assert len(a.related) == 5 and a.related[-1].title == "Batuk-batuk Saat Pidato, Apakah Xi Jinping Terinfeksi Covid-19?"
    assert not [b.text for b in a.body if is_marker(b.text)]
    assert len(a.more) == 15 and len({m.title for m in a.more}) == 15
    assert a.more[0].title == "WHO: Penggunaan Alkohol dan Vape di Kalangan Remaja Mengkhawatirkan"
    assert {m.section for m in a.more} == {"Global", "Internasional"}
    assert a.language == "id" and a.site == "kompas.com"


@pytest.mark.parametrize("with_url", [True, False], ids=["url", "no-url"])
def test_corpus_pages(engine, pages, with_url):
    counts = {"published": 0, "title": 0, "authors": 0, "dateline": 0, "clean": 0}
    failures = []
    for path, row in pages:
        a = parse(engine, path, row["url"] if with_url else None)
        expected = f"{row['url_date']}T{row['url_time']}:00+07:00"
        published = a.published.isoformat() if a.published else None
        if with_url or published is not None:
            if published != expected:
                failures.append(f"{path.name}: published {published}, expected {expected}")
        counts["published"] += published == expected
        dirty = [b.text for b in a.body if is_marker(b.text)]
        if dirty:
            failures.append(f"{path.name}: marker lines in the body: {dirty}")
        counts["clean"] += not dirty
        if a.title and (TITLE_NOT.match(a.title) or a.title == BOILER):
            failures.append(f"{path.name}: title is a header line: {a.title!r}")
        counts["title"] += bool(a.title)
        counts["authors"] += bool(a.authors)
        counts["dateline"] += bool(a.dateline)
        if not a.body:
            failures.append(f"{path.name}: empty body")
    print(f"\nkompas-text ({'with' if with_url else 'without'} URL), {len(pages)} pages:",
          ", ".join(f"{k} {v}" for k, v in counts.items()))
    assert not failures, "\n".join(failures)


def test_pages_with_a_date_line_need_no_url(engine, pages):
    """Every page whose text has the date line gets its time from the text alone."""
    for path, row in pages:
        if re.search(r"^Kompas\.com - \d\d/", path.read_text(encoding="utf-8"), re.MULTILINE):
            a = parse(engine, path, None)
            assert a.published.isoformat() == f"{row['url_date']}T{row['url_time']}:00+07:00", path.name
