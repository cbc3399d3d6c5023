"""Cost of every parser's ``sniff`` (µs per document): every parser sniffs every input.

    python benchmarks/sniff_speed.py

Runs each registered parser's sniff over the real corpus text pages (when ../shared is
present) and the generated Kompas dumps; prints µs per document, slowest first.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import page  # noqa: E402

from warta import Document, Engine  # noqa: E402


def main() -> None:
    engine = Engine()
    rng = random.Random(3)
    docs = [Document(text=page(i, rng)) for i in range(300)]
    shared = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    if shared.is_dir():
        for path in sorted(shared.glob("*-text/**/*.txt")):
            docs.append(Document(text=path.read_text(encoding="utf-8")))
    costs = []
    for name, parser in engine.parsers.items():
        if "text/plain" not in getattr(parser, "media_types", ("text/plain",)):
            continue
        for doc in docs[:1]:  # a parser's patterns are compiled on first use: not timed here
            parser.sniff(doc)
        start = time.perf_counter()
        for doc in docs:
            parser.sniff(doc)
        costs.append(((time.perf_counter() - start) / len(docs) * 1e6, name))
    total = sum(c for c, _ in costs)
    for cost, name in sorted(costs, reverse=True):
        print(f"{name:>16} {cost:8.1f} µs")
    print(f"{'all parsers':>16} {total:8.1f} µs per document ({len(docs)} documents)")


if __name__ == "__main__":
    main()
