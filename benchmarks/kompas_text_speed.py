"""Kompas text parse throughput on one core: documents/s through the whole engine.

    python benchmarks/kompas_text_speed.py [COUNT]

Parses generated dumps (layouts A and C, ~2,000 characters each, like the real excerpts)
already in memory, so the figures leave out disk I/O. Two figures for each set:
- "--parser kompas": the Kompas parser and the clean/enrich hooks (what `--parser kompas`
  costs, and the parse throughput the target is about);
- "sniffing": the same after every registered text parser has sniffed the page (what a run
  without --parser costs; it grows with the number of portal plugins).
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


def throughput(engine: Engine, docs: list[Document], parser: str | None, rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for doc in docs:
            engine.parse_document(doc, parser)
        best = min(best, time.perf_counter() - start)
    return len(docs) / best


def report(label: str, engine: Engine, docs: list[Document]) -> None:
    forced = throughput(engine, docs, "kompas")
    sniffed = throughput(engine, docs, None)
    print(f"{label:<24} --parser kompas: {forced:>7,.0f} documents/s   "
          f"sniffing: {sniffed:>7,.0f} documents/s   ({len(docs)} docs, best of 3)")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    engine = Engine()
    rng = random.Random(11)
    docs = [Document(text=page(i, rng), path=f"gen-{i}.txt") for i in range(count)]
    report("generated Kompas dumps", engine, docs)
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "kompas-text"
    if corpus.is_dir():
        real = [Document(text=p.read_text(encoding="utf-8"), path=str(p)) for p in sorted(corpus.glob("*.txt"))]
        real = real * max(1, 2000 // len(real))
        report("real corpus pages", engine, real)


if __name__ == "__main__":
    main()
