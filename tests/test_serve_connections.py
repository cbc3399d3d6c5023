"""`warta serve` connections and request heads (issue 13): HTTP/1.0 keep-alive is answered as
HTTP/1.0 clients (ab -k) expect, HTTP/1.1 as before, every closing answer says so; the
request head is read with the standard library's limits; the quick way to a file keeps the
folder's containment. Loopback only."""

from __future__ import annotations

import gzip
import os
import socket
import threading

import pytest
from warta.server import FeedServer, request_parts

pytestmark = pytest.mark.usefixtures("no_proxy")

FEED = b"<rss version=\"2.0\"><channel><title>t</title>" + b"<item/>" * 100 + b"</channel></rss>\n"


@pytest.fixture
def serving(tmp_path):
    """A FeedServer on tmp_path/site (feed.xml, kompas/feed.xml) with a long idle timeout:
    a connection the server should close but keeps open shows as a read that times out."""
    site = tmp_path / "site"
    (site / "kompas").mkdir(parents=True)
    (site / "feed.xml").write_bytes(FEED)
    (site / "kompas" / "feed.xml").write_bytes(FEED.replace(b"<title>t", b"<title>k"))
    server = FeedServer(site, ("127.0.0.1", 0), quiet=True, idle_timeout=60.0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


class Connection:
    """One raw client connection: send request heads, read whole responses."""

    def __init__(self, server: FeedServer) -> None:
        self.sock = socket.create_connection(server.server_address[:2], timeout=10)
        self.stream = self.sock.makefile("rb")

    def ask(self, head: str) -> None:
        self.sock.sendall(head.encode("latin-1"))

    def response(self, *, body: bool = True) -> tuple[str, dict[str, str], bytes]:
        status = self.stream.readline().decode("latin-1").rstrip("\r\n")
        headers: dict[str, str] = {}
        while (line := self.stream.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0")) if body else 0
        return status, headers, self.stream.read(length)

    def closed_by_server(self) -> bool:
        """True when the server closes the connection (nothing more comes); a server that
        keeps it open lets the read time out instead (False)."""
        try:
            return self.stream.read(1) == b""
        except TimeoutError:
            return False

    def close(self) -> None:
        self.stream.close()
        self.sock.close()


@pytest.fixture
def connect(serving):
    made: list[Connection] = []

    def open_one() -> Connection:
        made.append(Connection(serving))
        return made[-1]

    yield open_one
    for one in made:
        one.close()


def test_http_1_0_keep_alive_is_kept_and_said_so(connect):
    """ab -k: an HTTP/1.0 'Connection: Keep-Alive' request gets 'Connection: keep-alive' in
    the answer and the connection stays open for the next request (without the header an
    HTTP/1.0 client waits for the close, which came only at the idle timeout)."""
    conn = connect()
    for target in ("/feed.xml", "/kompas/feed.xml", "/missing.xml"):
        conn.ask(f"GET {target} HTTP/1.0\r\nHost: x\r\nConnection: Keep-Alive\r\n\r\n")
        status, headers, body = conn.response()
        assert headers["connection"].lower() == "keep-alive", (target, headers)
        assert status.split()[1] == ("404" if target == "/missing.xml" else "200")
    assert body == b"not found\n"
    conn.ask("HEAD /feed.xml HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
    status, headers, body = conn.response(body=False)
    assert status.endswith("200 OK") and headers["connection"] == "keep-alive" and body == b""
    assert int(headers["content-length"]) == len(FEED)
    conn.ask("GET /feed.xml HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
    assert conn.response()[2] == FEED  # the HEAD left nothing behind on the connection


def test_http_1_0_without_keep_alive_is_closed_after_one_answer(connect):
    conn = connect()
    conn.ask("GET /feed.xml HTTP/1.0\r\nHost: x\r\n\r\n")
    status, headers, body = conn.response()
    assert status.split()[1] == "200" and body == FEED
    assert headers["connection"] == "close"
    assert conn.closed_by_server()


def test_http_1_1_persists_unless_closed_and_a_closing_answer_says_so(connect):
    conn = connect()
    for _ in range(3):
        conn.ask("GET /feed.xml HTTP/1.1\r\nHost: x\r\n\r\n")
        status, headers, body = conn.response()
        assert status == "HTTP/1.1 200 OK" and body == FEED and "connection" not in headers
    conn.ask("GET /feed.xml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    status, headers, body = conn.response()
    assert body == FEED and headers["connection"] == "close"  # wrk and others need it said
    assert conn.closed_by_server()


def test_answers_in_one_piece_with_the_same_headers_as_before(connect, serving):
    """Headers made once per representation: the fields a response carries, gzip included,
    and a 304 that carries the validators but no body and no Content-Type."""
    conn = connect()
    conn.ask("GET /feed.xml HTTP/1.1\r\nHost: x\r\naccept-encoding: GZIP;q=0.5\r\n\r\n")
    status, headers, body = conn.response()
    assert gzip.decompress(body) == FEED
    assert headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert headers["content-type"] == "application/rss+xml; charset=utf-8"
    assert headers["etag"].endswith('-gzip"') and headers["last-modified"].endswith(" GMT")
    assert headers["cache-control"] == "public, max-age=300" and headers["date"].endswith(" GMT")
    assert headers["server"] == serving.RequestHandlerClass.server_version  # no trailing space
    conn.ask(f"GET /feed.xml HTTP/1.1\r\nAccept-Encoding: gzip\r\n"
             f"If-None-Match: {headers['etag']}\r\n\r\n")
    status, again, body = conn.response()
    assert status == "HTTP/1.1 304 Not Modified" and body == b""
    assert "content-type" not in again and "content-length" not in again
    assert again["etag"] == headers["etag"] and again["content-encoding"] == "gzip"
    conn.ask("GET /feed.xml HTTP/1.1\r\n\r\n")  # the 304 left nothing on the connection
    assert conn.response()[2] == FEED


def test_header_names_any_case_first_of_repeated_and_folded_lines(connect):
    conn = connect()
    conn.ask("GET /feed.xml HTTP/1.1\r\nACCEPT-ENCODING: identity\r\n"
             "Accept-Encoding: gzip\r\n\r\n")
    assert conn.response()[2] == FEED  # the first one counts, as with http.server
    conn.ask("GET /feed.xml HTTP/1.1\r\nAccept-Encoding: identity,\r\n gzip\r\n\r\n")
    assert gzip.decompress(conn.response()[2]) == FEED  # the folded line continues the field


@pytest.mark.parametrize("head, reason", [
    ("X-Many: 1\r\n" * 101, "Too many headers"),
    ("X-Long: " + "a" * 70_000 + "\r\n", "Line too long"),
])
def test_request_heads_keep_the_standard_librarys_limits(connect, head, reason):
    conn = connect()
    conn.ask(f"GET /feed.xml HTTP/1.1\r\n{head}\r\n")
    status, headers, body = conn.response()
    assert status.startswith("HTTP/1.1 431 ") and reason.encode() in body
    assert headers["connection"] == "close"


def test_a_hundred_header_lines_are_still_a_request(connect):
    conn = connect()
    conn.ask("GET /feed.xml HTTP/1.1\r\n" + "X-Many: 1\r\n" * 100 + "\r\n")
    assert conn.response()[2] == FEED


@pytest.mark.parametrize("line, reply", [
    ("GET /feed.xml HTTP/2.0", b"505 - Cannot fulfill request."),
    ("GET /feed.xml HTTP/x", b"Bad request version"),
    ("GET /feed.xml HTTP/1.1 x", b"Bad request version"),
    ("GET /feed.xml", FEED),  # HTTP/0.9: the body alone, no status line, no headers
])
def test_other_request_lines_get_the_standard_librarys_answers(connect, line, reply):
    conn = connect()
    conn.ask(f"{line}\r\n\r\n")
    got = conn.stream.read()
    assert (got == reply) if reply == FEED else (reply in got), got[:200]


def test_expect_100_continue_is_answered(connect):
    conn = connect()
    conn.ask("GET /feed.xml HTTP/1.1\r\nExpect: 100-continue\r\n\r\n")
    assert conn.response(body=False)[0] == "HTTP/1.1 100 Continue"
    assert conn.response()[2] == FEED


def test_request_parts_names_only_servable_files():
    assert request_parts("/kompas/feed.xml?x=1#y") == ["kompas", "feed.xml"]
    assert request_parts("http://host/kompas/feed.XML") == ["kompas", "feed.XML"]
    assert request_parts("/kompas/%66eed.atom") == ["kompas", "feed.atom"]
    for refused in ("/", "/kompas/", "/../feed.xml", "/%2e%2e/feed.xml", "/.hidden.xml",
                    "/feed.xml.", "/store.sqlite", "/a%00.xml", "/a%5c..%5cfeed.xml", "/feed"):
        assert request_parts(refused) is None, refused
    with pytest.raises(UnicodeDecodeError):
        request_parts("/%ff.xml")


def test_the_folder_replaced_is_served_from_its_new_contents(tmp_path, serving, connect):
    """The quick way to a file checks the folder is still the one it was: a folder made
    again (warta build into a new folder) is served, one replaced by a symlink out is not."""
    site = serving.root
    conn = connect()
    conn.ask("GET /kompas/feed.xml HTTP/1.1\r\n\r\n")
    assert b"<title>k" in conn.response()[2]
    os.rename(site, tmp_path / "old")
    (site / "kompas").mkdir(parents=True)
    (site / "kompas" / "feed.xml").write_bytes(b"<rss>new</rss>")
    conn.ask("GET /kompas/feed.xml HTTP/1.1\r\n\r\n")
    assert conn.response()[2] == b"<rss>new</rss>"
    outside = tmp_path / "outside"
    (outside / "kompas").mkdir(parents=True)
    (outside / "kompas" / "feed.xml").write_bytes(b"<rss>secret</rss>")
    os.rename(site, tmp_path / "new")
    os.symlink(outside, site)
    conn.ask("GET /kompas/feed.xml HTTP/1.1\r\n\r\n")
    status, _headers, body = conn.response()
    assert status.startswith("HTTP/1.1 404 ") and body == b"not found\n"


def test_symlinks_on_the_way_take_the_careful_road(tmp_path, serving, connect):
    """A symlinked folder or file inside the folder is served; one leading out is not, at
    any depth, also after it was served once from a cache."""
    site = serving.root
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "feed.xml").write_bytes(b"<rss>secret</rss>")
    os.symlink(site / "kompas", site / "inside")
    os.symlink(site / "kompas" / "feed.xml", site / "kompas" / "alias.xml")
    conn = connect()
    for target in ("/inside/feed.xml", "/kompas/alias.xml"):
        conn.ask(f"GET {target} HTTP/1.1\r\n\r\n")
        assert b"<title>k" in conn.response()[2], target
    os.symlink(outside, site / "kompas" / "out")
    os.symlink(outside / "feed.xml", site / "kompas" / "out.xml")
    os.remove(site / "kompas" / "alias.xml")
    os.symlink(outside / "feed.xml", site / "kompas" / "alias.xml")
    for target in ("/kompas/out/feed.xml", "/kompas/out.xml", "/kompas/alias.xml",
                   "/inside/out.xml"):
        conn.ask(f"GET {target} HTTP/1.1\r\n\r\n")
        assert conn.response()[0].startswith("HTTP/1.1 404 "), target


def _handler_threads(server: FeedServer) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if getattr(t, "_target", None) == server._work]


def test_connection_threads_are_reused_and_end_when_idle_or_closed(tmp_path, monkeypatch):
    """One connection after another is handled by the thread the previous one left waiting
    (starting a thread cost more than answering); idle threads end after WORKER_IDLE and
    when the server closes; every slot is given back."""
    import warta.server as server_module

    (tmp_path / "feed.xml").write_bytes(FEED)
    server = FeedServer(tmp_path, ("127.0.0.1", 0), quiet=True, max_threads=4)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    handled_by: list[int] = []
    handle = server.process_request_thread

    def record(request, client_address):
        handled_by.append(threading.get_ident())
        handle(request, client_address)

    server.process_request_thread = record
    monkeypatch.setattr(server_module, "WORKER_IDLE", 1.0)
    try:
        for _ in range(20):
            conn = Connection(server)
            conn.ask("GET /feed.xml HTTP/1.1\r\nConnection: close\r\n\r\n")
            assert conn.response()[2] == FEED and conn.closed_by_server()
            conn.close()
        assert len(handled_by) == 20 and len(set(handled_by)) < 20
        burst = [Connection(server) for _ in range(12)]  # more than the 4 slots at once
        for conn in burst:
            conn.ask("GET /feed.xml HTTP/1.1\r\nConnection: close\r\n\r\n")
        for conn in burst:
            assert conn.response()[2] == FEED
            conn.close()
        assert len(_handler_threads(server)) <= 4  # never more threads than slots
        for _ in range(4):  # every slot is free again: no connection is still held
            assert server._slots.acquire(timeout=5)
        for _ in range(4):
            server._slots.release()
        conns = [Connection(server) for _ in range(3)]  # three at once
        for conn in conns:
            conn.ask("GET /feed.xml HTTP/1.1\r\nConnection: close\r\n\r\n")
        for conn in conns:
            assert conn.response()[2] == FEED
            conn.close()
        assert len(_handler_threads(server)) <= 4  # never more threads than slots
        for waiting in _handler_threads(server):  # each ends after WORKER_IDLE
            waiting.join(timeout=10)
        assert _handler_threads(server) == []
        monkeypatch.setattr(server_module, "WORKER_IDLE", 60.0)
        conn = Connection(server)
        conn.ask("GET /feed.xml HTTP/1.1\r\nConnection: close\r\n\r\n")
        assert conn.response()[2] == FEED and conn.closed_by_server()
        conn.close()
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
    for waiting in _handler_threads(server):  # closing the server ends the waiting thread
        waiting.join(timeout=10)
    assert _handler_threads(server) == []


def test_bodies_past_one_write_arrive_whole(tmp_path, serving, connect):
    """A body held in memory but too large to join to its headers follows them."""
    big = b"<rss>" + os.urandom(300_000).hex().encode() + b"</rss>"
    (serving.root / "big.xml").write_bytes(big)
    conn = connect()
    for encoding in ("identity", "gzip"):
        conn.ask(f"GET /big.xml HTTP/1.1\r\nAccept-Encoding: {encoding}\r\n\r\n")
        status, headers, body = conn.response()
        assert status == "HTTP/1.1 200 OK"
        assert (gzip.decompress(body) if encoding == "gzip" else body) == big
    conn.ask("HEAD /big.xml HTTP/1.1\r\n\r\n")
    assert conn.response(body=False)[1]["content-length"] == str(len(big))
