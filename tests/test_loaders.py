"""Honest decoding: declared charsets, detection, mojibake, MHTML, gzip, bad input."""

from __future__ import annotations

import gzip
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest

from warta import WartaError
from warta.loaders import Input, find_page_url, load_bytes, read_input

SENTENCE = "Café di Jalan Sudirman menjual kopi seharga Rp 25.000 — “murah” kata pemiliknya."


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>Tes</title></head><body><p>{body}</p></body></html>"


def test_cp1252_page_with_meta_charset():
    data = page(SENTENCE, '<meta charset="iso-8859-1">').encode("cp1252")
    doc = load_bytes(data, path="a.html")
    assert SENTENCE in doc.text
    assert doc.encoding == "cp1252"
    assert doc.media_type == "text/html"


def test_latin1_http_equiv():
    text = "Pemerintah menaikkan tarif — sebesar 5 ¼ persen; «keputusan final», kata menteri. " * 3
    data = page(text, '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">').encode("cp1252")
    assert text in load_bytes(data, path="b.html").text


def test_utf8_mojibake_is_repaired_and_noted():
    sentence = "Café di Jalan Sudirman — harga kopi ‘naik’ lagi."
    broken = sentence.encode("utf-8").decode("cp1252")
    assert "Ã©" in broken and "â€”" in broken  # decoded twice somewhere upstream
    data = page(f"Berita pagi. {broken}", '<meta charset="utf-8">').encode("utf-8")
    doc = load_bytes(data, path="c.html")
    assert sentence in doc.text
    assert "â€" not in doc.text and "Ã©" not in doc.text
    assert any("mojibake" in n for n in doc.notes)


def test_clean_utf8_is_not_touched():
    doc = load_bytes(page(SENTENCE, '<meta charset="utf-8">').encode("utf-8"), path="d.html")
    assert SENTENCE in doc.text and doc.notes == []


def test_no_charset_is_detected_and_noted():
    text = ("Harga cabai di pasar tradisional naik tajam menjelang hari raya, kata pedagang "
            "yang ditemui pada Senin pagi. Pemerintah akan menggelar operasi pasar. ") * 8
    text += "Catatan: « harga naik » ± 5 persen, café, señor, über."
    data = page(text).encode("cp1252")
    doc = load_bytes(data, path="e.html")
    assert "café, señor, über" in doc.text
    assert any("detected" in n for n in doc.notes)


def test_mhtml_archive_gives_html_and_url():
    archive = MIMEMultipart("related", type="text/html")
    archive["Snapshot-Content-Location"] = "https://news.example.co.id/read/2024/01/01/berita"
    archive["Subject"] = "Tes"
    part = MIMEText(page(SENTENCE), "html", "utf-8")  # base64 body
    part["Content-Location"] = "https://news.example.co.id/read/2024/01/01/berita"
    archive.attach(part)
    data = archive.as_bytes()
    doc = load_bytes(data, path="f.mhtml")
    assert SENTENCE in doc.text
    assert doc.media_type == "text/html"
    assert doc.url == "https://news.example.co.id/read/2024/01/01/berita"
    assert any("MHTML" in n for n in doc.notes)


def test_gzip_file(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(page(SENTENCE, '<meta charset="utf-8">').encode("utf-8")))
    doc = read_input(Input(str(path)))
    assert SENTENCE in doc.text and doc.media_type == "text/html"
    assert any("gzip" in n for n in doc.notes)


def test_damaged_gzip():
    with pytest.raises(WartaError, match="gzip"):
        load_bytes(b"\x1f\x8b\x08\x00garbage", path="g.gz")


def test_binary_and_empty_are_refused():
    with pytest.raises(WartaError, match="binary"):
        load_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), path="h.png")
    with pytest.raises(WartaError, match="empty"):
        load_bytes(b"   \n", path="i.html")


def test_bom_wins():
    doc = load_bytes("\ufeff".encode("utf-8") + page(SENTENCE).encode("utf-8"), path="j.html")
    assert doc.text.startswith("<!DOCTYPE") and SENTENCE in doc.text


@pytest.mark.parametrize(
    "html, url",
    [
        ('<!-- saved from url=(0049)https://www.example.co.id/read/2024/01/02/abc -->\n<html></html>',
         "https://www.example.co.id/read/2024/01/02/abc"),
        ("<!--\n Page saved with SingleFile \n url: https://example.com/berita/1 \n saved date: x\n-->\n<html></html>",
         "https://example.com/berita/1"),
        ('<html><head><link rel="canonical" href="https://example.com/c"></head></html>', "https://example.com/c"),
        ('<html><head><meta property="og:url" content="https://example.com/og"></head></html>',
         "https://example.com/og"),
        ("<html><head></head><body>no url</body></html>", None),
    ],
)
def test_page_url_recovered(html, url):
    assert find_page_url(html) == url


def test_given_url_wins_over_page_url():
    data = page("x", '<link rel="canonical" href="https://example.com/c">').encode()
    assert load_bytes(data, url="https://given.example/x").url == "https://given.example/x"
    assert load_bytes(data).url == "https://example.com/c"
