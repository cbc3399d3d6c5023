"""Web archives (``.warc``, ``.warc.gz``, ``.arc``, ``.arc.gz``, or any name whose first bytes
say so; see :mod:`warta.reading.archivesniff`) as a stream of pages.

An archive is one input that holds many pages. :func:`read_archive` walks its records one at
a time (warcio: pure Python, reads WARC and ARC, gzip per record or not; chosen over fastwarc
by measurement, see ``benchmarks/warc_speed.py``), so memory stays flat however large the
archive is. Each HTML response record with status 200 becomes a
:class:`~warta.document.Document`:

- its URL is the record's ``WARC-Target-URI``;
- its bytes go through the same decoding as a saved file (:func:`warta.loaders.load_bytes`),
  the charset of the HTTP ``Content-Type`` header standing where the page declares none;
- ``captured`` is the record's ``WARC-Date``, with ``captured_source`` ``"warc"``.

Revisit records, responses whose status is not 200 and responses that are not HTML are
skipped and counted; so are records of hosts outside ``hosts`` (``--only-hosts``), which are
tested on the URI before the body is read. Other records (warcinfo, request, metadata) are
not pages and are passed over. A gzip archive is read strictly: a member that does not
decompress or ends early (warcio would read on past it, or take the gzip bytes for text) stops
the archive there with an error naming the offset, and a record whose body is shorter than its
``Content-Length`` is an error of that record, never a silently short page. warcio's own
warnings are not written to the terminal. A record's path names the archive and the record's offset
(``crawl.warc.gz: record at offset 12345``), so every error about it reads
``crawl.warc.gz: record at offset 12345: reason``; one bad record never stops the rest (a
damaged stream stops the archive there, with an error naming the offset).

The archive ``-`` is standard input, read as a stream (``-: record at offset 1234``); it has
no size limit as a whole, each of its pages has a saved page's.
"""

from __future__ import annotations

import contextlib
import io
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from ..errors import WartaError, debugging, failure
from .archivesniff import stdin_stream
from .document import Document
from .inputs import ARCHIVE_SUFFIXES, Input

#: Content types read as HTML pages.
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Why a record was skipped, as :class:`Entry.skipped` says it.
REVISIT, NOT_OK, NOT_HTML, OTHER_HOST = "revisit", "status not 200", "not HTML", "other host"


class DamagedStream(Exception):
    """A gzip member of the archive does not decompress, or the archive ends inside one."""


def _strict_reader(stream: Any) -> Any:
    """warcio's reader of a gzip archive, made to raise :class:`DamagedStream` where warcio
    writes a warning and reads on (a member that fails to decompress, taken for an uncompressed
    one or cut short)."""
    from warcio.bufferedreaders import DecompressingBufferedReader

    class StrictReader(DecompressingBufferedReader):
        fed = False  # whether the current member has been given any bytes

        def _init_decomp(self, decomp_type: str | None) -> None:
            self.fed = False
            super()._init_decomp(decomp_type)

        def _decompress(self, data: bytes) -> bytes:
            if self.decompressor is None or not data:
                return data
            self.fed = True
            try:
                return self.decompressor.decompress(data)
            except zlib.error as exc:
                raise DamagedStream(f"a gzip member does not decompress: {exc}") from None

        def _process_read(self, data: bytes) -> None:
            if not data and self.decompressor is not None and self.fed and not self.decompressor.eof:
                raise DamagedStream("the archive ends inside a gzip member (cut short)")
            super()._process_read(data)

    return StrictReader(stream)


def is_archive(path: str) -> bool:
    """Whether ``path`` is a web archive, by its name or its first bytes (:attr:`Input.is_archive`)."""
    return Input(path).is_archive


def entry_path(archive: str, offset: int) -> str:
    """What a record is called in errors and in ``Article.input``."""
    return f"{archive}: record at offset {offset}"


@dataclass(slots=True)
class Entry:
    """One record of an archive that matters: a page (``doc``), a record that could not be
    read (``error``), or a response skipped and why (``skipped``)."""

    path: str
    doc: Document | None = None
    error: WartaError | None = None
    skipped: str | None = None


def host_matches(host: str, hosts: Iterable[str]) -> bool:
    """True when ``host`` is one of ``hosts`` or a subdomain of one."""
    return any(host == h or host.endswith("." + h) for h in hosts)


def normal_hosts(values: Iterable[str]) -> tuple[str, ...]:
    """``--only-hosts`` values (``a.com,b.com`` or repeated) as lower-case host names."""
    hosts = []
    for value in values:
        for name in value.split(","):
            name = name.strip().lower().rstrip(".")
            if name.startswith("www."):
                name = name[4:]
            if name:
                hosts.append(name)
    return tuple(dict.fromkeys(hosts))


def read_archive(archive: str, *, hosts: Iterable[str] = ()) -> Iterator[Entry]:
    """The pages, errors and skipped responses of ``archive``, in record order."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    wanted = tuple(hosts)
    handle: Any
    if archive == "-":
        stream = stdin_stream()
        if stream is None:
            raise WartaError("standard input is closed", path=archive)
        handle, gzipped = contextlib.nullcontext(stream), stream.head[:2] == b"\x1f\x8b"
    else:
        try:
            handle = open(archive, "rb")
        except OSError as exc:
            raise WartaError(f"cannot read: {(exc.strerror or str(exc)).lower()}", path=archive) from None
        try:
            gzipped = handle.read(2) == b"\x1f\x8b"
            handle.seek(0)
        except OSError as exc:
            handle.close()
            raise WartaError(f"cannot read: {(exc.strerror or str(exc)).lower()}", path=archive) from None
    with handle as handle:
        records = ArchiveIterator(handle, arc2warc=True)
        if gzipped:
            records.reader = _strict_reader(records.fh)
        offset, where = 0, "after"
        quiet = io.StringIO()  # warcio writes its warnings to sys.stderr
        try:
            while True:
                with contextlib.redirect_stderr(quiet):
                    record = next(records, None)
                if record is None:
                    break
                offset, where = records.offset, "in"  # get_record_offset() would read it whole
                with contextlib.redirect_stderr(quiet):
                    entry = _entry(archive, offset, record, wanted)
                where = "after"
                if entry is not None:
                    yield entry
        except (ArchiveLoadFailed, DamagedStream, OSError, EOFError, ValueError) as exc:
            reason = " ".join(str(exc).split())[:200] or type(exc).__name__
            if where == "after" and records.offset > offset:  # warcio had moved on to the next record
                where, offset = "at", records.offset
            place = f"at offset {offset}" if where == "at" else f"{where} the record at offset {offset}"
            yield Entry(archive, error=WartaError(f"damaged archive {place}, the rest is not read ({reason})",
                                                  path=archive))


def archive_pages(archive: str, reader: Any) -> Iterator[Entry]:
    """The pages and errors of ``archive`` for ``reader`` (an engine, see
    :meth:`warta.engine.Engine.reading`): only its ``hosts``, the skipped records counted in
    its ``skipped``. Raises WartaError when the archive cannot be opened."""
    for entry in read_archive(archive, hosts=reader.hosts):
        if entry.skipped:
            reader.skipped[entry.skipped] += 1
        else:
            yield entry


def _entry(archive: str, offset: int, record: object, hosts: tuple[str, ...]) -> Entry | None:
    path = entry_path(archive, offset)
    kind = record.rec_type  # type: ignore[attr-defined]
    if kind == "revisit":
        return Entry(path, skipped=REVISIT)
    if kind != "response":
        return None
    uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ")  # type: ignore[attr-defined]
    if hosts:
        host = (urlsplit(uri).hostname or "").lower() if uri else ""
        if not host_matches(host, hosts):
            return Entry(path, skipped=OTHER_HOST)
    http = record.http_headers  # type: ignore[attr-defined]
    if http is None or http.get_statuscode() != "200":
        return Entry(path, skipped=NOT_OK)
    media, charset = _content_type(http.get_header("Content-Type") or "")
    if media not in HTML_TYPES:
        return Entry(path, skipped=NOT_HTML)
    try:
        doc = _document(record, path, uri, charset)
    except WartaError as exc:
        exc.path = path
        return Entry(path, error=exc)
    except DamagedStream:
        raise  # the archive, not this record: read_archive stops there
    except Exception as exc:  # noqa: BLE001 - this record only
        if isinstance(exc, MemoryError) or debugging():
            raise
        return Entry(path, error=failure("reading the record", exc, path=path))
    return Entry(path, doc=doc)


def _document(record: object, path: str, uri: str, charset: str | None) -> Document:
    from . import loaders

    limit = loaders.MAX_BYTES
    body = record.content_stream().read(limit + 1)  # type: ignore[attr-defined]
    if len(body) > limit:
        raise WartaError(f"page exceeds the {limit // (1024 * 1024)} MiB limit for a saved page")
    if getattr(record.raw_stream, "limit", 0) > 0:  # type: ignore[attr-defined]
        raise WartaError("the record is cut short (shorter than its Content-Length)")
    when = warc_date(record.rec_headers.get_header("WARC-Date"))  # type: ignore[attr-defined]
    return loaders.load_bytes(body, path=path, url=uri if uri.startswith(("http://", "https://")) else None,
                              charset=charset, html=True,
                              captured=(when, "warc") if when else None)


def _content_type(value: str) -> tuple[str, str | None]:
    """A Content-Type header's media type (lower case) and its charset parameter."""
    media, _, rest = value.partition(";")
    charset = None
    for param in rest.split(";"):
        name, _, val = param.partition("=")
        if name.strip().lower() == "charset":
            charset = val.strip().strip("\"'") or None
    return media.strip().lower(), charset


def warc_date(value: str | None) -> datetime | None:
    """A ``WARC-Date`` (``2024-03-05T10:11:12Z``, fractions allowed) as an aware datetime."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


__all__ = ["ARCHIVE_SUFFIXES", "Entry", "archive_pages", "host_matches", "is_archive", "normal_hosts", "read_archive",
           "entry_path", "warc_date"]
