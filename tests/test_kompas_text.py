"""The Kompas text parser on fixtures we wrote, one per layout variant of kompas-layout.md.

Each ``tests/fixtures/kompas/NAME.txt`` has a golden ``NAME.json``: the ``Article.to_dict()``
after the engine's hooks, minus ``input``. Regenerate them after a deliberate change with
``WARTA_REGEN=1 pytest tests/test_kompas_text.py`` and read the diff before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from warta import Document, WartaError
from warta.plugins.kompas import KompasTextParser, parse_kompas_url

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "kompas"
REGEN = os.environ.get("WARTA_REGEN") == "1"

#: The URL each fixture is parsed with (the ones without a date line need it).
URLS = {
    "b-headerless": "https://megapolitan.kompas.com/read/2021/03/15/08301231/bus-sekolah-gratis-ditambah",
    "g-amp": "https://amp.kompas.com/tren/read/2020/02/02/143000265/viral-sepekan-kucing-naik-ojek",
    "page2": "https://www.kompas.com/sains/read/2021/11/30/201500623/10-fakta-unik-planet?page=2",
    "roundup": "https://regional.kompas.com/read/2020/01/25/05300011/populer-nusantara?page=all",
    "tv-penulis": "https://www.kompas.tv/article/84512/pemerintah-perpanjang-jam-operasional-pasar",
    "kompasid": "https://www.kompas.id/baca/nusantara/2023/05/08/jembatan-kayu-penghubung-dua-desa",
}
NAMES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


def run(engine, name: str, url: str | None = None) -> dict:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    doc = Document(text=text, path=f"{name}.txt", url=url if url is not None else URLS.get(name))
    [article] = engine.parse_document(doc, parser="kompas")
    record = article.to_dict()
    record.pop("input")
    return record


@pytest.mark.parametrize("name", NAMES)
def test_fixture_matches_golden(engine, name):
    record = run(engine, name)
    golden = FIXTURES / f"{name}.json"
    if REGEN or not golden.exists():
        golden.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if not REGEN:
            pytest.fail(f"wrote missing golden {golden.name}; check it and run again")
    assert record == json.loads(golden.read_text(encoding="utf-8"))


def test_standard_layout(engine):
    r = run(engine, "a-standard")
    assert r["title"] == "Warga Bantaran Kali Ciliwung Tanam Seribu Pohon Bambu"
    assert r["published"] == "2023-02-14T09:05:00+07:00"
    assert r["authors"] == [{"name": "Sekar Ayu Pratiwi", "role": "writer", "label": "Penulis", "detail": None}]
    assert (r["dateline"], r["source"]) == ("BOGOR", "Antara")
    assert r["body"][0]["text"].startswith("Ratusan warga bantaran")
    assert r["body"][-1]["text"].startswith("Darmawan berharap")
    assert not any("Dapatkan" in b["text"] or "Simak" in b["text"] for b in r["body"])
    assert [x["title"] for x in r["related"]] == [
        "Debit Kali Ciliwung Naik, Warga Diminta Waspada", "Sungai di Bogor Dibersihkan dari Sampah Plastik"]
    assert [(m["title"], m["section"]) for m in r["more"]] == [
        ("Jembatan Gantung di Cisarua Diperbaiki Swadaya", "Regional"),
        ("Harga Cabai di Pasar Bogor Turun Menjelang Panen", "Regional")]


def test_headerless_dump_takes_time_from_url_and_its_title_is_marked_as_from_the_slug(engine):
    r = run(engine, "b-headerless")
    assert r["title"] == "Bus Sekolah Gratis Ditambah" and r["title_source"] == "url"
    assert r["published"] == "2021-03-15T08:30:00+07:00"
    assert r["section"] == "Megapolitan"
    assert r["id"] == "tag:kompas.com,2021-03-15:08301231"
    assert r["dateline"] == "JAKARTA"
    assert len(r["body"]) == 3 and not any(b["text"].startswith(("(Baca", "Tulis")) for b in r["body"])
    assert any("no date line" in n for n in r["notes"]) and "no title in the dump" in r["notes"]
    bare = run(engine, "b-headerless", url="")
    assert bare["published"] is None and bare["id"] is None and bare["title"] is None
    assert any("publication time unknown" in n for n in bare["notes"])


def test_title_first_with_glued_caption_and_glued_editor(engine):
    r = run(engine, "c-title-first")
    assert r["title"] == "Pedagang Pasar Lama Pindah ke Gedung Baru"
    assert r["authors"] == [{"name": "Budi Santoso", "role": "editor", "label": "Editor", "detail": None}]
    assert r["images"][0]["credit"] == "KOMPAS.com/RINA ANGGRAENI"
    assert r["images"][0]["caption"].startswith("Para pedagang merapikan lapak")
    assert r["dateline"] == "TANGERANG" and r["body"][0]["text"].startswith("Sebanyak 300 pedagang")


@pytest.mark.parametrize("name", ["d-no-title", "e-date-first"])
def test_no_title_above_the_date_line(engine, name):
    r = run(engine, name)
    assert r["title"] is None and r["published"] is not None
    assert "no title in the dump" in r["notes"]
    assert r["id"] is None  # no URL and no title: nothing stable to build an id from


def test_columnist_and_kudu_insight(engine):
    col = run(engine, "f-columnist")
    assert col["title"] == "Membaca Ulang Budaya Antre Kita"
    assert [(a["name"], a["role"], a["detail"]) for a in col["authors"]] == [
        ("Ratna Kusumawardani", "columnist", "Dosen Ilmu Komunikasi Universitas Contoh"),
        ("Adi Nugroho", "editor", None)]
    assert col["body"][0]["text"].startswith("SETIAP pagi") and col["dateline"] is None
    kudu = run(engine, "f-kudu")
    assert kudu["title"] == "Harga Beras Naik Lima Bulan Berturut-turut"
    assert [a["name"] for a in kudu["authors"]] == ["Sari Wulandari", "Yoga Pratama", "Lestari Ningsih"]


def test_amp_page(engine):
    r = run(engine, "g-amp")
    assert r["title"] == "Viral Sepekan, Kucing Naik Ojek hingga Pelangi Ganda di Malang"
    assert r["published"] == "2020-02-02T14:30:00+07:00" and r["section"] == "Tren"
    assert r["authors"] == [{"name": "Wahyu Setiadi", "role": "editor", "label": "Editor", "detail": None}]
    assert r["images"] == [{"url": None, "caption": "Ilustrasi media sosial.", "credit": "Shutterstock"}]
    assert not any("Baca berita" in b["text"] or "baca di sini" in b["text"] for b in r["body"])
    assert r["related"] == [{"title": "Kucing naik ojek", "url": None, "section": None}]


def test_tim_redaksi_and_split_dateline(engine):
    r = run(engine, "tim-redaksi")
    assert [(a["name"], a["role"], a["label"]) for a in r["authors"]] == [
        ("Dimas Saputra", "writer", "Tim Redaksi"), ("Nur Aini", "editor", "Tim Redaksi")]
    assert r["dateline"] == "JAKARTA"
    assert r["body"][0]["text"].startswith("Dinas Perhubungan memasang")
    assert r["related"][0]["title"] == "Uji Coba Ganjil Genap Diperluas ke Jalan Baru"


def test_contributor_keeps_the_city(engine):
    r = run(engine, "kontributor")
    assert r["authors"] == [{"name": "Asep Mulyana", "role": "contributor", "label": "Kontributor", "detail": "Garut"}]


@pytest.mark.parametrize("name,verdict", [("cekfakta-hoaks", "hoaks"), ("cekfakta-klarifikasi", "klarifikasi")])
def test_cek_fakta_verdict(engine, name, verdict):
    r = run(engine, name)
    assert r["verdict"] == verdict and verdict in r["tags"]
    texts = [b["text"] for b in r["body"]]
    assert not any(t.lower().startswith((verdict, "berdasarkan verifikasi", "hoaks atau", "jika anda", "close"))
                   for t in texts)
    assert r["body"][0]["kind"] == "paragraph" and r["body"][0]["text"].startswith(("Sebuah", "Video"))
    assert any(b["kind"] == "heading" and b["text"].startswith("Penelusuran") for b in r["body"])
    assert r["authors"][0]["name"] == "Tim Cek Fakta"


def test_roundup_headings_lists_and_links(engine):
    r = run(engine, "roundup")
    kinds = [(b["kind"], b["text"][:12]) for b in r["body"]]
    assert ("heading", "1. Sumur war") in kinds and ("heading", "3. Daftar de") in kinds
    assert [k for k, t in kinds if t.startswith(("1. Desa", "2. Desa", "3. Desa"))] == ["list_item"] * 3
    assert "Berikut paparannya:" not in [b["text"] for b in r["body"]]
    assert r["body"][0]["text"].endswith("menjadi berita terpopuler kemarin.")
    assert [x["title"] for x in r["related"]] == [
        "Sumur Warga di Pamekasan Keluarkan Api", "Sumur warga keluarkan api",
        "Banjir Bandang Putus Jalan Desa di Lereng Gunung"]
    assert r["images"][0]["credit"] == "KOMPAS.COM/ANDI SETIAWAN"
    assert r["page"] is None and r["authors"][0]["role"] == "editor"


def test_page_two_continuation(engine):
    r = run(engine, "page2")
    assert r["page"] == 2 and r["title"] == "10 Fakta Unik Planet di Tata Surya"
    assert r["id"] == "tag:kompas.com,2021-11-30:201500623"
    assert r["dateline"] is None
    assert any("continuation" in n for n in r["notes"])
    without_url = run(engine, "page2", url="")
    assert without_url["page"] is None and any("continuation" in n for n in without_url["notes"])


def test_date_line_wins_over_a_disagreeing_url(engine):
    url = "https://nasional.kompas.com/read/2023/02/15/10000011/x"
    r = run(engine, "a-standard", url=url)
    assert r["published"] == "2023-02-14T09:05:00+07:00"
    assert any("disagree" in n for n in r["notes"])
    assert r["id"] == "tag:kompas.com,2023-02-15:10000011"


def test_sniff():
    parser = KompasTextParser()
    text = (FIXTURES / "e-date-first.txt").read_text(encoding="utf-8")
    assert parser.sniff(Document(text="x", url="https://regional.kompas.com/read/2020/01/01/1/x")) == 1.0
    assert parser.sniff(Document(text=text)) == 0.8
    assert parser.sniff(Document(text="BANDUNG, KOMPAS.com - Hujan deras.")) == 0.8
    assert parser.sniff(Document(text="JAKARTA, detikNews - Hujan deras.")) == 0.0


@pytest.mark.parametrize("text", ["", "  \n\n \u200b \n"])
def test_empty_page_is_a_clear_error(text):
    with pytest.raises(WartaError, match="empty"):
        KompasTextParser().parse(Document(text=text))


def test_same_input_same_output(engine):
    assert run(engine, "a-standard") == run(engine, "a-standard")


def test_url_section_from_path_channel():
    url = parse_kompas_url("https://www.kompas.com/global/read/2020/12/29/191655870/xi?page=1")
    assert url.section == "global" and url.channel is None
    assert parse_kompas_url("https://megapolitan.kompas.com/read/2014/07/05/19281291/x").section == "megapolitan"


# -- Kompas's other sites (kompas-layout.md §12) -----------------------------------------


@pytest.mark.parametrize("name", ["tv-penulis", "tv-glued", "tv-show", "kompasid", "kompasiana", "video", "salin"])
def test_other_kompas_sites_are_sniffed_as_kompas_without_a_url(engine, name):
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    assert engine.choose(Document(text=text, path=name)).name == "kompas"


def test_kompas_tv_date_line_slug_and_closing_credits(engine):
    record = run(engine, "tv-penulis")
    assert record["site"] == "kompas.tv"
    assert record["published"] == "2020-05-22T16:34:00+07:00"
    assert [(a["name"], a["role"], a["label"]) for a in record["authors"]] == [
        ("Sekar Ayu Lestari", "writer", "Penulis"), ("Bara Santika", "editor", "Video Editor")]
    assert record["source"] == "Kompas TV"
    assert record["dateline"] == "JAKARTA"
    texts = [b["text"] for b in record["body"]]
    assert texts[0].startswith("Pemerintah memperpanjang")
    assert not any("pemerintah-perpanjang" in t or "WhatsApp" in t or "Sumber" in t for t in texts)


def test_kompas_tv_date_glued_to_the_body_is_split(engine):
    record = run(engine, "tv-glued")
    assert record["published"] == "2017-10-01T09:40:00+07:00"
    assert record["title"] == "Tim Tamu Menang Tipis di Laga Pembuka"
    assert record["body"][0]["text"].startswith("Bertanding di stadion")
    assert any("glued" in note for note in record["notes"])


def test_kompas_id_header_byline_bare_dateline_and_editor_footer(engine):
    record = run(engine, "kompasid")
    assert record["site"] == "kompas.id"
    assert record["title"] == "Jembatan Kayu Penghubung Dua Desa Kembali Dibuka"
    assert record["summary"].startswith("Warga dua desa")
    assert [(a["name"], a["role"]) for a in record["authors"]] == [
        ("RAHMAT HIDAYAT", "writer"), ("SITI NURHALIZA", "editor")]
    assert record["dateline"] == "PALANGKARAYA"
    # No date line: the URL's day, at midnight WIB, with a note saying the time is unknown.
    assert record["published"] == "2023-05-08T00:00:00+07:00" and record["section"] == "Nusantara"
    assert any("time unknown" in note for note in record["notes"])
    texts = [b["text"] for b in record["body"]]
    assert texts[0].startswith("Jembatan kayu sepanjang")
    assert not any("Menara Kompas" in t or "menit baca" in t or t == "Bagikan" for t in texts)


def test_kompasiana_published_updated_and_blogger(engine):
    record = run(engine, "kompasiana")
    assert record["site"] == "kompasiana.com"
    assert (record["published"], record["updated"]) == ("2018-05-29T12:00:00+07:00", "2018-05-29T12:02:00+07:00")
    assert record["title"] == "Menanam Pohon di Halaman Sekolah"
    assert record["authors"][0]["name"] == "Andi Saputra"
    assert record["body"][0]["text"].startswith("Setiap Jumat pagi")


def test_video_credits_and_copy_page_title(engine):
    video = run(engine, "video")
    assert video["published"] == "2022-12-05T21:03:00+07:00" and video["section"] == "News"
    assert video["title"] is None
    assert [a["label"] for a in video["authors"]] == ["Penulis Naskah", "Narator", "Video Editor"]
    salin = run(engine, "salin")
    assert salin["title"] == "Cara Merawat Tanaman Hias agar Tetap Segar di Musim Kemarau"
    assert salin["body"][0]["text"].startswith("Tanaman hias butuh")
    assert "no title in the dump" not in salin["notes"]
