"""SniffIndex: which parsers to ask about a document, found in one look at it.

Without an index every parser that reads a media type sniffs every document, so choosing a
parser costs more with every plugin installed. A parser may declare ``sniff_markers`` (see
:mod:`warta.parsing.parser`): literal strings, one of which is in the text of every page it
can claim unless the page's host is one of its ``sites``. The engine builds one index per
media type from its parsers: their hosts in a dict (a document's host and each parent domain
are looked up), their markers in one search over the case-folded text, made of a
trie-shaped regular expression per first character, so that the pass costs about the same
for 50 markers as for 500. For a document the index gives the parsers whose host or a marker
is there, and every parser that declares no markers, in the engine's order; the others would
have said 0, so the scores and the choice are the same as when every parser is asked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..errors import WartaError
from ..reading.document import Document

#: (name, parser, sites, max_score): how the engine lists the parsers of a media type.
Entry = tuple[str, Any, tuple[str, ...], float]

#: Fewer parsers than this declaring markers (for one media type): no index, they are all
#: asked (a pass over the text would cost more than what it saves).
MIN_INDEXED = 4


def declared_markers(parser: Any) -> tuple[str, ...] | None:
    """The parser's ``sniff_markers`` as a tuple; None when it declares none (it is always
    asked). A WartaError names the parser when they are not a collection of strings."""
    markers = getattr(parser, "sniff_markers", None)
    if markers is None:
        return None
    if not isinstance(markers, (tuple, list, set, frozenset)) or not all(
            isinstance(marker, str) for marker in markers):
        raise WartaError(f"the {getattr(parser, 'name', '?')} parser's sniff_markers must be a "
                         f"tuple of strings, not {markers!r}")
    return tuple(markers)


class SniffIndex:
    """The parsers of one media type (engine entries, in the engine's order), indexed by
    host and by sniff marker."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = list(entries)
        self._by_host: dict[str, list[int]] = {}
        self._by_marker: dict[str, list[int]] = {}
        self._always: list[int] = []
        marked = 0
        for i, (_name, parser, sites, _max) in enumerate(self.entries):
            for site in sites:
                self._by_host.setdefault(site, []).append(i)
            markers = declared_markers(parser)
            if markers is None or "" in markers:
                self._always.append(i)  # no markers (or an empty one, found everywhere)
                continue
            marked += 1
            for marker in markers:
                self._by_marker.setdefault(marker.casefold(), []).append(i)
        #: Whether documents are routed by the index (else every parser is asked).
        self.indexed = marked >= MIN_INDEXED
        groups: dict[str, list[str]] = {}
        for marker in self._by_marker:
            groups.setdefault(marker[0], []).append(marker)
        self._patterns = [re.compile(_trie(sorted(group))) for _, group in sorted(groups.items())]
        self._prefixes = {m: [p for p in self._by_marker if m.startswith(p)] for m in self._by_marker}
        self._hidden = {m: _hidden_in(m, groups[m[0]]) for m in self._by_marker}

    def owners(self, doc: Document, *, by_test: bool = False) -> list[Entry]:
        """The parsers whose ``sites`` hold the document's host or a domain above it: what
        ``doc.host_is(*sites)`` says, by lookups (``by_test``: by that test for each parser,
        as before the index)."""
        if by_test:
            return [entry for entry in self.entries if doc.host_is(*entry[2])]
        return [self.entries[i] for i in sorted(self._owned(doc.host))]

    def _owned(self, host: str) -> set[int]:
        picked: set[int] = set()
        if not host:
            return picked
        picked.update(self._by_host.get(host, ()))
        start = host.find(".")
        while start >= 0:
            picked.update(self._by_host.get(host[start + 1:], ()))
            start = host.find(".", start + 1)
        return picked

    def markers_in(self, text: str) -> set[str]:
        """Every declared marker (case-folded) that occurs in ``text``, case ignored."""
        folded = text.casefold()
        seen: set[str] = set()
        for pattern in self._patterns:
            seen.update(pattern.findall(folded))
        # A match hides the markers starting inside it; those found at its start are its prefixes.
        found = set(seen)
        for marker in seen:
            found.update(m for m in self._hidden[marker] if m not in found and m in folded)
        return {prefix for marker in found for prefix in self._prefixes[marker]}

    def candidates(self, doc: Document) -> list[Entry]:
        """The parsers to ask about ``doc``: those on its host, those with a marker in its
        text and those without markers, in the engine's order (all of them when the index
        is not used)."""
        if not self.indexed:
            return self.entries
        picked = set(self._always)
        for marker in self.markers_in(doc.text):
            picked.update(self._by_marker[marker])
        picked.update(self._owned(doc.host))
        return [self.entries[i] for i in sorted(picked)]


def _trie(words: list[str]) -> str:
    """One regular expression matching any of ``words`` (non-empty), the longest one where
    several start at the same place."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


def _hidden_in(marker: str, group: list[str]) -> list[str]:
    """The markers of ``group`` (same first character) that can start inside a match of
    ``marker``, after its first character: the search skips those places."""
    return [other for other in group
            if any(marker.startswith(other[0], k) and (marker[k:].startswith(other) or other.startswith(marker[k:]))
                   for k in range(1, len(marker)))]
