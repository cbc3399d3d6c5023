"""Tirto (tirto.id): text dumps.

Layout (see shared/docs/portal-layouts.md): the skip link ``Menuju konten utama``, the title,
a subtitle, the title again glued to the photo caption (``Ilustrasi ... tirto.id/Lugas``), then
the body opening with ``tirto.id -``. No date line was seen in the excerpts; a header line
that is only a date, and ``Penulis:``/``Editor:`` lines, are read when present.
"""

from __future__ import annotations

import re

from warta import Article, Author, Document, Image, LIKELY, TextDumpParser, hookimpl
from warta import textkit
from warta.textkit import lazy_compile

SITE = "tirto.id"
HOSTS = ("tirto.id",)

JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=["Menuju konten utama", "Skip to main content", "tirto.id", "Tirto.id", "Artikel Terkait",
           "Baca Selengkapnya", "Bagikan artikel ini"],
    patterns=[r"^Ukuran Font\b", r"^Share\s*:?$"],
)

# "tirto.id - ", "Jakarta, tirto.id - "
_LEAD = lazy_compile(r"^(?:(?P<city>[A-Z][A-Za-z. ]{1,30}),?\s+)?tirto\.id\s*[-–—]\s*", re.I)
_CREDIT = lazy_compile(r"\s*(?P<credit>tirto\.id/\S.*)$", re.I)
_OLEH = lazy_compile(r"^Oleh\s*:?\s*(?P<name>[^-–—|:]{2,60}?)\s*(?:[-–—|]\s*(?P<date>.+))?$")
_HEADER_LINES = 15


class TirtoParser(TextDumpParser):
    """Reads text dumps of tirto.id article pages."""

    name = "tirto"
    site = SITE
    sites = HOSTS
    sniff_markers = ("tirto.id",)  # text_score's gate
    label = "tirto.id"

    def text_score(self, text: str) -> float:
        """LIKELY on the skip link up top or a ``tirto.id -`` lead."""
        if "tirto.id" not in text[:4000].lower():  # both markers hold the brand: a cheap way out
            return 0.0
        text, _ = textkit.strip_crawl_prefix(text[:4000])
        head = [line for line in textkit.clean_lines(text) if line][:_HEADER_LINES]
        if any(_LEAD.match(line) for line in head):
            return LIKELY
        if head and head[0] == "Menuju konten utama" and any(_CREDIT.search(line) for line in head):
            return LIKELY
        return 0.0

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        lead = next((i for i, line in enumerate(lines[:_HEADER_LINES]) if _LEAD.match(line)), None)
        if lead is None:
            article.note("no 'tirto.id -' lead: the dump may start mid-article; no title taken")
            lead = 0
        else:
            _read_header(lines[:lead], article)
        body, authors = textkit.split_credits(lines[lead:])
        article.authors.extend(authors)
        if body:
            m = _LEAD.match(body[0])
            if m:
                if m["city"]:
                    article.dateline = m["city"].upper()
                body[0] = body[0][m.end():]
        texts, article.related = textkit.sort_body_lines(body, JUNK)
        article.body = textkit.blocks_from(texts)


def _read_header(header: list[str], article: Article) -> None:
    """Title, subtitle (as summary), byline, date and photo caption from the header lines."""
    kept: list[str] = []
    for line in header:
        if JUNK.matches(line):
            continue
        when = textkit.date_line(line)
        if when is not None:
            article.published = article.published or when
            continue
        author = textkit.credit_line(line)
        m = _OLEH.match(line)
        if author or m:
            article.authors.append(author or Author(name=m["name"], role="writer", label="Oleh"))  # type: ignore[index]
            if m and m["date"] and article.published is None:
                article.published = textkit.date_line(m["date"])
            continue
        kept.append(line)
    if not kept or not _looks_like_title(kept[0]):
        article.note("no title found")
        return
    article.title = kept[0]
    for line in kept[1:]:
        if line.startswith(article.title) and len(line) > len(article.title):
            rest = line[len(article.title):].strip()
            m = _CREDIT.search(rest)
            article.images.append(Image(caption=(rest[: m.start()] if m else rest).strip() or None,
                                        credit=m["credit"] if m else None))
        elif line != article.title and article.summary is None:
            article.summary = line


def _looks_like_title(line: str) -> bool:
    return 3 <= len(line) <= 200 and not line.endswith((".", ",", ";", ":"))


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register):
    register(TirtoParser())
