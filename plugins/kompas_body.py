"""The body of a Kompas text dump: paragraphs, sub-heads and list items, the dateline
taken off the lead, related links ("Baca juga", "... selengkapnya di sini"), captions, the
Cek Fakta verdict, and the "Terkini Lainnya" headlines that become ``more``."""

from __future__ import annotations

import re

from warta import Article, Block, Image, Link
from warta.textkit import has_blank_separators, numbered_heading, pull_inline_related, related_title

from warta.plugins import kompas_sites as other
from warta.plugins.kompas_captions import read_caption
from warta.plugins.kompas_header import BOILER, DATELINE, is_junk, read_verdict
from warta.textkit import lazy_compile

_FACT_HEADING = lazy_compile(r"^(?:Narasi yang beredar|Penelusuran Kompas\.com|Kesimpulan)\s*:?$", re.IGNORECASE)
# Lines from which on the page holds no more article text (§10 footers). "Terkini Lainnya"
# also starts the list of headlines that becomes ``more``.
_FOOTER = lazy_compile(
    r"^(?:Simak breaking news|Video rekomendasi|Video Pilihan|Video lainnya|Baca tentang$"
    r"|Rekomendasi untuk anda|Tulis komentar|Terkini Lainnya$|HOAKS ATAU FAKTA\?$|Halaman\s*:?$"
    r"|Syarat & Ketentuan|komentar di artikel lainnya|Close Ads$|Bagikan artikel ini"
    r"|Login untuk memaksimalkan|Laporkan Komentar|Berkomentarlah secara bijaksana"
    r"|Segera lengkapi data dirimu|Ada hadiah voucher|closeLaporkan Hoaks"
    r"|Jika Anda mengetahui ada berita viral)",
    re.IGNORECASE,
)
_TERKINI = lazy_compile(r"^Terkini Lainnya$", re.IGNORECASE)
# "Baca selengkapnya di sini.", "Pernyataan Hendra selengkapnya di sini.", and the same
# sentence at the end of a paragraph: a link whose title the dump does not print.
_HERE_TAIL = lazy_compile(r"(?:^|(?<=[.!?\"”])\s+)(?P<tail>[^.!?]{1,80}\bdi\s?sini[.!]?)$", re.IGNORECASE)
_HERE_WORD = lazy_compile(r"\b(?:selengkapnya|dibaca|baca)\b", re.IGNORECASE)
_SPACE_BEFORE_STOP = lazy_compile(r"\s+([.,;:!?])")  # left where "(baca: X)" was cut out
_NUMBER = lazy_compile(r"^(?P<n>\d{1,2})[.)]\s")
_QUOTES = str.maketrans("", "", "\"'“”‘’`")
_SENTENCE_END = (".", ",", ";", ":", "!", "?", '"', "”", "'", "’", ")", "…", "-")


def read_body(lines: list[str], start: int, article: Article, headed: bool) -> None:
    """Body blocks, related links, captions, verdict and the "Terkini Lainnya" headlines."""
    texts: list[str] = []
    alone: list[bool] = []  # the line stands between blank lines (a possible sub-head)
    heading: str | None = None
    blank_separated = has_blank_separators(lines)
    first = True
    i, n = start, len(lines)
    while i < n:
        line = lines[i]
        i += 1
        if not line:
            continue
        if first:
            first = False
            line = _read_dateline(line, article, headed)
            if line is None:
                continue
        if _FOOTER.match(line):
            article.more = _more_links(lines, _terkini_index(lines, i - 1))
            break
        taken, last = other.tail_credit(lines, i - 1, article)
        if last:
            break
        if taken:
            i += taken - 1
            continue
        if is_junk(line):
            continue
        title = related_title(line)
        if title:
            article.related.append(Link(title=title))
            continue
        if len(line) < 14 and read_verdict(line, article, _bang_follows(lines, i, line)):
            continue
        if read_caption(line, article):
            continue
        if i < n and len(line) >= 20 and lines[i].endswith(line) and 0 < len(lines[i]) - len(line) <= 60:
            article.images.append(Image(caption=line, credit=lines[i][: -len(line)].strip() or None))
            i += 1
            continue
        if "(" in line:
            line, links = pull_inline_related(line)
            if links:
                article.related.extend(links)
                line = _SPACE_BEFORE_STOP.sub(r"\1", line)
        line = _cut_here_link(line, heading, article)
        if not line:
            continue
        texts.append(line)
        alone.append(blank_separated and i >= 2 and not lines[i - 2] and (i >= n or not lines[i]))
        if _NUMBER.match(line) and numbered_heading(line):
            heading = _NUMBER.sub("", line, count=1)
    article.body = _blocks(texts, alone)


def _bang_follows(lines: list[str], i: int, word: str) -> bool:
    """A bare verdict word counts only when the label's "word!" line follows it."""
    nxt = next((line for line in lines[i:i + 3] if line), "")
    return nxt.lower() == word.lower() + "!"


def _read_dateline(line: str, article: Article, headed: bool) -> str | None:
    """Take "CITY, KOMPAS.com – " off the lead; return the lead (None when split over lines).

    A header followed by text that starts mid-article (lower case, a numbered item past the
    first, a "selengkapnya di sini" link) is a ``?page=N`` continuation.
    """
    m = DATELINE.match(line) or (other.bare_dateline(line) if article.site == "kompas.id" else None)
    if not m:
        number = _NUMBER.match(line)
        if headed and (line[0].islower() or (number and int(number["n"]) > 1) or _HERE_TAIL.match(line)):
            article.note("the text starts mid-article: a continuation page (?page=N) without its lead")
        else:
            article.note("no dateline: the body does not open with \"CITY, KOMPAS.com -\"")
        return line
    if m["city"]:
        article.dateline = m["city"].strip().upper()
    rest = m["rest"].strip()
    return rest or None


def _cut_here_link(line: str, heading: str | None, article: Article) -> str:
    """Drop "… selengkapnya di sini." (whole line or last sentence); it links the sub-head."""
    if "sini" not in line:
        return line
    m = _HERE_TAIL.search(line)
    if not m or not _HERE_WORD.search(m["tail"]):
        return line
    if heading:
        article.related.append(Link(title=heading))
    return line[: m.start()].rstrip()


def _terkini_index(lines: list[str], i: int) -> int | None:
    for j in range(i, len(lines)):
        if _TERKINI.match(lines[j]):
            return j + 1
    return None


def _more_links(lines: list[str], start: int | None) -> list[Link]:
    """"Terkini Lainnya": each headline printed twice, then its section; de-duplicated."""
    if start is None:
        return []
    items: list[str] = []
    for line in lines[start:]:
        if not line:
            continue
        if line == BOILER or _FOOTER.match(line) or is_junk(line):
            break
        items.append(line)
    links: dict[str, Link] = {}
    i = 0
    while i < len(items):
        title, j = items[i], i + 1
        twice = j < len(items) and _same(items[j], title)
        j += twice
        section = items[j] if j < len(items) and _is_section(items[j]) else None
        j += section is not None
        if twice or section:
            links.setdefault(_key(title), Link(title=title, section=section))
        i = j
    return list(links.values())


def _key(text: str) -> str:
    return text.translate(_QUOTES).casefold()


def _same(a: str, b: str) -> bool:
    return _key(a) == _key(b)


def _is_section(line: str) -> bool:
    return len(line) <= 30 and len(line.split()) <= 3 and not line.endswith(_SENTENCE_END)


def _blocks(texts: list[str], alone: list[bool]) -> list[Block]:
    """Numbered lines are sub-heads, or list items when they come in a run; short title-like
    lines in blank-separated dumps are sub-heads too (roundups, Cek Fakta)."""
    numbers = [_number(t) for t in texts]
    blocks: list[Block] = []
    for k, text in enumerate(texts):
        n = numbers[k]
        if n is not None:
            in_run = (k > 0 and numbers[k - 1] == n - 1) or (k + 1 < len(texts) and numbers[k + 1] == n + 1)
            if in_run:
                blocks.append(Block("list_item", text))
                continue
            if numbered_heading(text):
                blocks.append(Block("heading", text))
                continue
        if _FACT_HEADING.match(text) or (alone[k] and 0 < k < len(texts) - 1 and _subhead(text, blocks)):
            blocks.append(Block("heading", text))
        else:
            blocks.append(Block("paragraph", text))
    return blocks


def _number(text: str) -> int | None:
    m = _NUMBER.match(text)
    return int(m["n"]) if m else None


def _subhead(text: str, blocks: list[Block]) -> bool:
    """A short capitalised line that does not end like a sentence, after a paragraph."""
    words = len(text.split())
    return (
        3 <= words <= 12 and len(text) <= 90 and text[0].isupper()
        and not text.endswith(_SENTENCE_END) and not text.startswith("Berikut")
        and bool(blocks) and blocks[-1].kind == "paragraph"
    )
