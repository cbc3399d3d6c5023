"""The command line's shared kit: the Typer app every command is registered on, the engine the
commands use (``_engine``, replaceable in tests), one-line errors (:func:`user_errors`),
stderr messages, the progress bar, and the options several commands share.

``warta.cli`` holds the conversion commands and ``main``; ``warta.storecli`` the store
commands; both import from here and nothing here imports them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .engine import Engine, Outcome, default_engine
from .errors import UsageError, WartaError
from .helpfmt import HelpGroup

app = typer.Typer(
    name="warta",
    cls=HelpGroup,
    help="Turn saved Indonesian news pages (text or HTML) into RSS, Atom, JSON Feed and JSON Lines.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

_engine: Engine | None = None


def engine() -> Engine:
    """The command line's engine: the shared default one (tests put another in ``_engine``)."""
    global _engine
    if _engine is None:
        _engine = default_engine()
    return _engine


def say(message: str) -> None:
    typer.echo(message, err=True)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a WartaError into one line on stderr and its exit status; never a traceback."""
    try:
        yield
    except WartaError as exc:
        say(f"warta: {exc}")
        raise typer.Exit(exc.exit_code) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"warta {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, show_default=False,
                                          help="Print the version and exit.")] = False,
) -> None:
    """warta reads saved news pages and writes feeds."""


def _progress(outcomes: Iterator[Outcome], total: int) -> Iterator[Outcome]:
    """A progress bar on stderr for long runs on a terminal; nothing when piped."""
    if not sys.stderr.isatty() or total < 20:
        yield from outcomes
        return
    from rich.progress import Progress

    with Progress(transient=True, console=_stderr_console()) as progress:
        task = progress.add_task("reading pages", total=total)
        for outcome in outcomes:
            progress.advance(task)
            yield outcome


class _Progress:
    """The progress bar while the pages are read, then a spinner while the feeds are written
    (rendering thousands of items takes seconds); both on a terminal only, and transient."""

    def __init__(self) -> None:
        self._status = None

    def track(self, outcomes: Iterator[Outcome], total: int) -> Iterator[Outcome]:
        yield from _progress(outcomes, total)
        if sys.stderr.isatty() and total >= 20:
            self._status = _stderr_console().status("writing feeds")
            self._status.start()

    def stop(self) -> None:
        if self._status is not None:
            self._status.stop()
            self._status = None


def _stderr_console():  # noqa: ANN202 - rich is imported lazily
    from rich.console import Console

    return Console(stderr=True)


InputsArg = Annotated[list[str], typer.Argument(metavar="INPUT", help="Files, folders (read recursively), globs, or - for standard input.", show_default=False)]
UrlsOpt = Annotated[Optional[Path], typer.Option("--urls", metavar="MAP", show_default=False, help="A URL map (JSON Lines with file/url, or 'PATH URL' lines) giving many pages' addresses; the map file itself is never read as a page.")]
UrlOpt = Annotated[Optional[str], typer.Option("--url", metavar="URL", show_default=False, help="The page's address, when the saved text lacks it (one input only).")]
ParserOpt = Annotated[Optional[str], typer.Option("--parser", metavar="NAME", show_default=False, help="Use this parser instead of sniffing (see `warta plugins`).")]
JobsOpt = Annotated[Optional[int], typer.Option("--jobs", "-j", metavar="N", min=1, show_default=False, help="Processes to parse with (default: one per core for 200 inputs or more; 1 for one process).")]
SchedulerOpt = Annotated[Optional[str], typer.Option("--scheduler", metavar="ADDRESS", envvar="WARTA_SCHEDULER", show_default=False, help="Parse on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786; needs warta[dask] here and on the workers); the output is the same bytes as without it.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")]
#: The help of every --content-id option: what it does and what it costs.
CONTENT_ID_HELP = ("A page with no URL and no title with a date gets an id from a hash of its "
                   "text (a tag URI), the same on every run. Trade-off: an edited page then "
                   "becomes a new item (readers see it twice); give URLs (--urls) when you can.")
ContentIdOpt = Annotated[bool, typer.Option("--content-id", help=CONTENT_ID_HELP)]
OnlyHostsOpt = Annotated[Optional[list[str]], typer.Option("--only-hosts", metavar="HOST[,HOST]", show_default=False, help="Web archives (.warc, .warc.gz, .arc, .arc.gz, or any file or - holding one): read only the records of these hosts and their subdomains (tested before any decoding).")]


def archive_engine(hosts: list[str] | None) -> Engine:
    """The engine for one command's run: web archive records of other hosts than ``hosts``
    (``--only-hosts``) skipped, and every skipped record counted (:meth:`Engine.reading`)."""
    from .reading.warc import normal_hosts

    return engine().reading(hosts=normal_hosts(hosts or []))


def skipped_text(eng: Engine) -> str:
    """``"12 archive record(s) skipped (7 not HTML, 5 other host)"``, or ``""`` when none was."""
    total = sum(eng.skipped.values())
    if not total:
        return ""
    reasons = ", ".join(f"{count} {reason}" for reason, count in sorted(eng.skipped.items()))
    return f"{total} archive record(s) skipped ({reasons})"


def split_formats(values: list[str] | None) -> list[str] | None:
    """``-f rss,atom -f json`` as ``["rss", "atom", "json"]`` (None when none given)."""
    if not values:
        return None
    names = [name.strip() for value in values for name in value.split(",")]
    if not all(names):
        raise UsageError(f"--format: an empty name in {','.join(values)!r}; "
                         "give names such as rss,atom,json")
    return list(dict.fromkeys(names))
