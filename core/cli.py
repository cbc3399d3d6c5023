"""The ``warta`` command line: the conversion commands (parse, convert, plugins) and ``main``,
a thin layer over the engine and the writers. The shared kit (the app, the engine the
commands use, one-line errors, shared options) is :mod:`warta.cliapp`; the store commands are
:mod:`warta.storecli`, imported here so that they are registered."""

from __future__ import annotations

import json
import sys
from importlib.metadata import PackageNotFoundError, distribution, entry_points
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .cliapp import (
    ContentIdOpt,
    InputsArg,
    JobsOpt,
    OnlyHostsOpt,
    ParserOpt,
    QuietOpt,
    SchedulerOpt,
    UrlOpt,
    UrlsOpt,
    _Progress,
    _progress,
    app,
    archive_engine,
    engine,
    say,
    skipped_text,
    split_formats,
    user_errors,
)
from .convert import check_web_url, convert as run_convert
from .engine import Engine
from .errors import WartaError
from .feeds.feed import DEFAULT_LIMIT
from .helpfmt import HelpCommand
from .parsing.identity import give_content_ids
from .feeds.jsonfeed import line
from .manager import BUILTIN_PLUGINS, ENTRY_POINT_GROUP, short_name
from .feeds.publish import DEFAULT_FORMATS
from .reading.urlmap import read_url_map, without_map


@app.command(cls=HelpCommand)
def parse(inputs: InputsArg, url: UrlOpt = None, urls: UrlsOpt = None, parser: ParserOpt = None,
          jobs: JobsOpt = None, scheduler: SchedulerOpt = None,
          content_id: ContentIdOpt = False, only_hosts: OnlyHostsOpt = None,
          quiet: QuietOpt = False) -> None:
    """Print each article as one JSON object per line (the record documented in the README)."""
    with user_errors():
        check_web_url(url, "--url")
        reader = archive_engine(only_hosts)
        map_errors: list[WartaError] = []
        url_map = read_url_map(urls, errors=map_errors) if urls else None
        items, missing = reader.plan(inputs, url=url, parsers=[parser] if parser else [])
        items = without_map(items, urls)
        for error in (*map_errors, *missing):
            say(str(error))
        if not items:
            raise WartaError("no input to read")
        read = failed = count = 0
        out = sys.stdout.buffer
        outcomes = reader.run(items, url=url, parser=parser, urls=url_map, jobs=jobs,
                                scheduler=scheduler or "")
        try:
            for outcome in outcomes if quiet else _progress(outcomes, len(items)):
                if outcome.error:
                    failed += 1
                    say(str(outcome.error))
                    continue
                read += 1
                if content_id:
                    give_content_ids(outcome.articles)
                for article in outcome.articles:
                    out.write(line(article))
                    count += 1
            out.flush()
        except OSError as exc:  # a full disk or a closed pipe behind standard output
            raise WartaError(f"cannot write: {exc.strerror or exc}", path="<stdout>") from None
        failed += len(missing)
        if not quiet:
            # A web archive counts each page it holds as an input.
            say(f"warta: {read + failed} input(s): {read} read, {failed} failed; "
                f"{count} article(s)" + (" (a page may hold several)" if count > read else "")
                + (f", {len(map_errors)} bad line(s) in the URL map" if map_errors else "")
                + (f", {skipped_text(reader)}" if reader.skipped else ""))
        if failed or map_errors:
            raise typer.Exit(1)


@app.command(cls=HelpCommand)
def convert(
    inputs: InputsArg,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR", help="Folder to write the feeds into.")] = Path("feeds"),
    formats: Annotated[Optional[list[str]], typer.Option("--format", "-f", metavar="FORMAT", show_default=False, help="rss, atom, json, jsonl or parquet (every record as a Parquet dataset, articles.parquet/, by site and day; needs warta[parquet]); several as rss,atom or by repeating -f (default: rss, atom, json).")] = None,
    base_url: Annotated[Optional[str], typer.Option("--base-url", metavar="URL", show_default=False, help="Where the output folder will be served; gives each feed its self link.")] = None,
    title: Annotated[Optional[str], typer.Option("--title", metavar="TEXT", show_default=False, help="The feed's title (default: the site's name).")] = None,
    link: Annotated[Optional[str], typer.Option("--link", metavar="URL", show_default=False, help="The site the feed is about (default: the articles' site).")] = None,
    description: Annotated[Optional[str], typer.Option("--description", metavar="TEXT", show_default=False, help="The feed's description.")] = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", help="Newest N items in the feeds; 0 for all.", min=0)] = DEFAULT_LIMIT,
    hub: Annotated[Optional[str], typer.Option("--hub", metavar="URL", show_default=False, help="WebSub hub to advertise in the feeds. Needs --base-url.")] = None,
    parser: ParserOpt = None,
    url: UrlOpt = None,
    urls: UrlsOpt = None,
    content_id: ContentIdOpt = False,
    jobs: JobsOpt = None,
    scheduler: SchedulerOpt = None,
    only_hosts: OnlyHostsOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Convert saved pages, or a Parquet dataset of records, into feed files: feed.xml (RSS), feed.atom, feed.json, articles.jsonl, articles.parquet/."""
    shown = _Progress()
    with user_errors():
        chosen = split_formats(formats) or list(DEFAULT_FORMATS)
        reader = archive_engine(only_hosts)
        try:
            result = run_convert(
                inputs, output, formats=chosen, url=url, urls=urls, parser=parser,
                limit=limit, title=title, link=link, description=description, base_url=base_url, hub=hub,
                jobs=jobs, scheduler=scheduler or "", content_ids=content_id, engine=reader, on_error=lambda error: say(str(error)),
                progress=None if quiet else shown.track,
            )
        finally:
            shown.stop()
        if not quiet:
            say(f"warta: {result.summary()}")
            if reader.skipped:
                say(f"warta: {skipped_text(reader)}")
            if base_url is None and {"rss", "atom"} & set(chosen):
                say("warta: no --base-url, so the RSS and Atom feeds have no self link "
                    "(feed validators warn); give the URL the folder will be served at")
        if result.errors:
            raise typer.Exit(1)


@app.command(cls=HelpCommand)
def plugins(
    as_json: Annotated[bool, typer.Option("--json", help="JSON, as printed whenever the output is not a terminal.")] = False,
) -> None:
    """List the installed plugins: name, version, parsers and writers (a table on a terminal; JSON with --json or when piped)."""
    with user_errors():
        report = plugin_report(engine())
        if as_json or not _stdout_is_terminal():
            typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
        else:
            typer.echo(plugin_table(report))


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def plugin_table(report: list[dict[str, object]]) -> str:
    """The plugin report as aligned columns: name, version, origin, parsers, writers; a
    plugin missing an extra gets a line below it naming what to install."""
    header = ("PLUGIN", "VERSION", "FROM", "PARSERS", "WRITERS")
    rows = [header]
    notes: dict[int, list[str]] = {}
    for entry in report:
        rows.append((str(entry["name"]), str(entry["version"]),
                     "built-in" if entry.get("builtin") else "installed",
                     ", ".join(entry["parsers"]) or "-", ", ".join(entry["writers"]) or "-"))  # type: ignore[arg-type]
        if entry.get("missing"):
            notes[len(rows) - 1] = [f"  missing: {m}" for m in entry["missing"]]  # type: ignore[union-attr]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    lines = []
    for number, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1])
        lines.extend(notes.get(number, []))
    return "\n".join(line.rstrip() for line in lines)


def plugin_report(eng: Engine) -> list[dict[str, object]]:
    """What ``warta plugins`` prints."""
    eps = {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}
    builtin = {short_name(m) for m in BUILTIN_PLUGINS}
    report = []
    for name, plugin in eng.pm.list_name_plugin():
        if plugin is None:  # blocked through WARTA_DISABLE_PLUGINS
            continue
        hooks = sorted(h.name for h in eng.pm.get_hookcallers(plugin) or [])
        version = __version__
        if name not in builtin and name in eps:
            try:
                version = distribution(eps[name].dist.name).version if eps[name].dist else "unknown"
            except PackageNotFoundError:
                version = "unknown"
        entry: dict[str, object] = {
            "name": name,
            "version": version,
            "builtin": name in builtin,
            "hooks": hooks,
            "parsers": sorted(p for p, owner in eng.parser_owner.items() if owner == name),
            "writers": sorted(w for w, owner in eng.writer_owner.items() if owner == name),
        }
        missing = getattr(plugin, "MISSING_EXTRAS", None)
        if callable(missing):
            missing = missing()
        if missing:
            entry["missing"] = missing
        report.append(entry)
    return report


_commands_added = False


def main() -> None:
    """Entry point of the ``warta`` script."""
    global _commands_added
    try:
        if not _commands_added:
            engine().pm.hook.register_commands(app=app)
            _commands_added = True
            for info in app.registered_commands:  # a plugin's commands: plain help too
                if info.cls is None:
                    info.cls = HelpCommand
    except WartaError as exc:
        say(f"warta: {exc}")
        sys.exit(exc.exit_code)
    app()


from . import storecli  # noqa: E402, F401  (registers the store commands)

if __name__ == "__main__":  # pragma: no cover
    main()
