"""Okezone (news., economy., bola., celebrity. … okezone.com): text dumps.

Layout (see shared/docs/portal-layouts.md, "okezone"):

- new layout (2023+): ``Advertisement``, the breadcrumb ``HOME NEWS NASIONAL``, the title,
  ``Irfan Maulana , Jurnalis-Selasa, 08 Agustus 2023 |14:00 WIB``, the title again, a photo
  caption ``… (Foto: MPI/Riana)``, the font widget ``A`` / ``A`` / ``A``;
- old AMP (2018): the title, ``Ade Rachma Unzilla , Jurnalis``, ``Jum'at 21 Desember 2018 12:09
  WIB``, a caption, ``Share :``;
- crawls with the `` date 2023-09-14 `` prefix: the title, then the body;
- body: ``JAKARTA -`` / ``JAKARTA –`` / ``BANDUNG -`` opens it, old sport pages open with a
  capitalised first word (``SHIN Tae-yong …``); ``BACA JUGA:X`` and ``(Baca Juga: X)`` are
  related links; the editor's name in parentheses closes the text: ``(Rahman Asmardika)``;
- the URL ``/read/YYYY/MM/DD/<cat>/<id>/`` (or ``/amp/…``) gives the date, exactly.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

from warta import WIB, Article, Author, Block, Document, Image, LIKELY, TextDumpParser, hookimpl
from warta import dates, textkit
from warta.textkit import lazy_compile

SITE = "okezone.com"
HOSTS = ("okezone.com",)

_HEADER_SCAN = 12
# "Irfan Maulana , Jurnalis-Selasa, 08 Agustus 2023 |14:00 WIB", "Ade Rachma Unzilla , Jurnalis"
BYLINE = lazy_compile(
    r"^(?P<names>[A-Za-z][^,|:]{1,80}?)\s*,\s*(?P<label>Jurnalis|Kontributor|Reporter|Wartawan)\b"
    r"\s*(?:[-–|]\s*(?P<date>.+))?$"
)
# "HOME NEWS NASIONAL", "HOME FINANCE HOT ISSUE"
BREADCRUMB = lazy_compile(r"^HOME(?P<trail>(?:\s+[A-Z0-9&'-]+){1,5})$")
# "JAKARTA - ", "JAKARTA – ", "BANDUNG - ", "KUALA LUMPUR - "
DATELINE = lazy_compile(r"^(?P<city>[A-Z][A-Z.']{2,}(?:\s[A-Z][A-Z.']+){0,2})\s*[-–—]{1,2}\s+(?=\S)")
# Old sport pages: "SHIN Tae-yong berpengalaman …", "PELATIH Tim Nasional …"
CAPS_OPENING = lazy_compile(r"^[A-Z]{3,}(?:[-'][A-Za-z]+)?\s+(?:[A-Z][a-z]|[a-z])")
# The closing credit: "(Rahman Asmardika)", "(Fahmi Firdaus )"
CLOSING_CREDIT = lazy_compile(r"^\(\s*(?P<name>[A-Z][a-z]+(?:\s+[A-Z][A-Za-z.']*){0,4})\s*\)$")
# Another outlet's brand in a dateline position: "JAKARTA, KOMPAS.com -", "jpnn.com - SIDOARJO -"
_PROMO = lazy_compile(r"^Follow WhatsApp Channel Okezone\b", re.MULTILINE | re.IGNORECASE)
_BRANDED = lazy_compile(r"^[^-–—]{0,40}\b[\w-]+\.(?:com|co\.id|id|co)\b\s*[-–—]", re.IGNORECASE)
_CAPTION_CREDIT = lazy_compile(r"\s*\(\s*Foto\s*:\s*(?P<credit>[^()]{1,60})\)\s*$", re.IGNORECASE)
_URL = lazy_compile(r"/(?:read|amp)/(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/(?P<cat>\d{1,4})/")
_WIDGET = lazy_compile(r"^(?:A|Share\s*:?|Bagikan\s*:?|Advertisement)$", re.IGNORECASE)

JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=["Advertisement", "Share :", "Share:", "Share", "Halaman:", "A", "Baca Juga", "BACA JUGA:",
           "Baca juga:", "Okezone", "Follow"],
    patterns=[
        r"^Follow (?:WhatsApp|Whatsapp) Channel Okezone\b",
        r"^Follow\b.{0,40}\bOkezone\b",
        r"^(?:Simak|Dapatkan) berita\b.{0,80}\bOkezone\b",
        r"^Halaman\s*:?\s*(?:\d+\s*)+(?:Selanjutnya)?$",
        r"^\d+(?:\s+\d+)+$",
    ],
)
FOOTER = textkit.Boilerplate(
    exact=["Berita Terkait", "Berita Terkini", "Terpopuler", "Rekomendasi", "Tags", "Komentar",
           "Berita Lainnya"],
)


class OkezoneParser(TextDumpParser):
    """Reads text dumps of Okezone pages."""

    name = "okezone"
    site = SITE
    sites = HOSTS
    label = "Okezone"
    url_date_pattern = _URL

    def text_score(self, text: str) -> float:
        """LIKELY on its byline, breadcrumb or WhatsApp promo; a weak score for a bare
        upper-case dateline near the top (Okezone's, but not only Okezone's)."""
        return text_score(text)

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        """Header, body and the channel subdomain."""
        lines = _split_glued_title(lines)
        article.section = _section(doc.url)
        start = _read_header(lines, article)
        _read_body(lines[start:], article)
        if article.title is None:
            article.note("no headline in the dump (it starts mid-article)")
        if textkit.guess_language(b.text for b in article.body) == "en":
            article.language = "en"



def text_score(text: str) -> float:
    """How much the text itself looks like an Okezone page (no URL known)."""
    body, _ = textkit.strip_crawl_prefix(text[:5000])
    if not any(word in body for word in ("Jurnalis", "Kontributor", "Reporter", "Wartawan", "HOME")):
        # No byline or breadcrumb can be there: the promo and the opening are all that is left.
        if "okezone" in text.lower() and _PROMO.search(text):
            return LIKELY
        return _weak_score(textkit.head_lines(body, 3))
    shown = [line for line in textkit.clean_lines(body) if line][:_HEADER_SCAN]
    for line in shown:
        if BYLINE.match(line) or BREADCRUMB.match(line):
            return LIKELY
    if _PROMO.search(text):
        return LIKELY
    return _weak_score(shown)


def _branded(line: str) -> bool:
    """Another outlet's brand in dateline position (a dot and a dash first tell it may be)."""
    return "." in line and ("-" in line or "–" in line or "—" in line) and bool(_BRANDED.match(line))


def _weak_score(shown: list[str]) -> float:
    """0.3 when the body opens with a bare dateline or a capitalised word, else 0."""
    # Weak: the body opens with a bare "JAKARTA -" or a capitalised word within the first
    # lines (sindonews, old jpnn and Media Indonesia do the same: their own marks win).
    if not shown or any(_branded(line) for line in shown[:3]):
        return 0.0
    opening = shown[:2] if len(shown) > 1 and _plausible_title(shown[0]) else shown[:1]
    if any((DATELINE.match(line) or CAPS_OPENING.match(line)) and _paragraph(line) for line in opening):
        return 0.3
    return 0.0


#: The longest line taken for an article's opening paragraph in the weak score (a file of
#: random words on one line is not a paragraph, whatever word it starts with).
OPENING_LIMIT = 3000
_SENTENCE_END = lazy_compile(r"[.!?][\"”’')]*(?:\s|$)")


def _paragraph(line: str) -> bool:
    """The line reads like an opening paragraph: not overlong, with a sentence in it.
    Random words can open with "JAKARTA -" or "PELATIH Tim"; they rarely make sentences."""
    return len(line) <= OPENING_LIMIT and _SENTENCE_END.search(line) is not None


def _section(url: str | None) -> str | None:
    """The channel subdomain: ``news``, ``economy``, ``bola``, ``celebrity``."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    sub = host.removesuffix("okezone.com").rstrip(".")
    return sub if sub and sub not in ("www", "m", "amp") else None


def _split_glued_title(lines: list[str]) -> list[str]:
    """A whitespace-collapsed crawl glues the title to the dateline paragraph: split them."""
    if len(lines) > 2 or not lines:
        return lines
    first = lines[0]
    m = re.search(r"\s(?=[A-Z][A-Z.']{2,}(?:\s[A-Z][A-Z.']+){0,2}\s*[-–—]{1,2}\s)", first[:220])
    if not m or len(first) < 300:
        return lines
    head, rest = first[: m.start()].strip(), first[m.end():].strip()
    if _plausible_title(head):
        return [head, rest, *lines[1:]]
    return lines


# -- header -----------------------------------------------------------------------------


def _read_header(lines: list[str], article: Article) -> int:
    """Breadcrumb, title, byline, date, caption and widgets; return where the body starts."""
    scan = lines[:_HEADER_SCAN]
    byline_at = next((i for i, line in enumerate(scan) if BYLINE.match(line)), None)
    if byline_at is None:
        return _headless(lines, article)
    header = []
    for line in lines[:byline_at]:
        crumb = BREADCRUMB.match(line)
        if crumb:
            words = crumb["trail"].split()
            article.section = " ".join(words[1:]).title() if len(words) > 1 else article.section
            continue
        if not JUNK.matches(line):
            header.append(line)
    if header and _plausible_title(header[-1]):
        article.title = header[-1]
    m = BYLINE.match(lines[byline_at])
    for name in re.split(r"\s*(?:/|&|\bdan\b)\s*", m["names"]):
        if name.strip():
            article.authors.append(Author(name=name.strip(), role="reporter", label=m["label"]))
    if m["date"]:
        article.published = _date(m["date"], article)
    i = byline_at + 1
    # After the byline: the date line (old AMP), the title again, a caption, widgets.
    while i < len(lines) and i <= byline_at + 8:
        line = lines[i]
        when = textkit.date_line(line)
        if when:
            article.published = article.published or when
        elif line == article.title or _WIDGET.match(line) or JUNK.matches(line):
            pass
        elif DATELINE.match(line) or len(line) > 250 or textkit.related_title(line):
            break
        elif not article.images:
            credit = _CAPTION_CREDIT.search(line)
            article.images.append(Image(caption=line[: credit.start()].strip() if credit else line,
                                        credit=credit["credit"].strip() if credit else None))
        else:
            break
        i += 1
    return i


def _headless(lines: list[str], article: Article) -> int:
    """No byline: a title line right above the dateline (or the capitalised opening)."""
    for i, line in enumerate(lines[:3]):
        if JUNK.matches(line) or BREADCRUMB.match(line):
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if _plausible_title(line) and (DATELINE.match(nxt) or CAPS_OPENING.match(nxt)):
            article.title = line
            return i + 1
        break
    article.note("no byline or date line: the dump starts at the body or mid-article")
    return 0


def _plausible_title(line: str) -> bool:
    if not 10 <= len(line) <= 200 or len(line.split()) < 3:
        return False
    if line.endswith((".", ",", ";", ":")) or textkit.date_line(line) or BYLINE.match(line):
        return False
    return not (DATELINE.match(line) or CAPS_OPENING.match(line) or textkit.related_title(line))


def _date(text: str, article: Article) -> datetime | None:
    found = dates.parse_date(text, default_tz=WIB)
    if found is None:
        article.note(f"date not readable: {text!r}")
    return found


# -- body -------------------------------------------------------------------------------


def _read_body(lines: list[str], article: Article) -> None:
    """Paragraphs, related links, the dateline's city, the closing credit."""
    for line in lines:
        if FOOTER.matches(line):
            break
        text = textkit.body_text(line, JUNK, article.related)
        if text is None:
            continue
        m = CLOSING_CREDIT.match(line)  # "(Name)" alone: never holds a "(Baca juga: X)"
        if m:
            name = m["name"].strip()
            if all(a.name.casefold() != name.casefold() for a in article.authors):
                article.authors.append(Author(name=name, role="editor"))
            article.note("the name in parentheses that closes the text is taken for the editor")
            continue
        if not text:
            continue
        if not article.body and not article.dateline:
            m = DATELINE.match(text)
            if m:
                article.dateline = m["city"].upper()
                text = text[m.end():].strip()
                if not text:
                    continue
        article.body.append(Block("heading", text) if _is_subhead(text) else Block("paragraph", text))
    if article.body and article.body[-1].kind == "heading":
        article.body[-1].kind = "paragraph"  # a cut-off last line is not a sub-head


def _is_subhead(text: str) -> bool:
    """Okezone explainers use short sub-heads ("Pengertian Suku Bunga Acuan")."""
    if textkit.numbered_heading(text):
        return True
    words = text.split()
    return (2 <= len(words) <= 8 and not text.endswith((".", ",", ";", ":", "?", "!", '"', "”"))
            and text[0].isupper() and sum(w[0].isupper() for w in words if w[0].isalpha()) >= len(words) // 2 + 1)


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK, FOOTER)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register) -> None:  # noqa: ANN001 - the hook's callable
    register(OkezoneParser())
