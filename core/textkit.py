"""Building blocks for parsers of plain-text dumps (a browser's "save as text", crawls).

Every portal's text parser needs the same few things: lines cleaned of invisible characters,
the crawl prefix `` date 2023-09-14 `` removed, "Baca juga" lines turned into related links,
boilerplate lines recognised, glued photo captions split off, credit lines read, date-only
lines found. They live here so each portal module only holds what is particular to its
portal (and :class:`warta.TextDumpParser` puts them together in the frame they share).

A portal's knowledge of its bodies (junk and footer lines, closing credits, its dateline) is
also a :class:`BodyRules` object, which :func:`portal_rules_hook` applies to the portal's
pages that a generic parser read (saved HTML of a portal without an HTML parser of its own).
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime

from .dates import WIB, plausible, search_date
from .model import Article, Author, Block, Link
from .textnorm import squash, squash_lines

_CRAWL_PREFIX = re.compile(r"^\s*date (\d{4}-\d{2}(?:-\d{2})?) ")

# "Baca juga: X", "Baca Juga : X", "Baca: X", "Baca berita selengkapnya: X",
# "Selengkapnya baca juga: X", "Baca review selengkapnya: X", "Simak juga: X" ...
RELATED_LINE = re.compile(
    r"^\s*(?:\(\s*)?(?:"
    r"baca(?:\s+(?:juga|pula|berita|artikel|review|selengkapnya))*"
    r"|selengkapnya\s+baca(?:\s+juga)?"
    r"|simak(?:\s+juga)?|lihat\s+juga|artikel\s+terkait|berita\s+terkait"
    r")\s*:\s*(?P<title>.+?)\s*\)?\s*$",
    re.IGNORECASE,
)
# "(Baca juga: X)" / "(baca: X)" inside a paragraph.
INLINE_RELATED = re.compile(
    r"\s*\(\s*(?:baca(?:\s+juga)?|simak(?:\s+juga)?|lihat\s+juga)\s*:\s*(?P<title>[^()]+?)\s*\)\s*",
    re.IGNORECASE,
)
# "1. Pelaku ikut antre", "2) Harga", "Ketiga, ..." is not matched (prose).
NUMBERED_HEADING = re.compile(r"^\s*(?P<number>\d{1,2})[.)]\s+(?P<text>\S.{0,150})$")


def strip_crawl_prefix(text: str) -> tuple[str, str | None]:
    """Remove the crawl artefact `` date YYYY-MM[-DD] `` at the start; return it as a hint."""
    m = _CRAWL_PREFIX.match(text)
    if not m:
        return text, None
    return text[m.end():], m.group(1)


def clean_lines(text: str) -> list[str]:
    """The text's lines, each squashed (no invisible characters, single spaces, trimmed).

    Blank and space-only lines become ``""`` and are kept: they separate paragraphs.
    Every parser's ``sniff`` looks at the same document, so the split is cached: the
    second and later calls for one text cost a list copy.
    """
    return list(_cached_lines(text))


@lru_cache(maxsize=8)
def _cached_lines(text: str) -> tuple[str, ...]:
    return tuple(squash_lines(text))


def has_blank_separators(lines: Sequence[str]) -> bool:
    """True when the dump separates paragraphs with blank lines (most headed dumps do)."""
    return any(not line for line in lines[1:-1])


def related_title(line: str) -> str | None:
    """The linked title of a "Baca juga: X"-style line, or None when it is not one."""
    m = RELATED_LINE.match(line)
    if not m:
        return None
    title = m.group("title").strip()
    return title or None


def pull_inline_related(text: str) -> tuple[str, list[Link]]:
    """Remove "(Baca juga: X)" from inside ``text``; return the text and the links."""
    links: list[Link] = []

    def take(m: re.Match[str]) -> str:
        links.append(Link(title=m.group("title").strip()))
        return " "

    cleaned = INLINE_RELATED.sub(take, text)
    return (squash(cleaned) if links else text), links


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


def _joined(patterns: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


def _anchored(pattern: str) -> bool:
    """True when ``pattern`` can only match at the start: it opens with ``^`` and has no
    ``|`` outside parentheses and character classes (which could lift the anchor)."""
    if not pattern.startswith("^"):
        return False
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
_WORD = re.compile(r"[A-Za-z]+")


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


#: Byline labels as pages print them, and the role each gives.
CREDIT_ROLES = {
    "penulis": "writer", "reporter": "reporter", "editor": "editor", "redaktur": "editor",
    "pewarta": "reporter", "jurnalis": "reporter", "kontributor": "contributor",
    "fotografer": "photographer", "foto": "photographer", "penerjemah": "translator",
    "writer": "writer", "author": "writer", "translator": "translator",
}
_CREDIT_LINE = re.compile(
    r"^(?P<label>" + "|".join(sorted(CREDIT_ROLES, key=len, reverse=True)) + r")\s*:\s*"
    r"(?P<name>[^:]{2,80}?)\s*$",
    re.IGNORECASE,
)

#: A person's name printed alone on a line: one to six capitalised words ("Sekar Ayu Lestari").
PERSON_NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,5}$")
_NOT_A_NAME = re.compile(r"[()/\d]|https?:|www\.", re.IGNORECASE)


def credit_line(line: str) -> Author | None:
    """An author from a whole line such as ``"Editor: Nama Orang"``, or None.

    The label keeps the page's word (capitalised as printed); the name must look like a name
    (no sentence punctuation, at most eight words).
    """
    m = _CREDIT_LINE.match(line.strip())
    if not m:
        return None
    name = m["name"].strip()
    if len(name.split()) > 8 or name.endswith((".", "!", "?")) or not name[:1].isalpha():
        return None
    if _NOT_A_NAME.search(name):  # "Foto: Kepala BMKG (Rengga/detik.com)" is a caption
        return None
    return Author(name=name, role=CREDIT_ROLES[m["label"].lower()], label=m["label"])


def split_credits(lines: Iterable[str]) -> tuple[list[str], list[Author]]:
    """Body lines apart from whole credit lines (``"Editor: Nama"``, see :func:`credit_line`).

    Returns the other lines, in order, and the authors the credit lines give.
    """
    rest: list[str] = []
    authors: list[Author] = []
    for line in lines:
        author = credit_line(line)
        if author:
            authors.append(author)
        else:
            rest.append(line)
    return rest, authors


# Editor initials that close an article: "(alg/sip)", "(hns/hns)", "(arh/" (cut), "(gil)",
# "(Adi/Yus)", "(Rmn/". Lower-case or capitalised parts only: "(26/7/2019)" and "(KPK/ICW)"
# are not initials.
_INITIALS_PART = r"(?:[a-z]{2,5}|[A-Z][a-z]{1,4})"
_INITIALS = re.compile(
    rf"(?:^|\s)\((?P<initials>{_INITIALS_PART}(?:/{_INITIALS_PART})*(?:/|/?\)))\s*$"
)


def split_initials(text: str) -> tuple[str, str | None]:
    """Cut editor initials such as ``(alg/sip)`` off the end of ``text``.

    Returns the text before them (may be ``""`` when the line held only the initials) and
    the initials (``"alg/sip"``), or ``(text, None)``. A single word in parentheses counts
    only when it is lower case (``"(gil)"``), so ``"(Persero)"`` is left alone.
    """
    m = _INITIALS.search(text)
    if not m:
        return text, None
    initials = m["initials"].rstrip(")")
    if "/" not in initials and not initials.islower():
        return text, None
    return text[: m.start()].rstrip(), initials.rstrip("/")


_PAGE_QUERY = re.compile(r"[?&]page=(?P<n>\d{1,3})(?:&|#|$)")


def url_page(url: str | None) -> int | None:
    """The page number of a ``?page=N`` continuation URL (None for page 1 or no URL)."""
    if not url:
        return None
    m = _PAGE_QUERY.search(url)
    n = int(m["n"]) if m else None
    return n if n and n > 1 else None


def crawl_date(hint: str | None) -> datetime | None:
    """The crawl prefix's day (``"2023-09-14"``) as midnight WIB; None for a month or nothing.

    A weak hint (it is when the page was crawled, matching the URL date where checked): a
    parser uses it only when the page prints no date, and says so in a note.
    """
    if not hint or len(hint) != 10:
        return None
    try:
        day = date.fromisoformat(hint)
    except ValueError:
        return None
    return plausible(datetime(day.year, day.month, day.day, tzinfo=WIB))


_DATE_LINE_REST = re.compile(r"^(?:WIB|WITA|WIT|Diperbarui|Dipublikasikan|Diterbitkan|Published)?$", re.IGNORECASE)


def date_line(line: str) -> datetime | None:
    """The date when ``line`` is a date line and nothing else, or None.

    ``"21 November 2022 14:32"``, ``"Senin, 10 Oktober 2022 | 00:10 WIB"``,
    ``"Jum'at, 10 Juli 2020 - 18:19 WIB"`` are date lines; a sentence that mentions a date is
    not (what is left beside the date may only be separators, a zone or a publish label).
    """
    text = line.strip()
    if not text or len(text) > 80:
        return None
    found = search_date(text)
    if not found:
        return None
    value, (start, end) = found
    rest = (text[:start] + " " + text[end:]).strip(" \t|,:;-–—·•")
    return value if _DATE_LINE_REST.match(rest) else None


_SNIFF_TRIM = " \t\r\f\v\u00a0\u200b\u200c\u200d\u2060\ufeff"


def sniff_lines(text: str, *, limit: int = 8000) -> list[str]:
    """The non-empty lines of ``text[:limit]``, trimmed cheaply, crawl prefix removed.

    For ``sniff``: much cheaper than :func:`clean_lines` (no regex per line), which matters
    because every parser sniffs every document.
    """
    return list(_cached_sniff_lines(text, limit))


@lru_cache(maxsize=16)
def _cached_sniff_lines(text: str, limit: int) -> tuple[str, ...]:
    head, _ = strip_crawl_prefix(text[:limit])
    return tuple(s for s in (line.strip(_SNIFF_TRIM) for line in head.split("\n")) if s)


def head_lines(text: str, count: int) -> list[str]:
    """The first ``count`` non-empty lines of ``text``, squashed like :func:`clean_lines`.

    ``head_lines(t, n) == [l for l in clean_lines(t) if l][:n]``, but only the lines looked
    at are squashed: a cheap header view for ``sniff``.
    """
    out: list[str] = []
    start, size = 0, len(text)
    while len(out) < count and start <= size:
        end = text.find("\n", start)
        if end < 0:
            end = size
        line = squash(text[start:end])
        if line:
            out.append(line)
        start = end + 1
    return out


# -- datelines ---------------------------------------------------------------------------

_CITY_CAPS = r"[A-Z][A-Z'’]+(?:[ /-][A-Z][A-Z'’]+){0,3}"
_CITY_TITLE = r"[A-Z][a-z]+(?:[ /][A-Z][a-z]+){0,2}"
#: A site's name as printed in bodies: "Liputan6.com", "REPUBLIKA.CO.ID", "TEMPO.CO".
DOMAIN = r"[A-Za-z][\w.]{0,25}\.(?i:com|co\.id|co|id|net)"
_DASH = r"\s*[-–—]{1,2}\s+(?=\S)"
#: Openings of a first paragraph, tried in order; each names a city and/or a brand.
_DATELINES = tuple(
    re.compile(pattern)
    for pattern in (
        # "JAKARTA, (ANTARA) - ", "Jakarta (ANTARA News) - ", "Mataram, NTB (ANTARA News) - "
        rf"^(?P<city>{_CITY_CAPS}|{_CITY_TITLE})(?:\s*,\s*[A-Z]{{2,6}})?\s*,?\s*(?P<agency>\([^()]{{2,30}}\)){_DASH}",
        # "Liputan6.com, Jakarta - ", "REPUBLIKA.CO.ID, JAKARTA -- ", "TEMPO.CO, Jakarta - "
        rf"^(?P<brand>{DOMAIN})\s*,\s*(?P<city>{_CITY_CAPS}|{_CITY_TITLE}){_DASH}",
        # "jpnn.com - SIDOARJO - "
        rf"^(?P<brand>{DOMAIN}){_DASH}(?P<city>{_CITY_CAPS}){_DASH}",
        # "Jakarta, KOMPAS.com - ", "Jakarta, CNN Indonesia -- ", "Mataram, IDN Times - "
        rf"^(?P<city>{_CITY_CAPS}|{_CITY_TITLE})\s*,\s*(?P<brand>{DOMAIN}|[A-Z][\w.]+(?: [A-Z][\w.]+)?){_DASH}",
        # "JAKARTA - "
        rf"^(?P<city>{_CITY_CAPS}){_DASH}",
        # "Suara.com - " (a brand, no city)
        rf"^(?P<brand>{DOMAIN}){_DASH}",
    )
)


def is_dateline(text: str) -> bool:
    """Whether ``text`` opens with a dateline of one of the forms :func:`take_dateline` reads."""
    return any(p.match(text) for p in _DATELINES)


def take_dateline(text: str, article: Article) -> str:
    """Strip a dateline/brand opening off a first paragraph into the article's fields.

    "Liputan6.com, Jakarta - ", "JAKARTA - ", "Mataram (ANTARA) - ", "Jakarta, CNN Indonesia
    -- ": the city becomes ``dateline`` (upper case), an agency in parentheses ``source``, a
    brand that looks like a domain the ``site`` when none is known; each is noted. Returns the
    paragraph without the opening (unchanged when there is none).
    """
    for pattern in _DATELINES:
        m = pattern.match(text)
        if not m:
            continue
        found = m.groupdict()
        if found.get("city"):
            article.dateline = found["city"].upper()
            article.note(f"dateline guessed from the opening words: {article.dateline}")
        if found.get("agency"):
            article.source = found["agency"].strip("()")
        brand = found.get("brand")
        if brand and "." in brand and not article.site:
            article.site = brand.lower().removeprefix("www.")
            article.note(f"site guessed from the brand that opens the body: {article.site}")
        return text[m.end():]
    return text


def cut_dateline(article: Article, pattern: re.Pattern[str]) -> None:
    """Cut the portal's dateline (``pattern``: "jpnn.com - SIDOARJO - ", "Jakarta, IDN Times - ",
    "Suara.com - ") off the start of the first body paragraph, where a text parser read the
    city from it. The city (a ``city`` group) becomes the dateline when none is set yet; a
    brand alone is just cut. A paragraph left empty goes."""
    if not article.body or article.body[0].kind != "paragraph":
        return
    first = article.body[0]
    m = pattern.match(first.text)
    if not m or not m.end():
        return
    city = m.groupdict().get("city")
    if city and not article.dateline:
        article.dateline = city.strip(" .,").upper()
    first.text = first.text[m.end():].strip()
    if not first.text:
        del article.body[0]


# -- body rules: one portal's knowledge applied to its pages in any format -------------------

#: Lines that close a page on every portal and are never article text: a copyright line
#: ("Copyright @ 2026 Media Group ...", "© 2007 - 2015 okezone.com, All Rights Reserved",
#: "COPYRIGHT © ANTARA 2015", "2024 © PT ..."), "All Rights Reserved", and the comment-box
#: disclaimer ("Disclaimer : Komentar adalah tanggapan pribadi ..."). Each is dropped as a
#: line (a photo credit "© Reuters" in mid-body goes too, but nothing around it).
CLOSING_LINES = Boilerplate(
    patterns=[
        r"^(?:copyright\b|Â?©|\(c\)\s*\d{4}).{0,160}$",
        r"^\d{4}(?:\s*-\s*\d{4})?\s*Â?©.{0,100}$",
        r"^.{0,100}\ball rights reserved\b\.?$",
        r"^Disclaimer\s*:\s*Komentar\b",
    ],
)

#: What is left of a "Baca juga" line cut off at the end of a saved page: "Baca j", "Baca",
#: "Baca juga", "Baca juga:" (a "Baca juga: Judul yang ter" tail is cut too: its title is
#: a fragment, see :func:`drop_cut_tail`).
_CUT_RELATED = re.compile(r"^\(?\s*baca(?:\s+j(?:u(?:g(?:a)?)?)?)?\s*:?\s*\)?$", re.IGNORECASE)


class BodyRules:
    """What a portal knows about the text of its article pages, whatever the format.

    ``junk``: lines that are never article text (dropped wherever they stand); ``footer``:
    lines where the article has ended (the line and everything below it dropped, once some
    article text came first); ``closing_credits``: the portal's own way of crediting people in
    the lines that close an article (Tempo's reporter in capitals, JPNN's "Redaktur & Reporter :
    Nama"), a function from a line to the authors it names (empty when it names none);
    ``opening``: the portal's dateline at the start of the first paragraph (a ``city`` group
    when it names one, see :func:`cut_dateline`), cut when no dateline was read yet or the one
    read is the portal's ``brand`` ("VIVA – " is no city). A
    portal's text parser reads its dumps with the same knowledge; for its pages read by a
    generic parser (saved HTML of a portal with no HTML parser of its own), the portal plugin
    applies these rules through :func:`portal_rules_hook`. :meth:`apply` also drops
    :data:`CLOSING_LINES`, takes whole credit lines (``"Editor: Nama"``) into the authors,
    and drops a cut "Baca j" tail (:func:`drop_cut_tail`).
    """

    __slots__ = ("junk", "footer", "closing_credits", "opening", "brand")

    def __init__(self, junk: Boilerplate = COMMON_BOILERPLATE, footer: Boilerplate | None = None,
                 closing_credits: Callable[[str], list[Author]] | None = None,
                 opening: re.Pattern[str] | None = None, brand: str | None = None) -> None:
        self.junk = junk + CLOSING_LINES
        self.footer = footer
        self.closing_credits = closing_credits
        self.opening = opening
        self.brand = brand.upper() if brand else None

    def apply(self, article: Article) -> None:
        """Clean ``article``'s body in place (idempotent), with a note for each kind of cut."""
        body = article.body
        end = next((i for i, block in enumerate(body)
                    if i and self.footer.matches(block.text)), None) if self.footer else None
        if end is not None:
            article.note(f"{len(body) - end} block(s) from the footer line {body[end].text[:60]!r} "
                         "on are not article text")
            body = body[:end]
        kept = []
        for block in body:
            if self.junk.matches(block.text):
                article.note(f"boilerplate line left out of the body: {block.text[:60]!r}")
                continue
            author = credit_line(block.text) if block.kind == "paragraph" else None
            if author:
                _credit(article, [author], block.text)
                continue
            kept.append(block)
        while self.closing_credits and len(kept) > 1 and kept[-1].kind == "paragraph":
            authors = self.closing_credits(kept[-1].text)
            if not authors:
                break
            _credit(article, authors, kept.pop().text)
        if self.brand and article.dateline and article.dateline.upper() == self.brand:
            article.note(f"{article.dateline!r} opening the body is the portal's name, not a dateline")
            article.dateline = None
        article.body = kept
        if self.opening and article.dateline is None:
            cut_dateline(article, self.opening)
        drop_cut_tail(article)


def _credit(article: Article, authors: list[Author], line: str) -> None:
    """Add ``authors`` a credit ``line`` names (each name and role once), with a note."""
    for author in authors:
        if all(a.name.casefold() != author.name.casefold() or a.role != author.role for a in article.authors):
            article.authors.append(author)
    article.note(f"the credit line {line!r} read as an author, not body text")


#: A "Baca juga" heading over a list of titles: "Baca juga:", "BACA JUGA", "Simak juga:",
#: "Baca berita lainnya:", "(Baca juga)".
_RELATED_HEADING = re.compile(
    r"^\(?\s*(?:baca|simak|lihat)(?:\s+(?:juga|pula|berita|artikel))*(?:\s+(?:lainnya|terkait))?\s*:?\s*\)?$",
    re.IGNORECASE,
)
#: The most titles a trailing "Baca juga" list holds, and the longest title in it.
RELATED_TAIL_TITLES = 12
_TITLE_LENGTH = 160


def drop_cut_tail(article: Article) -> None:
    """Drop what the end of a saved page leaves of its "Baca juga" links, with a note.

    A "Baca juga" line cut off at the end ("Baca j", "Baca juga:", "Baca juga: Judul yang
    ter") is neither text nor a usable link: it goes. A trailing run of a "Baca juga" heading
    and the headlines under it (at most :data:`RELATED_TAIL_TITLES` short lines, none holding
    a sentence break) is the page's related-links box printed without its links: the
    headlines become related links (no URL) and leave the body.
    """
    body = article.body
    while body and (_CUT_RELATED.match(body[-1].text)
                    or (len(body) > 1 and related_title(body[-1].text))):
        article.note(f"the cut related-link line {body[-1].text[:60]!r} at the end of the body left out")
        body.pop()
    start = max(1, len(body) - RELATED_TAIL_TITLES - 1)
    heading = next((i for i in range(len(body) - 2, start - 1, -1)
                    if _RELATED_HEADING.match(body[i].text)), None)
    if heading is None:
        return
    titles = [block.text for block in body[heading + 1:]]
    if not all(len(t) <= _TITLE_LENGTH and not _SENTENCE_BREAK.search(t) for t in titles):
        return
    known = {link.title for link in article.related}
    article.related.extend(Link(title=t) for t in titles if t not in known)
    article.note(f"the {len(titles)} headline(s) under {body[heading].text!r} at the end of the body "
                 "read as related links")
    del body[heading:]


_SENTENCE_BREAK = re.compile(r"[.!?][\"”’']?\s+[A-Z\"“]")


#: The parsers that read pages of any portal; a portal's :class:`BodyRules` apply to their
#: articles whose URL is on one of the portal's hosts.
GENERIC_PARSERS = frozenset({"generic-html", "generic-text"})


def portal_rules_hook(hosts: Sequence[str], rules: BodyRules):  # noqa: ANN201 - a hook implementation
    """A ``clean_article`` hook implementation applying a portal's ``rules`` to the pages of
    its ``hosts`` (subdomains included) that a generic parser read. In a portal module::

        clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)
    """
    from .hookspecs import hookimpl

    hosts = tuple(hosts)

    @hookimpl
    def clean_article(article: Article) -> None:
        if article.parser in GENERIC_PARSERS and _on_hosts(article.url, hosts):
            rules.apply(article)

    clean_article.__doc__ = f"Body rules of {', '.join(hosts)} applied to its pages read by a generic parser."
    return clean_article


def _on_hosts(url: str | None, hosts: tuple[str, ...]) -> bool:
    if not url:
        return False
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return False
    return bool(host) and any(host == h or host.endswith("." + h) for h in hosts)
