"""Merdeka.com: text dumps.

Layout (see shared/docs/portal-layouts.md): ``Better experience in portrait mode.`` and
``Iklan - Geser ke atas untuk melanjutkan``, the title, then one line that repeats the title,
adds the photo caption and a credit ``©2017 Merdeka.com``; the body opens with
``Merdeka.com -``. AMP pages: the title, then the lead printed twice. No date line is printed;
the body ends with an editor code ``(mdk/ded)``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from warta import Article, Block, Document, Image, LIKELY, TextDumpParser, hookimpl
from warta import textkit
from warta.textkit import lazy_compile

SITE = "merdeka.com"
HOSTS = ("merdeka.com",)

JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=["Better experience in portrait mode.", "Buka FYP", "Berita Selanjutnya", "Geser ke atas"],
    patterns=[
        r"^Iklan\s*-\s*Geser ke atas",
        r"^Geser ke atas\b",
        r"^Cobain For You Page\b",
        r"^VIDEO\s*:",
        r"^\(mdk/[a-z]+\)$",
        r"^Sumber\s*:\s*Liputan6\.com$",
    ],
)

# "Merdeka.com - ", "JAKARTA, Merdeka.com - "
_LEAD = lazy_compile(r"^(?:(?P<city>[A-Z][A-Za-z. ]{1,30}),\s*)?Merdeka\.com\s*[-–—]\s*")
_END_CODE = lazy_compile(r"\s*\(mdk/[a-z]+\)\s*$", re.I)
_CREDIT = lazy_compile(r"\s*(?P<credit>(?:©|Â©)\s*\d{4}\s+\S.*)$")
_SECTION = lazy_compile(r"^/(?:amp/)?(?P<section>[a-z0-9-]+)/[^/]+\.html$")
_HEADER_LINES = 12
# The lead holds "Merdeka.com", the widget line this: pages without them are turned away cheaply.
_SNIFF_GATE = lazy_compile(r"Better\s+experience")


class MerdekaParser(TextDumpParser):
    """Reads text dumps of Merdeka.com article pages."""

    name = "merdeka"
    site = SITE
    sites = HOSTS
    sniff_markers = ("merdeka.com", "experience")  # text_score's gate
    label = "Merdeka.com"

    def text_score(self, text: str) -> float:
        """LIKELY on its header lines or a ``Merdeka.com -`` lead."""
        if text.find("Merdeka.com", 0, 4000) < 0 and not _SNIFF_GATE.search(text, 0, 4000):
            return 0.0
        text, _ = textkit.strip_crawl_prefix(text[:4000])
        head = [line for line in textkit.clean_lines(text) if line][:_HEADER_LINES]
        for line in head:
            if line == "Better experience in portrait mode." or _LEAD.match(line):
                return LIKELY
        return 0.0

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        article.section = _section(doc.url)
        lead = next((i for i, line in enumerate(lines[:_HEADER_LINES]) if _LEAD.match(line)), None)
        start = _read_header(lines, lead, article)
        rest, article.authors = textkit.split_credits(lines[start:])
        # AMP prints the lead twice.
        body = [line for n, line in enumerate(rest) if n == 0 or line != rest[n - 1]]
        if body:
            first = _LEAD.match(body[0])
            if first:
                if first["city"]:
                    article.dateline = first["city"].upper()
                body[0] = body[0][first.end():]
            body[-1] = _END_CODE.sub("", body[-1])
        texts, article.related = textkit.sort_body_lines(body, JUNK)
        # The last line of a truncated dump is cut mid-word: never take it for a sub-head.
        article.body = [
            Block("heading", t) if _is_subhead(t) and n < len(texts) - 1 else Block("paragraph", t)
            for n, t in enumerate(texts)
        ]


def _read_header(lines: list[str], lead: int | None, article: Article) -> int:
    """Title and photo from the lines before the lead; return where the body starts."""
    if lead is None:
        article.note("no 'Merdeka.com -' lead: the dump may start mid-article")
    end = lead if lead is not None else min(len(lines), _HEADER_LINES)
    header = []
    for i, line in enumerate(lines[:end]):
        if JUNK.matches(line):
            continue
        if article.published is None and (when := textkit.date_line(line)):
            article.published = when
            continue
        header.append((i, line))
    if lead is None:
        # Without the lead, only a short unpunctuated first line followed by a caption repeating it
        # is trusted as the title.
        if len(header) >= 2 and _looks_like_title(header[0][1]) and header[1][1].startswith(header[0][1]):
            article.title = header[0][1]
            _caption(header[1][1], article)
            return header[1][0] + 1
        skipped = next((i for i, line in enumerate(lines) if not JUNK.matches(line)), 0)
        article.note("no title found")
        return skipped
    if header and _looks_like_title(header[0][1]):
        article.title = header[0][1]
        for _, line in header[1:]:
            if line.startswith(article.title) and len(line) > len(article.title):
                _caption(line, article)
    else:
        article.note("no title found")
    return lead


def _caption(line: str, article: Article) -> None:
    rest = line[len(article.title or ""):].strip()
    m = _CREDIT.search(rest)
    credit = m["credit"].replace("Â©", "©") if m else None
    caption = rest[: m.start()].strip() if m else rest
    article.images.append(Image(caption=caption or None, credit=credit))


def _looks_like_title(line: str) -> bool:
    return 3 <= len(line) <= 200 and not line.endswith((".", ",", ";", ":")) and not _LEAD.match(line)


def _is_subhead(text: str) -> bool:
    """Merdeka's sub-heads: short lines without sentence punctuation."""
    return len(text) <= 80 and not text.endswith((".", "!", "?", ":", ",", '"', "”")) and text[:1].isupper()


def _section(url: str | None) -> str | None:
    if not url:
        return None
    m = _SECTION.match(urlsplit(url).path)
    return m["section"] if m else None


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register):
    register(MerdekaParser())
