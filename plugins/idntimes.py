"""IDN Times (idntimes.com and regional sites such as ntb.idntimes.com): plain-text dumps.

Layout (see ../shared/docs/portal-layouts.md): AMP excerpts hold only the body, which opens
``Jakarta, IDN Times -`` (or an em dash). Desktop pages start with the title (often with a
``[UPDATE]`` or ``[LINIMASA]`` prefix) and a subtitle. No date line is printed and the URLs
carry no date. ``Baca Juga: …`` lines are related links; numbered lines are sub-heads.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from warta import LIKELY, Article, Document, Image, TextDumpParser, hookimpl, textkit
from warta.textkit import lazy_compile

SITE = "idntimes.com"
HOSTS = ("idntimes.com",)

_DATELINE = lazy_compile(r"^(?P<city>[A-Z][A-Za-z.'’ -]{1,30}?),\s*IDN\s+Times\s*[-–—]+\s*")
_PHOTO_CREDIT = lazy_compile(
    r"\((?P<credit>(?:IDN Times|Dok\.|dok\.|Dokumentasi|Instagram|instagram\.com|Twitter|"
    r"twitter\.com|unsplash|Unsplash|pexels|Pexels|freepik|Freepik|ANTARA FOTO|YouTube|"
    r"youtube\.com|pixabay|Pixabay)[^()]{0,80})\)\s*$"
)
_SENTENCE_END = (".", "!", "?", ",", ";", ":", '"', "”", ")")
_STOP = frozenset(s.casefold() for s in ("Baca Artikel Selengkapnya", "Topik", "Topics", "Editorial Team",
                                         "Artikel Terkait", "Berita Terkait", "Trending", "Terpopuler"))

JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=["Baca Juga", "Baca Juga:", "IDN Times", "Lanjutkan membaca artikel di bawah", "Editor’s picks",
           "Editor's picks", "Follow Us"],
    patterns=[r"^Scroll (?:to|untuk)\b.{0,40}$", r"^Baca artikel IDN Times lainnya\b.{0,200}$"],
)

#: Leading non-empty lines that may hold the title and subtitle.
HEADER_SPAN = 4


class IdnTimesParser(TextDumpParser):
    """Text dumps of idntimes.com pages (AMP and desktop)."""

    name = "idntimes"
    site = SITE
    sites = HOSTS
    sniff_markers = ("idn",)  # text_score's gate
    label = "IDN Times"

    def text_score(self, text: str) -> float:
        """LIKELY on the ``<City>, IDN Times -`` dateline up top."""
        if text.find("IDN", 0, 6000) < 0:
            return 0.0  # the dateline needs it: a cheap way out
        lines = textkit.sniff_lines(text, limit=6000)
        if any(_DATELINE.match(line) for line in lines[:HEADER_SPAN + 4]):
            return LIKELY
        return 0.0

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        start = _read_header(lines, article)
        _read_body(lines[start:], article)
        _apply_url(doc.url, article)


def _read_header(lines: list[str], article: Article) -> int:
    """Title and subtitle above the dateline paragraph; return where the body starts."""
    at = next((i for i, line in enumerate(lines[:HEADER_SPAN + 1]) if _DATELINE.match(line)), None)
    if at is None:
        article.note("no header and no dateline in the dump: it starts mid-article")
        return 0
    header = [line for line in lines[:at] if not _PHOTO_CREDIT.search(line)]
    for line in lines[:at]:
        if _PHOTO_CREDIT.search(line):
            _image(line, article)
    if not header:
        article.note("no title in the dump (AMP excerpt)")
        return at
    if any(len(line) > 250 or line.endswith(_SENTENCE_END[:2]) and len(line) > 160 for line in header[:1]):
        article.note("the line above the dateline does not look like a headline: no title taken")
        return at
    article.title = header[0]
    if len(header) > 1:
        article.summary = " ".join(header[1:])
    return at


def _image(line: str, article: Article) -> None:
    m = _PHOTO_CREDIT.search(line)
    caption = line[: m.start()].strip() if m else line
    article.images.append(Image(caption=caption or None, credit=m["credit"] if m else None))


def _read_body(lines: list[str], article: Article) -> None:
    texts: list[str] = []
    for line in lines:
        if line.casefold() in _STOP:
            break
        text = textkit.body_text(line, JUNK, article.related)
        if text is None:
            continue
        if _PHOTO_CREDIT.search(line) and len(line) <= 250 and texts:
            _image(line, article)
            continue
        if not texts and article.dateline is None:
            m = _DATELINE.match(text)
            if m:
                article.dateline = m["city"].strip().upper()
        texts.append(text)
    article.body = textkit.blocks_from(texts)
    textkit.cut_dateline(article, _DATELINE)  # the city is the dateline field, not body text


def _apply_url(url: str | None, article: Article) -> None:
    """Section from the URL's first segment; AMP and desktop pages share one id."""
    if not url:
        return
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if segments and segments[0] != "amp":
        article.section = segments[0].lower()
    host = (parts.hostname or "").lower()
    if host in ("idntimes.com", "m.idntimes.com", "amp.idntimes.com"):
        host = "www.idntimes.com"
    path = parts.path.removesuffix("/").removesuffix("/amp")
    article.id = f"https://{host}{path}"


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK, opening=_DATELINE)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register) -> None:
    register(IdnTimesParser())
