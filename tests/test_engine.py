"""Choosing a parser: scores, ties, and fallbacks that cannot win."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta import FALLBACK, LIKELY, Article, Document, WartaError, hookimpl
from warta.testing import make_engine


class Fixed:
    media_types = ("text/plain",)
    sites: tuple[str, ...] = ()

    def __init__(self, name: str, score: float, max_score: float | None = None) -> None:
        self.name, self.score, self.calls = name, score, 0
        if max_score is not None:
            self.max_score = max_score

    def sniff(self, doc: Document) -> float:
        self.calls += 1
        return self.score

    def parse(self, doc: Document) -> list[Article]:
        return [Article(title=self.name)]


def engine_with(*parsers: Fixed):
    class Plugin:
        @staticmethod
        @hookimpl
        def register_parsers(register):
            for parser in parsers:
                register(parser)

    return make_engine(fixed=Plugin)


def test_best_score_wins_and_ties_go_by_name():
    engine = engine_with(Fixed("b", LIKELY), Fixed("a", LIKELY), Fixed("c", 0.3))
    doc = Document(text="x")
    assert engine.scores(doc) == [(LIKELY, "a"), (LIKELY, "b"), (0.3, "c")]
    assert engine.choose(doc).name == "a"


def test_a_fallback_is_not_asked_once_a_portal_scored_more():
    fallback = Fixed("generic", FALLBACK, max_score=FALLBACK)
    engine = engine_with(fallback, Fixed("portal", LIKELY))
    assert engine.choose(Document(text="x")).name == "portal"
    assert fallback.calls == 0
    alone = Fixed("generic2", FALLBACK, max_score=FALLBACK)
    engine = engine_with(alone, Fixed("silent", 0.0))
    assert engine.choose(Document(text="x")).name == "generic2"
    assert alone.calls == 1


def test_nobody_recognises_it():
    engine = engine_with(Fixed("silent", 0.0))
    with pytest.raises(WartaError, match="no parser recognises this text"):
        engine.choose(Document(text="x", path="page.txt"))


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "pages" / "kompas-2024-03-05-banjir-demak.txt"


@pytest.mark.parametrize("form", ["str path", "Path", "bytes", "text"])
def test_the_python_api_reads_paths_bytes_and_text(form):
    import warta

    source = {"str path": str(EXAMPLE), "Path": EXAMPLE, "bytes": EXAMPLE.read_bytes(),
              "text": EXAMPLE.read_text(encoding="utf-8")}[form]
    [article] = warta.parse(source)
    assert article.title == "Warga Demak Mulai Kembali ke Rumah Setelah Banjir Surut"
    assert article.published.isoformat() == "2024-03-05T14:22:00+07:00"


def test_the_python_api_names_a_missing_file(tmp_path):
    import warta

    with pytest.raises(WartaError, match="no such file"):
        warta.parse(str(tmp_path / "missing.txt"))


# -- how dates and titles are known (engine.provenance, TextDumpParser.date_fallback) ---------


def _dump_engine(pattern=None, draft=False):
    import re

    from warta import Block
    from warta.textparser import TextDumpParser

    class Dump(TextDumpParser):
        name, site, sites, label = "dump", "contoh.id", ("contoh.id",), "contoh"
        url_date_pattern = re.compile(pattern) if pattern else None
        url_time_is_draft = draft

        def text_score(self, text):
            return 0.9

        def read(self, lines, article, doc):
            article.body = [Block("paragraph", line) for line in lines]

    return _register(Dump())


def _register(parser):
    class Plugin:
        @staticmethod
        @hookimpl
        def register_parsers(register):
            register(parser)

    return make_engine(dump=Plugin)


def test_the_crawl_day_is_captured_and_a_weekday_in_the_opening_dates_the_page():
    from datetime import datetime

    from warta.dates import WIB

    engine = _dump_engine()
    text = (" date 2026-01-01 Empat remaja ditangkap polisi di Kemayoran, Selasa (30/12) dini hari.\n\n"
            "Mereka membawa senjata tajam.\n")
    [article] = engine.parse_document(Document(text=text, url="https://contoh.id/berita/empat-remaja-ditangkap-polisi"))
    assert (article.captured, article.captured_source) == (datetime(2026, 1, 1, tzinfo=WIB), "crawl")
    assert article.published == datetime(2025, 12, 30, tzinfo=WIB)
    assert (article.published_source, article.published_precision) == ("text", "day")
    assert any("Selasa (30/12)" in note for note in article.notes)
    # No weekday in the opening: no publication date at all (the crawl day is not one).
    [plain] = engine.parse_document(Document(text=" date 2026-01-01 Empat remaja ditangkap polisi.\n",
                                             url="https://contoh.id/berita/empat-remaja"))
    assert plain.published is None and plain.published_source is None
    assert plain.captured == datetime(2026, 1, 1, tzinfo=WIB)


def test_a_dump_without_url_keeps_the_id_its_crawl_day_gave_it():
    engine = _dump_engine()
    text = " date 2023-09-02 Wali kota meresmikan taman baca, Sabtu (2/9/2023).\n"
    [article] = engine.parse_document(Document(text=text))
    assert article.url is None and article.title is None and article.id is None  # nothing to name it by
    parser = engine.parsers["dump"]
    original = parser.read

    def read(lines, article, doc):
        original(lines, article, doc)
        article.title = "Wali Kota Resmikan Taman Baca"

    parser.read = read
    [titled] = engine.parse_document(Document(text=text))
    assert titled.id == "tag:contoh.id,2023-09-02:wali-kota-resmikan-taman-baca"
    assert titled.published_source == "text" and titled.captured_source == "crawl"


@pytest.mark.parametrize(
    ("url", "draft", "source", "precision"),
    [
        ("https://contoh.id/read/2022/10/09/213924/kejari-periksa-saksi", True, "url-draft", "time"),
        ("https://contoh.id/read/2022/10/09/213924/kejari-periksa-saksi", False, "url", "time"),
        ("https://contoh.id/read/2022/10/09/000000/kejari-periksa-saksi", True, "url", "day"),
    ],
)
def test_a_date_from_the_url_says_so(url, draft, source, precision):
    pattern = r"/(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})/"
    engine = _dump_engine(pattern, draft)
    [article] = engine.parse_document(Document(text="Isi berita tanpa tanggal.\n", url=url))
    assert (article.published_source, article.published_precision) == (source, precision)


def test_provenance_marks_printed_dates_titles_and_save_times():
    from datetime import datetime

    from warta.dates import WIB
    from warta.engine import provenance

    printed = provenance(Article(title="Judul", published=datetime(2020, 12, 29, 19, 16, tzinfo=WIB)))
    assert (printed.published_source, printed.published_precision, printed.title_source) == ("page", "time", "page")
    day = provenance(Article(published=datetime(2020, 12, 29, tzinfo=WIB)))
    assert day.published_precision == "day" and day.title is None and day.title_source is None
    # The page prints no headline: the URL's slug gives one, marked and noted.
    slug = provenance(Article(url="https://contoh.id/berita/d-3235045/jokowi-resmikan-jalan-tol-baru"))
    assert (slug.title, slug.title_source) == ("Jokowi Resmikan Jalan Tol Baru", "url")
    assert any("slug" in note for note in slug.notes)
    # A saved page's own save time (MHTML, SingleFile) is captured, with the loader's label.
    class Saved(Document):  # Document.captured / captured_source, as the MHTML loader sets them
        pass

    doc = Saved(text="<html></html>", media_type="text/html")
    doc.captured, doc.captured_source = datetime(2024, 5, 1, 10, 0, tzinfo=WIB), "mhtml"
    saved = provenance(Article(title="Judul"), doc)
    assert (saved.captured, saved.captured_source) == (datetime(2024, 5, 1, 10, 0, tzinfo=WIB), "mhtml")
    # Fields that contradict each other are settled: no source without a date.
    lone = provenance(Article(published_source="url", published_precision="day", captured_source="crawl"))
    assert (lone.published_source, lone.published_precision, lone.captured_source) == (None, None, None)
