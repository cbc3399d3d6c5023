"""Suara.com and its regional sites (bali.suara.com, batam.suara.com, … / SuaraBali.id): text dumps.

Layout (see ../shared/docs/portal-layouts.md): when the header is in the dump it is the title,
a summary, the author's name and ``Senin, 10 Oktober 2022 | 00:10 WIB``; new pages put a
key-points list (``-`` lines) above the body. The body opens ``Suara.com -`` or
``SuaraBali.id -``. ``Baca Juga:<title>`` lines (no space on regional sites) are related
links; ``Kontributor : Name`` closes regional articles. Most excerpts (AMP, main site,
``?page=N``) start at the dateline or mid-article, with no header.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from warta import LIKELY, POSSIBLE, Article, Author, Block, Document, TextDumpParser, hookimpl, textkit
from warta.textkit import lazy_compile

SITE = "suara.com"
HOSTS = ("suara.com",)
# The regional sites also live under their own names: suarabali.id, suarajogja.id, ...
_REGIONAL_HOST = lazy_compile(r"^(?:[a-z0-9-]+\.)*suara[a-z]+\.id$")

_DATELINE = lazy_compile(
    r"^(?:(?P<city>[A-Z][A-Za-z.'’ -]{1,30}),\s*)?"
    r"(?P<outlet>Suara\.com|Suara[A-Z][A-Za-z]+\.id)\s*[-–—]+\s+"
)
# What _DATELINE needs, searchable (it starts with a literal, which the regex engine finds fast).
_BRAND = lazy_compile(r"Suara(?:\.com|[A-Z][A-Za-z]+\.id)")
_REGIONAL_RELATED = lazy_compile(r"^Baca Juga:\S")
_KEY_POINT = frozenset(("-", "–", "•"))
_STOP = frozenset(s.casefold() for s in (
    "Berita Terkait", "Terpopuler", "Berita Terkini", "Terkini", "Tag", "Tags", "Komentar",
    "Video Terkait", "Rekomendasi",
))
_HEADING_END = (".", "!", "?", ",", ";", ":", '"', "”", ")", "…", "'")
# https://bali.suara.com/read/2021/03/05/181015/slug  https://www.suara.com/news/2025/10/07/191053/slug
_URL = lazy_compile(
    r"^https?://(?P<host>[^/]+)/(?:amp/)?(?P<section>[a-z0-9-]+)/"
    r"(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})(?:/(?P<slug>[^/?#]+))?",
    re.IGNORECASE,
)

JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=["Baca Juga", "Baca Juga:", "Lihat Semua", "Suara.com", "Selanjutnya", "Sebelumnya"],
    patterns=[r"^Halaman\s*:?\s*(?:\d+\s*)+$", r"^\d+$", r"^Simak video\b.{0,200}$",
              r"^Ikuti saluran\b.{0,200}$"],
)

#: Leading non-empty lines searched for the header's date line.
HEADER_SPAN = 12


class SuaraParser(TextDumpParser):
    """Text dumps of suara.com pages and of its regional sites."""

    name = "suara"
    site = SITE
    sites = HOSTS
    sniff_markers = ("suara", "baca juga:")  # text_score's gate
    label = "Suara"
    url_date_pattern = _URL
    url_time_is_draft = True

    def owns(self, doc: Document) -> bool:
        """suara.com and its subdomains, and the regional sites under their own names (suara*.id)."""
        return doc.host_is(*HOSTS) or bool(_REGIONAL_HOST.match(doc.host))

    def text_score(self, text: str) -> float:
        """LIKELY on the ``Suara.com -`` dateline up top; POSSIBLE on regional ``Baca Juga:X`` lines."""
        if not _BRAND.search(text, 0, 8000) and text.find("Baca Juga:", 0, 8000) < 0:
            return 0.0  # both rules need one of these: a cheap way out
        lines = textkit.sniff_lines(text, limit=8000)
        if any(_DATELINE.match(line) for line in lines[:HEADER_SPAN + 4]):
            return LIKELY
        if any(_REGIONAL_RELATED.match(line) for line in lines):
            return POSSIBLE
        return 0.0

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        start = _read_header(lines, article)
        _read_body(lines[start:], article)
        _apply_url(doc.url, article)



def _read_header(lines: list[str], article: Article) -> int:
    """Title, summary, author and date when the dump has the header; where the body starts."""
    date_at = next((i for i, line in enumerate(lines[:HEADER_SPAN]) if textkit.date_line(line)), None)
    first_dateline = next((i for i, line in enumerate(lines[:HEADER_SPAN + 4]) if _DATELINE.match(line)), None)
    if date_at is None or (first_dateline is not None and first_dateline < date_at):
        article.note("no header (title, author, date) in the dump: it starts at the body")
        return 0
    article.published = textkit.date_line(lines[date_at])
    header = lines[:date_at]
    if header and len(header) >= 2 and textkit.PERSON_NAME.match(header[-1]) and len(header[-1]) <= 60:
        article.authors.append(Author(name=header[-1], role="writer"))
        header = header[:-1]
    if header:
        article.title = header[0]
        if len(header) > 1:
            article.summary = " ".join(header[1:])
    else:
        article.note("no title in the dump")
    return date_at + 1


def _read_body(lines: list[str], article: Article) -> None:
    """Body blocks, related links and footer credits from the lines after the header."""
    blocks: list[Block] = []
    pending_point = False
    for i, line in enumerate(lines):
        if line.casefold() in _STOP:
            break
        if line in _KEY_POINT:
            pending_point = True
            continue
        credit = textkit.credit_line(line)
        if credit:
            article.authors.append(credit)
            continue
        text = textkit.body_text(line, JUNK, article.related)
        if text is None:
            continue
        if pending_point:
            blocks.append(Block("list_item", text))
            pending_point = False
            continue
        m = _DATELINE.match(text)
        if m and article.dateline is None and m["city"]:
            article.dateline = m["city"].strip().upper()
        blocks.append(Block(_kind(text, lines, i), text))
    article.body = blocks
    textkit.cut_dateline(article, _DATELINE)  # the city is the dateline field, not body text


def _kind(line: str, lines: list[str], i: int) -> str:
    """A short line that does not end like a sentence, followed by more text, is a sub-head."""
    if textkit.numbered_heading(line):
        return "heading"
    if (len(line) <= 80 and i + 1 < len(lines) and not line.endswith(_HEADING_END)
            and line[:1].isupper() and len(line.split()) <= 10):
        return "heading"
    return "paragraph"


def _apply_url(url: str | None, article: Article) -> None:
    """Section and the canonical id from a suara URL."""
    if not url:
        return
    m = _URL.match(url)
    if not m:
        return
    section = m["section"].lower()
    if section != "read":
        article.section = article.section or section
    host = (urlsplit(url).hostname or "").lower()
    if host in ("suara.com", "www.suara.com", "amp.suara.com", "m.suara.com"):
        host = "www.suara.com"
    path = urlsplit(url).path.removeprefix("/amp").removesuffix("/amp")
    article.id = f"https://{host}{path}"


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK, opening=_DATELINE)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register) -> None:
    register(SuaraParser())
