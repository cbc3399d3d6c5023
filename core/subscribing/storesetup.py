"""What the store commands set up before they work: the settings file, where the store is
and how it is opened, a feed's settings from warta.toml and the options, the output
folder; and what they report after: skipped rows, the WebSub ping, a clean stop on SIGTERM.

:mod:`warta.cli` imports the store commands at its end, so the helpers taken from it
(``engine``, ``say``, ``split_formats``) are imported when a function runs, not with this
module: it can then be imported on its own.
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path

from .config import (
    CONFIG_NAME,
    STORE_NAME,
    Config,
    FeedSettings,
    check_feed_name,
    feed_base_url,
    load_config,
)
from ..convert import check_hub, check_web_url
from ..errors import UsageError, WartaError, display_path
from .store import Store
from .storebuild import BuildResult
from ..feeds.websub import ping


def read_config(path: Path | None) -> Config:
    """The settings file named, else ./warta.toml when present, else the defaults."""
    from ..cliapp import engine

    known = engine().writers.keys()
    if path is not None:
        return load_config(path, known_formats=known)
    if Path(CONFIG_NAME).is_file():
        return load_config(CONFIG_NAME, known_formats=known)
    return Config()


def store_path(option: Path | None, output: Path | None, config: Config) -> tuple[Path, bool]:
    """Where the store is, and whether the user named it: ``--store``, else ``store`` in
    warta.toml, else ``OUTPUT/warta.db`` with OUTPUT from ``-o``, warta.toml or ``feeds``."""
    if option is not None:
        return option, True
    if config.store is not None:
        return config.store, True
    return (output if output is not None else config.output) / STORE_NAME, False


def open_store(option: Path | None, config: Config, *, create: bool, clock=None,
               readonly: bool = False, output: Path | None = None) -> Store:
    """The store; ``readonly`` for the commands that only read it (a query-only connection,
    read-only or immutable where the file cannot be written: they work on a read-only disk
    or folder and change nothing on disk, see ``Store._connect_readonly``).

    A store the user named (``--store``, ``store`` in warta.toml) must be in an existing
    folder: a mistyped folder is an error, not a new store nobody finds. The default one
    (OUTPUT/warta.db) is created with its output folder."""
    path, named = store_path(option, output, config)
    if path.is_dir():
        raise WartaError("is a folder, not a store file", path=str(path))
    if not create and not path.is_file():
        raise WartaError("no feed store here yet; add pages first (warta add PAGE --feed NAME)",
                         path=str(path))
    if create and named and not path.parent.is_dir():
        raise WartaError(f"no such folder {display_path(str(path.parent))}: create it first, "
                         "or give --store a path in an existing folder", path=str(path))
    return Store(path, clock=clock, readonly=readonly and path.is_file())


def say_all(errors: list[WartaError]) -> None:
    """Print each error on its own line of stderr."""
    from ..cliapp import say

    for error in errors:
        say(f"warta: {error}")


def settings_for(config: Config, name: str, *, title: str | None = None, link: str | None = None,
                 description: str | None = None, base_url: str | None = None,
                 hub: str | None = None, formats: list[str] | None = None,
                 limit: int | None = None, output: Path | None = None) -> FeedSettings:
    """A feed's settings: warta.toml (or the defaults), overridden by the command's options."""
    from ..cliapp import engine, split_formats

    check_feed_name(name)
    for value, option in ((link, "--link"), (base_url, "--base-url"), (hub, "--hub")):
        check_web_url(value, option)
    settings = config.feed(name).with_changes(
        title=title, link=link, description=description, hub=hub, limit=limit,
        base_url=feed_base_url(base_url, name),
        formats=tuple(split_formats(formats) or ()) or None,
    )
    writers = engine().writers
    for fmt in settings.formats:
        if fmt not in writers:
            raise UsageError(f"unknown format {fmt!r} (known: {', '.join(sorted(writers))})")
    if output is not None:
        settings.output = None  # -o DIR wins over a feed's own folder: DIR/NAME
    check_hub(settings.hub, settings.base_url)
    return settings


def output_folder(option: Path | None, config: Config) -> Path:
    """The output folder: ``-o``, else ``output`` in warta.toml, else ``feeds``."""
    return option if option is not None else config.output


def ping_hub(settings: FeedSettings, result: BuildResult, quiet: bool) -> bool:
    """Ping the hub about the changed files; False (and a message) when the hub failed."""
    from ..cliapp import say

    if not settings.hub or not result.changed_urls:
        return True
    try:
        urls = ping(settings.hub, result.changed_urls)
    except WartaError as exc:
        say(f"warta: {exc}")
        return False
    if not quiet:
        say(f"warta: told {settings.hub} about {len(urls)} changed file(s)")
    return True


def stop_on_sigterm() -> None:
    """Let SIGTERM stop serve / watch like Ctrl-C does (a clean stop under service managers)."""
    if threading.current_thread() is threading.main_thread():
        def stop(_signum: int, _frame: object) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)
