"""The sanitised ``content_html`` of a saved Kompas page and what is cut from it: the
noise inside a body container (ads, share bars, related boxes, credits, photos: by class
name) and the "JAKARTA, KOMPAS.com -" dateline at its start."""

from __future__ import annotations

import re

import lxml.html

from warta.parsing.htmlrender import sanitize
from warta.textkit import lazy_compile, related_title
from warta.textnorm import squash

#: Class-name starts inside a body container that are never article text.
NOISE_CLASS = lazy_compile(
    r"^(?:ads?\b|ads?[-_]|adv|gpt|div-gpt|iklan|social|share|sosmed|kcm-social|kcm-read-terkait"
    r"|terkait|related|berita-terkait|kcm-read-copy|penulis-editor|read__credit|credit|tag"
    r"|kcm-tag|paging|read__paging|photo|video|comment|komentar|span2|fb-|twitter"
    r"|kcm-read-bottom|read__related|lihat-foto|clearfix-ads|kompasidpaywall|baca-juga|widget"
    r"|kompas-widget|nps|editor-choices|advertorial)",
    re.IGNORECASE,
)
# "JAKARTA, KOMPAS.com - ", "KOMPAS.com -", "Kompasiana -": the dateline that opens the text.
DATELINE = lazy_compile(
    r"^(?:(?P<city>[^\W\d][^,–—\-]{0,40}?)\s*,\s*)?"
    r"(?P<brand>KOMPAS\.com|Kompas\.com|Kompas[A-Z]\w+|KOMPAS\.TV|Kompas\.id)\s*[-–—:]+\s*",
)


def content_html(container: lxml.html.HtmlElement, base_url: str | None) -> str:
    """The body ``container``'s sanitised HTML: noise elements, scripts and "Baca juga"
    paragraphs dropped, the dateline cut off (:func:`cut_dateline`), URLs made absolute
    against ``base_url``."""
    copy = lxml.html.fromstring(lxml.html.tostring(container, encoding="unicode"))
    for el in list(copy.iter()):
        if not isinstance(el.tag, str) or el is copy:
            continue
        if is_noise(el) or el.tag in ("script", "style", "iframe", "ins", "noscript", "form"):
            _drop(el)
        elif el.tag == "p" and related_title(squash(el.text_content())):
            _drop(el)
    cut_dateline(copy)
    return sanitize(lxml.html.tostring(copy, encoding="unicode"), base_url)


def is_noise(el: lxml.html.HtmlElement) -> bool:
    """An element whose class or id says it is not article text (:data:`NOISE_CLASS`)."""
    classes = (el.get("class") or "").split() + [el.get("id") or ""]
    return any(NOISE_CLASS.match(c) for c in classes if c)


def cut_dateline(copy: lxml.html.HtmlElement) -> None:
    """Cut the dateline (``<strong>JAKARTA, KOMPAS.com</strong> - ``, or the brand alone) off
    the start of the content, or of one of its first paragraphs (a caption may come first),
    markup kept around the rest, as the HTML parser (``kompas_html``) does for the body blocks (the
    city is the record's ``dateline``). An element the cut leaves empty goes."""
    for holder in [copy, *list(copy.iter("p"))[:3]]:
        m = DATELINE.match(squash(holder.text_content()))
        if not m:
            continue
        need = len(re.sub(r"\s", "", m.group(0)))
        touched = []
        for el, attr in _text_pieces(holder, top=True):
            value = getattr(el, attr) or ""
            cut = 0
            while cut < len(value) and need:
                need -= bool(squash(value[cut]))  # spaces and invisible characters not counted
                cut += 1
            if cut:
                setattr(el, attr, value[cut:].lstrip() or None)
                touched.append(el)
            if not need:
                break
        for el in touched:
            if (el is not holder and el.getparent() is not None and not squash(el.text_content())
                    and el.tag not in ("br", "img", "hr") and el.find(".//img") is None):
                el.drop_tree()  # the tail (the text after it) stays
        return


def _text_pieces(el: lxml.html.HtmlElement, *, top: bool = False):  # noqa: ANN202
    """``(element, "text" | "tail")`` for the text of ``el``'s subtree in reading order."""
    yield el, "text"
    for child in el:
        if isinstance(child.tag, str):
            yield from _text_pieces(child)
        elif child.tail is not None:
            yield child, "tail"
    if not top:
        yield el, "tail"


def _drop(el: lxml.html.HtmlElement) -> None:
    parent = el.getparent()
    if parent is not None:
        el.drop_tree()
