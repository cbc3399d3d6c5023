"""Tribunnews and the Tribun Network's regional sites: text dumps.

Layout (see shared/docs/portal-layouts.md, "tribunnews"):

- header: optional rubric or nav lines (``Kriminalitas Jakarta``, ``Breaking News:``, the m.
  promo ``Nikmati berita interaktif … TribunX`` and ``Tribun Bisnis``, an AMP nav list), the
  title, a one-sentence summary, then the credits: ``Penulis: X`` / ``Editor: Y`` on separate
  lines or ``Penulis: X | Editor: Y`` on one, and ``Laporan Wartawan Tribunnews.com, Name``.
  A ``zoom-in <title>`` image widget (credit line, caption) may follow;
- no date line: the date comes from the URL (``/YYYY/MM/DD/slug``);
- body: the brand dateline opens it (``TRIBUNNEWS.COM, JAKARTA -``, ``SERAMBINEWS.COM, JAKARTA -``,
  ``BANJARMASINPOST.CO.ID -``, ``BANGKAPOS.COM, BANGKA --``); ``Baca juga: X`` lines and
  ``• X`` / ``– X`` bullets are related links; ``Berita Rekomendasi`` and lone ``Â`` lines are
  noise; ``Artikel ini telah tayang di Kompas.com dengan judul …`` names the source and ends
  the text; a closing ``(Tribunnews.com/Name)`` credits the writer.
- AMP and ``?page=N`` pages may start mid-article (with or without the header).

The header (title, credits, header image) is read by ``tribunnews_header``, a helper module
that registers no hooks; its public names are imported here too.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from warta import Article, Author, Document, Link, LIKELY, TextDumpParser, hookimpl
from warta import textkit
from warta.model import Block

# DATELINE, REPORT_LINE, ROLES and JUNK keep their old path here.
from warta.plugins.tribunnews_header import (
    BRAND, DATELINE, HEADER_SCAN, JUNK, REPORT_LINE, ROLES, SYNDICATED, ZOOM, add_authors,
    line_credits, read_header,
)
from warta.textkit import lazy_compile

SITE = "tribunnews.com"
#: Tribun Network hosts: tribunnews.com with its regional subdomains, and the regional brands
#: that run on their own domains.
HOSTS = (
    "tribunnews.com", "tribunjakarta.com", "tribunjabar.id", "tribunjatim.com", "tribunjogja.com",
    "tribunsolo.com", "tribunbanten.com", "tribunbatam.id", "tribunpekanbaru.com",
    "tribun-medan.com", "tribun-timur.com", "tribun-bali.com", "tribunkaltim.co",
    "tribunkaltara.com", "tribunlampung.co.id", "tribunmanado.co.id", "tribunpontianak.co.id",
    "tribunsumsel.com", "tribunjambi.com", "tribunnewsbogor.com", "tribunstyle.com",
    "tribunwow.com", "tribuntravel.com", "tribunnewswiki.com", "tribunmadura.com",
    "tribunmataraman.com", "tribunpriangan.com", "tribunternate.com", "tribunflores.com",
    "tribunkupang.com", "tribunambon.com", "tribunpapua.com", "tribunsulbar.com",
    "serambinews.com", "banjarmasinpost.co.id", "bangkapos.com", "posbelitung.co",
    "surya.co.id", "suryamalang.com", "sripoku.com", "wartakotalive.com", "pos-kupang.com",
    "prohaba.co",
)
_TRIBUN_HOST = lazy_compile(r"(?:^|\.)tribun[a-z-]*\.(?:com|co\.id|co|id)$")

# Tribun's own one-line credits: "Penulis: Romi Rinando | Editor: Daniel Tri Hardanto"
_PAIRED_CREDITS = lazy_compile(r"^Penulis\s*:\s*[^|:]{2,60}\|\s*Editor\s*:\s*[^|:]{2,60}$")
_BULLET = lazy_compile(r"^[•–]\s*(?P<title>\S.{3,})$")
_SOURCE_LINE = lazy_compile(r"^Sumber\s*:\s*(?P<source>\S.{1,80})$", re.IGNORECASE)
# A closing credit: "(Tribunnews.com/Hafidh Rizky Pratama)", "(Eko Sutriyanto)".
_CLOSING_CREDIT = lazy_compile(
    r"(?:^|\s)\((?:(?P<outlet>[A-Za-z-]+\.(?:com|co\.id|co|id))\s*/\s*)?"
    r"(?P<names>[A-Z][A-Za-z.' ]{2,60}(?:/[A-Z][A-Za-z.' ]{2,60})*)\s*\)$"
)
_URL_DATE = lazy_compile(r"/(?P<y>20\d{2}|19\d{2})/(?P<m>\d{2})/(?P<d>\d{2})/")
_ALL_CAPS = lazy_compile(r"^[^a-z]*[A-Z][^a-z]*$")

#: What ends the article: after these only link lists follow.
FOOTER = textkit.Boilerplate(
    exact=["Berita Terkait", "Berita Populer", "Artikel Terkait", "Berita Terkini", "Terkini",
           "Populer", "Tags", "Tag", "Komentar", "Berita Lainnya"],
    patterns=[r"^Halaman\s+selanjutnya\b", r"^(?:\d+\s+){1,}(?:Selanjutnya|Berikutnya)$"],
)


class TribunnewsParser(TextDumpParser):
    """Reads text dumps of Tribunnews and Tribun Network regional pages."""

    name = "tribunnews"
    site = SITE
    sites = HOSTS
    sniff_markers = ("tribun", "serambinews", "banjarmasinpost", "bangkapos", "posbelitung", "surya",  # text_score's
                     "sripoku", "wartakota", "kupang", "prohaba", "zoom-in", "nikmati", "penulis")  # gate
    label = "Tribun"
    url_date_pattern = _URL_DATE
    keep_blank_lines = True

    def owns(self, doc: Document) -> bool:
        """A Tribun Network host: the listed ones and any other ``tribun*`` domain."""
        return doc.host_is(*HOSTS) or bool(doc.host and _TRIBUN_HOST.search(doc.host))

    def text_score(self, text: str) -> float:
        """LIKELY on the brand dateline, credits or widgets."""
        return text_score(text)

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        """Header, body, the regional site and the rubric from the URL."""
        unglued = _unglue(lines)
        article.site = _site(doc)
        article.section = _section(doc.url)
        start = read_header(unglued, article)
        if unglued is not lines and article.title:
            # A collapsed crawl glues the title to its summary: no line tells where it ends.
            article.title = None
            article.note("no headline: the crawl collapsed the header onto one line")
        _read_body(unglued[start:], article)
        if textkit.guess_language(b.text for b in article.body) == "en":
            article.language = "en"


def text_score(text: str) -> float:
    """How much the text itself looks like a Tribun page (no URL known)."""
    if not _may_be_tribun(text):
        return 0.0
    head = _unglue(textkit.clean_lines(textkit.strip_crawl_prefix(text[:5000])[0]))
    shown = [line for line in head if line][:HEADER_SCAN + 4]
    for line in shown:
        if DATELINE.match(line) or ZOOM.match(line) or line.startswith("Nikmati berita interaktif"):
            return LIKELY
        m = REPORT_LINE.match(line)
        if m and re.match(BRAND, m["outlet"], re.IGNORECASE):
            return LIKELY
        if _PAIRED_CREDITS.match(line):
            return LIKELY
    for above, below in zip(shown, shown[1:]):
        if re.match(r"^Penulis\s*:\s*\S", above) and re.match(r"^Editor\s*:\s*\S", below):
            return 0.6
    tail = [line for line in textkit.clean_lines(text[-600:]) if line]
    if tail and re.search(r"\((?:Tribunnews|Tribun[A-Za-z-]+|Serambinews|Bangkapos|Banjarmasinpost)"
                          r"\.(?:com|co\.id|co|id)/[^()]+\)$", tail[-1], re.IGNORECASE):
        return LIKELY
    return 0.0


# Lower-cased words one of which every text_score rule needs (brands in datelines, report
# lines and closing credits; the zoom and app widgets); "Penulis:" is tested apart.
_GATE_WORDS = ("tribun", "serambinews", "banjarmasinpost", "bangkapos", "posbelitung", "surya",
               "sripoku", "wartakota", "kupang", "prohaba", "zoom-in", "nikmati")
_PENULIS = lazy_compile(r"Penulis\s*:")


def _may_be_tribun(text: str) -> bool:
    """A cheap first test for text_score: False when none of its markers can be there."""
    low = text[:5000].lower()
    if any(word in low for word in _GATE_WORDS) or _PENULIS.search(text, 0, 5000):
        return True
    tail = text[-600:].lower()
    return any(word in tail for word in ("tribun", "serambinews", "bangkapos", "banjarmasinpost"))


def _unglue(lines: list[str]) -> list[str]:
    """A whitespace-collapsed crawl puts the whole page on one line: break it before the
    credits, the dateline and "Baca juga" so that the usual reading applies."""
    if len([line for line in lines if line]) > 3 or not any(len(line) > 200 for line in lines):
        return lines
    out: list[str] = []
    marker = re.compile(
        rf"(?<!\|)\s(?=(?:Penulis|Editor)\s?:|Laporan (?:Wartawan|Reporter)\b|Baca juga\s?:"
        rf"|{BRAND}\.(?:COM|CO\.ID|CO|ID)\b)"
    )
    for line in lines:
        out.extend(part.strip() for part in marker.split(line) if part.strip())
    return out


def _site(doc: Document) -> str:
    """tribunnews.com, or the regional brand's own domain."""
    host = doc.host.removeprefix("www.").removeprefix("m.")
    for domain in HOSTS:
        if host == domain or host.endswith("." + domain):
            return domain
    return SITE


def _section(url: str | None) -> str | None:
    """The rubric in the path: ``/nasional/2022/10/14/…``, ``/amp/superskor/2023/…``."""
    if not url:
        return None
    parts = [p for p in urlsplit(url).path.split("/") if p]
    if parts and parts[0] == "amp":
        parts = parts[1:]
    if len(parts) >= 2 and not parts[0].isdigit() and parts[1].isdigit():
        return parts[0]
    return None


# -- body -------------------------------------------------------------------------------


def _read_body(lines: list[str], article: Article) -> None:
    """Paragraphs, sub-heads, related links, source; dateline from the first paragraph."""
    blocks: list[Block] = []
    for line in lines:
        if not line:
            continue
        m = SYNDICATED.match(line)
        if m:
            article.source = m["source"].strip()
            break
        if FOOTER.matches(line):
            break
        m = _SOURCE_LINE.match(line)
        if m:
            article.source = m["source"].strip()
            continue
        found = line_credits(line)
        if found:
            add_authors(article, found)
            continue
        bullet = _bullet(line)  # "• X" / "– X": never a "Baca juga: X" line
        if bullet:
            article.related.append(Link(title=bullet))
            continue
        text = textkit.body_text(line, JUNK, article.related)
        if text is None:
            continue
        text = _closing_credit(text, article)
        if not text:
            continue
        if not blocks and not article.dateline:
            text = _take_dateline(text, article)
            if not text:
                continue
        blocks.append(_block(text))
    if blocks and blocks[-1].kind == "heading":
        blocks[-1].kind = "paragraph"  # a cut-off last line is not a sub-head
    article.body = blocks


def _bullet(line: str) -> str | None:
    m = _BULLET.match(line)
    return m["title"].strip() if m else None


def _take_dateline(text: str, article: Article) -> str:
    """Record the brand dateline's city and cut the dateline off the paragraph."""
    m = DATELINE.match(text)
    if not m:
        return text
    if m["city"]:
        article.dateline = m["city"].strip().upper()
    return text[m.end():].strip()


def _closing_credit(text: str, article: Article) -> str:
    """Cut a closing ``(Tribunnews.com/Name)`` credit; a bare ``(Name)`` only when it names
    someone already credited."""
    m = _CLOSING_CREDIT.search(text)
    if not m:
        return text
    names = [n.strip() for n in m["names"].split("/") if n.strip()]
    known = {a.name.casefold() for a in article.authors}
    if m["outlet"]:
        add_authors(article, [Author(name=n, role="writer", detail=m["outlet"]) for n in names])
    elif not all(n.casefold() in known for n in names):
        return text
    return text[: m.start()].rstrip()


def _block(text: str) -> Block:
    if textkit.numbered_heading(text):
        return Block("heading", text)
    words = text.split()
    if 2 <= len(words) <= 16 and _ALL_CAPS.match(text) and not text.endswith((".", ",")):
        return Block("heading", text)
    return Block("paragraph", text)


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK, FOOTER)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register) -> None:  # noqa: ANN001 - the hook's callable
    register(TribunnewsParser())
