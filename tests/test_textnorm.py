"""Text normalisation: the quick paths give exactly what the plain rules give."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.textnorm import clean_field, squash, squash_lines, xml_safe

# The rules, written plainly: drop invisible characters, make every run of whitespace other
# than a newline one space, trim.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_RUN = re.compile("[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def plain(line: str) -> str:
    return _RUN.sub(" ", _INVISIBLE.sub("", line)).strip()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Presiden\u00a0 Joko\tWidodo  ", "Presiden Joko Widodo"),
        ("Kom\u200bpas\u00ad.com", "Kompas.com"),
        ("JAKARTA,\u2009KOMPAS.com –  Banjir", "JAKARTA, KOMPAS.com – Banjir"),
        ("ASCII only", "ASCII only"),
        ("", ""),
    ],
)
def test_squash(raw, expected):
    assert squash(raw) == expected


def test_squash_and_squash_lines_follow_the_plain_rules_on_random_text():
    alphabet = list("ab \t\n.-–é") + list("\u200b\u200c\u200d\u2060\ufeff\u00ad\u00a0\u2000\u2009\u200a\u202f\u205f\u3000")
    rng = random.Random(2026)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        line = text.replace("\n", "")
        assert squash(line) == plain(line), repr(line)
        assert squash_lines(text) == [plain(line) for line in text.split("\n")], repr(text)


def test_clean_field_removes_what_xml_forbids_and_squashes():
    assert clean_field("Judul\x00 berita\x1f\n kedua ") == "Judul berita kedua"
    assert clean_field("Sudah rapi") == "Sudah rapi"
    assert xml_safe("a\x0bb\ufffe") == "ab"


def test_boilerplate_tries_anchored_patterns_at_the_start_only_and_others_anywhere():
    from warta.textkit import Boilerplate

    junk = Boilerplate(exact=["Iklan"], patterns=[r"^Baca juga\b", r"^Simak|selengkapnya$", r"^[|]+$",
                                                  r"^(?:Tag|Topik)\s*:"])
    assert junk.matches("  iklan ")
    assert junk.matches("BACA JUGA: Banjir di Demak")
    assert not junk.matches("Warga berkata baca juga beritanya")
    # A top-level "|" lifts the anchor from its second half, as in a plain search.
    assert junk.matches("Simak videonya")
    assert junk.matches("Baca berita selengkapnya")
    assert junk.matches("|||")
    assert junk.matches("Topik: banjir")
    assert not junk.matches("Presiden berkata, Topik: ekonomi")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=()))
       | st.sampled_from(["plain", "caf\u00e9", "a\ud800b", "\x0bx", "\uffff"]))
def test_xml_safe_drops_exactly_what_xml_forbids(text):
    """The quick path (``in`` tests, an encoding) must give what the character class gives,
    lone surrogates included."""
    assert xml_safe(text) == re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]", "", text)
