"""Small web archives for the tests, built with warcio itself: HTML pages of our own, and the
records of a crawl with a revisit, a 404, an image and a binary page among them."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WHEN = "2024-03-06T01:02:03Z"


def page(title: str, extra: str = "") -> str:
    body = "Kalimat pertama yang cukup panjang untuk dibaca sebagai isi berita hari ini. " * 4
    return (f"<!doctype html><html><head><title>{title}</title>"
            "<meta property='article:published_time' content='2024-03-05T10:00:00+07:00'></head>"
            f"<body><article><h1>{title}</h1><p>{body}</p><p>{extra}{body}</p></article></body></html>")


def write_warc(path: Path, records: list[tuple], *, gzip: bool = True) -> Path:
    """records: (kind, uri, status, content type, body bytes)."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for kind, uri, status, ctype, body in records:
            if kind == "revisit":
                record = writer.create_revisit_record(uri, "sha1:AAAA", "https://x/", "2024-01-01T00:00:00Z")
            else:
                headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
                record = writer.create_warc_record(uri, kind, payload=io.BytesIO(body), http_headers=headers,
                                                   warc_headers_dict={"WARC-Date": WHEN})
            writer.write_record(record)
    return path


def our_records() -> list[tuple]:
    return [
        ("response", "https://www.kompas.com/read/2024/03/05/1/satu", "200 OK", "text/html; charset=utf-8",
         page("Berita Satu").encode()),
        ("response", "https://example.org/berita/dua", "200 OK", "text/html; charset=windows-1252",
         page("Berita Dua", "Caf\xe9 \u201ckutip\u201d. ").encode("cp1252")),
        ("revisit", "https://www.kompas.com/read/2024/03/05/1/satu", None, None, None),
        ("response", "https://www.kompas.com/hilang", "404 Not Found", "text/html", b"<html>404</html>"),
        ("response", "https://www.kompas.com/logo.png", "200 OK", "image/png", b"\x89PNG\r\n"),
        ("response", "https://www.kompas.com/read/2024/03/05/3/rusak", "200 OK", "text/html",
         b"<html>\x00\x00\x00 binary"),
        ("response", "https://news.kompas.com/read/2024/03/05/4/empat", "200 OK", "text/html",
         page("Berita Empat").encode()),
    ]


def offsets(path: Path) -> dict[str, int]:
    """URI -> offset of its response record, as warcio reports it."""
    found = {}
    with open(path, "rb") as handle:
        records = ArchiveIterator(handle)
        for record in records:
            if record.rec_type == "response":
                uri = record.rec_headers.get_header("WARC-Target-URI")
                found[uri] = records.get_record_offset()
    return found
