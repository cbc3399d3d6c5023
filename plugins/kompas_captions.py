"""Photo captions glued into a Kompas text dump: the dump prints a caption twice in one
line ("caption CREDITcaption"); :func:`read_caption` finds the second copy (in linear time
for any line) and turns the line into an Image with its credit."""

from __future__ import annotations

from array import array

from warta import Article, Image
from warta.textkit import glued_caption


#: Lines up to this long are checked for an echo by trying each place the start recurs
#: (fast in C for real captions); longer ones with a border table, which stays linear even
#: for a line of one repeated word, where the tries would cost the square of its length.
_ECHO_TRY_LIMIT = 1024


def _echo_start(line: str) -> int | None:
    """Where a glued caption's second copy starts: the line ends with a copy of its start.

    The copy starts at index 8 or later and is at least 12 characters long; the earliest
    such start (the longest copy) is returned.
    """
    n = len(line)
    if n < 24:
        return None
    if n > _ECHO_TRY_LIMIT:
        return _echo_by_borders(line)
    head = line[:8]
    k = line.find(head, 8)
    while k > 0:
        tail = line[k:]
        if len(tail) >= 12 and line.startswith(tail):
            return k
        k = line.find(head, k + 1)
    return None


def _echo_by_borders(line: str) -> int | None:
    """:func:`_echo_start` in linear time: the longest border (a start that the line also
    ends with) no longer than ``len(line) - 8``, from the Knuth–Morris–Pratt prefix table."""
    n = len(line)
    table = array("l", bytes(8 * n))  # table[i]: the longest border of line[:i + 1]
    b = 0
    for i in range(1, n):
        c = line[i]
        while b and line[b] != c:
            b = table[b - 1]
        if line[b] == c:
            b += 1
        table[i] = b
    b = table[n - 1]
    while b > n - 8:
        b = table[b - 1]
    return n - b if b >= 12 else None


def read_caption(line: str, article: Article) -> bool:
    """A photo caption glued into the text ("caption CREDITcaption") becomes an Image."""
    k = _echo_start(line)
    if k is None:
        return False
    found = glued_caption(line)
    if k - (len(line) - k) > 60:  # the second copy is cut short: the credit cannot be told apart
        caption, credit = line[:k], None
    elif found:
        caption, credit = found
    else:  # too short for glued_caption's probe: "Ilustrasi KPK.Tribun Jabar/X Ilustrasi KPK."
        caption = line[k:]
        credit = line[len(caption):k].strip(" -|/") or None
    article.images.append(Image(caption=caption, credit=credit))
    return True
