"""Liputan6 (liputan6.com, news./tv./opera./enamplus./m.): text dumps.

Layouts (see shared/docs/portal-layouts.md, "liputan6"):

- desktop / m.: the toast ``Sukses``, the title, a one-line lead, sometimes the byline and
  date ``oleh Marco Tampubolon diperbarui 03 Okt 2017, 20:40 WIB`` and ``Diterbitkan 03 Okt 2017,
  20:40 WIB``, a topic line and a photo caption, then the body;
- AMP and opera pages start at the body;
- body: ``Liputan6.com, Jakarta -`` opens it (the dash is sometimes missing:
  ``Liputan6.com, Jakarta Aksi …``); ``Advertisement`` and ``Baca Juga`` (followed by ``- title``
  items) sit between paragraphs; short sub-heads; ``2 dari 3 halaman`` between pages; the
  WhatsApp and "Fakta atau Hoaks?" promos; editor initials ``(Adi/Yus)``; footer lists
  ``Tag Terkait`` / ``Rekomendasi`` / ``POPULER``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from warta import WIB, Article, Author, Block, Document, Image, Link, LIKELY, TextDumpParser, hookimpl
from warta import dates, textkit
from warta.textkit import lazy_compile

SITE = "liputan6.com"
HOSTS = ("liputan6.com",)

_HEADER_SCAN = 10

# "oleh Addy Hasan diperbarui 24 Des 2013, 17:54 WIB"; "Diterbitkan 03 Okt 2017, 20:40 WIB"
_BYLINE = lazy_compile(r"^oleh\s+(?P<names>.+?)\s+(?:diperbarui|diterbitkan)\s+(?P<date>\d.+)$", re.IGNORECASE)
_PUBLISHED = lazy_compile(r"^Diterbitkan\s+(?P<date>\d.+)$", re.IGNORECASE)
_UPDATED = lazy_compile(r"^(?:Diperbarui|Update(?:d)?)\s+(?P<date>\d.+)$", re.IGNORECASE)
_TWO_WORD_CITIES = (
    "New York", "New Delhi", "Hong Kong", "Kuala Lumpur", "Den Haag", "Banda Aceh", "Tel Aviv",
    "Los Angeles", "San Francisco", "Abu Dhabi", "Buenos Aires", "Rio de Janeiro", "Phnom Penh",
    "Tanjung Pinang", "Tanjungpinang", "Bandar Lampung", "Kota Kinabalu", "Sao Paulo",
)
# "Liputan6.com, Jakarta - ...", "Liputan6.com, New York - ...", "Liputan6.com, Jakarta Aksi ..."
_DATELINE = lazy_compile(
    r"^Liputan6\.com\s*,\s*(?:(?P<city>[A-Z][A-Za-z.'’]+(?:\s[A-Za-z.'’]+){0,3}?)\s*(?:--|-|–|—)(?:\s+|$)"
    r"|(?P<bare>[A-Z][A-Za-z.'’]+(?:\s[A-Z][A-Za-z.'’]+)?)\s)"
)
# Every sniff rule needs one of these; most pages have none, so they are turned away cheaply.
_GATE = lazy_compile(r"Liputan6|[Dd]iperbarui|[Dd]iterbitkan")
_PAGINATION = lazy_compile(r"^(?P<n>\d{1,2}) dari (?P<of>\d{1,2}) halaman$", re.IGNORECASE)
_DURATION = lazy_compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
_TERMINAL = (".", "!", "?", '"', "”", "’", "'", ")", "…", ":", ";", ",")

#: What ends the article text on the page.
FOOTER = textkit.Boilerplate(
    exact=["Tag Terkait", "Rekomendasi", "POPULER", "Berita Terkini Selengkapnya", "Berita Terkini",
           "Topik Terkait", "Artikel Selanjutnya", "Tags", "Terpopuler"],
    patterns=[r"^\*?\s*Fakta atau Hoaks\?", r"^\*\s*(?:Fakta|Fak|Fa|F)?\s*[a-z]{0,5}$",
              r"^Selengkapnya di\b.{0,60}$"],
)

#: Lines that are never article text.
JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=["Advertisement", "Sukses", "Baca Juga", "Â", "Live", "Liputan6.com"],
    patterns=[
        r"^\*?\s*Follow Official WhatsApp Channel Liputan6\.com\b",
        r"^Saksikan (?:juga )?(?:video|tayangan)\b.{0,120}$",
        r"^Simak (?:juga )?video\b.{0,120}$",
        r"^Tonton (?:juga )?video\b.{0,120}$",
        _PAGINATION.pattern,
        _DURATION.pattern,
    ],
)


class Liputan6Parser(TextDumpParser):
    """Reads text dumps of Liputan6 article pages (desktop, m., AMP, opera)."""

    name = "liputan6"
    site = SITE
    sites = HOSTS
    sniff_markers = ("liputan6", "diperbarui", "diterbitkan")  # text_score's gate
    label = "Liputan6"
    keep_blank_lines = True

    def text_score(self, text: str) -> float:
        """LIKELY on ``Liputan6.com, Kota -``, its byline or its promos."""
        gate = text[:20000]
        if not any(word in gate for word in ('Liputan6', 'Diperbarui', 'diperbarui', 'Diterbitkan', 'diterbitkan')):  # _GATE's words, found faster
            return 0.0
        shown = [line for line in textkit.clean_lines(text[:4000]) if line]
        if any(_DATELINE.match(line) for line in shown[:40]):
            return LIKELY
        if any(_BYLINE.match(line) for line in shown[:_HEADER_SCAN]):
            return LIKELY
        whole = text if len(text) < 20000 else text[:20000]
        if re.search(r"^\*?\s*(?:Follow Official WhatsApp Channel Liputan6\.com"
                     r"|Fakta atau Hoaks\? .{0,120}Cek Fakta Liputan6\.com)", whole, re.M):
            return LIKELY
        return 0.0

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        article.section = _section(doc.url)
        start = _read_header(lines, article)
        _read_body(lines[start:], article)


def _read_header(lines: list[str], article: Article) -> int:
    """Title, lead, byline, dates, caption; return the index where the body starts."""
    window = _header_window(lines)
    texts = [i for i in window if lines[i] != "Sukses"]
    byline_at = next((i for i in texts if _BYLINE.match(lines[i])), None)
    toast = bool(window) and lines[window[0]] == "Sukses"
    body_at = _first_dateline(lines, window)
    if byline_at is None and not toast:
        if texts and body_at is not None and len(texts) <= 2 and _looks_like_title(lines[texts[0]]):
            article.title = lines[texts[0]]  # AMP: title right above the dateline
            return texts[-1] + 1
        article.note("no title or byline: the dump starts at the dateline or mid-article")
        return 0
    head = [i for i in texts if byline_at is None or i < byline_at]
    if head and _looks_like_title(lines[head[0]]):
        article.title = lines[head[0]]
    else:
        article.note("no headline at the top of the dump")
    if len(head) > 1 and not _BYLINE.match(lines[head[1]]):
        article.summary = lines[head[1]]  # the one-line lead under the title
    if byline_at is None:
        return (head[1] if len(head) > 1 else head[0] if head else window[-1]) + 1
    return _after_byline(lines, byline_at, article)


def _header_window(lines: list[str]) -> list[int]:
    window = []
    for i, line in enumerate(lines):
        if not line:
            continue
        if len(window) >= _HEADER_SCAN or _DATELINE.match(line) or len(line) > 300:
            break
        window.append(i)
    return window


def _first_dateline(lines: list[str], window: list[int]) -> int | None:
    after = (window[-1] + 1) if window else 0
    at = next((i for i in range(after, min(len(lines), after + 3)) if lines[i]), None)
    return at if at is not None and _DATELINE.match(lines[at]) else None


def _after_byline(lines: list[str], at: int, article: Article) -> int:
    """Authors and dates from the byline and ``Diterbitkan``; the caption after them."""
    m = _BYLINE.match(lines[at])
    for name in re.split(r"\s*,\s*|\s+dan\s+", m["names"]):
        if name.strip():
            article.authors.append(Author(name=name.strip(), role="writer"))
    stamp = dates.parse_date(m["date"], default_tz=WIB)
    updated_word = "diperbarui" in lines[at].lower()
    i = at + 1
    published = None
    filled = [j for j in range(i, min(len(lines), i + 8)) if lines[j]]
    body_at = next((j for j in filled if _DATELINE.match(lines[j])), None)
    for j in filled[:2]:
        pm = _PUBLISHED.match(lines[j]) or _UPDATED.match(lines[j])
        if pm:
            value = dates.parse_date(pm["date"], default_tz=WIB)
            if _PUBLISHED.match(lines[j]):
                published = value
            i = j + 1
    if updated_word:
        article.updated = stamp
        article.published = published or stamp
        if published is None and stamp is not None:
            article.note("only the update time is printed: published taken from it")
    else:
        article.published = stamp
    if article.published is None:
        article.note(f"byline date not readable: {lines[at]!r}")
    if body_at is not None:
        for j in (j for j in filled if i <= j < body_at):
            if len(lines[j]) > 60 or lines[j].endswith("."):
                article.images.append(Image(caption=lines[j]))
        return body_at
    return i


def _read_body(lines: list[str], article: Article) -> None:
    """Paragraphs and sub-heads, "Baca Juga" lists, dateline; stops at the footer."""
    kept: list[str] = []
    related: list[Link] = []
    in_related = False
    for line in lines:
        if not line:
            continue
        if FOOTER.matches(line):
            break
        if line == "Baca Juga":
            in_related = True
            continue
        if in_related and line.startswith("- "):
            related.append(Link(title=line[2:].strip()))
            continue
        in_related = False
        if not kept and not article.dateline:
            line = _take_dateline(line, article)  # also on a lead that is the whole page
            if not line:
                continue
        text, initials = textkit.split_initials(line)
        if initials:
            if text:
                kept.append(text)
            continue  # a page of the article ends; the next page may follow
        kept.append(line)
    texts, inline = textkit.sort_body_lines(kept, JUNK)
    article.body = _blocks(texts)
    article.related = related + inline


def _take_dateline(line: str, article: Article) -> str:
    m = _DATELINE.match(line)
    if not m:
        return line
    if m["city"]:
        article.dateline = m["city"].upper()
        return line[m.end():].strip()
    rest = line[len("Liputan6.com"):].lstrip(" ,")
    city = next((c for c in _TWO_WORD_CITIES if rest.startswith(c + " ")), None) or m["bare"].split()[0]
    article.dateline = city.upper()
    article.note("dateline printed without a dash: the city is read as its first word(s)")
    return rest[len(city):].strip()


def _blocks(texts: list[str]) -> list[Block]:
    """Short lines with no closing punctuation between paragraphs are sub-heads."""
    blocks: list[Block] = []
    for n, text in enumerate(texts):
        following = texts[n + 1] if n + 1 < len(texts) else ""
        if _is_subhead(text) and len(following) > 80:
            blocks.append(Block("heading", text))
        else:
            blocks.extend(textkit.blocks_from([text]))
    return blocks


def _is_subhead(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 10 and len(text) <= 70 and not text.endswith(_TERMINAL) \
        and text[:1].isupper() and not text[:1].isdigit()


def _looks_like_title(line: str) -> bool:
    return 3 <= len(line) <= 200 and not line.endswith((",", ";")) and not _BYLINE.match(line)


def _section(url: str | None) -> str | None:
    """``news``, ``bola``, ``pilpres`` from ``/<section>/read/<id>/``."""
    if not url:
        return None
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if len(segments) >= 2 and segments[1] == "read":
        return segments[0].lower()
    return None


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK, FOOTER)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register):
    register(Liputan6Parser())
