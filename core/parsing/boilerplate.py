"""Boilerplate lines: lines of a page that are never article text.

:class:`Boilerplate` holds exact lines and line patterns (case-insensitive, added together
with ``+``); :data:`COMMON_BOILERPLATE` is what every portal shares (share buttons, comment
prompts, ad markers). A portal adds its own on top.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from .patterns import LazyPattern, lazy_compile


class Boilerplate:
    """Lines that are never article text: exact lines and line patterns (case-insensitive).

    >>> junk = Boilerplate(exact=["ADVERTISEMENT"], patterns=[r"^Simak Video\\b"])
    >>> junk.matches("advertisement")
    True
    """

    __slots__ = ("exact", "patterns", "_exact", "_anchored", "_floating")

    def __init__(self, exact: Iterable[str] = (), patterns: Iterable[str] = ()) -> None:
        self.exact = tuple(exact)
        self.patterns = tuple(patterns)
        self._exact = frozenset(s.casefold() for s in self.exact)
        # Patterns anchored at the start are tried there only (``match``): a ``search`` would
        # try each of them at every position of a long paragraph for nothing.
        anchored = [p for p in self.patterns if _anchored(p)]
        floating = [p for p in self.patterns if not _anchored(p)]
        self._anchored = _joined(anchored)
        self._floating = _joined(floating)

    def matches(self, line: str) -> bool:
        """True when ``line`` (trimmed) is one of the exact lines or matches a pattern."""
        text = line.strip()
        if text.casefold() in self._exact:
            return True
        return bool((self._anchored and self._anchored.match(text))
                    or (self._floating and self._floating.search(text)))

    def __add__(self, other: Boilerplate) -> Boilerplate:
        return Boilerplate(exact=self.exact + other.exact, patterns=self.patterns + other.patterns)


def _joined(patterns: list[str]) -> LazyPattern | None:
    return lazy_compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


@cache  # portals add the same patterns (COMMON_BOILERPLATE's) to theirs: each is read once
def _anchored(pattern: str) -> bool:
    """True when ``pattern`` can only match at the start: it opens with ``^`` and has no
    ``|`` outside parentheses and character classes (which could lift the anchor)."""
    if not pattern.startswith("^"):
        return False
    if "|" not in pattern:
        return True  # no "|" at all: nothing to look for below
    depth, i, in_class = 0, 1, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            # "[]...]" and "[^]...]": a "]" right after the opening is a member, not the end.
            i += 2 if pattern[i + 1:i + 3] == "^]" else 1 if pattern[i + 1:i + 2] == "]" else 0
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return False
        i += 1
    return True


#: Lines every portal shares: share buttons, comment prompts, ad markers.
COMMON_BOILERPLATE = Boilerplate(
    exact=[
        "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "SCROLL TO RESUME CONTENT", "Iklan",
        "Advertisement", "Bagikan", "Share", "Tweet", "Komentar", "Close Ads", "Oke", "Halaman:",
        "Lihat Foto", "Baca di App", "Video rekomendasi", "Video lainnya", "Video Pilihan",
        "Copy link", "Salin link", "Link berhasil disalin", "Tutup", "Login", "Masuk", "Daftar",
    ],
    patterns=[
        r"^Bagikan(?: artikel ini)?(?: melalui| ke)?\b.{0,40}$",
        r"^Login untuk\b",
        r"^Tulis komentar",
        r"^Ikuti (?:kami|berita|whatsapp|channel)\b.{0,120}$",
        r"^Dapatkan (?:update|informasi)\b.{0,200}$",
        r"^Simak breaking news\b",
        r"^Gabung(?:kan)? (?:ke )?(?:channel|grup|saluran)\b",
        r"^(?:Share|Bagikan)\s*:?\s*(?:facebook|twitter|whatsapp|wa|line|telegram|link)",
    ],
)
