"""The one error type warta raises for problems a user can fix."""

from __future__ import annotations


class WartaError(Exception):
    """A user-facing problem: bad input, bad option, unwritable output.

    The CLI prints ``str(error)`` as one line (prefixed with ``path: `` when a path is known)
    and exits with ``exit_code``; it never shows a traceback for a WartaError.
    """

    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class UsageError(WartaError):
    """A mistake in how warta was called (exit status 2)."""

    exit_code = 2
