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

This module holds the engine helpers and the fixture; the checks live in
:mod:`warta.testing_record` (the record), :mod:`warta.testing_feeds` (RSS, Atom, JSON Feed)
and :mod:`warta.testing_rules` (the rules they share), and every one is imported from here.
These modules import the rest of warta lazily, so loading this one as a pytest plugin costs
nothing and never breaks a test session.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# The checks, and the constants they use, re-exported: warta.testing is their public path.
from .testing_feeds import (
    ATOM_NS, CONTENT_NS, JSON_FEED_VERSION, check_atom, check_feed, check_json_feed, check_rss,
)
from .testing_record import INSTALL_HINT, check_jsonl, check_record, record_schema
from .testing_rules import RFC822, RFC3339

if TYPE_CHECKING:
    from .engine import Engine
    from .model import Article

__all__ = [
    "check_atom", "check_feed", "check_json_feed", "check_jsonl", "check_record", "check_rss",
    "make_engine", "parse_with", "record_schema", "warta_engine",
]


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
