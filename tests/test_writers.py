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
