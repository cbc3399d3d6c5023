"""Speed of the Kompas HTML parser against trafilatura on the same saved pages.

Run: ``/work/venv/bin/python benchmarks/html_speed.py [FOLDER] [--rounds N]``
(default folder: ../shared/corpus/html/kompas). Every page is decoded once; then each
extractor reads every page ``rounds`` times (the best round counts, after one warm-up):
warta's ``kompas-html`` parser (the whole Article record: metadata, body, content_html) and
``trafilatura.bare_extraction(html, with_metadata=True)``. Prints ms/page for both and the
ratio warta / trafilatura (the target is at most 0.2).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from warta.loaders import Input, read_input
from warta.plugins.kompas_html import KompasHtmlParser

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "html" / "kompas"


def best_ms_per_page(run, docs, rounds: int) -> float:
    """The fastest of ``rounds`` passes over ``docs`` (after a warm-up), in ms per page."""
    for doc in docs:
        run(doc)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for doc in docs:
            run(doc)
        best = min(best, time.perf_counter() - start)
    return best * 1000 / len(docs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    pages = sorted(Path(args.folder).glob("*.html"))
    if not pages:
        print(f"no .html pages in {args.folder}", file=sys.stderr)
        return 2
    try:
        from trafilatura import bare_extraction
    except ImportError:
        print("trafilatura is not installed: pip install 'warta[extract]'", file=sys.stderr)
        return 2
    docs = [read_input(Input(str(p))) for p in pages]
    kompas = KompasHtmlParser()
    ours = best_ms_per_page(kompas.parse, docs, args.rounds)
    theirs = best_ms_per_page(lambda d: bare_extraction(d.text, url=d.url, with_metadata=True),
                              docs, args.rounds)
    print(f"pages: {len(docs)} ({args.folder}), best of {args.rounds} rounds")
    print(f"warta kompas-html : {ours:8.2f} ms/page")
    print(f"trafilatura       : {theirs:8.2f} ms/page (bare_extraction, with_metadata=True)")
    print(f"ratio             : {ours / theirs:8.3f} (target <= 0.2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
