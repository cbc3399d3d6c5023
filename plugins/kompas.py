"""Kompas.com: text dumps (and, through kompas_html, saved HTML pages).

This module holds what every Kompas parser shares (the URL rule, the id rule) and the
parser of text dumps, ``KompasTextParser``, which reads every layout variant described in
``docs/kompas-layout.md``: the standard header, header-less dumps, title-first pages with
glued photo captions, columnists and Kudu Insight, amp pages, Cek Fakta labels, roundups,
``?page=N`` continuations and the "Terkini Lainnya" footer; and, with ``kompas_sites``, the
dumps of Kompas's other sites (kompas.tv, kompas.id, Kompasiana, video.kompas.com, /copy/).
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from datetime import date, datetime, time

from warta import LIKELY, SURE, WIB, Article, Author, Block, Document, Image, Link, WartaError, hookimpl
from warta.textkit import (
    COMMON_BOILERPLATE,
    Boilerplate,
    glued_caption,
    has_blank_separators,
    numbered_heading,
    pull_inline_related,
    related_title,
    strip_crawl_prefix,
    url_page,
)
from warta.dates import plausible
from warta.textnorm import squash_lines

from warta.plugins import kompas_sites as other

SITE = "kompas.com"
HOSTS = ("kompas.com", "kompas.tv", "kompas.id", "kompasiana.com")

# https://megapolitan.kompas.com/read/xml/2014/12/14/21474221/slug?page=all
_READ_URL = re.compile(
    r"^https?://(?P<host>[a-z0-9.-]*kompas\.com)/(?:amp/)?(?:(?P<channel>[a-z-]+)/)?read/(?:xml/)?"
    r"(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/(?P<number>\d{7,12})(?:/|$|\?)",
    re.IGNORECASE,
)


@dataclass(slots=True, frozen=True)
class KompasUrl:
    """What a Kompas article URL encodes: the date, the numeric id and the channel."""

    host: str
    day: date
    number: str
    #: The channel in the path (``www.kompas.com/global/read/...``), if any.
    path_channel: str | None = None

    @property
    def time(self) -> time | None:
        """Publication time: the id's first four digits are HH:MM WIB (true on every page checked)."""
        hour, minute = int(self.number[:2]), int(self.number[2:4])
        if hour < 24 and minute < 60:
            return time(hour, minute)
        return None

    @property
    def published(self) -> datetime | None:
        clock = self.time
        return plausible(datetime.combine(self.day, clock, WIB)) if clock else None

    @property
    def channel(self) -> str | None:
        """The subdomain ("megapolitan", "nasional"), or None for www / amp."""
        sub = self.host.lower().removesuffix("kompas.com").rstrip(".")
        return sub if sub and sub not in ("www", "amp", "m") else None

    @property
    def section(self) -> str | None:
        """The channel, from the path (``/global/read/``) or else the subdomain."""
        return self.path_channel or self.channel

    @property
    def article_id(self) -> str:
        """The stable id: the (date, number) pair, whatever the subdomain, slug or page."""
        return f"tag:{SITE},{self.day.isoformat()}:{self.number}"


def parse_kompas_url(url: str | None) -> KompasUrl | None:
    """Read a kompas.com article URL (``/read/YYYY/MM/DD/NUMBER/slug``), or None."""
    if not url:
        return None
    m = _READ_URL.match(url.strip())
    if not m:
        return None
    try:
        day = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    channel = m["channel"].lower() if m["channel"] and m["channel"].lower() != "amp" else None
    return KompasUrl(host=m["host"].lower(), day=day, number=m["number"], path_channel=channel)


# ---------------------------------------------------------------------------------------
# The text-dump parser (docs/kompas-layout.md describes every layout it reads).
# ---------------------------------------------------------------------------------------

#: The subscription line that opens most dumps and repeats in amp pages and footers.
BOILER = "Baca berita tanpa iklan. Gabung Kompas.com+"

# "Kompas.com - 29/12/2020, 19:16 WIB": the only date line Kompas dumps carry.
_DATE_LINE = re.compile(
    r"^Kompas\.com\s*[-–—]\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}),?\s+"
    r"(?P<H>\d{1,2})[:.](?P<M>\d{2})\s*WIB$"
)
# What makes a text look like Kompas when no URL says so (searched over the whole text).
_MARKERS = re.compile(
    r"^(?:Kompas\.com - \d\d/\d\d/\d{4}, \d\d:\d\d WIB\s*$"
    r"|Baca berita tanpa iklan\. Gabung Kompas\.com\+"
    r"|(?:[A-Z][A-Z .'-]{1,40}, )?KOMPAS\.com\s*[-–—]" + other.MARKERS + ")",
    re.MULTILINE,
)
# "BEIJING, KOMPAS.com – ...", "KOMPAS.com — ...", "KOMPASIANA - ...", "JAKARTA, KOMPAS TV -",
# and the 2008 style "JAKARTA, SABTU - ...". The text after the dash is the lead paragraph.
_DATELINE = re.compile(
    r"^(?:(?P<city>[A-Z][A-Za-z.'’ -]{1,40}?)\s*,\s*)?"
    r"(?:KOMPAS(?:\.com|\.COM|IANA|\.TV| TV|\.id)?"
    r"|(?<=, )(?:SENIN|SELASA|RABU|KAMIS|JUM'?AT|SABTU|MINGGU))"
    r"\s*[-–—]+\s*(?P<rest>.*)$"
)
# Credit-role words printed on their own line under the names they label.
_ROLE_WORD = re.compile(r"^(?P<label>Penulis|Editor|Tim Redaksi|Kontributor|Reporter|Penyunting)\s*:?$")
_ROLE_OF = {"penulis": "writer", "editor": "editor", "penyunting": "editor",
            "kontributor": "contributor", "reporter": "reporter"}
# "EditorLusia Kus Anna" (no space), "Editor: Rizal Setyo Nugroho" (amp), "Penulis Oik Yusuf".
_EDITOR_INLINE = re.compile(r"^(?P<label>Editor|Penyunting)\s*:?\s*(?P<name>[A-Z][^|:]{1,60})$")
_WRITER_INLINE = re.compile(r"^(?P<label>Penulis)\s*:?\s*(?P<name>[A-Z][^|:]{1,60})$")
_CONTRIBUTOR = re.compile(r"^(?P<label>Kontributor)\s+(?P<city>[A-Z][\w .'-]{1,30}?),\s*(?P<name>[A-Z][^|:]{1,60})$")
# Kudu Insight: "Oleh: Nurvirta Monarizqa, Ingki Rinaldi, & Palupi Annisa Auliani".
_OLEH = re.compile(r"^(?P<label>Oleh)\s*:?\s+(?P<names>[A-Z][^|:]{1,200})$")
_NAME_SPLIT = re.compile(r"\s*,\s*(?:&\s*|dan\s+)?|\s+&\s+|\s+dan\s+")
_SOURCE = re.compile(r"^Sumber\s*:?\s+(?P<source>\S.{0,80})$")
# A credit line: a short run of capitalised words ("Akhdi Martin Pratama," / "Tim Cek Fakta").
_NAME = re.compile(
    r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|bin|binti|van|von|de|da|di|al|el|dan|&))"
    r"{0,7},?$"
)
_KOLUMNIS = re.compile(r"^(?:Anda bisa menjadi kolumnis|Kriteria \(salah satu\))", re.IGNORECASE)
# The Cek Fakta label block: "hoaks" / "hoaks!" / "Berdasarkan verifikasi Kompas.com ...".
_VERDICT = re.compile(
    r"^(?P<verdict>hoaks|hoax|klarifikasi|salah|keliru|misleading|disinformasi|misinformasi|fakta)"
    r"(?P<bang>!)?$",
    re.IGNORECASE,
)
_VERDICT_NOTE = re.compile(r"^Berdasarkan verifikasi Kompas\.com\b", re.IGNORECASE)
_FACT_HEADING = re.compile(r"^(?:Narasi yang beredar|Penelusuran Kompas\.com|Kesimpulan)\s*:?$", re.IGNORECASE)
# Lines from which on the page holds no more article text (§10 footers). "Terkini Lainnya"
# also starts the list of headlines that becomes ``more``.
_FOOTER = re.compile(
    r"^(?:Simak breaking news|Video rekomendasi|Video Pilihan|Video lainnya|Baca tentang$"
    r"|Rekomendasi untuk anda|Tulis komentar|Terkini Lainnya$|HOAKS ATAU FAKTA\?$|Halaman\s*:?$"
    r"|Syarat & Ketentuan|komentar di artikel lainnya|Close Ads$|Bagikan artikel ini"
    r"|Login untuk memaksimalkan|Laporkan Komentar|Berkomentarlah secara bijaksana"
    r"|Segera lengkapi data dirimu|Ada hadiah voucher|closeLaporkan Hoaks"
    r"|Jika Anda mengetahui ada berita viral)",
    re.IGNORECASE,
)
_TERKINI = re.compile(r"^Terkini Lainnya$", re.IGNORECASE)
#: Lines that are never article text, wherever they stand (§7, §10).
KOMPAS_BOILERPLATE = COMMON_BOILERPLATE + Boilerplate(
    exact=[
        BOILER, "|", "Daftarkan email", "Penulis", "Editor", "Tim Redaksi", "Baca di App",
        "Lihat Foto", "Terima kasih telah membaca Kompas.com.", "Berikut paparannya:",
        "Salin Artikel", "Video Rekomendasi", *other.JUNK_EXACT,
    ],
    patterns=[
        r"^Dapatkan update berita pilihan", r"^Anda bisa menjadi kolumnis", r"^Kriteria \(salah satu\)",
        r"^Kompas\.com\s*[-–—]\s*\d{1,2}/\d{1,2}/\d{4}", r"^\d{1,2}th$", r"^[A-Z]\d{1,3}-\d{1,3}$",
        r"^Artikel ini (?:sudah|telah) tayang di Kompas\.com", r"^Berdasarkan verifikasi Kompas\.com",
        r"^Gabung(?:kan)? ke Channel WhatsApp", r"^\(?Baca(?:\s+juga)?\s*:?\s*\)?$",
        *other.JUNK_PATTERNS,
    ],
)
# "Baca selengkapnya di sini.", "Pernyataan Hendra selengkapnya di sini.", and the same
# sentence at the end of a paragraph: a link whose title the dump does not print.
_HERE_TAIL = re.compile(r"(?:^|(?<=[.!?\"”])\s+)(?P<tail>[^.!?]{1,80}\bdi\s?sini[.!]?)$", re.IGNORECASE)
_HERE_WORD = re.compile(r"\b(?:selengkapnya|dibaca|baca)\b", re.IGNORECASE)
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:!?])")  # left where "(baca: X)" was cut out
_NUMBER = re.compile(r"^(?P<n>\d{1,2})[.)]\s")
_QUOTES = str.maketrans("", "", "\"'“”‘’`")
_SENTENCE_END = (".", ",", ";", ":", "!", "?", '"', "”", "'", "’", ")", "…", "-")
_HEADER_WINDOW = 40  # the date line stands near the top: never look further for it


class KompasTextParser:
    """Kompas.com article pages saved as text (layouts A–G of docs/kompas-layout.md)."""

    name = "kompas"
    sites = HOSTS
    media_types = ("text/plain",)

    def sniff(self, doc: Document) -> float:
        """SURE for a kompas.com URL; LIKELY for the date line, BOILER or a KOMPAS.com dateline."""
        if doc.host_is(*self.sites):
            return SURE
        return LIKELY if _MARKERS.search(doc.text) else 0.0

    def parse(self, doc: Document) -> list[Article]:
        """One article from a text dump; raises WartaError for an empty or unreadable page."""
        text, _ = strip_crawl_prefix(doc.text)
        lines = squash_lines(text)  # textkit.clean_lines, in one pass
        if not any(lines):
            raise WartaError("the page is empty")
        article = Article(url=doc.url, site=other.site_of(doc.url) or SITE, language="id")
        url = parse_kompas_url(doc.url)
        date_at = _date_index(lines)
        dated = date_at is not None
        if not dated:
            date_at = _other_date(lines, article)  # kompas.tv, video, Kompasiana (§12)
        anchor = other.read_kompas_id_header(lines, article)
        if anchor is None:
            anchor = _read_header(lines, date_at, article)
        other.kompas_id_url(doc.url, article)
        _read_date(lines[date_at] if dated else None, article, url)
        headed = anchor is not None
        body_from = _read_credits(lines, anchor + 1, article) if headed else _salin(lines, article)
        _read_body(lines, body_from, article, headed)
        if not article.title and not article.body:
            raise WartaError("no Kompas article text found in the page")
        _finish(article, url, doc.url)
        return [article]


def _date_index(lines: list[str]) -> int | None:
    for i, line in enumerate(lines[:_HEADER_WINDOW]):
        if line.startswith("Kompas") and _DATE_LINE.match(line):
            return i
    return None


def _other_date(lines: list[str], article: Article) -> int | None:
    """A §12 date line near the top: fill the dates (and site, show); return its index. Body
    text glued after it ("… 09:40 WIBBertanding …") becomes a line of its own."""
    for i, line in enumerate(lines[:16]):
        if not line or not line[0].isalnum():
            continue
        found = other.long_date(line)
        if found is None:
            continue
        article.published, article.updated = found.published, found.updated
        if article.site == SITE and found.site:  # no URL of another Kompas site said otherwise
            article.site = found.site
        article.section = found.section
        if found.rest:
            lines[i + 1:i + 1] = ["", found.rest]
            article.note("the date line was glued to the first paragraph; split")
        return i
    return None


def _salin(lines: list[str], article: Article) -> int:
    """A header-less dump may still be a ``/copy/`` page: its title follows ``Salin Artikel``."""
    found = other.salin_title(lines)
    if found is None:
        return 0
    article.title, start = found
    if "no title in the dump" in article.notes:
        article.notes.remove("no title in the dump")
    return start


def _is_junk(line: str) -> bool:
    return KOMPAS_BOILERPLATE.matches(line)


def _previous_text(lines: list[str], index: int) -> int | None:
    """Index of the nearest non-empty line above ``index``."""
    for j in range(index - 1, -1, -1):
        if lines[j]:
            return j
    return None


def _read_header(lines: list[str], anchor: int | None, article: Article) -> int | None:
    """Title (and a columnist above it); return the header's last line (the date line at
    ``anchor``, or amp's ``Baca di App``), None for a header-less dump."""
    if anchor is None:
        anchor = next((i for i, line in enumerate(lines[:12]) if line == "Baca di App"), None)
        if anchor is None:
            article.note("no title in the dump")
            return None
    above = _previous_text(lines, anchor)
    if above is not None and lines[above].isalpha() and lines[above].islower():
        article.section = article.section or lines[above]  # video.kompas.com: "news" above the date
        above = None
    if above is None or _is_junk(lines[above]) or _ROLE_WORD.match(lines[above]) or _DATELINE.match(lines[above]):
        article.note("no title in the dump")
        return anchor
    article.title = lines[above]
    _read_columnist(lines[:above], lines[anchor + 1:anchor + 4], article)
    return anchor


def _read_columnist(before: list[str], after: list[str], article: Article) -> None:
    """F layout: name, job title (and bio) above the title; Kudu Insight has no name there."""
    lines = [line for line in before if line and not _is_junk(line)]
    if not lines or lines[0] == "Kudu Insight":
        return
    box = any(_KOLUMNIS.match(line) for line in after)
    if (len(lines) >= 2 or box) and _NAME.match(lines[0]):
        detail = lines[1] if len(lines) >= 2 else None
        if article.site == "kompasiana.com":  # the blogger's card: name, then a short bio
            article.authors.append(Author(lines[0].rstrip(","), "writer", None, detail))
        else:
            article.authors.append(Author(lines[0].rstrip(","), "columnist", "Kolumnis", detail))


def _read_date(date_line: str | None, article: Article, url: KompasUrl | None) -> None:
    """``published`` from the date line, else from the URL date and the id's HH:MM (WIB)."""
    from_url = url.published if url else None
    if date_line is not None:
        m = _DATE_LINE.match(date_line)
        try:
            article.published = plausible(
                datetime(int(m["y"]), int(m["m"]), int(m["d"]), int(m["H"]), int(m["M"]), tzinfo=WIB))
        except ValueError:
            pass
        if article.published is None:
            article.note(f"unreadable date line {date_line!r}")
        if article.published and from_url and from_url != article.published:
            article.note(f"the date line ({article.published.isoformat()}) and the URL's date and id "
                         f"({from_url.isoformat()}) disagree; the date line wins")
    if article.published is None:
        if from_url:
            article.published = from_url
            article.note("no date line; published from the URL and article id (HH:MM WIB)")
        else:
            article.note("no date line and no Kompas article URL: publication time unknown")


def _read_credits(lines: list[str], i: int, article: Article) -> int:
    """Walk the header between the date line and the body; return where the body begins."""
    n = len(lines)
    while i < n:
        line = lines[i]
        if not line or line == "|" or line == BOILER or line == "Baca di App":
            i += 1
            continue
        if _DATELINE.match(line):
            break
        step = _credit_step(lines, i, article)
        if step == 0:
            break
        i += step
    return i


def _credit_step(lines: list[str], i: int, article: Article) -> int:
    """Read one header element at ``lines[i]``; return how many lines it took (0: body)."""
    line = lines[i]
    role = _ROLE_WORD.match(line)
    if role:
        return 1  # a role word with no name above it (002's bare "Editor")
    m = _EDITOR_INLINE.match(line) or _WRITER_INLINE.match(line)
    if m:
        label = m["label"]
        article.authors.append(Author(m["name"].strip(), _ROLE_OF[label.lower()], label))
        return 1
    m = _CONTRIBUTOR.match(line)
    if m:
        article.authors.append(Author(m["name"].strip(), "contributor", m["label"], m["city"].strip()))
        return 1
    m = _OLEH.match(line)
    if m:
        for name in _NAME_SPLIT.split(m["names"]):
            if name.strip(" &"):
                article.authors.append(Author(name.strip(" &"), "writer", m["label"]))
        return 1
    if _KOLUMNIS.match(line) or other.is_slug(line):
        return 1
    m = _SOURCE.match(line)
    if m:
        article.source = m["source"]
        return 1
    if _read_verdict(line, article, True) or _VERDICT_NOTE.match(line):
        return 1
    if line == "Lihat Foto":
        return 1 + _amp_caption(lines, i + 1, article)
    taken = _named_credit(lines, i, article)
    if taken:
        return taken
    if _caption(line, article):
        return 1
    if _caption_before(lines, i):
        article.images.append(Image(caption=line))
        return 1
    return 0


def _read_verdict(line: str, article: Article, label: bool) -> bool:
    """The Cek Fakta label ("hoaks" / "hoaks!"): ``label`` when the line is surely part of it."""
    m = _VERDICT.match(line)
    if not m or not (label or m["bang"]):
        return False
    article.verdict = m["verdict"].lower()
    return True


def _named_credit(lines: list[str], i: int, article: Article) -> int:
    """``Name`` [``Name2``] then a role word on its own line ("Penulis", "Tim Redaksi")."""
    names: list[str] = []
    j = i
    while j < len(lines) and len(names) < 4:
        line = lines[j]
        if not line:
            j += 1
            continue
        role = _ROLE_WORD.match(line)
        if role:
            if not names:
                return 0
            _assign(names, role["label"], article)
            return j - i + 1
        if len(line) > 60 or not _NAME.match(line):
            return 0
        names.append(line.rstrip(",").strip())
        j += 1
    return 0


def _assign(names: list[str], label: str, article: Article) -> None:
    """Tim Redaksi: the writer(s), then the editor; other labels give every name their role."""
    if label == "Tim Redaksi":
        roles = ["writer"] * len(names) if len(names) < 2 else ["writer"] * (len(names) - 1) + ["editor"]
    else:
        roles = [_ROLE_OF[label.lower()]] * len(names)
    article.authors.extend(Author(name, role, label) for name, role in zip(names, roles))


def _amp_caption(lines: list[str], i: int, article: Article) -> int:
    """amp: ``Lihat Foto`` / credit / caption (until ``|`` or a blank line)."""
    taken: list[str] = []
    while i + len(taken) < len(lines) and len(taken) < 2:
        line = lines[i + len(taken)]
        if not line or line == "|" or _EDITOR_INLINE.match(line):
            break
        taken.append(line)
    if len(taken) == 2:
        article.images.append(Image(caption=taken[1], credit=taken[0]))
    elif taken:
        article.images.append(Image(caption=taken[0]))
    return len(taken)


def _caption_before(lines: list[str], i: int) -> bool:
    """An unglued caption: the next element is ``|``, ``Penulis X`` or the dateline."""
    seen = 0
    for line in lines[i + 1:i + 8]:
        if not line:
            continue
        if line == "|" or _WRITER_INLINE.match(line) or _DATELINE.match(line):
            return True
        seen += 1
        if seen >= 3:
            return False
    return False


#: Lines up to this long are checked for an echo by trying each place the start recurs
#: (fast in C for real captions); longer ones with a border table, which stays linear even
#: for a line of one repeated word, where the tries would cost the square of its length.
_ECHO_TRY_LIMIT = 1024


def _echo_start(line: str) -> int | None:
    """Where a glued caption's second copy starts: the line ends with a copy of its start.

    The copy starts at index 8 or later and is at least 12 characters long; the earliest
    such start (the longest copy) is returned.
    """
    n = len(line)
    if n < 24:
        return None
    if n > _ECHO_TRY_LIMIT:
        return _echo_by_borders(line)
    head = line[:8]
    k = line.find(head, 8)
    while k > 0:
        tail = line[k:]
        if len(tail) >= 12 and line.startswith(tail):
            return k
        k = line.find(head, k + 1)
    return None


def _echo_by_borders(line: str) -> int | None:
    """:func:`_echo_start` in linear time: the longest border (a start that the line also
    ends with) no longer than ``len(line) - 8``, from the Knuth–Morris–Pratt prefix table."""
    n = len(line)
    table = array("l", bytes(8 * n))  # table[i]: the longest border of line[:i + 1]
    b = 0
    for i in range(1, n):
        c = line[i]
        while b and line[b] != c:
            b = table[b - 1]
        if line[b] == c:
            b += 1
        table[i] = b
    b = table[n - 1]
    while b > n - 8:
        b = table[b - 1]
    return n - b if b >= 12 else None


def _caption(line: str, article: Article) -> bool:
    """A photo caption glued into the text ("caption CREDITcaption") becomes an Image."""
    k = _echo_start(line)
    if k is None:
        return False
    found = glued_caption(line)
    if k - (len(line) - k) > 60:  # the second copy is cut short: the credit cannot be told apart
        caption, credit = line[:k], None
    elif found:
        caption, credit = found
    else:  # too short for glued_caption's probe: "Ilustrasi KPK.Tribun Jabar/X Ilustrasi KPK."
        caption = line[k:]
        credit = line[len(caption):k].strip(" -|/") or None
    article.images.append(Image(caption=caption, credit=credit))
    return True


def _read_body(lines: list[str], start: int, article: Article, headed: bool) -> None:
    """Body blocks, related links, captions, verdict and the "Terkini Lainnya" headlines."""
    texts: list[str] = []
    alone: list[bool] = []  # the line stands between blank lines (a possible sub-head)
    heading: str | None = None
    blank_separated = has_blank_separators(lines)
    first = True
    i, n = start, len(lines)
    while i < n:
        line = lines[i]
        i += 1
        if not line:
            continue
        if first:
            first = False
            line = _read_dateline(line, article, headed)
            if line is None:
                continue
        if _FOOTER.match(line):
            article.more = _more_links(lines, _terkini_index(lines, i - 1))
            break
        taken, last = other.tail_credit(lines, i - 1, article)
        if last:
            break
        if taken:
            i += taken - 1
            continue
        if _is_junk(line):
            continue
        title = related_title(line)
        if title:
            article.related.append(Link(title=title))
            continue
        if len(line) < 14 and _read_verdict(line, article, _bang_follows(lines, i, line)):
            continue
        if _caption(line, article):
            continue
        if i < n and len(line) >= 20 and lines[i].endswith(line) and 0 < len(lines[i]) - len(line) <= 60:
            article.images.append(Image(caption=line, credit=lines[i][: -len(line)].strip() or None))
            i += 1
            continue
        if "(" in line:
            line, links = pull_inline_related(line)
            if links:
                article.related.extend(links)
                line = _SPACE_BEFORE_STOP.sub(r"\1", line)
        line = _cut_here_link(line, heading, article)
        if not line:
            continue
        texts.append(line)
        alone.append(blank_separated and i >= 2 and not lines[i - 2] and (i >= n or not lines[i]))
        if _NUMBER.match(line) and numbered_heading(line):
            heading = _NUMBER.sub("", line, count=1)
    article.body = _blocks(texts, alone)


def _bang_follows(lines: list[str], i: int, word: str) -> bool:
    """A bare verdict word counts only when the label's "word!" line follows it."""
    nxt = next((line for line in lines[i:i + 3] if line), "")
    return nxt.lower() == word.lower() + "!"


def _read_dateline(line: str, article: Article, headed: bool) -> str | None:
    """Take "CITY, KOMPAS.com – " off the lead; return the lead (None when split over lines).

    A header followed by text that starts mid-article (lower case, a numbered item past the
    first, a "selengkapnya di sini" link) is a ``?page=N`` continuation.
    """
    m = _DATELINE.match(line) or (other.bare_dateline(line) if article.site == "kompas.id" else None)
    if not m:
        number = _NUMBER.match(line)
        if headed and (line[0].islower() or (number and int(number["n"]) > 1) or _HERE_TAIL.match(line)):
            article.note("the text starts mid-article: a continuation page (?page=N) without its lead")
        else:
            article.note("no dateline: the body does not open with \"CITY, KOMPAS.com -\"")
        return line
    if m["city"]:
        article.dateline = m["city"].strip().upper()
    rest = m["rest"].strip()
    return rest or None


def _cut_here_link(line: str, heading: str | None, article: Article) -> str:
    """Drop "… selengkapnya di sini." (whole line or last sentence); it links the sub-head."""
    if "sini" not in line:
        return line
    m = _HERE_TAIL.search(line)
    if not m or not _HERE_WORD.search(m["tail"]):
        return line
    if heading:
        article.related.append(Link(title=heading))
    return line[: m.start()].rstrip()


def _terkini_index(lines: list[str], i: int) -> int | None:
    for j in range(i, len(lines)):
        if _TERKINI.match(lines[j]):
            return j + 1
    return None


def _more_links(lines: list[str], start: int | None) -> list[Link]:
    """"Terkini Lainnya": each headline printed twice, then its section; de-duplicated."""
    if start is None:
        return []
    items: list[str] = []
    for line in lines[start:]:
        if not line:
            continue
        if line == BOILER or _FOOTER.match(line) or _is_junk(line):
            break
        items.append(line)
    links: dict[str, Link] = {}
    i = 0
    while i < len(items):
        title, j = items[i], i + 1
        twice = j < len(items) and _same(items[j], title)
        j += twice
        section = items[j] if j < len(items) and _is_section(items[j]) else None
        j += section is not None
        if twice or section:
            links.setdefault(_key(title), Link(title=title, section=section))
        i = j
    return list(links.values())


def _key(text: str) -> str:
    return text.translate(_QUOTES).casefold()


def _same(a: str, b: str) -> bool:
    return _key(a) == _key(b)


def _is_section(line: str) -> bool:
    return len(line) <= 30 and len(line.split()) <= 3 and not line.endswith(_SENTENCE_END)


def _blocks(texts: list[str], alone: list[bool]) -> list[Block]:
    """Numbered lines are sub-heads, or list items when they come in a run; short title-like
    lines in blank-separated dumps are sub-heads too (roundups, Cek Fakta)."""
    numbers = [_number(t) for t in texts]
    blocks: list[Block] = []
    for k, text in enumerate(texts):
        n = numbers[k]
        if n is not None:
            in_run = (k > 0 and numbers[k - 1] == n - 1) or (k + 1 < len(texts) and numbers[k + 1] == n + 1)
            if in_run:
                blocks.append(Block("list_item", text))
                continue
            if numbered_heading(text):
                blocks.append(Block("heading", text))
                continue
        if _FACT_HEADING.match(text) or (alone[k] and 0 < k < len(texts) - 1 and _subhead(text, blocks)):
            blocks.append(Block("heading", text))
        else:
            blocks.append(Block("paragraph", text))
    return blocks


def _number(text: str) -> int | None:
    m = _NUMBER.match(text)
    return int(m["n"]) if m else None


def _subhead(text: str, blocks: list[Block]) -> bool:
    """A short capitalised line that does not end like a sentence, after a paragraph."""
    words = len(text.split())
    return (
        3 <= words <= 12 and len(text) <= 90 and text[0].isupper()
        and not text.endswith(_SENTENCE_END) and not text.startswith("Berikut")
        and bool(blocks) and blocks[-1].kind == "paragraph"
    )


def _finish(article: Article, url: KompasUrl | None, raw_url: str | None) -> None:
    """What the URL adds (id, section, page) and the notes on what is missing."""
    if url:
        article.id = url.article_id
        article.section = url.section
    page = url_page(raw_url)
    if page:
        article.page = page
        article.note(f"page {page} of a paged article (?page={page}): it holds only part of the text")
    if not article.authors:
        article.note("no byline")
    if article.verdict:
        article.tags.append(article.verdict)


@hookimpl
def register_parsers(register) -> None:  # noqa: ANN001 - pluggy passes a callable
    register(KompasTextParser())
