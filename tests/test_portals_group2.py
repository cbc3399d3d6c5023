"""Text parsers for tribunnews (and the Tribun Network), antara, republika and okezone.

Fixture tests read pages we wrote ourselves (tests/fixtures/portals/<portal>/), one per layout
variant that shared/docs/portal-layouts.md describes. Corpus tests read the real pages in
../shared/corpus/portals-text (skipped when that folder is absent) and check choice, dates,
titles and boilerplate with checkers written from the doc, independent of the parsers.
"""

from __future__ import annotations


import pytest

from warta import SURE, Document, WartaError

from portaltest import credits, parse_fixture, texts, wib

MINE = ("tribunnews", "antara", "republika", "okezone")














# -- tribunnews ----------------------------------------------------------------------------


def test_tribun_standard_layout(engine):
    a = parse_fixture(engine, "tribunnews", "standard.txt",
              "https://www.tribunnews.com/metropolitan/2024/06/03/pedagang-kue-lapis-kehilangan-gerobak")
    assert a.title == "Pedagang Kue Lapis di Cempaka Putih Kehilangan Gerobak, Polisi Buru Pelaku"
    assert a.published == wib(2024, 6, 3)
    assert any("date in the URL" in n for n in a.notes)
    assert a.section == "Metropolitan" and a.site == "tribunnews.com"
    assert ("Sekar Ayu Lestari", "writer", "Penulis") in credits(a)
    assert ("Bagus Prasetyo", "editor", "Editor") in credits(a)
    assert ("Sekar Ayu Lestari", "reporter", "Wartawan") in credits(a)
    assert a.dateline == "JAKARTA"
    body = texts(a)
    assert body[0].startswith("Seorang pedagang kue lapis")
    assert not any(t in ("Â", "Berita Rekomendasi") or t.startswith(("Baca juga", "–", "(Tribunnews"))
                   for t in body)
    assert [l.title for l in a.related] == [
        "Warga Rawasari Gotong Royong Bersihkan Saluran Air Jelang Musim Hujan",
        "Harga Cabai di Pasar Senen Turun Tipis Pekan Ini",
        "Jadwal Operasi Pasar Murah di Jakarta Pusat Bulan Juni",
    ]
    assert ("heading", "PELAKU TERLIHAT DI KAMERA") in [(b.kind, b.text) for b in a.body]
    assert body[-1].startswith("Dalam rekaman itu")


def test_tribun_mobile_promo_zoom_widget_and_syndication(engine):
    a = parse_fixture(engine, "tribunnews", "mobile.txt",
              "https://m.tribunnews.com/bisnis/2023/12/22/harga-beras-medium-naik")
    assert a.title == "Harga Beras Medium Naik di Tiga Provinsi, Bapanas Siapkan Operasi Pasar"
    assert a.section == "Bisnis"
    assert credits(a) == [("Dimas Ardiansyah", "writer", "Penulis"), ("Ratna Kumala", "editor", "Editor")]
    assert len(a.images) == 1
    assert a.images[0].credit == "Tribunnews/Fajar Nugroho"
    assert a.images[0].caption == "Pedagang beras menata karung di Pasar Induk Cipinang."
    assert a.source == "Kompas.com"
    body = texts(a)
    assert body[0] == "Harga beras medium naik di tiga provinsi dalam sepekan terakhir."
    assert body[-1] == "Pemerintah juga meminta pedagang tidak menimbun stok."
    assert [l.title for l in a.related] == ["Stok Beras Bulog Dinyatakan Aman hingga Akhir Tahun"]


def test_tribun_continuation_keeps_header(engine):
    a = parse_fixture(engine, "tribunnews", "continuation.txt",
              "https://aceh.tribunnews.com/2022/07/12/tim-desa-lampuuk-juara?page=3")
    assert a.title == "Tim Sepak Bola Desa Lampuuk Juara Turnamen Antarkampung Aceh Besar"
    assert a.page == 3 and any("page 3" in n for n in a.notes)
    assert credits(a) == [("Muhammad Hadi", "editor", "Editor")]
    assert texts(a)[0].startswith("Para pemain kemudian diarak")
    assert a.published == wib(2022, 7, 12)


def test_tribun_headless_amp_page(engine):
    a = parse_fixture(engine, "tribunnews", "headless.txt")
    assert a.title is None
    assert any("mid-article" in n for n in a.notes)
    assert ("Rizal Hakim", "writer", None) in credits(a)
    assert texts(a)[-1] == "Manajemen klub menyatakan akan menggalang donasi bagi keluarga korban."
    assert a.published is None


def test_tribun_english_regional_page(engine):
    a = parse_fixture(engine, "tribunnews", "english.txt")
    assert a.language == "en"
    assert a.dateline == "BATAM"
    assert a.title == "Batam Port Expands Ferry Routes to Singapore as Tourist Numbers Climb"


def test_tribun_collapsed_crawl(engine):
    a = parse_fixture(engine, "tribunnews", "collapsed.txt")
    assert a.title is None  # the title runs into the summary: no safe cut
    assert credits(a) == [("Rudi Hartono", "writer", "Penulis"), ("Sinta Dewi", "editor", "Editor")]
    assert a.dateline == "BANGKA"
    assert texts(a)[0] == "Pemerintah kota menata ulang pasar ikan tradisional agar lebih bersih."


@pytest.mark.parametrize("url, site, day", [
    ("https://jateng.tribunnews.com/2024/12/10/x", "tribunnews.com", (2024, 12, 10)),
    ("https://www.serambinews.com/2022/01/01/x", "serambinews.com", (2022, 1, 1)),
    ("https://surabaya.tribunjatim.com/2022/01/01/x", "tribunjatim.com", (2022, 1, 1)),
    ("https://www.tribunbanyumas.com/2022/01/01/x", "tribunnews.com", (2022, 1, 1)),
])
def test_tribun_hosts(engine, url, site, day):
    doc = Document(text="TRIBUNNEWS.COM, JAKARTA - Warga berkumpul di balai desa pada Senin pagi.", url=url)
    assert engine.parsers["tribunnews"].sniff(doc) == SURE
    a = engine.parse_document(doc)[0]
    assert a.site == site
    assert a.published == wib(*day)


# -- antara --------------------------------------------------------------------------------


def test_antara_standard_footer(engine):
    a = parse_fixture(engine, "antara", "standard.txt", "https://www.antaranews.com/berita/1234567/bus-sekolah?utm_source=x")
    assert a.title is None and a.published is None
    assert a.dateline == "JAKARTA"
    assert credits(a) == [("Rini Oktaviani", "reporter", "Pewarta"), ("Agus Salim", "editor", "Editor")]
    assert len(a.related) == 2
    assert texts(a)[0].startswith("Dinas Perhubungan DKI Jakarta")
    assert texts(a)[-1] == "Menurut dia, setiap bus mampu mengangkut 40 siswa sekali jalan."
    assert any("2023" in n for n in a.notes)
    assert a.url == "https://www.antaranews.com/berita/1234567/bus-sekolah"


def test_antara_regional_header_with_keywords(engine):
    a = parse_fixture(engine, "antara", "regional.txt", "https://lampung.antaranews.com/berita/472999/petani-kopi")
    assert a.title == "Petani kopi Lampung Barat panen lebih awal"
    assert a.tags == ["petani kopi", "lampung barat", "panen", "harga kopi"]
    assert a.images[0].credit == "ANTARA/Budi Santoso"
    assert a.dateline == "BANDARLAMPUNG"
    assert a.title not in texts(a)
    assert ("Hendra Kurniawan", "reporter", "Pewarta") in credits(a)


def test_antara_old_amp_footer_gives_title_and_date(engine):
    a = parse_fixture(engine, "antara", "oldamp.txt")
    assert a.title == "Produsen ponsel Taiwan buka pabrik di Batam"
    assert a.published == wib(2012, 3, 14, 9, 45)
    assert a.images[0].credit == "REUTERS/Nama Fotografer"
    assert ("Andi Wijaya", "translator", "Penerjemah") in credits(a)
    assert texts(a) == [
        "Produsen ponsel asal Taiwan mengumumkan akan membuka pabrik perakitan di Batam pada tahun depan.",
        "Juru bicara perusahaan mengatakan pabrik itu akan mempekerjakan sekitar 500 orang.",
    ]


def test_antara_pull_quote_is_not_a_title(engine):
    a = parse_fixture(engine, "antara", "pullquote.txt")
    assert a.title is None
    assert a.body[0].kind == "quote"
    assert a.dateline == "MANADO"
    assert a.authors == []  # "Pewarta:" with no name


def test_antara_video_and_collapsed(engine):
    video = parse_fixture(engine, "antara", "video.txt", "https://www.antaranews.com/video/3300000/pawai-budaya")
    assert video.section == "Video"
    assert texts(video)[0].startswith("Ribuan warga memadati")
    collapsed = parse_fixture(engine, "antara", "collapsed.txt")
    assert texts(collapsed) == [
        "Menteri Perdagangan bertemu mitranya dari Jepang pada Jumat (28/10).",
        "Pertemuan itu membahas perluasan akses pasar produk perikanan.",
    ]
    assert [l.title for l in collapsed.related] == ["Ekspor ikan tuna ke Jepang naik"]
    assert ("Budi Raharjo", "editor", "Editor") in credits(collapsed)


# -- republika -----------------------------------------------------------------------------


def test_republika_standard(engine):
    a = parse_fixture(engine, "republika", "standard.txt", "https://news.republika.co.id/berita/s2abc1234/festival-panen")
    assert a.published == wib(2023, 10, 12, 14, 5)
    assert a.title == "Warga Bantul Gelar Festival Panen Padi di Tengah Kemarau Panjang"
    assert credits(a) == [("Nur Aini Rahma", "reporter", "Rep"), ("Fitriyan Hidayat", "editor", "Red")]
    assert a.images[0].credit == "Republika/Wahyu Suryana"
    assert a.dateline == "BANTUL" and a.section == "News"
    assert texts(a) == [
        "Ratusan warga Bantul menggelar festival panen padi pada Kamis (12/10/2023).",
        "Kepala desa mengatakan festival ini sudah digelar turun-temurun.",
    ]
    assert [l.title for l in a.related] == ["Petani Bantul Gunakan Pompa Air Tenaga Surya"]


def test_republika_tv_title_after_credits(engine):
    a = parse_fixture(engine, "republika", "tv.txt")
    assert a.title == "Relawan Bersihkan Sampah Plastik di Pantai Pangandaran"
    assert a.published == wib(2023, 12, 4, 19, 30)
    assert ("Rendra Pratama", "editor", "Video Editor") in credits(a)
    assert not any("Video Editor" in t for t in texts(a))


def test_republika_amp(engine):
    a = parse_fixture(engine, "republika", "amp.txt")
    assert a.title == "Dua Pelajar Terseret Arus di Sungai Ciliwung, Satu Belum Ditemukan"
    assert credits(a) == [("Rizky Suryarandika", "reporter", "Rep"), ("Erik Purnama", "editor", "Red")]
    assert a.images[0].caption == "Tim SAR gabungan menyisir Sungai Ciliwung"
    assert a.dateline == "JAKARTA"
    assert a.published is None


def test_republika_headless(engine):
    a = parse_fixture(engine, "republika", "headless.txt")
    assert a.title is None and a.dateline == "JAKARTA"
    assert [l.title for l in a.related] == ["Kuota Haji Indonesia Bertambah 10 Ribu"]
    assert len(a.body) == 3


# -- okezone -------------------------------------------------------------------------------


def test_okezone_new_layout(engine):
    a = parse_fixture(engine, "okezone", "new_layout.txt",
              "https://news.okezone.com:443/read/2023/10/18/337/2900000/kemenkes-perluas-skrining?page=1")
    assert a.title == "Kemenkes Perluas Program Skrining Gratis Tuberkulosis di 50 Kota"
    assert a.published == wib(2023, 10, 18, 9, 46)
    assert credits(a) == [("Dewi Kartika", "reporter", "Jurnalis")]
    assert a.section == "Nasional"
    assert a.images[0].credit == "MPI/Dewi"
    assert a.dateline == "JAKARTA"
    assert texts(a) == [
        "Kementerian Kesehatan memperluas program skrining gratis tuberkulosis ke 50 kota mulai bulan depan.",
        "Program ini menyasar permukiman padat penduduk yang rawan penularan.",
    ]
    assert [l.title for l in a.related] == ["Kemenkes Targetkan Eliminasi TBC pada 2030"]
    assert a.page is None


def test_okezone_old_amp(engine):
    a = parse_fixture(engine, "okezone", "old_amp.txt")
    assert a.title == "Persib Bandung Kalahkan Persija di Laga Tunda Liga 1"
    assert a.published == wib(2018, 12, 29, 21, 30)
    assert ("Andi Saputra", "reporter", "Jurnalis") in credits(a)
    assert ("Fahmi Firdaus", "editor", None) in credits(a)
    assert texts(a)[0].startswith("PERSIB Bandung sukses")
    assert not any(t.startswith(("Share", "(")) for t in texts(a))


def test_okezone_prefixed_title_and_crawl_date(engine):
    a = parse_fixture(engine, "okezone", "prefixed.txt")
    assert a.title == "Wali Kota Bogor Resmikan Taman Baca di Enam Kelurahan"
    assert a.published == wib(2023, 9, 2)
    assert any("crawl" in n for n in a.notes)
    assert a.dateline == "BOGOR"
    with_url = parse_fixture(engine, "okezone", "prefixed.txt",
                     "https://news.okezone.com/read/2023/09/01/525/2870000/taman-baca")
    assert with_url.published == wib(2023, 9, 1)  # the URL's date wins over the crawl hint


def test_okezone_headless_caps_opening(engine):
    a = parse_fixture(engine, "okezone", "headless.txt", "https://bola.okezone.com/amp/2021/12/28/51/2520000/1")
    assert a.title is None
    assert texts(a)[0].startswith("STRIKER Timnas Indonesia")
    assert a.published == wib(2021, 12, 28) and a.section == "Bola"


# -- all four ------------------------------------------------------------------------------


@pytest.mark.parametrize("portal", MINE)
def test_empty_page_is_a_clear_error(engine, portal):
    with pytest.raises(WartaError):
        engine.parsers[portal].parse(Document(text="  \n \n"))


@pytest.mark.parametrize("portal, url", [
    ("tribunnews", "https://wow.tribunnews.com/2020/01/01/x"),
    ("antara", "https://pemilu.antaranews.com/infografik/750957/x"),
    ("republika", "https://fbeta.republika.co.id/amp/rewabj377/x"),
    ("okezone", "https://celebrity.okezone.com/read/2020/01/01/33/1/x"),
])
def test_sure_by_host_and_silent_on_foreign_hosts(engine, portal, url):
    assert engine.parsers[portal].sniff(Document(text="apa saja", url=url)) == SURE
    foreign = Document(text="TRIBUNNEWS.COM, JAKARTA - Jakarta (ANTARA) - REPUBLIKA.CO.ID, JAKARTA -- x",
                       url="https://www.kompas.com/x")
    # Another portal's host settles it: the engine asks only that host's owners.
    assert portal not in [name for _, name in engine.scores(foreign)]


def test_a_mention_is_not_a_marker(engine):
    """A page that merely cites these portals in its text is not claimed."""
    text = ("Presiden meninjau banjir di Demak, Kamis.\n"
            "Seperti dilaporkan Tribunnews.com dan Republika.co.id, ribuan warga mengungsi.\n"
            "Kantor berita ANTARA menyebut Jakarta (ANTARA) - sebagai dateline lamanya.\n"
            "Okezone juga memberitakan hal yang sama.\n")
    for portal in MINE:
        assert engine.parsers[portal].sniff(Document(text=text)) < 0.5, portal



def test_tribun_rubric_without_summary_and_late_credits(engine):
    url = "https://www.tribunnews.com/nasional/2024/01/05/x"
    text = ("Berita Nasional Terkini\n"
            "Menteri Sosial Salurkan Bantuan Korban Banjir di Kabupaten Demak\n"
            "Penulis: Lestari Wulandari\n"
            "TRIBUNNEWS.COM, DEMAK - Menteri Sosial menyalurkan bantuan bagi korban banjir, Jumat.\n")
    a = engine.parse_document(Document(text=text, url=url))[0]
    assert a.title == "Menteri Sosial Salurkan Bantuan Korban Banjir di Kabupaten Demak"
    assert a.dateline == "DEMAK"
    # A short headless dump whose credits come at the end (syndicated copy): no header, no title.
    text = ("Warga mulai kembali ke rumah masing-masing setelah air surut pada Sabtu pagi\n"
            "Petugas membersihkan lumpur di jalan utama desa.\n"
            "Artikel ini telah tayang di Kompas.com dengan judul \"Banjir Surut\"\n"
            "Penulis : Nama Penulis Lain\n")
    a = engine.parse_document(Document(text=text, url=url))[0]
    assert a.title is None
    assert a.source == "Kompas.com"
    assert [b.text for b in a.body][0].startswith("Warga mulai kembali")
