"""Republika (republika.co.id: news., fbeta., ekonomi., tv. …): text dumps.

Layout (see shared/docs/portal-layouts.md, "republika"):

- header, in one of three orders:
  - the date line ``Selasa 27 Sep 2022 21:15 WIB`` (no comma, English month abbreviations),
    the title, an optional subtitle, then ``Rep: Name/ Red: Name``;
  - tv: the date line, the ``Rep: … Red: …`` line, then the title;
  - amp: the title, the subtitle, a photo credit and caption, then ``Rep: X ce no ki Red: Y``;
- after the credits a photo block: caption, ``Foto: Credit``, the caption again;
- body: ``REPUBLIKA.CO.ID, JAKARTA --`` (``—``, ``-``, ``REPUBLIKA.CO.ID,JAKARTA -``, a bare
  ``JAKARTA -`` on one AMP page) opens it; many dumps start right there with no header;
- noise: ``Baca Juga`` alone, ``BACA JUGA: Update Berita-Berita Politik …, Klik di Sini``,
  ``Berita Terpopuler`` (the footer), ``(Baca: X).`` (a related link), tv's
  ``Video Editor | Name`` credit.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from warta import Article, Author, Block, Document, Image, Link, LIKELY, TextDumpParser, hookimpl
from warta import textkit
from warta.textkit import lazy_compile

SITE = "republika.co.id"
HOSTS = ("republika.co.id", "republika.id")

_HEADER_SCAN = 12
# "REPUBLIKA.CO.ID, JAKARTA -- ", "REPUBLIKA.CO.ID,JAKARTA - ", "REPUBLIKA.CO.ID -- "
DATELINE = lazy_compile(
    r"^REPUBLIKA\.CO\.ID\s*(?:,\s*(?P<city>[^-–—,]{2,40}?))?\s*[-–—]{1,2}(?:\s+|$)", re.IGNORECASE
)
# An AMP page's bare dateline: "JAKARTA - ", "KUALA LUMPUR -- "
BARE_DATELINE = lazy_compile(r"^(?P<city>[A-Z]{3,}(?:\s[A-Z]{2,}){0,2})\s*[-–—]{1,2}\s+(?=\S)")
# "Rep: Haura Hafidzah/ Red: Ichsan Emrald Alamsyah", "Rep: Ali Mansur ce no ki Red: Teguh F"
CREDITS = lazy_compile(
    r"^(?:Rep(?:orter)?\s*:\s*(?P<rep>[^:]{2,80}?)\s*/?\s*)?Red\s*:\s*(?P<red>[^:/]{2,60})$"
    r"|^Rep(?:orter)?\s*:\s*(?P<only>[^:/]{2,60})$",
    re.IGNORECASE,
)
_REP_GATE = lazy_compile(r"Rep\s*:")
_PAIRED = lazy_compile(r"^Rep\s*:\s*\S.*\bRed\s*:\s*\S")
_VIDEO_EDITOR = lazy_compile(r"^(?P<label>Video Editor|Editor Video|Videografer)\s*[|:]\s*(?P<name>\S.{1,60})$", re.IGNORECASE)
# "Selasa 27 Sep 2022 21:15 WIB" and the like (checked with warta.dates).
_PHOTO = lazy_compile(r"^Foto\s*:\s*(?P<credit>\S.{0,80})$", re.IGNORECASE)
_LOWER_TAIL = lazy_compile(r"(?:\s+[a-z]{1,4})+$")

JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=["Baca Juga", "Baca juga:", "Republika.co.id", "Republika"],
    patterns=[
        r"^BACA JUGA\s*:\s*Update Berita\b.*Klik di Sini\.?$",
        r"^(?:Baca|Ikuti)\b.{0,80}\b(?:Google News|WhatsApp)\b",
        r"^Klik di sini\b",
    ],
)
FOOTER = textkit.Boilerplate(
    exact=["Berita Terpopuler", "Berita Terkait", "Berita Lainnya", "Terpopuler", "Rekomendasi",
           "Berita Terkini", "Tags", "Komentar"],
)


class RepublikaParser(TextDumpParser):
    """Reads text dumps of Republika pages."""

    name = "republika"
    site = SITE
    sites = HOSTS
    sniff_markers = ("republika", "rep")  # text_score's gate
    label = "Republika"

    def text_score(self, text: str) -> float:
        """LIKELY on its dateline or ``Rep: … Red: …`` credits."""
        return text_score(text)

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        """Header, body and the channel subdomain."""
        article.section = _section(doc.url)
        start = _read_header(lines, article)
        _read_body(lines[start:], article)
        if article.title is None:
            article.note("no headline in the dump (it starts at the dateline or mid-article)")
        if textkit.guess_language(b.text for b in article.body) == "en":
            article.language = "en"


def text_score(text: str) -> float:
    """How much the text itself looks like a Republika page (no URL known)."""
    if "republika" not in text[:5000].lower() and not _REP_GATE.search(text, 0, 5000):
        return 0.0  # the dateline holds the brand, the credits "Rep:": a cheap way out
    body, _ = textkit.strip_crawl_prefix(text[:5000])
    shown = [line for line in textkit.clean_lines(body) if line][:_HEADER_SCAN]
    if any(DATELINE.match(line) or _PAIRED.match(line) for line in shown):
        return LIKELY
    return 0.0


def _section(url: str | None) -> str | None:
    """The channel subdomain: ``news``, ``ekonomi``, ``tv`` (not ``fbeta``/``www``/``m``)."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    sub = host.removesuffix("republika.co.id").rstrip(".")
    return sub if sub and sub not in ("www", "m", "fbeta", "amp") else None


# -- header -----------------------------------------------------------------------------


def _read_header(lines: list[str], article: Article) -> int:
    """Date line, title, credits and photo; return the index where the body starts."""
    scan = lines[:_HEADER_SCAN]
    credits_at = next((i for i, line in enumerate(scan) if CREDITS.match(line)), None)
    dateline_at = next((i for i, line in enumerate(scan) if _dateline(line)), None)
    if credits_at is None and (dateline_at is None or dateline_at > 4):
        # No header: the dump starts at the dateline or mid-article; a lone date line may show.
        for i, line in enumerate(scan[:2]):
            when = textkit.date_line(line)
            if when:
                article.published = when
                return i + 1
        return 0
    top = credits_at if credits_at is not None else dateline_at
    header = []
    for line in lines[:top]:
        when = textkit.date_line(line)
        if when:
            article.published = article.published or when
        elif not JUNK.matches(line):
            header.append(line)
    if credits_at is not None:
        _add_credits(lines[credits_at], article)
    if header and _plausible_title(header[0]):
        article.title = header[0]
        _header_photo(header[2:] if len(header) > 2 else [], article)
    start = top + 1 if credits_at is not None else top
    if article.title is None and credits_at is not None and start < len(lines):
        # tv: date line, credits, then the title.
        candidate = lines[start]
        if not _dateline(candidate) and _plausible_title(candidate):
            article.title = candidate
            start += 1
    if dateline_at is not None and dateline_at >= start:
        _photo_block(lines[start:dateline_at], article)
        return dateline_at
    return _skip_photo(lines, start, article)


def _add_credits(line: str, article: Article) -> None:
    m = CREDITS.match(line)
    if not m:
        return
    rep = m["rep"] or m["only"]
    if rep:
        name = _LOWER_TAIL.sub("", rep.strip(" /"))
        if name:
            article.authors.append(Author(name=name, role="reporter", label="Rep"))
    if m["red"]:
        article.authors.append(Author(name=m["red"].strip(" /"), role="editor", label="Red"))


def _plausible_title(line: str) -> bool:
    if not 10 <= len(line) <= 200 or len(line.split()) < 3:
        return False
    if line.endswith((".", ",", ";", ":")) or textkit.date_line(line) or CREDITS.match(line):
        return False
    return not (_dateline(line) or _PHOTO.match(line))


def _header_photo(lines: list[str], article: Article) -> None:
    """AMP: after title and subtitle, a photo credit line and its caption."""
    if len(lines) == 2 and len(lines[0].split()) <= 4:
        article.images.append(Image(caption=lines[1], credit=lines[0]))
    elif len(lines) == 1:
        article.images.append(Image(caption=lines[0]))


def _photo_block(lines: list[str], article: Article) -> None:
    """Between the credits and the dateline: caption, ``Foto: credit``, the caption again."""
    if not lines:
        return
    credit = next((_PHOTO.match(line)["credit"] for line in lines if _PHOTO.match(line)), None)
    captions = [line for line in lines if not _PHOTO.match(line) and not JUNK.matches(line)]
    caption = captions[0] if captions else None
    if caption or credit:
        article.images.append(Image(caption=caption, credit=credit))


def _skip_photo(lines: list[str], start: int, article: Article) -> int:
    """Without a dateline: a ``Foto:`` line among the next three lines closes a photo block."""
    for i in range(start, min(len(lines), start + 3)):
        if _PHOTO.match(lines[i]):
            end = i + 1
            if end < len(lines) and i > start and lines[end] == lines[start]:
                end += 1  # the caption printed again
            _photo_block(lines[start:end], article)
            return end
    return start


def _dateline(line: str) -> re.Match[str] | None:
    return DATELINE.match(line) or BARE_DATELINE.match(line)


# -- body -------------------------------------------------------------------------------


def _read_body(lines: list[str], article: Article) -> None:
    """Paragraphs, related links, the dateline's city; stops at the footer lists."""
    for line in lines:
        if FOOTER.matches(line):
            break
        m = _VIDEO_EDITOR.match(line)
        if m:
            article.authors.append(Author(name=m["name"].strip(), role="editor", label=m["label"]))
            continue
        if CREDITS.match(line):
            _add_credits(line, article)
            continue
        if JUNK.matches(line):
            continue
        title = textkit.related_title(line.rstrip(". "))
        if title:
            article.related.append(Link(title=title.rstrip(". ")))
            continue
        text, inline = textkit.pull_inline_related(line)
        article.related.extend(inline)
        if not text or _PHOTO.match(text):
            continue
        if not article.body and not article.dateline:
            m = _dateline(text)
            if m:
                if m["city"]:
                    article.dateline = m["city"].strip().upper()
                text = text[m.end():].strip()
                if not text:
                    continue
        article.body.append(Block("heading", text) if textkit.numbered_heading(text) else Block("paragraph", text))


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK, FOOTER)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register) -> None:  # noqa: ANN001 - the hook's callable
    register(RepublikaParser())
