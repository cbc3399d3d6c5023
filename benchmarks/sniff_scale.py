"""Cost of choosing a parser as plugins are added: µs per page at 26 and 100 text parsers,
every parser sniffing every page (before) and through the sniff index (after).

    python benchmarks/sniff_scale.py

The 26 are the installed text parsers (the built-in ones and the example plugin when it is
installed); 74 generated portal parsers make the 100, each with its own host, brand and
``sniff_markers``, and a ``text_score`` shaped like the built-in ones (a cheap test for its
brand in the head, then its dateline in the cleaned top lines). Pages: the generated Kompas
dumps (benchmarks/pages.py), pages of the generated portals, and the real corpus text pages
when ../shared is present; read without URL (each parser must look at the text: the costly
case) and, on a second line, with a URL on a host no parser owns. Every page's scores are
checked to be the same both ways before anything is timed.
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import page, sentence  # noqa: E402

from warta import LIKELY, Document, Engine, hookimpl  # noqa: E402
from warta.manager import make_manager  # noqa: E402
from warta.parsing.textparser import TextDumpParser  # noqa: E402
from warta.textkit import sniff_lines  # noqa: E402

EXTRA = 74
SYLLABLES = ("ka", "ba", "ri", "to", "nu", "sa", "la", "me", "di", "pa", "ra", "go", "wa", "ju")


def brand(i: int) -> str:
    """A portal name such as "Kabarito" (distinct for each i)."""
    rng = random.Random(i)
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() + f"{i:02d}"


class GeneratedPortal(TextDumpParser):
    """A portal plugin as a third party would write one (its dateline: "KOTA, Brand.id -")."""

    def __init__(self, i: int) -> None:
        self.brand = brand(i)
        self.name = self.brand.lower()
        self.site = f"{self.name}.id"
        self.sites = (self.site,)
        self.label = self.brand
        self.sniff_markers = (f"{self.brand}.id",)
        self._dateline = re.compile(rf"^[A-Z][A-Z .'-]{{1,40}}, {self.brand}\.id\s*[-–—]")

    def text_score(self, text: str) -> float:
        if text.find(f"{self.brand}.id", 0, 6000) < 0:
            return 0.0  # the dateline needs the brand: a cheap way out
        lines = sniff_lines(text, limit=6000)
        return LIKELY if any(self._dateline.match(line) for line in lines[:12]) else 0.0

    def read(self, lines, article, doc) -> None:  # not timed here
        article.title = lines[0]


class Generated:
    @staticmethod
    @hookimpl
    def register_parsers(register):
        for i in range(EXTRA):
            register(GeneratedPortal(i))


def generated_page(i: int, rng: random.Random) -> str:
    """A page of generated portal ``i % EXTRA``, about 2,000 characters."""
    name = brand(i % EXTRA)
    lines = [sentence(rng, 8)[:-1], "", f"Senin, 3 Juni 2024 10:{i % 60:02d} WIB", "",
             f"JAKARTA, {name}.id - {sentence(rng, 25)}", ""]
    lines += [sentence(rng, rng.randint(15, 30)) + "\n" for _ in range(8)]
    return "\n".join(lines)[:2000]


def documents() -> list[str]:
    rng = random.Random(3)
    texts = [page(i, rng) for i in range(150)] + [generated_page(i, rng) for i in range(150)]
    shared = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    if shared.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(shared.glob("*-text/**/*.txt"))]
    return texts


def per_page(engine: Engine, docs: list[Document], rounds: int = 7) -> float:
    """The µs per page of ``engine.scores``: the best of ``rounds`` (the least disturbed)."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for doc in docs:
            engine.scores(doc)
        times.append((time.perf_counter() - start) / len(docs) * 1e6)
    return min(times)


def main() -> None:
    texts = documents()
    installed = Engine()
    pm = make_manager()
    pm.register(Generated, name="generated")
    grown = Engine(pm)
    print(f"{len(texts)} pages; µs per page to choose a parser (Engine.scores, best of 7 rounds)")
    print(f"{'text parsers':>14} {'url':>8} {'before':>9} {'after':>9} {'asked/page':>11}")
    for engine in (installed, grown):
        count = len(engine._candidates("text/plain"))
        for url in (None, "https://example.org/2024/06/03/berita"):
            docs = [Document(text=text, url=url) for text in texts]
            index = engine._index("text/plain")
            for doc in docs:  # the same scores both ways, before any timing
                engine.use_sniff_index = False
                expected = engine.scores(doc)
                engine.use_sniff_index = True
                assert engine.scores(doc) == expected, doc.text[:80]
            asked = statistics.mean(len(index.candidates(doc)) for doc in docs)
            engine.use_sniff_index = False
            before = per_page(engine, docs)
            engine.use_sniff_index = True
            after = per_page(engine, docs)
            print(f"{count:>14} {'yes' if url else 'no':>8} {before:>9.1f} {after:>9.1f} {asked:>11.1f}")


if __name__ == "__main__":
    main()
