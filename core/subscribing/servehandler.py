"""The HTTP side of ``warta serve``: one connection's requests, read under limits and answered.

Owns :class:`FeedRequestHandler` (GET and HEAD, ``405`` for the rest, ``408`` for a request
head that did not arrive within the server's deadline, persistent connections and their
``Connection`` line, one write for headers and a small body, ``sendfile`` for a body sent
from disk), the reading of a request's line and headers without the e-mail parser (with
the standard library's limits: :data:`_MAX_LINE`, :data:`_MAX_HEADERS`), the reader that
holds a request head to its deadline, and the per-connection limits :data:`IDLE_TIMEOUT`
and :data:`MAX_TARGET`. The server it answers for is described by :class:`ServedFolder`.
"""

from __future__ import annotations

import io
import os
import socket
import time
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import BinaryIO, Protocol
from urllib.parse import urlsplit

from .. import __version__
from .representation import Resource, accepts_gzip, not_modified

MAX_TARGET = 2048            # longest request target accepted (bytes)
IDLE_TIMEOUT = 15.0          # seconds one read or write may wait for the client


class ServedFolder(Protocol):
    """What the handler asks of its server (:class:`~warta.server.FeedServer`)."""

    quiet: bool
    idle_timeout: float
    request_deadline: float

    def index(self) -> Resource: ...

    def find(self, target: str) -> tuple[str, os.stat_result | None] | None: ...

    def open(self, path: str | os.PathLike[str], info: os.stat_result | None = None
             ) -> tuple[Resource, BinaryIO | None] | None: ...


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
    """GET and HEAD for the files of a :class:`~warta.server.FeedServer`."""

    server: ServedFolder  # type: ignore[assignment]
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
        :class:`~warta.representation.Representation`); a body sent from disk follows its
        headers."""
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

