"""Fuzzing: whatever bytes or text come in, warta either reads them or says why in one line.

Every example goes the whole way a user's page goes: loader -> sniffing -> parser -> article
hooks -> feed -> every writer (RSS, Atom, JSON Feed, JSON Lines) -> the store and a build
from it. The properties checked on each:

- the only exception that may come out is a WartaError, and its message is one line;
- what comes out is well-formed (XML parses, JSON loads, each JSON Lines row is one object);
- no link or id in any output is anything but http(s) (or a ``tag:`` id / ``mailto:``);
- the same input gives the same bytes twice.

Inputs: random text, random bytes, the real pages of ``../shared`` mutated (bytes flipped,
cut, repeated, hostile snippets spliced in), and pages assembled from the lines portals
really print, shuffled.

Profiles: the default ``ci`` profile is short and derandomised (the same examples on every
run, so CI is not flaky); ``WARTA_FUZZ=long pytest tests/test_fuzz.py`` runs a long, random
one (``WARTA_FUZZ_EXAMPLES=N`` sets its size), and keeps hypothesis's database of failures
so a found failure is replayed first next time.
"""

from __future__ import annotations

import json
import os
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from warta import WartaError, build_feed  # noqa: E402
from warta.config import FeedSettings  # noqa: E402
from warta.loaders import load_bytes  # noqa: E402
from warta.store import Store, build  # noqa: E402

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

settings.register_profile(
    "ci", max_examples=30, derandomize=True, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long", max_examples=int(os.environ.get("WARTA_FUZZ_EXAMPLES", "2000")), deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = "long" if os.environ.get("WARTA_FUZZ") == "long" else "ci"
fuzz = settings(settings.get_profile(PROFILE))

#: URL schemes allowed anywhere in a feed (ids may also be tag URIs).
SAFE_SCHEMES = ("http://", "https://", "tag:", "mailto:")


def _corpus_pages() -> list[Path]:
    if not SHARED.is_dir():
        return []
    pages = sorted((SHARED / "seed").glob("*.txt"))
    for pattern in ("corpus/kompas-text/*.txt", "corpus/portals-text/*/*.txt", "corpus/html/*/*.html"):
        pages.extend(sorted(SHARED.glob(pattern)))
    return pages


CORPUS = _corpus_pages()

# Lines real portals print (our own wording in their shapes), to build plausible pages.
PORTAL_LINES = [
    "Kompas.com - 29/12/2020, 19:16 WIB", "JAKARTA, KOMPAS.com - Presiden berkata.",
    "Baca juga: Judul Artikel Lain", "Baca j", "Penulis", "Editor", "Danur Lambang",
    "Sumber CGTN News", "Terkini Lainnya", "Simak breaking news dan berita pilihan kami",
    "Senin, 01 Jan 2024 10:00 WIB", "20DETIK", "Jakarta, CNN Indonesia --", "TEMPO.CO, Jakarta -",
    "Okezone.com", "Jum'at, 12 Agu 2022 | 09.15 WIB", "19:16 +99", "2020-12-29T19:16:00+99:00",
    "Rabu (30/12/2020)", "Liputan6.com, Jakarta -", "TRIBUNNEWS.COM -", "ANTARA - ",
    "REPUBLIKA.CO.ID, JAKARTA -", "jpnn.com - SIDOARJO - ", "Penulis: Ade", "Editor: Ade Marboen",
    "https://nasional.kompas.com/read/2020/12/29/19160081/judul", "javascript:alert(1)",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\x0b\x04\x1f", "\ud800",
    "[" * 200, "a" * 3000, "",
]
# Snippets an attacker or a broken save splices into a real page.
HOSTILE = [
    b"\x00", b"\x0b\x04\x1f", b"\xff\xfe", b"\xef\xbb\xbf", b"\xc3\x28", b"<script>alert(1)</script>",
    b'<link rel="canonical" href="javascript:alert(1)">',
    b'<meta property="og:url" content="data:text/html,x">',
    b'<meta property="article:published_time" content="2020-12-29T19:16:00+99:00">',
    b'<meta charset="undefined">', b'<meta charset="utf-16">',
    b'<script type="application/ld+json">' + b"[" * 3000 + b"</script>",
    b"<div>" * 500, b"19:16 +99", b"\r\n" * 50, b"Baca juga: " * 40, b"-" * 5000,
]


def _mutate(data: bytes, draw) -> bytes:
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            data = draw(st.binary(max_size=64))
            continue
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["flip", "cut", "insert", "hostile", "repeat", "truncate"]))
        if op == "flip" and at < len(data):
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
        elif op == "cut":
            end = draw(st.integers(at, min(len(data), at + 400)))
            data = data[:at] + data[end:]
        elif op == "insert":
            data = data[:at] + draw(st.binary(max_size=32)) + data[at:]
        elif op == "hostile":
            data = data[:at] + draw(st.sampled_from(HOSTILE)) + data[at:]
        elif op == "repeat":
            end = min(len(data), at + draw(st.integers(1, 200)))
            data = data[:at] + data[at:end] * draw(st.integers(2, 20)) + data[at:]
        else:
            data = data[:at]
    return data


@st.composite
def mutated_pages(draw) -> bytes:
    path = draw(st.sampled_from(CORPUS))
    return _mutate(path.read_bytes(), draw)


@st.composite
def assembled_pages(draw) -> bytes:
    lines = draw(st.lists(st.sampled_from(PORTAL_LINES) | st.text(max_size=80), max_size=40))
    return "\n".join(lines).encode("utf-8", "surrogatepass")


URLS = st.none() | st.sampled_from([
    "https://nasional.kompas.com/read/2020/12/29/19160081/judul-berita",
    "https://news.detik.com/berita/d-1234567/judul", "http://example.org/a?utm_source=x#f",
    "https://www.okezone.com/", "https://tempo.co",
])


def _check_urls(value, where: str) -> None:
    if isinstance(value, str) and value and ":" in value[:12] and not value.startswith(SAFE_SCHEMES):
        raise AssertionError(f"unsafe URL {value!r} in {where}")


def _check_xml(data: bytes, name: str) -> None:
    root = ET.fromstring(data)
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("link", "guid", "id", "comments"):
            _check_urls(element.get("href") or (element.text or "").strip(), f"{name} <{tag}>")


def _check_json(value, where: str) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("id", "url", "external_url", "home_page_url", "feed_url"):
                _check_urls(item, f"{where}.{key}")
            _check_json(item, f"{where}.{key}")
    elif isinstance(value, list):
        for item in value:
            _check_json(item, where)


def _one_line(error: WartaError) -> None:
    message = str(error)
    assert message and "\n" not in message and "\r" not in message, repr(message)


def _parse(engine, data: bytes, url: str | None):
    try:
        doc = load_bytes(data, path="fuzz.page", url=url)
        return engine.parse_document(doc)
    except WartaError as error:
        _one_line(error)
        return []


def _render_all(engine, articles) -> dict[str, bytes]:
    try:
        feed = build_feed(articles, limit=0, engine=engine, base_url="https://example.org/f/")
    except WartaError as error:
        _one_line(error)
        return {}
    return {name: writer.render(feed) for name, writer in sorted(engine.writers.items())}


def _check_outputs(engine, articles) -> None:
    for article in articles:
        json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")
    files = _render_all(engine, articles)
    for name, data in files.items():
        if name in ("rss", "atom"):
            _check_xml(data, name)
        elif name == "json":
            _check_json(json.loads(data), "feed")
        elif name == "jsonl":
            for row in data.split(b"\n"):
                if row:
                    _check_json(json.loads(row), "row")
    assert files == _render_all(engine, articles), "the same articles rendered different bytes"


def _check(engine, data: bytes, url: str | None) -> None:
    articles = _parse(engine, data, url)
    _check_outputs(engine, articles)


@fuzz
@given(text=st.text(max_size=3000), url=URLS)
def test_random_text(engine, text, url):
    _check(engine, text.encode("utf-8", "surrogatepass"), url)


@fuzz
@given(data=st.binary(max_size=3000), url=URLS)
def test_random_bytes(engine, data, url):
    _check(engine, data, url)


@fuzz
@given(data=assembled_pages(), url=URLS)
def test_pages_assembled_from_portal_lines(engine, data, url):
    _check(engine, data, url)


@pytest.mark.skipif(not CORPUS, reason="../shared is absent")
@fuzz
@given(data=mutated_pages() if CORPUS else st.nothing(), url=URLS)
def test_mutated_real_pages(engine, data, url):
    _check(engine, data, url)


@fuzz
@given(text=st.text(max_size=2000))
def test_api_text(engine, text):
    """``warta.parse`` with a str: lone surrogates and control characters included."""
    import warta

    try:
        articles = warta.parse(text + "\n", engine=engine)
    except WartaError as error:
        _one_line(error)
        return
    _check_outputs(engine, articles)


@pytest.mark.skipif(not CORPUS, reason="../shared is absent")
@fuzz
@given(pages=st.lists(mutated_pages() if CORPUS else st.nothing(), min_size=1, max_size=4))
def test_store_and_build(engine, pages):
    """Whatever the parsers let through, the store takes and a build renders."""
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "warta.db") as store:
            for number, data in enumerate(pages):
                articles = _parse(engine, data, None)
                result = store.put("fuzz", articles)
                for error in result.failed:
                    _one_line(error)
            if not store.feeds():
                return
            try:
                built = build(store, FeedSettings(name="fuzz", limit=0), Path(tmp) / "out", engine=engine)
            except WartaError as error:
                _one_line(error)
                return
            for path in built.paths:
                data = path.read_bytes()
                if path.suffix in (".xml", ".atom"):
                    _check_xml(data, path.name)
                else:
                    json.loads(data)
