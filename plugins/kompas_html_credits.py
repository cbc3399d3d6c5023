"""Credits on a saved Kompas page: "Penulis : Nama" / "Editor : Nama" rows and pairs
(:data:`CREDIT_PAIR`, :func:`credit_rows`) and how one becomes an Author (:func:`add_credit`:
several names, a "Kontributor City, Name", no repeats)."""

from __future__ import annotations

import re

import lxml.html

from warta import Author
from warta.textkit import CREDIT_ROLES, lazy_compile
from warta.textnorm import squash

#: A label and its names ("Penulis : A, B"), up to the next label.
CREDIT_PAIR = lazy_compile(
    r"(?P<label>" + "|".join(sorted(CREDIT_ROLES, key=len, reverse=True)) + r"|sumber)"
    r"\s*:\s*(?P<value>[^:]+?)(?=\s+(?:" + "|".join(CREDIT_ROLES) + r"|sumber)\s*:|$)",
    re.IGNORECASE,
)
_CONTRIBUTOR = lazy_compile(r"^Kontributor\s+(?P<city>[^,]+?)\s*,\s*(?P<name>.+)$", re.IGNORECASE)


def credit_rows(el: lxml.html.HtmlElement) -> list[str]:
    """The text of each table row of a credit box, else of the whole box."""
    rows = [squash(tr.text_content()) for tr in el.iter("tr")]
    return [r for r in rows if r] or [squash(el.text_content())]


def add_credit(authors: list[Author], label: str, value: str) -> None:
    """Add the names in ``value`` to ``authors`` with the role ``label`` names (none: skipped)."""
    label = squash(label).rstrip(":").strip()
    role = CREDIT_ROLES.get(label.lower())
    if role is None:
        return
    for raw in re.split(r"\s*[,/&]\s*(?![^()]*\))|\s+dan\s+", squash(value)) if "Kontributor" not in value else [value]:
        name = raw.strip(" :,")
        detail = None
        m = _CONTRIBUTOR.match(name)
        if m:
            name, detail, role = m["name"].strip(), m["city"].strip(), "contributor"
        if name and not any(a.name == name and a.role == role for a in authors):
            authors.append(Author(name=name, role=role, label=label, detail=detail))
