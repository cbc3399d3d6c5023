"""An article's HTML content for feeds: rendered from its blocks, sanitised, URLs absolute."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urljoin, urlsplit

import nh3

from ..model import Article
from ..reading.textnorm import xml_safe
from .patterns import lazy_compile

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li",
    "ol", "p", "pre", "q", "s", "small", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
_URL_ATTRIBUTES = {("a", "href"), ("img", "src")}


#: Elements nested deeper than this are unwrapped before cleaning (their text is kept): the
#: cleaner's time grows with the square of the depth (20,000 nested <div>: 1.4 s), and no
#: article nests more than a few dozen. Parsed pages never come near it (lxml stops at 255).
MAX_DEPTH = 256
_TAG = lazy_compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})


def unnest(html: str, limit: int = MAX_DEPTH) -> str:
    """``html`` without the tags of elements nested deeper than ``limit`` (their text stays);
    unchanged (and cheap: one count) when it cannot be that deep. Linear in its length."""
    if html.count("<") <= limit:
        return html
    depth, kept, start = 0, [], 0
    for m in _TAG.finditer(html):
        if m.group(2).lower() in _VOID or m.group(0).endswith("/>"):
            continue
        if m.group(1):
            deep = depth > limit
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deep = depth > limit
        if deep:
            kept.append(html[start:m.start()])
            start = m.end()
    if not kept:
        return html
    kept.append(html[start:])
    return "".join(kept)


def sanitize(html: str, base_url: str | None = None) -> str:
    """Clean ``html`` for a feed: no script, style, iframe, form, event attributes or
    ``javascript:`` URLs; every link and image made absolute against ``base_url`` (a
    relative URL that cannot be resolved is dropped); elements nested deeper than
    :data:`MAX_DEPTH` unwrapped (:func:`unnest`)."""

    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if (tag, attribute) not in _URL_ATTRIBUTES:
            return value
        return absolute_url(value, base_url)

    cleaned = nh3.clean(
        unnest(xml_safe(html)),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        attribute_filter=attribute_filter,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return cleaned


# "http:http://host/x", "https:https://", "http:https://": a template that put the scheme in
# front of a URL that already had one.
_DOUBLED_SCHEME = lazy_compile(r"^(?:https?:(?!//))+(?=https?://)", re.IGNORECASE)


def repair_url(value: str) -> str:
    """``value`` without a scheme doubled by a page template (``http:http://x`` -> ``http://x``,
    ``http:https://x`` -> ``https://x``), trimmed; other values unchanged."""
    value = value.strip()
    return _DOUBLED_SCHEME.sub("", value) if value[:6].lower() in ("http:h", "https:") else value


def absolute_url(value: str, base_url: str | None) -> str | None:
    """``value`` (repaired by :func:`repair_url`) resolved against ``base_url``; None when it
    stays relative or is unsafe."""
    value = repair_url(value)
    if not value or value.lower().startswith(("javascript:", "data:", "vbscript:")):
        return None
    if value.startswith("//"):
        value = "https:" + value
    if urlsplit(value).scheme in ("http", "https", "mailto"):
        return value
    if base_url and urlsplit(base_url).scheme in ("http", "https"):
        return urljoin(base_url, value)
    return None


def render_body(article: Article) -> str:
    """HTML for ``article``: its own ``content_html`` when a parser gave one, else its blocks,
    lead image and the related links that have a URL; always sanitised."""
    if article.content_html:
        return sanitize(article.content_html, article.url)
    parts: list[str] = []
    for image in article.images[:1]:
        if image.url:
            caption = " ".join(x for x in (image.caption, image.credit and f"({image.credit})") if x)
            parts.append(
                f'<figure><img src="{escape(image.url)}" alt="{escape(image.caption or "")}">'
                + (f"<figcaption>{escape(caption)}</figcaption>" if caption else "")
                + "</figure>"
            )
    open_list = False
    for block in article.body:
        if block.kind == "list_item":
            if not open_list:
                parts.append("<ul>")
                open_list = True
            parts.append(f"<li>{escape(block.text)}</li>")
            continue
        if open_list:
            parts.append("</ul>")
            open_list = False
        text = escape(block.text)
        if block.kind == "heading":
            parts.append(f"<h3>{text}</h3>")
        elif block.kind == "quote":
            parts.append(f"<blockquote><p>{text}</p></blockquote>")
        else:
            parts.append(f"<p>{text}</p>")
    if open_list:
        parts.append("</ul>")
    # Only related links a reader can follow: a "Baca juga" title the page printed without its
    # link stays in the record's ``related`` but is no list of headlines in the content.
    linked = [r for r in article.related if r.title and r.url]
    if linked:
        items = "".join(f'<li><a href="{escape(r.url)}">{escape(r.title)}</a></li>' for r in linked)
        parts.append(f"<p>Baca juga:</p><ul>{items}</ul>")
    return sanitize("".join(parts), article.url)
