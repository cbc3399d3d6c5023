"""Bylines printed in a page's HTML, for pages whose metadata names no author.

Portals print credits in small elements: ``<span itemprop="author">``, ``<div class="author">
Bagus Kurniawan - detiknews</div>``, ``<div class="byline">Pewarta: <span>Nur Imansyah</span>``,
``<div class="nmreporter"><div>Penulis: X</div> Editor: Y</div>``, ``Oleh : X``. This module
reads them into :class:`Author` objects; labelled credits keep their role ("Editor" →
editor), a bare name is the writer.
"""

from __future__ import annotations

import re

import lxml.html

from ..model import Author
from .textkit import CREDIT_ROLES, credit_line
from ..reading.textnorm import squash
from .patterns import lazy_compile

_CLASS = lazy_compile(r"author|byline|reporter|penulis|editor|writer", re.IGNORECASE)
# Elements whose "author" is someone else's: comments, related lists, sidebars, photo credits.
_ELSEWHERE = lazy_compile(r"comment|komentar|related|terkait|sidebar|popular|populer|photo|foto|caption|image|gallery",
                        re.IGNORECASE)
_SKIPPED_TAGS = {"aside", "footer", "nav", "script", "style", "noscript", "form"}
_LABELS = "|".join(sorted(CREDIT_ROLES, key=len, reverse=True))
# Split "Penulis: X Editor: Y" before each label.
_BEFORE_LABEL = lazy_compile(rf"\s+(?=(?:{_LABELS})\s*:)", re.IGNORECASE)
_OLEH = lazy_compile(r"^(?:Oleh|By)\s*:?\s+", re.IGNORECASE)
# "Bagus Kurniawan - detiknews", "Andi Saputra | Kompasiana": the outlet after the name.
_OUTLET_TAIL = lazy_compile(r"\s+[-–—|]\s+\S+$")
_NAME = lazy_compile(
    r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|bin|binti|van|von|de|da|di|al|el))*$"
)
_TRAILING_LABEL = lazy_compile(rf"^(?P<name>.+?)\s+(?P<label>{_LABELS})$", re.IGNORECASE)
_MAX_TEXT = 200
_MAX_AUTHORS = 6


def byline_authors(tree: lxml.html.HtmlElement) -> list[Author]:
    """The credits printed in byline elements, in page order, each name once; failing those,
    labelled credit lines standing alone in small elements ("Penulis: X", "Editor: Y")."""
    found: list[Author] = []
    read: list[lxml.html.HtmlElement] = []  # bylines that gave a name: skip what is inside
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        marked = element.get("itemprop") == "author" or _CLASS.search(element.get("class") or "")
        if not marked or any(a is r for a in element.iterancestors() for r in read) or _elsewhere(element):
            continue
        authors = _read(element)
        if authors:
            read.append(element)
            found.extend(authors)
    if not found:
        found = [a for a in (_alone(el) for el in tree.iter("div", "p", "span", "li")) if a]
    return _unique(found)[:_MAX_AUTHORS]


def _alone(element: lxml.html.HtmlElement) -> Author | None:
    """A labelled credit that is the whole text of a childless element outside sidebars."""
    if len(element) or not element.text or len(element.text) > _MAX_TEXT:
        return None
    author = credit_line(_plain(element.text))
    if author is None or author.role == "photographer" or _elsewhere(element):
        return None
    return author


def _unique(authors: list[Author]) -> list[Author]:
    seen: set[str] = set()
    out = []
    for author in authors:
        key = author.name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(author)
    return out


def _elsewhere(element: lxml.html.HtmlElement) -> bool:
    node: lxml.html.HtmlElement | None = element
    while node is not None:
        if not isinstance(node.tag, str):
            return True
        if (node.tag in _SKIPPED_TAGS or _ELSEWHERE.search(node.get("class") or "")
                or _ELSEWHERE.search(node.get("id") or "")):
            return True
        node = node.getparent()
    return False


def _plain(text: str) -> str:
    return squash(" ".join(text.split()))


def _read(element: lxml.html.HtmlElement) -> list[Author]:
    text = _plain(" ".join(element.itertext()))
    if not text or len(text) > _MAX_TEXT:
        return []
    authors = [a for a in (credit_line(part) for part in _BEFORE_LABEL.split(text)) if a]
    if authors:
        return authors
    name = _OUTLET_TAIL.sub("", _OLEH.sub("", text)).strip(" ,")
    label = None
    m = _TRAILING_LABEL.match(name)
    if m:  # "Isna Rifka Sri Rahayu Penulis", "Fakhrizal Fakhri Jurnalis"
        name, label = m["name"], m["label"]
    if _NAME.match(name) and 1 <= len(name.split()) <= 6:
        role = CREDIT_ROLES[label.lower()] if label else "writer"
        return [Author(name=name, role=role, label=label)]
    return []


__all__ = ["byline_authors"]
