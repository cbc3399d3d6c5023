"""Kompas text parse throughput on one core: documents/s through the whole engine.

    python benchmarks/kompas_text_speed.py [COUNT]

Parses generated dumps (layouts A and C, ~2,000 characters each, like the real excerpts)
already in memory, so the figure is the parser plus the clean/enrich hooks, not disk I/O.
It also times the real corpus pages when ../shared is present. Target: >= 2,000 documents/s.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import page  # noqa: E402

from warta import Document, Engine  # noqa: E402


def throughput(engine: Engine, docs: list[Document], rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for doc in docs:
            engine.parse_document(doc)
        best = min(best, time.perf_counter() - start)
    return len(docs) / best


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    engine = Engine()
    rng = random.Random(11)
    docs = [Document(text=page(i, rng), path=f"gen-{i}.txt") for i in range(count)]
    print(f"generated Kompas dumps: {throughput(engine, docs):,.0f} documents/s ({count} docs, best of 3)")
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "kompas-text"
    if corpus.is_dir():
        real = [Document(text=p.read_text(encoding="utf-8"), path=str(p)) for p in sorted(corpus.glob("*.txt"))]
        real = real * max(1, 2000 // len(real))
        print(f"real corpus pages:      {throughput(engine, real):,.0f} documents/s ({len(real)} docs, best of 3)")


if __name__ == "__main__":
    main()
