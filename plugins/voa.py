"""VOA Indonesia (voaindonesia.com): text dumps.

The excerpts seen (see shared/docs/portal-layouts.md) hold only the body of video-story
summaries: no title, date or byline. When a dump does carry a header, a short title line
followed by a date line or a byline is read; a ``WASHINGTON DC —`` or ``JAKARTA (VOA) —``
opening gives the dateline.
"""

from __future__ import annotations


from warta import Article, Author, Document, LIKELY, TextDumpParser, hookimpl
from warta import textkit
from warta.textkit import lazy_compile

SITE = "voaindonesia.com"
HOSTS = ("voaindonesia.com",)

JUNK = textkit.COMMON_BOILERPLATE + textkit.Boilerplate(
    exact=["Lihat komentar", "Komentari", "Cetak", "Print", "Embed", "Unduh", "Berbagi",
           "Lihat video lainnya", "VOA Indonesia", "Mulai Langsung", "Bagikan via"],
    patterns=[r"^Forum\s*$", r"^No media source currently available$", r"^\d+:\d{2}(?::\d{2})?$"],
)

# "WASHINGTON DC — ", "JAKARTA (VOA) — ", "LOS ANGELES, CALIFORNIA — "
_LEAD = lazy_compile(
    r"^(?P<city>[A-Z][A-Z.'’]+(?:[ ,/-]+[A-Z][A-Z.'’]+){0,3})\s*(?P<voa>\(VOA\))?\s*[—–-]{1,2}\s+(?=\S)"
)
_OLEH = lazy_compile(r"^(?:Oleh|By)\s*:?\s+(?P<name>[A-Z][^.:]{1,60})$")
_HEADER_LINES = 8


class VoaParser(TextDumpParser):
    """Reads text dumps of VOA Indonesia article pages."""

    name = "voa"
    site = SITE
    sites = HOSTS
    sniff_markers = ("(voa)",)  # text_score's gate
    label = "VOA Indonesia"

    def text_score(self, text: str) -> float:
        """LIKELY on a ``CITY (VOA) —`` opening near the top."""
        if text.find("(VOA)", 0, 4000) < 0:  # the sniff marker needs it: a cheap way out
            return 0.0
        text, _ = textkit.strip_crawl_prefix(text[:4000])
        head = [line for line in textkit.clean_lines(text) if line][:_HEADER_LINES + 2]
        for line in head:
            m = _LEAD.match(line)
            if m and m["voa"]:
                return LIKELY
        return 0.0

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        start = _read_header(lines, article)
        body, authors = textkit.split_credits(lines[start:])
        article.authors.extend(authors)
        if body:
            m = _LEAD.match(body[0])
            if m:
                article.dateline = m["city"].rstrip(" ,")
                body[0] = body[0][m.end():]
        texts, article.related = textkit.sort_body_lines(body, JUNK)
        article.body = textkit.blocks_from(texts)


def _read_header(lines: list[str], article: Article) -> int:
    """A title followed by a date line or byline; return where the body starts."""
    limit = min(len(lines), _HEADER_LINES)
    start = 0
    while start < limit and JUNK.matches(lines[start]):
        start += 1
    anchors = []
    for i in range(start + 1, min(limit, start + 4)):
        line = lines[i]
        when = textkit.date_line(line)
        if when is not None:
            article.published = article.published or when
            anchors.append(i)
            continue
        m = _OLEH.match(line)
        author = textkit.credit_line(line) or (
            Author(name=m["name"].strip(), role="writer", label=line.split()[0]) if m else None
        )
        if author:
            article.authors.append(author)
            anchors.append(i)
            continue
        break
    if not anchors:
        article.note("no title, date or byline: the dump holds only the body")
        return start
    if start < len(lines) and _looks_like_title(lines[start]):
        article.title = lines[start]
    else:
        article.note("no title found")
    return max(anchors) + 1


def _looks_like_title(line: str) -> bool:
    return 3 <= len(line) <= 200 and not line.endswith((".", ",", ";", ":")) and not _LEAD.match(line)


#: The portal's body rules: its dumps are read with them, and its pages that a generic parser
#: reads (saved HTML) are cleaned with them by the ``clean_article`` hook below.
BODY_RULES = textkit.BodyRules(JUNK)
clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)


@hookimpl
def register_parsers(register):
    register(VoaParser())
