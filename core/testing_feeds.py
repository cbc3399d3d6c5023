"""The feed checks of :mod:`warta.testing`: RSS 2.0 (:func:`check_rss`), Atom 1.0
(:func:`check_atom`, with RFC 4287's RELAX NG schema), JSON Feed 1.1
(:func:`check_json_feed`), and :func:`check_feed`, which picks the check by format.

``lxml`` reads the XML feeds; ``feedparser``, when installed, must read them cleanly too.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .testing_record import check_jsonl
from .testing_rules import (
    LANGUAGE_TAG, html_problems, is_absolute, is_rfc3339, raise_problems, read_source, rfc822_problems,
)

if TYPE_CHECKING:
    from lxml import etree

ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def check_feed(source: str | Path | bytes) -> Any:
    """Check a feed file (or its bytes) in whatever format it is; return what the format
    check returns. ``.xml``/``.rss`` -> :func:`check_rss` (or Atom by its root element),
    ``.atom`` -> :func:`check_atom`, ``.json`` -> :func:`check_json_feed`, ``.jsonl`` ->
    :func:`check_jsonl`; bytes are told apart by their content.
    """
    name = "" if isinstance(source, bytes) else str(source).lower()
    data = read_source(source)
    if name.endswith(".jsonl"):
        return check_jsonl(data)
    if name.endswith(".json"):
        return check_json_feed(data)
    if name.endswith(".atom"):
        return check_atom(data)
    if data.lstrip().startswith(b"{"):
        try:
            whole = json.loads(data)
        except ValueError:  # several objects: JSON Lines
            return check_jsonl(data)
        return check_json_feed(data) if "items" in whole or "version" in whole else check_jsonl(data)
    root = _xml(data, "feed")
    if root.tag == f"{{{ATOM_NS}}}feed":
        return check_atom(data)
    if root.tag == "rss":
        return check_rss(data)
    raise AssertionError(f"not a feed warta writes: root element {root.tag!r}")


def _xml(data: bytes, kind: str) -> etree._Element:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise AssertionError(f"{kind} is not well-formed XML: {exc}") from None


def _text(element: etree._Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def check_rss(source: str | Path | bytes) -> etree._Element:
    """Assert that ``source`` is a well-formed RSS 2.0 feed subscribers can trust.

    channel: title, link, description, a real language tag, lastBuildDate; every item: a
    title or description, a guid unique in the feed (``isPermaLink="true"`` only for an
    absolute URL), pubDate in RFC 822 with weekday and four-digit offset (the weekday
    matching the date, no ``-0000``), absolute links, names in ``dc:creator`` rather than
    ``<author>`` without an e-mail, and ``content:encoded`` HTML that is sanitised and uses
    absolute URLs. Returns the root element.
    """
    root = _xml(read_source(source), "RSS feed")
    if root.tag != "rss" or root.get("version") != "2.0":
        raise AssertionError(f"root element is {root.tag!r} version {root.get('version')!r}, not rss 2.0")
    channels = root.findall("channel")
    if len(channels) != 1:
        raise AssertionError(f"an RSS feed has exactly one <channel>, this one {len(channels)}")
    channel = channels[0]
    problems: list[str] = []
    for name in ("title", "link", "description"):
        if not _text(channel.find(name)):
            problems.append(f"channel: <{name}> is missing or empty")
    link = _text(channel.find("link"))
    if link and not is_absolute(link):
        problems.append(f"channel <link>: {link!r} is not an absolute URL")
    problems += _language_problems("channel <language>", channel.find("language"))
    for name in ("lastBuildDate", "pubDate"):
        element = channel.find(name)
        if element is not None:
            problems += rfc822_problems(f"channel <{name}>", _text(element))
    for element in channel.findall(f"{{{ATOM_NS}}}link"):
        href = element.get("href", "")
        if not is_absolute(href):
            problems.append(f"channel <atom:link rel={element.get('rel')!r}>: {href!r} is not absolute")
    ids: dict[str, int] = {}
    for number, item in enumerate(channel.findall("item"), start=1):
        where = f"item {number}"
        if not (_text(item.find("title")) or _text(item.find("description"))):
            problems.append(f"{where}: needs a <title> or a <description>")
        guid = item.find("guid")
        if guid is None or not _text(guid):
            problems.append(f"{where}: <guid> is missing")
        else:
            value = _text(guid)
            if value in ids:
                problems.append(f"{where}: guid {value!r} repeats item {ids[value]}")
            ids.setdefault(value, number)
            permalink = guid.get("isPermaLink", "true") == "true"
            if permalink and not is_absolute(value):
                problems.append(f"{where}: guid {value!r} is marked isPermaLink but is not a URL")
        item_link = _text(item.find("link"))
        if item_link and not is_absolute(item_link):
            problems.append(f"{where} <link>: {item_link!r} is not an absolute URL")
        pub = item.find("pubDate")
        if pub is not None:
            problems += rfc822_problems(f"{where} <pubDate>", _text(pub))
        for author in item.findall("author"):
            if "@" not in _text(author):
                problems.append(f"{where}: <author> must hold an e-mail address (use dc:creator for names)")
        content = item.find(f"{{{CONTENT_NS}}}encoded")
        if content is not None:
            problems += html_problems(f"{where} <content:encoded>", content.text or "")
        description = item.find("description")
        if description is not None and "<" in (description.text or ""):
            problems += html_problems(f"{where} <description>", description.text or "")
    raise_problems(problems, "RSS feed")
    _feedparser_round_trip(read_source(source), "rss20")
    return root


def check_atom(source: str | Path | bytes) -> etree._Element:
    """Assert that ``source`` is a valid Atom 1.0 feed (RFC 4287).

    Validates against the RELAX NG schema of RFC 4287 (appendix B, shipped as
    ``atom.rng``) when it is present, then checks what the schema cannot: ids unique and
    absolute IRIs, dates RFC 3339 with an offset, no two entries with the same ``updated``
    (the W3C validator's DuplicateUpdated warning), an author for every entry (its own or the
    feed's), absolute link hrefs, and sanitised HTML content with absolute URLs.
    Returns the root element.
    """
    data = read_source(source)
    root = _xml(data, "Atom feed")
    if root.tag != f"{{{ATOM_NS}}}feed":
        raise AssertionError(f"root element is {root.tag!r}, not an Atom <feed>")
    problems = _relaxng_problems(root)
    a = f"{{{ATOM_NS}}}"
    for name in ("id", "title", "updated"):
        if len(root.findall(a + name)) != 1:
            problems.append(f"feed: needs exactly one <{name}>")
    problems += _atom_common("feed", root)
    feed_has_author = root.find(a + "author") is not None
    ids: dict[str, int] = {}
    updated: dict[str, int] = {}
    for number, entry in enumerate(root.findall(a + "entry"), start=1):
        where = f"entry {number}"
        for name in ("id", "title", "updated"):
            if len(entry.findall(a + name)) != 1:
                problems.append(f"{where}: needs exactly one <{name}>")
        value = _text(entry.find(a + "id"))
        if value in ids:
            problems.append(f"{where}: id {value!r} repeats entry {ids[value]}")
        ids.setdefault(value, number)
        when = _text(entry.find(a + "updated"))
        if when and when in updated:
            problems.append(f"{where}: <updated> {when} repeats entry {updated[when]} "
                            "(DuplicateUpdated)")
        updated.setdefault(when, number)
        if not feed_has_author and entry.find(a + "author") is None:
            problems.append(f"{where}: no <author>, and the feed has none either")
        if entry.find(a + "content") is None and not any(
            link.get("rel", "alternate") == "alternate" for link in entry.findall(a + "link")
        ):
            problems.append(f"{where}: without <content> it needs a link rel=alternate")
        problems += _atom_common(where, entry)
        for name in ("content", "summary"):
            element = entry.find(a + name)
            if element is not None and element.get("type") == "html":
                problems += html_problems(f"{where} <{name}>", element.text or "")
    raise_problems(problems, "Atom feed")
    _feedparser_round_trip(data, "atom10")
    return root


def _atom_common(where: str, element: etree._Element) -> list[str]:
    a = f"{{{ATOM_NS}}}"
    problems = []
    value = _text(element.find(a + "id"))
    if value and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value):
        problems.append(f"{where} <id>: {value!r} is not an absolute IRI")
    for name in ("updated", "published"):
        for node in element.findall(a + name):
            if not is_rfc3339(_text(node)):
                problems.append(f"{where} <{name}>: {_text(node)!r} is not RFC 3339 with an offset")
    for link in element.findall(a + "link"):
        href = link.get("href", "")
        if not is_absolute(href):
            problems.append(f"{where} <link rel={link.get('rel', 'alternate')!r}>: {href!r} is not absolute")
    return problems


def check_json_feed(source: str | Path | bytes) -> dict[str, Any]:
    """Assert that ``source`` is a JSON Feed 1.1 document subscribers can trust.

    ``version`` exactly ``https://jsonfeed.org/version/1.1``; a title; ``items`` a list;
    ``authors`` arrays (never the 1.0 ``author``); each item a string id unique in the feed
    and content_html or content_text; dates RFC 3339 with an offset; absolute URLs (also in
    content_html); extension keys beginning with ``_``. Returns the parsed document.
    """
    try:
        document = json.loads(read_source(source))
    except ValueError as exc:
        raise AssertionError(f"JSON Feed is not valid JSON: {exc}") from None
    if not isinstance(document, dict):
        raise AssertionError("JSON Feed must be a JSON object")
    problems: list[str] = []
    if document.get("version") != JSON_FEED_VERSION:
        problems.append(f"feed.version: {document.get('version')!r} is not {JSON_FEED_VERSION!r}")
    if not isinstance(document.get("title"), str) or not document["title"]:
        problems.append("feed.title: missing or empty")
    problems += _json_object_problems("feed", document, _FEED_KEYS)
    items = document.get("items")
    if not isinstance(items, list):
        problems.append("feed.items: must be a list")
        items = []
    ids: dict[str, int] = {}
    for index, item in enumerate(items):
        where = f"feed.items[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be an object")
            continue
        value = item.get("id")
        if not isinstance(value, str) or not value:
            problems.append(f"{where}.id: must be a non-empty string, not {value!r}")
        elif value in ids:
            problems.append(f"{where}.id: {value!r} repeats items[{ids[value]}]")
        else:
            ids[value] = index
        if not (item.get("content_html") or item.get("content_text")):
            problems.append(f"{where}: needs content_html or content_text")
        problems += _json_object_problems(where, item, _ITEM_KEYS)
        for key in ("date_published", "date_modified"):
            if key in item and not (isinstance(item[key], str) and is_rfc3339(item[key])):
                problems.append(f"{where}.{key}: {item[key]!r} is not RFC 3339 with an offset")
        if isinstance(item.get("content_html"), str):
            problems += html_problems(f"{where}.content_html", item["content_html"])
        if "tags" in item and not (isinstance(item["tags"], list)
                                   and all(isinstance(t, str) for t in item["tags"])):
            problems.append(f"{where}.tags: must be a list of strings")
    raise_problems(problems, "JSON Feed")
    return document


_FEED_KEYS = {
    "version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url",
    "icon", "favicon", "authors", "language", "expired", "hubs", "items",
}
_ITEM_KEYS = {
    "id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
    "banner_image", "date_published", "date_modified", "authors", "tags", "language",
    "attachments",
}
_JSON_URL_KEYS = ("home_page_url", "feed_url", "next_url", "icon", "favicon", "url",
                  "external_url", "image", "banner_image")


def _json_object_problems(where: str, data: dict[str, Any], known: set[str]) -> list[str]:
    problems = []
    for key in data:
        if key not in known and not key.startswith("_"):
            problems.append(f"{where}.{key}: not a JSON Feed 1.1 field (extensions begin with '_')")
    if "author" in data:
        problems.append(f"{where}.author: JSON Feed 1.1 uses an 'authors' array")
    authors = data.get("authors")
    if authors is not None and not (isinstance(authors, list) and all(
            isinstance(a, dict) and (a.get("name") or a.get("url") or a.get("avatar")) for a in authors)):
        problems.append(f"{where}.authors: must be a list of objects with a name, url or avatar")
    for key in _JSON_URL_KEYS:
        if key in data and not (isinstance(data[key], str) and is_absolute(data[key])):
            problems.append(f"{where}.{key}: {data[key]!r} is not an absolute URL")
    if "language" in data and not (isinstance(data["language"], str)
                                   and LANGUAGE_TAG.match(data["language"])):
        problems.append(f"{where}.language: {data['language']!r} is not a language tag")
    return problems


def _language_problems(where: str, element: etree._Element | None) -> list[str]:
    if element is None:
        return [f"{where}: missing"]
    value = _text(element)
    if not LANGUAGE_TAG.match(value):
        return [f"{where}: {value!r} is not a language tag"]
    if value.lower() == "in" or value.lower().startswith("in-"):
        return [f"{where}: 'in' is the withdrawn code for Indonesian; use 'id'"]
    return []


@lru_cache(maxsize=1)
def _atom_relaxng() -> Any:
    """The RELAX NG schema of RFC 4287 (``atom.rng``), or None when it is not shipped."""
    from lxml import etree

    schema = resources.files("warta").joinpath("atom.rng")
    if not schema.is_file():
        return None
    return etree.RelaxNG(etree.fromstring(schema.read_bytes()))


def _relaxng_problems(root: etree._Element) -> list[str]:
    schema = _atom_relaxng()
    if schema is None or schema.validate(root):
        return []
    return [f"RELAX NG (RFC 4287) line {e.line}: {e.message}" for e in schema.error_log][:10]


def _feedparser_round_trip(data: bytes, version: str) -> None:
    """When feedparser is installed, it must read the feed without complaint (no bozo)."""
    try:
        import feedparser
    except ImportError:
        return
    result = feedparser.parse(data)
    if result.bozo:
        raise AssertionError(f"feedparser cannot read the feed cleanly: {result.bozo_exception}")
    if result.version != version:
        raise AssertionError(f"feedparser reads the feed as {result.version!r}, not {version!r}")
