"""Any plain-text news dump that no portal plugin claims.

The sniff score is :data:`warta.FALLBACK` for text that reads like prose (a few sentences of
words) and 0 for anything else (too short, no sentences, binary-looking, a list of numbers),
so that every portal plugin wins over it and the engine can say that no parser recognises a
non-article text. What it reads, always with a note saying that it guessed:

- the title: a short first line that does not end like a sentence and is followed by a date
  line or a blank line (otherwise none: a body sentence is never taken for a title);
- the date: the first line of the header region that is only a date (through warta.dates),
  the crawl prefix's day is when the page was crawled: the record's ``captured``, never ``published``;
- byline lines such as ``Penulis: Nama`` / ``Editor: Nama`` in the header or at the end;
- the dateline: ``JAKARTA -``, ``JAKARTA, (Brand) -`` or ``Jakarta, KOMPAS.com -`` openings;
- the body: paragraphs without the common boilerplate, "Baca juga" lines as related links;
- the language: English when clearly English, else Indonesian.
"""

from __future__ import annotations


from warta import FALLBACK, Article, Document, WartaError, hookimpl
from warta import textkit
from warta.textkit import lazy_compile

NAME = "generic-text"
JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    patterns=[
        r"^Baca berita (?:dengan sedikit|tanpa) iklan\b",
        r"^(?:Advertisement|Iklan)\s*[-–]",
        r"^loading\.*$",
    ],
) + textkit.CLOSING_LINES  # copyright and comment-disclaimer lines, as on every page

_SNIFF_CHARS = 2000
_WORD = lazy_compile(r"[A-Za-z\u00c0-\u024f]{2,}")
# A sentence end: a word, then . ! or ? (maybe a closing quote), then space or the end.
_SENTENCE_END = lazy_compile(r"[A-Za-z\u00c0-\u024f]{2}[.!?][\"'”’)]?(?=\s|$)")
_BINARY = lazy_compile("[\x00-\x08\x0e-\x1f\ufffd]")
_TITLE_END = (".", ",", ";", ":", "!", "?", '"', "”", "’")

# "Kompas.com - 29/12/2020, 19:16 WIB": a date line behind the site's name.
_BRAND_PREFIX = lazy_compile(rf"^{textkit.DOMAIN}\s*[-–—]\s*")
_HEADER_LINES = 8


class GenericTextParser:
    """A last-resort reader for plain-text article dumps of any site."""

    #: The most this parser ever scores: the engine skips it once a portal parser scored more.
    max_score = FALLBACK
    name = NAME
    sites: tuple[str, ...] = ()
    media_types = ("text/plain",)

    def sniff(self, doc: Document) -> float:
        """FALLBACK when the text reads like prose; 0 when it is not an article at all."""
        return FALLBACK if looks_like_prose(doc.text) else 0.0

    def parse(self, doc: Document) -> list[Article]:
        """One article, with notes on everything that was guessed."""
        text, hint = textkit.strip_crawl_prefix(doc.text)
        if not looks_like_prose(text):
            raise WartaError("the text does not read like an article (too short, or no sentences)")
        lines = textkit.clean_lines(text)
        article = Article(url=doc.url, site=doc.host.removeprefix("www.") or None)
        article.note("read by the generic text parser: no portal plugin recognised this page")
        start = _read_header(lines, article)
        _read_body(lines[start:], article)
        if article.published is None:
            article.note("no date found" + (
                f"; the crawl prefix says {hint} (when the page was crawled: kept as captured, "
                "not as published)" if hint else ""))
        language = textkit.guess_language(b.text for b in article.body)
        article.language = "en" if language == "en" else "id"
        article.note(f"language guessed: {article.language}")
        if not article.body:
            raise WartaError("no article text found in this page")
        return [article]


def looks_like_prose(text: str) -> bool:
    """True when ``text`` holds a few sentences of words (the start of it is enough)."""
    sample = text[:_SNIFF_CHARS]
    if not sample.strip():
        return False
    counted = _ascii_counts(sample) if sample.isascii() else _counts(sample)
    if counted is None:
        return False
    words, letters, visible = counted
    if words < 25:
        return False
    if visible == 0 or letters / visible < 0.6:
        return False
    ends = _SENTENCE_END.finditer(sample)
    return next(ends, None) is not None and next(ends, None) is not None


# For ASCII samples: letters marked "a", everything else " "; binary bytes; str.split's spaces.
_LETTER_MARKS = bytes(0x61 if chr(i).isascii() and chr(i).isalpha() else 0x20 for i in range(256))
_BINARY_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])
_ASCII_SPACES = b" \t\n\r\x0b\x0c"


def _counts(sample: str) -> tuple[int, int, int] | None:
    """Words (runs of 2+ letters), letters in them, non-space characters; None for binary."""
    if _BINARY.search(sample):
        return None
    words = _WORD.findall(sample)
    return len(words), sum(map(len, words)), sum(map(len, sample.split()))


def _ascii_counts(sample: str) -> tuple[int, int, int] | None:
    """:func:`_counts` for an ASCII sample, with byte counts instead of a regex (sniff is hot)."""
    data = sample.encode("ascii")
    if len(data.translate(None, _BINARY_BYTES)) != len(data):
        return None
    marked = b" " + data.translate(_LETTER_MARKS) + b" "
    words = marked.count(b" aa")
    letters = marked.count(b"a") - (marked.count(b" a") - words)
    return words, letters, len(data.translate(None, _ASCII_SPACES))


def _read_header(lines: list[str], article: Article) -> int:
    """Title, date line and byline lines at the top; return where the body starts."""
    first = next((i for i, line in enumerate(lines) if line and not JUNK.matches(line)), len(lines))
    if first >= len(lines):
        return first
    body_start = first
    title_at = _title_at(lines, first)
    if title_at is not None:
        article.title = lines[title_at]
        article.note("title guessed: the short first line")
        if title_at != first:
            article.note(f"a short line above it taken for a kicker: {lines[first]!r}")
        body_start = title_at + 1
    else:
        article.note("no title: the first line reads like body text")
    # The header region: a few lines after the title, only dates, credits and blanks.
    seen = 0
    i = body_start
    while i < len(lines) and seen < _HEADER_LINES:
        line = lines[i]
        if not line or JUNK.matches(line):
            i += 1
            continue
        seen += 1
        when = textkit.date_line(_BRAND_PREFIX.sub("", line))
        if when is not None:
            if article.published is None:
                article.published = when
                article.note("date read from the first date line of the header")
            i += 1
            body_start = i
            continue
        author = textkit.credit_line(line)
        if author:
            article.authors.append(author)
            i += 1
            body_start = i
            continue
        break
    return body_start


def _title_at(lines: list[str], first: int) -> int | None:
    """Index of the title line: the first line, or the next one when the first is a kicker."""
    candidates = []
    i = first
    while i < len(lines) and len(candidates) < 2:
        if not lines[i] or JUNK.matches(lines[i]):
            i += 1
            continue
        following = lines[i + 1] if i + 1 < len(lines) else None
        if not (_is_title(lines[i]) and (following == "" or (following and textkit.date_line(following)))):
            break
        candidates.append(i)
        i += 1
    if not candidates:
        return None
    if len(candidates) == 2:
        kicker, title = (len(lines[c].split()) for c in candidates)
        # "Piala AFF U-16" above the headline is a kicker; a longer first line is the headline.
        if kicker <= 4 < title and lines[candidates[1]][:1].isupper():
            return candidates[1]
    return candidates[0]


def _is_title(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= 25
        and len(line) <= 160
        and not line.endswith(_TITLE_END)
        and not line.isupper()
        and not textkit.is_dateline(line)
        and textkit.date_line(line) is None
        and textkit.credit_line(line) is None
        and textkit.related_title(line) is None
    )


def _read_body(lines: list[str], article: Article) -> None:
    """Paragraphs, the dateline of the first one, trailing credits and related links."""
    body: list[str] = []
    for line in lines:
        author = textkit.credit_line(line) if line else None
        if author:
            article.authors.append(author)
        else:
            body.append(line)
    texts, related = textkit.sort_body_lines(body, JUNK)
    if article.title:  # pages often print the headline again above the photo
        texts = [t for t in texts if t != article.title]
    if texts:
        texts[0] = textkit.take_dateline(texts[0], article)
    article.body = textkit.blocks_from(texts)
    article.related = related
    if related:
        article.note("'Baca juga' lines kept as related links")
    if article.authors:
        article.note("authors read from labelled credit lines")


@hookimpl
def register_parsers(register):
    register(GenericTextParser())
