"""Every portal parser on the real pages of ../shared/corpus/portals-text (skipped without it).

The checkers here are written from shared/docs/portal-layouts.md, independently of the
parsers' own boilerplate lists and markers: which parser must be chosen, what may never be
left in a body, what a title can never be, and how published must agree with the URL's date.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from corpus import load_index
from warta import LIKELY, Document

PORTALS = (
    "detik", "tempo", "cnnindonesia", "liputan6", "tribunnews", "antara", "republika", "okezone",
    "cnbcindonesia", "suara", "jpnn", "idntimes", "inews", "mediaindonesia", "sindonews",
    "kumparan", "merdeka", "viva", "katadata", "tirto", "voa", "bbcindonesia", "jakartapost",
)

#: What the doc lists as a portal's own marks: a page showing one must go to that portal's
#: parser even without its URL (a page showing none may go to the generic text parser).
DOC_MARKERS = {
    "detik": r"detik|SCROLL TO CONTINUE WITH CONTENT|20DETIK",
    "cnnindonesia": r"CNN Indonesia|CNNIndonesia\.com",
    "tempo": r"TEMPO\.CO|Baca berita dengan sedikit iklan|Tempo\+|Berlangganan untuk lanjutkan",
    "liputan6": r"Liputan6\.com|diperbarui",
    "tribunnews": r"TRIBUNNEWS\.COM|Tribun|tribun",
    "antara": r"\(ANTARA\)|ANTARA",
    "republika": r"REPUBLIKA\.CO\.ID|Republika",
    "okezone": r"Okezone|okezone",
    "kumparan": r"PT Dynamo Media Network|waktu baca|news-card-video",
    "merdeka": r"Merdeka\.com\s*-|Better experience in portrait",
    "viva": r"VIVA(?:news|\.co\.id| [A-Z][a-z]+)?\s*[-–]",
    "katadata": r"A (?:Small|Medium|Bigger) Font",
    "tirto": r"tirto\.id\s*-",
    "voa": r"\(VOA\)",
    "bbcindonesia": r"Sumber gambar,|Got a TV Licence",
    "jakartapost": r"TheJakartaPost|\(The Jakarta Post\)",
}

#: Lines the doc names as boilerplate of one portal or another: never a body block.
BOILERPLATE = re.compile(
    r"^(?:ADVERTISEMENT|Advertisement\b.*|SCROLL TO CONTINUE WITH CONTENT|SCROLL TO RESUME CONTENT"
    r"|Baca(?: juga| Juga|\s*:)\b.*|BACA (?:JUGA|ARTIKEL LAINNYA)\b.*|\(Baca(?: juga)?\s*:.*\)\.?"
    r"|Simak Video\b.*|\[Gambas:.*\]|Video 20Detik:.*|Hoegeng Awards.*|Baca kisah inspiratif.*"
    r"|Komentar Terbanyak|Berita Terkait|BERITA TERKAIT|Artikel Terkait|Berita Rekomendasi|Berita Terpopuler"
    r"|Berita Lainnya|Hide Ads|VIDEO TERKAIT|VIDEO TERBARU|VIDEO TERPOPULER.*|LAINNYA DI DETIKNETWORK.*"
    r"|icon-chevron.*|•?\s*(?:Ukuran )?Font:.*|Baca berita dengan sedikit iklan.*"
    r"|Berlangganan untuk lanjutkan membaca\.|\*\s*Follow Official WhatsApp.*|\*\s*Fakta atau Hoaks.*"
    r"|zoom-in .*|Artikel ini telah tayang di .*|Â+|Nikmati berita interaktif.*|Video Editor \|.*"
    r"|Follow WhatsApp Channel.*|Copyright\b.*|Pewarta\s*:.*|Editor\s*:.*|Redaktur\b.*:.*|Penerjemah\s*:.*"
    r"|Kontributor\s*:.*|Penulis\s*:.*|Rep\s*:.*|Tags\s*:.*|Halaman\s*:.*|Halaman Selanjutnya"
    r"|Halaman \d+ dari \d+|\d+ dari \d+ halaman|Related Articles|Most Popular|Next Article\b.*"
    r"|Kumpulan Berita DPR RI|A A A|loading\.\.\.|read/ rendering in.*|Dapatkan berita terkini.*"
    r"|Baca Berita Terkait Lainnya|Silakan baca konten menarik lainnya.*|Get iNews App.*|Aa Text"
    r"|Share\s*:?|comment|sosmed-whatsapp-white|copy-link-circle|more-vertical|zoom-in-whitePerbesar"
    r"|news-card-video|Better experience in portrait mode\.|Iklan - Geser ke atas untuk melanjutkan"
    r"|Geser ke atas Berita Selanjutnya|Buka FYP|TheJakartaPost|Please Update your browser"
    r"|Share This Article|Change Size|Change text size|Gift Premium Articles|Menuju konten utama"
    r"|Got a TV Licence\?|Semuanya waktu Inggris|Sorry, an error has occurred"
    r"|- A (?:Small|Medium|Bigger) Font|\d{4} \S+ PT Dynamo Media Network|Your browser is out of date.*"
    r"|Share the best of The Jakarta Post.*|waktu baca \d+ menit.*|Sumber gambar,.*|Keterangan gambar,.*"
    r"|You need one to watch live TV.*|\s*date \d{4}-\d{2}.*)$"
)

#: What a title can never be: a date line or a credit line.
DATE_OR_CREDIT = re.compile(
    r"^(?:(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu)\b|\d{1,2} \w+ \d{4}|\d{4}/\d{2}/\d{2}"
    r"|(?:Penulis|Editor|Reporter|Pewarta|Redaktur|Sumber|Foto)\b|Rep\s*:|Laporan |oleh |Copyright"
    r"|[\d,.]+ Views)|WIB$|.*, Jurnalis"
)

#: Where the URL's date is the page's own day (elsewhere it may be the day before: drafts).
EXACT_URL_DAY = ("okezone.com", "20.detik.com")


@pytest.fixture(scope="module")
def pages(shared) -> list[tuple[str, Path, dict, str]]:
    """(portal, path, index row, text) of every corpus page."""
    root = shared / "corpus" / "portals-text"
    found = []
    for row in load_index(root / "index.jsonl"):
        portal = row["file"].split("/")[0]
        found.append((portal, root / row["file"], row, (root / row["file"]).read_text(encoding="utf-8")))
    assert {p for p, *_ in found} <= set(PORTALS), "a corpus portal without a parser"
    return found


@pytest.fixture(scope="module")
def records(engine, pages) -> dict[str, object]:
    """Each page parsed with its URL, as a user with the index would."""
    return {row["file"]: engine.parse_document(Document(text=text, url=row["url"], path=str(path)))[0]
            for _, path, row, text in pages}


def test_the_portals_own_parser_is_chosen(engine, pages):
    wrong = []
    for portal, _, row, text in pages:
        assert engine.choose(Document(text=text, url=row["url"])).name == portal, row["file"]
        ranked = engine.scores(Document(text=text))
        best = ranked[0][1] if ranked else None
        marked = portal in DOC_MARKERS and re.search(DOC_MARKERS[portal], text[:4000])
        if best != portal and (marked or best not in (None, "generic-text")):
            wrong.append((row["file"], ranked[:3]))
    assert wrong == []


def test_bodies_hold_no_boilerplate(records):
    for name, article in records.items():
        assert article.body, name
        for block in article.body:
            assert not BOILERPLATE.match(block.text), (name, block.text)


def test_titles_are_never_body_lines_dates_or_credits(records):
    for name, article in records.items():
        if article.title:
            assert article.title not in {b.text for b in article.body}, name
            assert not DATE_OR_CREDIT.search(article.title), (name, article.title)


def test_published_agrees_with_the_url_date(records, pages):
    for _, _, row, _ in pages:
        article = records[row["file"]]
        if article.published is not None:
            assert article.published.utcoffset() is not None, row["file"]
        if not row["url_date"]:
            continue
        assert article.published is not None, f"{row['file']}: the URL has a date, published is empty"
        url_day = date.fromisoformat(row["url_date"])
        allowed = timedelta(0) if any(h in row["url"] for h in EXACT_URL_DAY) else timedelta(days=1)
        assert abs(article.published.date() - url_day) <= allowed, (row["file"], article.published)


def test_english_pages_say_so(records):
    for name, article in records.items():
        if name.startswith("jakartapost/"):
            assert article.language == "en", name


def test_sindonews_date_line_beats_the_url_epoch(records, pages):
    for portal, _, row, text in pages:
        if portal == "sindonews" and "WIB" in text.split("loading...")[0]:
            assert records[row["file"]].published.strftime("%H:%M") != row["url_time"], row["file"]


def test_no_portal_claims_kompas_pages(engine, shared):
    kompas = [shared / "seed" / "kompas-2020-12-29-xi-jinping.txt",
              *sorted((shared / "corpus" / "kompas-text").glob("*.txt"))]
    for path in kompas:
        text = path.read_text(encoding="utf-8")
        for portal in PORTALS:
            assert engine.parsers[portal].text_score(text) == 0.0, (path.name, portal)


def test_no_portal_claims_another_portals_pages(engine, pages):
    for page_portal, _, row, text in pages:
        for portal in PORTALS:
            if portal != page_portal:
                assert engine.parsers[portal].text_score(text) < LIKELY, (row["file"], portal)


def test_report_what_was_found(engine, pages, records):
    """Per-portal figures (run with -s to see them); every portal has corpus pages."""
    found: dict[str, Counter] = {}
    for portal, _, row, text in pages:
        article = records[row["file"]]
        counts = found.setdefault(portal, Counter())
        counts["pages"] += 1
        counts["chosen without URL"] += engine.choose(Document(text=text)).name == portal
        counts["title"] += article.title is not None
        counts["published"] += article.published is not None
        counts["authors"] += bool(article.authors)
        counts["dateline"] += article.dateline is not None
    for portal, counts in found.items():
        print(portal, dict(counts))
    assert sum(c["pages"] for c in found.values()) == len(pages)
