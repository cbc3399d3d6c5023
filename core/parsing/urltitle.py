"""A headline from a URL's slug, for a page that prints none.

Most portals put the headline's words in the article's URL
(``/berita-ekonomi-bisnis/d-3235045/jokowi-resmikan-jalan-tol-pejagan-brebes-timur``). When a
saved page starts mid-article, those words are a better title for a feed reader than the
body's opening words. The result is an inference: the record says so (``title_source:
"url"``), and the words are the slug's (no punctuation, acronyms in title case: "Kpk").

The rule reads URL layouts, not portals: the path segment with the most hyphen-joined words
(``.html`` and a leading or trailing numeric id dropped), its trailing id-like words dropped
(digits of an id or a Unix time, a random token such as ``gg3v5``, ``bhskpw`` or
``1uFxEocEaMe``), the words after a token of zeros dropped (IDN Times ends its slugs
``-00-<id>-<id>``), at least :data:`MIN_WORDS` words left.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit
from .patterns import lazy_compile

#: Fewer words than this is no headline ("video", "trensosial").
MIN_WORDS = 3
#: Indonesian (and English) short words a headline keeps in lower case, except first.
SMALL_WORDS = frozenset(
    "di ke dari dan yang untuk atau dengan pada dalam oleh agar bagi per"
    " of the and or to in on at for a an".split()
)
_VOWEL = lazy_compile(r"[aeiouAEIOU]")
_YEAR = lazy_compile(r"(?:19|20)\d\d")
_EXTENSION = lazy_compile(r"\.(?:s?html?|php|aspx?)$", re.IGNORECASE)
_SEPARATOR = lazy_compile(r"[-_+]+")


def _id_like(word: str) -> bool:
    """True for a slug word that is an id, not a headline word."""
    if word.isdigit():
        return len(word) >= 5 or set(word) == {"0"}
    if word.isalpha():
        # A random token: no vowel in 5+ letters ("bhskpw"), or case mixed inside a word.
        return (len(word) >= 5 and not _VOWEL.search(word)) or (
            word[1:] != word[1:].lower() and word[1:] != word[1:].upper())
    if word.isalnum():
        digits = sum(c.isdigit() for c in word)
        return not _VOWEL.search(word) or digits >= 2 or word != word.lower()
    return False


def _words(segment: str) -> list[str]:
    words = [w for w in _SEPARATOR.split(_EXTENSION.sub("", segment)) if w]
    zeros = [i for i, w in enumerate(words) if i and set(w) == {"0"}]
    if zeros:  # "...-252-kasus-00-gg3v5-bhskpw": the words end at the zeros (IDN Times)
        words = words[:zeros[-1]]
    while words and _id_like(words[-1]) and not _YEAR.fullmatch(words[-1]):
        words.pop()
    while words and words[0].isdigit() and len(words[0]) >= 4 and not _YEAR.fullmatch(words[0]):
        words.pop(0)  # "903526-ketegangan-politik-..." (VIVA), "713699-erajaya-..."
    if not all(w.isalnum() for w in words):
        return []
    return words


def title_from_url(url: str | None) -> str | None:
    """The headline the URL's slug spells, in title case; None when it spells none."""
    if not url:
        return None
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return None
    best: list[str] = []
    for segment in path.split("/"):
        words = _words(segment)
        if len(words) > len(best):
            best = words
    if len(best) < MIN_WORDS:
        return None
    shown = []
    for index, word in enumerate(best):
        lower = word.lower()
        if index and lower in SMALL_WORDS:
            shown.append(lower)
        else:
            shown.append(lower[:1].upper() + lower[1:])
    return " ".join(shown)
