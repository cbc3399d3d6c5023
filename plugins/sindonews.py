"""SINDOnews (sindonews.com: metro., nasional., daerah., ekbis., video. …): plain-text dumps.

Layout (see ../shared/docs/portal-layouts.md): the title, then the font widget ``A`` / ``A`` /
``A``, then the body (older pages); newer pages print the title, ``Jum'at, 10 Juli 2020 - 18:19
WIB``, ``loading...``, the title cut short with ``...``, a caption ending ``Foto/Ist.`` and
``A A A``. The body opens ``JAKARTA -`` and ends with initials ``(eyt)``; ``(Baca juga: … )``
sits inside paragraphs. URLs ``/read/<id>/<cat>/slug-<10-digit Unix epoch>`` give the
creation time (WIB), used only when the page prints no date.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from warta import LIKELY, Article, Document, Image, Link, TextDumpParser, hookimpl, textkit
from warta.dates import WIB
from warta.textkit import lazy_compile

SITE = "sindonews.com"
HOSTS = ("sindonews.com",)

_WIDGET = frozenset(("A", "A A A", "AAA"))
_DATELINE = lazy_compile(r"^(?P<city>[A-Z][A-Z.'’ ]{1,30}[A-Z])\s*[-–—]+\s+")
_END_CODE = lazy_compile(r"\((?P<code>[a-z]{2,6}(?:/[a-z]{2,6})*)\s*\)$")
_CAPTION = lazy_compile(r"\bFoto\s*/\s*(?P<credit>[^/]{1,60}?)\.?$")
_EPOCH = lazy_compile(r"-(?P<epoch>1\d{9})/?$")
_STOP_PREFIXES = ("Dapatkan berita terkini dan kejutan menarik dari SINDOnews", "Baca Berita Terkait Lainnya",
                  "Copyright ©", "Copyright Â©", "Berita Terkait", "Terpopuler")
_SENTENCE_END = (".", "!", "?", ",", ";", ":", '"', "”", ")")

JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=["A", "A A A", "loading...", "All Rights Reserved", "Baca Juga", "Baca juga"],
    patterns=[r"^read/ rendering in\b", r"^Copyright\s*\S*\s*\d{4}\s+SINDOnews\b",
              r"^Dapatkan berita terkini dan kejutan menarik dari SINDOnews\b", r"^Klik Disini\b.{0,80}$"],
)

#: Leading non-empty lines that may hold the header.
HEADER_SPAN = 9
#: A line holding only "A" (the font-size widget): the widget rule needs one.
_A_LINE = lazy_compile(r"\n[ \t\u00a0\u200b\ufeff]*A[ \t\u00a0\u200b\ufeff\r]*\n")


class SindonewsParser(TextDumpParser):
    """Text dumps of sindonews.com pages."""

    name = "sindonews"
    site = SITE
    sites = HOSTS
    label = "SINDOnews"
    url_time_is_draft = True  # the URL's Unix time is when the article was created

    def text_score(self, text: str) -> float:
        """LIKELY on its header widget right after the title or its footer."""
        end = text[-1500:]
        if (text.find("loading...", 0, 8000) < 0 and "SINDOnews" not in end
                and "read/ rendering" not in end and not _A_LINE.search(text, 0, 8000)):
            return 0.0  # every rule needs one of these: a cheap way out
        lines = textkit.sniff_lines(text, limit=8000)
        if lines[1:4] == ["A", "A", "A"]:  # title, then the widget (Okezone prints a caption between)
            return LIKELY
        head = lines[:HEADER_SPAN]
        if "loading..." in head and "A A A" in head:
            return LIKELY
        tail = textkit.sniff_lines(text[-1500:])[-8:]
        if any("SINDOnews.com" in line and line.startswith(_STOP_PREFIXES[:1] + ("Copyright",))
               or line.startswith("read/ rendering in") for line in tail):
            return LIKELY
        return 0.0

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        start = _read_header(lines, article)
        _read_body(lines[start:], article)
        _apply_url(doc.url, article)

    def url_date(self, url: str | None) -> tuple[datetime, str] | None:
        """The creation time (WIB) in the URL's trailing 10-digit Unix epoch."""
        if not url:
            return None
        m = _EPOCH.search(urlsplit(url).path)
        if not m:
            return None
        return (datetime.fromtimestamp(int(m["epoch"]), WIB),
                "published taken from the Unix time in the URL (its creation time, WIB): the dump prints no date")


def _read_header(lines: list[str], article: Article) -> int:
    """Title, date and caption above the font widget; return where the body starts."""
    head = lines[:HEADER_SPAN]
    widget = next((i for i, line in enumerate(head) if line in _WIDGET), None)
    if widget is None:
        article.note("no header (title, date, font widget) in the dump: it starts mid-article")
        return 0
    top = head[:widget]
    if top and len(top[0]) <= 200 and not top[0].endswith(_SENTENCE_END) and not _DATELINE.match(top[0]):
        article.title = top[0]
    else:
        article.note("no title in the dump")
    for line in top[1:]:
        when = textkit.date_line(line)
        if when and article.published is None:
            article.published = when
        elif _CAPTION.search(line) and not line.endswith("..."):
            m = _CAPTION.search(line)
            article.images.append(Image(caption=line[: m.start()].strip() or None,  # type: ignore[union-attr]
                                        credit=m["credit"].strip() if m else None))
    end = widget
    while end < len(lines) and lines[end] in _WIDGET:
        end += 1
    return end


def _read_body(lines: list[str], article: Article) -> None:
    texts: list[str] = []
    printed = _Printed()
    linked = {r.title for r in article.related}
    for line in lines:
        if line.startswith(_STOP_PREFIXES):
            break
        found: list[Link] = []
        text = textkit.body_text(line, JUNK, found)
        if text is None:
            article.related.extend(found)
            linked.update(link.title for link in found)
            continue
        for link in found:  # an inline "(Baca juga: X)" the page already linked is not repeated
            if link.title not in linked:
                article.related.append(link)
                linked.add(link.title)
        line = text
        if not texts and article.dateline is None:
            m = _DATELINE.match(line)
            if m:
                article.dateline = m["city"].strip()
        code = _END_CODE.search(line)
        if code:
            line = line[: code.start()].rstrip()
        if line and not printed.seen(line):  # some dumps print the opening paragraphs twice
            texts.append(line)
            printed.add(line)
        if code:
            break
    article.body = textkit.blocks_from(texts)
    textkit.cut_dateline(article, _DATELINE)  # the city is the dateline field, not body text


class _Printed:
    """The paragraphs kept so far, looked up without scanning them all (a scan per line made
    a dump of many lines quadratic)."""

    #: A copy cut short by the excerpt counts as a repeat from this many characters on.
    CUT_COPY = 40

    def __init__(self) -> None:
        self.whole: set[str] = set()
        self.by_start: dict[str, list[str]] = {}

    def add(self, text: str) -> None:
        self.whole.add(text)
        if len(text) > self.CUT_COPY:
            self.by_start.setdefault(text[:self.CUT_COPY], []).append(text)

    def seen(self, line: str) -> bool:
        """True when ``line`` was already printed (whole, or this copy cut short)."""
        if line in self.whole:
            return True
        if len(line) < self.CUT_COPY:
            return False
        return any(t.startswith(line) for t in self.by_start.get(line[:self.CUT_COPY], ()))


def _apply_url(url: str | None, article: Article) -> None:
    """Section (the subdomain)."""
    if not url:
        return
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    sub = host.removesuffix("sindonews.com").rstrip(".")
    if sub and sub not in ("www", "m", "amp"):
        article.section = sub


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register) -> None:
    register(SindonewsParser())
