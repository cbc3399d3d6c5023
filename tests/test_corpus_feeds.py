"""Feeds from the seed and the real Kompas corpus: valid, complete, stable (feeds.md's checks)."""

from __future__ import annotations

import json
import re
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from warta import convert

RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")
SCHEMAS = Path(__file__).parent / "schemas"


@pytest.fixture(scope="module")
def corpus_feeds(shared, tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus-feeds")
    inputs = [str(shared / "seed"), str(shared / "corpus" / "kompas-text")]
    errors = []
    result = convert(inputs, out, formats=["rss", "atom", "json", "jsonl"], limit=0,
                     urls=shared / "corpus" / "kompas-text" / "index.jsonl",
                     base_url="https://example.org/feeds/", on_error=errors.append)
    return out, result, errors


def test_every_page_converts(corpus_feeds, shared):
    _, result, errors = corpus_feeds
    pages = len(list((shared / "corpus" / "kompas-text").glob("*.txt"))) + 1
    assert [str(e) for e in errors] == []
    assert result.articles == pages


def test_rss_items_are_complete(corpus_feeds):
    out, _, _ = corpus_feeds
    channel = etree.fromstring((out / "feed.xml").read_bytes()).find("channel")
    guids = [item.findtext("guid") for item in channel.iter("item")]
    assert len(guids) == len(set(guids))
    for item in channel.iter("item"):
        date = item.findtext("pubDate")
        assert RFC822.match(date) and date.endswith("+0700"), date
        assert parsedate_to_datetime(date).strftime("%a") == date[:3]
        assert item.findtext("title")
        html = item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded") or ""
        for url in re.findall(r'(?:href|src)="([^"]+)"', html):
            assert url.startswith(("https://", "http://")), url
    newest = max(parsedate_to_datetime(item.findtext("pubDate")) for item in channel.iter("item"))
    assert parsedate_to_datetime(channel.findtext("lastBuildDate")) == newest


def test_feedparser_reads_both_xml_feeds(corpus_feeds):
    out, result, _ = corpus_feeds
    for name, version in (("feed.xml", "rss20"), ("feed.atom", "atom10")):
        parsed = feedparser.parse((out / name).read_bytes())
        assert not parsed.bozo, (name, parsed.get("bozo_exception"))
        assert parsed.version == version
        # ?page=N dumps of one article share its id and are merged into one item.
        assert len(parsed.entries) == result.articles - result.duplicates == len(result.feed.items)


def test_the_seed_and_its_corpus_copy_are_one_entry(corpus_feeds):
    """The seed (saved without a URL) and the corpus's copy of the same page (with one): one
    entry under the URL's id, so no two Atom entries share an id or an ``updated`` value."""
    out, _, _ = corpus_feeds
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = etree.fromstring((out / "feed.atom").read_bytes()).findall("a:entry", ns)
    xi = [e for e in entries if e.findtext("a:title", namespaces=ns).startswith("Xi Jinping: Persahabatan")]
    assert [e.findtext("a:id", namespaces=ns) for e in xi] == ["tag:kompas.com,2020-12-29:191655870"]
    for field in ("a:id", "a:updated"):
        values = [e.findtext(field, namespaces=ns) for e in entries]
        assert len(values) == len(set(values)), field


def test_json_feed_is_valid(corpus_feeds):
    jsonschema = pytest.importorskip("jsonschema")
    out, _, _ = corpus_feeds
    schema = json.loads((SCHEMAS / "jsonfeed-1.1.schema.json").read_text())
    document = json.loads((out / "feed.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_two_runs_give_identical_bytes(corpus_feeds, shared, tmp_path):
    out, _, _ = corpus_feeds
    convert([str(shared / "seed"), str(shared / "corpus" / "kompas-text")], tmp_path,
            formats=["rss", "atom", "json", "jsonl"], limit=0,
            urls=shared / "corpus" / "kompas-text" / "index.jsonl", base_url="https://example.org/feeds/")
    for name in ("feed.xml", "feed.atom", "feed.json", "articles.jsonl"):
        assert (out / name).read_bytes() == (tmp_path / name).read_bytes(), name


# -- the mixed corpus (portal text dumps and saved HTML of other portals), as issue 10 tried it --


@pytest.fixture(scope="module")
def mixed_feeds(shared, tmp_path_factory):
    out = tmp_path_factory.mktemp("mixed-feeds")
    corpus = shared / "corpus"
    convert([str(corpus / "portals-text"), str(corpus / "html")], out,
            formats=["rss", "atom", "json", "jsonl"], limit=0,
            urls=corpus / "portals-text" / "index.jsonl", base_url="https://example.org/f/",
            on_error=lambda error: None)
    return out


def test_mixed_feeds_show_only_dates_of_their_own_pages(mixed_feeds):
    from datetime import datetime

    from warta import testing

    records = {r["id"]: r for r in map(json.loads, (mixed_feeds / "articles.jsonl").read_text("utf-8").splitlines())}
    root = testing.check_atom(mixed_feeds / "feed.atom")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert len(entries) == len(records) > 100
    shown = [e.findtext("a:updated", namespaces=ns) for e in entries]
    assert len(shown) == len(set(shown))  # the W3C validator's DuplicateUpdated
    for entry, value in zip(entries, shown):
        record = records[entry.findtext("a:id", namespaces=ns)]
        when = datetime.fromisoformat(value)
        fact = record["updated"] or record["published"] or record["captured"]
        if fact is None:
            assert value.startswith("1970-01-01T"), record["input"]
        else:  # (a second later per entry higher in the feed sharing it)
            assert 0 <= (when - datetime.fromisoformat(fact)).total_seconds() < 60, record["input"]
    for record in records.values():
        testing.check_record(record)
        if record["published"]:
            assert record["published_source"] and record["published_precision"], record["input"]


def test_mixed_feeds_agree_on_titles(mixed_feeds):
    from warta import testing

    rss = testing.check_rss(mixed_feeds / "feed.xml")
    atom = etree.fromstring((mixed_feeds / "feed.atom").read_bytes())
    document = testing.check_json_feed(mixed_feeds / "feed.json")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    import html

    by_rss = {i.findtext("guid"): html.unescape(i.findtext("title")) for i in rss.iter("item")}
    by_atom = {e.findtext("a:id", namespaces=ns): e.findtext("a:title", namespaces=ns)
               for e in atom.findall("a:entry", ns)}
    by_json = {item["id"]: item.get("title") for item in document["items"]}
    assert by_rss == by_atom == by_json
    records = [json.loads(line) for line in (mixed_feeds / "articles.jsonl").read_text("utf-8").splitlines()]
    inferred = [r for r in records if r["title_source"] == "url"]
    assert inferred and all(r["url"] and any("slug" in n for n in r["notes"]) for r in inferred)
    # Only pages with no headline and no slug in their URL lack a title.
    assert sum(not r["title"] for r in records) <= 3
