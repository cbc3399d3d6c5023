"""Issue 9: every text parser, and the engine's sniffing, takes time linear in the page.

Each registered text parser reads pathological pages (one long line of one repeated word,
a long line of random words, many short lines, a line of dots or dashes, repeated "Baca
juga:" lines, repeated dates) at three sizes; the time per megabyte at the largest size
must stay within ``SLACK`` times that at the smallest. A quadratic spot makes it grow with
the size (Kompas's glued-caption search on one long line: 2 MB took 12 s, 10 MB 409 s).
The payload goes in the middle of one of the portal's own fixture pages, so the parser
reads it as body text, and also alone (what sniffing and the generic parser see).

No absolute time is asserted: only how the time grows. Figures in seconds per MB for
larger sizes: ``python benchmarks/pathological_text.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pathological import PATTERNS, elapsed

from warta import Document

FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: Three sizes, the largest eight times the smallest (a quadratic spot shows clearly).
SIZES = (20_000, 40_000, 160_000)
#: How much more time per MB the largest size may take than the smallest.
SLACK = 3.0


def _fixture(name: str) -> str:
    folder = {"kompas": FIXTURES / "kompas", "generic-text": FIXTURES / "generic"}.get(
        name, FIXTURES / "portals" / name)
    pages = sorted(folder.glob("*.txt"))
    return pages[0].read_text(encoding="utf-8") if pages else ""


def _pages(host: str, payload: str) -> list[Document]:
    """The payload alone, and as a paragraph in the middle of ``host`` (a portal's own page,
    so that the parser reads it as body text) when there is one."""
    alone = Document(text=payload + " selesai.")
    if not host:
        return [alone]
    lines = host.split("\n")
    middle = len(lines) // 2
    return [alone, Document(text="\n".join(lines[:middle] + ["", payload + " selesai di sini.", ""]
                                           + lines[middle:]))]


def _per_mb(run, host: str, make, size: int, repeats: int) -> float:
    docs = _pages(host, make(size))
    return min(elapsed(run, docs) for _ in range(repeats)) / (size / 1e6)


def _growth(run, host: str, make) -> tuple[float, list[float]]:
    """Time per MB at the largest size over that at the smallest, and the time per MB at
    each size (min of repeats; the largest is measured again, up to three more times, only
    when it looks too slow, which keeps the test fast)."""
    per_mb = [_per_mb(run, host, make, size, 3 if size == SIZES[0] else 1) for size in SIZES]
    for _ in range(3):  # a busy machine slows one run: a quadratic spot stays slow every time
        if per_mb[-1] <= SLACK * per_mb[0]:
            break
        per_mb[-1] = min(per_mb[-1], _per_mb(run, host, make, SIZES[-1], 2))
        per_mb[0] = min(per_mb[0], _per_mb(run, host, make, SIZES[0], 3))
    return per_mb[-1] / per_mb[0], per_mb


def _text_parsers(engine) -> list[str]:
    return [name for name, parser in engine.parsers.items()
            if "text/plain" in getattr(parser, "media_types", ())]


def test_every_text_parser_is_listed(engine):
    names = _text_parsers(engine)
    assert {"kompas", "okezone", "detik", "generic-text"} <= set(names) and len(names) >= 20


@pytest.mark.parametrize("name", [
    "kompas", "kumparan", "merdeka", "viva", "jakartapost", "katadata", "tirto", "voa",
    "bbcindonesia", "detik", "cnnindonesia", "tempo", "liputan6", "tribunnews", "antara",
    "republika", "okezone", "cnbcindonesia", "suara", "jpnn", "idntimes", "inews",
    "mediaindonesia", "sindonews", "generic-text", "<engine>", "<engine, page alone>",
])
def test_time_grows_linearly_with_the_page(engine, name):
    if name in ("<engine>", "<engine, page alone>"):
        host = _fixture("kompas") if name == "<engine>" else ""

        def run(doc: Document) -> None:  # sniffing by every parser, then the chosen one
            engine.scores(doc)
            engine.parse_document(doc)
    else:
        assert name in _text_parsers(engine)
        host = _fixture(name)
        run = engine.parsers[name].parse
    slow = {}
    for pattern, make in PATTERNS.items():
        growth, per_mb = _growth(run, host, make)
        if growth > SLACK:
            slow[pattern] = f"x{growth:.1f} (s/MB at {SIZES}: {', '.join(f'{t:.2f}' for t in per_mb)})"
    assert not slow, f"{name}: time per MB grows with the size: {slow}"
