"""The one error type warta raises for problems a user can fix, and how paths are shown in it."""

from __future__ import annotations

import os
import re

# Line breaks and the other characters that would let a message span or rewrite lines.
_LINE_BREAKS = re.compile(r"\s*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+\s*")
# What is left that a terminal would act on (escape sequences, backspace) or cannot show.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x9f\ud800-\udfff]")


def _escaped(ch: str) -> str:
    """One character of a path as :func:`display_path` shows it inside its quotes."""
    if ch == "\\":
        return "\\\\"
    if ch == "'":
        return "\\'"
    if ch.isprintable():
        return ch
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        # A byte that is not UTF-8 in a file name (os.fsdecode's surrogateescape): the byte.
        return f"\\x{code - 0xDC00:02x}"
    return repr(ch)[1:-1]


def display_path(path: str) -> str:
    """``path`` as it can be shown on one line of a terminal, a log or an error file.

    A printable path comes back unchanged. One holding anything that could break or forge a
    line (newlines, carriage returns, other control characters, line separators, lone
    surrogates: the undecodable bytes of a non-UTF-8 file name) comes back quoted like a
    Python string literal, each such character escaped (``'bad\\xffname.txt'``,
    ``'two\\nlines.txt'``), so that it can never pass for something else.
    """
    if path.isprintable():
        return path
    return "'" + "".join(map(_escaped, path)) + "'"


def one_line(text: str) -> str:
    """``text`` with every line break (and the space around it) made one space, and the
    control characters and lone surrogates left escaped as :func:`display_path` does."""
    if text.isprintable():
        return text
    return _CONTROLS.sub(lambda m: _escaped(m.group()), _LINE_BREAKS.sub(" ", text).strip())


class WartaError(Exception):
    """A user-facing problem: bad input, bad option, unwritable output.

    The CLI prints ``str(error)`` as one line (prefixed with ``path: `` when a path is known,
    the path shown by :func:`display_path`) and exits with ``exit_code``; it never shows a
    traceback for a WartaError.
    """

    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        message = one_line(str(self.message))
        return f"{display_path(self.path)}: {message}" if self.path else message


class UsageError(WartaError):
    """A mistake in how warta was called (exit status 2)."""

    exit_code = 2


#: The longest excerpt of an unexpected exception's message kept in the one-line error.
FAILURE_TEXT_LIMIT = 200


def debugging() -> bool:
    """True when ``WARTA_DEBUG=1``: unexpected exceptions are re-raised as they are (with
    their traceback) instead of becoming one-line WartaErrors. For developers of plugins."""
    return os.environ.get("WARTA_DEBUG", "") == "1"


def failure(what: str, exc: BaseException, *, path: str | None = None) -> WartaError:
    """A one-line WartaError for an unexpected exception ``exc`` raised by ``what``
    (``"the kompas-html parser"``): ``"<what> failed: ValueError: <first line>"``."""
    if isinstance(exc, RecursionError):
        return WartaError("page is nested too deeply to read", path=path)
    lines = str(exc).strip().splitlines()
    text = one_line(lines[0]) if lines else ""
    if len(text) > FAILURE_TEXT_LIMIT:
        text = text[: FAILURE_TEXT_LIMIT - 1] + "…"
    name = type(exc).__name__
    return WartaError(f"{what} failed: {name}: {text}" if text else f"{what} failed: {name}", path=path)


__all__ = ["WartaError", "UsageError", "debugging", "display_path", "failure", "one_line"]
