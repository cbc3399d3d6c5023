"""Media Indonesia (mediaindonesia.com, m.mediaindonesia.com): plain-text dumps.

Layout (see ../shared/docs/portal-layouts.md): desktop excerpts start with ``Headline`` and
one to three teaser sentences of OTHER articles (the first often twice), sometimes
``Kumpulan Berita DPR RI``; there is no title, author or date line. The body starts with a
capitalised first word (``WAKIL Gubernur …``, ``PEMBALAP …``) and ends with an editor code
``(OL-1)``, ``(Ndf/I-1)``, ``(A-5)``; teasers of other articles and
``Copyright @ 2025 Media Group - mediaindonesia. All Rights Reserved`` follow. The URL
(``/<rubrik>/<id>/slug``) carries no date.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from warta import LIKELY, POSSIBLE, Article, Block, Document, Link, TextDumpParser, hookimpl, textkit
from warta.textkit import lazy_compile

SITE = "mediaindonesia.com"
HOSTS = ("mediaindonesia.com",)

# "WAKIL Gubernur", "PEMBALAP MotoGP", "KETUA Komite", "JAKARTA -": an upper-case first word.
_CAPS_OPENING = lazy_compile(r"^(?:[A-Z][A-Z'’.-]{2,}|[A-Z]{2,}(?=\s+[A-Z]{2,}))\s")
_DATELINE = lazy_compile(r"^(?P<city>[A-Z][A-Z.'’ ]{1,30}[A-Z])\s*(?:\([^)]{1,40}\)\s*)?[-–—]+\s+")
_EDITOR_CODE = lazy_compile(r"\((?:[A-Za-z]{1,5}/)?[A-Z]{1,3}-\d{1,3}\)\s*$")
_COPYRIGHT = lazy_compile(r"^Copyright\s*(?:@|©|\(c\))\s*\d{4}\s+Media Group\b", re.IGNORECASE)
# A "Baca juga: Title" glued inside a crawl's single paragraph: the title runs to a quote
# mark or to the capitalised word that opens the next sentence (a word followed by a comma
# or one of the usual sentence openers).
_INLINE_BACA = lazy_compile(
    r"\s*\bBaca juga\s*:\s*(?P<title>[^\"“]+?)\s+(?=[\"“]|(?:Sebelumnya|Selain|Namun|Sementara|Menurut|"
    r"Dalam|Adapun|Kemudian|Setelah|Hal|Ia|Dia|Mereka|Pada|Di|Saat|Untuk|Sedangkan|Meski)\b|"
    r"[A-Z][a-z]+,\s)",
)
_STOP = frozenset(s.casefold() for s in ("Berita Terkait", "Terpopuler", "Berita Terkini", "Tags", "Tag"))

JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=["Headline", "Kumpulan Berita DPR RI", "Baca juga", "Baca juga:", "Read Next", "Video"],
    patterns=[r"^Copyright\s*(?:@|©)\s*\d{4}\s+Media Group\b", r"^All Rights Reserved\.?$",
              r"^Kumpulan Berita\b.{0,40}$"],
)

#: Lines after ``Headline`` searched for the body's first line.
TEASER_SPAN = 8


class MediaIndonesiaParser(TextDumpParser):
    """Text dumps of mediaindonesia.com pages."""

    name = "mediaindonesia"
    site = SITE
    sites = HOSTS
    sniff_markers = ("headline", "media group")  # text_score's gate
    label = "Media Indonesia"

    def text_score(self, text: str) -> float:
        """LIKELY on ``Headline`` + capitalised opening or its copyright; POSSIBLE on ``Headline`` alone."""
        if text.find("Headline", 0, 300) < 0 and "media group" not in text[-1500:].lower():
            return 0.0  # both rules need one of these: a cheap way out
        lines = textkit.sniff_lines(text, limit=8000)
        tail = textkit.sniff_lines(text[-1500:])[-6:]
        if any(_COPYRIGHT.match(line) or "Media Group - mediaindonesia" in line for line in tail):
            return LIKELY
        if lines and lines[0] == "Headline":
            if any(_CAPS_OPENING.match(line) for line in lines[1:TEASER_SPAN]):
                return LIKELY
            return POSSIBLE
        return 0.0

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        start = _body_start(lines, article)
        _read_body(lines[start:], article)
        _apply_url(doc.url, article)
        article.note("Media Indonesia dumps print no title: title unknown")


def _body_start(lines: list[str], article: Article) -> int:
    """Skip ``Headline`` and the teasers of other articles; return where the body starts."""
    if lines[0] != "Headline":
        return 0
    for i, line in enumerate(lines[1:TEASER_SPAN], start=1):
        if _CAPS_OPENING.match(line):
            return i
    # No capitalised opening: skip the short teaser sentences (and their repeats).
    i = 1
    while i < len(lines) and i < TEASER_SPAN and (len(lines[i]) <= 160 or JUNK.matches(lines[i])):
        i += 1
    article.note("body start guessed after the teaser lines (no capitalised opening word)")
    return i


def _read_body(lines: list[str], article: Article) -> None:
    texts: list[str] = []
    for line in lines:
        if line.casefold() in _STOP or _COPYRIGHT.match(line):
            break
        title = textkit.related_title(line)
        if title:
            article.related.append(Link(title=title))
            continue
        if JUNK.matches(line):
            continue
        line = _cut_inline_related(line, article)
        line, inline = textkit.pull_inline_related(line)
        article.related.extend(inline)
        if not texts and article.dateline is None:
            m = _DATELINE.match(line)
            if m:
                article.dateline = m["city"].strip()
        code = _EDITOR_CODE.search(line)
        if code:
            line = line[: code.start()].rstrip()
            if line:
                texts.append(line)
            break  # what follows the editor code are teasers of other articles
        texts.append(line)
    article.body = [Block("heading" if textkit.numbered_heading(t) else "paragraph", t) for t in texts if t]


def _cut_inline_related(line: str, article: Article) -> str:
    """Cut ``Baca juga: X`` out of a whitespace-collapsed paragraph (crawl dumps)."""
    if "Baca juga" not in line or textkit.related_title(line):
        return line

    def take(m: re.Match[str]) -> str:
        article.related.append(Link(title=m["title"].strip()))
        return " "

    return _INLINE_BACA.sub(take, line).strip()


def _apply_url(url: str | None, article: Article) -> None:
    """Rubric (section) from ``/<rubrik>/<id>/slug``; desktop and mobile pages share one id."""
    if not url:
        return
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) >= 2 and segments[1].isdigit():
        article.section = segments[0].lower()
    host = (parts.hostname or "").lower()
    if host in ("mediaindonesia.com", "m.mediaindonesia.com"):
        host = "mediaindonesia.com"
    article.id = f"https://{host}{parts.path}"


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register) -> None:
    register(MediaIndonesiaParser())
