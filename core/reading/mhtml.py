"""MHTML archives (a browser's "save as single file"): the first HTML part, found by scanning.

An archive is a MIME message: headers, then parts between boundary lines, the page's HTML
among stylesheets, fonts and images that can make up most of its size. The archive is not
parsed as a whole (``email`` builds every part, several copies of the archive in memory):
parts are found by their boundary lines, each part's Content-Type is read by a glance at
its headers (at most :data:`HEADER_LIMIT` bytes), and only the first ``text/html`` part whose
body is not blank has its headers parsed and its body decoded; nothing else is copied.
Parts are searched in the order ``email.message.Message.walk`` gives (depth first), nested
multiparts up to :data:`MAX_DEPTH` deep: an archive nesting deeper is refused with one
line, never walked by recursion until Python gives up.

Decoding never produces more bytes than it reads (base64 gives 3 for 4, quoted-printable at
most 1 for 1), so the HTML part is never larger than the archive, which the loader has
already bounded (``warta.loaders.MAX_BYTES``).
"""

from __future__ import annotations

import binascii
import email.policy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesHeaderParser

from ..errors import WartaError

#: Multiparts nested deeper than this are refused (browsers write one level; mail two or three).
MAX_DEPTH = 20
#: The most bytes of headers read for the archive or one part; a part whose headers do not
#: end within them is skipped (it is no page a browser wrote).
HEADER_LIMIT = 64 * 1024
#: RFC 2046 allows 70 characters; a longer boundary is not one.
_BOUNDARY_LIMIT = 200

_EMPTY_LINE = re.compile(rb"^\r?\n", re.MULTILINE)
# The first Content-Type header's value, folded lines and all.
_CONTENT_TYPE = re.compile(rb"^content-type:[ \t]*([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)",
                           re.MULTILINE | re.IGNORECASE)
_FOLD = re.compile(rb"\r?\n(?=[ \t])")
_BOUNDARY = re.compile(rb''';\s*boundary\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))''', re.IGNORECASE)
_QUOTED_PAIR = re.compile(rb"\\(.)")
_NOT_BLANK = re.compile(rb"\S")
_NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/]")


@dataclass(slots=True, frozen=True)
class HtmlPart:
    """What the loader needs from an archive."""

    html: bytes
    #: The ``charset`` parameter of the part's Content-Type, lower-cased (None when absent).
    charset: str | None
    #: The page's URL: the archive's Snapshot-Content-Location, else the part's Content-Location.
    url: str | None
    #: The archive's ``Date:`` header as written (None when absent).
    date: str | None


def read_mhtml(data: bytes, path: str) -> HtmlPart:
    """The first HTML part of the archive ``data`` whose body is not blank; WartaError naming
    ``path`` when there is none, when multiparts nest beyond :data:`MAX_DEPTH` or when the
    part's body cannot be decoded."""
    top = _entity(data, 0, len(data))
    if top is None:
        raise WartaError("damaged MHTML archive (its headers do not end)", path=path)
    root = _parse_headers(data, 0, top[0])
    for start, header_end, body, end in _html_parts(data, 0, len(data), 0, path):
        part = root if start == 0 else _parse_headers(data, start, header_end)
        html = _decoded(part, data, body, end, path)
        if not html:
            raise WartaError("damaged MHTML archive (its HTML part decodes to nothing)", path=path)
        return HtmlPart(
            html=html,
            charset=part.get_content_charset(),
            url=root.get("Snapshot-Content-Location") or part.get("Content-Location"),
            date=root.get("Date"),
        )
    raise WartaError("MHTML archive without an HTML part", path=path)


def _entity(data: bytes, start: int, end: int) -> tuple[int, int] | None:
    """Where the headers of the entity ``data[start:end]`` end and its body starts; None
    when they do not end within :data:`HEADER_LIMIT` bytes."""
    blank = _EMPTY_LINE.search(data, start, min(end, start + HEADER_LIMIT))
    return None if blank is None else (blank.start(), blank.end())


def _parse_headers(data: bytes, start: int, end: int) -> Message:
    return BytesHeaderParser(policy=email.policy.compat32).parsebytes(data[start:end])


def _content_type(data: bytes, start: int, end: int) -> tuple[bytes, bytes]:
    """The type (lower-cased) and the whole value of the first Content-Type header in
    ``data[start:end]``, as ``Message.get_content_type`` reads them (no header, or no
    single ``/``: ``text/plain``), without parsing every header: archives hold thousands of
    images, whose headers are never needed."""
    m = _CONTENT_TYPE.search(data, start, end)
    if m is None:
        return b"text/plain", b""
    value = _FOLD.sub(b"", m.group(1))
    kind = value.partition(b";")[0].strip().lower()
    return (kind if kind.count(b"/") == 1 else b"text/plain"), value


def _html_parts(data: bytes, start: int, end: int, depth: int,
                path: str) -> Iterator[tuple[int, int, int, int]]:
    """Each ``text/html`` entity within ``data[start:end]`` whose body is not blank, depth
    first: where it starts, where its headers end, and its body's span."""
    found = _entity(data, start, end)
    if found is None:
        return
    header_end, body = found
    kind, value = _content_type(data, start, header_end)
    if kind == b"text/html":
        if _NOT_BLANK.search(data, body, end):
            yield start, header_end, body, end
        return
    if not kind.startswith(b"multipart/"):
        return
    if depth >= MAX_DEPTH:
        raise WartaError(f"MHTML archive nests parts more than {MAX_DEPTH} deep", path=path)
    boundary = _boundary(value)
    if boundary is None:
        return
    for part_start, part_end in _parts(data, boundary, body, end):
        yield from _html_parts(data, part_start, part_end, depth + 1, path)


def _boundary(content_type: bytes) -> bytes | None:
    """The ``boundary`` parameter of a Content-Type value, quotes undone; None when absent
    or longer than any boundary."""
    m = _BOUNDARY.search(content_type)
    if m is None:
        return None
    if m.group(1) is not None:
        value = _QUOTED_PAIR.sub(rb"\1", m.group(1))
    else:
        value = m.group(2).strip()
    return value if 0 < len(value) <= _BOUNDARY_LIMIT else None


def _parts(data: bytes, boundary: bytes, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The spans of the parts of a multipart body ``data[start:end]`` (RFC 2046): between
    delimiter lines ``--boundary``, up to the close delimiter ``--boundary--`` or the end."""
    marker = b"--" + boundary
    part_start: int | None = None
    at = data.find(marker, start, end)
    while at >= 0:
        line_end = data.find(b"\n", at, end)
        line_end = end if line_end < 0 else line_end
        tail_start = at + len(marker)
        if (at == start or data[at - 1] == 0x0A) and line_end - tail_start <= 256:
            tail = data[tail_start:line_end]
            closing = tail.startswith(b"--")
            if not (tail[2:] if closing else tail).strip(b" \t\r"):
                if part_start is not None:
                    yield part_start, _before_line_break(data, part_start, at)
                if closing:
                    return
                part_start = min(line_end + 1, end)
        at = data.find(marker, tail_start, end)
    if part_start is not None and part_start < end:
        yield part_start, end


def _before_line_break(data: bytes, start: int, at: int) -> int:
    """``at`` less the line break that belongs to the delimiter starting there."""
    if at > start and data[at - 1] == 0x0A:
        at -= 1
        if at > start and data[at - 1] == 0x0D:
            at -= 1
    return at


def _decoded(part: Message, data: bytes, start: int, end: int, path: str) -> bytes:
    """The body ``data[start:end]`` of ``part`` with its Content-Transfer-Encoding undone."""
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    body = data[start:end]
    if encoding == "quoted-printable":
        return binascii.a2b_qp(body)
    if encoding != "base64":
        return body
    try:
        return binascii.a2b_base64(body)
    except binascii.Error:
        pass
    # What mail readers do with broken base64: keep the alphabet, mend the padding.
    clean = _NOT_BASE64.sub(b"", body)
    if len(clean) % 4 == 1:
        clean = clean[:-1]
    try:
        return binascii.a2b_base64(clean + b"=" * (-len(clean) % 4))
    except binascii.Error:
        raise WartaError("damaged MHTML archive (its HTML part is not base64)", path=path) from None
