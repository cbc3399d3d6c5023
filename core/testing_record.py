"""The Article record's checks for :mod:`warta.testing`: the JSON Schema
(``article.schema.json``), :func:`check_record` and :func:`check_jsonl`.

``jsonschema`` is imported only when a record is checked (``pip install 'warta[test]'``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .testing_rules import is_absolute, is_rfc3339, read_source

if TYPE_CHECKING:
    from .model import Article

INSTALL_HINT = "pip install 'warta[test]'"


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    """The JSON Schema of the Article record (``article.schema.json``, draft 2020-12)."""
    text = resources.files("warta").joinpath("article.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def _jsonschema() -> Any:
    try:
        import jsonschema
    except ImportError:
        raise ImportError(f"warta.testing needs jsonschema to check records: {INSTALL_HINT}") from None
    return jsonschema


@lru_cache(maxsize=1)
def _record_validator() -> Any:
    jsonschema = _jsonschema()
    cls = jsonschema.Draft202012Validator
    cls.check_schema(record_schema())
    return cls(record_schema(), format_checker=cls.FORMAT_CHECKER)


def _path(parts: Iterable[Any], root: str = "record") -> str:
    text = root
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def check_record(article: Article | dict[str, Any]) -> dict[str, Any]:
    """Assert that ``article`` (an Article or its dict) matches ``article.schema.json``.

    Also checks what a format checker may skip when its optional library is missing:
    dates are RFC 3339 with an offset, URLs are absolute. Returns the record (a dict).
    """
    record = article if isinstance(article, dict) else article.to_dict()
    errors = sorted(_record_validator().iter_errors(record), key=lambda e: list(map(str, e.absolute_path)))
    problems = [f"{_path(e.absolute_path)}: {e.message}" for e in errors]
    reported = {_path(e.absolute_path) for e in errors}
    for key in ("published", "updated"):
        value = record.get(key)
        if isinstance(value, str) and f"record.{key}" not in reported and not is_rfc3339(value):
            problems.append(f"record.{key}: {value!r} is not an RFC 3339 date-time with an offset")
    for where, value in _record_urls(record):
        if isinstance(value, str) and where not in reported and not is_absolute(value):
            problems.append(f"{where}: {value!r} is not an absolute http(s) URL")
    if problems:
        raise AssertionError("record does not match article.schema.json:\n  " + "\n  ".join(problems))
    return record


def _record_urls(record: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    yield "record.url", record.get("url")
    for key in ("images", "related", "more"):
        for index, item in enumerate(record.get(key) or []):
            if isinstance(item, dict):
                yield f"record.{key}[{index}].url", item.get("url")


def check_jsonl(source: str | Path | bytes) -> list[dict[str, Any]]:
    """Assert that every line of ``source`` is an Article record (:func:`check_record`) and
    that ids are unique; return the records."""
    records = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(read_source(source).decode("utf-8").splitlines(), start=1):
        if not raw.strip():
            raise AssertionError(f"line {number}: empty line in JSON Lines")
        try:
            record = json.loads(raw)
        except ValueError as exc:
            raise AssertionError(f"line {number}: not JSON: {exc}") from None
        try:
            check_record(record)
        except AssertionError as exc:
            raise AssertionError(f"line {number}: {exc}") from None
        if record["id"] is not None:
            if record["id"] in seen:
                raise AssertionError(f"line {number}: id {record['id']!r} repeats line {seen[record['id']]}")
            seen[record["id"]] = number
        records.append(record)
    return records
