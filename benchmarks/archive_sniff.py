"""What telling web archives by their first bytes costs (issue 13).

Every input whose name is not an archive's has its first 4 KB read once
(:func:`warta.reading.archivesniff.file_is_archive`). This measures, on a folder of pages
(default: ../shared/corpus):

- the look itself, per input (warm page cache: the files have been read before);
- a whole one-process run (``Engine.run(..., jobs=1)``, what ``warta parse -q -j 1`` does)
  with the look and with names only (the look switched off), best of ``--repeat``.

    python benchmarks/archive_sniff.py [FOLDER] [--repeat 7]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from warta.engine import Engine
from warta.reading import archivesniff, inputs
from warta.reading.inputs import Input, expand


def best(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default=str(here.parent / "shared" / "corpus"))
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    items, _ = expand([args.folder])
    paths = [item.path for item in items]
    print(f"{len(paths)} inputs in {args.folder}")
    for path in paths:  # warm the page cache
        Path(path).read_bytes()

    look = best(args.repeat, lambda: [archivesniff.file_is_archive(p) for p in paths])
    print(f"look at the first bytes: {look / len(paths) * 1e6:.1f} us per input ({look * 1e3:.2f} ms in all)")

    engine = Engine()

    def run() -> None:
        for _ in engine.run([Input(p) for p in paths], jobs=1, scheduler=""):
            pass

    run()  # warm-up: plugins, compiled patterns
    with_look = best(args.repeat, run)
    real = inputs.file_is_archive
    inputs.file_is_archive = lambda path: False  # names only, as before issue 13
    try:
        names_only = best(args.repeat, run)
    finally:
        inputs.file_is_archive = real
    print(f"engine.run, jobs=1: {with_look * 1e3:.1f} ms with the look, {names_only * 1e3:.1f} ms by names only "
          f"({(with_look - names_only) / len(paths) * 1e6:+.1f} us per input)")


if __name__ == "__main__":
    main()
