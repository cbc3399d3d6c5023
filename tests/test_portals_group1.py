"""Text parsers for detik, tempo, cnnindonesia and liputan6.

Fixture tests read pages we wrote ourselves (tests/fixtures/portals/<portal>/), one per layout
variant that shared/docs/portal-layouts.md describes. Corpus tests read the real pages in
../shared/corpus/portals-text (skipped when that folder is absent) and check choice, dates,
titles and boilerplate with checkers written from the doc, independent of the parsers.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from warta import LIKELY, SURE, Document, WartaError
from warta.dates import WIB

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "portals"
MINE = ("detik", "tempo", "cnnindonesia", "liputan6")


def parse(engine, portal: str, name: str, url: str | None = None):
    text = (FIXTURES / portal / name).read_text(encoding="utf-8")
    doc = Document(text=text, url=url, path=name)
    articles = engine.parse_document(doc)
    assert len(articles) == 1
    return articles[0]


def wib(*args: int) -> datetime:
    return datetime(*args, tzinfo=WIB)


def paragraphs(article) -> list[str]:
    return [b.text for b in article.body]


# -- detik ---------------------------------------------------------------------------------


def test_detik_header_layout(engine):
    a = parse(engine, "detik", "header.txt")
    assert a.parser == "detik"
    assert a.title == "Warga Kampung Nelayan Gelar Lomba Perahu Hias"
    assert a.published == wib(2019, 9, 14, 10, 5)
    assert [(x.name, x.role, x.detail) for x in a.authors] == [
        ("Rina Anggraeni", "writer", "detikNews"), ("Budi Santosa", "writer", "detikNews")]
    assert a.dateline == "TEGAL"
    assert a.images[0].caption == "Perahu hias di pantai utara." and a.images[0].credit == "Budi Santosa/detikcom"
    assert [r.title for r in a.related] == ["Nelayan Pantura Keluhkan Harga Solar"]
    body = paragraphs(a)
    assert body[0].startswith("Ratusan warga kampung nelayan")
    assert body[-1].startswith("Peserta datang dari enam desa")
    assert not any("SCROLL" in p or "Gambas" in p or "Simak Video" in p or "Hoegeng" in p for p in body)
    assert "Cerita Nelayan Menyambut Musim Tangkap:" not in body


def test_detik_20detik(engine):
    a = parse(engine, "detik", "twentydetik.txt", url="https://20.detik.com/e-flash/20190502-190502001/petani-muda")
    assert a.title == "Petani Muda Panen Melon di Lahan Tandus"
    assert a.published == wib(2019, 5, 2, 16, 30)
    assert [x.name for x in a.authors] == ["Sari Wulandari", "Agus Prasetyo"]
    assert paragraphs(a) == ["Sekelompok petani muda berhasil memanen melon di lahan yang dulu dianggap "
                             "tandus berkat irigasi tetes sederhana."]
    assert a.section == "e-flash"


def test_detik_wawancara_iso_date_and_pagination(engine):
    a = parse(engine, "detik", "wawancara.txt")
    assert a.title == "Menteri Pariwisata: Kita Siapkan Sepuluh Destinasi Baru"
    assert a.published == wib(2017, 8, 2, 11, 57, 30)
    assert a.dateline == "JAKARTA"
    assert not any(p.startswith(("Halaman", "Selanjutnya", "1 2")) for p in paragraphs(a))


def test_detik_mid_article_takes_url_draft_time(engine):
    url = "https://news.detik.com/read/2019/07/26/141551/4640495/10/antrean-tol"
    a = parse(engine, "detik", "midbody.txt", url=url)
    assert a.title is None
    assert a.published == wib(2019, 7, 26, 14, 15, 51)
    assert any("URL" in n for n in a.notes)
    body = paragraphs(a)
    assert body[-1] == '"Kami imbau pemudik berangkat lebih awal," ujar Kepala Seksi Lalu Lintas.'
    assert not any(p.startswith(("Video 20Detik", "![]", "(/)")) for p in body)


def test_detik_dump_opening_with_date_line(engine):
    a = parse(engine, "detik", "dateline_first.txt")
    assert a.parser == "detik"
    assert a.title is None
    assert a.published == wib(2020, 11, 23, 16, 18)
    assert a.dateline == "BANDUNG"
    assert paragraphs(a)[-1] == "Petugas pemadam kebakaran dikerahkan untuk membantu menyedot genangan."


# -- CNN Indonesia -------------------------------------------------------------------------


def test_cnn_current_layout(engine):
    a = parse(engine, "cnnindonesia", "current.txt")
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
    body = paragraphs(a)
    assert body[0].startswith("Harga cabai rawit") and len(body) == 3
    assert not any(p in ("ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT") for p in body)


def test_cnn_2017_byline_and_wrapped_lines(engine):
    a = parse(engine, "cnnindonesia", "old2017.txt")
    assert a.title == "Dua Kapal Nelayan Tenggelam di Perairan Selatan"
    assert a.published == wib(2017, 10, 23, 15, 33)
    assert [(x.name, x.role) for x in a.authors] == [("Sinta Maharani", "writer")]
    assert a.dateline == "SURABAYA"
    assert paragraphs(a) == [
        "Dua kapal nelayan tenggelam dihantam ombak setinggi tiga meter di perairan selatan pada Senin pagi.",
        "Berdasarkan pantauan CNNIndonesia.com, tim SAR gabungan masih menyisir lokasi kejadian.",
    ]


def test_cnn_video_page(engine):
    a = parse(engine, "cnnindonesia", "video.txt")
    assert a.title == "VIDEO: Festival Layang-Layang Warnai Langit Pantai"
    assert a.source == "AFPTV"
    assert a.published == wib(2023, 7, 16, 9, 30)
    assert len(a.body) == 1 and a.body[0].text.startswith("Ratusan layang-layang")


def test_cnn_dateline_start_uses_url_draft_time(engine):
    url = "https://www.cnnindonesia.com/nasional/20230710083015-20-971234/bus-sekolah"
    a = parse(engine, "cnnindonesia", "dateline_start.txt", url=url)
    assert a.title is None
    assert a.section == "nasional"
    assert a.published == wib(2023, 7, 10, 8, 30, 15)
    assert any("draft" in n for n in a.notes)
    assert paragraphs(a)[-1] == "Kepala dinas perhubungan mengatakan jadwal bus akan diumumkan pekan depan."


def test_cnn_never_claims_cnbc(engine):
    text = (FIXTURES / "cnnindonesia" / "cnbc_lookalike.txt").read_text(encoding="utf-8")
    cnn = engine.parsers["cnnindonesia"]
    assert cnn.sniff(Document(text=text)) == 0.0
    assert cnn.sniff(Document(text=text, url="https://www.cnbcindonesia.com/market/20221121142843-17-389999/x")) == 0.0
    assert engine.parsers["detik"].sniff(Document(text=text)) < LIKELY


# -- Tempo ---------------------------------------------------------------------------------


def test_tempo_daily_labels_caption_related(engine):
    a = parse(engine, "tempo", "daily.txt", url="https://nasional.tempo.co/read/1234567/jembatan-gantung")
    assert a.title == "Jembatan Gantung di Lereng Gunung Diresmikan"
    assert a.published == wib(2019, 1, 9, 15, 42)
    assert [(x.name, x.role, x.label) for x in a.authors] == [
        ("Fajar Nugroho", "reporter", "Reporter"), ("Ratna Kusuma", "editor", "Editor")]
    assert a.dateline == "MAGELANG"
    assert a.section == "nasional"
    assert a.images[0].credit == "TEMPO/Fajar Nugroho"
    assert [r.title for r in a.related] == ["Desa Wisata Lereng Gunung Ramai Dikunjungi",
                                            "Jalan Desa Rusak Diperbaiki Swadaya"]
    assert "FAJAR NUGROHO" not in paragraphs(a)


def test_tempo_en_amp_pairs(engine):
    a = parse(engine, "tempo", "en_amp.txt", url="https://en.tempo.co/amp/1234567/farmers")
    assert a.language == "en"
    assert [(x.name, x.role) for x in a.authors] == [("Nadia Rahma", "translator"), ("Hendra Wijaya", "editor")]
    assert a.published == wib(2019, 3, 14, 10, 20)
    assert paragraphs(a)[0].startswith("Farmers in the regency")


def test_tempo_en_read_glued_bullet(engine):
    a = parse(engine, "tempo", "en_read.txt")
    assert a.title == "Minister Visits Flood Victims in Riverside District"
    assert [x.name for x in a.authors] == ["Andika Pratama"]
    assert a.dateline == "JAKARTA"
    assert paragraphs(a)[0].startswith("The social affairs minister visited")
    assert a.language == "en"
    assert not any("Font" in p for p in paragraphs(a))


def test_tempo_koran_paywall(engine):
    a = parse(engine, "tempo", "koran.txt")
    assert a.parser == "tempo"
    assert a.title == "Harga Beras Naik Menjelang Panen Raya"
    assert a.published == wib(2009, 5, 12, 0, 0)
    assert any("no time" in n for n in a.notes)
    assert a.dateline == "JAKARTA"
    assert len(a.body) == 2 and not any("Berlangganan" in p for p in paragraphs(a))


def test_tempo_magz_english(engine):
    a = parse(engine, "tempo", "magz.txt", url="https://magz.tempo.co/amp/cover-story/12345/a-harbor")
    assert a.title == "A Harbor in Waiting"
    assert a.published == wib(2018, 12, 18)
    assert [x.name for x in a.authors] == ["Rahmat Hidayat"]
    assert a.language == "en" and a.section == "cover-story"
    assert a.summary and a.summary.startswith("After years of delays")


def test_tempo_newsletter_promos_and_repeats(engine):
    a = parse(engine, "tempo", "newsletter.txt")
    assert a.title == "The Quiet Budget Shift"
    assert a.published == wib(2022, 8, 11, 17, 0)
    body = paragraphs(a)
    assert len(body) == 2 and body[0].startswith("Lawmakers quietly moved funds between several")
    assert a.language == "en"


def test_tempo_crawl_prefix_mid_article(engine):
    a = parse(engine, "tempo", "prefixed.txt", url="https://metro.tempo.co/read/1656548/jalan")
    assert a.title is None and a.published is None
    assert paragraphs(a)[0].startswith("Kepala dinas menyebut")
    # A month-only crawl prefix gives no day: the shared fallback notes the missing date.
    assert "no publication date: the page prints none" in a.notes


# -- Liputan6 ------------------------------------------------------------------------------


def test_liputan6_desktop(engine):
    a = parse(engine, "liputan6", "desktop.txt")
    assert a.title == "Festival Kuliner Nusantara Digelar di Lapangan Kota"
    assert a.published == wib(2017, 10, 3, 18, 15)
    assert a.updated == wib(2017, 10, 3, 20, 40)
    assert [x.name for x in a.authors] == ["Dimas Saputra"]
    assert a.dateline == "BANDUNG"
    assert [r.title for r in a.related] == ["Kuliner Khas Bandung yang Wajib Dicoba", "Pasar Malam Kembali Dibuka"]
    assert ("heading", "Pengunjung Membludak") in [(b.kind, b.text) for b in a.body]
    body = paragraphs(a)
    assert body[0].startswith("Festival kuliner Nusantara digelar")
    assert not any(p.startswith(("Saksikan", "* ", "2 dari", "Advertisement", "(Dms")) for p in body)
    assert a.images and a.images[0].caption.startswith("Pengunjung memadati")


def test_liputan6_amp_two_word_city(engine):
    a = parse(engine, "liputan6", "amp.txt", url="https://www.liputan6.com/amp/123456/bursa")
    assert a.title is None
    assert a.dateline == "NEW YORK"
    assert paragraphs(a) == ["Bursa saham Amerika Serikat ditutup menguat pada perdagangan Kamis waktu setempat.",
                             "Penguatan dipimpin oleh saham-saham teknologi yang naik lebih dari dua persen."]


def test_liputan6_dateline_without_dash_and_durations(engine):
    a = parse(engine, "liputan6", "nodash.txt")
    assert a.dateline == "JAKARTA"
    assert paragraphs(a)[0].startswith("Presiden meresmikan bendungan")
    assert not any(re.fullmatch(r"\d+:\d+", p) for p in paragraphs(a))


def test_liputan6_old_byline_update_time(engine):
    a = parse(engine, "liputan6", "old.txt", url="https://www.liputan6.com/news/read/783687/banjir")
    assert a.title == "Banjir Rendam Jalan Protokol"
    assert a.published == wib(2013, 12, 24, 17, 54)
    assert any("update time" in n for n in a.notes)
    assert a.section == "news"
    assert paragraphs(a)[-1] == "Petugas mengalihkan arus kendaraan ke jalan alternatif."


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


# -- the corpus ----------------------------------------------------------------------------

#: Markers the doc lists per portal: a page without any of them cannot be told apart without
#: its URL (a checker independent of the parsers' own patterns).
DOC_MARKERS = {
    "detik": ("detik", "SCROLL TO CONTINUE WITH CONTENT", "20DETIK"),
    "cnnindonesia": ("CNN Indonesia", "CNNIndonesia.com"),
    "tempo": ("TEMPO.CO", "Baca berita dengan sedikit iklan", "Tempo+", "Berlangganan untuk lanjutkan"),
    "liputan6": ("Liputan6.com", "diperbarui"),
}

#: Boilerplate lines from the doc's lists for these four portals.
BOILERPLATE = re.compile(
    r"^(?:ADVERTISEMENT|Advertisement|SCROLL TO CONTINUE WITH CONTENT|Baca Juga|Hide Ads|Sukses"
    r"|Simak Video\b.*|\[Gambas:.*\]|Video 20Detik:.*|Komentar Terbanyak|Berita Terkait|\(/\)|!\[\]\(\).*"
    r"|Hoegeng Awards.*|Baca kisah inspiratif.*|Halaman \d+ dari \d+|Selanjutnya|VIDEO TERKAIT"
    r"|LAINNYA DI DETIKNETWORK.*|VIDEO TERBARU|VIDEO TERPOPULER.*|icon-chevron.*|Live"
    r"|Baca(?: juga)?\s*:.*|Baca selengkapnya di sini\.?|•?\s*(?:Ukuran )?Font:.*"
    r"|Baca berita dengan sedikit iklan.*|Berlangganan untuk lanjutkan membaca\.|Berita Lainnya"
    r"|-\s*Akses .*|\*\s*Follow Official WhatsApp.*|\*\s*Fakta atau Hoaks.*|Saksikan (?:video|tayangan).*"
    r"|\d+ dari \d+ halaman|Selengkapnya di|Tag Terkait|Rekomendasi|POPULER|\d{1,2}:\d{2}"
    r"|\((?:[a-z]{2,5}|[A-Z][a-z]{1,4})(?:/(?:[a-z]{2,5}|[A-Z][a-z]{1,4}))*/?\)?"
    r"|\s*date \d{4}-\d{2}.*)$"
)
DATE_OR_CREDIT = re.compile(
    r"^(?:(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu),|\d{1,2} \w+ \d{4}|\d{4}/\d{2}/\d{2}|oleh |Reporter|Editor"
    r"|Translator|.* - detik\w+$|.* - 20DETIK$|.*\bCNN Indonesia$|[\d,.]+ Views)"
)


def corpus(portal_pages):
    return [(path, row, path.read_text(encoding="utf-8")) for portal in MINE for path, row in portal_pages(portal)]


@pytest.fixture(scope="module")
def pages(portal_pages):
    return corpus(portal_pages)


def test_corpus_choice_with_and_without_url(engine, pages):
    for path, row, text in pages:
        portal = row["file"].split("/")[0]
        assert engine.choose(Document(text=text, url=row["url"])).name == portal, row["file"]
        chosen = engine.scores(Document(text=text))
        top = chosen[0][1] if chosen else None
        if any(marker in text for marker in DOC_MARKERS[portal]):
            assert top == portal, (row["file"], chosen)
        else:  # nothing of its own: no other group-1 parser may claim it either
            assert top not in MINE, (row["file"], chosen)


def test_corpus_fields(engine, pages):
    for path, row, text in pages:
        portal = row["file"].split("/")[0]
        a = engine.parse_document(Document(text=text, url=row["url"], path=str(path)))[0]
        body = [b.text for b in a.body]
        assert body, row["file"]
        for block in body:
            assert not BOILERPLATE.match(block), (row["file"], block)
        if a.title is not None:
            assert a.title not in body, row["file"]
            assert not DATE_OR_CREDIT.match(a.title), (row["file"], a.title)
        if a.published is not None:
            assert a.published.utcoffset() is not None
            if row["url_date"]:
                url_day = date.fromisoformat(row["url_date"])
                exact = "20.detik.com" in row["url"]
                allowed = timedelta(0) if exact else timedelta(days=1)
                assert abs(a.published.date() - url_day) <= allowed, (row["file"], a.published)


def test_corpus_numbers(engine, pages):
    """What the parsers find on the corpus pages, per portal (printed with -s)."""
    stats: dict[str, dict[str, int]] = {}
    for path, row, text in pages:
        portal = row["file"].split("/")[0]
        a = engine.parse_document(Document(text=text, url=row["url"]))[0]
        s = stats.setdefault(portal, {"pages": 0, "title": 0, "published": 0, "authors": 0, "dateline": 0})
        s["pages"] += 1
        s["title"] += a.title is not None
        s["published"] += a.published is not None
        s["authors"] += bool(a.authors)
        s["dateline"] += a.dateline is not None
    print(stats)
    assert set(stats) == set(MINE)
    assert stats["detik"]["published"] >= 5 and stats["cnnindonesia"]["published"] == stats["cnnindonesia"]["pages"]


def test_kompas_pages_are_not_claimed(engine, shared):
    texts = [shared / "seed" / "kompas-2020-12-29-xi-jinping.txt",
             *sorted((shared / "corpus" / "kompas-text").glob("*.txt"))]
    for path in texts:
        doc = Document(text=path.read_text(encoding="utf-8"))
        for portal in MINE:
            assert engine.parsers[portal].sniff(doc) == 0.0, (path.name, portal)


def test_other_portals_are_not_claimed(engine, shared, portal_pages):
    root = shared / "corpus" / "portals-text"
    others = sorted({p.name for p in root.iterdir() if p.is_dir()} - set(MINE))
    for other in others:
        for path, row in portal_pages(other):
            doc = Document(text=path.read_text(encoding="utf-8"))
            for portal in MINE:
                score = engine.parsers[portal].sniff(doc)
                assert score < LIKELY, (row["file"], portal, score)
