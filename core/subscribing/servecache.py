"""The file bodies ``warta serve`` keeps in memory, and the one place files are read.

Owns :class:`FileCache`, the server's part that turns a file into its
:class:`~warta.representation.Resource`: held by resolved path while the file stays the same
on disk, bounded by bytes (least recently used dropped first), loaded by one request at a
time (the others wait for that load), and files over :data:`STREAM_ABOVE` sent from disk
with only their gzip copy held. Also :data:`MAX_FILE`, the largest file served.
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
import zlib
from collections import OrderedDict
from typing import BinaryIO

from .representation import Representation, Resource, file_key, make_resource
from .servepaths import CONTENT_TYPES, suffix

MAX_FILE = 64 * 1024 * 1024  # larger files are not served
STREAM_ABOVE = 1024 * 1024   # larger files are sent from disk, only their gzip copy is cached
_CHUNK = 256 * 1024


class FileCache:
    """Files as representations, cached: a mixin of :class:`~warta.server.FeedServer`.

    :meth:`_init_cache` sets its state; ``_cache_lock`` also guards the index page.
    """

    cache_bytes: int

    def _init_cache(self, cache_bytes: int) -> None:
        self.cache_bytes = cache_bytes
        self._cache: OrderedDict[str, Resource] = OrderedDict()  # by resolved path
        self._cached_bytes = 0
        self._loading: dict[str, threading.Event] = {}
        self._cache_lock = threading.Lock()

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
            if hit is not None and hit.plain.body is not None and hit.key == file_key(info):
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
            made = self._cached(path, file_key(info), handle, info.st_mtime)
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

    def resource(self, path: str | os.PathLike[str]) -> Resource | None:
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
            made = self.load(handle, key, mtime, CONTENT_TYPES.get(suffix(path),
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
