"""``warta serve`` under load, on loopback only: requests per second, slow clients, memory.

    python benchmarks/serve_load.py [--requests N] [--tricklers N] [--big-mb N]

Starts ``warta serve`` on a temporary folder (port chosen by the system, 127.0.0.1), then,
each scenario bounded by a request count and a time cap (TIME_CAP seconds):

- plain / gzip, a new connection per request and on kept-alive connections
  (4 client threads; a ~200 KB feed.xml): requests per second;
- slowloris: N clients (from 127.0.0.2, 127.0.0.3 ... at most 16 per address, the
  per-address limit) each sending its request head one byte every 2 s, while a normal
  client from 127.0.0.1 asks for the feed every 0.5 s: how many of its requests were
  answered, how fast, and when the trickling clients were cut off;
- memory: a new server, then 100 clients asking at once for one big feed.json (plain and
  gzip) it has never read: the server's peak RSS (VmHWM) before and after.

The server is stopped (SIGINT) at the end. Only loopback addresses are used. Run it with
PYTHONPATH pointing at another copy of warta to compare two versions.
"""

from __future__ import annotations

import argparse
import http.client
import os
import select
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

TIME_CAP = 30.0   # seconds, per scenario
THREADS = 4
PER_ADDRESS = 16  # the server's MAX_PER_CLIENT


def start_server(folder: Path) -> tuple[subprocess.Popen, tuple[str, int]]:
    proc = subprocess.Popen([sys.executable, "-c", "from warta.cli import main; main()", "serve",
                             str(folder), "--port", "0", "--quiet"],
                            stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    url = line.split(" at ")[1].split()[0]
    host, port = url.removeprefix("http://").rstrip("/").rsplit(":", 1)
    assert host.startswith("127."), host
    return proc, (host, int(port))


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


def make_feeds(folder: Path, big_mb: int) -> None:
    kompas = folder / "kompas"
    kompas.mkdir()
    items = "".join(
        f"<item><title>Berita nomor {n}</title><link>https://www.kompas.com/read/2024/03/30/{n}</link>"
        f"<description>Warga Kampung {n} menanam bibit pohon di tepi sungai bersama relawan "
        f"dan pemerintah desa setempat pada Sabtu pagi.</description></item>\n"
        for n in range(1000))
    (kompas / "feed.xml").write_text(f"<rss version=\"2.0\"><channel><title>Kompas</title>{items}"
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


def rate(address: tuple[str, int], target: str, count: int, *, gzip: bool, keep_alive: bool) -> str:
    per_thread = count // THREADS
    deadline = time.monotonic() + TIME_CAP

    def client(_number: int) -> int:
        done = 0
        conn = http.client.HTTPConnection(*address, timeout=20)
        try:
            while done < per_thread and time.monotonic() < deadline:
                if not keep_alive:
                    conn.close()
                    conn = http.client.HTTPConnection(*address, timeout=20)
                assert one_request(conn, target, gzip) == 200
                done += 1
        finally:
            conn.close()
        return done

    started = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        done = sum(pool.map(client, range(THREADS)))
    took = time.perf_counter() - started
    return f"{done / took:8.0f} req/s  ({done} requests in {took:.2f} s)"


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


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--requests", type=int, default=2000)
    options.add_argument("--tricklers", type=int, default=300)
    options.add_argument("--big-mb", type=int, default=40)
    args = options.parse_args()
    with tempfile.TemporaryDirectory(prefix="warta-serve-load-") as tmp:
        folder = Path(tmp)
        make_feeds(folder, args.big_mb)
        proc, address = start_server(folder)
        try:
            print(f"warta serve at {address[0]}:{address[1]}, {os.cpu_count()} cores, "
                  f"{THREADS} client threads, kompas/feed.xml "
                  f"{(folder / 'kompas' / 'feed.xml').stat().st_size // 1024} KB")
            for keep_alive in (False, True):
                for gzip in (False, True):
                    label = (f"{'keep-alive' if keep_alive else 'new connection'}, "
                             f"{'gzip' if gzip else 'plain'}")
                    print(f"  {label:28} "
                          + rate(address, "/kompas/feed.xml", args.requests, gzip=gzip,
                                 keep_alive=keep_alive))
            print("slowloris:")
            slowloris(address, args.tricklers)
        finally:
            stop_server(proc)
        print("memory:")
        memory(folder)


if __name__ == "__main__":
    main()
