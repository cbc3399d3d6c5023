"""Building blocks for parsers of plain-text dumps (a browser's "save as text", crawls).

Every portal's text parser needs the same few things: lines cleaned of invisible characters,
the crawl prefix `` date 2023-09-14 `` removed, "Baca juga" lines turned into related links,
boilerplate lines recognised, glued photo captions split off, credit lines read, date-only
lines found. They are reached here so each portal module only holds what is particular to
its portal (and :class:`warta.TextDumpParser` puts them together in the frame they share).

A portal's knowledge of its bodies (junk and footer lines, closing credits, its dateline) is
also a :class:`BodyRules` object, which :func:`portal_rules_hook` applies to the portal's
pages that a generic parser read (saved HTML of a portal without an HTML parser of its own).

This module is the kit's one import for plugin authors (``warta.textkit``, documented in
docs/plugins.md). It owns the body-paragraph helpers (glued captions, numbered sub-heads,
body blocks, "Baca juga"/boilerplate sorting of body lines, the language guess) and
re-exports the rest from the modules that own them: :mod:`warta.textlines` (lines, crawl
prefix, date lines), :mod:`warta.boilerplate`, :mod:`warta.relatedlinks`,
:mod:`warta.credits`, :mod:`warta.datelines`, :mod:`warta.bodyrules` and
:mod:`warta.parsing.patterns` (``lazy_compile``: a pattern compiled when first used).
"""

from __future__ import annotations

from collections.abc import Iterable

# The kit's names that live in their own modules, re-exported: plugins import them from here.
from .bodyrules import CLOSING_LINES, GENERIC_PARSERS, BodyRules, portal_rules_hook
from .boilerplate import COMMON_BOILERPLATE, Boilerplate
from .credits import CREDIT_ROLES, PERSON_NAME, credit_line, split_credits, split_initials
from .datelines import DOMAIN, cut_dateline, is_dateline, take_dateline
from .patterns import AnyPattern, lazy_compile
from ..model import Block, Link
from .relatedlinks import (
    INLINE_RELATED, RELATED_LINE, RELATED_TAIL_TITLES, drop_cut_tail, pull_inline_related, related_title,
)
from .textlines import (
    clean_lines, crawl_date, date_line, has_blank_separators, head_lines, sniff_lines, strip_crawl_prefix,
    url_page,
)
from ..reading.textnorm import squash

# "1. Pelaku ikut antre", "2) Harga", "Ketiga, ..." is not matched (prose).
NUMBERED_HEADING = lazy_compile(r"^\s*(?P<number>\d{1,2})[.)]\s+(?P<text>\S.{0,150})$")


def glued_caption(line: str, *, probe: int = 25) -> tuple[str, str | None] | None:
    """Split a photo caption that a text dump glued together, or return None.

    Saved pages often print a caption, its credit with no separator, then the caption again:
    ``"Ilustrasi minyak SHUTTERSTOCKIlustrasi minyak"``. When the line's first ``probe``
    characters (or the whole caption, if shorter) recur later in it, return
    ``(caption, credit)``.
    """
    text = line.strip()
    if len(text) < 12:
        return None
    size = min(probe, max(8, len(text) // 3))
    head = text[:size]
    again = text.find(head, size)
    if again < 0:
        return None
    first = text[:again]
    second = text[again:]
    caption = second if len(second) >= len(first) * 0.5 else first
    # The credit is what the first copy has beyond the caption's own words.
    shared = _common_prefix(first, second)
    credit = first[len(shared):].strip(" -|/") or None if len(shared) >= size else None
    return squash(caption), (squash(credit) if credit else None)


def _common_prefix(a: str, b: str) -> str:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return a[:n]


def numbered_heading(line: str) -> str | None:
    """The text of a numbered sub-head ("1. Duel maut di ...") when ``line`` is a short one."""
    m = NUMBERED_HEADING.match(line)
    if not m:
        return None
    text = m.group("text")
    # A sub-head is short and does not end like a sentence.
    if len(text) > 120 or text.rstrip().endswith((".", ",", ";")) and len(text) > 60:
        return None
    return line.strip()


def blocks_from(paragraph_texts: Iterable[str], *, headings: bool = True) -> list[Block]:
    """Body blocks from paragraph texts: numbered sub-heads become heading blocks."""
    blocks = []
    for text in paragraph_texts:
        if headings and numbered_heading(text):
            blocks.append(Block("heading", text))
        else:
            blocks.append(Block("paragraph", text))
    return blocks


_ENGLISH_WORDS = frozenset(
    "the and of to in is that for with on was as by at from it has have be are were this "
    "which said its their will not an would been".split()
)
_INDONESIAN_WORDS = frozenset(
    "yang dan di ke dari ini itu dengan untuk dalam pada tidak akan juga adalah sebagai oleh "
    "atau karena kata bahwa telah sudah ia mereka".split()
)
_WORD = lazy_compile(r"[A-Za-z]+")


def guess_language(texts: Iterable[str], *, limit: int = 400) -> str | None:
    """``"en"`` or ``"id"`` from function words in the first ``limit`` words, or None.

    A page is English only when English function words clearly outnumber Indonesian ones
    (at least five of them and twice as many); None when neither kind shows up enough.
    """
    english = indonesian = seen = 0
    for text in texts:
        for word in _WORD.findall(text):
            low = word.lower()
            english += low in _ENGLISH_WORDS
            indonesian += low in _INDONESIAN_WORDS
            seen += 1
            if seen >= limit:
                break
        if seen >= limit:
            break
    if english >= 5 and english > 2 * indonesian:
        return "en"
    if indonesian >= 3 and indonesian >= english:
        return "id"
    return None


def body_text(line: str, junk: Boilerplate, related: list[Link]) -> str | None:
    """The text a body line contributes, or None when it was a related link or boilerplate.

    A "Baca juga: X" line becomes a link, a line ``junk`` matches is dropped, and
    "(Baca juga: X)" inside the text is cut out of it; related links found are appended
    to ``related``. The text returned may be ``""`` when nothing else was left.
    """
    title = related_title(line)
    if title:
        related.append(Link(title=title))
        return None
    if junk.matches(line):
        return None
    text, inline = pull_inline_related(line)
    related.extend(inline)
    return text


def sort_body_lines(lines: Iterable[str], junk: Boilerplate) -> tuple[list[str], list[Link]]:
    """Body paragraphs and "Baca juga" links from body lines (see :func:`body_text`).

    Blank lines are dropped, and so is a text that is boilerplate once "(Baca juga: X)"
    is cut out of it.
    """
    texts: list[str] = []
    links: list[Link] = []
    for line in lines:
        text = body_text(line, junk, links) if line else None
        if text and not junk.matches(text):
            texts.append(text)
    return texts, links
