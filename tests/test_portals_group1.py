"""Text parsers for detik, tempo, cnnindonesia and liputan6.

Fixture tests read pages we wrote ourselves (tests/fixtures/portals/<portal>/), one per layout
variant that shared/docs/portal-layouts.md describes. Corpus tests read the real pages in
../shared/corpus/portals-text (skipped when that folder is absent) and check choice, dates,
titles and boilerplate with checkers written from the doc, independent of the parsers.
"""

from __future__ import annotations

import re

import pytest

from warta import LIKELY, SURE, Document, WartaError

from portaltest import fixture_text, parse_fixture, texts, wib

MINE = ("detik", "tempo", "cnnindonesia", "liputan6")











# -- detik ---------------------------------------------------------------------------------


def test_detik_header_layout(engine):
    a = parse_fixture(engine, "detik", "header.txt")
    assert a.parser == "detik"
    assert a.title == "Warga Kampung Nelayan Gelar Lomba Perahu Hias"
    assert a.published == wib(2019, 9, 14, 10, 5)
    assert [(x.name, x.role, x.detail) for x in a.authors] == [
        ("Rina Anggraeni", "writer", "detikNews"), ("Budi Santosa", "writer", "detikNews")]
    assert a.dateline == "TEGAL"
    assert a.images[0].caption == "Perahu hias di pantai utara." and a.images[0].credit == "Budi Santosa/detikcom"
    assert [r.title for r in a.related] == ["Nelayan Pantura Keluhkan Harga Solar"]
    body = texts(a)
    assert body[0].startswith("Ratusan warga kampung nelayan")
    assert body[-1].startswith("Peserta datang dari enam desa")
    assert not any("SCROLL" in p or "Gambas" in p or "Simak Video" in p or "Hoegeng" in p for p in body)
    assert "Cerita Nelayan Menyambut Musim Tangkap:" not in body


def test_detik_20detik(engine):
    a = parse_fixture(engine, "detik", "twentydetik.txt", url="https://20.detik.com/e-flash/20190502-190502001/petani-muda")
    assert a.title == "Petani Muda Panen Melon di Lahan Tandus"
    assert a.published == wib(2019, 5, 2, 16, 30)
    assert [x.name for x in a.authors] == ["Sari Wulandari", "Agus Prasetyo"]
    assert texts(a) == ["Sekelompok petani muda berhasil memanen melon di lahan yang dulu dianggap "
                             "tandus berkat irigasi tetes sederhana."]
    assert a.section == "E Flash"


def test_detik_wawancara_iso_date_and_pagination(engine):
    a = parse_fixture(engine, "detik", "wawancara.txt")
    assert a.title == "Menteri Pariwisata: Kita Siapkan Sepuluh Destinasi Baru"
    assert a.published == wib(2017, 8, 2, 11, 57, 30)
    assert a.dateline == "JAKARTA"
    assert not any(p.startswith(("Halaman", "Selanjutnya", "1 2")) for p in texts(a))


def test_detik_mid_article_takes_url_draft_time(engine):
    url = "https://news.detik.com/read/2019/07/26/141551/4640495/10/antrean-tol"
    a = parse_fixture(engine, "detik", "midbody.txt", url=url)
    assert a.title is None
    assert a.published == wib(2019, 7, 26, 14, 15, 51)
    assert any("URL" in n for n in a.notes)
    body = texts(a)
    assert body[-1] == '"Kami imbau pemudik berangkat lebih awal," ujar Kepala Seksi Lalu Lintas.'
    assert not any(p.startswith(("Video 20Detik", "![]", "(/)")) for p in body)


def test_detik_dump_opening_with_date_line(engine):
    a = parse_fixture(engine, "detik", "dateline_first.txt")
    assert a.parser == "detik"
    assert a.title is None
    assert a.published == wib(2020, 11, 23, 16, 18)
    assert a.dateline == "BANDUNG"
    assert texts(a)[-1] == "Petugas pemadam kebakaran dikerahkan untuk membantu menyedot genangan."


# -- CNN Indonesia -------------------------------------------------------------------------


def test_cnn_current_layout(engine):
    a = parse_fixture(engine, "cnnindonesia", "current.txt")
    assert a.parser == "cnnindonesia"
    assert a.title == "Harga Cabai Rawit di Pasar Induk Turun Jelang Akhir Pekan"
    assert a.published == wib(2023, 3, 17, 14, 12)
    assert a.dateline == "JAKARTA"
    assert [x.name for x in a.authors] == ["CNN Indonesia"]
    assert [(i.caption, i.credit) for i in a.images] == [
        ("Pedagang menata cabai rawit di pasar induk.", "ANTARA FOTO/NUR ALAMSYAH"),
        ("Pedagang cabai di pasar induk.", "CNN Indonesia/Rizky Pratama"),
    ]
    assert [r.title for r in a.related] == ["Harga Bawang Merah Ikut Melandai"]
    body = texts(a)
    assert body[0].startswith("Harga cabai rawit") and len(body) == 3
    assert not any(p in ("ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT") for p in body)


def test_cnn_2017_byline_and_wrapped_lines(engine):
    a = parse_fixture(engine, "cnnindonesia", "old2017.txt")
    assert a.title == "Dua Kapal Nelayan Tenggelam di Perairan Selatan"
    assert a.published == wib(2017, 10, 23, 15, 33)
    assert [(x.name, x.role) for x in a.authors] == [("Sinta Maharani", "writer")]
    assert a.dateline == "SURABAYA"
    assert texts(a) == [
        "Dua kapal nelayan tenggelam dihantam ombak setinggi tiga meter di perairan selatan pada Senin pagi.",
        "Berdasarkan pantauan CNNIndonesia.com, tim SAR gabungan masih menyisir lokasi kejadian.",
    ]


def test_cnn_video_page(engine):
    a = parse_fixture(engine, "cnnindonesia", "video.txt")
    assert a.title == "VIDEO: Festival Layang-Layang Warnai Langit Pantai"
    assert a.source == "AFPTV"
    assert a.published == wib(2023, 7, 16, 9, 30)
    assert len(a.body) == 1 and a.body[0].text.startswith("Ratusan layang-layang")


def test_cnn_dateline_start_uses_url_draft_time(engine):
    url = "https://www.cnnindonesia.com/nasional/20230710083015-20-971234/bus-sekolah"
    a = parse_fixture(engine, "cnnindonesia", "dateline_start.txt", url=url)
    assert a.title is None
    assert a.section == "Nasional"
    assert a.published == wib(2023, 7, 10, 8, 30, 15)
    assert any("draft" in n for n in a.notes)
    assert texts(a)[-1] == "Kepala dinas perhubungan mengatakan jadwal bus akan diumumkan pekan depan."


def test_cnn_never_claims_cnbc(engine):
    text = fixture_text("cnnindonesia", "cnbc_lookalike.txt")
    cnn = engine.parsers["cnnindonesia"]
    assert cnn.sniff(Document(text=text)) == 0.0
    assert cnn.sniff(Document(text=text, url="https://www.cnbcindonesia.com/market/20221121142843-17-389999/x")) == 0.0
    assert engine.parsers["detik"].sniff(Document(text=text)) < LIKELY


# -- Tempo ---------------------------------------------------------------------------------


def test_tempo_daily_labels_caption_related(engine):
    a = parse_fixture(engine, "tempo", "daily.txt", url="https://nasional.tempo.co/read/1234567/jembatan-gantung")
    assert a.title == "Jembatan Gantung di Lereng Gunung Diresmikan"
    assert a.published == wib(2019, 1, 9, 15, 42)
    assert [(x.name, x.role, x.label) for x in a.authors] == [
        ("Fajar Nugroho", "reporter", "Reporter"), ("Ratna Kusuma", "editor", "Editor")]
    assert a.dateline == "MAGELANG"
    assert a.section == "Nasional"
    assert a.images[0].credit == "TEMPO/Fajar Nugroho"
    assert [r.title for r in a.related] == ["Desa Wisata Lereng Gunung Ramai Dikunjungi",
                                            "Jalan Desa Rusak Diperbaiki Swadaya"]
    assert "FAJAR NUGROHO" not in texts(a)


def test_tempo_en_amp_pairs(engine):
    a = parse_fixture(engine, "tempo", "en_amp.txt", url="https://en.tempo.co/amp/1234567/farmers")
    assert a.language == "en"
    assert [(x.name, x.role) for x in a.authors] == [("Nadia Rahma", "translator"), ("Hendra Wijaya", "editor")]
    assert a.published == wib(2019, 3, 14, 10, 20)
    assert texts(a)[0].startswith("Farmers in the regency")


def test_tempo_en_read_glued_bullet(engine):
    a = parse_fixture(engine, "tempo", "en_read.txt")
    assert a.title == "Minister Visits Flood Victims in Riverside District"
    assert [x.name for x in a.authors] == ["Andika Pratama"]
    assert a.dateline == "JAKARTA"
    assert texts(a)[0].startswith("The social affairs minister visited")
    assert a.language == "en"
    assert not any("Font" in p for p in texts(a))


def test_tempo_koran_paywall(engine):
    a = parse_fixture(engine, "tempo", "koran.txt")
    assert a.parser == "tempo"
    assert a.title == "Harga Beras Naik Menjelang Panen Raya"
    assert a.published == wib(2009, 5, 12, 0, 0)
    assert any("no time" in n for n in a.notes)
    assert a.dateline == "JAKARTA"
    assert len(a.body) == 2 and not any("Berlangganan" in p for p in texts(a))


def test_tempo_magz_english(engine):
    a = parse_fixture(engine, "tempo", "magz.txt", url="https://magz.tempo.co/amp/cover-story/12345/a-harbor")
    assert a.title == "A Harbor in Waiting"
    assert a.published == wib(2018, 12, 18)
    assert [x.name for x in a.authors] == ["Rahmat Hidayat"]
    assert a.language == "en" and a.section == "Cover Story"
    assert a.summary and a.summary.startswith("After years of delays")


def test_tempo_newsletter_promos_and_repeats(engine):
    a = parse_fixture(engine, "tempo", "newsletter.txt")
    assert a.title == "The Quiet Budget Shift"
    assert a.published == wib(2022, 8, 11, 17, 0)
    body = texts(a)
    assert len(body) == 2 and body[0].startswith("Lawmakers quietly moved funds between several")
    assert a.language == "en"


def test_tempo_crawl_prefix_mid_article(engine):
    a = parse_fixture(engine, "tempo", "prefixed.txt", url="https://metro.tempo.co/read/1656548/jalan")
    assert a.title is None and a.published is None
    assert texts(a)[0].startswith("Kepala dinas menyebut")
    # A month-only crawl prefix gives no day: the shared fallback notes the missing date.
    assert "no publication date: the page prints none" in a.notes


# -- Liputan6 ------------------------------------------------------------------------------


def test_liputan6_desktop(engine):
    a = parse_fixture(engine, "liputan6", "desktop.txt")
    assert a.title == "Festival Kuliner Nusantara Digelar di Lapangan Kota"
    assert a.published == wib(2017, 10, 3, 18, 15)
    assert a.updated == wib(2017, 10, 3, 20, 40)
    assert [x.name for x in a.authors] == ["Dimas Saputra"]
    assert a.dateline == "BANDUNG"
    assert [r.title for r in a.related] == ["Kuliner Khas Bandung yang Wajib Dicoba", "Pasar Malam Kembali Dibuka"]
    assert ("heading", "Pengunjung Membludak") in [(b.kind, b.text) for b in a.body]
    body = texts(a)
    assert body[0].startswith("Festival kuliner Nusantara digelar")
    assert not any(p.startswith(("Saksikan", "* ", "2 dari", "Advertisement", "(Dms")) for p in body)
    assert a.images and a.images[0].caption.startswith("Pengunjung memadati")


def test_liputan6_amp_two_word_city(engine):
    a = parse_fixture(engine, "liputan6", "amp.txt", url="https://www.liputan6.com/amp/123456/bursa")
    assert a.title is None
    assert a.dateline == "NEW YORK"
    assert texts(a) == ["Bursa saham Amerika Serikat ditutup menguat pada perdagangan Kamis waktu setempat.",
                             "Penguatan dipimpin oleh saham-saham teknologi yang naik lebih dari dua persen."]


def test_liputan6_dateline_without_dash_and_durations(engine):
    a = parse_fixture(engine, "liputan6", "nodash.txt")
    assert a.dateline == "JAKARTA"
    assert texts(a)[0].startswith("Presiden meresmikan bendungan")
    assert not any(re.fullmatch(r"\d+:\d+", p) for p in texts(a))


def test_liputan6_old_byline_update_time(engine):
    a = parse_fixture(engine, "liputan6", "old.txt", url="https://www.liputan6.com/news/read/783687/banjir")
    assert a.title == "Banjir Rendam Jalan Protokol"
    assert a.published == wib(2013, 12, 24, 17, 54)
    assert any("update time" in n for n in a.notes)
    assert a.section == "News"
    assert texts(a)[-1] == "Petugas mengalihkan arus kendaraan ke jalan alternatif."


@pytest.mark.parametrize("portal", MINE)
def test_empty_page_is_a_clear_error(engine, portal):
    with pytest.raises(WartaError):
        engine.parsers[portal].parse(Document(text="  \n \n"))


@pytest.mark.parametrize("portal, url", [
    ("detik", "https://hot.detik.com/celeb/d-1234567/x"),
    ("tempo", "https://koran.tempo.co/amp/berita-utama/1/x"),
    ("cnnindonesia", "https://www.cnnindonesia.com/tv/20201006224921-407-555204/x"),
    ("liputan6", "https://enamplus.liputan6.com/read/1/x"),
])
def test_sure_by_host_and_silent_on_foreign_hosts(engine, portal, url):
    assert engine.parsers[portal].sniff(Document(text="apa saja", url=url)) == SURE
    # Another portal's host settles the choice in the engine (only its owners are asked).
    foreign = Document(text="Liputan6.com, Jakarta - TEMPO.CO, Jakarta - teks", url="https://www.kompas.com/x")
    assert portal not in [name for _, name in engine.scores(foreign)]
