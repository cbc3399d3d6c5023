"""``warta serve``: a small HTTP server for the feed folder, made for feed readers.

* Content types: ``application/rss+xml`` (``.xml``), ``application/atom+xml`` (``.atom``),
  ``application/feed+json`` (``.json``), ``application/jsonl`` (``.jsonl``).
* Every response carries a strong ``ETag`` (a digest of the bytes sent) and
  ``Last-Modified`` (the file's modification time); ``If-None-Match`` and, without it,
  ``If-Modified-Since`` are answered with ``304 Not Modified``.
* gzip when the client accepts it (``Vary: Accept-Encoding``; the gzip bytes have their
  own ETag); ``HEAD``; ``405`` for other methods.
* Persistent connections: HTTP/1.1 unless the client says ``Connection: close``; HTTP/1.0
  when it asks (``Connection: keep-alive``), and the reply says so, else an HTTP/1.0 client
  waits for a close that comes only at the idle timeout. A reply after which the server
  closes the connection says ``Connection: close``.
* ``/`` is an index page listing the feeds, with autodiscovery ``<link rel="alternate">``
  tags and subscribe links.
* Nothing outside the folder is reachable: ``..`` (also encoded), hidden files, absolute
  paths and symlinks that lead out are answered 404, and only feed-like files are served
  (never the store). The index page lists only what the same rule would serve.

Clients cannot hold it up or run it out of memory:

* a request's line and headers must all have arrived within :data:`REQUEST_DEADLINE`
  seconds of the server starting to wait for them (a client trickling a byte at a time is
  answered ``408`` and cut off; an idle keep-alive connection is closed);
* one client address holds at most :data:`MAX_PER_CLIENT` connections at once (more are
  answered ``503``), and at most :data:`MAX_THREADS` connections are handled at once;
* the cache of file bodies holds at most :data:`CACHE_BYTES`; a file is read by one request
  at a time (the others wait for it, not read it again); files over :data:`STREAM_ABOVE`
  are sent from disk, not held in memory (only their gzip copy is, made once);
* a client hanging up (reset, broken pipe) ends its connection quietly.

Ctrl-C stops it cleanly. The standard library's ThreadingHTTPServer is enough for a feed
folder: one thread per connection (kept a while for the next connection), daemon threads, a
raised listen backlog. A request for a cached file costs a few system calls: its response
headers are made once per representation and go out with the body in one write.

This module holds the server itself (its connections: the per-address limit, the bounded
threads kept for the next connection, Ctrl-C) and puts it together from its parts:
:mod:`warta.servepaths` (what a request may reach), :mod:`warta.servecache` (file bodies in
memory), :mod:`warta.representation` (ETag, gzip, conditional requests),
:mod:`warta.serveindex` (the index page) and :mod:`warta.servehandler` (HTTP requests).
"""

from __future__ import annotations

import os
import queue
import socket
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from ..errors import WartaError
from .representation import (
    CACHE_CONTROL, Representation, Resource, accepts_gzip, make_resource, not_modified,
)
from .servecache import MAX_FILE, STREAM_ABOVE, FileCache
from .servehandler import IDLE_TIMEOUT, MAX_TARGET, FeedRequestHandler
from .serveindex import FEED_FILES, FeedEntry, IndexPage, render_index
from .servepaths import CONTENT_TYPES, ContainedFiles, request_parts

__all__ = [  # what was defined here before its parts moved out, still importable from here
    "CACHE_BYTES", "CACHE_CONTROL", "CONTENT_TYPES", "FEED_FILES", "IDLE_TIMEOUT",
    "MAX_FILE", "MAX_PER_CLIENT", "MAX_TARGET", "MAX_THREADS", "REQUEST_DEADLINE",
    "STREAM_ABOVE", "WORKER_IDLE", "FeedEntry", "FeedRequestHandler", "FeedServer",
    "Representation", "Resource", "accepts_gzip", "make_resource", "not_modified",
    "render_index", "request_parts", "serve",
]

REQUEST_DEADLINE = 10.0      # seconds for a request's line and headers, all of them (408 after)
MAX_THREADS = 256            # connections handled at once; more wait in the listen queue
MAX_PER_CLIENT = 16          # connections at once from one client address; more get a 503
CACHE_BYTES = 64 * 1024 * 1024  # file bodies (and gzip copies) kept in memory, all together
WORKER_IDLE = 30.0           # seconds a connection's thread waits for the next one, then ends


class FeedServer(ContainedFiles, FileCache, IndexPage, ThreadingHTTPServer):
    """Serves ``root`` (see the module docstring)."""

    daemon_threads = True
    request_queue_size = 256
    allow_reuse_address = True

    def __init__(self, root: str | os.PathLike[str], address: tuple[str, int] = ("127.0.0.1", 8080),
                 *, quiet: bool = False, max_threads: int = MAX_THREADS,
                 idle_timeout: float = IDLE_TIMEOUT, request_deadline: float = REQUEST_DEADLINE,
                 max_per_client: int = MAX_PER_CLIENT, cache_bytes: int = CACHE_BYTES) -> None:
        folder = Path(root)
        if not folder.is_dir():
            raise WartaError("no such folder to serve", path=str(folder))
        self._init_root(folder)
        self.quiet = quiet
        self.idle_timeout = idle_timeout
        self.request_deadline = request_deadline
        self.max_per_client = max_per_client
        self._slots = threading.BoundedSemaphore(max_threads)
        self._waiting: queue.SimpleQueue = queue.SimpleQueue()  # connections for idle threads
        self._idle_workers = 0
        self._workers_lock = threading.Lock()
        self._closed = False
        self._clients: dict[str, int] = {}
        self._clients_lock = threading.Lock()
        self._init_cache(cache_bytes)
        self._init_index()
        try:
            super().__init__(address, FeedRequestHandler)
        except OSError as exc:
            raise WartaError(f"cannot listen on {address[0]}:{address[1]}: "
                             f"{exc.strerror or exc}") from None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}/"

    # -- connections ---------------------------------------------------------------------

    def process_request(self, request, client_address) -> None:
        """Refuse a client address over its share; else wait for a free slot (bounded threads)."""
        address = str(client_address[0]) if isinstance(client_address, tuple) else ""
        with self._clients_lock:
            held = self._clients.get(address, 0)
            if held >= self.max_per_client:
                refused = True
            else:
                refused = False
                self._clients[address] = held + 1
        if refused:
            self._refuse(request)
            return
        try:
            self._slots.acquire()
        except BaseException:
            self._let_go(address)
            raise
        try:
            self._hand(request, client_address)
        except Exception:  # no thread was started: nobody else gives the slot back
            self._slots.release()
            self._let_go(address)
            raise
        # A KeyboardInterrupt (Ctrl-C, or SIGTERM via storecli) can land while Thread.start
        # waits for a thread that has already started and will give its slot back itself;
        # releasing here too would raise ValueError, which the accept loop swallows as a
        # failed request — and with it the Ctrl-C, so the server would not stop.

    def _hand(self, request, client_address) -> None:
        """Give the connection to a thread: one that finished a connection and waits for the
        next (starting a thread costs more than the request), else a new one."""
        with self._workers_lock:
            reuse = self._idle_workers > 0
            if reuse:
                self._idle_workers -= 1
        if reuse:
            self._waiting.put((request, client_address))
        else:
            threading.Thread(target=self._work, args=(request, client_address),
                             daemon=self.daemon_threads).start()

    def _work(self, request, client_address) -> None:
        """A connection's thread: handle it, then wait up to :data:`WORKER_IDLE` for another.

        It counts itself waiting before it gives its slot back: a connection that takes the
        slot finds it, so no more threads work or wait than there are slots
        (:data:`MAX_THREADS`).
        """
        while True:
            try:
                self.process_request_thread(request, client_address)
            except BaseException:
                self._slots.release()
                raise
            with self._workers_lock:
                waits = not self._closed
                if waits:
                    self._idle_workers += 1
            self._slots.release()
            if not waits:
                return
            try:
                job = self._waiting.get(timeout=WORKER_IDLE)
            except queue.Empty:
                with self._workers_lock:
                    if self._idle_workers > 0:  # no connection was promised to a waiting thread
                        self._idle_workers -= 1
                        return
                job = self._waiting.get()  # one was: it is on its way
            if job is None:  # the server closed
                return
            request, client_address = job

    def server_close(self) -> None:
        super().server_close()
        with self._workers_lock:
            self._closed = True
            idle, self._idle_workers = self._idle_workers, 0
        for _ in range(idle):
            self._waiting.put(None)

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._let_go(str(client_address[0]) if isinstance(client_address, tuple) else "")

    def _let_go(self, address: str) -> None:
        with self._clients_lock:
            left = self._clients.get(address, 1) - 1
            if left > 0:
                self._clients[address] = left
            else:
                self._clients.pop(address, None)

    def _refuse(self, request: socket.socket) -> None:
        """A 503 for a client over :data:`MAX_PER_CLIENT`, sent without waiting, then close."""
        text = (f"too many connections from your address at once "
                f"({self.max_per_client}, the limit)\n").encode("ascii")
        head = ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                f"Content-Length: {len(text)}\r\nRetry-After: 10\r\nConnection: close\r\n\r\n")
        try:
            request.setblocking(False)
            request.send(head.encode("ascii") + text)
        except OSError:
            pass
        self.shutdown_request(request)

    def handle_error(self, request, client_address) -> None:
        """A client that hung up or stalled ends quietly; anything else is reported."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


def serve(root: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 8080, *,
          quiet: bool = False, say: object = print) -> None:
    """Serve ``root`` until Ctrl-C (or SIGTERM), then stop cleanly."""
    server = FeedServer(root, (host, port), quiet=quiet)
    say(f"warta: serving {server.root} at {server.url} (Ctrl-C to stop)")  # type: ignore[operator]
    try:
        server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        say("warta: stopped")  # type: ignore[operator]
    finally:
        server.server_close()
