"""Helpers for the portal plugins' fixture tests (``import portaltest``)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from warta import Article, Document
from warta.dates import WIB

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "portals"


def fixture_text(portal: str, name: str) -> str:
    """The text of the fixture ``tests/fixtures/portals/<portal>/<name>``."""
    return (FIXTURES / portal / name).read_text(encoding="utf-8")


def parse_fixture(engine, portal: str, name: str, url: str | None = None) -> Article:
    """The one article of a fixture, read by sniffing; the parser chosen must be ``portal``'s."""
    doc = Document(text=fixture_text(portal, name), url=url, path=f"{portal}/{name}")
    [article] = engine.parse_document(doc)
    assert article.parser == portal, (name, article.parser)
    return article


def texts(article: Article) -> list[str]:
    """The body's texts."""
    return [b.text for b in article.body]


def credits(article: Article) -> list[tuple[str, str, str | None]]:
    """(name, role, label) of each author."""
    return [(a.name, a.role, a.label) for a in article.authors]


def wib(*args: int) -> datetime:
    """A WIB datetime."""
    return datetime(*args, tzinfo=WIB)
