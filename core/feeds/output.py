"""Writing files so that a reader never sees half of one.

Every file warta writes (feeds, JSON Lines, ``warta.toml``) goes through :class:`AtomicFile`:
the bytes go to a temporary file beside the target, which replaces the target only once all
of them are on disk. A process killed while writing (nothing else can
stop it from cleaning up) leaves its temporary files; the next run writing there removes
them (:func:`sweep_stale`). A failure (a full disk, a read-only folder, no permission) becomes one
WartaError ``path: cannot write: reason``, the temporary file is removed (and any folder
created for it, when it is left empty) and the previous file stays as it was.

A set of files that belong together (the formats of one feed) is written with
:func:`write_set`: every file is written and synced under its temporary name first, and only
when all of them are on disk are they renamed over the old ones, so a full disk never leaves
this run's ``feed.xml`` beside the last run's ``feed.json``.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from ..errors import WartaError

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
        self.size = 0  # bytes written so far
        self._fd: int | None = None
        self._prepared = False
        self._committed = False
        # Folders this file creates, deepest first: removed again by discard() when empty.
        self._created: list[Path] = []
        folder = self.target.parent
        while not folder.exists() and folder != folder.parent:
            self._created.append(folder)
            folder = folder.parent
        if self.target.is_dir():  # found now, before any file of a set replaces its old copy
            raise WartaError("cannot write: a folder has this name", path=str(self.target))
        for parent in (self.target.parent, *self.target.parent.parents):
            if parent.exists() or parent.is_symlink():
                if not parent.is_dir():  # "File exists" would name the wrong thing
                    raise WartaError("cannot write into it: not a folder",
                                     path=str(parent))
                break
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            # Named after this process, so that a later run can tell a killed run's leftover
            # (see sweep_stale).
            self._fd, self.tmp = tempfile.mkstemp(prefix=f".{self.target.name}.{os.getpid()}-",
                                                  suffix=".tmp", dir=self.target.parent)
        except OSError as exc:
            raise cannot_write(self.target, exc) from None

    def write(self, data: bytes) -> None:
        self._buffer.append(data)
        self._buffered += len(data)
        self.size += len(data)
        if self._buffered >= BUFFER_SIZE:
            self._flush()

    def same_as_target(self) -> bool:
        """Whether ``target`` already holds exactly the bytes written (compared from disk,
        a chunk at a time); call before :meth:`prepare`."""
        self._flush()
        try:
            if not self.target.is_file() or self.target.stat().st_size != self.size:
                return False
            with open(self.target, "rb") as theirs:
                offset = 0
                while True:
                    chunk = os.pread(self._fd, BUFFER_SIZE, offset)
                    if chunk != theirs.read(BUFFER_SIZE):
                        return False
                    if not chunk:
                        return True
                    offset += len(chunk)
        except OSError as exc:
            self.discard()
            raise cannot_write(self.target, exc) from None

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

    def prepare(self) -> None:
        """Write what is left and sync it: every byte is on disk under the temporary name,
        the target is not touched yet. Idempotent."""
        if self._prepared:
            return
        self._flush()
        try:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = None
            os.chmod(self.tmp, 0o644)
        except OSError as exc:
            self.discard()
            raise cannot_write(self.target, exc) from None
        self._prepared = True

    def commit(self) -> Path:
        """Write what is left, sync, and put the file in place of ``target``. Idempotent
        (a file committed by :func:`write_set` may be committed again by its owner)."""
        if self._committed:
            return self.target
        self.prepare()
        try:
            os.replace(self.tmp, self.target)
        except OSError as exc:
            self.discard()
            raise cannot_write(self.target, exc) from None
        self._committed = True
        self._created = []
        return self.target

    def discard(self) -> None:
        """Remove the temporary file (the target is untouched); safe to call twice, and
        a no-op once committed."""
        if self._committed:
            return
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
        for folder in self._created:
            try:
                folder.rmdir()  # only when empty: another file may live there by now
            except OSError:
                break
        self._created = []

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        if kind is not None:
            self.discard()


#: How long a temporary file must have been left untouched before another run removes it.
STALE_AFTER = 60.0


#: A temporary file's name: ``.NAME.PID-XXXXXXXX.tmp`` (see :class:`AtomicFile`).
_TEMPORARY = re.compile(r"\..+\.(\d+)-\w+\.tmp")


def sweep_stale(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files that killed runs left in ``folder``.

    A temporary file is named after the process writing it; it is removed when that process
    no longer runs and the file has not changed for :data:`STALE_AFTER` seconds (a live
    writer in another PID namespace keeps it fresh). Returns the files removed; a file that
    cannot be removed is left."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        try:
            if not match or _running(int(match[1])) or now - entry.stat().st_mtime < STALE_AFTER:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it runs, as another user
    return True


def holds(path: str | os.PathLike[str], data: bytes) -> bool:
    """True when the file ``path`` already holds exactly ``data`` (then it is not rewritten:
    its mtime stays, and a server's ETag with it)."""
    target = Path(path)
    try:
        return target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError as exc:
        raise cannot_write(target, exc) from None


def write_atomic(path: str | os.PathLike[str], data: bytes) -> bool:
    """Replace ``path`` with ``data`` through a temporary file and a rename.

    Returns False (and leaves the file untouched, mtime included) when it already holds
    exactly ``data``. A failure leaves the old file in place, removes the temporary file and
    raises WartaError (``path: cannot write: reason``).
    """
    return bool(write_set([(Path(path), data)]))


def write_set(files: Iterable[tuple[Path, bytes]], *, staged: Iterable[AtomicFile] = ()) -> list[Path]:
    """Write files that belong together; return the paths whose bytes changed.

    Every changed file (and each AtomicFile of ``staged``, filled by the caller) is written
    and synced under its temporary name before any is renamed over its target: a full disk
    or a refused permission while writing (one WartaError, ``path: cannot write: reason``)
    leaves every old file as it was and no temporary file behind. Only a rename failing
    midway (rare: same folder, no new space needed) can leave the set mixed; each file is
    still whole.
    """
    pending: list[AtomicFile] = []
    try:
        for path, data in files:
            if holds(path, data):
                continue
            file = AtomicFile(path)
            pending.append(file)
            file.write(data)
    except BaseException:
        for file in reversed(pending):
            file.discard()
        raise
    return commit_set(pending, staged=staged)


def commit_set(files: Iterable[AtomicFile], *, staged: Iterable[AtomicFile] = ()) -> list[Path]:
    """Put written files that belong together in place as one set (see :func:`write_set`);
    return the targets whose bytes changed. A file whose target already holds its bytes is
    discarded (the target is not touched: its mtime stays, and a server's ETag with it);
    ``staged`` files are always committed. On any failure every file is discarded."""
    pending = list(files)
    extra = list(staged)
    changed: list[AtomicFile] = []
    try:
        for file in pending:
            if file.same_as_target():
                file.discard()
                continue
            file.prepare()
            changed.append(file)
        for file in extra:
            file.prepare()
        for file in changed + extra:
            file.commit()
    except BaseException:
        for file in reversed(pending + extra):  # the last created first: folders empty out
            file.discard()
        raise
    return [file.target for file in changed]
