"""Reading schema.org JSON-LD from news pages.

:func:`json_ld` finds every JSON-LD object on a page (top-level lists and ``@graph``
flattened; a script that is not valid JSON retried without control characters and trailing
commas, then skipped); :func:`ld_articles` keeps the NewsArticle-like ones
(:data:`ARTICLE_TYPES`); :func:`ld_text`, :func:`ld_names` and :func:`ld_keywords` read a
value of any shape the pages give.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import lxml.html
from .patterns import lazy_compile

#: schema.org types that describe one news article.
ARTICLE_TYPES = frozenset(
    {
        "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
        "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting",
        "LiveBlogPosting", "Report", "SatiricalArticle", "TechArticle",
    }
)
_LD_SCRIPT = "//script[@type and contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]"
_CONTROL = lazy_compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TRAILING_COMMA = lazy_compile(r",\s*([}\]])")


def json_ld(tree: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, flattened (top-level lists and ``@graph``).

    A script that is not valid JSON is retried without control characters and trailing
    commas (common in hand-templated pages), then skipped; so is one nested too deeply for
    Python to read (5,000 "[" in a row): the rest of the page is still read.
    """
    objects: list[dict[str, Any]] = []
    for script in tree.xpath(_LD_SCRIPT):
        try:
            data = _load_json(script.text or "")
            if data is not None:
                objects.extend(_flatten(data))
        except RecursionError:
            continue
    return objects


def _load_json(text: str) -> Any:
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    if not text:
        return None
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text))):
        try:
            return json.loads(candidate)
        except ValueError:
            continue
    return None


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        graph = data.get("@graph")
        if isinstance(graph, list):
            yield from _flatten(graph)
        if "@type" in data:
            yield data


def ld_types(obj: dict[str, Any]) -> set[str]:
    """The object's ``@type`` values as a set of short names (``schema:NewsArticle`` -> ``NewsArticle``)."""
    raw = obj.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if v}


def ld_articles(objects: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The objects whose type is one of :data:`ARTICLE_TYPES`, in page order."""
    return [obj for obj in objects if ld_types(obj) & ARTICLE_TYPES]


def ld_text(value: Any) -> str | None:
    """A plain string from a JSON-LD value (a string, the first of a list, or a ``name``)."""
    if isinstance(value, list):
        for item in value:
            text = ld_text(item)
            if text:
                return text
        return None
    if isinstance(value, dict):
        return ld_text(value.get("name") or value.get("@value"))
    if isinstance(value, (str, int, float)) and str(value).strip():
        return str(value).strip()
    return None


def ld_names(value: Any) -> list[str]:
    """Person or organisation names from an ``author`` / ``editor`` value (any shape)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, list):
            names.extend(ld_names(name))
        elif isinstance(name, str) and name.strip() and name.strip() not in names:
            names.append(name.strip())
    return names


def ld_keywords(value: Any) -> list[str]:
    """Tags from a ``keywords`` value (a comma-separated string or a list)."""
    if isinstance(value, list):
        items = [str(v) for v in value]
    elif isinstance(value, str):
        items = value.split(",")
    else:
        return []
    return _unique(item.strip() for item in items)


def _unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen
