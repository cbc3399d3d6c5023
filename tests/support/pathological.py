"""Pathological text payloads, by name, for the linearity test and its benchmark.

``tests/test_linear_parsers.py`` parses them at small sizes and checks that the time per MB
does not grow; ``benchmarks/pathological_text.py`` prints the seconds per MB at real sizes.
Each payload ``PATTERNS[name](n)`` is ``n`` characters long.
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable, Iterable

WORDS = ("yang dan di ke dari Jakarta WIB Kompas okezone detik berita foto kata presiden "
         "rakyat 2020 Senin pemerintah").split()


def repeat(unit: str, size: int) -> str:
    """``unit`` repeated to exactly ``size`` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def random_words(size: int, seed: int = 9) -> str:
    """``size`` characters of words drawn from WORDS (the same for the same seed)."""
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(size // 6))[:size]


PATTERNS = {
    "one repeated word": lambda n: repeat("kompas ", n),
    "random words": random_words,
    "many short lines": lambda n: random_words(n).replace(" di ", "\n").replace(" ke ", "\n"),
    "dashes": lambda n: "-" * n,
    "dots": lambda n: "." * n,
    "Baca juga lines": lambda n: repeat("Baca juga: Harga cabai naik lagi\n", n),
    "dates": lambda n: repeat("Senin, 28 Des 2020 19:16 WIB ", n),
}


def elapsed(run: Callable[[object], object], docs: Iterable[object]) -> float:
    """Seconds ``run`` takes over ``docs``, a WartaError counting as done (garbage collection
    off meanwhile: a collection landing in one run would look like growth)."""
    from warta import WartaError

    gc.disable()
    try:
        start = time.perf_counter()
        for doc in docs:
            try:
                run(doc)
            except WartaError:
                pass
        return time.perf_counter() - start
    finally:
        gc.enable()
