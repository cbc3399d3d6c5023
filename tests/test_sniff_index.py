"""The sniff index: only parsers whose host or sniff marker is in a page are asked, and the
choice and every score stay what they are when every parser sniffs every page."""

from __future__ import annotations

import re
from pathlib import Path

import pluggy
import pytest

from warta import LIKELY, Article, Document, Engine, WartaError, hookimpl
from warta import hookspecs
from warta.parsing import sniffindex
from warta.reading.loaders import read_input
from warta.reading.inputs import Input
from warta.testing import make_engine

from corpus import load_index

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FOREIGN = "https://example.org/2024/01/02/berita"


class Marked:
    """A parser that scores when its own word is in the text (and declares it)."""

    media_types = ("text/plain",)

    def __init__(self, name: str, word: str | None, sites: tuple[str, ...] = (),
                 markers: tuple[str, ...] | None = None) -> None:
        self.name, self.word, self.sites, self.calls = name, word, sites, 0
        if markers is not None:
            self.sniff_markers = markers

    def sniff(self, doc: Document) -> float:
        self.calls += 1
        if doc.host_is(*self.sites):
            return 1.0
        return LIKELY if self.word and self.word.lower() in doc.text.lower() else 0.0

    def parse(self, doc: Document) -> list[Article]:
        return [Article(title=self.name)]


def engine_with(*parsers: object) -> Engine:
    """An engine with only ``parsers`` (no built-in plugin)."""
    class Plugin:
        @staticmethod
        @hookimpl
        def register_parsers(register):
            for parser in parsers:
                register(parser)

    pm = pluggy.PluginManager("warta")
    pm.add_hookspecs(hookspecs)
    pm.register(Plugin, name="marked")
    return Engine(pm)


def plain(engine) -> object:
    """The same engine, asking every parser (as before the index)."""
    engine.use_sniff_index = False
    return engine


def portals(n: int) -> list[Marked]:
    return [Marked(f"p{i:02d}", f"Portal{i:02d}News", (f"portal{i:02d}.co.id",), (f"portal{i:02d}news",))
            for i in range(n)]


# -- the index on its own ---------------------------------------------------------------


def test_only_parsers_with_a_marker_in_the_page_are_asked():
    parsers = portals(10)
    engine = engine_with(*parsers)
    doc = Document(text="JAKARTA, Portal03News - Harga cabai turun.")
    assert engine.choose(doc).name == "p03"
    assert [p.name for p in parsers if p.calls] == ["p03"]


def test_a_parser_without_markers_is_always_asked_and_an_empty_tuple_means_host_only():
    parsers = portals(6)
    unmarked = Marked("open", "Terbuka")
    host_only = Marked("hosty", "Hosty", ("hosty.id",), ())
    engine = engine_with(*parsers, unmarked, host_only)
    assert engine.choose(Document(text="Terbuka untuk umum. Hosty.")).name == "open"
    assert unmarked.calls == 1 and host_only.calls == 0
    assert engine.choose(Document(text="x", url="https://m.hosty.id/a")).name == "hosty"


def test_host_lookup_covers_subdomains_like_host_is():
    parsers = portals(6)
    engine = engine_with(*parsers)
    for url, name in (("https://portal02.co.id/a", "p02"), ("https://news.m.portal02.co.id/a", "p02"),
                      ("https://PORTAL04.CO.ID/b", "p04")):
        assert engine.scores(Document(text="nothing here", url=url)) == [(1.0, name)]
    assert engine.scores(Document(text="nothing", url="https://xportal02.co.id/a")) == []
    assert engine.scores(Document(text="nothing", url="https://portal02.co.id.evil.org/")) == []


def test_markers_are_matched_ignoring_case_overlapping_and_inside_longer_ones():
    parsers = [Marked("a", "ab", markers=("ab",)), Marked("b", "abc", markers=("abc",)),
               Marked("c", "bca", markers=("bca",)), Marked("d", "cab", markers=("CAB",)),
               Marked("e", "zz", markers=("zz",))]
    index = sniffindex.SniffIndex([(p.name, p, (), 1.0) for p in parsers])
    # "abca": the search reports "abc" at 0 and skips "bca" at 1 (found by the hidden check)
    assert index.markers_in("xABCAx") == {"ab", "abc", "bca"}
    assert index.markers_in("aBcAb") == {"ab", "abc", "bca", "cab"}
    assert index.markers_in("zzz") == {"zz"}
    assert index.markers_in("a b c") == set()
    assert index.markers_in("ẞ STRASSE zz") == {"zz"}  # case folding: no error, no false miss


def test_scores_equal_asking_everyone_on_random_pages():
    words = ["Portal01News", "portal02news", "PORTAL03NEWS", "Terbuka", "harga", "cabai", "zz"]
    rng = __import__("random").Random(7)
    pages = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 12))) for _ in range(200)]
    indexed = engine_with(*portals(8), Marked("open", "Terbuka"))
    everyone = plain(engine_with(*portals(8), Marked("open", "Terbuka")))
    for page in pages:
        for url in (None, "https://portal01.co.id/x", FOREIGN):
            doc = Document(text=page, url=url)
            assert indexed.scores(doc) == everyone.scores(doc), (page, url)


def test_few_marked_parsers_are_all_asked():
    parsers = portals(sniffindex.MIN_INDEXED - 1)
    engine = engine_with(*parsers)
    engine.choose(Document(text="Portal00News"))
    assert all(p.calls == 1 for p in parsers)


def test_malformed_markers_are_refused_when_the_parser_registers():
    with pytest.raises(WartaError, match="sniff_markers must be a tuple of strings"):
        engine_with(Marked("bad", "x", markers="KOMPAS"))  # a string, not a tuple
    with pytest.raises(WartaError, match="bad2"):
        engine_with(Marked("bad2", "x", markers=("ok", 3)))


# -- the built-in plugins on real pages ----------------------------------------------------


def _pages(root: Path | None) -> list[Document]:
    """Every page under ``root`` as read from its file: without URL, with its own URL (from an
    index.jsonl) and on a foreign host."""
    if root is None or not root.is_dir():
        return []
    urls = {}
    for index in root.rglob("index.jsonl"):
        urls.update({str(index.parent / row["file"]): row.get("url") for row in load_index(index)})
    docs = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".txt", ".html", ".htm", ".mhtml", ".gz") or not path.is_file():
            continue
        for url in {None, urls.get(str(path)), FOREIGN}:
            try:
                docs.append(read_input(Input(str(path)), url=url))
            except WartaError:
                pass  # a fixture of an unreadable page: nothing to choose
    return docs


@pytest.fixture(scope="module")
def real_pages() -> list[Document]:
    shared = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    return _pages(FIXTURES) + _pages(shared if shared.is_dir() else None)


def test_the_builtin_plugins_choose_and_score_alike_with_and_without_the_index(real_pages):
    indexed, everyone = make_engine(), plain(make_engine())
    assert indexed._index("text/plain").indexed  # the built-in text parsers are routed
    assert len(real_pages) > 100
    for doc in real_pages:
        try:
            expected = everyone.scores(doc)
        except WartaError as exc:
            with pytest.raises(WartaError, match=re.escape(str(exc))):
                indexed.scores(doc)
            continue
        assert indexed.scores(doc) == expected, (doc.path, doc.url)


def test_a_marked_parser_scores_nothing_once_its_markers_are_taken_out(real_pages):
    """The contract itself: each built-in parser declaring markers says 0 for every page
    (on no host of its own) from which its markers are removed."""
    engine = make_engine()
    marked = [(parser, sniffindex.declared_markers(parser)) for parser in engine.parsers.values()
              if sniffindex.declared_markers(parser)]
    assert len(marked) >= 20
    for doc in real_pages:
        for parser, markers in marked:
            if doc.media_type not in getattr(parser, "media_types", ()):
                continue
            pattern = re.compile("|".join(re.escape(m) for m in markers), re.IGNORECASE)
            text = doc.text
            while pattern.search(text):
                text = pattern.sub("", text)
            assert parser.sniff(Document(text=text, media_type=doc.media_type)) == 0, (parser.name, doc.path)
