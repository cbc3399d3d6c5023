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
"""

from __future__ import annotations

import gzip
import hashlib
import html
import io
import json
import os
import queue
import re
import socket
import stat
import sys
import threading
import time
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote, unquote, urlsplit

from . import __version__
from .errors import WartaError

#: What is served, by file suffix; anything else is 404 (the store, temp files, ...).
CONTENT_TYPES = {
    ".xml": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".json": "application/feed+json; charset=utf-8",
    ".jsonl": "application/jsonl; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}
#: The feed files the index page looks for in each folder, with their format names.
FEED_FILES = (("feed.xml", "RSS", "application/rss+xml"),
              ("feed.atom", "Atom", "application/atom+xml"),
              ("feed.json", "JSON Feed", "application/feed+json"))
MAX_TARGET = 2048            # longest request target accepted (bytes)
MAX_FILE = 64 * 1024 * 1024  # larger files are not served
REQUEST_DEADLINE = 10.0      # seconds for a request's line and headers, all of them (408 after)
IDLE_TIMEOUT = 15.0          # seconds one read or write may wait for the client
MAX_THREADS = 256            # connections handled at once; more wait in the listen queue
MAX_PER_CLIENT = 16          # connections at once from one client address; more get a 503
CACHE_BYTES = 64 * 1024 * 1024  # file bodies (and gzip copies) kept in memory, all together
STREAM_ABOVE = 1024 * 1024   # larger files are sent from disk, only their gzip copy is cached
WORKER_IDLE = 30.0           # seconds a connection's thread waits for the next one, then ends
CACHE_CONTROL = "public, max-age=300"
_COMPRESSIBLE_MIN = 256
_ENTRY_OVERHEAD = 1024       # what a cache entry costs besides its bodies, counted in CACHE_BYTES
_CHUNK = 256 * 1024


@dataclass(slots=True, frozen=True)
class Representation:
    """A response body with its validators; ``body`` is None when it is sent from the file.

    ``head`` and ``head_304`` are its response header lines (all but the status line,
    ``Server``, ``Date`` and ``Connection``), made once: a request only joins bytes.
    """

    body: bytes | None
    etag: str
    mtime: float
    content_type: str
    size: int
    encoding: str = ""
    head: bytes = field(init=False, repr=False)
    head_304: bytes = field(init=False, repr=False)

    def __post_init__(self) -> None:
        validators = (f"ETag: {self.etag}\r\nLast-Modified: {formatdate(self.mtime, usegmt=True)}"
                      f"\r\nCache-Control: {CACHE_CONTROL}\r\nVary: Accept-Encoding\r\n"
                      + (f"Content-Encoding: {self.encoding}\r\n" if self.encoding else ""))
        object.__setattr__(self, "head", (f"Content-Type: {self.content_type}\r\n{validators}"
                                          f"Content-Length: {self.size}\r\n").encode("latin-1"))
        object.__setattr__(self, "head_304", validators.encode("latin-1"))

    @classmethod
    def of(cls, body: bytes, mtime: float, content_type: str, encoding: str = "") -> Representation:
        digest = hashlib.sha256(body).hexdigest()[:32]
        suffix = f"-{encoding}" if encoding else ""
        return cls(body, f'"{digest}{suffix}"', mtime, content_type, len(body), encoding)


@dataclass(slots=True, frozen=True)
class Resource:
    """A served file: its identity on disk and both of its representations."""

    key: tuple[int, int, int, int]
    plain: Representation
    gzipped: Representation | None

    @property
    def weight(self) -> int:
        """The bytes it holds in memory, as the cache counts them."""
        held = (self.plain.body, self.gzipped.body if self.gzipped else None)
        return _ENTRY_OVERHEAD + sum(len(body) for body in held if body is not None)


FeedEntry = tuple[str, str, list[tuple[str, str, str]], float]


class FeedServer(ThreadingHTTPServer):
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
        self.root = folder.resolve()
        self._root_dir = str(self.root)
        self._root_text = self._root_dir.rstrip("/")  # what a request's parts are joined to
        root_info = os.stat(self.root)
        self._root_id = (root_info.st_dev, root_info.st_ino)
        self.quiet = quiet
        self.idle_timeout = idle_timeout
        self.request_deadline = request_deadline
        self.max_per_client = max_per_client
        self.cache_bytes = cache_bytes
        self._slots = threading.BoundedSemaphore(max_threads)
        self._waiting: queue.SimpleQueue = queue.SimpleQueue()  # connections for idle threads
        self._idle_workers = 0
        self._workers_lock = threading.Lock()
        self._closed = False
        self._clients: dict[str, int] = {}
        self._clients_lock = threading.Lock()
        self._cache: OrderedDict[str, Resource] = OrderedDict()  # by resolved path
        self._cached_bytes = 0
        self._loading: dict[str, threading.Event] = {}
        self._cache_lock = threading.Lock()
        self._titles: dict[tuple, str | None] = {}
        self._index: tuple[tuple, Resource] | None = None
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

    # -- files -------------------------------------------------------------------------

    def contained(self, candidate: Path) -> Path | None:
        """``candidate`` resolved, when it is a regular file inside ``root``, else None.

        The one rule for what may be read: file serving and the index page both use it, so
        a symlink (to a file or a folder) that leads out of the folder is neither served
        nor listed nor read.
        """
        try:
            resolved = candidate.resolve(strict=True)
            if not resolved.is_relative_to(self.root) or not resolved.is_file():
                return None
        except (OSError, RuntimeError, ValueError):
            return None
        return resolved

    def locate(self, target: str) -> Path | None:
        """The file inside ``root`` that ``target`` (a request path) names, or None."""
        parts = request_parts(target)
        return None if parts is None else self.contained(self.root.joinpath(*parts))

    def find(self, target: str) -> tuple[str, os.stat_result | None] | None:
        """What :meth:`locate` finds, as a string, with its ``stat`` when that was free.

        The common case costs a stat of the root and an lstat per part: when no part is a
        symlink and the root is still the folder it was (or one made again at the same
        path, with no symlink on the way), the joined path is already the resolved one,
        inside the folder. Anything else goes through :meth:`contained`.
        """
        parts = request_parts(target)
        if parts is None:
            return None
        current = self._root_text
        try:
            here = os.stat(self._root_dir)
            if (here.st_dev, here.st_ino) != self._root_id and \
                    os.path.realpath(self._root_dir) == self._root_dir:
                self._root_id = (here.st_dev, here.st_ino)  # the folder was made again
            if (here.st_dev, here.st_ino) == self._root_id:
                for part in parts:
                    current = f"{current}/{part}"
                    info = os.lstat(current)
                    if stat.S_ISLNK(info.st_mode):
                        break
                else:
                    return (current, info) if stat.S_ISREG(info.st_mode) else None
        except (OSError, ValueError):
            return None
        resolved = self.contained(self.root.joinpath(*parts))
        return None if resolved is None else (str(resolved), None)

    def open(self, path: str | os.PathLike[str], info: os.stat_result | None = None
             ) -> tuple[Resource, BinaryIO | None] | None:
        """The file's representations, cached while it stays the same on disk, or None.

        ``info`` is the file's stat when the caller has it. When the plain body is sent
        from disk, the file comes with it, open (the caller closes it): it is the very
        file the representations were made from, even if it is replaced meanwhile.
        """
        path = os.fspath(path)
        if info is None:
            try:
                info = os.stat(path)
            except OSError:
                return None
        with self._cache_lock:  # the common case: held in memory, the file need not be opened
            hit = self._cache.get(path)
            if hit is not None and hit.plain.body is not None and hit.key == _key(info):
                self._cache.move_to_end(path)
                return hit, None
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO cannot block
        except OSError:
            return None
        handle = os.fdopen(fd, "rb")
        try:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE:
                handle.close()
                return None
            made = self._cached(path, _key(info), handle, info.st_mtime)
        except OSError:
            handle.close()
            return None
        except BaseException:
            handle.close()
            raise
        if made.plain.body is not None:
            handle.close()
            return made, None
        return made, handle

    def resource(self, path: Path) -> Resource | None:
        """The file's representations (see :meth:`open`), without the open file."""
        opened = self.open(path)
        if opened is None:
            return None
        made, handle = opened
        if handle is not None:
            handle.close()
        return made

    def _cached(self, path: str, key: tuple[int, int, int, int], handle: BinaryIO,
                mtime: float) -> Resource:
        """From the cache, else loaded once: concurrent first requests wait for one load."""
        while True:
            with self._cache_lock:
                hit = self._cache.get(path)
                if hit is not None and hit.key == key:
                    self._cache.move_to_end(path)
                    return hit
                loading = self._loading.get(path)
                if loading is None:
                    loading = self._loading[path] = threading.Event()
                    break
            loading.wait()
        try:
            made = self.load(handle, key, mtime, CONTENT_TYPES.get(_suffix(path),
                                                                   CONTENT_TYPES[".txt"]))
            with self._cache_lock:
                self._remember(path, made)
        finally:
            with self._cache_lock:
                del self._loading[path]
            loading.set()
        return made

    def load(self, handle: BinaryIO, key: tuple[int, int, int, int], mtime: float,
             content_type: str) -> Resource:
        """Read one file into its representations (the only place files are read)."""
        handle.seek(0)
        if key[2] <= STREAM_ABOVE:
            return make_resource(handle.read(MAX_FILE), mtime, content_type, key)
        digest = hashlib.sha256()
        packer = zlib.compressobj(6, zlib.DEFLATED, 31)  # what gzip.compress(mtime=0) writes
        packed = []
        size = 0
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            packed.append(packer.compress(chunk))
            size += len(chunk)
        packed.append(packer.flush())
        plain = Representation(None, f'"{digest.hexdigest()[:32]}"', mtime, content_type, size)
        gzipped = None
        if sum(map(len, packed)) <= self.cache_bytes // 4:
            gzipped = Representation.of(b"".join(packed), mtime, content_type, "gzip")
        return Resource(key, plain, gzipped)

    def _remember(self, path: str, made: Resource) -> None:
        """Cache ``made`` (lock held), dropping the least recently used past ``cache_bytes``."""
        old = self._cache.pop(path, None)
        if old is not None:
            self._cached_bytes -= old.weight
        if made.weight > self.cache_bytes:
            return
        self._cache[path] = made
        self._cached_bytes += made.weight
        while self._cached_bytes > self.cache_bytes:
            _path, gone = self._cache.popitem(last=False)
            self._cached_bytes -= gone.weight

    # -- the index page ------------------------------------------------------------------

    def index(self) -> Resource:
        """The index page, listing every folder (and the root) that holds feed files.

        Only the folder listing and the feed files' stamps are looked at per request; titles
        and the page itself are made again only when a feed file changed.
        """
        feeds = self.find_feeds()
        key = tuple((prefix, title, tuple(files), mtime) for prefix, title, files, mtime in feeds)
        with self._cache_lock:
            if self._index is not None and self._index[0] == key:
                return self._index[1]
        body = render_index(feeds).encode("utf-8")
        mtime = max((m for *_rest, m in feeds), default=0.0)
        made = make_resource(body, mtime, CONTENT_TYPES[".html"], (0, 0, len(body), int(mtime)))
        with self._cache_lock:
            self._index = (key, made)
        return made

    def find_feeds(self) -> list[FeedEntry]:
        """``(href prefix, title, [(file, format, media type)], newest mtime)`` per feed folder."""
        found = []
        titles: dict[tuple, str | None] = {}
        try:
            names = sorted(os.listdir(self.root))
        except OSError:
            names = []
        folders = [("", self.root)] + [(name + "/", self.root / name) for name in names
                                       if not name.startswith(".")]
        for prefix, folder in folders:
            present = []
            for name, label, media in FEED_FILES:
                resolved = self.contained(folder / name)
                if resolved is None:
                    continue
                try:
                    info = resolved.stat()
                except OSError:
                    continue
                present.append((name, label, media, resolved, _key(info), info.st_mtime))
            if not present:
                continue
            sources = {name: (resolved, stamp) for name, _l, _m, resolved, stamp, _t in present}
            title_key = (sources.get("feed.json"), sources.get("feed.xml"))
            if title_key in self._titles:
                title = self._titles[title_key]
            else:
                title = _feed_title(*(entry[0] if entry else None for entry in title_key))
            titles[title_key] = title
            files = [(name, label, media) for name, label, media, *_rest in present]
            mtime = max(entry[-1] for entry in present)
            found.append((prefix, title or prefix.rstrip("/") or "feed", files, mtime))
        self._titles = titles  # only the feeds there now are remembered
        return found


def request_parts(target: str) -> list[str] | None:
    """The path parts a request target names when it may name a served file, else None.

    None for ``..``, ``.`` and hidden parts (also encoded), NUL and backslashes, and names
    without a served suffix; ``UnicodeDecodeError`` for percent-encoding that is not UTF-8.
    """
    path = urlsplit(target).path
    if "\x00" in path or "\\" in path:
        return None
    decoded = unquote(path, errors="strict") if "%" in path else path
    if "\x00" in decoded or "\\" in decoded:
        return None
    parts = [p for p in decoded.split("/") if p]
    if not parts or any(p in (".", "..") or p.startswith(".") for p in parts):
        return None
    if _suffix(parts[-1]) not in CONTENT_TYPES:
        return None
    return parts


def _suffix(name: str) -> str:
    """``Path(name).suffix.lower()``, without making a Path."""
    name = name.rpartition("/")[2]
    at = name.rfind(".")
    return name[at:].lower() if 0 < at < len(name) - 1 else ""


def _key(info: os.stat_result) -> tuple[int, int, int, int]:
    """What identifies one version of a file on disk."""
    return (info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns)


def make_resource(body: bytes, mtime: float, content_type: str,
                  key: tuple[int, int, int, int]) -> Resource:
    plain = Representation.of(body, mtime, content_type)
    gzipped = None
    if len(body) >= _COMPRESSIBLE_MIN:
        gzipped = Representation.of(gzip.compress(body, compresslevel=6, mtime=0), mtime,
                                    content_type, "gzip")
    return Resource(key, plain, gzipped)


def _feed_title(feed_json: Path | None, feed_xml: Path | None) -> str | None:
    """The feed's title from its JSON Feed, else from the head of its RSS file."""
    if feed_json is not None:
        try:
            if feed_json.stat().st_size <= MAX_FILE:
                data = json.loads(feed_json.read_bytes())
                title = data.get("title")
                if isinstance(title, str) and title.strip():
                    return title
        except (OSError, ValueError, AttributeError, RecursionError):
            pass
    if feed_xml is None:
        return None
    try:
        with feed_xml.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", errors="replace")
    except OSError:
        return None
    m = re.search(r"<title>(.*?)</title>", head, re.DOTALL)
    return html.unescape(m.group(1)).strip() if m else None


def render_index(feeds: list[FeedEntry]) -> str:
    """The index page: autodiscovery links in the head, one list entry per feed."""
    head_links = []
    items = []
    for prefix, title, files, _mtime in feeds:
        safe_title = html.escape(title)
        links = []
        for filename, label, media in files:
            href = html.escape(quote(prefix + filename))
            head_links.append(f'<link rel="alternate" type="{media}" title="{safe_title} ({label})" '
                              f'href="{href}">')
            links.append(f'<a href="{href}" type="{media}">{label}</a>')
        items.append(f"<li><strong>{safe_title}</strong> &middot; {' &middot; '.join(links)}</li>")
    listing = "\n".join(items) if items else "<li>No feeds yet: run <code>warta build</code>.</li>"
    return (
        "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>warta feeds</title>\n" + "\n".join(head_links) + "\n</head>\n<body>\n"
        "<h1>warta feeds</h1>\n"
        "<p>Subscribe by copying a link into your feed reader.</p>\n"
        f"<ul>\n{listing}\n</ul>\n</body>\n</html>\n"
    )


class _RequestReader(io.RawIOBase):
    """A connection's input, read under the request's deadline.

    Each read waits at most what is left of the deadline (and never more than the idle
    timeout), so a client sending a byte now and then cannot stretch a request: a
    per-read timeout alone is reset by every byte.
    """

    def __init__(self, sock: socket.socket, idle_timeout: float) -> None:
        super().__init__()
        self._sock = sock
        self._idle = idle_timeout
        self.deadline: float | None = None
        self.received = 0
        self.timed_out = False

    def start(self, seconds: float) -> None:
        """A request begins: its line and headers are due within ``seconds``."""
        self.deadline = time.monotonic() + seconds
        self.received = 0
        self.timed_out = False

    def stop(self) -> None:
        """The request's head is in: reads (of nothing, here) wait the idle timeout again."""
        self.deadline = None
        self._sock.settimeout(self._idle)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        timeout = self._idle
        if self.deadline is not None:
            timeout = min(timeout, self.deadline - time.monotonic())
            if timeout <= 0:
                self.timed_out = True
                raise TimeoutError("the request did not arrive in time")
        self._sock.settimeout(timeout)
        try:
            count = self._sock.recv_into(buffer)
        except TimeoutError:
            self.timed_out = True
            raise
        self.received += count
        return count


class _Headers(dict):
    """A request's header fields by lower-case name (the first of a repeated one wins, as
    with the standard library's message objects); ``get`` takes any case."""

    __slots__ = ()

    def get(self, name: str, default: str | None = None) -> str | None:  # type: ignore[override]
        return dict.get(self, name.lower(), default)


_MAX_LINE = 65536   # longest header line, and most header lines, as http.client allows
_MAX_HEADERS = 100
_MSG_MORE = getattr(socket, "MSG_MORE", 0)
_JOIN_BELOW = 64 * 1024  # bodies up to this size go out in one write with their headers
_STATUS = {HTTPStatus.OK: b"HTTP/1.1 200 OK\r\n",
           HTTPStatus.NOT_MODIFIED: b"HTTP/1.1 304 Not Modified\r\n"}


class _Stamp:
    """The ``Server`` and ``Date`` header lines, made once a second."""

    def __init__(self, server: str) -> None:
        self._server = server
        self._made: tuple[int, bytes] = (-1, b"")

    def lines(self) -> bytes:
        now = time.time()
        second, made = self._made
        if int(now) != second:
            made = (f"Server: {self._server}\r\nDate: {formatdate(now, usegmt=True)}\r\n"
                    ).encode("latin-1")
            self._made = (int(now), made)
        return made


class FeedRequestHandler(BaseHTTPRequestHandler):
    """GET and HEAD for the files of a :class:`FeedServer`."""

    server: FeedServer
    protocol_version = "HTTP/1.1"
    server_version = f"warta/{__version__}"
    sys_version = ""
    timeout = IDLE_TIMEOUT
    disable_nagle_algorithm = True  # headers and a small body go out at once (no 40 ms wait)
    _stamp = _Stamp(server_version)

    def version_string(self) -> str:
        return self.server_version

    def setup(self) -> None:
        self.timeout = self.server.idle_timeout  # no read or write waits longer on the client
        super().setup()
        self._reader = _RequestReader(self.connection, self.server.idle_timeout)
        self.rfile = io.BufferedReader(self._reader)

    def handle_one_request(self) -> None:
        """One request, its head due within the server's ``request_deadline`` (else a 408)."""
        reader = self._reader
        reader.start(self.server.request_deadline)
        try:
            self.raw_requestline = self.rfile.readline(65537)
            if len(self.raw_requestline) > 65536:
                self.requestline = self.request_version = self.command = ""
                self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
                return
            if not self.raw_requestline:
                self.close_connection = True
                return
            if not self.read_head():
                return
            reader.stop()
            handler = getattr(self, "do_" + self.command, None)
            if handler is None:
                self._not_allowed()
                return
            handler()
            self.wfile.flush()
        except TimeoutError:
            self.close_connection = True
            if reader.deadline is not None and reader.received:
                self._too_slow()
        except ConnectionError:  # the client hung up
            self.close_connection = True

    def read_head(self) -> bool:
        """The request line and headers of an HTTP/1.0 or 1.1 request, read as the standard
        library's ``parse_request`` does, with its limits and answers (``Connection``,
        ``Expect: 100-continue``, 431 past 100 header lines or a line over 64 KiB), without
        its e-mail parser. Other versions (0.9, 2.0, junk) go to ``parse_request`` itself."""
        words = self.raw_requestline.split()
        if len(words) != 3 or words[2] not in (b"HTTP/1.1", b"HTTP/1.0"):
            return self.parse_request()
        self.requestline = str(self.raw_requestline, "iso-8859-1").rstrip("\r\n")
        self.command, path, self.request_version = (str(word, "iso-8859-1") for word in words)
        if path.startswith("//"):  # as parse_request does (gh-87389)
            path = "/" + path.lstrip("/")
        self.path = path
        headers = _Headers()
        last = None
        for count in range(_MAX_HEADERS + 1):
            line = self.rfile.readline(_MAX_LINE + 1)
            if len(line) > _MAX_LINE:
                self.send_error(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Line too long")
                return False
            if line in (b"\r\n", b"\n", b""):
                break
            if count == _MAX_HEADERS:
                self.send_error(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Too many headers")
                return False
            text = str(line, "iso-8859-1")
            if text[0] in " \t":  # an obsolete folded line continues the field before it
                if last is not None and last in headers:
                    headers[last] = f"{headers[last]} {text.strip()}"
                continue
            name, colon, value = text.partition(":")
            if not colon:
                continue
            last = name.strip().lower()
            if last not in headers:
                headers[last] = value.strip()
        self.headers = headers
        tokens = [token.strip() for token in headers.get("connection", "").lower().split(",")]
        if "close" in tokens:
            self.close_connection = True
        else:  # HTTP/1.1 persists unless told; HTTP/1.0 only when asked (Connection: keep-alive)
            self.close_connection = (self.request_version == "HTTP/1.0"
                                     and "keep-alive" not in tokens)
        if headers.get("expect", "").lower() == "100-continue" and \
                self.request_version == "HTTP/1.1":
            return self.handle_expect_100()
        return True

    def _connection_line(self) -> bytes:
        """``Connection: close`` when it will close, ``keep-alive`` to an HTTP/1.0 client
        whose connection stays open (it would wait for the close otherwise), else nothing."""
        if self.close_connection:
            return b"Connection: close\r\n"
        if self.request_version == "HTTP/1.0":
            return b"Connection: keep-alive\r\n"
        return b""

    def _too_slow(self) -> None:
        """408 for a request whose head did not arrive in time, sent without waiting."""
        text = (f"the request did not arrive within {self.server.request_deadline:g} s "
                f"(the limit)\n").encode("ascii")
        head = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain; charset=utf-8\r\n"
                f"Content-Length: {len(text)}\r\nConnection: close\r\n\r\n")
        try:
            self.connection.setblocking(False)
            self.connection.send(head.encode("ascii") + text)
        except OSError:
            pass
        self.log_message("request timed out after %g s", self.server.request_deadline)

    def do_GET(self) -> None:
        self.respond(with_body=True)

    def do_HEAD(self) -> None:
        self.respond(with_body=False)

    def _not_allowed(self) -> None:
        self.close_connection = True
        self.plain(HTTPStatus.METHOD_NOT_ALLOWED, "method not allowed\n", {"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed

    def respond(self, *, with_body: bool) -> None:
        if len(self.path) > MAX_TARGET:
            self.close_connection = True
            self.plain(HTTPStatus.REQUEST_URI_TOO_LONG, "request target too long\n", body=with_body)
            return
        if self.headers.get("Content-Length", "0").strip() not in ("", "0") or \
                self.headers.get("Transfer-Encoding"):
            self.close_connection = True  # a body we will not read would spoil the connection
        path = urlsplit(self.path).path
        handle = None
        if path in ("/", "/index.html"):
            resource = self.server.index()
        else:
            try:
                found = self.server.find(self.path)
            except UnicodeDecodeError:
                found = None
            opened = self.server.open(*found) if found else None
            resource, handle = opened if opened else (None, None)
        try:
            if resource is None:
                self.plain(HTTPStatus.NOT_FOUND, "not found\n", body=with_body)
                return
            self.send(resource, handle, with_body=with_body)
        finally:
            if handle is not None:
                handle.close()

    def send(self, resource: Resource, handle: BinaryIO | None, *, with_body: bool) -> None:
        """The response in one write (headers made once per representation, see
        :class:`Representation`); a body sent from disk follows its headers."""
        chosen = resource.gzipped if resource.gzipped and accepts_gzip(
            self.headers.get("Accept-Encoding", "")) else resource.plain
        if not_modified(self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since"),
                        chosen):
            status, head, body = HTTPStatus.NOT_MODIFIED, chosen.head_304, b""
        else:
            status, head = HTTPStatus.OK, chosen.head
            body = (chosen.body or b"") if with_body else b""
        out = b"".join((_STATUS[status], self._stamp.lines(), head, self._connection_line(),
                        b"\r\n")) if self.request_version != "HTTP/0.9" else b""
        if not self.server.quiet:
            self.log_request(status.value, chosen.size if status == HTTPStatus.OK else "-")
        if len(body) <= _JOIN_BELOW:
            self.connection.sendall(out + body)
        else:
            self.connection.sendall(out, _MSG_MORE)
            self.connection.sendall(body)
        if status == HTTPStatus.OK and with_body and chosen.body is None and handle is not None:
            sent = self.connection.sendfile(handle, 0, chosen.size)
            if sent != chosen.size:  # changed in place meanwhile: the length was a lie
                self.close_connection = True

    def plain(self, status: HTTPStatus, text: str, extra: dict[str, str] | None = None, *,
              body: bool = True) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        connection = self._connection_line()
        if connection:
            self.send_header("Connection", connection[12:-2].decode("ascii"))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)


def accepts_gzip(header: str) -> bool:
    """True when an Accept-Encoding header allows gzip (``gzip`` or ``*`` with q > 0)."""
    return _accepts_gzip_remembered(header) if len(header) <= 256 else _accepts_gzip(header)


@lru_cache(maxsize=256)
def _accepts_gzip_remembered(header: str) -> bool:
    """Clients send the same few Accept-Encoding values: each is read once."""
    return _accepts_gzip(header)


def _accepts_gzip(header: str) -> bool:
    allowed = None
    for part in header.lower().split(","):
        token, _, params = part.strip().partition(";")
        token = token.strip()
        quality = 1.0
        m = re.search(r"q\s*=\s*([0-9.]+)", params)
        if m:
            try:
                quality = float(m.group(1))
            except ValueError:
                quality = 0.0
        if token in ("gzip", "x-gzip"):
            return quality > 0
        if token == "*":
            allowed = quality > 0
    return bool(allowed)


def not_modified(if_none_match: str | None, if_modified_since: str | None,
                 chosen: Representation) -> bool:
    """The RFC 9110 rule: If-None-Match decides when present, else If-Modified-Since."""
    if if_none_match is not None:
        tags = [t.strip() for t in if_none_match.split(",")]
        return "*" in tags or any(t.removeprefix("W/") == chosen.etag for t in tags)
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError, IndexError):
            return False
        if since is None or since.tzinfo is None:
            return False
        return int(chosen.mtime) <= since.timestamp()
    return False


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
