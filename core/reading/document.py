"""Document: one loaded input, decoded, before any parser has looked at it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

_SURROGATE = re.compile("[\ud800-\udfff]")

#: Where ``Document.captured`` was read: ``mhtml`` the ``Date:`` header of an MHTML archive
#: (the browser's clock when it saved the page); ``singlefile`` the "saved date" in the
#: comment SingleFile puts at the top of a page it saved; ``warc`` the ``WARC-Date`` of a web
#: archive's record (when the crawler fetched the page).
CAPTURE_SOURCES = ("mhtml", "singlefile", "warc")


def record_path(path: str) -> str:
    """``path`` as valid Unicode, the form records keep in ``Article.input``.

    A file name that is not UTF-8 reaches Python with each undecodable byte as a lone
    surrogate (``os.fsdecode``); no JSON or XML writer can encode that. Each such byte is
    written ``\\xNN`` instead (``bad\\xffname.txt``), any other lone surrogate ``\\uNNNN``:
    stable from run to run and readable. Every other path comes back unchanged.
    """
    if path.isascii() or not _SURROGATE.search(path):
        return path
    return _SURROGATE.sub(_escape_surrogate, path)


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


@dataclass(slots=True)
class Document:
    """What a loader hands to the parsers.

    ``text`` is the decoded text; ``media_type`` is ``text/plain`` or ``text/html``;
    ``path`` names the input (``-`` for standard input) as the system knows it, undecodable
    bytes of the name included (:attr:`input_name` is the form records keep); ``url`` is the page's own URL when
    the user gave it (``--url``) or the file carried it (canonical link, "saved from" comment).
    ``notes`` carries what the loader noticed (repaired mojibake, guessed encoding) into the
    records parsed from this document. ``captured`` is when the page was saved, where the
    file says so (always time-zone aware), and ``captured_source`` where that was read (one
    of :data:`CAPTURE_SOURCES`); both None otherwise.
    """

    text: str
    media_type: str = "text/plain"
    path: str = "-"
    url: str | None = None
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)
    captured: datetime | None = None
    captured_source: str | None = None
    _host: str | None = field(default=None, init=False, repr=False)

    @property
    def input_name(self) -> str:
        """``path`` as records keep it (``Article.input``): valid Unicode, see :func:`record_path`."""
        return record_path(self.path)

    @property
    def is_html(self) -> bool:
        return self.media_type == "text/html"

    @property
    def host(self) -> str:
        """The lower-cased host of ``url`` (``""`` when no URL is known)."""
        if self._host is None:
            self._host = (urlsplit(self.url).hostname or "").lower() if self.url else ""
        return self._host

    def host_is(self, *domains: str) -> bool:
        """True when the URL's host is one of ``domains`` or a subdomain of one."""
        host = self.host
        return bool(host) and any(host == d or host.endswith("." + d) for d in domains)
