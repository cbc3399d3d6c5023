"""BBC News Indonesia (bbc.com/indonesia, and mirrors of it): text dumps.

Layouts (see shared/docs/portal-layouts.md):
- Article: the title, sometimes a stray tag word, ``Sumber gambar, <credit>`` and
  ``Keterangan gambar, <caption>`` (image pairs recur in the body), then the body.
- Live page: the ``Got a TV Licence?`` notice (4 lines), ``Rangkuman`` with numbered points or
  ``Laporan langsung``, ``Semuanya waktu Inggris`` (all times UK), then the entries, with
  ``Image caption: ...`` lines inside them. No title or date is printed.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from warta import Article, Author, Block, Document, Image, LIKELY, TextDumpParser, hookimpl
from warta import textkit
from warta.textkit import lazy_compile

SITE = "bbc.com"
HOSTS = ("bbc.com", "bbc.co.uk")

JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=[
        "Got a TV Licence?", "Find out more", "Rangkuman", "Laporan langsung",
        "Semuanya waktu Inggris", "Berpartisipasi", "Bagikan halaman ini", "Lewati Berita utama",
        "Berita utama", "Lanjutkan membaca berita utama", "Akhir dari Berita utama",
        "Paling banyak dibaca", "Akhir dari Paling banyak dibaca", "Share", "Post", "Lihat lebih banyak",
    ],
    patterns=[
        r"^You need one to watch live TV\b",
        r"^I don[’']t have a TV Licence",
        r"^\d{1,2}:\d{2}$",
        r"^(?:Lewati|Akhir dari) (?:Twitter|Facebook|Instagram|YouTube|TikTok) pesan\b",
        r"^Izinkan konten\b",
        r"^Peringatan: BBC tidak bertanggung jawab\b",
    ],
)

_IMAGE_SOURCE = lazy_compile(r"^Sumber gambar,\s*(?P<credit>.+)$")
_IMAGE_CAPTION = lazy_compile(r"^(?:Keterangan gambar,|Image caption:)\s*(?P<caption>.+)$")
_NUMBERED = lazy_compile(r"^\d{1,2}\.\s+(?P<text>\S.*)$")
_BYLINE = lazy_compile(
    r"^(?P<name>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,4})\s*[,–-]?\s*"
    r"(?P<detail>(?:Wartawan|Jurnalis|Koresponden|Reporter|Editor|Tim)\b.{0,60}BBC.{0,40})$"
)
_LIVE_MARKERS = ("Semuanya waktu Inggris", "Laporan langsung", "Rangkuman")
_HEADER_LINES = 12
# Each sniff rule needs one of these lines: pages without them are turned away cheaply.
_SNIFF_GATES = (lazy_compile(r"Sumber\s+gambar"), lazy_compile(r"TV\s+Licence"))


class BbcIndonesiaParser(TextDumpParser):
    """Reads text dumps of BBC News Indonesia articles and live pages."""

    name = "bbcindonesia"
    site = SITE
    sites = HOSTS
    sniff_markers = ("gambar", "licence")  # text_score's gate
    label = "BBC News Indonesia"

    def owns(self, doc: Document) -> bool:
        """Only bbc.com/indonesia (and bbc.co.uk's) is BBC News Indonesia."""
        return doc.host_is(*HOSTS) and urlsplit(doc.url or "").path.startswith("/indonesia")

    def text_score(self, text: str) -> float:
        """LIKELY on the Indonesian image labels or live-page lines."""
        if not any(gate.search(text, 0, 4000) for gate in _SNIFF_GATES):
            return 0.0
        head = [line for line in textkit.clean_lines(text[:4000]) if line][:_HEADER_LINES + 8]
        if any(_IMAGE_SOURCE.match(line) for line in head[:_HEADER_LINES]) and any(
            _IMAGE_CAPTION.match(line) for line in head
        ):
            return LIKELY
        if "Got a TV Licence?" in head[:3] and any(m in head for m in _LIVE_MARKERS):
            return LIKELY
        return 0.0

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        article.section = _section(doc.url)
        live = "Semuanya waktu Inggris" in lines[:40] or "Got a TV Licence?" in lines[:3]
        if live:
            article.section = article.section or "live"
            article.note("a live page: no title or date is printed; entries kept as paragraphs")
            start = 0
        else:
            start = _read_header(lines, article)
        _read_body(lines[start:], article, live=live)


def _read_header(lines: list[str], article: Article) -> int:
    """Title, byline and date before the first image pair; return where the body starts."""
    first_image = next(
        (i for i, line in enumerate(lines[:_HEADER_LINES]) if _IMAGE_SOURCE.match(line) or _IMAGE_CAPTION.match(line)),
        None,
    )
    if first_image is None:
        article.note("no title: the dump starts with the body")
        return 0
    header = []
    for line in lines[:first_image]:
        if JUNK.matches(line):
            continue
        when = textkit.date_line(line)
        if when is not None:
            article.published = article.published or when
            continue
        m = _BYLINE.match(line)
        if m:
            article.authors.append(Author(name=m["name"], role="reporter", label=None, detail=m["detail"]))
            continue
        header.append(line)
    # A one-word line right before the image is a stray tag word, not part of the title.
    if len(header) > 1 and len(header[-1].split()) == 1:
        article.tags.append(header.pop())
    if header and 3 <= len(header[0]) <= 200 and not header[0].endswith((".", ",", ";", ":")):
        article.title = header[0]
    else:
        article.note("no title found")
    return first_image


def _read_body(lines: list[str], article: Article, *, live: bool) -> None:
    """Paragraphs; image credit/caption pairs to images; the summary's points as list items."""
    blocks: list[Block] = []
    credit: str | None = None
    in_summary = False
    for line in lines:
        m = _IMAGE_SOURCE.match(line)
        if m:
            credit = m["credit"]
            continue
        m = _IMAGE_CAPTION.match(line)
        if m:
            article.images.append(Image(caption=m["caption"], credit=credit))
            credit = None
            continue
        if credit is not None:
            article.images.append(Image(credit=credit))
            credit = None
        if live and line == "Rangkuman":
            in_summary = True
            continue
        if JUNK.matches(line):
            in_summary = False if line in _LIVE_MARKERS else in_summary
            continue
        text = textkit.body_text(line, JUNK, article.related)
        if text is None:
            continue
        n = _NUMBERED.match(text)
        if in_summary and n:
            blocks.append(Block("list_item", n["text"]))
            continue
        in_summary = False
        blocks.append(Block("paragraph", text))
    article.body = blocks


def _section(url: str | None) -> str | None:
    """``/indonesia/live/...`` -> "live"; ``/indonesia/dunia-123`` -> "dunia"."""
    if not url:
        return None
    parts = [p for p in urlsplit(url).path.split("/") if p]
    if len(parts) >= 2 and parts[0] == "indonesia":
        word = re.sub(r"-\d+$", "", parts[1])
        return word if word.isalpha() else None
    return None


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register):
    register(BbcIndonesiaParser())
