"""``warta serve``: a small HTTP server for the feed folder, made for feed readers.

* Content types: ``application/rss+xml`` (``.xml``), ``application/atom+xml`` (``.atom``),
  ``application/feed+json`` (``.json``), ``application/jsonl`` (``.jsonl``).
* Every response carries a strong ``ETag`` (a digest of the bytes sent) and
  ``Last-Modified`` (the file's modification time); ``If-None-Match`` and, without it,
  ``If-Modified-Since`` are answered with ``304 Not Modified``.
* gzip when the client accepts it (``Vary: Accept-Encoding``; the gzip bytes have their
  own ETag); ``HEAD``; ``405`` for other methods.
* ``/`` is an index page listing the feeds, with autodiscovery ``<link rel="alternate">``
  tags and subscribe links.
* Nothing outside the folder is reachable: ``..`` (also encoded), hidden files, absolute
  paths and symlinks that lead out are answered 404, and only feed-like files are served
  (never the store). Request lines are bounded, idle connections time out, the number of
  threads is bounded; Ctrl-C stops it cleanly.

The standard library's ThreadingHTTPServer is enough for a feed folder: one thread per
connection, daemon threads, a raised listen backlog.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import os
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
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
MAX_TARGET = 2048           # longest request target accepted (bytes)
MAX_FILE = 64 * 1024 * 1024  # larger files are not served
IDLE_TIMEOUT = 15.0         # seconds a connection may sit idle or trickle a request
MAX_THREADS = 256           # connections handled at once; more wait in the listen queue
CACHE_CONTROL = "public, max-age=300"
_CACHE_ENTRIES = 128
_COMPRESSIBLE_MIN = 256


@dataclass(slots=True, frozen=True)
class Representation:
    """A response body with its validators."""

    body: bytes
    etag: str
    mtime: float
    content_type: str

    @classmethod
    def of(cls, body: bytes, mtime: float, content_type: str, suffix: str = "") -> Representation:
        digest = hashlib.sha256(body).hexdigest()[:32]
        return cls(body, f'"{digest}{suffix}"', mtime, content_type)


@dataclass(slots=True, frozen=True)
class Resource:
    """A served file: its identity on disk and both of its representations."""

    key: tuple[int, int, int, int]
    plain: Representation
    gzipped: Representation | None


class FeedServer(ThreadingHTTPServer):
    """Serves ``root`` (see the module docstring)."""

    daemon_threads = True
    request_queue_size = 256
    allow_reuse_address = True

    def __init__(self, root: str | os.PathLike[str], address: tuple[str, int] = ("127.0.0.1", 8080),
                 *, quiet: bool = False, max_threads: int = MAX_THREADS,
                 idle_timeout: float = IDLE_TIMEOUT) -> None:
        folder = Path(root)
        if not folder.is_dir():
            raise WartaError("no such folder to serve", path=str(folder))
        self.root = folder.resolve()
        self.quiet = quiet
        self.idle_timeout = idle_timeout
        self._slots = threading.BoundedSemaphore(max_threads)
        self._cache: OrderedDict[Path, Resource] = OrderedDict()
        self._cache_lock = threading.Lock()
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

    # bounded threads: the accept loop waits for a free slot
    def process_request(self, request, client_address) -> None:
        self._slots.acquire()
        try:
            super().process_request(request, client_address)
        except Exception:  # no thread was started: nobody else gives the slot back
            self._slots.release()
            raise
        # A KeyboardInterrupt (Ctrl-C, or SIGTERM via storecli) can land while Thread.start
        # waits for a thread that has already started and will give its slot back itself;
        # releasing here too would raise ValueError, which the accept loop swallows as a
        # failed request — and with it the Ctrl-C, so the server would not stop.

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    # -- files -------------------------------------------------------------------------

    def locate(self, target: str) -> Path | None:
        """The file inside ``root`` that ``target`` (a request path) names, or None."""
        path = urlsplit(target).path
        if "\x00" in path or "\\" in path:
            return None
        decoded = unquote(path, errors="strict") if "%" in path else path
        if "\x00" in decoded or "\\" in decoded:
            return None
        parts = [p for p in decoded.split("/") if p]
        if any(p in (".", "..") or p.startswith(".") for p in parts) or not parts:
            return None
        if Path(parts[-1]).suffix.lower() not in CONTENT_TYPES:
            return None
        candidate = self.root.joinpath(*parts)
        try:
            resolved = candidate.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not resolved.is_relative_to(self.root) or not resolved.is_file():
            return None
        return resolved

    def resource(self, path: Path) -> Resource | None:
        """The file's representations, cached while it stays the same on disk."""
        try:
            info = path.stat()
        except OSError:
            return None
        if info.st_size > MAX_FILE:
            return None
        key = (info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns)
        with self._cache_lock:
            cached = self._cache.get(path)
            if cached is not None and cached.key == key:
                self._cache.move_to_end(path)
                return cached
        try:
            body = path.read_bytes()
        except OSError:
            return None
        content_type = CONTENT_TYPES[path.suffix.lower()]
        made = make_resource(body, info.st_mtime, content_type, key)
        with self._cache_lock:
            self._cache[path] = made
            while len(self._cache) > _CACHE_ENTRIES:
                self._cache.popitem(last=False)
        return made

    def index(self) -> Resource:
        """The index page, listing every folder (and the root) that holds feed files."""
        feeds = find_feeds(self.root)
        body = render_index(feeds).encode("utf-8")
        mtime = max((m for *_rest, m in feeds), default=0.0)
        return make_resource(body, mtime, CONTENT_TYPES[".html"], (0, 0, len(body), int(mtime)))


def make_resource(body: bytes, mtime: float, content_type: str,
                  key: tuple[int, int, int, int]) -> Resource:
    plain = Representation.of(body, mtime, content_type)
    gzipped = None
    if len(body) >= _COMPRESSIBLE_MIN:
        gzipped = Representation.of(gzip.compress(body, compresslevel=6, mtime=0), mtime,
                                    content_type, "-gzip")
    return Resource(key, plain, gzipped)


def find_feeds(root: Path) -> list[tuple[str, str, list[tuple[str, str, str]], float]]:
    """``(href prefix, title, [(file, format, media type)], newest mtime)`` per feed folder."""
    found = []
    folders = [("", root)] + [(d.name + "/", d) for d in sorted(root.iterdir())
                              if d.is_dir() and not d.name.startswith(".")
                              and d.resolve().is_relative_to(root)]
    for prefix, folder in folders:
        files = [(f, label, media) for f, label, media in FEED_FILES if (folder / f).is_file()]
        if not files:
            continue
        mtime = max((folder / f).stat().st_mtime for f, _, _ in files)
        found.append((prefix, _feed_title(folder) or prefix.rstrip("/") or "feed", files, mtime))
    return found


def _feed_title(folder: Path) -> str | None:
    try:
        data = json.loads((folder / "feed.json").read_text(encoding="utf-8"))
        title = data.get("title")
        return title if isinstance(title, str) and title.strip() else None
    except (OSError, ValueError, AttributeError):
        pass
    try:
        head = (folder / "feed.xml").read_text(encoding="utf-8", errors="replace")[:4096]
    except OSError:
        return None
    m = re.search(r"<title>(.*?)</title>", head, re.DOTALL)
    return html.unescape(m.group(1)).strip() if m else None


def render_index(feeds: list[tuple[str, str, list[tuple[str, str, str]], float]]) -> str:
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


class FeedRequestHandler(BaseHTTPRequestHandler):
    """GET and HEAD for the files of a :class:`FeedServer`."""

    server: FeedServer
    protocol_version = "HTTP/1.1"
    server_version = f"warta/{__version__}"
    sys_version = ""
    timeout = IDLE_TIMEOUT

    def setup(self) -> None:
        self.timeout = self.server.idle_timeout  # socket timeout: slow or idle clients are cut off
        super().setup()

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
        if path in ("/", "/index.html"):
            resource = self.server.index()
        else:
            try:
                located = self.server.locate(self.path)
            except UnicodeDecodeError:
                located = None
            resource = self.server.resource(located) if located else None
        if resource is None:
            self.plain(HTTPStatus.NOT_FOUND, "not found\n", body=with_body)
            return
        chosen = resource.gzipped if resource.gzipped and accepts_gzip(
            self.headers.get("Accept-Encoding", "")) else resource.plain
        headers = {
            "Content-Type": chosen.content_type,
            "ETag": chosen.etag,
            "Last-Modified": formatdate(chosen.mtime, usegmt=True),
            "Cache-Control": CACHE_CONTROL,
            "Vary": "Accept-Encoding",
        }
        if chosen is resource.gzipped:
            headers["Content-Encoding"] = "gzip"
        if not_modified(self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since"),
                        chosen):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            for name, value in headers.items():
                if name != "Content-Type":
                    self.send_header(name, value)
            self.end_headers()
            return
        self.send_response(HTTPStatus.OK)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(chosen.body)))
        self.end_headers()
        if with_body:
            self.wfile.write(chosen.body)

    def plain(self, status: HTTPStatus, text: str, extra: dict[str, str] | None = None, *,
              body: bool = True) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)


def accepts_gzip(header: str) -> bool:
    """True when an Accept-Encoding header allows gzip (``gzip`` or ``*`` with q > 0)."""
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
