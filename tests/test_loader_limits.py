"""The loader's bounds and what it recovers from saved pages (issue 9).

gzip is decompressed as a stream and stopped at MAX_BYTES (a bomb costs the limit, not its
size); standard input is read up to the limit; MHTML archives are scanned, not parsed whole,
and refuse deep nesting with one line; declared charsets that cannot be the page's are
ignored with a note; the time a page was saved is read where the file says it.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import tracemalloc
import zlib
from datetime import datetime, timedelta, timezone
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

import warta
from warta import WartaError
from warta import loaders
from warta.loaders import MAX_BYTES, Input, load_bytes, read_input
from warta.mhtml import MAX_DEPTH

MIB = 1024 * 1024
LIMIT = "the 50 MiB limit for a saved page"
WARTA = Path(sys.executable).parent / "warta"
ARTICLE = ("<!DOCTYPE html><html><head>{head}<title>Harga cabai naik</title></head><body><article>"
           "<h1>Harga cabai naik</h1>" + "<p>Harga cabai di pasar tradisional naik tajam menjelang "
           "hari raya, kata pedagang yang ditemui pada Senin pagi di Jakarta.</p>" * 4
           + "</article></body></html>")


def bomb(decompressed: int, byte: bytes = b"\0") -> bytes:
    """A gzip member of ``decompressed`` equal bytes, built without holding them."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = byte * MIB
    out = [packer.compress(block) for _ in range(decompressed // MIB)]
    out.append(packer.compress(byte * (decompressed % MIB)))
    out.append(packer.flush())
    return b"".join(out)


def with_peak(work):
    """What ``work()`` returns, and the most memory Python held while it ran."""
    tracemalloc.start()
    try:
        value = work()
        return value, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def refused_with_peak(data: bytes, path: str):
    """The WartaError ``load_bytes`` raises for ``data``, and the memory peak until then."""
    def load():
        with pytest.raises(WartaError) as caught:
            load_bytes(data, path=path)
        return caught

    return with_peak(load)


# -- gzip ---------------------------------------------------------------------------------


def test_a_gzip_bomb_stops_at_the_limit_with_memory_near_it():
    data = bomb(4 * MAX_BYTES)  # 200 MiB of zeros in about 200 KB
    assert len(data) < MIB
    caught, peak = refused_with_peak(data, "bomb.txt.gz")
    assert str(caught.value) == f"bomb.txt.gz: decompressed data exceeds {LIMIT}"
    assert peak < 1.5 * MAX_BYTES  # gzip.decompress held all 200 MiB


def test_gzip_just_over_the_limit_is_refused_and_at_the_limit_read(monkeypatch):
    monkeypatch.setattr(loaders, "MAX_BYTES", 4000)
    text = ("Harga cabai naik tajam menjelang hari raya.\n" * 200)[:4000].encode()
    assert len(text) == 4000
    assert load_bytes(gzip.compress(text), path="a.txt.gz").text == text.decode()
    with pytest.raises(WartaError, match="^a.txt.gz: decompressed data exceeds"):
        load_bytes(gzip.compress(text + b"x"), path="a.txt.gz")
    # The limit is on the whole stream, not on each member.
    with pytest.raises(WartaError, match="decompressed data exceeds"):
        load_bytes(gzip.compress(text[:3000]) + gzip.compress(text[3000:] + b"x"), path="a.txt.gz")


def test_multi_member_gzip_is_read_whole_zero_padding_included():
    first, second = ARTICLE.format(head="")[:300], ARTICLE.format(head="")[300:]
    data = gzip.compress(first.encode()) + b"\0" * 7 + gzip.compress(second.encode()) + b"\0\0"
    doc = load_bytes(data, path="page.html.gz")
    assert doc.text == ARTICLE.format(head="")
    assert doc.notes == ["decompressed gzip input"]


@pytest.mark.parametrize("damage, reason", [
    (lambda d: d[:-3], "it ends before its end-of-stream marker"),
    (lambda d: d[: len(d) // 2], "it ends before its end-of-stream marker"),
    (lambda d: d[:12], "it ends before its end-of-stream marker"),
    (lambda d: b"\x1f\x8b", "it ends before its end-of-stream marker"),
    (lambda d: d[:-8] + b"\0\0\0\0" + d[-4:], "incorrect data check"),   # CRC
    (lambda d: d + b"trailing garbage", "incorrect header check"),
    (lambda d: b"\x1f\x8b\x08\x00garbage", "it ends before its end-of-stream marker"),
    (lambda d: d[:2] + b"\x09" + d[3:], "unknown compression method"),
])
def test_damaged_or_truncated_gzip_is_one_line(damage, reason):
    data = damage(gzip.compress(ARTICLE.format(head="").encode() * 20))
    with pytest.raises(WartaError) as caught:
        load_bytes(data, path="cut.html.gz")
    assert str(caught.value) == f"cut.html.gz: damaged gzip file ({reason})"


def test_cli_reports_a_bomb_in_one_line_and_still_converts_the_rest(tmp_path):
    (tmp_path / "bomb.txt.gz").write_bytes(bomb(MAX_BYTES + MIB))
    (tmp_path / "page.html").write_text(ARTICLE.format(head=""), encoding="utf-8")
    done = subprocess.run([str(WARTA), "parse", "-j", "1", "bomb.txt.gz", "page.html"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == f"bomb.txt.gz: decompressed data exceeds {LIMIT}"
    (record,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert record["title"] == "Harga cabai naik"


# -- sizes of plain inputs ------------------------------------------------------------------


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path):
    path = tmp_path / "big.html"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: nothing is written or read
    with pytest.raises(WartaError) as caught:
        read_input(Input(str(path)))
    assert caught.value.message == f"file exceeds {LIMIT} (50.0 MiB)"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero on this system")
def test_a_device_or_pipe_is_read_up_to_the_limit_only():
    with pytest.raises(WartaError) as caught:
        read_input(Input("/dev/zero"))  # size 0 to stat, endless to read
    assert str(caught.value) == f"/dev/zero: file exceeds {LIMIT}"


def test_bytes_over_the_limit_through_the_api():
    with pytest.raises(WartaError, match=f"^<bytes>: page exceeds {LIMIT} \\(50.0 MiB\\)$"):
        warta.parse(b" " * (MAX_BYTES + 1))


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_standard_input_is_read_up_to_the_limit_only(monkeypatch):
    monkeypatch.setattr(loaders, "MAX_BYTES", 1000)
    stdin = _Stdin(b"Harga cabai naik.\n" * 1000)
    monkeypatch.setattr(sys, "stdin", stdin)
    with pytest.raises(WartaError, match=r"^-: standard input exceeds the \d+ MiB limit for a saved page$"):
        read_input(Input("-"))
    assert stdin.buffer.tell() == 1001  # read no further than the limit shows
    monkeypatch.setattr(sys, "stdin", _Stdin(b"Harga cabai naik.\n" * 50))
    assert read_input(Input("-")).text == "Harga cabai naik.\n" * 50
    monkeypatch.setattr(sys, "stdin", None)  # started with standard input closed
    with pytest.raises(WartaError, match="^-: standard input is closed$"):
        read_input(Input("-"))


# -- MHTML -----------------------------------------------------------------------------------


def nested_mhtml(depth: int) -> bytes:
    """An archive whose HTML part lies inside ``depth`` nested multiparts (the root included)."""
    parts = ['MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b0"\r\n\r\n']
    parts += [f'--b{i - 1}\r\nContent-Type: multipart/related; boundary="b{i}"\r\n\r\n'
              for i in range(1, depth)]
    parts.append(f"--b{depth - 1}\r\nContent-Type: text/html\r\n\r\n{ARTICLE.format(head='')}\r\n")
    parts += [f"--b{i}--\r\n" for i in reversed(range(depth))]
    return "".join(parts).encode()


def test_mhtml_nested_to_the_limit_is_read_and_deeper_is_one_line():
    doc = load_bytes(nested_mhtml(MAX_DEPTH), path="ok.mhtml")
    assert doc.text.startswith("<!DOCTYPE html>") and doc.media_type == "text/html"
    with pytest.raises(WartaError) as caught:
        load_bytes(nested_mhtml(MAX_DEPTH + 1), path="deep.mhtml")
    assert str(caught.value) == f"deep.mhtml: MHTML archive nests parts more than {MAX_DEPTH} deep"


def test_mhtml_nested_1000_deep_is_one_line_through_the_api():
    with pytest.raises(WartaError, match=f"^<bytes>: MHTML archive nests parts more than {MAX_DEPTH} deep$"):
        warta.parse(nested_mhtml(1000))


def chrome_archive(html: bytes, *, images: int = 0, image_size: int = 0, date: str | None = None,
                   html_charset: str | None = None) -> bytes:
    """An archive as Chrome writes one: quoted-printable HTML first, then base64 images."""
    archive = MIMEMultipart("related", type="text/html")
    archive["Snapshot-Content-Location"] = "https://news.example.co.id/read/2024/03/05/berita"
    if date:
        archive["Date"] = date
    page = MIMEText("", "html")
    del page["Content-Transfer-Encoding"]
    if html_charset:
        page.set_param("charset", html_charset)
    page["Content-Transfer-Encoding"] = "quoted-printable"
    import quopri

    page.set_payload(quopri.encodestring(html).decode("ascii"))
    archive.attach(page)
    for number in range(images):
        image = MIMEImage(os.urandom(image_size), "png")
        image["Content-Location"] = f"https://news.example.co.id/img/{number}.png"
        archive.attach(image)
    return archive.as_bytes()


def test_mhtml_beside_large_parts_decodes_only_the_html():
    data = chrome_archive(ARTICLE.format(head='<meta charset="utf-8">').encode(), images=8,
                          image_size=512 * 1024)
    doc, peak = with_peak(lambda: load_bytes(data, path="page.mhtml"))
    assert "Harga cabai di pasar tradisional" in doc.text
    assert doc.url == "https://news.example.co.id/read/2024/03/05/berita"
    assert peak < len(data) / 2  # the email parser made several copies of the archive


def test_mhtml_with_thousands_of_parts_finds_the_html_after_them():
    part = b"--B\r\nContent-Type: image/gif\r\nContent-Transfer-Encoding: base64\r\n\r\nR0lGODlh\r\n"
    data = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n' + part * 20_000
            + b"--B\r\nContent-Type: text/html\r\n\r\n" + ARTICLE.format(head="").encode() + b"\r\n--B--\r\n")
    assert load_bytes(data, path="wide.mhtml").text == ARTICLE.format(head="")


def test_an_mhtml_part_over_the_limit_is_one_line_with_memory_near_it():
    # The HTML part alone is past the limit once decompressed: the stream stops there.
    head = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n'
            b"--B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>")
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunks = [packer.compress(head)]
    chunks += [packer.compress(b"kata " * (MIB // 5)) for _ in range(MAX_BYTES // MIB + 2)]
    chunks += [packer.compress(b"</p>\r\n--B--\r\n"), packer.flush()]
    data = b"".join(chunks)
    caught, peak = refused_with_peak(data, "big.mhtml.gz")
    assert str(caught.value) == f"big.mhtml.gz: decompressed data exceeds {LIMIT}"
    assert peak < 1.5 * MAX_BYTES
    # The same archive given uncompressed is over the limit before any part is decoded.
    with pytest.raises(WartaError, match=f"^<bytes>: page exceeds {LIMIT}"):
        warta.parse(gzip.decompress(data))


def test_mhtml_damaged_html_part_is_one_line():
    data = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n'
            b"--B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!\r\n--B--\r\n")
    with pytest.raises(WartaError, match=r"^x.mhtml: damaged MHTML archive \(its HTML part decodes to nothing\)$"):
        load_bytes(data, path="x.mhtml")
    no_end = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=B\r\n" + b"X-Pad: y\r\n" * 8000
    with pytest.raises(WartaError, match=r"^y.mhtml: damaged MHTML archive \(its headers do not end\)$"):
        load_bytes(no_end, path="y.mhtml")


# -- declared charsets that cannot be the page's ---------------------------------------------

LATIN = "Café di Jalan Sudirman menjual kopi seharga Rp 25.000, kata pemiliknya pada Senin pagi."


def latin_page(charset: str, text: str = LATIN, *, declaration: str = "meta") -> bytes:
    head = (f'<meta charset="{charset}">' if declaration == "meta"
            else f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">')
    page = f"<!DOCTYPE html><html><head>{head}<title>Kopi</title></head><body>" + f"<p>{text}</p>" * 6
    return (page + "</body></html>").encode("cp1252")


@pytest.mark.parametrize("charset, why", [
    ("undefined", "not a character encoding of web pages"),
    ("unicode_escape", "not a character encoding of web pages"),
    ("rot13", "not a character encoding of web pages"),
    ("x-no-such-thing", "no such character encoding"),
    ("utf-16", "not ASCII-compatible, and the page's markup reads as ASCII"),
    ("UTF-16LE", "not ASCII-compatible, and the page's markup reads as ASCII"),
    ("utf-32", "not ASCII-compatible, and the page's markup reads as ASCII"),
    ("cp037", "not ASCII-compatible, and the page's markup reads as ASCII"),
])
def test_a_declared_charset_that_cannot_be_the_pages_is_ignored_with_a_note(charset, why):
    doc = load_bytes(latin_page(charset), path="kopi.html")
    assert LATIN in doc.text  # decoded as if nothing were declared (windows-1252)
    assert doc.encoding == "cp1252"
    assert doc.notes[0] == f'ignored the declared charset "{charset.lower()}": {why}'
    assert any(n.startswith("no declared charset; detected") for n in doc.notes[1:])


def test_meta_charset_undefined_with_latin1_bytes_gives_an_article():
    (article,) = warta.parse(latin_page("undefined", declaration="http-equiv"))
    assert article.summary and "Café di Jalan Sudirman" in article.summary
    assert 'ignored the declared charset "undefined": not a character encoding of web pages' in article.notes


def test_utf16_declared_on_an_ascii_page_is_noted():
    page = ARTICLE.format(head='<meta charset="utf-16">').encode("ascii")
    doc = load_bytes(page, path="ascii.html")
    assert doc.text == page.decode("ascii") and doc.encoding == "utf-8"
    assert doc.notes == ['ignored the declared charset "utf-16": not ASCII-compatible, '
                         "and the page's markup reads as ASCII"]
    xml = b'<?xml version="1.0" encoding="UTF-16"?>\n' + latin_page("windows-1252")
    assert load_bytes(xml, path="x.xhtml").notes[0].startswith('ignored the declared charset "utf-16"')


def test_unicode_escape_declared_does_not_turn_escapes_into_markup():
    page = latin_page("unicode_escape", LATIN + r" \x3cscript\x3e")
    doc = load_bytes(page, path="esc.html")
    assert r"\x3cscript\x3e" in doc.text and "<script>" not in doc.text


def test_a_usable_declaration_gets_no_note():
    doc = load_bytes(latin_page("windows-1252"), path="ok.html")
    assert LATIN in doc.text and doc.notes == []


def test_a_long_or_odd_charset_name_is_shortened_in_the_note():
    doc = load_bytes(latin_page("x" * 300), path="long.html")
    assert doc.notes[0] == 'ignored the declared charset "' + "x" * 40 + '…": no such character encoding'


@pytest.mark.parametrize("charset, note", [
    ("undefined", 'ignored the MHTML part\'s charset "undefined": not a character encoding of web pages'),
    ("utf-16", "ignored the MHTML part's charset \"utf-16\": not ASCII-compatible, "
               "and the page's markup reads as ASCII"),
])
def test_an_mhtml_part_charset_that_cannot_be_the_pages_is_ignored(charset, note):
    html = ("<html><head><title>Kopi</title></head><body>" + f"<p>{LATIN}</p>" * 6 + "</body></html>")
    doc = load_bytes(chrome_archive(html.encode("cp1252"), html_charset=charset), path="p.mhtml")
    assert LATIN in doc.text
    assert note in doc.notes


def test_an_mhtml_part_charset_is_used_when_the_page_declares_none():
    html = ("<html><head><title>Kopi</title></head><body>" + f"<p>{LATIN}</p>" * 6 + "</body></html>")
    doc = load_bytes(chrome_archive(html.encode("iso-8859-1"), html_charset="iso-8859-1"), path="p.mhtml")
    assert LATIN in doc.text and doc.encoding == "utf-8"
    assert not any("charset" in n for n in doc.notes)


# -- when the page was saved -----------------------------------------------------------------


@pytest.mark.parametrize("header, captured", [
    ("Tue, 5 Mar 2024 10:11:12 +0700", datetime(2024, 3, 5, 10, 11, 12, tzinfo=timezone(timedelta(hours=7)))),
    # What Chrome writes: UTC, the writer's own zone unknown (RFC 5322 3.3).
    ("Tue, 5 Mar 2024 03:11:12 -0000", datetime(2024, 3, 5, 3, 11, 12, tzinfo=timezone.utc)),
    ("Tue, 5 Mar 2024 03:11:12 GMT", datetime(2024, 3, 5, 3, 11, 12, tzinfo=timezone.utc)),
    ("Tue, 5 Mar 2024 10:11:12", None),              # no zone: not an instant
    ("Tue, 5 Mar 2024 10:11:12 +9900", None),        # no zone is 99 hours off
    ("kemarin sore", None),
    (None, None),
])
def test_captured_from_the_mhtml_date_header(header, captured):
    data = chrome_archive(ARTICLE.format(head="").encode(), date=header)
    doc = load_bytes(data, path="p.mhtml")
    assert doc.captured == captured
    assert doc.captured_source == ("mhtml" if captured else None)
    if captured:
        assert doc.captured.utcoffset() is not None


def singlefile_page(saved: str, *, before: str = "") -> bytes:
    return (f"<!DOCTYPE html> <html lang=\"id\"><!--\n Page saved with SingleFile \n"
            f" url: https://news.example.co.id/read/2024/03/05/berita \n saved date: {saved}\n-->"
            f"{before}<head><title>Harga cabai naik</title></head><body><p>Isi.</p></body></html>").encode()


@pytest.mark.parametrize("saved, captured", [
    ("Tue Mar 05 2024 10:11:12 GMT+0700 (Western Indonesia Time)",
     datetime(2024, 3, 5, 10, 11, 12, tzinfo=timezone(timedelta(hours=7)))),
    ("Tue Mar 05 2024 04:11:12 GMT+0100 (Mitteleuropäische Normalzeit)",
     datetime(2024, 3, 5, 3, 11, 12, tzinfo=timezone.utc)),
    ("2024-03-05T03:11:12.000Z", datetime(2024, 3, 5, 3, 11, 12, tzinfo=timezone.utc)),
    ("Tue, 05 Mar 2024 03:11:12 GMT", datetime(2024, 3, 5, 3, 11, 12, tzinfo=timezone.utc)),
    ("2024-03-05T10:11:12", None),                   # no zone
    ("Tue Feb 30 2024 10:11:12 GMT+0700", None),     # no such day
    ("Tue Mar 05 2024 10:11:12 GMT+2500", None),
    ("x", None),
])
def test_captured_from_the_singlefile_comment(saved, captured):
    doc = load_bytes(singlefile_page(saved), path="sf.html")
    assert doc.captured == captured
    assert doc.captured_source == ("singlefile" if captured else None)
    assert doc.url == "https://news.example.co.id/read/2024/03/05/berita"


def test_no_capture_time_from_a_saved_from_comment_or_deep_in_the_page():
    saved_from = (b"<!-- saved from url=(0049)https://news.example.co.id/read/2024/03/05/berita -->\n"
                  b"<html><head><title>x</title></head><body><p>Tue Mar 05 2024 10:11:12 GMT+0700</p></body></html>")
    doc = load_bytes(saved_from, path="ie.html")
    assert doc.url and doc.captured is None and doc.captured_source is None
    # Only the top of a page is searched: a comment past it is the page's text, not SingleFile's.
    late = b"<!DOCTYPE html><html><head>" + b" " * (20 * 1024) + singlefile_page(
        "Tue Mar 05 2024 10:11:12 GMT+0700")
    assert load_bytes(late, path="late.html").captured is None


def test_an_mhtml_date_wins_over_a_singlefile_comment_inside():
    html = singlefile_page("Tue Mar 05 2024 10:11:12 GMT+0700")
    doc = load_bytes(chrome_archive(html, date="Wed, 6 Mar 2024 01:00:00 +0000"), path="both.mhtml")
    assert (doc.captured, doc.captured_source) == (datetime(2024, 3, 6, 1, tzinfo=timezone.utc), "mhtml")
