"""The feeds: what feeds.md asks of every format, checked on records we build here."""

from __future__ import annotations

import html
import json
import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from warta import Article, Author, Block, Image, Link, build_feed, write_feed
from warta.dates import WIB
from warta.jsonfeed import JsonFeedWriter

SCHEMAS = Path(__file__).parent / "schemas"
RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")


def make_articles() -> list[Article]:
    first = Article(
        title="Xi & Putin: \"Persahabatan\" <Kuat>",
        url="http://www.kompas.com/read/2020/12/29/19160081/xi?utm_source=x",
        site="kompas.com",
        parser="test",
        published=datetime(2020, 12, 29, 19, 16, tzinfo=WIB),
        authors=[Author("Danur Lambang Pristiandaru", "writer", "Penulis"), Author("Ani", "editor", "Editor")],
        section="Global",
        dateline="BEIJING",
        source="CGTN News",
        body=[Block("paragraph", "Presiden China\x0b Xi Jinping bertelepon."), Block("heading", "1. Sub"),
              Block("list_item", "satu"), Block("quote", "kutipan")],
        images=[Image("/photo/xi.jpg", "Xi Jinping", "AFP")],
        related=[Link("Berita lain", "/read/2020/12/28/1/lain")],
        tags=["China", "Rusia"],
    )
    second = Article(
        title="Tanpa URL",
        site="kompas.com",
        published=datetime(2020, 12, 30, 8, 0, tzinfo=WIB),
        body=[Block("paragraph", "Isi kedua.")],
        content_html='<p onclick="x()">Halo <a href="/rel">rel</a> <a href="javascript:alert(1)">js</a></p><script>alert(1)</script><iframe src="x"></iframe>',
        url=None,
    )
    for article in (first, second):
        from warta.engine import default_engine

        default_engine().finish([article])
    return [first, second]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("feeds")
    feed = build_feed(make_articles(), base_url="https://example.org/feeds")
    write_feed(feed, folder, formats=["rss", "atom", "json", "jsonl"])
    return folder


def test_rss_is_valid_and_complete(written):
    raw = (written / "feed.xml").read_bytes()
    root = etree.fromstring(raw)
    channel = root.find("channel")
    assert channel.findtext("lastBuildDate") == "Wed, 30 Dec 2020 08:00:00 +0700"  # newest item, not now
    assert channel.findtext("language") == "id"
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("rel") == "self" and self_link.get("href") == "https://example.org/feeds/feed.xml"
    assert channel.findtext("link") == "https://kompas.com/"
    items = channel.findall("item")
    # RSS titles are read as HTML: the text is escaped, and a reader shows it as it was.
    assert [i.findtext("title") for i in items] == ["Tanpa URL", 'Xi & Putin: "Persahabatan" &lt;Kuat&gt;']
    assert html.unescape(items[1].findtext("title")) == 'Xi & Putin: "Persahabatan" <Kuat>'
    for item in items:
        date = item.findtext("pubDate")
        assert RFC822.match(date), date
        parsed = parsedate_to_datetime(date)
        assert parsed.strftime("%a") == date[:3]
        assert "-0000" not in date
        assert item.find("author") is None  # names go in dc:creator
    xi = items[1]
    assert xi.find("guid").get("isPermaLink") == "true"
    assert xi.findtext("guid") == "https://www.kompas.com/read/2020/12/29/19160081/xi"
    assert xi.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Danur Lambang Pristiandaru"
    assert [c.text for c in xi.findall("category")] == ["Global", "China", "Rusia"]
    assert items[0].find("guid").get("isPermaLink") == "false"
    assert b"&amp;amp;" not in raw and b"\x0b" not in raw


def test_content_is_sanitised_with_absolute_urls(written):
    for item in etree.fromstring((written / "feed.xml").read_bytes()).iter("item"):
        html = item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
        assert "<script" not in html and "<iframe" not in html and "onclick" not in html
        assert "javascript:" not in html
        for url in re.findall(r'(?:href|src)="([^"]+)"', html):
            assert url.startswith("https://"), url
    xi = etree.fromstring((written / "feed.xml").read_bytes()).findall("channel/item")[1]
    html = xi.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
    assert 'src="https://www.kompas.com/photo/xi.jpg"' in html
    assert "<h3>1. Sub</h3>" in html and "<ul><li>satu</li></ul>" in html and "<blockquote>" in html


def test_feedparser_round_trip(written):
    for name, version in (("feed.xml", "rss20"), ("feed.atom", "atom10")):
        parsed = feedparser.parse((written / name).read_bytes())
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.version == version
        titles = [e.title for e in parsed.entries]
        if version == "rss20":  # RSS titles are escaped for the readers that render them as HTML
            titles = [html.unescape(t) for t in titles]
        assert titles == ["Tanpa URL", 'Xi & Putin: "Persahabatan" <Kuat>']
        published = parsed.entries[1].published_parsed
        assert published[:5] == (2020, 12, 29, 12, 16)  # 19:16 WIB is 12:16 UTC


def test_atom_has_authors_contributors_and_dates(written):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = etree.fromstring((written / "feed.atom").read_bytes())
    assert root.findtext("a:updated", namespaces=ns) == "2020-12-30T08:00:00+07:00"
    assert root.find("a:link[@rel='self']", ns).get("href") == "https://example.org/feeds/feed.atom"
    xi = root.findall("a:entry", ns)[1]
    assert xi.findtext("a:author/a:name", namespaces=ns) == "Danur Lambang Pristiandaru"
    assert xi.findtext("a:contributor/a:name", namespaces=ns) == "Ani"
    assert xi.findtext("a:published", namespaces=ns) == "2020-12-29T19:16:00+07:00"
    assert xi.findtext("a:updated", namespaces=ns) == "2020-12-29T19:16:00+07:00"
    assert xi.find("a:content", ns).get("type") == "html"


def test_json_feed_matches_the_1_1_schema(written):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMAS / "jsonfeed-1.1.schema.json").read_text())
    document = json.loads((written / "feed.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["feed_url"] == "https://example.org/feeds/feed.json"
    xi = document["items"][1]
    assert xi["date_published"] == "2020-12-29T19:16:00+07:00"
    assert xi["_warta"]["dateline"] == "BEIJING" and xi["_warta"]["source"] == "CGTN News"
    assert [a["role"] for a in xi["_warta"]["authors"]] == ["writer", "editor"]


def test_format_checker_really_checks():
    # Without jsonschema's format extras a bad date-time passes silently; make sure it does not.
    jsonschema = pytest.importorskip("jsonschema")
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    assert not checker.conforms("29/12/2020 19:16", "date-time")


def test_jsonl_has_every_record(written):
    lines = (written / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["title"] for r in records] == ["Tanpa URL", 'Xi & Putin: "Persahabatan" <Kuat>']
    assert records[1]["published"] == "2020-12-29T19:16:00+07:00"
    assert records[0]["id"] == "tag:kompas.com,2020-12-30:tanpa-url"


def test_same_input_same_bytes(tmp_path):
    for run in ("a", "b"):
        write_feed(build_feed(make_articles(), base_url="https://example.org/"), tmp_path / run,
                   formats=["rss", "atom", "json", "jsonl"])
    for name in ("feed.xml", "feed.atom", "feed.json", "articles.jsonl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_feed_sorts_dedupes_and_limits():
    base = datetime(2021, 1, 1, tzinfo=WIB)
    articles = [Article(id=f"id-{i % 5}", title=f"t{i}", published=base + timedelta(hours=i),
                        body=[Block("paragraph", "isi")]) for i in range(10)]
    feed = build_feed(articles, limit=3)
    assert [a.title for a in feed.items] == ["t9", "t8", "t7"]
    assert len({a.id for a in feed.items}) == 3
    unlimited = build_feed(articles, limit=0)
    assert len(unlimited.items) == 5  # five distinct ids, the newest of each kept


def test_feed_order_does_not_depend_on_input_order():
    when = datetime(2021, 1, 1, tzinfo=WIB)
    articles = [Article(id=i, title=i, published=when, body=[Block("paragraph", "isi")])
                for i in ("b", "a", "c")]
    assert [a.id for a in build_feed(articles).items] == ["a", "b", "c"]
    assert [a.id for a in build_feed(list(reversed(articles))).items] == ["a", "b", "c"]


def test_article_without_id_is_refused_clearly():
    from warta import WartaError

    with pytest.raises(WartaError, match="no stable id"):
        build_feed([Article(title="x", input="page.txt")])


def test_json_item_keeps_offsets_for_other_zones():
    wita = timezone(timedelta(hours=8))
    item = JsonFeedWriter.item(Article(id="x", title="t", published=datetime(2021, 1, 1, 9, tzinfo=wita),
                                       body=[Block("paragraph", "p")]), "<p>p</p>")
    assert item["date_published"] == "2021-01-01T09:00:00+08:00"


def test_copies_of_one_article_keep_the_most_complete_whatever_the_order():
    when = datetime(2021, 11, 30, 20, 15, tzinfo=WIB)

    def copy(page, text):
        return Article(id="tag:kompas.com,2021-11-30:201500623", title="Fakta Planet", published=when,
                       page=page, body=[Block("paragraph", text)])

    copies = [copy(2, "lanjutan halaman dua"), copy(None, "halaman pertama yang lengkap sekali"),
              copy(3, "halaman tiga"), copy(None, "pendek")]
    for order in (copies, list(reversed(copies)), copies[1:] + copies[:1]):
        [kept] = build_feed(order).items
        assert kept.page is None and kept.body[0].text == "halaman pertama yang lengkap sekali"
    # A newer copy (updated later) still wins over a more complete older one.
    newer = copy(2, "ralat")
    newer.updated = when + timedelta(hours=1)
    assert build_feed([copies[1], newer]).items[0].body[0].text == "ralat"


def test_a_page_saved_without_its_url_is_the_same_item_as_with_it():
    from itertools import permutations

    from warta.engine import default_engine
    from warta.feed import FeedCollector

    when = datetime(2020, 12, 29, 19, 16, tzinfo=WIB)

    def page(url=None, title="Xi Jinping: Persahabatan China dan Rusia", at=when):
        article = Article(title=title, url=url, site="kompas.com", published=at,
                          body=[Block("paragraph", "Presiden China Xi Jinping ...")])
        default_engine().finish([article])
        return article

    linked = "https://www.kompas.com/global/read/2020/12/29/19165587/xi-jinping"
    saved, with_url, again = page(), page(linked), page()
    assert saved.id.startswith("tag:kompas.com,2020-12-29:") and with_url.id != saved.id
    for order in permutations([saved, with_url, again]):
        collector = FeedCollector(0)
        for article in order:
            collector.add(article)
        assert [a.url for a in collector.items()] == [with_url.url]  # canonical id and link
        assert collector.duplicates == 2
    # The tag URI names the article by site, day and title: a copy saved later the same day
    # (an update) is the same article too, whatever the order; another title is another one.
    later = page(at=when + timedelta(hours=3))
    other_title = page(title="Xi Jinping: Persahabatan China dan Rusia Sangat Kuat")
    for order in permutations([saved, later, with_url, other_title]):
        kept = build_feed(order, limit=0).items
        assert [a.id for a in kept] == sorted([with_url.id, other_title.id])


# -- dates and titles that are facts of the page (issue 10) -----------------------------------

ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}


def _render(articles, name, **options):
    from warta.engine import default_engine

    feed = build_feed(articles, limit=0, **options)
    return default_engine().writers[name].render(feed)


def _page(ident, *, published=None, captured=None, title="Judul", url=None, **fields):
    article = Article(id=ident, title=title, url=url, published=published, captured=captured,
                      captured_source="crawl" if captured else None,
                      body=[Block("paragraph", f"Isi {ident}.")], **fields)
    from warta.engine import provenance

    return provenance(article)


def test_an_undated_atom_entry_never_borrows_another_pages_date():
    dated = _page("https://contoh.id/a", published=datetime(2026, 2, 23, 12, 53, tzinfo=WIB))
    crawled = _page("tag:contoh.id,2026-01-01:b", captured=datetime(2026, 1, 1, tzinfo=WIB))
    undated = [_page(f"tag:contoh.id,2000:u{n}") for n in range(30)]
    root = etree.fromstring(_render([dated, crawled, *undated], "atom"))
    shown = {e.findtext("a:id", namespaces=ATOM_NS): e.findtext("a:updated", namespaces=ATOM_NS)
             for e in root.findall("a:entry", ATOM_NS)}
    assert shown["https://contoh.id/a"] == "2026-02-23T12:53:00+07:00"
    assert shown["tag:contoh.id,2026-01-01:b"] == "2026-01-01T00:00:00+07:00"  # its capture day
    for article in undated:  # the "no date" day, 1970-01-01 UTC: never the feed's date
        assert shown[article.id].startswith("1970-01-01T") and shown[article.id].endswith("+00:00")
    assert len(set(shown.values())) == len(shown)  # no DuplicateUpdated
    assert root.findtext("a:updated", namespaces=ATOM_NS) == "2026-02-23T12:53:00+07:00"
    assert all(e.find("a:published", ATOM_NS) is None for e in root.findall("a:entry", ATOM_NS)[1:])
    # An undated entry shows the same value on every rebuild, whatever else is in the feed.
    alone = etree.fromstring(_render([undated[7]], "atom"))
    assert alone.findtext("a:entry/a:updated", namespaces=ATOM_NS) == shown[undated[7].id]


def test_entries_sharing_a_date_get_distinct_updated_values_within_its_precision():
    day = datetime(2023, 11, 14, tzinfo=WIB)
    minute = datetime(2023, 11, 14, 19, 16, tzinfo=WIB)
    articles = [_page(f"https://contoh.id/{n}", published=when)
                for n, when in enumerate([day, day, day, minute, minute])]
    root = etree.fromstring(_render(articles, "atom"))
    values = [e.findtext("a:updated", namespaces=ATOM_NS) for e in root.findall("a:entry", ATOM_NS)]
    assert sorted(values) == ["2023-11-14T00:00:00+07:00", "2023-11-14T00:00:01+07:00",
                              "2023-11-14T00:00:02+07:00", "2023-11-14T19:16:00+07:00",
                              "2023-11-14T19:16:01+07:00"]
    # The records keep their dates; only Atom's required, distinct <updated> moves a second.
    assert {a.published for a in articles} == {day, minute}


def test_rss_without_any_date_has_no_build_date_rather_than_the_clock():
    undated = [_page("tag:contoh.id,2000:a"), _page("tag:contoh.id,2000:b")]
    channel = etree.fromstring(_render(undated, "rss")).find("channel")
    assert channel.find("lastBuildDate") is None
    assert all(item.find("pubDate") is None for item in channel.iter("item"))
    # A capture time is a fact of the page, but not its publication: no pubDate from it.
    crawled = _page("tag:contoh.id,2026-01-01:c", captured=datetime(2026, 1, 1, tzinfo=WIB))
    channel = etree.fromstring(_render([crawled], "rss")).find("channel")
    assert channel.find("item/pubDate") is None
    assert channel.findtext("lastBuildDate") == "Thu, 01 Jan 2026 00:00:00 +0700"


def test_every_format_shows_the_same_title():
    from warta.feed import display_title

    slug = _page("https://contoh.id/berita/d-1/jokowi-resmikan-jalan-tol-baru", title=None,
                 url="https://contoh.id/berita/d-1/jokowi-resmikan-jalan-tol-baru")
    untitled = _page("tag:contoh.id,2000:x", title=None)
    assert (slug.title, slug.title_source) == ("Jokowi Resmikan Jalan Tol Baru", "url")
    articles = [slug, untitled]
    expected = {a.id: display_title(a) for a in articles}
    assert expected[untitled.id] == "Isi tag:contoh.id,2000:x."
    rss = etree.fromstring(_render(articles, "rss"))
    atom = etree.fromstring(_render(articles, "atom"))
    document = json.loads(_render(articles, "json"))
    assert {i.findtext("guid"): html.unescape(i.findtext("title")) for i in rss.iter("item")} == expected
    assert {e.findtext("a:id", namespaces=ATOM_NS): e.findtext("a:title", namespaces=ATOM_NS)
            for e in atom.findall("a:entry", ATOM_NS)} == expected
    assert {item["id"]: item["title"] for item in document["items"]} == expected
    marks = {item["id"]: item.get("_warta", {}).get("title_source") for item in document["items"]}
    assert marks == {slug.id: "url", untitled.id: None}


@pytest.mark.parametrize("name", ["json", "jsonl"])
def test_json_outputs_escape_characters_that_split_lines(name):
    text = "baris\u2028satu\u2029dua\u0085tiga"
    article = _page("https://contoh.id/a", title=text, published=datetime(2021, 1, 1, tzinfo=WIB))
    data = _render([article], name)
    for raw in ("\u2028", "\u2029", "\u0085"):
        assert raw.encode("utf-8") not in data
    assert b"\\u2028" in data and b"\\u2029" in data and b"\\u0085" in data
    decoded = data.decode("utf-8")
    if name == "jsonl":
        [row] = decoded.splitlines()  # str.splitlines splits on all three
        assert json.loads(row)["title"] == text
    else:
        assert json.loads(decoded)["items"][0]["title"] == text


def test_merging_copies_keeps_what_each_copy_alone_has_in_any_order():
    from itertools import permutations

    when = datetime(2021, 11, 30, 20, 15, tzinfo=WIB)
    ident = "https://www.kompas.com/read/2021/11/30/20150061/fakta"

    def copy(text, **fields):
        return Article(id=ident, url=ident, title="Fakta Planet", published=when,
                       body=[Block("paragraph", text)], input=f"{text}.txt", **fields)

    whole = copy("halaman pertama yang lengkap sekali",
                 authors=[Author("Sekar", "writer", "Penulis")], tags=["Sains"])
    second = copy("lanjutan", page=2, authors=[Author("Sekar", "writer", "Penulis"),
                                               Author("Ana Shofiana", "editor", "Editor")],
                  tags=["sains", "Planet"], section="Sains", dateline="JAKARTA",
                  images=[Image("https://asset.kompas.com/a.jpg", "Planet", None)])
    third = copy("pendek", images=[Image("https://asset.kompas.com/a.jpg", None, "NASA")],
                 summary="Ringkasan.", related=[Link("Lain", "https://www.kompas.com/lain")])
    results = set()
    for order in permutations([whole, second, third]):
        [kept] = build_feed(order, limit=0).items
        results.add(json.dumps(kept.to_dict(), sort_keys=True))
        assert kept.body[0].text == "halaman pertama yang lengkap sekali" and kept.page is None
        assert [(a.name, a.role) for a in kept.authors] == [("Sekar", "writer"), ("Ana Shofiana", "editor")]
        assert kept.tags == ["Sains", "Planet"]
        assert (kept.section, kept.dateline, kept.summary) == ("Sains", "JAKARTA", "Ringkasan.")
        assert [(i.url, i.caption, i.credit) for i in kept.images] == [
            ("https://asset.kompas.com/a.jpg", "Planet", "NASA")]
        assert [link.title for link in kept.related] == ["Lain"]
        assert kept.input == "halaman pertama yang lengkap sekali.txt"
        assert any(n.startswith("merged with another copy") for n in kept.notes)
    assert len(results) == 1  # the same record in every input order
    assert whole.authors == [Author("Sekar", "writer", "Penulis")]  # the copies are left alone
    atom = etree.fromstring(_render([whole, second], "atom"))
    assert atom.findtext("a:entry/a:contributor/a:name", namespaces=ATOM_NS) == "Ana Shofiana"


def test_a_printed_date_and_title_beat_guessed_ones_when_copies_merge():
    from itertools import permutations

    ident = "https://contoh.id/read/2022/10/09/213924/kejari-periksa-saksi"
    # A later version of the page saved without its header (updated after the other copy):
    # kept whole, but its title comes from the URL and its date from the URL's draft time.
    guessed = _page(ident, url=ident, title=None, published=datetime(2022, 10, 9, 21, 39, 24, tzinfo=WIB),
                    published_source="url-draft", updated=datetime(2022, 10, 10, 8, 0, tzinfo=WIB))
    printed = _page(ident, url=ident, title="Kejari Periksa Saksi Kasus Lahan",
                    published=datetime(2022, 10, 9, 22, 5, tzinfo=WIB))
    assert guessed.title_source == "url"
    for order in permutations([guessed, printed]):
        [kept] = build_feed(order, limit=0).items
        assert kept.body[0].text == guessed.body[0].text and kept.updated == guessed.updated
        assert (kept.title, kept.title_source) == ("Kejari Periksa Saksi Kasus Lahan", "page")
        assert (kept.published, kept.published_source) == (printed.published, "page")


def test_check_atom_reports_two_entries_with_one_updated(written):
    from warta import testing

    data = (written / "feed.atom").read_bytes()
    testing.check_atom(data)
    updated = re.findall(rb"<entry>.*?<updated>([^<]+)</updated>", data, re.S)
    assert len(updated) >= 2 and len(set(updated)) == len(updated)
    first, second = updated[0], updated[1]
    doubled = data.replace(b"<updated>" + second + b"</updated>", b"<updated>" + first + b"</updated>")
    with pytest.raises(AssertionError, match="DuplicateUpdated"):
        testing.check_atom(doubled)
