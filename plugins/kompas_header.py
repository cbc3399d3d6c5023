"""The header of a Kompas text dump: the title and a columnist above it, then the credits
between the date line and the body (writers, editors, contributors, "Oleh:", the source, the
Cek Fakta label, photo captions), up to the dateline that opens the body.

Also the patterns the body reads too: :data:`DATELINE`, the :data:`BOILER` line and
:data:`KOMPAS_BOILERPLATE` (lines that are never article text), and :func:`read_verdict`.
"""

from __future__ import annotations

import re

from warta import Article, Author, Image
from warta.textkit import COMMON_BOILERPLATE, Boilerplate, lazy_compile

from warta.plugins import kompas_sites as other
from warta.plugins.kompas_captions import read_caption

#: The subscription line that opens most dumps and repeats in amp pages and footers.
BOILER = "Baca berita tanpa iklan. Gabung Kompas.com+"

# "BEIJING, KOMPAS.com – ...", "KOMPAS.com — ...", "KOMPASIANA - ...", "JAKARTA, KOMPAS TV -",
# and the 2008 style "JAKARTA, SABTU - ...". The text after the dash is the lead paragraph.
DATELINE = lazy_compile(
    r"^(?:(?P<city>[A-Z][A-Za-z.'’ -]{1,40}?)\s*,\s*)?"
    r"(?:KOMPAS(?:\.com|\.COM|IANA|\.TV| TV|\.id)?"
    r"|(?<=, )(?:SENIN|SELASA|RABU|KAMIS|JUM'?AT|SABTU|MINGGU))"
    r"\s*[-–—]+\s*(?P<rest>.*)$"
)
# Credit-role words printed on their own line under the names they label.
_ROLE_WORD = lazy_compile(r"^(?P<label>Penulis|Editor|Tim Redaksi|Kontributor|Reporter|Penyunting)\s*:?$")
_ROLE_OF = {"penulis": "writer", "editor": "editor", "penyunting": "editor",
            "kontributor": "contributor", "reporter": "reporter"}
# "EditorLusia Kus Anna" (no space), "Editor: Rizal Setyo Nugroho" (amp), "Penulis Oik Yusuf".
_EDITOR_INLINE = lazy_compile(r"^(?P<label>Editor|Penyunting)\s*:?\s*(?P<name>[A-Z][^|:]{1,60})$")
_WRITER_INLINE = lazy_compile(r"^(?P<label>Penulis)\s*:?\s*(?P<name>[A-Z][^|:]{1,60})$")
_CONTRIBUTOR = lazy_compile(r"^(?P<label>Kontributor)\s+(?P<city>[A-Z][\w .'-]{1,30}?),\s*(?P<name>[A-Z][^|:]{1,60})$")
# Kudu Insight: "Oleh: Nurvirta Monarizqa, Ingki Rinaldi, & Palupi Annisa Auliani".
_OLEH = lazy_compile(r"^(?P<label>Oleh)\s*:?\s+(?P<names>[A-Z][^|:]{1,200})$")
_NAME_SPLIT = lazy_compile(r"\s*,\s*(?:&\s*|dan\s+)?|\s+&\s+|\s+dan\s+")
_SOURCE = lazy_compile(r"^Sumber\s*:?\s+(?P<source>\S.{0,80})$")
# A credit line: a short run of capitalised words ("Akhdi Martin Pratama," / "Tim Cek Fakta").
_NAME = lazy_compile(
    r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|bin|binti|van|von|de|da|di|al|el|dan|&))"
    r"{0,7},?$"
)
_KOLUMNIS = lazy_compile(r"^(?:Anda bisa menjadi kolumnis|Kriteria \(salah satu\))", re.IGNORECASE)
# The Cek Fakta label block: "hoaks" / "hoaks!" / "Berdasarkan verifikasi Kompas.com ...".
_VERDICT = lazy_compile(
    r"^(?P<verdict>hoaks|hoax|klarifikasi|salah|keliru|misleading|disinformasi|misinformasi|fakta)"
    r"(?P<bang>!)?$",
    re.IGNORECASE,
)
_VERDICT_NOTE = lazy_compile(r"^Berdasarkan verifikasi Kompas\.com\b", re.IGNORECASE)
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


def is_junk(line: str) -> bool:
    """A line that is never article text (:data:`KOMPAS_BOILERPLATE`)."""
    return KOMPAS_BOILERPLATE.matches(line)


def _previous_text(lines: list[str], index: int) -> int | None:
    """Index of the nearest non-empty line above ``index``."""
    for j in range(index - 1, -1, -1):
        if lines[j]:
            return j
    return None


def read_header(lines: list[str], anchor: int | None, article: Article) -> int | None:
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
    if above is None or is_junk(lines[above]) or _ROLE_WORD.match(lines[above]) or DATELINE.match(lines[above]):
        article.note("no title in the dump")
        return anchor
    article.title = lines[above]
    _read_columnist(lines[:above], lines[anchor + 1:anchor + 4], article)
    return anchor


def _read_columnist(before: list[str], after: list[str], article: Article) -> None:
    """F layout: name, job title (and bio) above the title; Kudu Insight has no name there."""
    lines = [line for line in before if line and not is_junk(line)]
    if not lines or lines[0] == "Kudu Insight":
        return
    box = any(_KOLUMNIS.match(line) for line in after)
    if (len(lines) >= 2 or box) and _NAME.match(lines[0]):
        detail = lines[1] if len(lines) >= 2 else None
        if article.site == "kompasiana.com":  # the blogger's card: name, then a short bio
            article.authors.append(Author(lines[0].rstrip(","), "writer", None, detail))
        else:
            article.authors.append(Author(lines[0].rstrip(","), "columnist", "Kolumnis", detail))


def read_credits(lines: list[str], i: int, article: Article) -> int:
    """Walk the header between the date line and the body; return where the body begins."""
    n = len(lines)
    while i < n:
        line = lines[i]
        if not line or line == "|" or line == BOILER or line == "Baca di App":
            i += 1
            continue
        if DATELINE.match(line):
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
    if read_verdict(line, article, True) or _VERDICT_NOTE.match(line):
        return 1
    if line == "Lihat Foto":
        return 1 + _amp_caption(lines, i + 1, article)
    taken = _named_credit(lines, i, article)
    if taken:
        return taken
    if read_caption(line, article):
        return 1
    if _caption_before(lines, i):
        article.images.append(Image(caption=line))
        return 1
    return 0


def read_verdict(line: str, article: Article, label: bool) -> bool:
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
        if line == "|" or _WRITER_INLINE.match(line) or DATELINE.match(line):
            return True
        seen += 1
        if seen >= 3:
            return False
    return False
