"""The store commands of the ``warta`` command line: add, build, remove, list, init, serve, watch.

They are defined on the app of :mod:`warta.cli` (which imports this module at its end).
Subscribing in short::

    warta add pages/*.txt --feed kompas          # parse and store (same page again: no change)
    warta build kompas                           # feeds/kompas/feed.xml, feed.atom, feed.json
    warta serve                                  # http://127.0.0.1:8080/ for feed readers
    warta watch inbox/ --feed kompas             # add pages as they arrive, rebuild

or, for many feeds, ``warta init`` (writes a commented ``warta.toml``) then ``warta build``.

This module holds the commands; their shared options are in :mod:`warta.storeopts`, what
they set up and report in :mod:`warta.storesetup`, and adding pages in
:mod:`warta.storepages` (the options stay importable from here).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from ..cliapp import (CONTENT_ID_HELP, JobsOpt, OnlyHostsOpt, SchedulerOpt, app, archive_engine, engine, say,
                      skipped_text, user_errors)
from .config import CONFIG_NAME, EXAMPLE, FeedSettings, check_feed_name
from ..convert import check_web_url
from ..errors import UsageError, WartaError, display_path
from ..helpfmt import HelpCommand
from ..feeds.jsonfeed import dumps
from ..reading.loaders import expand
from ..feeds.output import write_atomic
from .store import Store
from .storebuild import build
from .storeopts import (
    BaseUrlOpt,
    ConfigOpt,
    DescriptionOpt,
    FeedOpt,
    FormatOpt,
    HubOpt,
    LimitOpt,
    LinkOpt,
    OutputOpt,
    ParserOpt,
    QuietOpt,
    StoreOpt,
    TitleOpt,
    UrlOpt,
    UrlsOpt,
)
from .storepages import add_pages
from .storesetup import (
    open_store,
    output_folder,
    ping_hub,
    read_config,
    say_all,
    settings_for,
    stop_on_sigterm,
)
from ..reading.urlmap import read_url_map


ContentIdOpt = Annotated[bool, typer.Option("--content-id", help=CONTENT_ID_HELP)]


def _command(name: str | None = None) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """``app.command`` with the docstring's paragraphs reflowed (rich help keeps newlines)."""
    def register(function: Callable[..., None]) -> Callable[..., None]:
        paragraphs = inspect.cleandoc(function.__doc__ or "").split("\n\n")
        text = "\n\n".join(" ".join(p.split()) for p in paragraphs)
        return app.command(name, help=text, cls=HelpCommand)(function)

    return register


# -- add ------------------------------------------------------------------------------


@_command()
def add(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT", help="Files, folders (read recursively), globs, or - for standard input.", show_default=False)],
    feed: FeedOpt,
    url: UrlOpt = None,
    urls: UrlsOpt = None,
    content_id: ContentIdOpt = False,
    parser: ParserOpt = None,
    output: OutputOpt = None,
    store: StoreOpt = None,
    config: ConfigOpt = None,
    only_hosts: OnlyHostsOpt = None,
    jobs: JobsOpt = None,
    scheduler: SchedulerOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Parse saved pages and store their articles in feed NAME (then `warta build NAME`).

    Adding the same page again changes nothing (nor does a copy of an article whose content
    the store has already seen). A page whose content changed keeps its id and
    published date and gets a new updated date (the page's own, else the time of this add).
    A page whose bytes were added before, read by the same warta and plugins with the same
    options, is not parsed again. Several `warta add` may run at once. Exit status 1 when a
    page could not be added.
    """
    with user_errors():
        check_web_url(url, "--url")
        settings = read_config(config)
        name = check_feed_name(feed)
        map_errors: list[WartaError] = []
        url_map = read_url_map(urls, errors=map_errors) if urls else None
        reader = archive_engine(only_hosts)
        with open_store(store, settings, create=True, output=output) as db:
            result = add_pages(db, name, inputs, url=url, url_map=url_map, map_file=urls, reader=reader,
                               parser=parser, parsers=settings.feed(name).parsers, jobs=jobs,
                               scheduler=scheduler or "",
                               content_ids=content_id or settings.feed(name).content_id,
                               hint="one" if len(inputs) == 1 and (inputs[0] == "-" or Path(inputs[0]).is_file())
                               else "many")
        result.failed[:0] = map_errors
        for error in result.failed:
            say(str(error))
        if not quiet:
            say(f"warta: feed {name}: {result.summary()} (store {display_path(str(db.path))})")
            if reader.skipped:
                say(f"warta: {skipped_text(reader)}")
        if result.failed:
            raise typer.Exit(1)


# -- build ----------------------------------------------------------------------------


@_command("build")
def build_command(
    name: Annotated[str | None, typer.Argument(metavar="NAME", help="The feed to build (default: every feed in warta.toml, else every feed in the store).", show_default=False)] = None,
    output: OutputOpt = None,
    store: StoreOpt = None,
    config: ConfigOpt = None,
    formats: FormatOpt = None,
    limit: LimitOpt = None,
    title: TitleOpt = None,
    link: LinkOpt = None,
    description: DescriptionOpt = None,
    base_url: BaseUrlOpt = None,
    hub: HubOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Write feeds from the store: OUTPUT/NAME/feed.xml (RSS), feed.atom and feed.json.

    A feed in warta.toml first gets its `inputs` added (files already added and unchanged are
    not read again). The newest `limit` items go in. Rebuilding without a change rewrites no
    file (byte-identical), and a crash mid-build leaves the previous files intact. With a hub,
    the hub is pinged about each file that changed. A page of a configured feed that fails
    is reported again on every build until it is fixed. The store is OUTPUT/warta.db unless
    --store or warta.toml's `store` names another.
    """
    with user_errors():
        settings = read_config(config)
        folder = output_folder(output, settings)
        options = {"title": title, "link": link, "description": description, "base_url": base_url,
                   "hub": hub, "formats": formats, "limit": limit, "output": output}
        # Only a configured feed's inputs make build write to the store; else it only reads.
        wanted = [name] if name is not None else list(settings.feeds)
        writes = any(settings.feed(n).inputs for n in wanted if n in settings.feeds)
        with open_store(store, settings, create=writes, readonly=not writes, output=output) as db:
            if name is not None:
                names = [name]
            elif settings.feeds:
                names = list(settings.feeds)
            else:
                names = [feed_name for feed_name, _count in db.feeds()]
                if not names:
                    raise WartaError(f"the store {db.path} holds no feed yet; "
                                     "add pages first (warta add PAGE --feed NAME)")
            if len(names) > 1 and (title or link or description):
                raise UsageError("--title, --link and --description apply to one feed: name it")
            failed = 0
            for feed_name in names:
                try:
                    feed_settings = settings_for(settings, feed_name, **options)
                    if not _build_one(db, feed_settings, folder, quiet=quiet):
                        failed += 1
                except WartaError as exc:
                    if len(names) == 1:
                        raise
                    failed += 1
                    say(f"warta: {feed_name}: {exc}")
        if failed:
            raise typer.Exit(1)


def _build_one(db: Store, settings: FeedSettings, output: Path, *, quiet: bool) -> bool:
    """Add a configured feed's inputs, write its files, ping its hub; False when a part failed."""
    ok = True
    if settings.inputs:
        items, missing = expand(settings.inputs)
        for error in missing:
            say(f"warta: {settings.name}: {error} (skipped)")
        map_errors: list[WartaError] = []
        url_map = read_url_map(settings.urls, errors=map_errors) if settings.urls else None
        added = add_pages(db, settings.name, [i.path for i in items], hint="config",
                          url_map=url_map, map_file=settings.urls, parsers=settings.parsers,
                          skip_seen=True, content_ids=settings.content_id)
        added.failed[:0] = map_errors
        for error in added.failed:
            say(str(error))
        ok = not added.failed
        if not quiet and (added.new or added.changed or added.failed):
            say(f"warta: feed {settings.name}: {added.summary()}")
    folder = settings.folder(output)
    result = build(db, settings, folder, engine=engine())
    say_all(result.skipped)
    if not quiet:
        changed = ", ".join(p.name for p in result.changed) or "no file changed"
        say(f"warta: built {settings.name}: {result.items} item(s) in "
            f"{display_path(str(folder))} ({changed})")
    return ping_hub(settings, result, quiet) and ok and not result.skipped


# -- remove and list ------------------------------------------------------------------


@_command()
def remove(
    ids: Annotated[list[str], typer.Argument(metavar="ID...", help="Article ids, as `warta list NAME` shows them.", show_default=False)],
    feed: Annotated[str | None, typer.Option("--feed", metavar="NAME", help="Remove only from this feed (default: every feed).", show_default=False)] = None,
    output: OutputOpt = None,
    store: StoreOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Remove articles from the store; the next `warta build` leaves them out of the feed."""
    with user_errors():
        settings = read_config(config)
        if feed is not None:
            check_feed_name(feed)
        missing = []
        with open_store(store, settings, create=False, output=output) as db:
            for ident in ids:
                feeds = db.remove(ident, feed)
                if not feeds:
                    missing.append(ident)
                elif not quiet:
                    say(f"warta: removed {ident} from {', '.join(feeds)}; "
                        "run `warta build` to update the feed files")
        if missing:
            where = f"feed {feed!r}" if feed else "the store"
            raise WartaError(f"no article with id {', '.join(missing)} in {where}")


@_command("list")
def list_command(
    name: Annotated[str | None, typer.Argument(metavar="NAME", help="The feed (default: list the feeds).", show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line.")] = False,
    output: OutputOpt = None,
    store: StoreOpt = None,
    config: ConfigOpt = None,
) -> None:
    """List a feed's stored articles, newest first: date, id and title, tab-separated.

    Without NAME, list the feeds in the store with their number of articles. --json prints
    id, title, url, published, updated, first_seen and changed (first_seen and changed are
    when this store first saw the article and last saw it change).
    """
    with user_errors():
        settings = read_config(config)
        skipped: list[WartaError] = []
        with open_store(store, settings, create=False, readonly=True, output=output) as db:
            if name is None:
                for feed_name, count in db.feeds():
                    typer.echo(dumps({"feed": feed_name, "articles": count}) if as_json
                               else f"{feed_name}\t{count}")
                return
            entries = db.entries(check_feed_name(name), skipped=skipped)
            if not entries and not skipped:
                known = ", ".join(n for n, _c in db.feeds()) or "none"
                raise WartaError(f"no feed named {name!r} in the store (feeds: {known})")
            for entry in entries:
                if as_json:
                    typer.echo(dumps(entry.to_dict()))
                else:
                    typer.echo(f"{entry.updated or entry.published or '-'}\t{entry.id}\t"
                               f"{entry.title or '(tanpa judul)'}")
        say_all(skipped)
        if skipped:
            raise typer.Exit(1)


# -- init -----------------------------------------------------------------------------


@_command()
def init(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the file (default: warta.toml).", show_default=False)] = Path(CONFIG_NAME),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented example warta.toml (feeds, inputs, formats, base URL, hub)."""
    with user_errors():
        if path.exists() and not force:
            raise WartaError("already exists; use --force to overwrite it", path=str(path))
        write_atomic(path, EXAMPLE.encode("utf-8"))
        say(f"warta: wrote {path}; edit it, then run `warta build`")


# -- serve ----------------------------------------------------------------------------


@_command()
def serve(
    folder: Annotated[Path | None, typer.Argument(metavar="DIR", help="The folder to serve (default: `output` in warta.toml, else feeds).", show_default=False)] = None,
    host: Annotated[str, typer.Option("--host", metavar="ADDRESS", help="Address to listen on; 0.0.0.0 for every interface.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", min=0, max=65535, help="Port to listen on (0: any free port).")] = 8080,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Serve the feed folder over HTTP for feed readers, until Ctrl-C.

    Right content types, ETag and Last-Modified with 304 answers, gzip, HEAD, and an index
    page at / with autodiscovery links. Only files inside the folder are served (and only
    feed-like ones: .xml .atom .json .jsonl .html .txt .css), never the store.
    """
    from .server import serve as run_server

    with user_errors():
        settings = read_config(config)
        stop_on_sigterm()
        run_server(folder if folder is not None else settings.output, host, port, quiet=quiet, say=say)


# -- watch ----------------------------------------------------------------------------


@_command()
def watch(
    inbox: Annotated[Path, typer.Argument(metavar="INBOX", help="The folder to watch for saved pages.", show_default=False)],
    feed: FeedOpt,
    once: Annotated[bool, typer.Option("--once", help="Process what is there now, rebuild, and exit (for cron and tests).")] = False,
    interval: Annotated[float, typer.Option("--interval", metavar="SECONDS", min=0.1, help="Seconds between two looks at the inbox.")] = 2.0,
    output: OutputOpt = None,
    store: StoreOpt = None,
    config: ConfigOpt = None,
    parser: ParserOpt = None,
    urls: UrlsOpt = None,
    content_id: ContentIdOpt = False,
    formats: FormatOpt = None,
    limit: LimitOpt = None,
    title: TitleOpt = None,
    link: LinkOpt = None,
    description: DescriptionOpt = None,
    base_url: BaseUrlOpt = None,
    hub: HubOpt = None,
    only_hosts: OnlyHostsOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Add pages to feed NAME as they appear in INBOX, and rebuild the feed, until Ctrl-C.

    A page that cannot be read moves to INBOX/failed/ with NAME.error.txt beside it. The store
    records every processed file (path, size, modification time, content digest), so after a
    restart nothing is processed twice and nothing is lost. With --once, exit status 1 when a
    page failed.
    """
    from .watch import Watcher

    with user_errors():
        settings = read_config(config)
        feed_settings = settings_for(settings, feed, title=title, link=link, description=description,
                                     base_url=base_url, hub=hub, formats=formats, limit=limit,
                                     output=output)
        message = (lambda _m: None) if quiet else say
        map_file = urls if urls is not None else feed_settings.urls
        url_map = read_url_map(map_file) if map_file is not None else None
        with open_store(store, settings, create=True, output=output) as db:
            watcher = Watcher(inbox, feed_settings, db, engine=archive_engine(only_hosts), output=output_folder(output, settings),
                              parser=parser, say=message, urls=url_map, urls_file=map_file,
                              content_ids=content_id or feed_settings.content_id)
            if once:
                done = watcher.run_once()
                if not quiet:
                    say(f"warta: {len(done.added)} page(s) added, {len(done.skipped)} already "
                        f"processed, {len(done.failed)} failed")
                if done.failed:
                    raise typer.Exit(1)
                return
            stop_on_sigterm()
            say(f"warta: watching {inbox} for feed {feed} every {interval:g}s (Ctrl-C to stop)")
            try:
                watcher.run(interval)
            except KeyboardInterrupt:
                say("warta: stopped watching")
