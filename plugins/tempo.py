"""Tempo (tempo.co and nasional/metro/bisnis/koran/majalah/magz/en): text dumps.

Layouts (see shared/docs/portal-layouts.md, "tempo"):

- daily / AMP: title; ``Reporter:`` / ``Editor:`` label lines (values on later lines) or the
  en.tempo AMP pairs ``Translator`` / name / ``Editor`` / name; the date line
  ``Rabu, 9 Januari 2019 15:42 WIB``; a caption with a credit (``… TEMPO/Subekti``); the body
  opening ``TEMPO.CO, Jakarta -``;
- en.tempo read: title, the author's name alone, the font widgets ``• Font:`` and
  ``• Ukuran Font: - +``, then ``• TEMPO.CO, Jakarta…`` glued as a bullet;
- koran / majalah: title, an optional short name, a date without time
  (``Selasa, 12 Mei 2009``), body opening ``JAKARTA --``, a paywall (``...``,
  ``Berlangganan untuk lanjutkan membaca.``);
- magz (English): title, dek, author, ``December 18, 2018``; newsletter: the promo ``Baca berita
  dengan sedikit iklan, klik di sini`` (several times), title, dek, ``11 Agustus 2022 | 17.00 WIB``;
- read pages that start at ``TEMPO.CO, Jakarta -`` or mid-article, with no header.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from warta import WIB, Article, Author, Document, Image, LIKELY, TextDumpParser, hookimpl
from warta import dates, textkit
from warta.textkit import lazy_compile

SITE = "tempo.co"
HOSTS = ("tempo.co",)
ENGLISH_HOSTS = ("en.tempo.co", "magz.tempo.co")

_HEADER_SCAN = 14

_PROMO = lazy_compile(r"^Baca berita dengan sedikit iklan,?\s*klik\s*di\s*sini\.?$", re.IGNORECASE)
_FONT = lazy_compile(r"^(?:•\s*)?(?:Ukuran\s+)?Font\s*:.*$", re.IGNORECASE)
_BULLET = lazy_compile(r"^[•·]\s*")
# "TEMPO.CO, Jakarta - ...", "TEMPO.CO, Jakarta – ...", glued "TEMPO.CO, JakartaDefense ..."
_DATELINE = lazy_compile(
    r"^TEMPO\.CO\s*,\s*(?:(?P<city>[A-Z][A-Za-z.'’]+(?:\s[A-Z][A-Za-z.'’]+){0,2})\s*(?:--|-|–|—)\s*"
    r"|(?P<glued>[A-Z][a-z]+)(?=[A-Z\s]))",
)
# Koran / majalah: "JAKARTA -- ...", "JAKARTA – ..."
_CAPS_DATELINE = lazy_compile(r"^(?P<city>[A-Z]{3,}(?:\s[A-Z]{3,}){0,2})\s*(?:--|–|—|-)\s+\S")
_LABEL = lazy_compile(
    r"^(?P<label>Reporter|Editor|Translator|Penerjemah|Penulis|Pewarta|Kontributor)\s*:?\s*(?P<name>.*)$"
)
_NAME = lazy_compile(r"^[A-Z][A-Za-z.'’-]*(?:\s(?:[A-Z][A-Za-z.'’-]*|bin|binti|van|de|al))*$")
_CAPS_NAME = lazy_compile(r"^[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){1,4}$")
_CREDIT = lazy_compile(
    r"(?:^|[\s.])(?P<credit>(?:TEMPO|ANTARA FOTO|ANTARA|REUTERS|AFP|AP|EPA|Dok\.?)\s*/\s*[^/]{1,40}"
    r"(?:/[^/]{1,40})?)\s*$"
)
# Every sniff rule needs one of these; most pages have none, so they are turned away cheaply.
_GATE = lazy_compile(r"TEMPO|Tempo|Baca berita dengan|Font:|Berlangganan untuk|Kami mengemas")
_OLD_URL = lazy_compile(r"/read/news/(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/")
_DATE_JUNK = " ,|-–—"

ROLES = {
    "reporter": "reporter", "editor": "editor", "translator": "translator",
    "penerjemah": "translator", "penulis": "writer", "pewarta": "reporter",
    "kontributor": "contributor",
}

#: What ends the readable article: paywalls and the Tempo+ offer.
FOOTER = textkit.Boilerplate(
    exact=["Berita Lainnya", "Berlangganan untuk lanjutkan membaca.", "...", "…",
           "Kami mengemas berita, dengan cerita."],
    patterns=[r"^-?\s*Akses (?:penuh|edisi)\b", r"^Manfaat berlangganan Tempo\b",
              r"^Berlangganan\b.{0,60}$"],
)

#: Lines that are never article text.
JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=["Baca selengkapnya di sini.", "Baca selengkapnya di sini", "Pilihan Editor"],
    patterns=[
        _PROMO.pattern,
        _FONT.pattern,
        r"^Scroll (?:ke bawah|down)\b.{0,40}$",
        r"^Artikel ini telah tayang di\b",
    ],
)


class TempoParser(TextDumpParser):
    """Reads text dumps of Tempo pages (daily, koran, majalah, magz, English, newsletter)."""

    name = "tempo"
    site = SITE
    sites = HOSTS
    sniff_markers = ("tempo", "baca berita dengan", "font:", "berlangganan untuk", "kami mengemas")  # text_score's gate
    label = "Tempo"
    #: Old ``/read/news/YYYY/MM/DD/`` URLs carry the day.
    url_date_pattern = _OLD_URL
    keep_blank_lines = True

    def text_score(self, text: str) -> float:
        """LIKELY on ``TEMPO.CO, Kota -``, its promo or paywall lines."""
        gate = text[:20000]
        if not any(word in gate for word in ('TEMPO', 'Tempo', 'Baca berita dengan', 'Font:', 'Berlangganan untuk', 'Kami mengemas')):  # _GATE's words, found faster
            return 0.0
        head = [_BULLET.sub("", line) for line in textkit.clean_lines(text[:4000])]
        shown = [line for line in head if line]
        if any(_DATELINE.match(line) or _PROMO.match(line) for line in shown[:40]):
            return LIKELY
        whole = text if len(text) < 20000 else text[:20000]
        if re.search(r"^-?\s*(?:Akses penuh seluruh artikel Tempo\+|Anda Mendukung Independensi Jurnalisme Tempo)"
                     r"|^Manfaat berlangganan Tempo Digital|^Kami mengemas berita, dengan cerita\.$"
                     r"|^Berlangganan untuk lanjutkan membaca\.$", whole, re.M):
            return LIKELY
        if any(line.startswith("Ukuran Font:") for line in shown[:20]):
            return 0.6
        if any(re.search(r"\bTEMPO/[A-Z][a-z]+", line) for line in shown[:12]):
            return 0.5
        return 0.0

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        lines = [_BULLET.sub("", line) for line in lines]
        article.section = _section(doc.url)
        start = _read_header(lines, article)
        _read_body(lines[start:], article)
        _language(doc, article)



def _read_header(lines: list[str], article: Article) -> int:
    """Title, credits, date line and caption; return the index where the body starts."""
    window = _header_window(lines)
    if not window:
        article.note("no title or date line: the dump starts at the dateline or mid-article")
        return _skip_promos(lines, 0)
    date_at = next((i for i in window if _date_line(lines[i])), None)
    labels = [i for i in window if _LABEL.match(lines[i])]
    fonts = [i for i in window if _FONT.match(lines[i])]
    last = window[-1]
    ends_at_dateline = last + 1 < len(lines) and _opens_body(lines, last + 1)
    if date_at is None and not labels and not fonts and not ends_at_dateline:
        article.note("no title or date line: the dump starts mid-article")
        return _skip_promos(lines, 0)
    texts = [i for i in window if not _PROMO.match(lines[i]) and not _FONT.match(lines[i])]
    title_at = texts[0] if texts and not _LABEL.match(lines[texts[0]]) and not _date_line(lines[texts[0]]) else None
    if title_at is not None and _looks_like_title(lines[title_at]):
        article.title = lines[title_at]
    else:
        article.note("no headline at the top of the dump")
    if date_at is not None:
        _set_date(lines[date_at], article)
    _credits(lines, [i for i in texts if i != title_at and i != date_at], article)
    end = max(i for i in (date_at, *labels, *fonts, title_at, last) if i is not None)
    start = end + 1
    if date_at is not None and date_at == end:
        start = _caption(lines, start, article)
    return start


def _header_window(lines: list[str]) -> list[int]:
    """Indexes of the first lines up to the first body-like one (long, or the dateline)."""
    window = []
    for i, line in enumerate(lines):
        if not line:
            continue
        if len(window) >= _HEADER_SCAN or len(line) > 220 or _opens_body(lines, i):
            break
        if _date_line(line) and window and window[-1] is not None:
            window.append(i)
            # After the date line comes a caption, then the body: stop looking here.
            break
        window.append(i)
    return window


def _opens_body(lines: list[str], at: int) -> bool:
    line = lines[at]
    return bool(_DATELINE.match(line) or _CAPS_DATELINE.match(line))


def _date_line(line: str) -> bool:
    """True when ``line`` is only a date (with a day name, time, ``|`` or ``WIB``)."""
    if len(line) > 60:
        return False
    found = dates.search_date(line)
    if not found:
        return False
    s, e = found[1]
    return not (line[:s] + line[e:]).strip(_DATE_JUNK)


def _set_date(line: str, article: Article) -> None:
    article.published = dates.parse_date(line, default_tz=WIB)
    if article.published is None:
        article.note(f"date line not readable: {line!r}")
    elif not re.search(r"\d[:.]\d{2}", line):
        article.note("the date line prints no time: published is midnight WIB of that day")


def _credits(lines: list[str], indexes: list[int], article: Article) -> None:
    """Label lines (``Reporter:``, ``Editor``) with their names, or a name alone.

    Labels and names either alternate (en.tempo AMP: ``Translator`` / name / ``Editor`` /
    name) or the labels come first and the names after them; then they pair in order,
    aligned from the last (a label whose value is empty prints no name).
    """
    items: list[tuple[str, str]] = []  # ("label" | "name", text)
    for i in indexes:
        m = _LABEL.match(lines[i])
        if m and m["name"].strip():
            _credit(article, m["label"], m["name"].strip())
        elif m:
            items.append(("label", m["label"]))
        elif lines[i].endswith(".") and len(lines[i]) > 40 and article.summary is None:
            article.summary = lines[i]  # the dek under the title (magz, newsletter)
        elif _NAME.match(lines[i]) and len(lines[i].split()) <= 6:
            items.append(("name", lines[i]))
    kinds = [kind for kind, _ in items]
    if kinds and kinds == ["label", "name"] * (len(kinds) // 2):
        for n in range(0, len(items), 2):
            _credit(article, items[n][1], items[n + 1][1])
        return
    labels = [text for kind, text in items if kind == "label"]
    names = [text for kind, text in items if kind == "name"]
    if labels and names:
        if len(names) != len(labels):
            article.note(f"{len(labels)} credit labels but {len(names)} names: paired from the last")
        for label, name in zip(labels[-len(names):], names[-len(labels):]):
            _credit(article, label, name)
    elif names:
        _credit(article, None, names[0])


def _credit(article: Article, label: str | None, name: str, role: str = "writer") -> None:
    """Add a credit unless the same name is credited already."""
    role = ROLES[label.lower()] if label else role
    if not any(a.name.casefold() == name.casefold() for a in article.authors):
        article.authors.append(Author(name=name, role=role, label=label))


def _caption(lines: list[str], start: int, article: Article) -> int:
    """The photo caption after the date line, if any; return where the body starts."""
    at = next((i for i in range(start, min(len(lines), start + 4)) if lines[i]), None)
    if at is None or _opens_body(lines, at):
        return start
    m = _CREDIT.search(lines[at])
    after = next((i for i in range(at + 1, min(len(lines), at + 4)) if lines[i]), None)
    if m or (after is not None and _opens_body(lines, after) and len(lines[at]) < 400):
        caption = lines[at][: m.start("credit")].strip() if m else lines[at]
        article.images.append(Image(caption=caption or lines[at], credit=m["credit"] if m else None))
        return at + 1
    return start


def _skip_promos(lines: list[str], start: int) -> int:
    while start < len(lines) and (not lines[start] or _PROMO.match(lines[start])):
        start += 1
    return start


def _read_body(lines: list[str], article: Article) -> None:
    """Paragraphs, related links, dateline, the reporter's name in capitals."""
    kept: list[str] = []
    for line in lines:
        if not line or line == article.title:
            continue
        if FOOTER.matches(line):
            break
        if not kept:
            line = _take_dateline(line, article)
            if not line:
                continue
        if kept and _closing_credits(line):
            _credit(article, None, line, role="reporter")  # the reporter's name in capitals
            continue
        kept.append(line)
    texts, related = textkit.sort_body_lines(kept, JUNK)
    article.body = textkit.blocks_from(texts)
    article.related = related


def _closing_credits(line: str) -> list[Author]:
    """The reporter's name in capitals that closes a Tempo article ("DINI TEJA")."""
    if _CAPS_NAME.match(line) and len(line) <= 60:
        return [Author(name=line, role="reporter")]
    return []


def _take_dateline(line: str, article: Article) -> str:
    m = _DATELINE.match(line)
    if m:
        article.dateline = (m["city"] or m["glued"]).upper()
        return line[m.end():].strip()
    m = _CAPS_DATELINE.match(line)
    if m:
        article.dateline = m["city"]
        return line[m.end() - 1:].strip()
    return line


def _looks_like_title(line: str) -> bool:
    return 3 <= len(line) <= 200 and not line.endswith((".", ",", ";")) and not _CAPS_NAME.match(line)


def _language(doc: Document, article: Article) -> None:
    if doc.host in ENGLISH_HOSTS:
        article.language = "en"
        return
    guess = textkit.guess_language([article.title or "", *(b.text for b in article.body)])
    if guess:
        article.language = guess


def _section(url: str | None) -> str | None:
    """``metro`` / ``bisnis`` from the subdomain, or the path's section (``berita-utama``,
    ``cover-story``, ``newsletter``)."""
    if not url:
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    if segments and segments[0] == "amp":
        segments = segments[1:]
    sub = host.removesuffix("tempo.co").rstrip(".")
    if sub in ("nasional", "metro", "bisnis", "dunia", "seleb", "sport", "otomotif", "tekno", "gaya",
               "travel", "cantik", "difabel", "fokus", "foto", "cek fakta"):
        return sub
    if len(segments) >= 3 and segments[0] == "read" and not segments[1].isdigit() and segments[1] != "news":
        return segments[1]
    if len(segments) >= 2 and segments[0] not in ("read",) and not segments[0].isdigit():
        return segments[0]
    return None


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK, FOOTER, closing_credits=_closing_credits)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register):
    register(TempoParser())
