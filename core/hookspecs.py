"""warta's hook specifications: the contract between the engine and its plugins.

Plugins implement these with ``@warta.hookimpl``. Built-in plugins (``warta.plugins.*``) use
the same public API as third-party ones, which are found through the ``warta`` entry-point
group. Every hook is optional.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import pluggy

if TYPE_CHECKING:
    import typer

    from .feeds.feed import Feed
    from .model import Article
    from .parsing.parser import Parser

hookspec = pluggy.HookspecMarker("warta")
hookimpl = pluggy.HookimplMarker("warta")


@hookspec
def register_parsers(register: Callable[[Parser], None]) -> None:
    """Register parsers by calling ``register(parser)`` once per Parser object.

    A parser's ``name`` must be unique across all plugins; a duplicate is an error.
    """


@hookspec
def register_writers(register: Callable[[str, Any], None]) -> None:
    """Register feed writers by calling ``register(name, writer)``.

    ``writer`` is an object with ``filename`` (e.g. ``"feed.xml"``), ``media_type`` and
    ``render(feed: Feed) -> bytes``. The name is what ``-f NAME`` selects. The same feed must
    always render to the same bytes. A writer that also has ``stream(feed)`` is written item
    by item, in flat memory however many items there are (see :mod:`warta.feeds.stream`).
    """


@hookspec
def register_commands(app: typer.Typer) -> None:
    """Add commands to the ``warta`` command line, using the Typer API (``@app.command()``)."""


@hookspec(firstresult=True)
def skip_article(article: Article) -> bool | None:
    """Decide whether ``article`` is dropped before it reaches any feed.

    Return True to drop it, False to keep it (stops asking other plugins), None for no
    opinion. Called after parsing, before ``clean_article``.
    """


@hookspec
def clean_article(article: Article) -> None:
    """Clean ``article`` in place: boilerplate, whitespace, URL canonicalisation.

    Every implementation is called; return nothing. Must be idempotent.
    """


@hookspec
def enrich_article(article: Article) -> None:
    """Add derived fields to ``article`` in place: summary, stable id, tags, language.

    Called after every ``clean_article``. An implementation that sets ``article.id`` must
    follow the identity rule (the same article always gets the same id); the built-in
    implementation only fills ``id`` when it is still empty.
    """


@hookspec
def prepare_feed(feed: Feed) -> None:
    """Change the assembled ``feed`` in place before the writers render it.

    Items are already sorted (newest first), de-duplicated by id and limited. ``feed.items``
    is a list here that the hook may change; with no limit, that loads every article into
    memory (without a ``prepare_feed`` hook they are read one at a time from a temporary
    database, see :class:`warta.feeds.spill.SpilledItems`).
    """
