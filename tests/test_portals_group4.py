"""Group 4 portal parsers: kumparan, merdeka, viva, katadata, tirto, voa, bbcindonesia, jakartapost.

Fixtures under tests/fixtures/portals/<portal>/ are invented texts in the layouts that
shared/docs/portal-layouts.md describes; the corpus tests read ../shared/corpus/portals-text.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from warta import Document, WartaError

from portaltest import fixture_text, parse_fixture, texts

PORTALS = ("kumparan", "merdeka", "viva", "katadata", "tirto", "voa", "bbcindonesia", "jakartapost")
WIB = 7 * 3600











# -- kumparan -------------------------------------------------------------------------------


def test_kumparan_footer_first(engine):
    doc = Document(text=fixture_text("kumparan", "footer-first.txt"))
    assert engine.choose(doc).name == "kumparan"
    a = parse_fixture(engine, "kumparan", "footer-first.txt",
              "https://kumparan.com/kumparannews/warga-gelar-lomba-perahu-1uAbCdEfGh")
    assert a.title == "Warga Kampung Pelangi Gelar Lomba Perahu Hias di Kali Ciliwung"
    assert a.published == datetime.fromisoformat("2020-09-23T19:30:00+07:00")
    assert a.section == "Kumparannews"
    assert [r.title for r in a.related] == ["Sampah Plastik di Pintu Air Manggarai Berkurang"]
    body = texts(a)
    assert body[0].startswith("Puluhan perahu hias")
    assert not {"ADVERTISEMENT", "comment", "copy-link-circle", "·"} & set(body)
    assert len(body) == 4


def test_kumparan_prayer_widget_glued_advertisement(engine):
    a = parse_fixture(engine, "kumparan", "prayer-widget.txt")
    assert a.title == "Harga Cabai Rawit di Pasar Induk Turun Jelang Akhir Tahun"
    assert a.published == datetime.fromisoformat("2023-01-01T09:00:00+07:00")
    assert a.images[0].caption == "Ilustrasi cabai rawit di pasar." and a.images[0].credit == "Dok. Warga"
    body = texts(a)
    assert body[0].startswith("Harga cabai rawit")
    assert not any(t in ("isya", "19:01", "Jakarta") or "menit" in t or "white" in t for t in body)


def test_kumparan_mid_article_has_no_title(engine):
    a = parse_fixture(engine, "kumparan", "mid-article.txt", "https://kumparan.com/kumparanbisnis/x-1uAbCdEfGh")
    assert a.title is None and a.published is None
    assert any("mid-article" in n for n in a.notes)
    assert len(a.body) == 2


# -- merdeka --------------------------------------------------------------------------------


def test_merdeka_full_layout(engine):
    doc = Document(text=fixture_text("merdeka", "full.txt"))
    assert engine.choose(doc).name == "merdeka"
    a = parse_fixture(engine, "merdeka", "full.txt", "https://www.merdeka.com/jakarta/taman-kota-baru.html")
    assert a.title == "Taman Kota Baru Dibuka untuk Warga Tiap Akhir Pekan"
    assert a.section == "Jakarta"
    assert a.images[0].caption == "Suasana taman kota pada pagi hari."
    assert a.images[0].credit == "©2017 Merdeka.com/Arie Basuki"
    body = texts(a)
    assert body[0].startswith("Pemerintah kota membuka")
    assert body[-1].endswith("masuk.")  # editor code (mdk/ded) cut
    assert [b.text for b in a.body if b.kind == "heading"] == ["Fasilitas yang Disiapkan"]
    assert not any(t.startswith(("VIDEO:", "Geser", "Cobain", "Buka FYP")) for t in body)
    assert a.published is None and any("no publication date" in n for n in a.notes)


def test_merdeka_amp_lead_printed_twice(engine):
    a = parse_fixture(engine, "merdeka", "amp.txt")
    assert a.title == "Jembatan Gantung Desa Sukamaju Rampung Diperbaiki"
    assert len(a.body) == 2 and a.body[0].text.startswith("Jembatan gantung")


# -- viva -----------------------------------------------------------------------------------


def test_viva_modern(engine):
    doc = Document(text=fixture_text("viva", "modern.txt"))
    assert engine.choose(doc).name == "viva"
    a = parse_fixture(engine, "viva", "modern.txt", "https://www.viva.co.id/berita/bisnis/123456-petani-kopi")
    assert a.title == "Petani Kopi Lereng Merapi Panen Raya Lebih Awal"
    assert a.section == "Bisnis"
    assert [(i.caption, i.credit) for i in a.images] == [
        ("Petani memetik buah kopi di kebun.", "ANTARA/Hendra Nurdiyansyah"),
        ("Petani menjemur biji kopi di halaman rumah.", "VIVA/Dwi Royanto"),
    ]
    assert [r.title for r in a.related] == ["Harga Beras Medium Naik Tipis di Pasar Tradisional"]
    assert [m.title for m in a.more] == ["Kementan Siapkan Bibit Kopi Gratis untuk Petani Muda"]
    body = texts(a)
    assert body[0].startswith("Petani kopi di lereng")
    assert body[-1].endswith("kopi bubuk.")
    assert len(body) == 4


def test_viva_old_dash_credit(engine):
    a = parse_fixture(engine, "viva", "old.txt", "http://otomotif.news.viva.co.id/news/read/1234-bus-sekolah")
    assert a.title == "Bus Sekolah Gratis Mulai Beroperasi di Pinggiran Kota"
    assert a.images[0].credit == "VIVAnews/Fajar Sodiq"
    assert a.section == "Otomotif"
    assert texts(a)[0].startswith("Pemerintah daerah") and texts(a)[-1].endswith("bertambah.")


def test_viva_crawl_prefix_single_paragraph(engine):
    doc = Document(text=fixture_text("viva", "crawl-prefix.txt"))
    assert engine.choose(doc).name == "viva"
    a = parse_fixture(engine, "viva", "crawl-prefix.txt")
    assert a.title is None
    assert texts(a)[0].startswith("Harga gula pasir")
    assert a.published is None and any("no publication date" in n for n in a.notes)  # a month-only crawl prefix gives none


# -- katadata -------------------------------------------------------------------------------


def test_katadata_amp(engine):
    url = "https://katadata.co.id/amp/berita/ekonomi/65a1b2c3d4e5f/pemerintah-tambah-kuota-pupuk"
    doc = Document(text=fixture_text("katadata", "amp.txt"), url=url)
    assert engine.choose(doc).name == "katadata"
    a = parse_fixture(engine, "katadata", "amp.txt", url)
    assert a.title == "Pemerintah Tambah Kuota Pupuk Bersubsidi untuk Musim Tanam Kedua"
    assert a.section == "Ekonomi"
    assert [(x.name, x.role, x.label) for x in a.authors] == [("Rina Kurniasih", "writer", "Penulis")]
    assert len(a.body) == 3 and a.language == "id"


def test_katadata_databoks_english(engine):
    doc = Document(text=fixture_text("katadata", "databoks-en.txt"))
    assert engine.choose(doc).name == "katadata"
    a = parse_fixture(engine, "katadata", "databoks-en.txt")
    assert a.title == "Composite Stock Price Index Closes at 7,094 (Tuesday, May 20, 2025)"
    assert a.published.date() == date(2025, 5, 20)
    assert a.published.utcoffset().total_seconds() == WIB
    assert a.language == "en"
    assert not any("Font" in t or "error" in t for t in texts(a))


def test_katadata_databoks_indonesian_body_only(engine):
    a = parse_fixture(engine, "katadata", "databoks-id.txt",
              "https://databoks.katadata.co.id/pariwisata/statistik/abc123def4567/wisman")
    assert a.title is None
    assert a.section == "Pariwisata"
    assert [r.title for r in a.related] == ["Tingkat Hunian Hotel Berbintang Naik pada Kuartal Pertama"]
    assert [b.text for b in a.body if b.kind == "list_item"][0] == "Malaysia 210 ribu kunjungan"


# -- tirto ----------------------------------------------------------------------------------


def test_tirto_full_layout(engine):
    doc = Document(text=fixture_text("tirto", "full.txt"))
    assert engine.choose(doc).name == "tirto"
    a = parse_fixture(engine, "tirto", "full.txt")
    assert a.title == "Sejarah Pasar Malam di Kota-Kota Jawa"
    assert a.summary == "Pasar malam tumbuh dari keramaian alun-alun dan tetap bertahan hingga kini."
    assert a.images[0].caption == "Ilustrasi pasar malam di alun-alun." and a.images[0].credit == "tirto.id/Lugas"
    assert texts(a)[0].startswith("Pasar malam sudah lama")
    assert [(x.name, x.role) for x in a.authors] == [("Dimas Prasetyo", "writer"), ("Irfan Hakim", "editor")]
    assert [r.title for r in a.related] == ["Riwayat Alun-Alun sebagai Ruang Publik"]


# -- voa ------------------------------------------------------------------------------------


def test_voa_body_only(engine):
    url = "https://www.voaindonesia.com/a/festival-budaya/1234567.html"
    doc = Document(text=fixture_text("voa", "body-only.txt"), url=url)
    assert engine.choose(doc).name == "voa"
    a = parse_fixture(engine, "voa", "body-only.txt", url)
    assert a.title is None and a.published is None and len(a.body) == 4
    assert a.site == "voaindonesia.com"


def test_voa_dateline(engine):
    doc = Document(text=fixture_text("voa", "dateline.txt"))
    assert engine.choose(doc).name == "voa"
    a = parse_fixture(engine, "voa", "dateline.txt")
    assert a.dateline == "WASHINGTON DC"
    assert texts(a)[0].startswith("Kedutaan Besar")


# -- bbcindonesia ---------------------------------------------------------------------------


def test_bbc_article_mirror(engine):
    doc = Document(text=fixture_text("bbcindonesia", "article.txt"), url="https://mirror.example/indonesia/x-1")
    assert engine.choose(doc).name == "bbcindonesia"
    a = parse_fixture(engine, "bbcindonesia", "article.txt")
    assert a.title == "Mengapa harga tiket pesawat domestik tetap mahal?"
    assert a.tags == ["penerbangan"]
    assert [(i.caption, i.credit) for i in a.images] == [
        ("Calon penumpang mengantre di bandara.", "Antara Foto"),
        ("Pesawat terparkir di apron bandara.", "Getty Images"),
    ]
    assert len(a.body) == 3 and not any("gambar" in t for t in texts(a))


def test_bbc_live_page(engine):
    url = "https://www.bbc.com/indonesia/live/banjir-12345678"
    doc = Document(text=fixture_text("bbcindonesia", "live.txt"), url=url)
    assert engine.choose(doc).name == "bbcindonesia"
    a = parse_fixture(engine, "bbcindonesia", "live.txt", url)
    assert a.title is None and a.section == "Live"
    assert [b.kind for b in a.body[:2]] == ["list_item", "list_item"]
    assert not {"Got a TV Licence?", "Find out more", "Berpartisipasi", "Semuanya waktu Inggris"} & set(texts(a))
    assert a.images[0].caption == "Warga membersihkan rumah setelah banjir."


# -- jakartapost ----------------------------------------------------------------------------


def test_jakartapost_iso_stamp(engine):
    doc = Document(text=fixture_text("jakartapost", "iso-stamp.txt"))
    assert engine.choose(doc).name == "jakartapost"
    url = "https://www.thejakartapost.com/news/2019/03/08/fishermen-turn-to-seaweed.html"
    a = parse_fixture(engine, "jakartapost", "iso-stamp.txt", url)
    assert a.title == "Fishermen turn to seaweed farming as catches shrink"
    assert a.published == datetime.fromisoformat("2019-03-08T09:15:00+07:00")
    assert [x.name for x in a.authors] == ["Budi Santoso"]
    assert a.dateline == "KUPANG" and a.section == "News" and a.language == "en"
    assert a.images[0].credit == "JP/Budi Santoso"
    assert texts(a)[0].startswith("For generations")  # drop cap re-joined
    assert "Share This Article" not in texts(a)


def test_jakartapost_two_writers_date_only(engine):
    a = parse_fixture(engine, "jakartapost", "two-writers.txt")
    assert [x.name for x in a.authors] == ["Dian Kusuma", "Mark Halloway"]
    assert a.published.date() == date(2021, 10, 16)
    assert a.dateline == "JAKARTA/BOGOR"
    assert texts(a)[0].startswith("In the early morning")
    assert any("no time" in n for n in a.notes)


def test_jakartapost_mid_article_url_date(engine):
    url = "https://www.thejakartapost.com/academia/2020/02/03/schools-adjust.html"
    a = parse_fixture(engine, "jakartapost", "mid-article.txt", url)
    assert a.title is None
    assert a.published.date() == date(2020, 2, 3)
    assert any("URL" in n for n in a.notes)


def test_empty_page_is_a_clear_error(engine):
    for portal in PORTALS:
        with pytest.raises(WartaError):
            engine.parsers[portal].parse(Document(text="  \n"))
