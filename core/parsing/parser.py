"""The Parser protocol: what a portal plugin registers to read documents.

A Parser is any object with these attributes; it can be tested without pluggy::

    class MyParser:
        name = "myportal"            # unique; what --parser NAME selects
        sites = ("myportal.co.id",)  # hosts it knows
        media_types = ("text/plain",)  # what it reads
        sniff_markers = ("MyPortal",)  # optional: one is in every page sniff can claim by text

        def sniff(self, doc: Document) -> float: ...   # 0.0 (not mine) .. 1.0 (surely mine)
        def parse(self, doc: Document) -> list[Article]: ...

Optional attributes: ``max_score`` (the most ``sniff`` returns; a parser that cannot beat the
best score so far is not asked) and ``sniff_markers``, literal strings matched anywhere in the
text ignoring case: on a page whose host is not one of ``sites``, ``sniff`` returns 0 unless
one of them occurs, so the engine asks it only about pages holding one
(:mod:`warta.parsing.sniffindex`; None, the default: asked about every page; ``()``: claims
pages by host only). They are not Protocol members, so objects without them stay Parsers.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from ..reading.document import Document
from ..model import Article

#: Sniff scores, by convention. A portal plugin that sees its host in the URL returns
#: ``SURE``; one that sees its own markers in the text ``LIKELY``; the generic parsers stay
#: at or below ``FALLBACK`` so that any portal plugin wins over them.
SURE = 1.0
LIKELY = 0.8
POSSIBLE = 0.5
FALLBACK = 0.1


@runtime_checkable
class Parser(Protocol):
    name: str
    sites: tuple[str, ...]
    media_types: tuple[str, ...]

    def sniff(self, doc: Document) -> float:
        """How sure this parser is that ``doc`` is one of its pages (0..1)."""
        ...

    def parse(self, doc: Document) -> list[Article]:
        """Read ``doc`` into articles (an article page gives one, an index page many).

        Raise :class:`warta.WartaError` with a sentence when the document cannot be read;
        put what was missing or guessed into each article's ``notes``.
        """
        ...
