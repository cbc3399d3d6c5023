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
