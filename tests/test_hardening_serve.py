"""`warta serve` under hostile or careless clients (issue 9): slow and greedy clients, many
first requests of a big file, the index page, clients that hang up. Loopback only."""

from __future__ import annotations

import gzip
import http.client
import select
import socket
import struct
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import warta.server as server_module
import warta.serveindex as index_module  # where the index page reads feed titles
from warta.server import STREAM_ABOVE, FeedServer

pytestmark = pytest.mark.usefixtures("no_proxy")


class Running:
    """A FeedServer on an ephemeral loopback port, in a thread."""

    def __init__(self, root, **options) -> None:
        self.server = FeedServer(root, ("127.0.0.1", 0), quiet=True, **options)
        self.address = self.server.server_address[:2]
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def get(self, target: str, headers: dict[str, str] | None = None, *,
            source: str | None = None) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection(*self.address, timeout=30,
                                          source_address=(source, 0) if source else None)
        try:
            conn.request("GET", target, headers=headers or {})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()

    def idle(self, timeout: float = 20) -> None:
        """Wait until every handler thread has finished (all slots are free again)."""
        slots = self.server._slots
        taken = 0
        try:
            while slots.acquire(timeout=timeout):
                taken += 1
                if taken == self.max_threads:
                    break
            assert taken == self.max_threads, "a connection is still being handled"
        finally:
            for _ in range(taken):
                slots.release()

    max_threads = server_module.MAX_THREADS

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


@pytest.fixture
def running(tmp_path):
    started: list[Running] = []

    def start(**options) -> Running:
        one = Running(tmp_path, **options)
        one.max_threads = options.get("max_threads", server_module.MAX_THREADS)
        started.append(one)
        return one

    yield start
    for one in started:
        one.close()


def read_all(sock: socket.socket) -> bytes:
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


# -- 1. slow clients -----------------------------------------------------------------------


def trickle(sockets: list[socket.socket], until: float) -> dict[socket.socket, bytes]:
    """Send each socket one byte of a never-ending request head every 0.2 s, until the server
    closes it or ``until``; what each received before being closed (absent: still open)."""
    line = b"GET /feed.xml HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 10_000
    sent = dict.fromkeys(sockets, 0)
    closed: dict[socket.socket, bytes] = {}
    while len(closed) < len(sockets) and time.monotonic() < until:
        for sock in sockets:
            if sock in closed:
                continue
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                try:
                    closed[sock] = read_all(sock)
                except ConnectionResetError:
                    closed[sock] = b""
                continue
            try:
                sock.send(line[sent[sock]:sent[sock] + 1])
                sent[sock] += 1
            except OSError:
                closed[sock] = b""
        time.sleep(0.2)
    return closed


def test_trickling_clients_are_cut_off_at_the_request_deadline_and_others_are_served(
        tmp_path, running):
    (tmp_path / "feed.xml").write_text("<rss/>", encoding="utf-8")
    # Every slot held by a trickler; a per-read timeout (5 s) that each byte would reset.
    site = running(max_threads=4, request_deadline=1.0, idle_timeout=5.0, max_per_client=100)
    tricklers = [socket.create_connection(site.address, timeout=10) for _ in range(4)]
    try:
        outcome: dict[socket.socket, bytes] = {}
        driver = threading.Thread(
            target=lambda: outcome.update(trickle(tricklers, time.monotonic() + 15)))
        driver.start()
        # A normal client waits behind them only until the deadline frees a slot.
        status, _headers, body = site.get("/feed.xml")
        driver.join(timeout=30)
        assert (status, body) == (200, b"<rss/>")
        assert len(outcome) == len(tricklers), "a trickling client was never cut off"
        assert all(answer.startswith(b"HTTP/1.1 408 ") for answer in outcome.values()), outcome
    finally:
        for sock in tricklers:
            sock.close()


def test_an_idle_keep_alive_connection_is_closed(tmp_path, running):
    (tmp_path / "feed.xml").write_text("<rss/>", encoding="utf-8")
    site = running(request_deadline=0.5, idle_timeout=30.0)
    with socket.create_connection(site.address, timeout=20) as sock:
        sock.sendall(b"GET /feed.xml HTTP/1.1\r\nHost: x\r\n\r\n")
        started = time.monotonic()
        answer = read_all(sock)  # the response, then the close (no 408: nothing was asked)
        assert answer.startswith(b"HTTP/1.1 200 ") and answer.endswith(b"<rss/>")
        assert time.monotonic() - started < 15


def test_one_address_holding_its_share_of_connections_is_refused_more_others_are_not(
        tmp_path, running):
    (tmp_path / "feed.xml").write_text("<rss/>", encoding="utf-8")
    site = running(max_per_client=2, request_deadline=60.0, idle_timeout=60.0)
    held = []
    for _ in range(2):  # two kept-alive connections from 127.0.0.1, surely accepted
        conn = http.client.HTTPConnection(*site.address, timeout=20)
        conn.request("GET", "/feed.xml")
        assert conn.getresponse().read() == b"<rss/>"
        held.append(conn)
    try:
        with socket.create_connection(site.address, timeout=20) as extra:
            answer = read_all(extra)
        assert answer.startswith(b"HTTP/1.1 503 ") and b"(2, the limit)" in answer
        assert site.get("/feed.xml", source="127.0.0.2")[2] == b"<rss/>"  # another address
        held.pop().close()
        deadline = time.monotonic() + 20
        while True:  # the server notices the close, and 127.0.0.1 is served again
            try:
                status = site.get("/feed.xml")[0]
            except (ConnectionError, http.client.HTTPException):
                status = 503
            if status == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert status == 200
    finally:
        for conn in held:
            conn.close()


# -- 2. memory -----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [200_000, STREAM_ABOVE + 2_000_000])
def test_many_first_requests_of_one_file_load_it_once(tmp_path, running, size):
    body = (b'{"title": "uji", "items": [' + b'{"id": "x"}, ' * (size // 13))[:size]
    (tmp_path / "feed.json").write_bytes(body)
    site = running(max_per_client=100)  # every test client is 127.0.0.1
    loads = []
    load = site.server.load

    def slow_counted_load(*args, **kwargs):
        loads.append(1)
        time.sleep(0.3)  # every other first request arrives while this one is loading
        return load(*args, **kwargs)

    site.server.load = slow_counted_load
    barrier = threading.Barrier(20, timeout=30)

    def fetch(number: int) -> bytes:
        headers = {"Accept-Encoding": "gzip"} if number % 2 else {}
        barrier.wait()
        status, got, data = site.get("/feed.json", headers)
        assert status == 200
        return gzip.decompress(data) if got.get("Content-Encoding") == "gzip" else data

    with ThreadPoolExecutor(max_workers=20) as pool:
        bodies = list(pool.map(fetch, range(20)))
    assert all(data == body for data in bodies)
    assert len(loads) == 1
    cached = site.server.resource(tmp_path / "feed.json")
    if size > STREAM_ABOVE:  # sent from disk, only the (much smaller) gzip copy in memory
        assert cached.plain.body is None and cached.weight < size // 4


def test_the_cache_is_bounded_by_bytes(tmp_path, running):
    for number in range(8):
        (tmp_path / f"{number}.json").write_bytes(bytes([65 + number]) * 100_000)
    site = running(cache_bytes=350_000)
    for number in list(range(8)) * 2:
        status, _headers, data = site.get(f"/{number}.json")
        assert status == 200 and data == bytes([65 + number]) * 100_000
    assert 0 < site.server._cached_bytes <= 350_000
    assert sum(entry.weight for entry in site.server._cache.values()) == site.server._cached_bytes


def test_a_file_replaced_while_streamed_keeps_its_etag_and_bytes(tmp_path, running):
    path = tmp_path / "feed.xml"
    path.write_bytes(b"<a>" + b"x" * (STREAM_ABOVE + 10) + b"</a>")
    site = running()
    status, headers, first = site.get("/feed.xml")
    replacement = tmp_path / "new.tmp"
    replacement.write_bytes(b"<b>" + b"y" * (STREAM_ABOVE + 500) + b"</b>")
    replacement.replace(path)  # how warta writes feeds
    status2, headers2, second = site.get("/feed.xml")
    assert (status, status2) == (200, 200)
    assert first.startswith(b"<a>") and second == path.read_bytes()
    assert headers["ETag"] != headers2["ETag"]
    assert site.get("/feed.xml", {"If-None-Match": headers2["ETag"]})[0] == 304


# -- 3. the index page ---------------------------------------------------------------------


def test_the_index_reads_each_feed_once_until_it_changes(tmp_path, running, monkeypatch):
    folder = tmp_path / "kompas"
    folder.mkdir()
    (folder / "feed.json").write_text('{"title": "Kompas satu"}', encoding="utf-8")
    read = []
    title_of = index_module._feed_title
    monkeypatch.setattr(index_module, "_feed_title", lambda *a: read.append(a) or title_of(*a))
    site = running()
    pages = [site.get("/")[2] for _ in range(3)]
    assert all(b"Kompas satu" in page for page in pages) and len(read) == 1
    replacement = folder / "feed.json.tmp"
    replacement.write_text('{"title": "Kompas dua"}', encoding="utf-8")
    replacement.replace(folder / "feed.json")
    assert b"Kompas dua" in site.get("/")[2] and len(read) == 2


def test_the_index_neither_lists_nor_reads_feeds_outside_the_folder(tmp_path, running,
                                                                    monkeypatch):
    served = tmp_path / "feeds"
    (served / "kompas").mkdir(parents=True)
    (served / "kompas" / "feed.json").write_text('{"title": "Kompas"}', encoding="utf-8")
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "feed.json").write_text('{"title": "RAHASIA"}', encoding="utf-8")
    (outside / "feed.xml").write_text("<rss><title>RAHASIA</title></rss>", encoding="utf-8")
    (served / "linked").symlink_to(outside, target_is_directory=True)  # a folder leading out
    (served / "files").mkdir()
    (served / "files" / "feed.json").symlink_to(outside / "feed.json")  # a file leading out
    (served / "files" / "feed.xml").symlink_to(outside / "feed.xml")
    (served / "inside").mkdir()
    (served / "inside" / "feed.atom").symlink_to(served / "kompas" / "feed.json")  # stays in
    read = []
    title_of = index_module._feed_title
    monkeypatch.setattr(index_module, "_feed_title", lambda *a: read.append(a) or title_of(*a))
    site = FeedServer(served, ("127.0.0.1", 0), quiet=True)
    try:
        page = site.index().plain.body.decode("utf-8")
    finally:
        site.server_close()
    assert "RAHASIA" not in page and "linked/" not in page and "files/" not in page
    assert 'href="kompas/feed.json"' in page and 'href="inside/feed.atom"' in page
    opened = [path for args in read for path in args if path is not None]
    assert opened and all(path.resolve().is_relative_to(served.resolve()) for path in opened)
    for target in ("/linked/feed.json", "/files/feed.json", "/files/feed.xml"):  # same rule
        assert site.locate(target) is None


# -- 4. clients that hang up ---------------------------------------------------------------


def reset_on_close(sock: socket.socket) -> None:
    """Make close() send a TCP RST (SO_LINGER with a zero timeout)."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def test_clients_hanging_up_leave_no_traceback(tmp_path, running, capsys):
    (tmp_path / "big.json").write_bytes(b"[" + b"1," * 4_000_000 + b"1]")  # 8 MB: sent from disk
    (tmp_path / "mid.xml").write_bytes(b"<a>" + b"z" * 900_000 + b"</a>")  # sent from memory
    site = running(max_threads=8)
    site.get("/mid.xml")  # cached: its response is written from memory
    for target in ("/big.json", "/mid.xml"):
        for _ in range(3):  # reset mid-response
            sock = socket.socket()
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.settimeout(20)
            sock.connect(site.address)
            sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            assert sock.recv(1024).startswith(b"HTTP/1.1 200 ")
            reset_on_close(sock)
            sock.close()
    for reset in (True, False):  # hang up right after asking, with a RST or a FIN
        for _ in range(3):
            sock = socket.create_connection(site.address, timeout=20)
            sock.sendall(b"GET /big.json HTTP/1.1\r\nHost: x\r\n\r\n")
            if reset:
                reset_on_close(sock)
            sock.close()
    for _ in range(3):  # reset while the connection idles between requests, or mid-head
        sock = socket.create_connection(site.address, timeout=20)
        sock.sendall(b"GET /mid.xml HTTP/1.1\r\nHo")
        reset_on_close(sock)
        sock.close()
    site.idle()
    assert site.get("/mid.xml")[0] == 200
    site.idle()
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "Error" not in captured.err, captured.err
