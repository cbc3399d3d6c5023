"""The header of a Tribun dump: title (or the ``zoom-in`` widget's), summary, credits
(``Penulis: X | Editor: Y``, ``Laporan Wartawan Tribunnews.com, X``) and the header image,
up to the brand dateline that opens the body.

Also the patterns the body and the sniffing read too: the brand (:data:`BRAND`,
:data:`DATELINE`), credit lines (:data:`REPORT_LINE`, :func:`line_credits`,
:func:`add_authors`), the syndication footer and :data:`JUNK` (lines never article text).
"""

from __future__ import annotations

import re

from warta import Article, Author, Image
from warta import textkit
from warta.textkit import lazy_compile

HEADER_SCAN = 14  # non-blank lines in which the credits / dateline may appear
#: The brands of the Tribun Network as their datelines print them (a regex fragment).
BRAND = (
    r"(?:TRIBUN[A-Z-]*|SERAMBINEWS|BANJARMASINPOST|BANGKAPOS|POSBELITUNG|SURYA(?:MALANG)?"
    r"|SRIPOKU|WARTAKOTA(?:LIVE)?|POS-?KUPANG|PROHABA)"
)
# "TRIBUNNEWS.COM, JAKARTA - ", "TRIBUNKALTIM.CO - ", "BANGKAPOS.COM, BANGKA -- "
DATELINE = lazy_compile(
    rf"^(?P<brand>{BRAND}\.(?:COM|CO\.ID|CO|ID))(?:\s*,\s*(?P<city>[^-–—,]{{2,40}}?))?"
    r"\s*[-–—]{1,2}(?:\s+|$)",
    re.IGNORECASE,
)
# "Laporan Wartawan Tribunnews.com, Abdul Majid", "Laporan Reporter Tribunnews.com, Reza Deni"
REPORT_LINE = lazy_compile(
    r"^Laporan\s+(?P<label>Wartawan|Reporter|Koresponden|Kontributor|Jurnalis)\s+"
    r"(?P<outlet>[^,]{2,40}?)\s*,\s*(?P<names>[^,].{1,100})$",
    re.IGNORECASE,
)
_CREDIT_PART = lazy_compile(
    r"^(?P<label>Penulis|Editor|Reporter|Kontributor|Penyunting|Fotografer|Pewarta|Wartawan)"
    r"\s*:\s*(?P<names>\S.{0,80})$",
    re.IGNORECASE,
)
ROLES = {
    "penulis": "writer", "editor": "editor", "penyunting": "editor", "reporter": "reporter",
    "wartawan": "reporter", "koresponden": "reporter", "kontributor": "contributor",
    "fotografer": "photographer", "pewarta": "reporter", "jurnalis": "reporter",
}
_NAME_SPLIT = lazy_compile(r"\s*(?:,|/|&|\bdan\b)\s*")
ZOOM = lazy_compile(r"^zoom-in\s+(?P<title>\S.*)$", re.IGNORECASE)
# "Artikel ini telah tayang di Kompas.com dengan judul "X"" (ends the text)
SYNDICATED = lazy_compile(
    r"^Artikel ini (?:telah )?(?:tayang|terbit|dimuat)\s+di\s+(?P<source>.+?)\s+dengan judul\b",
    re.IGNORECASE,
)
_IMAGE_CREDIT = lazy_compile(r"^(?:[\w.&-]+(?:\s[\w.&-]+){0,3}/[\w.& -]{2,40}|Istimewa|Ist\.?|Dok\..{0,40})$", re.IGNORECASE)

#: Header lines that are never the title: the m. promo, channel names, nav items.
_NAV = textkit.Boilerplate(
    exact=["Breaking News", "Breaking News:", "Berita Terkini", "Home", "Tribunnews.com"],
    patterns=[r"^Nikmati berita interaktif\b", r"^Tribun\s?[A-Z][\w-]*(?:\s[A-Z][\w-]*)?$", r"^zoom-in\b"],
)
#: Lines that are never article text.
JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=["Berita Rekomendasi", "Baca juga:", "Baca juga", "Baca Selanjutnya", "Â", "A", "Aa",
           "Selanjutnya", "Halaman selanjutnya", "Lihat Foto"],
    patterns=[
        r"^Nikmati berita interaktif\b",
        r"^zoom-in\b",
        r"^[Â\s]+$",
        r"^(?:Baca|Simak|Ikuti|Dapatkan)\b.{0,80}\bGoogle News\b",
        r"^(?:Simak|Tonton|Saksikan) (?:juga )?video\b.{0,120}$",
        r"^Halaman \d+\s*(?:dari|/)\s*\d+$",
        r"^\d+(?:\s+\d+)+$",
    ],
)


def line_credits(line: str) -> list[Author] | None:
    """Authors from ``Penulis: X``, ``Penulis: X | Editor: Y`` or ``Laporan Wartawan O, X``."""
    m = REPORT_LINE.match(line)
    if m:
        return _authors(m["names"], m["label"].capitalize(), detail=m["outlet"].strip())
    found: list[Author] = []
    for part in line.split("|"):
        m = _CREDIT_PART.match(part.strip())
        if not m:
            return None
        found.extend(_authors(m["names"], m["label"].capitalize()))
    return found or None


def _authors(names: str, label: str, detail: str | None = None) -> list[Author]:
    role = ROLES.get(label.lower(), "writer")
    return [Author(name=n, role=role, label=label, detail=detail)
            for n in (n.strip(" .") for n in _NAME_SPLIT.split(names)) if n]


def read_header(lines: list[str], article: Article) -> int:
    """Title, credits and header image; return the index where the body starts."""
    filled = _header_window(lines)
    first = next((n for n, i in enumerate(filled)
                  if line_credits(lines[i]) or DATELINE.match(lines[i])), None)
    zoom = next((ZOOM.match(lines[i])["title"] for i in filled if ZOOM.match(lines[i])), None)
    if first is None:
        if zoom and _plausible_title(zoom):
            article.title = zoom
        article.note("no credits or dateline near the top: the dump starts mid-article")
        return 0
    header = []
    for i in filled[:first]:
        when = textkit.date_line(lines[i])
        if when:
            article.published = article.published or when
        elif not _NAV.matches(lines[i]) and not JUNK.matches(lines[i]):
            header.append(lines[i])
    article.title = _title(header, zoom)
    if article.title is None:
        article.note("no headline before the credits")
    # Credits, then the image widget, up to the dateline (or the first ordinary paragraph).
    at = filled[first]
    end = at
    for i in range(at, len(lines)):
        line = lines[i]
        if not line:
            continue
        if DATELINE.match(line):
            return i
        found = line_credits(line)
        if found:
            add_authors(article, found)
            end = i
            continue
        if ZOOM.match(line):
            end = _read_image(lines, i, article)
            continue
        when = textkit.date_line(line)
        if when or JUNK.matches(line):
            article.published = article.published or when
            end = i
            continue
        break
    return end + 1


def _header_window(lines: list[str]) -> list[int]:
    """Indexes of the first non-blank lines that can belong to a header: it ends at the first
    body-like line (long, a related link, the syndication footer) after the credits or the
    dateline could have appeared, so credits printed at the end of a short dump are not header."""
    window: list[int] = []
    for i, line in enumerate(lines):
        if not line:
            continue
        if len(window) >= HEADER_SCAN:
            break
        window.append(i)
        if line_credits(line) or DATELINE.match(line):
            continue
        if len(line) > 250 or SYNDICATED.match(line) or textkit.related_title(line):
            window.pop()
            break
    return window


def _title(header: list[str], zoom: str | None) -> str | None:
    """The headline: the zoom-in widget's title when shown, else the line above the summary."""
    if zoom and _plausible_title(zoom):
        return zoom
    # Rubric and nav lines ("Berita Nasional Terkini", "Super Skor") are short; a header holds
    # at most a rubric, the title and the summary.
    candidates = [line for line in header if len(line.split()) >= 4]
    if len(candidates) > 4:
        return None
    if not candidates:
        return None
    title = candidates[-2] if len(candidates) >= 2 else candidates[-1]
    return title if _plausible_title(title) else None


def _plausible_title(line: str) -> bool:
    """A headline is a short line that is not a sentence, a date or a credit."""
    if not 10 <= len(line) <= 200 or len(line.split()) < 3:
        return False
    if line.endswith((".", ",", ";", ":")) or textkit.date_line(line) or line_credits(line):
        return False
    return not DATELINE.match(line)


def _read_image(lines: list[str], at: int, article: Article) -> int:
    """The ``zoom-in`` widget: an optional credit line, then the caption. Return its end."""
    following = [i for i in range(at + 1, min(len(lines), at + 6)) if lines[i]][:2]
    credit = caption = None
    end = at
    for i in following:
        line = lines[i]
        if DATELINE.match(line) or REPORT_LINE.match(line) or line_credits(line) or len(line) > 300:
            break
        if credit is None and caption is None and _IMAGE_CREDIT.match(line):
            credit, end = line, i
            continue
        if caption is None:
            caption, end = line, i
        break
    if credit or caption:
        article.images.append(Image(caption=caption, credit=credit))
    return end


def add_authors(article: Article, found: list[Author]) -> None:
    """Add the credits ``found`` that the article does not have yet (same name and role)."""
    known = {(a.name.casefold(), a.role) for a in article.authors}
    for author in found:
        if (author.name.casefold(), author.role) not in known:
            article.authors.append(author)
            known.add((author.name.casefold(), author.role))
