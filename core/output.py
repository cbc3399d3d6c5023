"""Writing files so that a reader never sees half of one.

Every file warta writes (feeds, JSON Lines, ``warta.toml``) goes through :class:`AtomicFile`:
the bytes go to a temporary file beside the target, which replaces the target only once all
of them are on disk. A failure (a full disk, a read-only folder, no permission) becomes one
WartaError ``path: cannot write: reason``, the temporary file is removed and the previous
file stays as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import WartaError

#: Bytes :class:`AtomicFile` gathers before it writes them out.
BUFFER_SIZE = 1 << 20


def cannot_write(path: str | os.PathLike[str], exc: OSError) -> WartaError:
    """The one-line error for an OSError met while writing ``path``."""
    return WartaError(f"cannot write: {exc.strerror or exc}", path=str(path))


class AtomicFile:
    """A file written to a temporary name and renamed over ``target`` on :meth:`commit`.

    Use as a context manager: leaving the block by an exception discards the temporary file.
    Every OSError is raised as a WartaError naming ``target``.
    """

    def __init__(self, target: str | os.PathLike[str]) -> None:
        self.target = Path(target)
        self._buffer: list[bytes] = []
        self._buffered = 0
        self._fd: int | None = None
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self._fd, self.tmp = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp",
                                                  dir=self.target.parent)
        except OSError as exc:
            raise cannot_write(self.target, exc) from None

    def write(self, data: bytes) -> None:
        self._buffer.append(data)
        self._buffered += len(data)
        if self._buffered >= BUFFER_SIZE:
            self._flush()

    def _flush(self) -> None:
        data = b"".join(self._buffer)
        self._buffer.clear()
        self._buffered = 0
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self._fd, view):]
        except OSError as exc:
            self.discard()
            raise cannot_write(self.target, exc) from None

    def commit(self) -> Path:
        """Write what is left, sync, and put the file in place of ``target``."""
        self._flush()
        try:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = None
            os.chmod(self.tmp, 0o644)
            os.replace(self.tmp, self.target)
        except OSError as exc:
            self.discard()
            raise cannot_write(self.target, exc) from None
        return self.target

    def discard(self) -> None:
        """Remove the temporary file (the target is untouched); safe to call twice."""
        if self._fd is not None:
            try:
                os.close(self._fd)
            except OSError:
                pass
            self._fd = None
        try:
            os.unlink(self.tmp)
        except OSError:
            pass

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        if kind is not None:
            self.discard()


def write_atomic(path: str | os.PathLike[str], data: bytes) -> bool:
    """Replace ``path`` with ``data`` through a temporary file and a rename.

    Returns False (and leaves the file untouched, mtime included) when it already holds
    exactly ``data``. A failure leaves the old file in place, removes the temporary file and
    raises WartaError (``path: cannot write: reason``).
    """
    target = Path(path)
    try:
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
    except OSError as exc:
        raise cannot_write(target, exc) from None
    with AtomicFile(target) as file:
        file.write(data)
        file.commit()
    return True
