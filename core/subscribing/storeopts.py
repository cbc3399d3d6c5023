"""The options the store commands share (``--store``, ``--feed``, ``--output``, ...).

It imports nothing from :mod:`warta.cli`, so it can be imported on its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

StoreOpt = Annotated[Path | None, typer.Option(
    "--store", metavar="PATH", help="The feed store, an SQLite file in an existing folder. Default: "
                    "`store` in warta.toml, else OUTPUT/warta.db (feeds/warta.db).",
    show_default=False)]
ConfigOpt = Annotated[Path | None, typer.Option(
    "--config", "-c", metavar="FILE", help="Settings file (default: ./warta.toml when it exists).",
    show_default=False)]
FeedOpt = Annotated[str, typer.Option(
    "--feed", metavar="NAME", help="The feed's name (letters, digits, - _ .); also its folder name.",
    show_default=False)]
OutputOpt = Annotated[Path | None, typer.Option(
    "--output", "-o", metavar="DIR", help="The output folder (default: `output` in warta.toml, "
    "else feeds): feed NAME is written to DIR/NAME/, and the store is DIR/warta.db unless "
    "--store or `store` in warta.toml names another.", show_default=False)]
FormatOpt = Annotated[list[str] | None, typer.Option(
    "--format", "-f", metavar="FORMAT", help="rss, atom, json or jsonl; several as rss,atom or "
    "by repeating -f (default: warta.toml, else rss, atom, json).", show_default=False)]
LimitOpt = Annotated[int | None, typer.Option(
    "--limit", metavar="N", min=0, help="Newest N items in each feed; 0 for all (default: 100).",
    show_default=False)]
TitleOpt = Annotated[str | None, typer.Option("--title", metavar="TEXT", help="The feed's title.", show_default=False)]
LinkOpt = Annotated[str | None, typer.Option("--link", metavar="URL", help="The site the feed is about.", show_default=False)]
DescriptionOpt = Annotated[str | None, typer.Option("--description", metavar="TEXT", help="The feed's description.", show_default=False)]
BaseUrlOpt = Annotated[str | None, typer.Option(
    "--base-url", metavar="URL", help="Where the output folder is served, e.g. "
    "http://127.0.0.1:8080/; feed NAME then lives at BASE/NAME/feed.xml (its self link).",
    show_default=False)]
HubOpt = Annotated[str | None, typer.Option(
    "--hub", metavar="URL", help="WebSub hub: advertised in the feeds (rel=hub, rel=self) and "
    "pinged after each build that changed a feed. Needs --base-url.", show_default=False)]
UrlOpt = Annotated[str | None, typer.Option(
    "--url", metavar="URL", help="The page's address, when the saved text lacks it (one input only).",
    show_default=False)]
UrlsOpt = Annotated[Path | None, typer.Option(
    "--urls", metavar="MAP", help="A URL map (JSON Lines with file/url, or 'PATH URL' lines) "
    "giving many pages' addresses; the map file itself is never read as a page.",
    show_default=False)]
ParserOpt = Annotated[str | None, typer.Option(
    "--parser", metavar="NAME", help="Use this parser instead of sniffing (see `warta plugins`).",
    show_default=False)]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")]

