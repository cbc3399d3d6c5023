"""`warta serve`, tested the way subscribers use it: feedparser and plain HTTP on 127.0.0.1."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from email.utils import formatdate
from pathlib import Path

import feedparser
import pytest
import storetest as helper
from warta.config import FeedSettings
from warta.server import FeedServer, accepts_gzip
from warta.store import Store, build

pytestmark = pytest.mark.usefixtures("no_proxy")

FIXTURES = Path(__file__).parent / "fixtures" / "store"





@pytest.fixture(scope="module")
def engine():
    return helper.make_engine()


class Site:
    """A store, its output folder and a running server on an ephemeral port."""

    def __init__(self, root: Path, engine) -> None:
        self.root = root
        self.engine = engine
        self.pages = root / "pages"
        self.pages.mkdir()
        self.out = root / "feeds"
        self.out.mkdir()
        self.store = Store(self.out / "warta.db",
                           clock=lambda: datetime(2024, 3, 30, tzinfo=UTC))
        # every test client is 127.0.0.1: room for the hundred at once of one test
        self.server = FeedServer(self.out, ("127.0.0.1", 0), quiet=True, max_per_client=128)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()
        self.settings = FeedSettings(name="kompas", title="Kompas uji", base_url=self.server.url + "kompas/")

    def add(self, *numbers: int) -> None:
        paths = []
        for n in numbers:
            path = self.pages / f"{n}.txt"
            path.write_text(helper.numbered_page(n), encoding="utf-8")
            paths.append(str(path))
        result = self.store.add("kompas", paths, engine=self.engine)
        assert not result.failed

    def build(self):
        return build(self.store, self.settings, self.out / "kompas", engine=self.engine)

    def url(self, path: str) -> str:
        return self.server.url + path.lstrip("/")

    def raw(self, method: str, target: str, headers: dict[str, str] | None = None):
        host, port = self.server.server_address[:2]
        conn = http.client.HTTPConnection(host, port, timeout=10)
        try:
            conn.putrequest(method, target, skip_accept_encoding=True)
            for name, value in (headers or {}).items():
                conn.putheader(name, value)
            conn.endheaders()
            response = conn.getresponse()
            body = response.read()
            return response.status, dict(response.getheaders()), body
        finally:
            conn.close()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
        self.store.close()


@pytest.fixture
def site(tmp_path, engine):
    running = Site(tmp_path, engine)
    yield running
    running.close()


def test_a_subscriber_polling_with_feedparser(site):
    site.add(1, 2, 3)
    site.build()
    url = site.url("kompas/feed.xml")

    first = feedparser.parse(url)
    assert first.status == 200 and not first.bozo, first.get("bozo_exception")
    assert first.version == "rss20" and first.etag and first.modified
    old = {e.id: e.title for e in first.entries}
    assert len(old) == 3

    second = feedparser.parse(url, etag=first.etag, modified=first.modified)
    assert second.status == 304 and not second.entries

    site.add(4)
    assert site.build().changed  # the feed files changed
    third = feedparser.parse(url, etag=first.etag, modified=first.modified)
    assert third.status == 200 and third.etag != first.etag
    now = {e.id: e.title for e in third.entries}
    assert len(now) == 4
    assert all(now[ident] == title for ident, title in old.items())  # same ids, same items
    [new_id] = set(now) - set(old)
    assert "Kampung 4 " in now[new_id]

    atom = feedparser.parse(site.url("kompas/feed.atom"))
    assert atom.status == 200 and atom.version == "atom10" and not atom.bozo
    assert {e.id for e in atom.entries} == set(now)
    assert feedparser.parse(site.url("kompas/feed.atom"), etag=atom.etag).status == 304


def test_content_types_validators_and_conditional_requests(site):
    site.add(1)
    site.build()
    expected = {"feed.xml": "application/rss+xml", "feed.atom": "application/atom+xml",
                "feed.json": "application/feed+json"}
    for name, media in expected.items():
        status, headers, body = site.raw("GET", f"/kompas/{name}")
        assert status == 200
        assert headers["Content-Type"].split(";")[0] == media
        assert body == (site.out / "kompas" / name).read_bytes()
        etag = headers["ETag"]
        assert etag.startswith('"') and not etag.startswith("W/")
        assert headers["Last-Modified"].endswith("GMT")
        assert site.raw("GET", f"/kompas/{name}", {"If-None-Match": etag})[0] == 304
        assert site.raw("GET", f"/kompas/{name}", {"If-None-Match": '"other", ' + etag})[0] == 304
        assert site.raw("GET", f"/kompas/{name}", {"If-None-Match": '"other"'})[0] == 200
        assert site.raw("GET", f"/kompas/{name}", {"If-Modified-Since": headers["Last-Modified"]})[0] == 304
        past = formatdate(time.time() - 86400 * 400, usegmt=True)
        old_file = site.out / "kompas" / name
        os.utime(old_file, None)
        assert site.raw("GET", f"/kompas/{name}", {"If-Modified-Since": past})[0] == 200
        # If-None-Match decides when both are present
        assert site.raw("GET", f"/kompas/{name}", {"If-None-Match": '"other"',
                                                  "If-Modified-Since": formatdate(usegmt=True)})[0] == 200


def test_gzip_and_head(site):
    site.add(1, 2)
    site.build()
    status, headers, body = site.raw("GET", "/kompas/feed.json", {"Accept-Encoding": "gzip, deflate"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in headers["Vary"]
    plain = (site.out / "kompas" / "feed.json").read_bytes()
    assert gzip.decompress(body) == plain
    _plain_status, plain_headers, plain_body = site.raw("GET", "/kompas/feed.json")
    assert plain_body == plain and "Content-Encoding" not in plain_headers
    assert plain_headers["ETag"] != headers["ETag"]  # strong: one per representation
    assert site.raw("GET", "/kompas/feed.json", {"Accept-Encoding": "gzip",
                                                 "If-None-Match": headers["ETag"]})[0] == 304
    assert site.raw("GET", "/kompas/feed.json", {"Accept-Encoding": "gzip;q=0"})[1].get("Content-Encoding") is None

    head_status, head_headers, head_body = site.raw("HEAD", "/kompas/feed.xml")
    assert head_status == 200 and head_body == b""
    assert int(head_headers["Content-Length"]) == len((site.out / "kompas" / "feed.xml").read_bytes())
    assert site.raw("POST", "/kompas/feed.xml")[0] == 405
    assert site.raw("DELETE", "/kompas/feed.xml")[0] == 405


def test_accept_encoding_parsing():
    assert accepts_gzip("gzip")
    assert accepts_gzip("br, gzip;q=0.5")
    assert accepts_gzip("*")
    assert not accepts_gzip("gzip;q=0")
    assert not accepts_gzip("identity")
    assert not accepts_gzip("*;q=0, br")


def test_index_page_lists_feeds_with_autodiscovery(site):
    site.add(1)
    site.build()
    status, headers, body = site.raw("GET", "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = body.decode("utf-8")
    assert '<link rel="alternate" type="application/rss+xml" title="Kompas uji (RSS)" href="kompas/feed.xml">' in page
    assert 'type="application/atom+xml"' in page and 'type="application/feed+json"' in page
    assert '<a href="kompas/feed.json"' in page
    assert "warta.db" not in page
    assert site.raw("GET", "/", {"If-None-Match": headers["ETag"]})[0] == 304


@pytest.mark.parametrize("target", [
    "/../warta.db",
    "/kompas/../../pages/1.txt",
    "/%2e%2e/pages/1.txt",
    "/kompas/%2E%2E/%2e%2e/pages/1.txt",
    "/..%2f..%2fpages%2f1.txt",
    "/%252e%252e/pages/1.txt",
    "//etc/passwd",
    "/etc/passwd",
    "http://evil.example/../pages/1.txt",
    "/kompas/..\\..\\pages\\1.txt",
    "/warta.db",
    "/warta.db-wal",
    "/kompas/.feed.xml.abc.tmp",
    "/outside/secret.xml",
    "/kompas/%00feed.xml",
    "/kompas/%ff.xml",
    "/nothing.xml",
])
def test_nothing_outside_the_folder_is_reachable(site, target):
    site.add(1)
    site.build()
    (site.out / "kompas" / ".feed.xml.abc.tmp").write_text("half a file", encoding="utf-8")
    outside = site.root / "elsewhere"
    outside.mkdir(exist_ok=True)
    (outside / "secret.xml").write_text("<secret/>", encoding="utf-8")
    if not (site.out / "outside").exists():
        (site.out / "outside").symlink_to(outside, target_is_directory=True)
    status, _headers, body = site.raw("GET", target)
    assert status == 404, (target, body[:80])
    assert b"secret" not in body and b"Kampung" not in body


def test_symlink_inside_the_folder_is_served(site):
    site.add(1)
    site.build()
    (site.out / "latest").symlink_to(site.out / "kompas", target_is_directory=True)
    assert site.raw("GET", "/latest/feed.xml")[0] == 200


def test_request_size_is_bounded(site):
    status, _headers, _body = site.raw("GET", "/" + "a" * 5000 + ".xml")
    assert status == 414


def test_a_client_that_trickles_or_idles_is_cut_off(tmp_path):
    import socket

    server = FeedServer(tmp_path, ("127.0.0.1", 0), quiet=True, idle_timeout=0.3)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        with socket.create_connection(server.server_address[:2], timeout=5) as sock:
            sock.sendall(b"GET /feed.xml HTTP/1.1\r\nHost: x\r\n")  # never finishes the request
            started = time.monotonic()
            answer = b""
            while chunk := sock.recv(1024):  # until the server closes the connection
                answer += chunk
            assert answer.startswith(b"HTTP/1.1 408 ")
            assert time.monotonic() - started < 3
    finally:
        server.shutdown()
        server.server_close()


def test_hundred_concurrent_clients_without_an_error(site):
    site.add(1, 2, 3)
    site.build()
    expected = (site.out / "kompas" / "feed.xml").read_bytes()
    barrier = threading.Barrier(100, timeout=20)

    def fetch(number: int) -> tuple[int, bytes]:
        request = urllib.request.Request(site.url("kompas/feed.xml"),
                                         headers={"Accept-Encoding": "gzip"} if number % 2 else {})
        barrier.wait()
        with urllib.request.urlopen(request, timeout=20) as response:
            body = response.read()
            if response.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            return response.status, body

    with ThreadPoolExecutor(max_workers=100) as pool:
        results = list(pool.map(fetch, range(100)))
    assert [status for status, _ in results] == [200] * 100
    assert all(body == expected for _, body in results)


def test_serving_a_missing_folder_is_a_clear_error(tmp_path):
    from warta import WartaError

    with pytest.raises(WartaError, match="no such folder"):
        FeedServer(tmp_path / "nope", ("127.0.0.1", 0))


def test_ctrl_c_while_a_request_thread_starts_still_stops_the_server(tmp_path, monkeypatch):
    """Ctrl-C landing in Thread.start, after the request's thread has begun, must reach
    serve_forever (it was swallowed as a 'Semaphore released too many times' error)."""
    (tmp_path / "f.xml").write_text("<rss/>", encoding="utf-8")
    server = FeedServer(tmp_path, ("127.0.0.1", 0), quiet=True, max_threads=2)
    started = FeedServer._hand
    handled = threading.Event()
    handle = server.process_request_thread

    def handle_and_tell(request, client_address):
        try:
            handle(request, client_address)  # answers, then gives its slot back
        finally:
            handled.set()

    def start_then_interrupt(self, request, client_address):
        started(self, request, client_address)
        assert handled.wait(10)  # the worst moment: the thread is done before start() returns
        raise KeyboardInterrupt

    server.process_request_thread = handle_and_tell

    monkeypatch.setattr(FeedServer, "_hand", start_then_interrupt)
    runner_error: list[BaseException] = []

    def run() -> None:
        try:
            server.serve_forever(poll_interval=0.05)
        except BaseException as exc:  # what the CLI's `except KeyboardInterrupt` would see
            runner_error.append(exc)

    runner = threading.Thread(target=run)
    runner.start()
    try:
        with urllib.request.urlopen(f"{server.url}f.xml", timeout=10) as response:
            assert response.read() == b"<rss/>"
        runner.join(timeout=10)
        assert not runner.is_alive(), "the interrupt was swallowed; the server kept serving"
        assert [type(e) for e in runner_error] == [KeyboardInterrupt]
        for _ in range(2):  # both slots are free again, none was given back twice
            assert server._slots.acquire(timeout=5)
    finally:
        if runner.is_alive():
            server.shutdown()
        server.server_close()


def test_serve_command_stops_cleanly_on_ctrl_c(tmp_path, engine):
    """`warta serve` in a real process: answers, then SIGINT stops it with status 0."""
    import signal
    import subprocess

    (tmp_path / "feeds").mkdir()
    proc = subprocess.Popen([sys.executable, "-c", "from warta.cli import main; main()", "serve",
                             "--port", "0", "--quiet"], cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        assert "serving" in line and "http://127.0.0.1:" in line
        url = line.split(" at ")[1].split()[0]
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
        assert "stopped" in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_json_feed_served_is_the_file(site):
    site.add(2)
    site.build()
    with urllib.request.urlopen(site.url("kompas/feed.json"), timeout=10) as response:
        data = json.loads(response.read())
    assert data["feed_url"] == site.url("kompas/feed.json")
