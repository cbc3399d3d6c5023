"""JPNN (jpnn.com, m.jpnn.com/amp, regional jakarta./jatim.jpnn.com): plain-text dumps.

Layout (see ../shared/docs/portal-layouts.md): an optional topic line, the title (often
printed twice), ``Selasa, 24 Maret 2020 – 13:38 WIB`` (en dash), a caption ending
``Foto: Name/JPNN.com``, then the body opening ``jpnn.com, JAKARTA -`` (AMP
``jpnn.com - SIDOARJO -``, regional ``jatim.jpnn.com, LUMAJANG -`` or ``jakarta.jpnn.com -``,
2009–2012 a bare ``JAKARTA -``). The article ends with initials ``(fat/jpnn)``; after them
come ``BACA JUGA: …`` links, ``BACA ARTIKEL LAINNYA... <title>``, the lead repeated as a
summary, ``Redaktur & Reporter : Name``, ``BERITA TERKAIT`` and ``- <title>`` links.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from warta import LIKELY, Article, Author, Block, Document, Image, Link, TextDumpParser, hookimpl, textkit
from warta.textkit import lazy_compile

SITE = "jpnn.com"
HOSTS = ("jpnn.com",)

_DATELINE = lazy_compile(
    r"^(?:(?P<site>(?:[a-z]+\.)?jpnn\.com)\s*(?:,\s*|[-–—]\s+))?"
    r"(?:(?P<city>[A-Z][A-Z.'’ ]{1,30}[A-Z.])\s*[-–—]+\s+)?",
)
_END_CODE = lazy_compile(r"\((?:[a-z0-9]{2,8}/)*(?:jpnn|[a-z]{2,8}[0-9]{0,3})\)\s*$", re.IGNORECASE)
_JPNN_CODE = lazy_compile(r"\((?:[a-z]{2,8}/)+jpnn\)\s*$", re.IGNORECASE)
_CAPTION = lazy_compile(r"\bFoto\s*:\s*(?P<credit>[^:]{2,80})$")
_CREDIT = lazy_compile(r"^(?P<label>Redaktur(?:\s*&\s*Reporter)?|Reporter|Editor|Penulis)\s*:\s*(?P<name>.{2,80})$",
                     re.IGNORECASE)
_MORE = lazy_compile(r"^BACA ARTIKEL LAINNYA\.*\s*(?P<title>.+)$", re.IGNORECASE)
_LIST_LINK = lazy_compile(r"^[-–•]\s+(?P<title>\S.*)$")
_STOP = frozenset(s.casefold() for s in ("BERITA TERKAIT", "Berita Terkait", "TERPOPULER", "Terpopuler",
                                         "Video Terkini", "Terkini"))
_SENTENCE_END = (".", "!", "?", ",", ";", ":", '"', "”", "“", ")")
_URL_SECTION = lazy_compile(r"^/(?:amp/)?(?P<section>[a-z-]+)/")

JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=["BACA JUGA:", "Baca Juga:", "BACA JUGA", "Baca Juga", "Selanjutnya", "Sebelumnya"],
    patterns=[
        r"^Silakan baca konten menarik lainnya dari JPNN\.com\b",
        r"^Jangan Lewatkan Video Terbaru\b", r"^Halaman\s*:?\s*(?:\d+\s*)+$", r"^\d+$",
        r"^Video Pilihan\b", r"^Kamu Sudah Tahu Informasi Ini\?",
    ],
)

#: Leading non-empty lines that may hold the header.
HEADER_SPAN = 8


class JpnnParser(TextDumpParser):
    """Text dumps of jpnn.com pages (desktop, AMP, regional)."""

    name = "jpnn"
    site = SITE
    sites = HOSTS
    sniff_markers = ("jpnn", "redaktur", "baca artikel")  # text_score's gate
    label = "JPNN"

    def text_score(self, text: str) -> float:
        """LIKELY on its dateline, footer credit or closing lines."""
        head = text[:8000]
        if "jpnn" not in head.lower() and "Redaktur" not in head and "BACA ARTIKEL" not in head:
            return 0.0  # every rule needs one of these: a cheap way out
        lines = textkit.sniff_lines(text, limit=8000)
        for line in lines[:HEADER_SPAN + 4]:
            m = _DATELINE.match(line)
            if m and m["site"]:
                return LIKELY
        for line in lines:
            if (line.startswith(("Redaktur & Reporter :", "Redaktur : ", "BACA ARTIKEL LAINNYA..."))
                    or _JPNN_CODE.search(line) or "konten menarik lainnya dari JPNN.com" in line
                    or line.endswith("/JPNN.com")):
                return LIKELY
        return 0.0

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        start = _read_header(lines, article)
        _read_body(lines[start:], article)
        _apply_url(doc.url, article)


def _is_headline(line: str) -> bool:
    return len(line) <= 200 and not line.endswith(_SENTENCE_END) and not _opens_body(line)


def _opens_body(line: str) -> bool:
    m = _DATELINE.match(line)
    return bool(m and (m["site"] or m["city"]))


def _read_header(lines: list[str], article: Article) -> int:
    """Topic, title, date and caption from the top; return where the body starts."""
    span = lines[:HEADER_SPAN]
    opens = next((i for i, line in enumerate(span) if _opens_body(line)), len(span))
    dated = next((i for i, line in enumerate(span[:opens]) if textkit.date_line(line)), None)
    captioned = next((i for i, line in enumerate(span[:opens]) if i > 0 and _CAPTION.search(line)), None)
    marks = [i for i in (dated, captioned) if i is not None]
    if not marks and opens == len(span):
        article.note("no header (title, date) in the dump: it starts mid-article")
        return 0
    header = lines[: min(marks)] if marks else lines[:opens]
    body_start = max(marks) + 1 if marks else opens
    if dated is not None:
        article.published = textkit.date_line(lines[dated])
    if captioned is not None:
        _caption(lines[captioned], article)
    if not header:
        article.note("no title in the dump")
        return body_start
    if not all(_is_headline(line) for line in header):
        article.note("the lines above the body do not look like a headline: no title taken")
        return 0 if not marks else body_start
    title = header[-1]
    article.title = title
    article.tags.extend(line for line in dict.fromkeys(header) if line != title)
    return body_start


def _caption(line: str, article: Article) -> None:
    m = _CAPTION.search(line)
    caption = line[: m.start()].strip(" .") if m else line
    article.images.append(Image(caption=caption or None, credit=m["credit"].strip(" .") if m else None))


def _read_body(lines: list[str], article: Article) -> None:
    """Body paragraphs up to the closing initials; links, credits and the repeated lead after."""
    texts: list[str] = []
    closed = False
    tail: list[str] = []
    links_run: list[str] = []
    for line in lines:
        if line.casefold() in _STOP:
            closed = True
            continue
        credit = _CREDIT.match(line)
        if credit:
            _credit(credit["label"], credit["name"], article)
            closed = True
            continue
        more = _MORE.match(line)
        if more:
            article.related.append(Link(title=more["title"]))
            continue
        text = textkit.body_text(line, JUNK, article.related)
        if text is None:
            continue
        line = text
        listed = _LIST_LINK.match(line)
        if listed:
            links_run.append(listed["title"])
            continue
        if links_run:  # "- x" lines followed by more prose were a list inside the article
            if closed:
                article.related.extend(Link(title=t) for t in links_run)
            else:
                texts.extend(f"- {item}" for item in links_run)
            links_run = []
        if closed:
            tail.append(line)
            continue
        if not texts and article.dateline is None:
            m = _DATELINE.match(line)
            if m and m["city"]:
                article.dateline = m["city"].strip(" .").upper()
        code = _END_CODE.search(line)
        if code and _looks_closed(line):
            closed = True
            line = line[: code.start()].rstrip()
        if line:
            texts.append(line)
    article.related.extend(Link(title=t) for t in links_run)
    if not tail and len(texts) > 2 and _repeats_lead(texts[-1], texts[0]):
        texts.pop()
        article.note("the lead repeated after the article was dropped from the body")
    if tail:
        article.summary = tail[0]
        article.note("the lead repeated after the article was taken as its summary, not body")
    blocks = []
    for text in texts:
        if text.startswith("- "):
            blocks.append(Block("list_item", text[2:]))
        elif textkit.numbered_heading(text):
            blocks.append(Block("heading", text))
        else:
            blocks.append(Block("paragraph", text))
    article.body = blocks
    textkit.cut_dateline(article, _DATELINE)  # the city is the dateline field, not body text


def _repeats_lead(last: str, first: str) -> bool:
    """True when ``last`` is the lead paragraph again (without its dateline, maybe cut short)."""
    lead = first[_DATELINE.match(first).end():]  # type: ignore[union-attr]
    return len(last) >= 40 and lead.startswith(last.rstrip(" .…"))


def _looks_closed(line: str) -> bool:
    """Initials like ``(dod)`` or ``(fat/jpnn)`` that close the article, not a bracketed word."""
    code = _END_CODE.search(line)
    inner = code.group(0).strip().strip("()") if code else ""
    return "/" in inner or inner.islower()


def _closing_credits(line: str) -> list[Author]:
    """The people a closing credit line names ("Redaktur & Reporter : Nama")."""
    m = _CREDIT.match(line)
    if not m:
        return []
    found = Article()
    _credit(m["label"], m["name"], found)
    return found.authors


def _credit(label: str, name: str, article: Article) -> None:
    name = name.strip()
    if "&" in label:
        article.authors.append(Author(name=name, role="editor", label="Redaktur"))
        article.authors.append(Author(name=name, role="reporter", label="Reporter"))
        return
    role = {"redaktur": "editor", "editor": "editor", "reporter": "reporter"}.get(label.lower(), "writer")
    article.authors.append(Author(name=name, role=role, label=label))


def _apply_url(url: str | None, article: Article) -> None:
    """Section and the canonical id (AMP and mobile pages share it)."""
    if not url:
        return
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    m = _URL_SECTION.match(parts.path)
    if m and m["section"] not in ("amp",):
        article.section = article.section or m["section"]
    if host in ("jpnn.com", "www.jpnn.com", "m.jpnn.com"):
        host = "www.jpnn.com"
    path = parts.path.removeprefix("/amp")
    article.id = f"https://{host}{path}"


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK, closing_credits=_closing_credits)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register) -> None:
    register(JpnnParser())
