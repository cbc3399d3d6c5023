"""iNews (inews.id and its regional sites depok., jabar., mojokerto., jatim. …): text dumps.

Layout (see ../shared/docs/portal-layouts.md): the title, then either the date line
(``Sabtu, 01 Januari 2022 - 02:20:00 WIB``, regional ``Senin, 09 Juni 2025 | 12:46 WIB``) or
the author's name and a caption with ``Foto: …``; the body opens ``JAKARTA, iNews.id -``
(regional sites ``BANDUNG, iNewsJabar.id -``). The article ends with ``Editor : Name``, a line
of keywords, ``Artikel Terkait`` (section / "3 hari lalu" / title triples) and the site's
menus. Pages are often ``/2``, ``/3`` continuations.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from warta import LIKELY, POSSIBLE, Article, Author, Document, Image, Link, TextDumpParser, hookimpl, textkit
from warta.textkit import lazy_compile

SITE = "inews.id"
HOSTS = ("inews.id",)

_DATELINE = lazy_compile(r"^(?P<city>[A-Z][A-Za-z.'’ -]{1,30}?),\s*iNews(?:[A-Z][A-Za-z]+)?\.id\s*[-–—]+\s*")
_CAPTION = lazy_compile(r"\(?\bFoto\s*:\s*(?P<credit>[^()]{1,80}?)\)?\s*\.?\s*\)?\.?$", re.IGNORECASE)
_RELATIVE = lazy_compile(r"^\d+\s+(?:detik|menit|jam|hari|minggu|bulan|tahun)\s+(?:yang\s+)?lalu$", re.IGNORECASE)
_STOP = frozenset(s.casefold() for s in (
    "Artikel Terkait", "Berita Terkini", "Berita Terkait", "Halaman Selanjutnya", "Bagikan Artikel Ini",
    "News Update", "Kanal", "Network", "Terpopuler",
))
_FOOTER_END = frozenset(s.casefold() for s in ("Berita Terkini", "Network", "Kanal", "News Update",
                                               "MNC Portal", "Live TV"))
_FOOTER_EDITOR = lazy_compile(r"^Editor : [A-Z][\w'’. -]{1,60}$")
_PAGE_PATH = lazy_compile(r"/(?P<page>\d{1,2}|all)/?$")

JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=["Aa Text", "Share:", "Share :", "Bagikan Artikel Ini", "Text", "Aa"],
    patterns=[
        r"^Advertisement\s*\.?\s*Scroll to (?:see|continue)\b.{0,40}$",
        r"^Get iNews App\b.{0,60}$",
        r"^Follow WhatsApp Channel iNews\b.{0,160}$",
        r"^Halaman\s*:?\s*(?:\d+\s*)+$",
        r"^Konten di bawah ini disajikan oleh Advertiser\b",
        r"^Kami membuka kesempatan bagi Anda yang ingin menjadi pebisnis media\b",
    ],
)

#: Leading non-empty lines that may hold the header.
HEADER_SPAN = 5


class INewsParser(TextDumpParser):
    """Text dumps of inews.id pages (desktop, AMP, regional, continuation pages)."""

    name = "inews"
    site = SITE
    sites = HOSTS
    sniff_markers = ("inews", "editor : ")  # text_score's gate
    label = "iNews"

    def text_score(self, text: str) -> float:
        """LIKELY on the ``JAKARTA, iNews.id -`` dateline or its menus; POSSIBLE on its footer credit."""
        if text.find("iNews", 0, 8000) < 0 and text.find("Editor : ", 0, 8000) < 0:
            return 0.0  # every rule needs one of these: a cheap way out
        lines = textkit.sniff_lines(text, limit=8000)
        if any(_DATELINE.match(line) for line in lines[:HEADER_SPAN + 4]):
            return LIKELY
        if any(line.startswith(("Follow WhatsApp Channel iNews", "Get iNews App"))
               or "program iNews.id Network" in line or "Jurnalis iNews Network" in line for line in lines):
            return LIKELY
        if _footer_editor(lines):
            return POSSIBLE
        return 0.0

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        start = _read_header(lines, article)
        _read_body(lines[start:], article)
        _apply_url(doc.url, article)


def _footer_editor(lines: list[str]) -> bool:
    """``Editor : Name`` (space before the colon) closing the excerpt or followed by iNews's footer.

    Continuation pages (``/2``) often show nothing else of the portal; Tribun prints the same
    credit but in its header, above the body.
    """
    for i, line in enumerate(lines):
        if _FOOTER_EDITOR.match(line) and i >= 2:
            rest = lines[i + 1:]
            if len(rest) <= 2 or rest[0].casefold() in ("artikel terkait", "halaman selanjutnya") or (
                    len(rest) > 1 and rest[1].casefold() == "artikel terkait"):
                return True
    return False


def _read_header(lines: list[str], article: Article) -> int:
    """Title with a date line, or title, author and caption; return where the body starts."""
    head = lines[:HEADER_SPAN]
    if len(head) >= 2 and textkit.date_line(head[1]):
        article.title = head[0]
        article.published = textkit.date_line(head[1])
        start = 2
        if start < len(lines) and _CAPTION.search(lines[start]) and not _DATELINE.match(lines[start]):
            _caption(lines[start], article)
            start += 1
        return start
    if len(head) >= 3 and textkit.PERSON_NAME.match(head[1]) and len(head[1]) <= 60 and _CAPTION.search(head[2]):
        article.title = head[0]
        article.authors.append(Author(name=head[1], role="writer"))
        _caption(head[2], article)
        return 3
    if len(head) >= 2 and _DATELINE.match(head[1]) and not _DATELINE.match(head[0]) and len(head[0]) <= 200:
        article.title = head[0]
        return 1
    article.note("no header (title, date, author) in the dump: it starts mid-article")
    return 0


def _caption(line: str, article: Article) -> None:
    m = _CAPTION.search(line)
    caption = line[: m.start()].strip(" .(") if m else line
    credit = m["credit"].strip(" .") if m else None
    article.images.append(Image(caption=caption or None, credit=credit or None))


def _read_body(lines: list[str], article: Article) -> None:
    texts: list[str] = []
    for i, line in enumerate(lines):
        folded = line.casefold()
        if folded == "artikel terkait":
            _related_list(lines[i + 1:], article)
            break
        if folded in _STOP:
            break
        credit = textkit.credit_line(line)
        if credit:
            article.authors.append(credit)
            # After "Editor :" come a keyword line and the related list: never body.
            rest = lines[i + 1:]
            at = next((k for k, x in enumerate(rest) if x.casefold() == "artikel terkait"), None)
            if at is not None:
                _related_list(rest[at + 1:], article)
            break
        text = textkit.body_text(line, JUNK, article.related)
        if text is None:
            continue
        if not texts and article.dateline is None:
            m = _DATELINE.match(text)
            if m:
                article.dateline = m["city"].strip().upper()
        texts.append(text)
    article.body = textkit.blocks_from(texts)
    textkit.cut_dateline(article, _DATELINE)  # the city is the dateline field, not body text


def _related_list(lines: list[str], article: Article) -> None:
    """``Artikel Terkait``: a section line, a "3 hari lalu" line, then the headline."""
    for i, line in enumerate(lines):
        if line.casefold() in _FOOTER_END:
            return
        if _RELATIVE.match(line) and i + 1 < len(lines):
            section = lines[i - 1] if i > 0 else None
            article.related.append(Link(title=lines[i + 1], section=section))


def _apply_url(url: str | None, article: Article) -> None:
    """Section, continuation page and the canonical id (AMP, /N and /all share it)."""
    if not url:
        return
    parts = urlsplit(url)
    path = parts.path
    m = _PAGE_PATH.search(path)
    if m:
        path = path[: m.start()]
        if m["page"] != "all" and int(m["page"]) > 1:
            article.page = int(m["page"])
    path = path.removeprefix("/amp")
    segments = [s for s in path.split("/") if s]
    if len(segments) >= 3 and segments[0] == "news":
        article.section = segments[1]
    elif len(segments) >= 2 and segments[0] not in ("read", "amp") and not segments[0].isdigit():
        article.section = segments[0]
    host = (parts.hostname or "").lower()
    if host in ("inews.id", "m.inews.id", "amp.inews.id"):
        host = "www.inews.id"
    article.id = f"https://{host}{path}"


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK, opening=_DATELINE)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register) -> None:
    register(INewsParser())
