"""Hardening of the input side (issue 9): paths, engine faults, decoding, size limits.

Every test here failed on the code before the fix it covers.
"""

from __future__ import annotations

import pytest

from warta import WartaError
from warta.errors import display_path


# -- display_path: a path is shown on exactly one line ---------------------------------


@pytest.mark.parametrize("path", ["page.txt", "folder/berita café.html", "C:\\pages\\a.html", "a b'c.txt"])
def test_display_path_leaves_printable_paths_alone(path):
    assert display_path(path) == path


@pytest.mark.parametrize("path, shown", [
    ("two\nlines.txt", "'two\\nlines.txt'"),
    ("cr\rforged.txt", "'cr\\rforged.txt'"),
    ("esc\x1b[2J.txt", "'esc\\x1b[2J.txt'"),
    ("bad\udcffname.txt", "'bad\\xffname.txt'"),       # os.fsdecode of b"bad\xffname.txt"
    ("lone\ud800.txt", "'lone\\ud800.txt'"),
    ("sep\u2028x", "'sep\\u2028x'"),
    ("q'uote\n\\", "'q\\'uote\\n\\\\'"),
])
def test_display_path_quotes_and_escapes_what_could_forge_a_line(path, shown):
    assert display_path(path) == shown
    assert shown.isprintable()


def test_error_with_a_hostile_path_and_message_is_one_line():
    error = WartaError("first line\nsecond: line\r\n  \x1b[31mred", path="evil\nwarta: ok.txt")
    text = str(error)
    assert text.isprintable()
    assert text.startswith("'evil\\nwarta: ok.txt': first line second: line")
    assert "\\x1b[31m" in text
