"""Portal text parsers, group 3: CNBC Indonesia, Suara, JPNN, IDN Times, iNews, Media Indonesia, SINDOnews.

Fixtures under tests/fixtures/portals/<portal>/ are texts we wrote in the layouts that
../shared/docs/portal-layouts.md describes; the corpus tests read ../shared (skipped when absent).
"""

from __future__ import annotations


import pytest
from warta import Document, WartaError

from portaltest import credits, parse_fixture, texts, wib

PORTALS = ("cnbcindonesia", "suara", "jpnn", "idntimes", "inews", "mediaindonesia", "sindonews")











# -- CNBC Indonesia ----------------------------------------------------------------------


def test_cnbc_article_header_body_and_footer(engine):
    a = parse_fixture(engine, "cnbcindonesia", "article.txt")
    assert a.parser == "cnbcindonesia"
    assert a.title == "Harga Cabai Rawit Melonjak Jelang Lebaran, Pedagang Mengeluh"
    assert a.published == wib(2024, 3, 14, 9, 47)
    assert credits(a) == [("Rina Kartika Sari", "writer", None)]
    assert a.dateline == "JAKARTA"
    assert a.images[0].credit == "Budi Santoso/www.detik.com"
    assert [r.title for r in a.related] == ["Stok Beras Aman hingga Lebaran, Kata Bulog"]
    assert [m.title for m in a.more] == ["Inflasi Pangan Diprediksi Mereda Usai Panen Raya"]
    body = texts(a)
    assert body[0].startswith("Harga cabai")  # the dateline is the field, not body text
    assert len(body) == 3
    assert not any("SCROLL" in p or "Gambas" in p or p.startswith("(rns") for p in body)


def test_cnbc_photo_page_keeps_captions_as_body(engine):
    a = parse_fixture(engine, "cnbcindonesia", "foto.txt")
    assert a.title == "Potret Pembangunan Jalan Tol Baru di Sumatra"
    assert a.section == "Foto"
    assert a.published == wib(2023, 2, 2, 16, 5)
    assert len(a.body) == 2 and not any("(CNBC Indonesia/" in p for p in texts(a))
    assert [i.credit for i in a.images] == ["CNBC Indonesia/ Agus Wibowo"] * 2


def test_cnbc_caption_page_uses_url_draft_time(engine):
    url = "https://www.cnbcindonesia.com/news/20240206170512-4-512345/banjir-kemang/1"
    a = parse_fixture(engine, "cnbcindonesia", "caption_only.txt", url=url)
    assert a.title is None
    assert a.published == wib(2024, 2, 6, 17, 5, 12)
    assert any("URL" in n for n in a.notes)
    assert a.section == "News"
    assert a.id == "https://www.cnbcindonesia.com/news/20240206170512-4-512345/banjir-kemang"


def test_cnbc_does_not_claim_cnn_indonesia_text(engine):
    cnn = ("Banjir Rendam Kemang\nCNN Indonesia\nSelasa, 24 Jan 2023 09:08 WIB\n\n"
           "Jakarta, CNN Indonesia -- Banjir merendam kawasan Kemang.\n")
    assert engine.parsers["cnbcindonesia"].sniff(Document(text=cnn)) == 0.0
    url = "https://www.cnnindonesia.com/nasional/20230124085905-20-903912/banjir"
    assert engine.parsers["cnbcindonesia"].sniff(Document(text=cnn, url=url)) == 0.0


# -- Suara -------------------------------------------------------------------------------


def test_suara_regional_header(engine):
    a = parse_fixture(engine, "suara", "regional_header.txt")
    assert a.parser == "suara"
    assert a.title == "Wisatawan Padati Pantai Kuta Saat Libur Panjang"
    assert a.summary == "Okupansi hotel di kawasan Kuta mencapai 90 persen."
    assert a.published == wib(2022, 10, 10, 0, 10)
    assert credits(a) == [("Ni Luh Made Ayu", "writer", None), ("Kadek Surya", "contributor", "Kontributor")]
    assert [r.title for r in a.related] == ["Jalur Menuju Bandara Ngurah Rai Macet Parah"]
    body = texts(a)
    assert not body[0].startswith("SuaraBali.id") and len(body) == 3  # the brand opening is cut
    assert not any(p.startswith(("Baca Juga", "Kontributor", "Festival")) for p in body)


def test_suara_key_points_and_subhead(engine):
    a = parse_fixture(engine, "suara", "main_keypoints.txt")
    assert a.title is None
    kinds = [b.kind for b in a.body]
    assert kinds[:2] == ["list_item", "list_item"]
    assert ("heading", "Sasaran Penyaluran") in [(b.kind, b.text) for b in a.body]
    assert [r.title for r in a.related] == ["Harga Gabah Kering Naik di Tingkat Petani"]


def test_suara_continuation_page_takes_url_time_with_note(engine):
    url = "https://jakarta.suara.com/read/2022/10/09/213924/kejari-periksa-saksi?page=2"
    a = parse_fixture(engine, "suara", "page2.txt", url=url)
    assert a.title == "Kejari Periksa Saksi" and a.title_source == "url"  # the page prints none
    assert a.page == 2
    assert a.published == wib(2022, 10, 9, 21, 39, 24)
    assert any("URL" in n for n in a.notes)
    assert credits(a) == [("Budi Hartono", "contributor", "Kontributor")]
    assert [r.title for r in a.related] == ["Kejari Sita Aset Tersangka Korupsi Dana Desa"]


def test_suara_mention_in_body_is_not_claimed(engine):
    text = ("Polisi Gelar Razia\nRazia digelar di jalan protokol, seperti dilaporkan Suara.com - "
            "mitra kami.\nJAKARTA - Polisi menggelar razia kendaraan.\n")
    assert engine.parsers["suara"].sniff(Document(text="\n".join(["x"] * 20) + "\n" + text)) == 0.0


# -- JPNN --------------------------------------------------------------------------------


def test_jpnn_desktop(engine):
    a = parse_fixture(engine, "jpnn", "desktop.txt")
    assert a.parser == "jpnn"
    assert a.title == "Petani Garam Madura Panen Lebih Awal"
    assert a.published == wib(2020, 3, 24, 13, 38)
    assert a.dateline == "SUMENEP"
    assert credits(a) == [("Andika Pratama", "editor", "Redaktur"), ("Andika Pratama", "reporter", "Reporter")]
    assert a.images[0].credit == "Andika Pratama/JPNN.com"
    assert [r.title for r in a.related] == [
        "Harga Garam Anjlok, Petani Minta Impor Dihentikan",
        "Gudang Garam Rakyat Dibangun di Pamekasan",
        "Nelayan Madura Keluhkan Solar Langka",
    ]
    body = texts(a)
    assert a.dateline == "SUMENEP" and not body[0].startswith("jpnn.com") and body[-1] == '"Cuacanya sangat mendukung," ujarnya.'


def test_jpnn_amp_and_ids(engine):
    a = parse_fixture(engine, "jpnn", "amp.txt", url="https://m.jpnn.com/amp/news/beasiswa-surabaya")
    assert a.dateline == "SURABAYA" and a.title is None
    assert a.id == "https://www.jpnn.com/news/beasiswa-surabaya"
    assert credits(a) == [("Tim Redaksi", "editor", "Redaktur")]


def test_jpnn_continuation_lead_becomes_summary(engine):
    a = parse_fixture(engine, "jpnn", "page2.txt", url="https://www.jpnn.com/news/bus-sekolah?page=2")
    assert a.title == "Pemprov Tambah Armada Bus Sekolah"
    assert a.published == wib(2016, 12, 8, 6, 9)
    assert a.page == 2
    assert a.summary.startswith("JAKARTA - Pemerintah provinsi")
    assert not any(p.startswith("JAKARTA -") for p in texts(a))
    assert [r.title for r in a.related] == ["Tarif Angkot Naik Mulai Bulan Depan", "Halte Baru Dibangun di Jalan Protokol"]


def test_jpnn_regional_and_old_datelines(engine):
    a = parse_fixture(engine, "jpnn", "regional.txt")
    assert a.dateline == "MALANG"
    assert not texts(a)[-1].endswith("jpnn)")
    old = parse_fixture(engine, "jpnn", "old.txt", url="https://www.jpnn.com/news/jembatan-baru")
    assert old.title == "Gubernur Resmikan Jembatan Baru"
    assert old.published == wib(2009, 10, 18, 14, 0)
    assert old.dateline == "JAKARTA"


# -- IDN Times ---------------------------------------------------------------------------


def test_idntimes_amp(engine):
    url = "https://www.idntimes.com/news/indonesia/kapal-tenggelam-00-abcde-fghijk/amp"
    a = parse_fixture(engine, "idntimes", "amp.txt", url=url)
    assert a.parser == "idntimes" and a.title is None
    assert a.dateline == "JAKARTA" and a.section == "News"
    assert a.published is None and any("date" in n for n in a.notes)
    assert ("heading", "1. Rencana pencarian Basarnas besok") in [(b.kind, b.text) for b in a.body]
    assert [r.title for r in a.related] == ["[LINIMASA] Kronologi Kapal Tenggelam di Kepulauan Seribu"]
    assert a.images and a.images[0].credit == "IDN Times/Rudi Hartono"
    assert a.id == "https://www.idntimes.com/news/indonesia/kapal-tenggelam-00-abcde-fghijk"


def test_idntimes_desktop_title_and_subtitle(engine):
    a = parse_fixture(engine, "idntimes", "desktop.txt")
    assert a.title == "[UPDATE] Gempa Magnitudo 5,2 Guncang Lombok Utara"
    assert a.summary == "Warga diminta tetap waspada terhadap gempa susulan"
    assert a.dateline == "MATARAM"
    assert not texts(a)[0].startswith("Mataram")  # the dateline is the field, not body text


# -- iNews -------------------------------------------------------------------------------


def test_inews_dated_page(engine):
    a = parse_fixture(engine, "inews", "dated.txt")
    assert a.parser == "inews"
    assert a.title == "Pemerintah Perpanjang Diskon Tarif Listrik"
    assert a.published == wib(2022, 1, 1, 2, 20)
    assert a.dateline == "JAKARTA"
    assert credits(a) == [("Reynaldi Hermawan", "editor", "Editor")]
    assert [(r.title, r.section) for r in a.related] == [
        ("Harga BBM Nonsubsidi Turun Mulai Hari Ini", "Ekonomi"),
        ("Pemerintah Siapkan Bantuan Sosial Tahap Dua", "Nasional"),
    ]
    body = texts(a)
    assert len(body) == 3 and not any("Scroll" in p or "WhatsApp" in p or "diskon listrik pln" in p for p in body)


def test_inews_byline_page(engine):
    a = parse_fixture(engine, "inews", "byline.txt", url="https://www.inews.id/amp/sport/futsal-semifinal/2")
    assert a.title == "Timnas Futsal Lolos ke Semifinal"
    assert credits(a) == [("Dimas Prakoso", "writer", None), ("Aditya Pratama", "editor", "Editor")]
    assert a.images[0].credit == "Antara"
    assert a.page == 2
    assert a.id == "https://www.inews.id/sport/futsal-semifinal"


def test_inews_regional_and_continuation(engine):
    a = parse_fixture(engine, "inews", "regional.txt")
    assert a.published == wib(2025, 6, 9, 12, 46)
    assert a.dateline == "BANDUNG"
    c = parse_fixture(engine, "inews", "continuation.txt")
    assert c.parser == "inews" and c.title is None
    assert credits(c) == [("Maria Christina", "editor", "Editor")]
    assert not any(p.startswith("Halaman") for p in texts(c))


# -- Media Indonesia ---------------------------------------------------------------------


def test_mediaindonesia_desktop_skips_teasers(engine):
    a = parse_fixture(engine, "mediaindonesia", "desktop.txt", url="https://mediaindonesia.com/politik/123456/cadangan-beras")
    assert a.parser == "mediaindonesia"
    assert a.title is None and any("title" in n for n in a.notes)
    body = texts(a)
    assert body[0].startswith("KETUA Komisi IV DPR")
    assert body[-1] == "Ia juga meminta penyaluran bantuan pangan dipercepat."
    assert not any("Karawang" in p or "Copyright" in p or "pertumbuhan ekonomi" in p for p in body)
    assert [r.title for r in a.related] == ["Bulog Serap Gabah Petani Lebih Banyak"]
    assert a.section == "Politik"


def test_mediaindonesia_crawl_paragraph_inline_related(engine):
    url = "https://m.mediaindonesia.com/internasional/629999/menlu-mesir"
    a = parse_fixture(engine, "mediaindonesia", "crawl.txt", url=url)
    assert [r.title for r in a.related] == [
        "Bantuan Indonesia Tiba di Perbatasan Rafah", "RI dan Mesir Sepakati Jalur Bantuan",
    ]
    assert "Baca juga" not in a.text and "(OL-4)" not in a.text
    assert a.text.startswith("Menteri Luar Negeri") and "Sebelumnya, Indonesia" in a.text
    assert a.published is None  # the prefix gives only a month
    assert a.id == "https://mediaindonesia.com/internasional/629999/menlu-mesir"


# -- SINDOnews ---------------------------------------------------------------------------


def test_sindonews_old_layout_with_epoch_url(engine):
    url = "https://metro.sindonews.com/read/1449230/171/jalur-sepeda-1571213741"
    a = parse_fixture(engine, "sindonews", "old.txt", url=url)
    assert a.parser == "sindonews"
    assert a.title == "Pemkot Bekasi Perluas Jalur Sepeda"
    assert a.published == wib(2019, 10, 16, 15, 15, 41)
    assert a.published_source == "url-draft"  # the URL's time is when it was created
    assert any("Unix time" in n for n in a.notes)
    assert a.section == "Metro" and a.dateline == "BEKASI"
    assert [r.title for r in a.related] == ["Warga Bekasi Antusias Bersepeda ke Kantor"]
    body = texts(a)
    assert len(body) == 3 and body[-1].endswith("(16/10/2019).")


def test_sindonews_new_layout(engine):
    a = parse_fixture(engine, "sindonews", "new.txt")
    assert a.title == "Banjir Rendam Ratusan Rumah di Madiun"
    assert a.published == wib(2020, 7, 10, 18, 19)
    assert a.images[0].credit == "Ist"
    assert [r.title for r in a.related] == ["Tanggul Jebol, Sawah Ratusan Hektare Terendam"]
    body = texts(a)
    assert body == [
        "Banjir merendam ratusan rumah warga di Kecamatan Balerejo setelah hujan deras semalaman.",
        "Warga mengungsi ke balai desa dan masjid terdekat.",
    ]


def test_sindonews_does_not_claim_okezone_widget_layout(engine):
    okezone = ("HOME NEWS NASIONAL\n\nJudul Berita\n\nBudi Santoso , Jurnalis-Rabu, 21 Agustus 2024 |20:34 WIB\n"
               "Judul Berita\nKeterangan foto (Foto: Dok)\nA\nA\nA\n\nJAKARTA - Isi berita.\n")
    assert engine.parsers["sindonews"].sniff(Document(text=okezone)) == 0.0


# -- every parser ------------------------------------------------------------------------


@pytest.mark.parametrize("portal", PORTALS)
def test_sure_on_own_hosts_and_errors(engine, portal):
    parser = engine.parsers[portal]
    host = {"cnbcindonesia": "www.cnbcindonesia.com", "suara": "batam.suara.com", "jpnn": "jatim.jpnn.com",
            "idntimes": "ntb.idntimes.com", "inews": "jabar.inews.id", "mediaindonesia": "m.mediaindonesia.com",
            "sindonews": "daerah.sindonews.com"}[portal]
    assert parser.sniff(Document(text="apa saja", url=f"https://{host}/x/1/y")) == 1.0
    assert parser.sniff(Document(text="apa saja", url="https://www.kompas.com/read/2020/12/29/1/x")) == 0.0
    with pytest.raises(WartaError):
        parser.parse(Document(text=" \n \n", url=f"https://{host}/x"))
