"""Helpers for testing warta plugins (and warta itself).

Installed as a pytest plugin through the ``pytest11`` entry point ``warta``, so a plugin
author's tests get the :func:`warta_engine` fixture without any conftest. The helpers are
plain functions and work outside pytest too::

    from warta.testing import parse_with, check_record, check_feed

    def test_my_portal(warta_engine):
        [article] = parse_with("myportal", "tests/page.txt", engine=warta_engine)
        check_record(article)                    # the record matches article.schema.json
        assert article.title == "..."

Checks raise ``AssertionError`` with a message that names the place (a schema path such as
``authors[0].role``, an item number and element) so a failing test says what is wrong.
``jsonschema`` is imported only when a record or JSON Feed is checked; install it with
``pip install 'warta[test]'``. ``lxml`` (a dependency of warta) reads the XML feeds.

This module imports warta lazily, so loading it as a pytest plugin costs nothing and never
breaks a test session.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from lxml import etree

    from .engine import Engine
    from .model import Article

__all__ = [
    "check_atom", "check_feed", "check_json_feed", "check_jsonl", "check_record", "check_rss",
    "make_engine", "parse_with", "record_schema", "warta_engine",
]

ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
INSTALL_HINT = "pip install 'warta[test]'"

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: RFC 822 (as RSS 2.0 uses it, with a four-digit year): "Tue, 29 Dec 2020 19:16:00 +0700".
RFC822 = re.compile(
    r"^(?P<weekday>Mon|Tue|Wed|Thu|Fri|Sat|Sun), (?P<day>\d{1,2}) (?P<month>"
    + "|".join(_MONTHS)
    + r") (?P<year>\d{4}) (?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d):(?P<second>[0-5]\d)"
    r" (?P<offset>[+-]\d{4})$"
)
#: RFC 3339 date-time with a mandatory offset.
RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$"
)
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_UNSAFE_TAGS = frozenset({"script", "style", "iframe", "form", "object", "embed", "frame", "frameset"})
_URL_ATTRIBUTES = ("href", "src", "cite", "poster", "action", "longdesc")


# -- engines and parsing ----------------------------------------------------------------


def make_engine(*plugins: object, load_entry_points: bool = False, **named: object) -> Engine:
    """A fresh Engine: the built-in plugins plus ``plugins`` (modules or objects with hookimpls).

    ``named`` registers plugins under a name of your choice (``make_engine(example=module)``),
    which is what ``warta plugins`` would show for an entry point of that name. Installed
    third-party plugins are left out unless ``load_entry_points`` is true, so a test sees only
    what it asked for. A misspelt hook raises WartaError, as in ``warta`` itself.
    """
    import pluggy

    from .engine import Engine
    from .errors import WartaError
    from .manager import make_manager

    pm = make_manager(load_entry_points=load_entry_points)
    for plugin in plugins:
        pm.register(plugin)
    for name, plugin in named.items():
        pm.register(plugin, name=name)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise WartaError(f"a plugin implements an unknown hook: {exc}") from exc
    return Engine(pm)


def parse_with(parser_name: str, path_or_text: str | bytes | Path, url: str | None = None, *,
               engine: Engine | None = None, check: bool = False) -> list[Article]:
    """Parse a file (a ``Path``, or a ``str`` naming an existing file) or a page's text with
    the parser ``parser_name``, through the engine's full hook chain (skip, clean, enrich).

    ``engine`` defaults to one with every installed plugin. With ``check=True`` every record
    is also checked against the schema (:func:`check_record`).
    """
    from .engine import default_engine, parse

    articles = parse(path_or_text, url=url, parser=parser_name, engine=engine or default_engine())
    if check:
        for article in articles:
            check_record(article)
    return articles


@pytest.fixture
def warta_engine() -> Engine:
    """A fresh :class:`warta.Engine` with the built-in and every installed plugin.

    Built fresh for each test, so ``WARTA_DISABLE_PLUGINS`` set by a fixture the test
    requests before this one (``def test_x(no_kompas, warta_engine)``) blocks plugins. Pass
    it to :func:`parse_with` as ``engine=``; register uninstalled plugin modules with
    :func:`make_engine` instead.
    """
    from .engine import Engine

    return Engine()


# -- the record ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    """The JSON Schema of the Article record (``article.schema.json``, draft 2020-12)."""
    text = resources.files("warta").joinpath("article.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def _jsonschema() -> Any:
    try:
        import jsonschema
    except ImportError:
        raise ImportError(f"warta.testing needs jsonschema to check records: {INSTALL_HINT}") from None
    return jsonschema


@lru_cache(maxsize=1)
def _record_validator() -> Any:
    jsonschema = _jsonschema()
    cls = jsonschema.Draft202012Validator
    cls.check_schema(record_schema())
    return cls(record_schema(), format_checker=cls.FORMAT_CHECKER)


def _path(parts: Iterable[Any], root: str = "record") -> str:
    text = root
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def check_record(article: Article | dict[str, Any]) -> dict[str, Any]:
    """Assert that ``article`` (an Article or its dict) matches ``article.schema.json``.

    Also checks what a format checker may skip when its optional library is missing:
    dates are RFC 3339 with an offset, URLs are absolute. Returns the record (a dict).
    """
    record = article if isinstance(article, dict) else article.to_dict()
    errors = sorted(_record_validator().iter_errors(record), key=lambda e: list(map(str, e.absolute_path)))
    problems = [f"{_path(e.absolute_path)}: {e.message}" for e in errors]
    reported = {_path(e.absolute_path) for e in errors}
    for key in ("published", "updated"):
        value = record.get(key)
        if isinstance(value, str) and f"record.{key}" not in reported and not _is_rfc3339(value):
            problems.append(f"record.{key}: {value!r} is not an RFC 3339 date-time with an offset")
    for where, value in _record_urls(record):
        if isinstance(value, str) and where not in reported and not _is_absolute(value):
            problems.append(f"{where}: {value!r} is not an absolute http(s) URL")
    if problems:
        raise AssertionError("record does not match article.schema.json:\n  " + "\n  ".join(problems))
    return record


def _record_urls(record: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    yield "record.url", record.get("url")
    for key in ("images", "related", "more"):
        for index, item in enumerate(record.get(key) or []):
            if isinstance(item, dict):
                yield f"record.{key}[{index}].url", item.get("url")


# -- feeds ----------------------------------------------------------------------------------


def check_feed(source: str | Path | bytes) -> Any:
    """Check a feed file (or its bytes) in whatever format it is; return what the format
    check returns. ``.xml``/``.rss`` -> :func:`check_rss` (or Atom by its root element),
    ``.atom`` -> :func:`check_atom`, ``.json`` -> :func:`check_json_feed`, ``.jsonl`` ->
    :func:`check_jsonl`; bytes are told apart by their content.
    """
    name = "" if isinstance(source, bytes) else str(source).lower()
    data = _read(source)
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


def _read(source: str | Path | bytes) -> bytes:
    if isinstance(source, bytes):
        return source
    return Path(source).read_bytes()


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
    root = _xml(_read(source), "RSS feed")
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
    if link and not _is_absolute(link):
        problems.append(f"channel <link>: {link!r} is not an absolute URL")
    problems += _language_problems("channel <language>", channel.find("language"))
    for name in ("lastBuildDate", "pubDate"):
        element = channel.find(name)
        if element is not None:
            problems += _rfc822_problems(f"channel <{name}>", _text(element))
    for element in channel.findall(f"{{{ATOM_NS}}}link"):
        href = element.get("href", "")
        if not _is_absolute(href):
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
            if permalink and not _is_absolute(value):
                problems.append(f"{where}: guid {value!r} is marked isPermaLink but is not a URL")
        item_link = _text(item.find("link"))
        if item_link and not _is_absolute(item_link):
            problems.append(f"{where} <link>: {item_link!r} is not an absolute URL")
        pub = item.find("pubDate")
        if pub is not None:
            problems += _rfc822_problems(f"{where} <pubDate>", _text(pub))
        for author in item.findall("author"):
            if "@" not in _text(author):
                problems.append(f"{where}: <author> must hold an e-mail address (use dc:creator for names)")
        content = item.find(f"{{{CONTENT_NS}}}encoded")
        if content is not None:
            problems += _html_problems(f"{where} <content:encoded>", content.text or "")
        description = item.find("description")
        if description is not None and "<" in (description.text or ""):
            problems += _html_problems(f"{where} <description>", description.text or "")
    _raise(problems, "RSS feed")
    _feedparser_round_trip(_read(source), "rss20")
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
    data = _read(source)
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
                problems += _html_problems(f"{where} <{name}>", element.text or "")
    _raise(problems, "Atom feed")
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
            if not _is_rfc3339(_text(node)):
                problems.append(f"{where} <{name}>: {_text(node)!r} is not RFC 3339 with an offset")
    for link in element.findall(a + "link"):
        href = link.get("href", "")
        if not _is_absolute(href):
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
        document = json.loads(_read(source))
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
            if key in item and not (isinstance(item[key], str) and _is_rfc3339(item[key])):
                problems.append(f"{where}.{key}: {item[key]!r} is not RFC 3339 with an offset")
        if isinstance(item.get("content_html"), str):
            problems += _html_problems(f"{where}.content_html", item["content_html"])
        if "tags" in item and not (isinstance(item["tags"], list)
                                   and all(isinstance(t, str) for t in item["tags"])):
            problems.append(f"{where}.tags: must be a list of strings")
    _raise(problems, "JSON Feed")
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
        if key in data and not (isinstance(data[key], str) and _is_absolute(data[key])):
            problems.append(f"{where}.{key}: {data[key]!r} is not an absolute URL")
    if "language" in data and not (isinstance(data["language"], str)
                                   and _LANGUAGE.match(data["language"])):
        problems.append(f"{where}.language: {data['language']!r} is not a language tag")
    return problems


def check_jsonl(source: str | Path | bytes) -> list[dict[str, Any]]:
    """Assert that every line of ``source`` is an Article record (:func:`check_record`) and
    that ids are unique; return the records."""
    records = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(_read(source).decode("utf-8").splitlines(), start=1):
        if not raw.strip():
            raise AssertionError(f"line {number}: empty line in JSON Lines")
        try:
            record = json.loads(raw)
        except ValueError as exc:
            raise AssertionError(f"line {number}: not JSON: {exc}") from None
        try:
            check_record(record)
        except AssertionError as exc:
            raise AssertionError(f"line {number}: {exc}") from None
        if record["id"] is not None:
            if record["id"] in seen:
                raise AssertionError(f"line {number}: id {record['id']!r} repeats line {seen[record['id']]}")
            seen[record["id"]] = number
        records.append(record)
    return records


# -- shared checks ----------------------------------------------------------------------------


def _raise(problems: list[str], kind: str) -> None:
    if problems:
        shown = problems[:20] + ([f"... and {len(problems) - 20} more"] if len(problems) > 20 else [])
        raise AssertionError(f"{kind} is not valid:\n  " + "\n  ".join(shown))


def _is_absolute(url: str) -> bool:
    """True for an absolute http(s) URL with a host (and for mailto:)."""
    parts = urlsplit(url.strip())
    if parts.scheme == "mailto":
        return bool(parts.path)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _is_rfc3339(value: str) -> bool:
    if not RFC3339.match(value):
        return False
    try:
        parsed = datetime.fromisoformat(value.replace("z", "Z").replace("t", "T"))
    except ValueError:
        return False
    return parsed.tzinfo is not None


def _rfc822_problems(where: str, value: str) -> list[str]:
    m = RFC822.match(value)
    if not m:
        return [f"{where}: {value!r} is not RFC 822 like 'Tue, 29 Dec 2020 19:16:00 +0700'"]
    try:
        day = date(int(m["year"]), _MONTHS.index(m["month"]) + 1, int(m["day"]))
    except ValueError:
        return [f"{where}: {value!r} is not a real date"]
    problems = []
    if _WEEKDAYS[day.weekday()] != m["weekday"]:
        problems.append(f"{where}: {value!r} says {m['weekday']} but that day is a {_WEEKDAYS[day.weekday()]}")
    if m["offset"] == "-0000":
        problems.append(f"{where}: {value!r} has the offset -0000 (unknown zone)")
    if abs(int(m["offset"][1:3])) > 14 or int(m["offset"][3:]) > 59:
        problems.append(f"{where}: {value!r} has an impossible offset")
    return problems


def _language_problems(where: str, element: etree._Element | None) -> list[str]:
    if element is None:
        return [f"{where}: missing"]
    value = _text(element)
    if not _LANGUAGE.match(value):
        return [f"{where}: {value!r} is not a language tag"]
    if value.lower() == "in" or value.lower().startswith("in-"):
        return [f"{where}: 'in' is the withdrawn code for Indonesian; use 'id'"]
    return []


def _html_problems(where: str, html: str) -> list[str]:
    """HTML that a feed carries: sanitised, every URL absolute."""
    if not html.strip():
        return []
    import lxml.html
    from lxml import etree

    try:
        fragments = lxml.html.fragments_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        return [f"{where}: unreadable HTML ({exc})"]
    problems = []
    for fragment in fragments:
        if not isinstance(fragment, etree._Element):
            continue
        for element in fragment.iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag.lower() in _UNSAFE_TAGS:
                problems.append(f"{where}: unsanitised <{element.tag}>")
            for attribute, value in element.attrib.items():
                if attribute.lower().startswith("on"):
                    problems.append(f"{where}: event attribute {attribute} on <{element.tag}>")
                elif attribute in _URL_ATTRIBUTES and not _is_absolute(value):
                    problems.append(f"{where}: <{element.tag} {attribute}={value!r}> is not an absolute URL")
                elif attribute == "srcset":
                    for candidate in value.split(","):
                        url = candidate.strip().split(" ")[0]
                        if url and not _is_absolute(url):
                            problems.append(f"{where}: <{element.tag} srcset> has {url!r}, not absolute")
    return problems


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
