"""Document: one loaded input, decoded, before any parser has looked at it."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass(slots=True)
class Document:
    """What a loader hands to the parsers.

    ``text`` is the decoded text; ``media_type`` is ``text/plain`` or ``text/html``;
    ``path`` names the input (``-`` for standard input); ``url`` is the page's own URL when
    the user gave it (``--url``) or the file carried it (canonical link, "saved from" comment).
    ``notes`` carries what the loader noticed (repaired mojibake, guessed encoding) into the
    records parsed from this document.
    """

    text: str
    media_type: str = "text/plain"
    path: str = "-"
    url: str | None = None
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)
    _host: str | None = field(default=None, init=False, repr=False)

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
