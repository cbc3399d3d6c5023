"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import WartaError


def write_atomic(path: str | os.PathLike[str], data: bytes) -> bool:
    """Replace ``path`` with ``data`` through a temporary file and a rename.

    Returns False (and leaves the file untouched, mtime included) when it already holds
    exactly ``data``. A failure leaves the old file in place and raises WartaError.
    """
    target = Path(path)
    try:
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
            raise
    except OSError as exc:
        raise WartaError(f"cannot write: {exc.strerror or exc}", path=str(target)) from None
    return True
