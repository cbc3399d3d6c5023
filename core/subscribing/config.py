"""``warta.toml``: the settings of many feeds in one file.

A small example (``warta init`` writes a commented one)::

    store = "feeds/warta.db"            # the feed store (default: OUTPUT/warta.db)
    output = "feeds"                    # each feed is written to OUTPUT/NAME/
    base_url = "https://example.org/feeds/"   # where OUTPUT is served (gives self links)
    hub = "https://hub.example.org/"    # WebSub hub to advertise and ping (optional)

    [feeds.kompas]
    title = "Kompas.com"
    link = "https://www.kompas.com/"
    description = "Berita Kompas.com dari halaman yang disimpan"
    inputs = ["pages/kompas/**/*.txt"]  # globs, relative to this file
    parsers = ["kompas"]                # only these parsers may read the inputs
    formats = ["rss", "atom", "json"]
    limit = 50
    # output = "public/kompas"          # this feed's own folder (default OUTPUT/NAME)
    # base_url = "https://cdn.example.org/kompas/"   # where THIS feed's folder is served
    # urls = "pages/kompas/urls.jsonl"  # URL map: the addresses of inputs saved without one
    # content_id = true                 # ids from the text for pages with no URL, title+date

Relative paths are read from the folder that holds the file. Every mistake is reported as a
WartaError naming the file, the key and what was expected.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import WartaError
from ..feeds.feed import DEFAULT_LIMIT
from ..parsing.identity import web_url
from ..feeds.publish import DEFAULT_FORMATS

#: The file ``warta build`` and friends read when ``--config`` is not given.
CONFIG_NAME = "warta.toml"
#: Where feeds are written (``OUTPUT/NAME/feed.xml`` ...) unless told otherwise.
DEFAULT_OUTPUT = Path("feeds")
#: The store's file name inside the output folder.
STORE_NAME = "warta.db"

_FEED_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_TOP_KEYS = ("store", "output", "base_url", "hub", "formats", "limit", "feeds")
_FEED_KEYS = ("title", "link", "description", "base_url", "hub", "inputs", "parsers",
              "formats", "limit", "output", "urls", "content_id")


def check_feed_name(name: str) -> str:
    """Return ``name`` when it is usable as a feed name (and folder name); else raise.

    Letters, digits, ``-``, ``_`` and ``.``; starting with a letter or digit; at most 64.
    """
    if not isinstance(name, str) or not _FEED_NAME.match(name) or ".." in name:
        raise WartaError(
            f"bad feed name {name!r}: use letters, digits, '-', '_' and '.', "
            "starting with a letter or digit (it becomes a folder name)"
        )
    return name


@dataclass(slots=True)
class FeedSettings:
    """Everything that shapes one feed. ``None`` means "use the default"."""

    name: str
    title: str | None = None
    link: str | None = None
    description: str | None = None
    #: Where THIS feed's folder is served (its files' self links are BASE/feed.xml ...).
    base_url: str | None = None
    hub: str | None = None
    inputs: tuple[str, ...] = ()
    parsers: tuple[str, ...] = ()
    formats: tuple[str, ...] = DEFAULT_FORMATS
    limit: int = DEFAULT_LIMIT
    #: This feed's own folder; None for ``OUTPUT/NAME``.
    output: Path | None = None
    #: A URL map (see :mod:`warta.urlmap`) giving the addresses of this feed's inputs.
    urls: Path | None = None
    #: Give pages with no URL and no title with a date an id from their text
    #: (:func:`warta.identity.content_id`; an edited page then becomes a new item).
    content_id: bool = False

    def folder(self, output: Path) -> Path:
        """The folder this feed is written to, given the general output folder."""
        return self.output if self.output is not None else output / self.name

    def with_changes(self, **changes: Any) -> FeedSettings:
        """A copy with the given fields replaced (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


@dataclass(slots=True)
class Config:
    """A parsed ``warta.toml``."""

    path: Path | None = None
    store: Path | None = None
    output: Path = DEFAULT_OUTPUT
    base_url: str | None = None
    hub: str | None = None
    feeds: dict[str, FeedSettings] = field(default_factory=dict)

    def feed(self, name: str) -> FeedSettings:
        """The settings of feed ``name``: its own section, or the defaults of the file."""
        found = self.feeds.get(name)
        if found is not None:
            return found
        return FeedSettings(name=check_feed_name(name), hub=self.hub,
                            base_url=feed_base_url(self.base_url, name))

    @property
    def store_path(self) -> Path:
        """The store file: ``store`` from the file, else ``OUTPUT/warta.db``."""
        return self.store if self.store is not None else self.output / STORE_NAME


def feed_base_url(output_base: str | None, name: str) -> str | None:
    """Where feed ``name``'s folder is served, given where the output folder is served."""
    if not output_base:
        return None
    return (output_base if output_base.endswith("/") else output_base + "/") + name + "/"


def load_config(path: str | Path, *, known_formats: Iterable[str] | None = None) -> Config:
    """Read and check a ``warta.toml``; raise WartaError (file, key, what was expected)."""
    path = Path(path)
    label = str(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise WartaError("no such config file", path=label) from None
    except UnicodeDecodeError:
        raise WartaError("config file is not UTF-8 text", path=label) from None
    except OSError as exc:
        raise WartaError(f"cannot read config file: {exc.strerror or exc}", path=label) from None
    except tomllib.TOMLDecodeError as exc:
        raise WartaError(f"not valid TOML: {exc}", path=label) from None
    return read_config(raw, path=path, known_formats=known_formats)


def read_config(raw: dict[str, Any], *, path: Path | None = None,
                known_formats: Iterable[str] | None = None) -> Config:
    """Check the parsed TOML table ``raw`` and build a Config (see :func:`load_config`)."""
    checker = _Checker(path, set(known_formats) if known_formats is not None else None)
    return checker.config(raw)


class _Checker:
    """Reads values out of the TOML tables, raising one clear WartaError per mistake."""

    def __init__(self, path: Path | None, known_formats: set[str] | None) -> None:
        self.path = path
        self.root = path.parent if path is not None else Path(".")
        self.known_formats = known_formats

    def fail(self, key: str, expected: str, value: Any = None, *, show: bool = True) -> WartaError:
        got = f", got {value!r}" if show else ""
        return WartaError(f"{key}: expected {expected}{got}",
                          path=str(self.path) if self.path else None)

    def config(self, raw: dict[str, Any]) -> Config:
        self.no_unknown(raw, _TOP_KEYS, "")
        output = self.path_value(raw, "output", "") or DEFAULT_OUTPUT
        base_url = self.url(raw, "base_url", "")
        hub = self.url(raw, "hub", "")
        formats = self.formats(raw, "formats", "") or DEFAULT_FORMATS
        limit = self.limit(raw, "limit", "")
        feeds_raw = raw.get("feeds", {})
        if not isinstance(feeds_raw, dict):
            raise self.fail("feeds", "a table of feeds ([feeds.NAME] sections)", feeds_raw)
        feeds: dict[str, FeedSettings] = {}
        for name, table in feeds_raw.items():
            key = f"feeds.{name}"
            if not _FEED_NAME.match(name) or ".." in name:
                raise self.fail(key, "a feed name of letters, digits, '-', '_' and '.'", name)
            if not isinstance(table, dict):
                raise self.fail(key, "a table ([feeds.NAME] section)", table)
            feeds[name] = self.feed(name, table, base_url=base_url, hub=hub,
                                    formats=formats, limit=limit)
        return Config(path=self.path, store=self.path_value(raw, "store", ""), output=output,
                      base_url=base_url, hub=hub, feeds=feeds)

    def feed(self, name: str, table: dict[str, Any], *, base_url: str | None,
             hub: str | None, formats: tuple[str, ...], limit: int | None) -> FeedSettings:
        prefix = f"feeds.{name}."
        self.no_unknown(table, _FEED_KEYS, prefix)
        own_limit = self.limit(table, "limit", prefix)
        return FeedSettings(
            name=name,
            title=self.text(table, "title", prefix),
            link=self.url(table, "link", prefix),
            description=self.text(table, "description", prefix),
            base_url=self.url(table, "base_url", prefix) or feed_base_url(base_url, name),
            hub=self.url(table, "hub", prefix) or hub,
            inputs=tuple(self.root_pattern(p) for p in self.strings(table, "inputs", prefix)),
            parsers=self.strings(table, "parsers", prefix),
            formats=self.formats(table, "formats", prefix) or formats,
            limit=own_limit if own_limit is not None else (limit if limit is not None else DEFAULT_LIMIT),
            output=self.path_value(table, "output", prefix),
            urls=self.path_value(table, "urls", prefix),
            content_id=self.flag(table, "content_id", prefix),
        )

    def no_unknown(self, table: dict[str, Any], known: tuple[str, ...], prefix: str) -> None:
        for key in table:
            if key not in known:
                raise self.fail(f"{prefix}{key}", f"one of the known keys ({', '.join(known)})",
                                show=False)

    def text(self, table: dict[str, Any], key: str, prefix: str) -> str | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            raise self.fail(prefix + key, "a non-empty string", value)
        return value.strip()

    def url(self, table: dict[str, Any], key: str, prefix: str) -> str | None:
        value = self.text(table, key, prefix)
        if value is not None and web_url(value) is None:
            raise self.fail(prefix + key, "an http:// or https:// URL", value)
        return value

    def strings(self, table: dict[str, Any], key: str, prefix: str) -> tuple[str, ...]:
        if key not in table:
            return ()
        value = table[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(prefix + key, "a list of non-empty strings", value)
        return tuple(v.strip() for v in value)

    def formats(self, table: dict[str, Any], key: str, prefix: str) -> tuple[str, ...]:
        names = self.strings(table, key, prefix)
        if key in table and not names:
            raise self.fail(prefix + key, "at least one format", table[key])
        if self.known_formats is not None:
            for name in names:
                if name not in self.known_formats:
                    raise self.fail(prefix + key, f"formats among {', '.join(sorted(self.known_formats))}",
                                    name)
        return tuple(dict.fromkeys(names))

    def flag(self, table: dict[str, Any], key: str, prefix: str) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(prefix + key, "true or false", value)
        return value

    def limit(self, table: dict[str, Any], key: str, prefix: str) -> int | None:
        if key not in table:
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(prefix + key, "a whole number, 0 or more (0 = every item)", value)
        return value

    def path_value(self, table: dict[str, Any], key: str, prefix: str) -> Path | None:
        value = self.text(table, key, prefix)
        if value is None:
            return None
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.root / path

    def root_pattern(self, pattern: str) -> str:
        path = Path(pattern).expanduser()
        return str(path if path.is_absolute() else self.root / path)


EXAMPLE = '''\
# warta.toml: the feeds warta builds. `warta build` builds every [feeds.NAME] below;
# `warta build NAME` builds one; `warta serve` serves the output folder.
# Relative paths are read from the folder that holds this file.

# The feed store (SQLite): every article ever added, so feeds grow page by page.
# store = "feeds/warta.db"

# Each feed is written to OUTPUT/NAME/feed.xml, feed.atom and feed.json.
output = "feeds"

# Where the output folder is served. Gives each feed its self link (NAME/feed.xml ...),
# which feed validators and WebSub need. With `warta serve` on this machine:
# base_url = "http://127.0.0.1:8080/"

# A WebSub hub: advertised in the feeds and pinged after each build that changed a feed.
# Needs base_url.
# hub = "https://pubsubhubbub.appspot.com/"

# Defaults for every feed (each feed may set its own).
formats = ["rss", "atom", "json"]   # also "jsonl" (one article record a line)
limit = 100                         # newest N items in each feed; 0 for all

[feeds.kompas]
title = "Kompas.com"
link = "https://www.kompas.com/"
description = "Berita Kompas.com dari halaman yang disimpan"
# Saved pages to add before each build (globs; ** reaches into sub-folders).
inputs = ["pages/kompas/**/*.txt"]
# Only these parsers may read the inputs (default: whichever recognises the page).
parsers = ["kompas"]
limit = 50
# output = "public/kompas"                       # this feed's own folder
# base_url = "https://cdn.example.org/kompas/"   # where THIS feed's folder is served
# Pages saved without their URL: a URL map gives their addresses (JSON Lines with
# file and url, or lines "PATH URL"; paths relative to the map). Never read as a page.
# urls = "pages/kompas/urls.jsonl"
# Pages with no URL and no title with a date are refused (no stable id). With
# content_id = true they get an id from a hash of their text instead: the same on every
# build, but an edited page becomes a new item (readers see it twice).
# content_id = true
'''
