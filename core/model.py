"""The article record: what every parser produces and every writer reads.

The field names are part of warta's public interface (``warta parse`` prints them, the JSON
Schema in ``article.schema.json`` documents them). Do not rename them lightly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

#: Roles an author can have. ``label`` keeps the page's own word ("Penulis", "Tim Redaksi").
ROLES = ("writer", "editor", "contributor", "reporter", "photographer", "columnist", "translator")

#: Roles that make a person an author of the text; the others (editor, photographer,
#: translator) are contributors to it.
WRITER_ROLES = frozenset({"writer", "reporter", "columnist", "contributor"})

#: Kinds of body block.
BLOCK_KINDS = ("paragraph", "heading", "list_item", "quote")


@dataclass(slots=True)
class Author:
    """A person (or desk, such as "Tim Cek Fakta") credited on the page."""

    name: str
    role: str = "writer"
    label: str | None = None
    #: Extra words the credit carried: a contributor's city, a columnist's job title.
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "label": self.label, "detail": self.detail}


@dataclass(slots=True)
class Block:
    """One block of the body, in reading order."""

    kind: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text}


@dataclass(slots=True)
class Image:
    url: str | None = None
    caption: str | None = None
    credit: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "caption": self.caption, "credit": self.credit}


@dataclass(slots=True)
class Link:
    """A related article ("Baca juga"), or a headline of a list such as "Terkini Lainnya"."""

    title: str
    url: str | None = None
    section: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "url": self.url, "section": self.section}


@dataclass(slots=True)
class Article:
    """One article, as far as the page let us know it.

    ``published`` and ``updated`` are always timezone-aware (WIB is +07:00) or None.
    ``notes`` says what the parser could not find and what it inferred instead.
    """

    title: str | None = None
    id: str | None = None
    url: str | None = None
    site: str | None = None
    parser: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    authors: list[Author] = field(default_factory=list)
    section: str | None = None
    dateline: str | None = None
    source: str | None = None
    summary: str | None = None
    body: list[Block] = field(default_factory=list)
    content_html: str | None = None
    images: list[Image] = field(default_factory=list)
    related: list[Link] = field(default_factory=list)
    more: list[Link] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    language: str = "id"
    verdict: str | None = None
    page: int | None = None
    notes: list[str] = field(default_factory=list)
    input: str | None = None

    def note(self, message: str) -> None:
        """Record what was missing or inferred (once)."""
        if message not in self.notes:
            self.notes.append(message)

    def credits(self) -> tuple[list[Author], list[Author]]:
        """(authors of the text, other contributors such as editors), in page order."""
        writers = [a for a in self.authors if a.role in WRITER_ROLES]
        others = [a for a in self.authors if a.role not in WRITER_ROLES]
        return writers, others

    @property
    def text(self) -> str:
        """The body as plain text, blocks separated by blank lines."""
        return "\n\n".join(block.text for block in self.body)

    def to_dict(self) -> dict[str, Any]:
        """The JSON record (see ``article.schema.json``); datetimes as RFC 3339."""
        return {
            "input": self.input,
            "id": self.id,
            "url": self.url,
            "site": self.site,
            "parser": self.parser,
            "title": self.title,
            "published": _iso(self.published),
            "updated": _iso(self.updated),
            "authors": [a.to_dict() for a in self.authors],
            "section": self.section,
            "dateline": self.dateline,
            "source": self.source,
            "summary": self.summary,
            "body": [b.to_dict() for b in self.body],
            "content_html": self.content_html,
            "images": [i.to_dict() for i in self.images],
            "related": [r.to_dict() for r in self.related],
            "more": [m.to_dict() for m in self.more],
            "tags": list(self.tags),
            "language": self.language,
            "verdict": self.verdict,
            "page": self.page,
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an Article from its JSON record (the inverse of :meth:`to_dict`)."""
        return cls(
            input=data.get("input"),
            id=data.get("id"),
            url=data.get("url"),
            site=data.get("site"),
            parser=data.get("parser"),
            title=data.get("title"),
            published=_parse_iso(data.get("published")),
            updated=_parse_iso(data.get("updated")),
            authors=[Author(**a) for a in data.get("authors") or []],
            section=data.get("section"),
            dateline=data.get("dateline"),
            source=data.get("source"),
            summary=data.get("summary"),
            body=[Block(**b) for b in data.get("body") or []],
            content_html=data.get("content_html"),
            images=[Image(**i) for i in data.get("images") or []],
            related=[Link(**r) for r in data.get("related") or []],
            more=[Link(**m) for m in data.get("more") or []],
            tags=list(data.get("tags") or []),
            language=data.get("language") or "id",
            verdict=data.get("verdict"),
            page=data.get("page"),
            notes=list(data.get("notes") or []),
        )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"datetime without an offset: {value!r}")
    return parsed
