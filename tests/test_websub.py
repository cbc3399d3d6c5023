"""WebSub: rel=hub and rel=self in every feed, and a publish ping to the tests' own hub."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl

import feedparser
import pytest
import storetest as helper
from lxml import etree
from typer.testing import CliRunner
from warta import WartaError
from warta.config import FeedSettings
from warta.store import Store, build
from warta.websub import ping

pytestmark = pytest.mark.usefixtures("no_proxy")

FIXTURES = Path(__file__).parent / "fixtures" / "store"
BASE = "https://feeds.example.org/kompas/"





class Hub:
    """A tiny WebSub hub on 127.0.0.1 that records publish pings (and can refuse them)."""

    def __init__(self) -> None:
        self.pings: list[dict[str, str]] = []
        self.status = 204
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length).decode("ascii")
                hub.pings.append({"content_type": self.headers.get("Content-Type", ""),
                                  **dict(parse_qsl(body))})
                self.send_response(hub.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hub"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hub():
    running = Hub()
    yield running
    running.close()


@pytest.fixture(scope="module")
def engine():
    return helper.make_engine()


@pytest.fixture
def store(tmp_path, engine):
    with Store(tmp_path / "w.db", clock=lambda: datetime(2024, 3, 30, tzinfo=UTC)) as db:
        yield db


def add(store: Store, engine, tmp_path: Path, number: int) -> None:
    path = tmp_path / f"{number}.txt"
    path.write_text(helper.numbered_page(number), encoding="utf-8")
    assert not store.add("kompas", [str(path)], engine=engine).failed


def test_feeds_advertise_the_hub_and_themselves(tmp_path, store, engine, hub):
    add(store, engine, tmp_path, 1)
    settings = FeedSettings(name="kompas", base_url=BASE, hub=hub.url)
    out = tmp_path / "out"
    build(store, settings, out, engine=engine)

    ns = {"atom": "http://www.w3.org/2005/Atom"}
    rss = etree.fromstring((out / "feed.xml").read_bytes())
    rss_links = {l.get("rel"): l.get("href") for l in rss.findall("channel/atom:link", ns)}
    assert rss_links == {"self": BASE + "feed.xml", "hub": hub.url}
    atom = etree.fromstring((out / "feed.atom").read_bytes())
    atom_links = {l.get("rel"): l.get("href") for l in atom.findall("atom:link", ns)}
    assert atom_links["self"] == BASE + "feed.atom" and atom_links["hub"] == hub.url
    data = json.loads((out / "feed.json").read_text(encoding="utf-8"))
    assert data["feed_url"] == BASE + "feed.json"
    assert data["hubs"] == [{"type": "WebSub", "url": hub.url}]
    parsed = feedparser.parse((out / "feed.atom").read_bytes())
    assert {l.rel for l in parsed.feed.links} >= {"self", "hub"}


def test_ping_after_a_build_that_changed_the_feed_and_not_otherwise(monkeypatch, tmp_path, engine, hub):
    import warta.cli

    monkeypatch.setattr(warta.cliapp, "_engine", engine)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    page = tmp_path / "1.txt"
    page.write_text(helper.numbered_page(1), encoding="utf-8")
    assert runner.invoke(warta.cli.app, ["add", str(page), "--feed", "kompas"]).exit_code == 0
    options = ["build", "kompas", "--base-url", "https://feeds.example.org/", "--hub", hub.url]

    result = runner.invoke(warta.cli.app, options)
    assert result.exit_code == 0, result.output
    assert sorted(p["hub.url"] for p in hub.pings) == [BASE + "feed.atom", BASE + "feed.json", BASE + "feed.xml"]
    assert all(p["hub.mode"] == "publish" for p in hub.pings)
    assert all(p["content_type"] == "application/x-www-form-urlencoded" for p in hub.pings)

    hub.pings.clear()
    assert runner.invoke(warta.cli.app, options).exit_code == 0
    assert hub.pings == []  # nothing changed: no ping

    page2 = tmp_path / "2.txt"
    page2.write_text(helper.numbered_page(2), encoding="utf-8")
    runner.invoke(warta.cli.app, ["add", str(page2), "--feed", "kompas"])
    hub.status = 500
    failed = runner.invoke(warta.cli.app, options)
    assert failed.exit_code == 1
    assert "refused the ping" in failed.stderr and "500" in failed.stderr
    assert "Traceback" not in failed.output
    assert (tmp_path / "feeds" / "kompas" / "feed.xml").read_bytes().count(b"<item>") == 2  # files written


def test_ping_reports_an_unreachable_hub(hub):
    url = hub.url
    hub.close()
    with pytest.raises(WartaError, match="cannot reach WebSub hub"):
        ping(url, [BASE + "feed.xml"], timeout=2)


def test_a_hub_needs_the_feeds_own_url(tmp_path, store, engine, hub):
    from warta.errors import UsageError

    add(store, engine, tmp_path, 1)
    with pytest.raises(UsageError, match="needs the feed's own URL"):
        build(store, FeedSettings(name="kompas", hub=hub.url), tmp_path / "out", engine=engine)


def test_watch_pings_the_hub_after_a_round_that_changed_the_feed(tmp_path, store, engine, hub):
    from warta.watch import Watcher

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "1.txt").write_text(helper.numbered_page(1), encoding="utf-8")
    settings = FeedSettings(name="kompas", base_url=BASE, hub=hub.url, formats=("atom",))
    watch = Watcher(inbox, settings, store, engine=engine, output=tmp_path / "feeds")
    first = watch.run_once()
    assert first.pinged == [BASE + "feed.atom"]
    assert [p["hub.url"] for p in hub.pings] == [BASE + "feed.atom"]
    assert watch.run_once().pinged == [] and len(hub.pings) == 1
