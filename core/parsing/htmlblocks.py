"""Body blocks from HTML: text in reading order, as paragraphs, headings, list items, quotes.

:func:`html_blocks` walks an article's container into :class:`HtmlBlock` objects (each with
the links inside it); :data:`BLOCK_TAGS` end a block and :data:`SKIP_TAGS` are never text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import lxml.html

from .htmlrender import absolute_url
from ..model import Link
from ..reading.textnorm import squash

#: Elements whose content is never article text (scripts, forms, media, the head).
SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "iframe", "ins", "form", "button", "svg", "select",
     "textarea", "object", "embed", "video", "audio", "canvas", "template", "head"}
)
BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "main", "aside", "header", "footer", "nav", "ul", "ol",
     "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "td", "th", "blockquote", "pre",
     "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "center", "address"}
)
_HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


@dataclass(slots=True)
class HtmlBlock:
    """A body block read from HTML: its kind, squashed text and the links inside it."""

    kind: str
    text: str
    links: list[Link] = field(default_factory=list)


def html_blocks(container: lxml.html.HtmlElement, *,
                skip: Callable[[lxml.html.HtmlElement], bool] | None = None,
                base_url: str | None = None) -> list[HtmlBlock]:
    """Blocks of text in reading order from ``container``.

    Block-level elements and ``<br>`` end a block; ``h2``-``h6`` give headings, ``li`` list
    items, ``blockquote`` quotes, and a paragraph that is only a short bold phrase a
    heading. Scripts, iframes, forms and what ``skip`` rejects are left out. Each block keeps
    the links inside it (absolute against ``base_url`` when given).
    """
    out: list[HtmlBlock] = []
    state = _BlockState(out, base_url)
    state.walk(container, skip, "paragraph")
    state.flush()
    return out


class _BlockState:
    __slots__ = ("out", "base_url", "parts", "links", "kind", "bold_only")

    def __init__(self, out: list[HtmlBlock], base_url: str | None) -> None:
        self.out = out
        self.base_url = base_url
        self.parts: list[str] = []
        self.links: list[Link] = []
        self.kind = "paragraph"
        self.bold_only = True

    def add(self, text: str | None, bold: bool) -> None:
        if text and text.strip():
            self.parts.append(text)
            if not bold:
                self.bold_only = False
        elif text:
            self.parts.append(" ")

    def flush(self) -> None:
        text = squash("".join(self.parts))
        if text:
            kind = self.kind
            if (kind == "paragraph" and self.bold_only and len(text) <= 90
                    and not text.endswith((".", ",", ":", ";", "-", "–", "—"))):
                kind = "heading"
            self.out.append(HtmlBlock(kind, text, self.links))
        self.parts = []
        self.links = []
        self.kind = "paragraph"
        self.bold_only = True

    def walk(self, el: lxml.html.HtmlElement, skip: Callable[[lxml.html.HtmlElement], bool] | None,
             kind: str, bold: bool = False) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        block = tag in BLOCK_TAGS
        if block:
            self.flush()
            if tag in _HEADING_TAGS:
                kind = "heading"
            elif tag == "li":
                kind = "list_item"
            elif tag == "blockquote":
                kind = "quote"
            self.kind = kind
        bold = bold or tag in ("strong", "b")
        self.add(el.text, bold)
        for child in el:
            ctag = child.tag if isinstance(child.tag, str) else ""
            if ctag == "br":
                self.flush()
                self.kind = kind
            elif ctag and ctag not in SKIP_TAGS and not (skip and skip(child)):
                if ctag == "a" and child.get("href"):
                    title = squash(child.text_content())
                    if title:
                        self.links.append(Link(title=title, url=_join(child.get("href"), self.base_url)))
                self.walk(child, skip, kind, bold)
                self.kind = kind
            self.add(child.tail, bold)
        if block:
            self.flush()


def _join(href: str, base_url: str | None) -> str | None:
    """A related link's absolute URL; None for in-page anchors and mail links."""
    if href.strip().lower().startswith(("#", "mailto:")):
        return None
    return absolute_url(href, base_url)
