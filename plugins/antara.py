"""ANTARA (antaranews.com and its regional and pemilu. sites): text dumps.

Layout (see shared/docs/portal-layouts.md, "antara"):

- most dumps start at the body dateline ``Jakarta (ANTARA) -`` (before about 2019
  ``Jakarta (ANTARA News) -``; ``Washington, D.C. (ANTARA) -``), with no title or date line;
- some carry a header: the title, a keyword line ``id kata, kunci, …``, the title again and a
  photo caption ending ``(ANTARA/HO)``; video pages start with the title or with ``ANTARA - ``;
  a line before the dateline that nothing confirms as the title is a pull quote;
- footer: a staff code ``(I026)``; on old AMP pages the title, the date line
  ``25 Februari 2013 12:19 WIB`` and a caption; then ``Pewarta: X`` (``Pewarta : X``, or empty),
  ``Penerjemah: X``, ``Editor: Y``, ``Copyright © ANTARA 2020`` (a year hint only), ``Tags:``;
- ``Baca juga: X`` lines (often several in a row, an empty one at a cut) are related links.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from warta import Article, Author, Block, Document, Image, LIKELY, TextDumpParser, hookimpl
from warta import textkit
from warta.textkit import lazy_compile

SITE = "antaranews.com"
HOSTS = ("antaranews.com", "antaranews.id")

_HEADER_SCAN = 10  # non-blank lines in which the dateline may appear
# "Jakarta (ANTARA) - ", "Jakarta (ANTARA News) - ", "Washington, D.C. (ANTARA) - "
DATELINE = lazy_compile(
    r"^(?P<city>[A-Z][\w.'’-]*(?:,?\s[A-Z][\w.'’-]*){0,3})\s*,?\s*\((?P<brand>ANTARA(?:\s+News)?)\)"
    r"\s*[-–—]{1,2}\s*"
)
# Video pages: "ANTARA - Ajang kompetisi ..."
VIDEO_DATELINE = lazy_compile(r"^ANTARA\s*[-–—]{1,2}\s+")
COPYRIGHT = lazy_compile(r"^Copyright\s*(?:©|\(c\)|&copy;)\s*ANTARA\s*(?P<year>\d{4})\b", re.IGNORECASE)
# "Pewarta:" printed with no name, and the other footer labels.
_EMPTY_CREDIT = lazy_compile(
    r"^(?:Pewarta|Editor|Penerjemah|Penyunting|Fotografer|Videografer|Narator|Tags?)\s*:\s*$",
    re.IGNORECASE,
)
_FOOTER_CREDIT = lazy_compile(
    r"^(?P<label>Pewarta(?: foto)?|Editor|Penerjemah|Penyunting|Fotografer|Videografer|Narator)"
    r"\s*:\s*(?P<names>\S.{1,80})$",
    re.IGNORECASE,
)
ROLES = {
    "pewarta": "reporter", "pewarta foto": "photographer", "editor": "editor",
    "penyunting": "editor", "penerjemah": "translator", "fotografer": "photographer",
    "videografer": "photographer", "narator": "contributor",
}
# The desk code that closes the text: "(I026)", "(T.I026)", "(U.A043/B/C)".
STAFF_CODE = lazy_compile(r"\s*\((?:[A-Z]\.)?[A-Z]{1,3}\d{2,4}(?:/[A-Z0-9.]{1,8})*\)\s*$")
# The keyword line under the title: "id basarnas lampung, sar, pesawat sriwijaya".
_KEYWORDS_GATE = lazy_compile(r"id\s")  # loosened _KEYWORDS (a literal start is a fast scan)
_KEYWORDS = lazy_compile(r"^id\s+(?P<words>[a-z0-9][^A-Z\n]*,[^A-Z\n]*)$")
_TAGS_LINE = lazy_compile(r"^Tags?\s*:\s*(?P<tags>\S.*)$", re.IGNORECASE)
# A caption's credit: "(ANTARA/HO)", "(ANTARA FOTO/Nama)", "(REUTERS/Kim Hong-Ji)".
_CAPTION_CREDIT = lazy_compile(r"\s*\((?P<credit>[A-Z][A-Za-z .-]{1,30}/[^()]{1,60})\)\.?\s*$")
# Paragraphs glued with no space by a collapsed crawl: "…Jumat (28/10).Sebelum ke …"
_GLUED = lazy_compile(r"(?<=[a-z)\"”0-9])\.(?=[A-Z][a-z])")

JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=["Baca juga:", "Baca juga", "Baca Juga", "Berita Terkait", "Komentar", "Video"],
    patterns=[r"^(?:Baca juga|Baca)\s*:\s*$", r"^\(\s*\*\s*\)$"],
)
FOOTER = textkit.Boilerplate(
    exact=["Berita Terkait", "Berita Lainnya", "Terpopuler", "Berita Terkini", "Rekomendasi lain"],
)


class AntaraParser(TextDumpParser):
    """Reads text dumps of ANTARA news pages."""

    name = "antara"
    site = SITE
    sites = HOSTS
    label = "ANTARA"

    def text_score(self, text: str) -> float:
        """LIKELY on the ANTARA dateline or copyright footer."""
        return text_score(text)

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        """Header, footer credits, body; the section and the English site from the URL."""
        lines = _unglue(lines)
        article.section = _section(doc.url)
        start = _read_header(lines, article)
        end = _read_footer(lines, start, article)
        _read_body(lines[start:end], article)
        if article.title is None and not any(b.kind == "quote" for b in article.body):
            article.note("no headline in the dump (it starts at the dateline or mid-article)")
        if doc.host.startswith("en.") or textkit.guess_language(b.text for b in article.body) == "en":
            article.language = "en"


def text_score(text: str) -> float:
    """How much the text itself looks like an ANTARA page (no URL known)."""
    if (text.find("ANTARA", 0, 4000) < 0 and "copyright" not in text[-3000:].lower()
            and not _keywords_gate(text)):
        return 0.0  # every rule needs the brand, the copyright line or a keywords line
    body, _ = textkit.strip_crawl_prefix(text[:4000])
    shown = [line for line in textkit.clean_lines(body) if line][:8]
    if any(VIDEO_DATELINE.match(line) for line in shown[:2]):
        return LIKELY
    tail = [line for line in textkit.clean_lines(text[-3000:]) if line]
    if any(COPYRIGHT.match(line) for line in tail):
        return LIKELY
    if any(DATELINE.match(line) for line in shown) or any(_KEYWORDS.match(line) for line in shown[:4]):
        # Other portals re-run ANTARA copy: their own marks should win over the dateline alone.
        return LIKELY - 0.05
    return 0.0


def _keywords_gate(text: str) -> bool:
    """Whether an ``id`` keyword line may start in the first 4000 characters ("id" as a word)."""
    return any(m.start() == 0 or not text[m.start() - 1].isalnum()
               for m in _KEYWORDS_GATE.finditer(text, 0, 4000))


def _unglue(lines: list[str]) -> list[str]:
    """A whitespace-collapsed crawl: split it before related links and footer credits, and
    between sentences glued without a space."""
    if len([line for line in lines if line]) > 2:
        return lines
    marker = re.compile(
        r"\s*(?=Baca juga\s*:|Pewarta\s*:|Penerjemah\s*:|Editor\s*:|Copyright\s*©)"
    )
    out: list[str] = []
    for line in lines:
        for part in marker.split(line):
            out.extend(p.strip() for p in _GLUED.sub(".\n", part).split("\n") if p.strip())
    return out


def _section(url: str | None) -> str | None:
    """``video`` and ``infografik`` pages; the regional site for regional pages."""
    if not url:
        return None
    parts = urlsplit(url)
    path = [p for p in parts.path.split("/") if p and p != "amp"]
    if path and path[0] in ("video", "infografik", "foto"):
        return path[0]
    sub = (parts.hostname or "").removesuffix("antaranews.com").rstrip(".")
    return sub if sub and sub not in ("www", "m", "en") else None


# -- header -----------------------------------------------------------------------------


def _read_header(lines: list[str], article: Article) -> int:
    """Title, keywords and caption above the dateline; return where the body starts."""
    scan = lines[:_HEADER_SCAN]
    at = next((i for i, line in enumerate(scan) if DATELINE.match(line) or VIDEO_DATELINE.match(line)), None)
    keywords = next((i for i, line in enumerate(scan[:6]) if _KEYWORDS.match(line)), None)
    if at is None and keywords is None:
        article.note("no ANTARA dateline near the top: the dump starts mid-article or has no header")
        return 0
    header = lines[:at] if at is not None else lines[: keywords + 1]
    title = None
    if keywords is not None and keywords > 0:
        title = lines[keywords - 1]
        words = _KEYWORDS.match(lines[keywords])["words"]
        article.tags.extend(w.strip() for w in words.split(",") if w.strip())
    else:
        repeated = [line for n, line in enumerate(header) if line in header[n + 1:]]
        if repeated:
            title = repeated[0]
        elif at is not None and VIDEO_DATELINE.match(lines[at]) and len(header) == 1:
            title = header[0]
    if title and _plausible_title(title):
        article.title = title
    rest = [line for line in header if line != title and not _KEYWORDS.match(line)]
    for line in rest:
        credit = _CAPTION_CREDIT.search(line)
        if credit:
            article.images.append(Image(caption=line[: credit.start()].strip() or None, credit=credit["credit"]))
        elif article.title is None and len(line) <= 300:
            article.body.append(Block("quote", line))
            article.note("the line above the dateline is read as a pull quote, not as the title")
    if at is None:
        end = keywords + 1
        while end < len(lines) and (lines[end] == title or _CAPTION_CREDIT.search(lines[end])):
            if lines[end] != title:
                credit = _CAPTION_CREDIT.search(lines[end])
                article.images.append(Image(caption=lines[end][: credit.start()].strip() or None,
                                            credit=credit["credit"]))
            end += 1
        return end
    return at


def _plausible_title(line: str) -> bool:
    if not 10 <= len(line) <= 200 or len(line.split()) < 3:
        return False
    if line.endswith((".", ",", ";", ":")) or textkit.date_line(line):
        return False
    return not (DATELINE.match(line) or VIDEO_DATELINE.match(line) or _FOOTER_CREDIT.match(line))


# -- footer -----------------------------------------------------------------------------


def _read_footer(lines: list[str], start: int, article: Article) -> int:
    """Credits, copyright, old AMP title/date/caption block; return where the body ends."""
    end = len(lines)
    for i in range(start, len(lines)):
        line = lines[i]
        if _is_footer_line(line):
            end = i
            break
        when = textkit.date_line(line)
        if when and i > start:
            end = i - 1 if i - 1 > start and _plausible_title(lines[i - 1]) else i
            break
    # An old AMP page prints the title, the date line and a caption after the staff code.
    for i in range(end, len(lines)):
        line = lines[i]
        when = textkit.date_line(line)
        if when:
            article.published = article.published or when
            above = lines[i - 1] if i > start else None
            if above and article.title is None and _plausible_title(above) and not _is_footer_line(above):
                article.title = above
            below = lines[i + 1] if i + 1 < len(lines) else None
            if below and not _is_footer_line(below) and not FOOTER.matches(below):
                credit = _CAPTION_CREDIT.search(below)
                caption = below[: credit.start()].strip() if credit else below
                article.images.append(Image(caption=caption or None, credit=credit["credit"] if credit else None))
            continue
        m = _FOOTER_CREDIT.match(line)
        if m:
            label = m["label"]
            role = ROLES.get(label.lower(), "contributor")
            for name in re.split(r"\s*(?:,|/|&|\bdan\b)\s*", m["names"]):
                if name.strip(" ."):
                    article.authors.append(Author(name=name.strip(" ."), role=role, label=label))
            continue
        m = COPYRIGHT.match(line)
        if m:
            article.note(f"copyright line gives the year only: {m['year']}")
            continue
        m = _TAGS_LINE.match(line)
        if m:
            article.tags.extend(t.strip() for t in m["tags"].split(",") if t.strip())
    return end


def _is_footer_line(line: str) -> bool:
    return bool(
        STAFF_CODE.fullmatch(line) or _FOOTER_CREDIT.match(line) or _EMPTY_CREDIT.match(line)
        or COPYRIGHT.match(line) or FOOTER.matches(line)
    )


# -- body -------------------------------------------------------------------------------


def _read_body(lines: list[str], article: Article) -> None:
    """Paragraphs and related links; the dateline's city from the first paragraph."""
    for line in lines:
        text = textkit.body_text(line, JUNK, article.related)
        if text is None:
            continue
        text = STAFF_CODE.sub("", text).strip()
        if not text:
            continue
        if not article.dateline and not any(b.kind == "paragraph" for b in article.body):
            text = _take_dateline(text, article)
            if not text:
                continue
        article.body.append(Block("heading", text) if textkit.numbered_heading(text) else Block("paragraph", text))


def _take_dateline(text: str, article: Article) -> str:
    m = DATELINE.match(text)
    if m:
        article.dateline = m["city"].strip(" ,").upper()
        return text[m.end():].strip()
    m = VIDEO_DATELINE.match(text)
    if m:
        return text[m.end():].strip()
    return text


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK, FOOTER)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register) -> None:  # noqa: ANN001 - the hook's callable
    register(AntaraParser())
