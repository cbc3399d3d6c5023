"""``warta serve`` under load, on loopback only: requests per second beside Python's
http.server, slow clients, memory.

    python benchmarks/serve_load.py [--runs 5] [--seconds 1] [--items 50] [--compare PATH]
                                    [--rates-only] [--tricklers N] [--big-mb N]

Rates: ``warta serve --quiet`` (its default limits) and ``python -m http.server`` (its
ThreadingHTTPServer + SimpleHTTPRequestHandler, log lines sent to /dev/null) serve the same
temporary folder; a kompas/feed.xml of ``--items`` items is asked for (http.server has no
gzip: its "gzip" figure is its plain answer to the same request) in every mode:

- plain / gzip (``Accept-Encoding: gzip``),
- a new connection per request (``Connection: close``, read to the server's close) /
  kept-alive connections (HTTP/1.1),
- 1 client / 50 clients at once (from 127.0.0.2-127.0.0.5, at most 16 per address:
  warta's per-address limit, so none is refused).

The load generator is one Python process, an epoll loop over raw sockets (no threads, no
http.client: it costs the client as little as Python allows), the same for every server.
When ApacheBench (``ab``, Debian's apache2-utils) is installed, 1-client figures from it
follow: a C client, and HTTP/1.0 keep-alive (``ab -k``).
Each figure is the median of ``--runs`` runs of ``--seconds`` seconds; runs are interleaved
(server A, B, then B, A ...) so whatever else loads the machine loads every server alike.
http.server answers HTTP/1.0 and closes every connection: its keep-alive figures are new
connections too (the client reconnects). It listens with a backlog of 5, so 50 clients
connecting at once may see a connection attempt dropped and retried a second later.
``--compare PATH`` adds a third server: ``warta serve`` from another copy of warta (PATH on
PYTHONPATH holds its ``warta`` package), e.g. the previous commit, for before/after figures.

Then (unless ``--rates-only``), each bounded by a time cap (TIME_CAP seconds):

- slowloris: N clients (from 127.0.0.2, 127.0.0.3 ... at most 16 per address, the
  per-address limit) each sending its request head one byte every 2 s, while a normal
  client from 127.0.0.1 asks for the feed every 0.5 s: how many of its requests were
  answered, how fast, and when the trickling clients were cut off;
- memory: a new server, then 100 clients asking at once for one big feed.json (plain and
  gzip) it has never read: the server's peak RSS (VmHWM) before and after.

Servers are stopped (SIGINT) at the end. Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import errno
import http.client
import os
import select
import selectors
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

TIME_CAP = 30.0   # seconds, per hardening scenario
PER_ADDRESS = 16  # the server's MAX_PER_CLIENT
TARGET = "/kompas/feed.xml"
_BIND_NO_PORT = getattr(socket, "IP_BIND_ADDRESS_NO_PORT", 24)  # pick the port at connect()


def start_server(folder: Path, pythonpath: str | None = None
                 ) -> tuple[subprocess.Popen, tuple[str, int]]:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.Popen([sys.executable, "-c", "from warta.cli import main; main()", "serve",
                             str(folder), "--port", "0", "--quiet"],
                            stderr=subprocess.PIPE, text=True, env=env)
    line = proc.stderr.readline()
    if " at " not in line:
        proc.wait(timeout=15)
        raise SystemExit(f"warta serve did not start: {line}{proc.stderr.read()}")
    url = line.split(" at ")[1].split()[0]
    host, port = url.removeprefix("http://").rstrip("/").rsplit(":", 1)
    assert host.startswith("127."), host
    return proc, (host, int(port))


def start_http_server(folder: Path) -> tuple[subprocess.Popen, tuple[str, int]]:
    """``python -m http.server`` on a free loopback port (its per-request log to /dev/null)."""
    proc = subprocess.Popen([sys.executable, "-u", "-m", "http.server", "0", "--bind",
                             "127.0.0.1", "--directory", str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()  # Serving HTTP on 127.0.0.1 port 12345 (http://...) ...
    port = int(line.split(" port ")[1].split()[0])
    return proc, ("127.0.0.1", port)


def stop_server(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def peak_rss_mb(proc: subprocess.Popen) -> float:
    for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def make_feeds(folder: Path, big_mb: int, items: int = 50) -> None:
    kompas = folder / "kompas"
    kompas.mkdir()
    entries = "".join(
        f"<item><title>Berita nomor {n}</title><link>https://www.kompas.com/read/2024/03/30/{n}</link>"
        f"<description>Warga Kampung {n} menanam bibit pohon di tepi sungai bersama relawan "
        f"dan pemerintah desa setempat pada Sabtu pagi.</description></item>\n"
        for n in range(items))
    (kompas / "feed.xml").write_text(f"<rss version=\"2.0\"><channel><title>Kompas</title>{entries}"
                                     "</channel></rss>\n", encoding="utf-8")
    big = folder / "big"
    big.mkdir()
    entry = '{"id": "https://example.com/%d", "content_text": "Warga menanam bibit %d pohon."},\n'
    with open(big / "feed.json", "w", encoding="utf-8") as out:
        out.write('{"version": "https://jsonfeed.org/version/1.1", "title": "Besar", "items": [\n')
        written, n = 0, 0
        while written < big_mb * 1024 * 1024:
            written += out.write(entry % (n, n))
            n += 1
        out.write('{"id": "end"}]}\n')


def one_request(conn: http.client.HTTPConnection, target: str, gzip: bool) -> int:
    conn.request("GET", target, headers={"Accept-Encoding": "gzip"} if gzip else {})
    response = conn.getresponse()
    response.read()
    return response.status


class _Client:
    """One client connection of the load generator: a request out, its response in."""

    __slots__ = ("sock", "source", "buffer", "in_body", "need", "answered")

    def __init__(self, source: str) -> None:
        self.source = source
        self.sock: socket.socket | None = None
        self.buffer = bytearray()
        self.in_body = False    # the response's head is in
        self.need = 0           # bytes of its body still to come
        self.answered = 0       # responses complete on this connection


def load(address: tuple[str, int], *, clients: int, gzip: bool, keep_alive: bool,
         seconds: float, warmup: float = 0.2) -> tuple[float, int]:
    """Requests per second answered 200 (and the count of failures) over ``seconds``."""
    request = (f"GET {TARGET} HTTP/1.1\r\nHost: {address[0]}:{address[1]}\r\n"
               + ("Accept-Encoding: gzip\r\n" if gzip else "")
               + ("" if keep_alive else "Connection: close\r\n") + "\r\n").encode("ascii")
    if clients == 1:
        sources = ["127.0.0.1"]
    else:  # spread over addresses so no server refuses any: PER_ADDRESS each at most
        addresses = -(-clients // PER_ADDRESS)
        sources = [f"127.0.0.{2 + n % addresses}" for n in range(clients)]
    selector = selectors.DefaultSelector()
    counted = failed = 0
    counting = False

    def connect(client: _Client) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            sock.setsockopt(socket.IPPROTO_IP, _BIND_NO_PORT, 1)
        except OSError:
            pass
        sock.bind((client.source, 0))
        sock.setblocking(False)
        err = sock.connect_ex(address)
        if err not in (0, errno.EINPROGRESS):
            sock.close()
            raise OSError(err, os.strerror(err))
        client.sock = sock
        client.answered = 0
        selector.register(sock, selectors.EVENT_WRITE, client)

    def send(client: _Client) -> None:
        client.buffer.clear()
        client.in_body = False
        client.sock.send(request)  # a few dozen bytes: the socket buffer takes them whole

    def finish(client: _Client, ok: bool) -> None:
        nonlocal counted, failed
        if counting:
            if ok:
                counted += 1
            else:
                failed += 1

    def renew(client: _Client) -> None:
        selector.unregister(client.sock)
        client.sock.close()
        connect(client)

    everyone = [_Client(source) for source in sources]
    for client in everyone:
        connect(client)
    started = time.perf_counter()
    begin = started + warmup
    end = begin + seconds
    while True:
        now = time.perf_counter()
        if not counting and now >= begin:
            counting = True
        if now >= end:
            break
        for key, events in selector.select(timeout=0.05):
            client = key.data
            sock = client.sock
            if events & selectors.EVENT_WRITE:
                if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
                    finish(client, False)
                    renew(client)
                    continue
                selector.modify(sock, selectors.EVENT_READ, client)
                send(client)
                continue
            try:
                data = sock.recv(262144)
            except (ConnectionError, OSError):
                data = None
            if not data:  # closed by the server: the end of a close-mode answer, or an error
                if keep_alive and client.answered and not client.in_body and not client.buffer:
                    renew(client)  # it does not keep connections alive: a client reconnects
                else:
                    finish(client, client.in_body and client.need == 0)
                    renew(client)
                continue
            buffer = client.buffer
            if not client.in_body:
                buffer += data
                end_of_head = buffer.find(b"\r\n\r\n")
                if end_of_head < 0:
                    continue
                head = bytes(buffer[:end_of_head]).lower()
                if not head.startswith((b"http/1.1 200", b"http/1.0 200")):
                    finish(client, False)
                    renew(client)
                    continue
                at = head.find(b"\r\ncontent-length:")
                length = int(head[at + 17:].split(b"\r\n", 1)[0]) if at >= 0 else 0
                client.in_body = True
                client.need = length - (len(buffer) - end_of_head - 4)
            else:
                client.need -= len(data)
            if client.need < 0:  # more than Content-Length said
                finish(client, False)
                renew(client)
            elif client.need == 0 and keep_alive:
                finish(client, True)
                client.answered += 1
                send(client)
    took = time.perf_counter() - begin
    for client in everyone:
        if client.sock is not None:
            selector.unregister(client.sock)
            client.sock.close()
    selector.close()
    return counted / took, failed


MODES = [(clients, keep_alive, gzip) for clients in (1, 50) for keep_alive in (False, True)
         for gzip in (False, True)]


def mode_label(clients: int, keep_alive: bool, gzip: bool) -> str:
    return (f"{'gzip' if gzip else 'plain'}, {'keep-alive' if keep_alive else 'new connection'}, "
            f"{clients} client{'s' if clients > 1 else ''}")


def rates(servers: list[tuple[str, tuple[str, int]]], runs: int, seconds: float) -> None:
    """Every mode, every server, ``runs`` times, interleaved; a table of medians."""
    figures: dict[tuple, dict[str, list[float]]] = {
        mode: {name: [] for name, _address in servers} for mode in MODES}
    failures: dict[str, int] = {name: 0 for name, _address in servers}
    for run in range(runs):
        for number, mode in enumerate(MODES):
            order = servers if (run + number) % 2 == 0 else servers[::-1]
            for name, address in order:
                clients, keep_alive, gzip = mode
                rate, failed = load(address, clients=clients, gzip=gzip, keep_alive=keep_alive,
                                    seconds=seconds)
                figures[mode][name].append(rate)
                failures[name] += failed
        print(f"  run {run + 1} of {runs} done", file=sys.stderr)
    names = [name for name, _address in servers]
    width = max(len(mode_label(*mode)) for mode in MODES)
    header = f"| {'mode':{width}} | " + " | ".join(f"{name:>13}" for name in names)
    header += " | warta / http.server |"
    print(header)
    print("|" + "-" * (width + 2) + "|" + "|".join("-" * 15 for _ in names) + "|" + "-" * 21 + "|")
    for mode in MODES:
        medians = {name: statistics.median(values) for name, values in figures[mode].items()}
        ratio = medians["warta"] / medians["http.server"] if medians["http.server"] else 0.0
        cells = " | ".join(f"{medians[name]:>13,.0f}" for name in names)
        print(f"| {mode_label(*mode):{width}} | {cells} | {ratio:>18.2f}x |")
    print(f"(req/s, median of {runs} runs of {seconds:g} s; failed requests: "
          + ", ".join(f"{name} {count}" for name, count in failures.items()) + ")")


def slowloris(address: tuple[str, int], count: int) -> None:
    head = b"GET /kompas/feed.xml HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100_000
    sockets: list[socket.socket] = []
    refused = 0
    for number in range(count):
        source = f"127.0.0.{2 + number // PER_ADDRESS}"
        try:
            sock = socket.create_connection(address, timeout=5, source_address=(source, 0))
            sock.setblocking(False)
            sockets.append(sock)
        except OSError:
            refused += 1
    opened_at = time.monotonic()
    closed_after: list[float] = []
    sent = dict.fromkeys(sockets, 0)
    latencies: list[float] = []
    failures = 0
    stop = threading.Event()

    def normal_client() -> None:
        nonlocal failures
        while not stop.is_set():
            started = time.monotonic()
            try:
                conn = http.client.HTTPConnection(*address, timeout=TIME_CAP)
                status = one_request(conn, "/kompas/feed.xml", False)
                conn.close()
                if status == 200:
                    latencies.append(time.monotonic() - started)
                else:
                    failures += 1
            except OSError:
                failures += 1
            stop.wait(0.5)

    normal = threading.Thread(target=normal_client)
    normal.start()
    live = list(sockets)
    next_byte = time.monotonic()
    while live and time.monotonic() - opened_at < TIME_CAP:
        readable, _, _ = select.select(live, [], [], 0.1)
        for sock in readable:
            try:
                while sock.recv(65536):
                    pass
            except BlockingIOError:
                continue
            except OSError:
                pass
            closed_after.append(time.monotonic() - opened_at)
            live.remove(sock)
        if time.monotonic() >= next_byte:
            next_byte += 2.0
            for sock in live:
                try:
                    sock.send(head[sent[sock]:sent[sock] + 1])
                    sent[sock] += 1
                except OSError:
                    pass
    stop.set()
    normal.join(timeout=TIME_CAP + 5)
    for sock in sockets:
        sock.close()
    print(f"  {len(sockets)} trickling clients ({refused} refused at connect), "
          f"one byte each every 2 s")
    if closed_after:
        print(f"  cut off: {len(closed_after)} of {len(sockets)}, after "
              f"{min(closed_after):.1f}-{max(closed_after):.1f} s")
    print(f"  still open after {TIME_CAP:g} s: {len(live)}")
    if latencies:
        print(f"  normal client: {len(latencies)} answered, {failures} failed; latency median "
              f"{statistics.median(latencies) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms")
    else:
        print(f"  normal client: nothing answered in {TIME_CAP:g} s ({failures} failed)")


def memory(folder: Path, clients: int = 100) -> None:
    proc, address = start_server(folder)
    try:
        before = peak_rss_mb(proc)
        deadline = time.monotonic() + TIME_CAP

        def fetch(number: int) -> int:
            if time.monotonic() > deadline:
                return 0
            conn = http.client.HTTPConnection(*address, timeout=TIME_CAP * 2, source_address=(
                f"127.0.0.{2 + number // PER_ADDRESS}", 0))
            try:
                return one_request(conn, "/big/feed.json", bool(number % 2))
            finally:
                conn.close()

        started = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            statuses = list(pool.map(fetch, range(clients)))
        took = time.perf_counter() - started
        size = (folder / "big" / "feed.json").stat().st_size / 1024 / 1024
        print(f"  {clients} first requests of a {size:.0f} MB feed.json (half gzip): "
              f"{statuses.count(200)} answered 200 in {took:.1f} s; server peak RSS "
              f"{before:.0f} MB -> {peak_rss_mb(proc):.0f} MB")
    finally:
        stop_server(proc)


def ab_rates(servers: list[tuple[str, tuple[str, int]]], runs: int, seconds: float) -> None:
    """The same with ApacheBench (``ab``, C, HTTP/1.0) when installed: 1 client, since ab
    connects from one address. ``ab -k`` asks HTTP/1.0 keep-alive; a server that keeps the
    connection without saying so makes ab wait for the close: 'stalled' (no answer in 5 s)."""
    if shutil.which("ab") is None:
        print("ab (apache2-utils) not installed: its figures are skipped")
        return
    names = [name for name, _address in servers]
    print(f"ab, 1 client, median of {runs} runs of {seconds:g} s (req/s):")
    print("| mode | " + " | ".join(names) + " |")
    print("|---" * (len(names) + 1) + "|")
    for keep_alive in (False, True):
        for gzip in (False, True):
            figures: dict[str, list[float]] = {name: [] for name in names}
            for run in range(runs):
                for name, address in (servers if run % 2 == 0 else servers[::-1]):
                    command = ["ab", "-q", "-t", f"{seconds:g}", "-n", "10000000", "-c", "1",
                               "-s", "5"] + (["-k"] if keep_alive else []) + (
                        ["-H", "Accept-Encoding: gzip"] if gzip else []) + [
                        f"http://{address[0]}:{address[1]}{TARGET}"]
                    done = subprocess.run(command, capture_output=True, text=True,
                                          timeout=seconds + 60)
                    found = [line for line in done.stdout.splitlines()
                             if line.startswith("Requests per second:")]
                    figures[name].append(float(found[0].split()[3]) if found else 0.0)
            cells = []
            for name in names:
                median = statistics.median(figures[name])
                cells.append(f"{median:,.0f}" if median else "stalled")
            label = (f"{'gzip' if gzip else 'plain'}, "
                     f"{'ab -k (HTTP/1.0 keep-alive)' if keep_alive else 'new connection'}")
            print(f"| {label} | " + " | ".join(cells) + " |")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--runs", type=int, default=5)
    options.add_argument("--seconds", type=float, default=2.0)
    options.add_argument("--items", type=int, default=50, help="items in the kompas feed.xml")
    options.add_argument("--compare", metavar="PATH",
                         help="also serve with the warta package found in PATH (before/after)")
    options.add_argument("--rates-only", action="store_true")
    options.add_argument("--tricklers", type=int, default=300)
    options.add_argument("--big-mb", type=int, default=40)
    args = options.parse_args()
    with tempfile.TemporaryDirectory(prefix="warta-serve-load-") as tmp:
        folder = Path(tmp)
        make_feeds(folder, 1 if args.rates_only else args.big_mb, args.items)
        started: list[tuple[subprocess.Popen, tuple[str, int]]] = []
        try:
            started.append(start_server(folder))
            started.append(start_http_server(folder))
            servers = [("warta", started[0][1]), ("http.server", started[1][1])]
            if args.compare:
                started.append(start_server(folder, args.compare))
                servers.insert(1, ("warta before", started[-1][1]))
            size = (folder / "kompas" / "feed.xml").stat().st_size
            print(f"{os.cpu_count()} cores; kompas/feed.xml {args.items} items, {size:,} bytes; "
                  f"servers: " + ", ".join(f"{name} at {a[0]}:{a[1]}" for name, a in servers))
            rates(servers, args.runs, args.seconds)
            ab_rates(servers, args.runs, args.seconds)
            if not args.rates_only:
                print("slowloris (warta):")
                slowloris(started[0][1], args.tricklers)
        finally:
            for proc, _address in started:
                stop_server(proc)
        if not args.rates_only:
            print("memory (warta):")
            memory(folder)


if __name__ == "__main__":
    main()
