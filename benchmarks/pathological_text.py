"""Seconds per MB of text parsers on pathological pages, at growing sizes.

    python benchmarks/pathological_text.py [--parser NAME ...] [--sizes 1,2,5,10] [--pattern NAME ...]

For each pattern (one long line of one repeated word, a long line of random words, many
short lines, a line of dots or dashes, repeated "Baca juga:" lines, repeated dates) and
each size in MB, prints the seconds per MB it takes to parse the page alone and inside a
Kompas dump (``--parser`` names the parsers; default: ``kompas`` and ``<engine>``, which is
every parser sniffing, then the chosen one parsing). Linear code prints about the same
figure at every size; a quadratic spot doubles it with each doubling of the size (Kompas's
glued-caption search before the fix: 6 s/MB at 2 MB, 41 s/MB at 10 MB).
tests/test_linear_parsers.py checks the same growth at small sizes for every text parser.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "support"))
from pathological import PATTERNS, elapsed  # noqa: E402

from warta import Document, Engine  # noqa: E402

HOST = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "kompas" / "b-headerless.txt"


def pages(payload: str) -> list[Document]:
    lines = HOST.read_text(encoding="utf-8").split("\n")
    middle = len(lines) // 2
    inside = "\n".join(lines[:middle] + ["", payload + " selesai di sini.", ""] + lines[middle:])
    return [Document(text=payload + " selesai."), Document(text=inside)]


def main(argv: list[str]) -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--parser", action="append", help="a text parser's name, or <engine>")
    options.add_argument("--pattern", action="append", choices=sorted(PATTERNS))
    options.add_argument("--sizes", default="1,2,5,10", help="sizes in MB (default: 1,2,5,10)")
    args = options.parse_args(argv)
    engine = Engine()
    sizes = [float(s) for s in args.sizes.split(",")]

    def engine_run(doc: Document) -> None:
        engine.scores(doc)
        engine.parse_document(doc)

    print(f"seconds per MB (page alone + inside a Kompas dump) at {', '.join(f'{s:g}' for s in sizes)} MB")
    for name in args.parser or ["kompas", "<engine>"]:
        run = engine_run if name == "<engine>" else engine.parser(name).parse
        for pattern in args.pattern or PATTERNS:
            figures = []
            for size in sizes:
                docs = pages(PATTERNS[pattern](int(size * 1_000_000)))
                figures.append(elapsed(run, docs) / size)
            print(f"{name:14} {pattern:18} " + "  ".join(f"{f:7.2f}" for f in figures), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
