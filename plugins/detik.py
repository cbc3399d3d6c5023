"""detik (detik.com and its channels: news, finance, health, hot, oto, 20.detik): text dumps.

Layout (see shared/docs/portal-layouts.md, "detik"):

- header: the title (often printed twice), the byline ``Name - detikNews`` (20detik:
  ``20DETIK`` and a ``|`` line), the date line ``Jumat, 26 Jul 2019 14:29 WIB`` (20detik:
  ``52 Views | Sabtu, 27 Apr 2019 18:00 WIB``; wawancara: ``2017/08/02 11:57:30 WIB``), then a
  photo caption (``… Foto: Noval/detikcom``). Some dumps open with ``Video 20Detik`` or
  ``DetikNews``, some with the date line, and many start mid-article with no header at all;
- body: ``Semarang - `` opens the first paragraph (sometimes ``Jakarta -`` alone on a line);
  ``SCROLL TO CONTINUE WITH CONTENT`` and video promos sit between paragraphs; editor initials
  ``(alg/sip)`` close the article, after which only promos follow. 20detik prints its byline
  ``Name / Name - 20DETIK`` after the text.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from warta import WIB, Article, Author, Document, Image, LIKELY, TextDumpParser, hookimpl
from warta import dates, textkit
from warta.textkit import lazy_compile

SITE = "detik.com"
HOSTS = ("detik.com",)

_HEADER_SCAN = 14  # non-blank lines in which a header (byline / date line) may appear

# "Angling Adhitya Purbaya - detikNews", "Dinda Ayu / Ahmad Maulana - 20DETIK"
_BYLINE = lazy_compile(
    r"^(?P<names>[A-Z][^\d|:]{1,120}?)\s+-\s+(?P<channel>detik[A-Za-z]+|20[Dd][Ee][Tt][Ii][Kk])$"
)
# "Jumat, 26 Jul 2019 14:29 WIB", "52 Views | Sabtu, 27 Apr 2019 18:00 WIB", "2017/08/02 11:57:30 WIB"
_DATE_LINE = lazy_compile(
    r"^(?:[\d.,]+\s+Views\s*\|\s*)?"
    r"(?:(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu),\s+\d{1,2}\s+\w{3,9}\s+\d{4}"
    r"|\d{4}/\d{2}/\d{2})\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:WIB|WITA|WIT)$",
    re.IGNORECASE,
)
# Lines that open some dumps before the title: "Video 20Detik", "DetikNews", "20DETIK", "|".
_LEAD_JUNK = lazy_compile(r"^(?:video\s+20detik|20detik|detik[a-z]*|\|)$", re.IGNORECASE)
# "Semarang - Puan Maharani ..." or "Jakarta -" alone.
_DATELINE = lazy_compile(r"^(?P<city>[A-Z][A-Za-z.'’]+(?:\s[A-Z][A-Za-z.'’]+){0,2})\s+-(?:\s+|$)")
_CAPTION = lazy_compile(r"(?:^|\s|\()Foto\s*:\s*(?P<credit>[^()]+?)\)?\s*$")
_OLD_URL = lazy_compile(r"/read/(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})/")
_20DETIK_URL = lazy_compile(r"/(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})-\d{6}\d{3}/")
# Every sniff rule needs one of these; most pages have none, so they are turned away cheaply.
_GATE = lazy_compile(r"detik|DETIK|Detik|SCROLL TO CONTINUE|WIB")
# detik's date line, lower-cased and loosened (``\d\s+\d{1,2}:\d{2}(?::\d{2})?\s*wi``): the one
# sniff rule without "detik" in it. Searched from its colon, which is quick to find; what
# stands before the colon is checked apart.
_DATE_GATE = lazy_compile(r":\d{2}(?::\d{2})?\s*wi")
_DATE_GATE_BEFORE = lazy_compile(r"\d\s+\d{1,2}$")
_VIEWS = lazy_compile(r"^[\d.,]+\s+Views\s*\|\s*", re.IGNORECASE)

#: What ends the article: after these only promos and link lists follow.
FOOTER = textkit.Boilerplate(
    exact=["Komentar Terbanyak", "Berita Terkait", "Hoegeng Awards", "Selanjutnya", "Halaman",
           "Berita Lainnya", "Tag", "Tags"],
    patterns=[r"^Hoegeng Awards \d{4}$", r"^Baca kisah inspiratif\b", r"^\d+(?:\s+\d+)+$"],
)

#: Lines that are never article text.
JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=["SCROLL TO CONTINUE WITH CONTENT", "ADVERTISEMENT", "Hide Ads", "(/)", "|"],
    patterns=[
        r"^Simak Video\b",
        r"^Simak juga Video\b",
        r"^Tonton juga Video\b",
        r"^Saksikan (?:juga )?Video\b",
        r"^\[Gambas:[^\]]*\]$",
        r"^Video 20Detik\s*:",
        r"^!?\[[^\]]*\]\([^)]*\)\s*\|?$",
        r"^Halaman \d+ dari \d+$",
        r"^Baca kisah inspiratif\b",
    ],
)


class DetikParser(TextDumpParser):
    """Reads text dumps of detik.com article pages."""

    name = "detik"
    site = SITE
    sites = HOSTS
    sniff_markers = ("detik", "scroll to continue", "wib")  # text_score's gate
    label = "detik"
    #: Old ``/read/`` URLs carry the draft time; 20detik URLs the day.
    url_date_pattern = (_OLD_URL, _20DETIK_URL)
    url_time_is_draft = True
    keep_blank_lines = True

    def text_score(self, text: str) -> float:
        """LIKELY on detik's header or promos; a little for its ad line."""
        low = text[:4000].lower()
        if ("detik" not in low and "views" not in low and not _date_gate(low)
                and not _whole_markers(text[:20000])):
            return 0.0
        if not _GATE.search(text[:20000]):
            return 0.0
        head = textkit.clean_lines(text[:4000])
        shown = [line for line in head if line][:_HEADER_SCAN]
        for line in shown:
            if _BYLINE.match(line) or _VIEWS.match(line) or line.upper() == "20DETIK":
                return LIKELY
        whole = text if len(text) < 20000 else text[:20000]
        if "[Gambas:Video 20detik]" in whole or re.search(r"^(?:Video 20Detik:|Hoegeng Awards \d{4}$)", whole, re.M):
            return LIKELY
        if re.search(r"(?:Foto:\s*\S[^\n]*/detikcom|-detikcom\))", "\n".join(shown)):
            return LIKELY
        if "CNN Indonesia" in whole or "CNBC Indonesia" in whole:
            return 0.0
        dated = next((n for n, line in enumerate(shown[:6]) if _DATE_LINE.match(line)), None)
        if dated is not None and any(_dateline(line) for line in shown[dated + 1:dated + 4]):
            return 0.6  # detik's date line, then the body opening "Kota - "
        scroll = re.search(r"^(?P<before>.*)\n+SCROLL TO CONTINUE WITH CONTENT\s*$", whole, re.M)
        if scroll:
            # detik prints the line alone; CNN Indonesia puts ADVERTISEMENT right above it.
            return 0.4 if scroll["before"].strip() == "ADVERTISEMENT" else 0.6
        return 0.0

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        article.section = _section(doc.url)
        start = _read_header(lines, article)
        _read_body(lines[start:], article)



def _date_gate(low: str) -> bool:
    """Whether something like detik's date line ("29 jul 2019 14:29 wib") is in ``low``."""
    return any(_DATE_GATE_BEFORE.search(low, max(0, m.start() - 200), m.start())
               for m in _DATE_GATE.finditer(low))


def _whole_markers(whole: str) -> bool:
    """True when a marker that text_score looks for in the whole text may be there."""
    return "Hoegeng" in whole or "SCROLL TO CONTINUE" in whole or "20detik" in whole.lower()


def _read_header(lines: list[str], article: Article) -> int:
    """Title, byline, date line and caption; return the index where the body starts."""
    shown = _header_window(lines)
    date_at = next((i for i in shown if _DATE_LINE.match(lines[i])), None)
    # The byline comes before the date line (20detik prints its own after the text).
    byline_at = next((i for i in shown if _BYLINE.match(lines[i]) and (date_at is None or i < date_at)), None)
    if date_at is None and byline_at is None:
        article.note("no title, byline or date line: the dump starts mid-article")
        return 0
    if date_at is not None:
        article.published = dates.parse_date(_VIEWS.sub("", lines[date_at]), default_tz=WIB)
        if article.published is None:
            article.note(f"date line not readable: {lines[date_at]!r}")
    if byline_at is not None:
        _add_byline(lines[byline_at], article)
    end = max(i for i in (date_at, byline_at) if i is not None)
    first_marker = min(i for i in (date_at, byline_at) if i is not None)
    article.title = _title(lines[:first_marker])
    if article.title is None:
        article.note("no headline before the byline / date line")
    start = end + 1
    nxt = _next_filled(lines, start)
    if nxt is not None and not _dateline(lines[nxt]) and _is_caption(lines, nxt):
        caption, credit = _caption(lines[nxt])
        article.images.append(Image(caption=caption, credit=credit))
        start = nxt + 1
    return start


def _header_window(lines: list[str]) -> list[int]:
    """Indexes of the first non-blank lines up to the first body-like one (a long line or
    the dateline): a byline further down (20detik prints one after the text) is not header."""
    window = []
    for i, line in enumerate(lines):
        if not line:
            continue
        if len(window) >= _HEADER_SCAN or len(line) > 160 or _dateline(line):
            break
        window.append(i)
    return window


def _title(lines: list[str]) -> str | None:
    """The headline among the lines above the byline: the last one that is not junk."""
    candidates = [line for line in lines if line and not _LEAD_JUNK.match(line) and not JUNK.matches(line)]
    if not candidates:
        return None
    title = candidates[-1]
    if len(title) > 200 or title.endswith((".", ",", ";")) and len(title) > 120:
        return None
    return title


def _is_caption(lines: list[str], at: int) -> bool:
    """The line after the date line is a photo caption when it credits a photo, or when the
    next one opens the body with the dateline."""
    if _CAPTION.search(lines[at]):
        return True
    after = _next_filled(lines, at + 1)
    return after is not None and _dateline(lines[after]) is not None and len(lines[at]) < 300


def _caption(line: str) -> tuple[str, str | None]:
    m = _CAPTION.search(line)
    if not m:
        return line, None
    caption = line[: m.start()].strip(" (") or line
    return caption, m["credit"].strip()


def _add_byline(line: str, article: Article) -> None:
    m = _BYLINE.match(line)
    if not m:
        return
    channel = m["channel"]
    for name in re.split(r"\s*[,/&]\s*|\s+dan\s+", m["names"]):
        if name.strip():
            article.authors.append(Author(name=name.strip(), role="writer", detail=channel))


def _read_body(lines: list[str], article: Article) -> None:
    """Body paragraphs, related links, dateline; stops at the closing initials."""
    kept: list[str] = []
    filled = [line for line in lines if line]
    for n, line in enumerate(filled):
        if _BYLINE.match(line):  # 20detik prints its byline after the text
            _add_byline(line, article)
            continue
        if FOOTER.matches(line):
            break
        text, initials = textkit.split_initials(line)
        if initials:
            if text:
                kept.append(text)
            break
        if line.endswith(":") and n + 1 < len(filled) and filled[n + 1].startswith("[Gambas:"):
            continue  # the title of an embedded video
        kept.append(line)
    texts, related = textkit.sort_body_lines(kept, JUNK)
    if texts:
        m = _dateline(texts[0])
        if m:
            article.dateline = m["city"].upper()
            rest = texts[0][m.end():].strip()
            texts = ([rest] if rest else []) + texts[1:]
    article.body = textkit.blocks_from(texts)
    article.related = related


def _dateline(line: str) -> re.Match[str] | None:
    """The body's opening ``City -`` (a byline ``Name - detikNews`` is not one)."""
    if _BYLINE.match(line):
        return None
    return _DATELINE.match(line)


def _next_filled(lines: list[str], start: int) -> int | None:
    return next((i for i in range(start, min(len(lines), start + 6)) if lines[i]), None)


def _section(url: str | None) -> str | None:
    """The channel path in the URL (``berita``, ``berita-ekonomi-bisnis``, ``pemilu-2019``),
    or the subdomain (``news``) for old ``/read/`` URLs."""
    if not url:
        return None
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if segments and segments[0] not in ("read", "amp") and not segments[0].startswith("d-") \
            and not segments[0][:1].isdigit():
        return segments[0].lower()
    sub = (parts.hostname or "").lower().removesuffix("detik.com").rstrip(".")
    return sub if sub and sub not in ("www", "m") else None


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK, FOOTER)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register):
    register(DetikParser())
