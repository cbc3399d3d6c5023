"""Issue 9, the feed side: what no input, API caller or fault may do to a feed.

* a page with neither URL nor text never reaches a feed or the store, and never loses the
  others (convert, add);
* a writer failing on one item leaves that item out of that file only, named;
* only http(s) URLs reach links, guids, ids, images and related links, in every format;
  bad --url/--link/--base-url/--hub are usage errors, bad URL-map lines are reported one by
  one and the other lines used;
* plain text put where readers render HTML (RSS title and description) is escaped, HTML
  content is sanitised, "]]>" cannot break content:encoded;
* lone surrogates and control characters in API articles reach every writer and the store
  as valid UTF-8 and XML;
* a full disk or a refused permission while writing is one ``path: cannot write: reason``
  line, no temporary file is left and the previous files keep their bytes.
"""

from __future__ import annotations

import errno
import importlib
import json
import os
import tempfile
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

import warta
from warta import WIB, Article, Author, Block, Image, Link, WartaError
from warta.cli import app
from warta.store import Store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "pages"
ALL_FORMATS = ("-f", "rss", "-f", "atom", "-f", "json", "-f", "jsonl")
FILES = ("feed.xml", "feed.atom", "feed.json", "articles.jsonl")
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
#: A dump holding only a title, the portal's name and a date line: no URL, no body.
EMPTY_DUMP = b"Judul Berita Tanpa Apa\n20DETIK\nSenin, 01 Jan 2024 10:00 WIB\n"

runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def error_lines(result) -> list[str]:
    """stderr lines other than the summary and advice lines starting with 'warta:'."""
    return [line for line in result.stderr.splitlines() if not line.startswith("warta:")]


@pytest.fixture
def pages(tmp_path) -> Path:
    """The three example pages (three articles) in a folder of their own."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for page in EXAMPLES.glob("*.txt"):
        (folder / page.name).write_bytes(page.read_bytes())
    return folder


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp"))


def feed_ids(folder: Path) -> dict[str, list[str]]:
    """The item ids each file in ``folder`` holds (guid, Atom id, JSON id, JSON Lines id)."""
    found: dict[str, list[str]] = {}
    if (folder / "feed.xml").exists():
        rss = etree.fromstring((folder / "feed.xml").read_bytes())
        found["feed.xml"] = [g.text for g in rss.iter("guid")]
    if (folder / "feed.atom").exists():
        atom = etree.fromstring((folder / "feed.atom").read_bytes())
        found["feed.atom"] = [e.findtext(f"{ATOM}id") for e in atom.iter(f"{ATOM}entry")]
    if (folder / "feed.json").exists():
        found["feed.json"] = [i["id"] for i in json.loads((folder / "feed.json").read_bytes())["items"]]
    if (folder / "articles.jsonl").exists():
        found["articles.jsonl"] = [json.loads(line)["id"] for line in
                                   (folder / "articles.jsonl").read_bytes().splitlines()]
    return found


def article(n: int = 1, **changes) -> Article:
    """A plain, feedable article built through the API."""
    fields = dict(
        title=f"Berita nomor {n}", id=f"https://contoh.example/berita/{n}",
        url=f"https://contoh.example/berita/{n}", site="contoh.example",
        published=datetime(2024, 3, n, 10, 0, tzinfo=WIB),
        authors=[Author("Rina Wulandari")],
        body=[Block("paragraph", f"Isi berita nomor {n} yang cukup panjang untuk dibaca.")],
    )
    fields.update(changes)
    return Article(**fields)


# -- a page with no URL and no body ----------------------------------------------------


def test_convert_leaves_out_a_page_with_neither_url_nor_text_and_writes_the_others(pages, tmp_path):
    (pages / "kosong.txt").write_bytes(EMPTY_DUMP)
    out = tmp_path / "out"
    result = run("convert", pages, "-o", out, *ALL_FORMATS)
    assert result.exit_code == 1
    lines = error_lines(result)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{pages / 'kosong.txt'}: ")
    assert "no URL and no text" in lines[0]
    ids = feed_ids(out)
    assert sorted(ids) == sorted(FILES)
    for name, found in ids.items():
        assert len(found) == 3, name
        assert not any("judul-berita-tanpa-apa" in i for i in found), name
    assert "1 failed" in result.stderr


def test_add_refuses_a_page_with_neither_url_nor_text_and_adds_the_others(pages, tmp_path):
    (pages / "kosong.txt").write_bytes(EMPTY_DUMP)
    store = tmp_path / "warta.db"
    result = run("add", pages, "--feed", "berita", "--store", store)
    assert result.exit_code == 1
    lines = error_lines(result)
    assert len(lines) == 1 and lines[0].startswith(f"{pages / 'kosong.txt'}: ")
    assert "3 new" in result.stderr and "1 failed" in result.stderr
    listed = run("list", "berita", "--store", store, "--json")
    assert listed.exit_code == 0
    assert len(listed.stdout.splitlines()) == 3
    built = run("build", "berita", "--store", store, "-o", tmp_path / "feeds", "-q")
    assert built.exit_code == 0, built.stderr
    assert all(len(v) == 3 for v in feed_ids(tmp_path / "feeds" / "berita").values())


def test_the_api_refuses_an_article_no_writer_can_render_with_one_line():
    bare = Article(title="Judul Berita Tanpa Apa", id="tag:detik.com,2024-01-01:judul",
                   site="detik.com", published=datetime(2024, 1, 1, 10, tzinfo=WIB))
    with pytest.raises(WartaError, match="no URL and no text") as caught:
        warta.build_feed([article(1), bare])
    assert "\n" not in str(caught.value)


def test_a_writer_given_an_unrenderable_item_directly_leaves_out_only_that_item(tmp_path):
    """A Feed assembled by hand (past the gate): Atom's writer raised on an entry with
    neither link nor content, and the whole feed was lost."""
    feed = warta.build_feed([article(1), article(2)])
    bare = Article(title="Judul Berita Tanpa Apa", id="tag:detik.com,2024-01-01:judul",
                   published=datetime(2024, 1, 1, 10, tzinfo=WIB))
    feed.items.append(bare)
    warta.write_feed(feed, tmp_path, formats=["rss", "atom", "json", "jsonl"])
    ids = feed_ids(tmp_path)
    assert ids["feed.atom"] == ["https://contoh.example/berita/2", "https://contoh.example/berita/1"]
    assert [str(e) for e in feed.errors] == [
        "tag:detik.com,2024-01-01:judul: left out of feed.atom: "
        "Entry must contain an alternate link or a content element."]


# -- a writer failing on one item ------------------------------------------------------


@pytest.fixture
def failing_on_demak(monkeypatch):
    """Make every feed writer raise on the article whose title mentions Demak."""
    import warta.feedxml as feedxml
    import warta.jsonfeed as jsonfeed

    def poisoned(function):
        def wrapper(item, *args, **kwargs):
            if "Demak" in (item.title or ""):
                raise RuntimeError("writer broke on this item")
            return function(item, *args, **kwargs)
        return wrapper

    monkeypatch.setattr(feedxml, "display_title", poisoned(feedxml.display_title))
    monkeypatch.setattr(jsonfeed.JsonFeedWriter, "item", staticmethod(poisoned(jsonfeed.JsonFeedWriter.item)))
    monkeypatch.setattr(jsonfeed, "line", poisoned(jsonfeed.line))


def test_convert_names_an_item_a_writer_failed_on_and_writes_the_others(pages, tmp_path, failing_on_demak):
    out = tmp_path / "out"
    result = run("convert", pages, "-o", out, "-f", "rss", "-f", "atom", "-f", "json")
    assert result.exit_code == 1
    lines = error_lines(result)
    assert len(lines) == 3, result.stderr
    for line, name in zip(lines, ("feed.xml", "feed.atom", "feed.json")):
        assert line.startswith(str(pages / "kompas-2024-03-05-banjir-demak.txt") + ": ")
        assert f"left out of {name}: writer broke on this item" in line
        assert "tag:kompas.com,2024-03-05:" in line  # the item's id
    for name, found in feed_ids(out).items():
        assert len(found) == 2, name


def test_build_names_an_item_a_writer_failed_on_and_writes_the_others(pages, tmp_path, failing_on_demak):
    store = tmp_path / "warta.db"
    assert run("add", pages, "--feed", "berita", "--store", store, "-q").exit_code == 0
    result = run("build", "berita", "--store", store, "-o", tmp_path / "feeds", "-q")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3, result.stderr
    assert all(line.startswith(f"warta: {pages / 'kompas-2024-03-05-banjir-demak.txt'}: tag:")
               and "left out of feed." in line for line in lines)
    for found in feed_ids(tmp_path / "feeds" / "berita").values():
        assert len(found) == 2


def test_jsonl_writer_through_the_api_leaves_out_only_the_failing_item(tmp_path, monkeypatch):
    import warta.jsonfeed as jsonfeed

    original = jsonfeed.line
    monkeypatch.setattr(jsonfeed, "line", lambda a: (_ for _ in ()).throw(ValueError("no"))
                        if a.id.endswith("/2") else original(a))
    feed = warta.build_feed([article(1), article(2), article(3)])
    warta.write_feed(feed, tmp_path, formats=["jsonl"])
    assert feed_ids(tmp_path)["articles.jsonl"] == ["https://contoh.example/berita/3",
                                                    "https://contoh.example/berita/1"]
    assert [e.message for e in feed.errors] == [
        "https://contoh.example/berita/2: left out of articles.jsonl: no"]


def test_an_entry_that_fails_only_when_the_file_is_serialised_is_left_out(tmp_path, monkeypatch):
    """feedgen checks some things only in rss_str/atom_str: the failing entry is found
    and left out, the others written."""
    from feedgen.entry import FeedEntry

    for method in ("rss_entry", "atom_entry"):
        original = getattr(FeedEntry, method)

        def broken(self, *args, _original=original, **kwargs):
            if "nomor 2" in (self.title() or ""):
                raise ValueError("feedgen refused this entry")
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(FeedEntry, method, broken)
    feed = warta.build_feed([article(1), article(2), article(3)])
    warta.write_feed(feed, tmp_path, formats=["rss", "atom"])
    ids = feed_ids(tmp_path)
    assert ids["feed.xml"] == ids["feed.atom"] == ["https://contoh.example/berita/3",
                                                   "https://contoh.example/berita/1"]
    assert sorted(e.message.split(": ")[1] for e in feed.errors) == [
        "left out of feed.atom", "left out of feed.xml"]


# -- URLs: only http(s) ----------------------------------------------------------------


HOSTILE_PAGE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>Banjir Besar Melanda Kota Semarang</title>
<meta property="og:url" content="{og}">
<link rel="canonical" href="{canonical}">
<meta property="og:image" content="javascript:alert(3)">
<meta property="og:title" content="Banjir Besar Melanda Kota Semarang">
<meta property="article:published_time" content="2024-03-05T10:00:00+07:00">
</head><body><article><h1>Banjir Besar Melanda Kota Semarang</h1>
<p>Hujan deras sejak pagi membuat banyak jalan di pusat kota tergenang air setinggi lutut.</p>
<p><img src="data:image/png;base64,AAAA" alt="foto"> Baca juga:
<a href="javascript:alert(4)">Tanggul jebol di hulu sungai</a></p>
<p>Petugas pemadam kebakaran dan relawan membantu warga mengungsi ke tempat yang aman.</p>
</article></body></html>
"""
BAD_URLS = [("javascript:alert(1)", "javascript:alert(2)"),
            ("data:text/html,<script>alert(1)</script>", "/berita/relatif"),
            ("berita/relatif.html", "vbscript:msgbox(1)"),
            ("//", "http://"),
            ("https://exa mple.org/x", "ftp://contoh.example/a")]


def every_url(folder: Path) -> list[str]:
    """Every link, guid, id, image and related-link URL of every file in ``folder``,
    including the href/src attributes inside the items' HTML content."""
    urls: list[str] = []

    class Hrefs(HTMLParser):
        def handle_starttag(self, tag, attrs):
            urls.extend(v or "" for k, v in attrs if k in ("href", "src"))

    def html(text):
        if text:
            parser = Hrefs()
            parser.feed(text)
            parser.close()

    rss = etree.fromstring((folder / "feed.xml").read_bytes())
    for item in rss.iter("item"):
        urls += [e.text or "" for e in item if e.tag in ("link", "guid", "comments")]
        urls += [e.get("url") or "" for e in item.iter("enclosure")]
        html(item.findtext(CONTENT))
        html(item.findtext("description"))
    atom = etree.fromstring((folder / "feed.atom").read_bytes())
    for entry in atom.iter(f"{ATOM}entry"):
        urls.append(entry.findtext(f"{ATOM}id") or "")
        urls += [link.get("href") or "" for link in entry.iter(f"{ATOM}link")]
        html(entry.findtext(f"{ATOM}content"))
    for item in json.loads((folder / "feed.json").read_bytes())["items"]:
        urls += [item.get(k, "https://present.example/") for k in ("id", "url")]
        urls += [item[k] for k in ("image", "banner_image", "external_url") if k in item]
        extra = item.get("_warta", {})
        urls += [i["url"] for i in extra.get("images", []) if i.get("url")]
        urls += [r["url"] for r in extra.get("related", []) if r.get("url")]
        html(item.get("content_html"))
    for raw in (folder / "articles.jsonl").read_bytes().splitlines():
        record = json.loads(raw)
        urls += [record["id"], record["url"] or "https://present.example/"]
        urls += [i["url"] for i in record["images"] if i["url"]]
        urls += [r["url"] for r in record["related"] + record["more"] if r["url"]]
        # The record's content_html is the parser's (sanitised) HTML, or what an API caller
        # put there: the feeds' content is checked above.
    return urls


def web_or_tag(url: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme == "tag":
        return True
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in url


@pytest.mark.parametrize(("og", "canonical"), BAD_URLS)
def test_hostile_page_urls_reach_no_feed_field(tmp_path, og, canonical):
    page = tmp_path / "jahat.html"
    page.write_text(HOSTILE_PAGE.format(og=og, canonical=canonical), encoding="utf-8")
    out = tmp_path / "out"
    # Without --url the page has no usable address: one line, nothing written.
    result = run("convert", page, "-o", out, *ALL_FORMATS)
    if result.exit_code == 0:
        urls = every_url(out)
        assert urls and all(web_or_tag(u) for u in urls), urls
    else:
        assert result.exit_code == 1 and len(error_lines(result)) == 1
        assert not out.exists()
    # With --url: that address, and no other scheme anywhere.
    given = "https://contoh.example/berita/banjir"
    result = run("convert", page, "-o", out, "--url", given, *ALL_FORMATS)
    assert result.exit_code == 0, result.stderr
    urls = every_url(out)
    assert given in urls
    assert all(web_or_tag(u) for u in urls), urls
    for name in FILES:
        text = (out / name).read_text(encoding="utf-8").lower()
        if name != "articles.jsonl":  # the record's notes quote what was dropped
            assert "javascript:" not in text and "vbscript:" not in text and "data:" not in text


def test_a_dropped_page_url_is_noted_on_the_record(tmp_path):
    page = tmp_path / "jahat.html"
    page.write_text(HOSTILE_PAGE.format(og="javascript:alert(1)", canonical="javascript:alert(2)"),
                    encoding="utf-8")
    result = run("parse", page)
    record = json.loads(result.stdout)
    assert record["url"] is None and record["id"] is None
    assert any("URL dropped" in n and "javascript:" in n for n in record["notes"])


def test_api_articles_with_hostile_urls_keep_only_http_urls_with_notes(tmp_path):
    hostile = article(
        1, url="javascript:alert(1)", id="tag:contoh.example,2024-03-01:berita-1",
        images=[Image("data:image/png;base64,AAAA", "foto"), Image("https://contoh.example/a.jpg")],
        related=[Link("Lain", "javascript:alert(2)"), Link("Baik", "https://contoh.example/b")],
        more=[Link("Relatif", "/relatif")],
        content_html='<p>Isi <a href="javascript:alert(3)">tautan</a>'
                     '<img src="data:image/png;base64,AAAA"><script>alert(4)</script></p>')
    feed = warta.build_feed([hostile, article(2)])
    warta.write_feed(feed, tmp_path, formats=["rss", "atom", "json", "jsonl"])
    urls = every_url(tmp_path)
    assert "https://contoh.example/a.jpg" in urls and "https://contoh.example/b" in urls
    assert all(web_or_tag(u) for u in urls), urls
    notes = json.loads((tmp_path / "articles.jsonl").read_bytes().splitlines()[1])["notes"]
    assert any(n.startswith("URL dropped") for n in notes)
    assert any(n.startswith("image URL dropped") for n in notes)
    assert sum(n.startswith("link dropped") for n in notes) == 2


def test_an_api_article_whose_only_id_is_a_hostile_url_is_refused():
    with pytest.raises(WartaError, match="no stable id"):
        warta.build_feed([article(1, url="javascript:alert(1)", id="javascript:alert(1)")])


@pytest.mark.parametrize("command", ["convert", "add"])
@pytest.mark.parametrize("value", ["not-a-url", "javascript:x", "ftp://contoh.example/a",
                                   "https://", "http://exa mple.org/", "//contoh.example/a"])
def test_a_bad_url_option_is_a_usage_error_and_writes_nothing(tmp_path, command, value):
    page = EXAMPLES / "kompas-2024-03-05-banjir-demak.txt"
    target = ["-o", tmp_path / "out"] if command == "convert" else [
        "--feed", "berita", "--store", tmp_path / "warta.db"]
    result = run(command, page, "--url", value, *target)
    assert result.exit_code == 2, result.stderr
    assert "--url must be an http(s) URL" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out").exists() and not (tmp_path / "warta.db").exists()


@pytest.mark.parametrize(("option", "value"), [
    ("--base-url", "ftp://x"), ("--base-url", "javascript:alert(1)"), ("--link", "data:,x"),
    ("--link", "contoh.example"), ("--hub", "not a url"), ("--hub", "mailto:hub@contoh.example")])
def test_bad_feed_url_options_are_usage_errors_for_convert_and_build(tmp_path, pages, option, value):
    extra = ["--base-url", "https://feeds.example/"] if option == "--hub" else []
    result = run("convert", pages, "-o", tmp_path / "out", option, value, *extra)
    assert result.exit_code == 2, result.stderr
    assert f"{option} must be an http(s) URL" in result.stderr
    assert not (tmp_path / "out").exists()
    store = tmp_path / "warta.db"
    assert run("add", pages, "--feed", "berita", "--store", store, "-q").exit_code == 0
    result = run("build", "berita", "--store", store, "-o", tmp_path / "feeds", option, value, *extra)
    assert result.exit_code == 2, result.stderr
    assert f"{option} must be an http(s) URL" in result.stderr
    assert not (tmp_path / "feeds").exists()


def test_the_api_refuses_hostile_feed_urls():
    for option in ("link", "base_url", "hub"):
        with pytest.raises(warta.UsageError, match="must be an http"):
            warta.build_feed([article(1)], **{option: "javascript:alert(1)"})


def test_a_url_map_with_bad_lines_reports_each_and_uses_the_others(tmp_path, pages):
    names = sorted(p.name for p in pages.iterdir())
    mapping = tmp_path / "urls.txt"
    mapping.write_text("\n".join([
        f"pages/{names[0]} https://contoh.example/satu",
        f"pages/{names[1]} javascript:alert(1)",
        "# a comment",
        f'{{"file": "pages/{names[2]}", "url": "/relatif"}}',
        "just-one-field",
        '{"file": "pages/x.txt", "url": ["https://contoh.example/"]}',
        "[1, 2",
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("convert", pages, "--urls", mapping, "-o", out, *ALL_FORMATS)
    assert result.exit_code == 1
    lines = error_lines(result)
    assert [line.split(": ")[:2] for line in lines] == [
        [str(mapping), f"line {n}"] for n in (2, 4, 5, 6, 7)], lines
    ids = feed_ids(out)
    assert all(len(v) == 3 for v in ids.values())
    assert "https://contoh.example/satu" in ids["feed.json"]
    assert all(i.startswith(("https://", "tag:")) for v in ids.values() for i in v)
    store = tmp_path / "warta.db"
    added = run("add", pages, "--urls", mapping, "--feed", "berita", "--store", store)
    assert added.exit_code == 1
    assert len(error_lines(added)) == 5 and "3 new" in added.stderr


# -- HTML in text ----------------------------------------------------------------------


SCRIPT = "<script>alert(1)</script>"
TITLE = "Harga <b>beras</b> naik &amp; turun, Xi & Putin <img src=x onerror=alert(2)>"


class Elements(HTMLParser):
    """Collects the start tags (and their attributes) an HTML parser sees in a string."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def assert_sanitised(html: str) -> None:
    seen = Elements(html)
    assert all(tag not in ("script", "style", "iframe", "object", "embed") for tag, _ in seen.tags)
    assert all(not name.startswith("on") for _, attrs in seen.tags for name, _ in attrs)


def hostile_article() -> Article:
    return article(
        1, title=TITLE, summary=f"Ringkasan {SCRIPT} & <i>miring</i> ]]> akhir",
        body=[Block("paragraph", SCRIPT), Block("paragraph", "Teks ]]> di tengah <![CDATA[ x ]]>"),
              Block("quote", "<iframe src=https://jahat.example/></iframe>")],
        tags=["<b>tag</b>"], authors=[Author("<script>x</script> Rina")])


def check_rendered(folder: Path, title: str, summary: str | None) -> None:
    rss = etree.fromstring((folder / "feed.xml").read_bytes())
    item = rss.find("channel/item")
    for element, expected in (("title", title), ("description", summary or title)):
        value = item.findtext(element)
        seen = Elements(value)
        assert seen.tags == [], (element, value)
        assert "".join(seen.text) == expected  # a reader shows exactly the text
    content = item.findtext(CONTENT)
    assert "alert(1)" in content  # the paragraph is there, as text
    assert_sanitised(content)
    atom = etree.fromstring((folder / "feed.atom").read_bytes())
    entry = atom.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").get("type") in (None, "text")
    assert entry.findtext(f"{ATOM}title") == title
    assert_sanitised(entry.findtext(f"{ATOM}content"))
    item = json.loads((folder / "feed.json").read_bytes())["items"][0]
    assert item["title"] == title
    assert_sanitised(item["content_html"])


def test_html_in_titles_and_text_is_escaped_or_sanitised_in_every_format(tmp_path):
    hostile = hostile_article()
    feed = warta.build_feed([hostile], title="Kanal <b>tebal</b> &amp; A & B",
                            description=f"Deskripsi {SCRIPT}")
    warta.write_feed(feed, tmp_path, formats=["rss", "atom", "json"])
    assert feed.errors == []
    check_rendered(tmp_path, TITLE, hostile.summary)
    channel = etree.fromstring((tmp_path / "feed.xml").read_bytes()).find("channel")
    for element, expected in (("title", "Kanal <b>tebal</b> &amp; A & B"),
                              ("description", f"Deskripsi {SCRIPT}")):
        seen = Elements(channel.findtext(element))
        assert seen.tags == [] and "".join(seen.text) == expected


def test_cdata_end_in_content_html_cannot_close_content_encoded(tmp_path):
    hostile = article(1, content_html='<p>a ]]> b <a href="https://contoh.example/?q=]]>" '
                                      'title="]]><script>alert(1)</script>">c</a></p>'
                                      '<![CDATA[ ]]><script>alert(2)</script>')
    feed = warta.build_feed([hostile])
    warta.write_feed(feed, tmp_path, formats=["rss"])
    item = etree.fromstring((tmp_path / "feed.xml").read_bytes()).find("channel/item")
    content = item.findtext(CONTENT)
    assert_sanitised(content)
    assert "]]>" not in content
    assert [e.tag for e in item] == [e.tag for e in etree.fromstring(
        (tmp_path / "feed.xml").read_bytes()).find("channel/item")]  # parsed whole


def test_html_in_a_saved_page_is_escaped_in_rss(tmp_path):
    """Through a real Kompas text dump: a title with markup, a paragraph that is a script."""
    source = (EXAMPLES / "kompas-2024-03-05-banjir-demak.txt").read_text(encoding="utf-8")
    original = "Warga Demak Mulai Kembali ke Rumah Setelah Banjir Surut"
    assert original in source
    title = "Warga <b>Demak</b> &amp; Banjir <script>alert(9)</script> Surut"
    page = tmp_path / "demak.txt"
    opening = "\n\nKepala Pelaksana"
    assert opening in source
    page.write_text(source.replace(original, title).replace(opening, f"\n\n{SCRIPT}{opening}"),
                    encoding="utf-8")
    out = tmp_path / "out"
    result = run("convert", page, "-o", out, "-f", "rss", "-f", "atom", "-f", "json")
    assert result.exit_code == 0, result.stderr
    record = json.loads(run("parse", page).stdout)
    check_rendered(out, record["title"], record["summary"])
    assert record["title"] == title
    assert SCRIPT in [block["text"] for block in record["body"]]


# -- lone surrogates and control characters through the API ---------------------------


NASTY = "a\ud800b\udfffc\x0bd\x04e\x1ff\x00g\ufffeh\x7fi\u2028j"


def nasty_article(n: int = 1) -> Article:
    return article(
        n, title=f"Judul {NASTY}", summary=f"Ringkasan {NASTY}", section=f"Seksi {NASTY}",
        dateline=f"KOTA {NASTY}", source=NASTY, verdict=NASTY,
        authors=[Author(f"Nama {NASTY}", "writer", NASTY, NASTY), Author(f"Editor {NASTY}", "editor")],
        body=[Block("paragraph", f"Paragraf {NASTY}"), Block("list_item", NASTY),
              Block("heading", NASTY), Block("quote", NASTY)],
        images=[Image(f"https://contoh.example/{n}.jpg", NASTY, NASTY)],
        related=[Link(f"Terkait {NASTY}", f"https://contoh.example/t{n}", NASTY)],
        more=[Link(NASTY)], tags=[NASTY, "biasa"], notes=[NASTY])


def check_valid_output(folder: Path) -> None:
    for name in ("feed.xml", "feed.atom"):
        data = (folder / name).read_bytes()
        data.decode("utf-8")  # strict
        etree.fromstring(data, etree.XMLParser(recover=False))
    document = json.loads((folder / "feed.json").read_bytes().decode("utf-8"))
    assert document["items"]
    for raw in (folder / "articles.jsonl").read_bytes().splitlines():
        json.loads(raw.decode("utf-8"))


def test_lone_surrogates_and_controls_reach_every_writer_and_the_store(tmp_path):
    feed = warta.build_feed([nasty_article(1), nasty_article(2)], title=f"Kanal {NASTY}",
                            description=f"Deskripsi {NASTY}")
    warta.write_feed(feed, tmp_path / "api", formats=["rss", "atom", "json", "jsonl"])
    assert feed.errors == []
    check_valid_output(tmp_path / "api")
    assert len(feed_ids(tmp_path / "api")["feed.atom"]) == 2
    title = etree.fromstring((tmp_path / "api" / "feed.atom").read_bytes()).findtext(
        f"{ATOM}entry/{ATOM}title")
    assert title.startswith("Judul a\ufffdb\ufffdc") and title.endswith("j")

    with Store(tmp_path / "warta.db") as db:
        done = db.put("berita", [nasty_article(1), nasty_article(2)])
        assert sorted(done.new) == ["https://contoh.example/berita/1",
                                    "https://contoh.example/berita/2"] and not done.failed
        stored = db.articles("berita")
        assert [a.title for a in stored] == [t.title for t in feed.items]
    listed = run("list", "berita", "--store", tmp_path / "warta.db", "--json")
    assert listed.exit_code == 0 and len(listed.stdout.rstrip("\n").split("\n")) == 2
    built = run("build", "berita", "--store", tmp_path / "warta.db", "-o", tmp_path / "feeds",
                "-f", "rss", "-f", "atom", "-f", "json", "-f", "jsonl", "-q")
    assert built.exit_code == 0, built.stderr
    check_valid_output(tmp_path / "feeds" / "berita")


def test_an_api_article_with_a_field_of_the_wrong_type_is_one_line():
    with pytest.raises(WartaError, match="not a valid article record") as caught:
        warta.build_feed([article(1, title=5)])
    assert "title" in str(caught.value)
    with Store(":memory:") as db:
        done = db.put("berita", [article(1, body=[Block("paragraph", None)]), article(2)])
    assert done.new == ["https://contoh.example/berita/2"]
    assert len(done.failed) == 1 and "body[0].text" in str(done.failed[0])


# -- a full disk, no permission --------------------------------------------------------


def raising(number: int):
    def fail(*_args, **_kwargs):
        raise OSError(number, os.strerror(number))
    return fail


def fsync_failing_on(call: int):
    """``os.fsync`` that fails with ENOSPC on its ``call``-th call (1-based), else syncs."""
    real, calls = os.fsync, []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == call:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd)
    return fsync


@pytest.fixture
def converted(pages, tmp_path):
    """An output folder written once (all formats), and a fourth page for the next run."""
    out = tmp_path / "out"
    assert run("convert", pages, "-o", out, *ALL_FORMATS, "-q").exit_code == 0
    extra = tmp_path / "more"
    extra.mkdir()
    source = (EXAMPLES / "kompas-2024-03-05-banjir-demak.txt").read_text(encoding="utf-8")
    (extra / "lain.txt").write_text(source.replace("Warga Demak", "Warga Kudus"), encoding="utf-8")
    return out


FAULTS = [("write", errno.ENOSPC), ("fsync", errno.ENOSPC), ("write", errno.EIO),
          ("replace", errno.EACCES), ("fsync", errno.EDQUOT)]


@pytest.mark.parametrize(("call", "number"), FAULTS)
@pytest.mark.parametrize("formats", [("-f", "jsonl"), ALL_FORMATS])
def test_convert_on_a_full_disk_is_one_line_and_keeps_the_old_files(
        converted, pages, tmp_path, monkeypatch, call, number, formats):
    before = snapshot(converted)
    monkeypatch.setattr(os, call, raising(number))
    result = run("convert", pages, tmp_path / "more", "-o", converted, *formats, "-q")
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"warta: {converted / ('articles.jsonl' if formats == ('-f', 'jsonl') else 'feed.xml')}: "
        f"cannot write: {os.strerror(number)}"]
    assert snapshot(converted) == before
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(("formats", "first"), [(ALL_FORMATS, "articles.jsonl"),
                                               (("-f", "rss", "-f", "json"), "feed.xml")])
def test_no_permission_to_create_the_temporary_file(converted, pages, tmp_path, monkeypatch,
                                                    formats, first):
    before = snapshot(converted)
    monkeypatch.setattr(tempfile, "mkstemp", raising(errno.EACCES))
    result = run("convert", pages, tmp_path / "more", "-o", converted, *formats, "-q")
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"warta: {converted / first}: cannot write: Permission denied"]
    assert snapshot(converted) == before and leftovers(tmp_path) == []


@pytest.mark.parametrize(("call", "failing"), [(3, "feed.json"), (4, "articles.jsonl")])
def test_a_later_file_failing_leaves_the_whole_set_as_it_was(converted, pages, tmp_path,
                                                             monkeypatch, call, failing):
    """The disk fills up while the third (or the last, articles.jsonl) file of four is synced:
    none of the four changes (a reader never sees this run's feed.xml beside the last run's
    feed.json, nor new feeds beside an old articles.jsonl)."""
    before = snapshot(converted)
    monkeypatch.setattr(os, "fsync", fsync_failing_on(call))
    result = run("convert", pages, tmp_path / "more", "-o", converted, *ALL_FORMATS, "-q")
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"warta: {converted / failing}: cannot write: No space left on device"]
    assert snapshot(converted) == before and leftovers(tmp_path) == []


def test_a_record_json_cannot_hold_is_left_out_of_articles_jsonl_only(pages, tmp_path, monkeypatch):
    convert_module = importlib.import_module("warta.convert")  # warta.convert is the function
    real = convert_module.line

    def picky(article):
        if "Demak" in (article.title or ""):
            raise ValueError("cannot encode this record")
        return real(article)

    monkeypatch.setattr(convert_module, "line", picky)
    out = tmp_path / "out"
    result = run("convert", pages, "-o", out, *ALL_FORMATS, "-q")
    assert result.exit_code == 1
    (error,) = result.stderr.splitlines()
    assert "left out of articles.jsonl: cannot encode this record" in error
    rows = (out / "articles.jsonl").read_bytes().splitlines()
    items = json.loads((out / "feed.json").read_bytes())["items"]
    assert len(rows) == len(items) - 1 >= 1

@pytest.mark.parametrize(("call", "number"), FAULTS)
def test_build_on_a_full_disk_is_one_line_and_keeps_the_old_files(pages, tmp_path, monkeypatch,
                                                                   call, number):
    store = tmp_path / "warta.db"
    assert run("add", pages, "--feed", "berita", "--store", store, "-q").exit_code == 0
    feeds = tmp_path / "feeds"
    assert run("build", "berita", "--store", store, "-o", feeds, "-q").exit_code == 0
    folder = feeds / "berita"
    before = snapshot(folder)
    store_bytes = store.read_bytes()
    monkeypatch.setattr(os, call, raising(number))
    result = run("build", "berita", "--store", store, "-o", feeds, "-q", "--title", "Judul baru")
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"warta: {folder / 'feed.xml'}: cannot write: {os.strerror(number)}"]
    assert snapshot(folder) == before and leftovers(tmp_path) == []
    assert store.read_bytes() == store_bytes


def test_write_feed_through_the_api_raises_one_warta_error(tmp_path, monkeypatch):
    feed = warta.build_feed([article(1)])
    warta.write_feed(feed, tmp_path, formats=["rss", "json"])
    before = snapshot(tmp_path)
    feed2 = warta.build_feed([article(1), article(2)])
    monkeypatch.setattr(os, "write", raising(errno.ENOSPC))
    with pytest.raises(WartaError) as caught:
        warta.write_feed(feed2, tmp_path, formats=["rss", "json"])
    monkeypatch.undo()
    assert str(caught.value) == f"{tmp_path / 'feed.xml'}: cannot write: No space left on device"
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert snapshot(tmp_path) == before


def test_an_output_folder_that_is_a_file_is_one_line(pages, tmp_path):
    blocker = tmp_path / "berkas"
    blocker.write_bytes(b"bukan folder")
    for target in (blocker, blocker / "sub"):
        result = run("convert", pages, "-o", target, *ALL_FORMATS, "-q")
        assert result.exit_code == 1
        assert result.stderr.splitlines() == [
            f"warta: {blocker}: cannot write into it: not a folder"]
    assert blocker.read_bytes() == b"bukan folder"
    feed = warta.build_feed([article(1)])
    with pytest.raises(WartaError, match="cannot write into it: not a folder"):
        warta.write_feed(feed, blocker / "sub")


def test_a_feed_file_that_is_a_folder_is_one_line_and_the_others_stay(tmp_path):
    feed = warta.build_feed([article(1)])
    warta.write_feed(feed, tmp_path, formats=["rss"])
    (tmp_path / "feed.json").mkdir()
    before = snapshot(tmp_path / "feed.json"), (tmp_path / "feed.xml").read_bytes()
    with pytest.raises(WartaError) as caught:
        warta.write_feed(warta.build_feed([article(1), article(2)]), tmp_path,
                         formats=["rss", "json"])
    assert str(caught.value) == f"{tmp_path / 'feed.json'}: cannot write: a folder has this name"
    assert (snapshot(tmp_path / "feed.json"), (tmp_path / "feed.xml").read_bytes()) == before
    assert leftovers(tmp_path) == []


def test_short_writes_still_write_every_byte(tmp_path, monkeypatch):
    from warta.output import AtomicFile

    real = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real(fd, bytes(data[:7])))
    data = bytes(range(256)) * 300
    with AtomicFile(tmp_path / "f.bin") as file:
        file.write(data[:1000])
        file.write(data[1000:])
        file.commit()
    monkeypatch.undo()
    assert (tmp_path / "f.bin").read_bytes() == data and leftovers(tmp_path) == []


def test_the_disk_filling_up_mid_stream_leaves_no_temporary_file(tmp_path, monkeypatch):
    import warta.output as output

    (tmp_path / "articles.jsonl").write_bytes(b"lama\n")
    monkeypatch.setattr(output, "BUFFER_SIZE", 10)
    real = os.write
    written = []

    def filling(fd, data):
        if written:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written.append(len(data))
        return real(fd, data)

    monkeypatch.setattr(os, "write", filling)
    file = output.AtomicFile(tmp_path / "articles.jsonl")
    file.write(b"baris satu\n")  # flushed: the buffer is full
    with pytest.raises(WartaError) as caught:
        file.write(b"baris dua\n")
    monkeypatch.undo()
    assert str(caught.value) == f"{tmp_path / 'articles.jsonl'}: cannot write: No space left on device"
    assert leftovers(tmp_path) == [] and (tmp_path / "articles.jsonl").read_bytes() == b"lama\n"
    file.discard()  # safe after the failure


def test_hostile_feed_title_and_description_options(pages, tmp_path):
    out = tmp_path / "out"
    title = f"Kanal <b>A</b> &amp; B \x0b\x04 {SCRIPT}"
    result = run("convert", pages, "-o", out, "--title", title, "--description", f"D {SCRIPT}\x1f",
                 "-f", "rss", "-f", "atom", "-f", "json", "-q")
    assert result.exit_code == 0, result.stderr
    check_valid = [etree.fromstring((out / n).read_bytes()) for n in ("feed.xml", "feed.atom")]
    channel = check_valid[0].find("channel")
    seen = Elements(channel.findtext("title"))
    assert seen.tags == [] and "".join(seen.text) == f"Kanal <b>A</b> &amp; B  {SCRIPT}"
    assert Elements(channel.findtext("description")).tags == []
    assert check_valid[1].findtext(f"{ATOM}title") == f"Kanal <b>A</b> &amp; B  {SCRIPT}"
    assert json.loads((out / "feed.json").read_bytes())["title"] == title


# -- fuzzing the text every writer carries ---------------------------------------------

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from warta.model import safe_text  # noqa: E402
from warta.textnorm import xml_safe  # noqa: E402

FUZZ = settings(max_examples=int(os.environ.get("WARTA_FUZZ_EXAMPLES", "60"))
                if os.environ.get("WARTA_FUZZ") == "long" else 60,
                derandomize=os.environ.get("WARTA_FUZZ") != "long", deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])
#: Text weighted towards what markup, references and CDATA are made of, with any
#: character (surrogates and controls included) mixed in.
MARKUP = st.text(st.one_of(st.sampled_from(list("<>&;#/!-[]=\"' amp lt x3C 0 9 \n\r\t")),
                           st.characters(exclude_categories=()),
                           st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF,
                                         exclude_categories=())), min_size=1, max_size=40)


def shown_text(value: str) -> str:
    return xml_safe(safe_text(value)).replace("\r\n", "\n").replace("\r", "\n")


@FUZZ
@given(title=MARKUP, summary=MARKUP, paragraph=MARKUP, name=MARKUP, tag=MARKUP)
def test_any_text_reaches_every_writer_as_text(title, summary, paragraph, name, tag):
    item = article(1, title=title, summary=summary, body=[Block("paragraph", paragraph)],
                   authors=[Author(name)], tags=[tag])
    feed = warta.build_feed([item], title=title, description=summary)
    with tempfile.TemporaryDirectory() as folder:
        warta.write_feed(feed, folder, formats=["rss", "atom", "json", "jsonl"])
        assert feed.errors == []
        out = Path(folder)
        rss = etree.fromstring((out / "feed.xml").read_bytes())
        entry = rss.find("channel/item")
        assert entry is not None
        shown = xml_safe(title).strip()  # a blank title gives the feed its default one
        for element, expected in ((rss.find("channel/title"), title if shown else None),
                                  (entry.find("title"), title if shown else None),
                                  (entry.find("description"),
                                   summary if xml_safe(summary).strip() else None)):
            seen = Elements(element.text or "")
            assert seen.tags == []
            if expected is not None:
                assert "".join(seen.text).replace("\r", "\n") == shown_text(expected)
        assert_sanitised(entry.findtext(CONTENT) or "")
        atom = etree.fromstring((out / "feed.atom").read_bytes())
        assert_sanitised(atom.findtext(f"{ATOM}entry/{ATOM}content") or "")
        document = json.loads((out / "feed.json").read_bytes().decode("utf-8"))
        assert_sanitised(document["items"][0].get("content_html", ""))
        assert document["items"][0]["id"] == "https://contoh.example/berita/1"
        for raw in (out / "articles.jsonl").read_bytes().split(b"\n")[:-1]:
            json.loads(raw.decode("utf-8"))


# -- a writer failing as a whole -------------------------------------------------------


@pytest.mark.parametrize("where", ["start", "tail"])
def test_a_writer_failing_as_a_whole_is_one_line_and_writes_nothing(converted, pages, tmp_path,
                                                                    monkeypatch, where):
    """A writer that fails before its first item or after its last one (the feed's other
    files already streamed to disk) writes nothing: every old file stays."""
    import warta.jsonfeed as jsonfeed

    before = snapshot(converted)
    if where == "start":
        monkeypatch.setattr(jsonfeed.JsonFeedWriter, "stream", lambda self, feed: {}["no such key"])
    else:
        monkeypatch.setattr(jsonfeed._JsonFeedStream, "tail", lambda self: {}["no such key"])
    result = run("convert", pages, tmp_path / "more", "-o", converted, *ALL_FORMATS, "-q")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"warta: {converted / 'feed.json'}: the feed.json writer failed: KeyError: 'no such key'"]
    assert snapshot(converted) == before and leftovers(tmp_path) == []
    monkeypatch.setenv("WARTA_DEBUG", "1")
    with pytest.raises(KeyError):
        warta.write_feed(warta.build_feed([article(1)]), tmp_path / "api")


@pytest.mark.parametrize(("option", "value"), [("--title", ""), ("--title", "\x08"),
                                               ("--description", ""), ("--description", "\x0b")])
def test_an_empty_feed_title_or_description_is_no_traceback(pages, tmp_path, option, value):
    """RSS requires both: feedgen raised 'Required fields not set' out of convert and build.
    Either a default takes their place (feeds written) or it is one line and nothing is."""
    out = tmp_path / "out"
    result = run("convert", pages, "-o", out, option, value, "-f", "rss", "-f", "atom", "-f", "json", "-q")
    if result.exit_code == 0:
        rss = etree.fromstring((out / "feed.xml").read_bytes()).find("channel")
        assert rss.findtext("title").strip() and rss.findtext("description").strip()
        assert len(feed_ids(out)["feed.xml"]) == 3
    else:
        assert result.exit_code in (1, 2) and len(result.stderr.splitlines()) == 1, result.stderr
        assert not out.exists()


def test_a_staged_stream_failing_last_leaves_the_whole_set_as_it_was(tmp_path, monkeypatch):
    """publish(..., staged=[...]): a streamed file (convert's articles.jsonl) is synced with
    the feed's files before any of them replaces its old copy."""
    from warta.output import AtomicFile
    from warta.publish import publish
    from warta.engine import default_engine
    from warta.publish import choose_writers

    writers = choose_writers(["rss", "json"], default_engine())
    publish(warta.build_feed([article(1)]), tmp_path, writers)
    (tmp_path / "articles.jsonl").write_bytes(b"lama\n")
    before = snapshot(tmp_path)
    feed = warta.build_feed([article(1), article(2)])
    stream = AtomicFile(tmp_path / "articles.jsonl")
    stream.write(b"baru\n")
    monkeypatch.setattr(os, "fsync", fsync_failing_on(3))  # feed.xml, feed.json, then the stream
    with pytest.raises(WartaError, match="articles.jsonl: cannot write: No space left"):
        publish(feed, tmp_path, writers, staged=[stream])
    monkeypatch.undo()
    assert snapshot(tmp_path) == before and leftovers(tmp_path) == []
    stream.discard()  # what convert does on the way out: harmless now
    # And when all goes well, the owner's own commit afterwards is harmless too.
    stream = AtomicFile(tmp_path / "articles.jsonl")
    stream.write(b"baru\n")
    assert publish(feed, tmp_path, writers, staged=[stream]).changed == [tmp_path / "feed.xml",
                                                                         tmp_path / "feed.json"]
    assert stream.commit() == tmp_path / "articles.jsonl"
    stream.discard()
    assert (tmp_path / "articles.jsonl").read_bytes() == b"baru\n" and leftovers(tmp_path) == []


@pytest.mark.parametrize(("filename", "output", "message"), [
    ("../feed.evil", b"x", "a writer's filename must be a plain file name, not '../feed.evil'"),
    ("/tmp/feed.evil", b"x", "a writer's filename must be a plain file name, not '/tmp/feed.evil'"),
    ("", b"x", "a writer's filename must be a plain file name, not ''"),
    ("feed.txt", "text, not bytes", "the feed.txt writer returned str, not bytes"),
    ("feed.txt", None, "the feed.txt writer returned NoneType, not bytes"),
])
def test_a_plugin_writer_that_breaks_the_contract_is_one_line(tmp_path, filename, output, message):
    from warta.publish import publish

    class Writer:
        media_type = "text/plain"

        def render(self, feed):
            return output

    writer = Writer()
    writer.filename = filename
    out = tmp_path / "out"
    with pytest.raises(WartaError) as caught:
        publish(warta.build_feed([article(1)]), out, [writer])
    assert caught.value.message == message
    assert not out.exists()
    assert not (tmp_path / "feed.evil").exists() and not Path("/tmp/feed.evil").exists()


def test_convert_jsonl_on_a_disk_filling_up_while_streaming(converted, pages, tmp_path, monkeypatch):
    """articles.jsonl is streamed while pages are parsed: the disk filling up then stops the
    run with one line, the temporary file removed and every old file kept."""
    import warta.output as output

    before = snapshot(converted)
    monkeypatch.setattr(output, "BUFFER_SIZE", 100)
    real = os.write
    calls = []

    def filling(fd, data):
        calls.append(len(data))
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, data)

    monkeypatch.setattr(os, "write", filling)
    result = run("convert", pages, tmp_path / "more", "-o", converted, *ALL_FORMATS, "-q")
    monkeypatch.undo()
    assert len(calls) == 2  # failed while streaming, before the feeds were rendered
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"warta: {converted / 'articles.jsonl'}: cannot write: No space left on device"]
    assert snapshot(converted) == before and leftovers(tmp_path) == []


# -- titles made of what XML cannot hold, raw HTML through the API --------------------


@pytest.mark.parametrize("changes", [{"title": "\x1f"}, {"title": "", "summary": "\x08"},
                                     {"title": "\x01\x02", "summary": None}])
def test_a_title_of_unwritable_characters_still_gives_every_format_its_item(changes):
    from warta.engine import default_engine

    feed = warta.build_feed([article(1, **changes), article(2)], limit=0)
    for name, writer in sorted(default_engine().writers.items()):
        data = writer.render(feed)
        assert feed.errors == [], (name, feed.errors)
        assert data.count(b"contoh.example/berita/") >= 2, name


@pytest.mark.parametrize("option", [[], ["--description", ""]])
def test_a_blank_feed_title_is_the_default_not_an_error(pages, tmp_path, option):
    out = tmp_path / "out"
    result = run("convert", pages, "-o", out, "--title", "\x1f", *option, "-q")
    assert result.exit_code == 0, result.stderr
    title = etree.fromstring((out / "feed.xml").read_bytes()).findtext("channel/title")
    assert title and title.strip()


def test_raw_html_of_an_api_article_is_sanitised_before_the_store_and_articles_jsonl(tmp_path):
    raw = ('<p>Isi <script>alert(1)</script><a href="javascript:alert(2)">tautan</a>'
           '<img src="/foto.jpg" onerror="alert(3)"></p>')
    item = article(1, content_html=raw)
    with Store(tmp_path / "w.db") as db:
        db.put("contoh", [item])
        (stored,) = db.articles("contoh")
    for html in (stored.content_html, item.content_html):
        assert "script" not in html and "javascript:" not in html and "onerror" not in html
        assert 'src="https://contoh.example/foto.jpg"' in html and "tautan" in html
