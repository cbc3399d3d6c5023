"""The article record: what every parser produces and every writer reads.

The field names are part of warta's public interface (``warta parse`` prints them, the JSON
Schema in ``article.schema.json`` documents them). Do not rename them lightly.
"""

from __future__ import annotations

import re
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

#: Where ``published`` was read (``Article.published_source``):
#: ``page`` printed on the page or in its metadata; ``url`` the date (and time) the URL
#: encodes; ``url-draft`` a time the URL encodes that is when the article was drafted or
#: created, not published (detik, CNN Indonesia, CNBC Indonesia, Suara, SINDOnews);
#: ``text`` a weekday and date in the article's opening ("Selasa (30/12)"), the year taken
#: from the crawl or URL date when the text gives none: the day the reported events
#: happened, which publication rarely precedes.
PUBLISHED_SOURCES = ("page", "url", "url-draft", "text")
#: How much of ``published`` is known (``Article.published_precision``): ``time`` the clock
#: time too; ``day`` only the day (the time shown, 00:00 local, is a placeholder).
PRECISIONS = ("time", "day")
#: Where ``title`` comes from (``Article.title_source``): ``page`` the headline as printed;
#: ``url`` words of the URL's slug, the page printing no headline (an inferred title).
TITLE_SOURCES = ("page", "url")

_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_text(value: Any) -> Any:
    """``value`` with each lone surrogate (which no UTF-8 file can hold) replaced by U+FFFD;
    anything that is not a string is returned as it is."""
    if isinstance(value, str) and not value.isascii() and _SURROGATE.search(value):
        return _SURROGATE.sub("\ufffd", value)
    return value


def utf8(text: str) -> bytes:
    """``text`` as UTF-8, a lone surrogate written as U+FFFD instead of failing."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text).encode("utf-8")


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
    ``published_source`` and ``published_precision`` say how ``published`` is known (see
    :data:`PUBLISHED_SOURCES`, :data:`PRECISIONS`): a guess is never shown as a fact.
    ``captured`` is when the page was saved (the crawl prefix's day, an MHTML or SingleFile
    save date, a web archive record's WARC-Date), never a publication date; ``captured_source`` says how it is known.
    ``notes`` says what the parser could not find and what it inferred instead.
    """

    title: str | None = None
    id: str | None = None
    url: str | None = None
    site: str | None = None
    parser: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    published_source: str | None = None
    published_precision: str | None = None
    captured: datetime | None = None
    captured_source: str | None = None
    title_source: str | None = None
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

    def scrub(self) -> Article:
        """Replace lone surrogates in every string field with U+FFFD, in place (the writers
        and the store call it: an Article built through the API may hold them)."""
        for name in _TEXT_FIELDS:
            setattr(self, name, safe_text(getattr(self, name)))
        for author in self.authors:
            author.name, author.role = safe_text(author.name), safe_text(author.role)
            author.label, author.detail = safe_text(author.label), safe_text(author.detail)
        for block in self.body:
            block.kind, block.text = safe_text(block.kind), safe_text(block.text)
        for image in self.images:
            image.url, image.caption = safe_text(image.url), safe_text(image.caption)
            image.credit = safe_text(image.credit)
        for link in (*self.related, *self.more):
            link.title, link.url = safe_text(link.title), safe_text(link.url)
            link.section = safe_text(link.section)
        self.tags = [safe_text(t) for t in self.tags]
        self.notes = [safe_text(n) for n in self.notes]
        return self

    def check_types(self) -> Article:
        """Raise ValueError naming the first field whose value has the wrong type (a record
        edited by hand, or an Article built through the API with a number for a title)."""
        for name in _TEXT_FIELDS:
            _expect(getattr(self, name), str, name, optional=name != "language")
        for name, kind in (("published", datetime), ("updated", datetime), ("captured", datetime)):
            value = getattr(self, name)
            _expect(value, kind, name)
            if value is not None and value.utcoffset() is None:
                raise ValueError(f"{name} has no time zone")
        for name, allowed in (("published_source", PUBLISHED_SOURCES),
                              ("published_precision", PRECISIONS), ("title_source", TITLE_SOURCES)):
            value = getattr(self, name)
            if value is not None and value not in allowed:
                raise ValueError(f"{name}: expected one of {', '.join(allowed)}, got {value!r}")
        if self.page is not None and (isinstance(self.page, bool) or not isinstance(self.page, int)):
            raise ValueError(f"page: expected a whole number, got {type(self.page).__name__}")
        parts = (("authors", Author, ("name", "role"), ("label", "detail")),
                 ("body", Block, ("kind", "text"), ()),
                 ("images", Image, (), ("url", "caption", "credit")),
                 ("related", Link, ("title",), ("url", "section")),
                 ("more", Link, ("title",), ("url", "section")))
        for name, kind, required, optional in parts:
            items = getattr(self, name)
            _expect(items, list, name, optional=False)
            for index, item in enumerate(items):
                _expect(item, kind, f"{name}[{index}]", optional=False)
                for attribute in required:
                    _expect(getattr(item, attribute), str, f"{name}[{index}].{attribute}", optional=False)
                for attribute in optional:
                    _expect(getattr(item, attribute), str, f"{name}[{index}].{attribute}")
        for name in ("tags", "notes"):
            values = getattr(self, name)
            _expect(values, list, name, optional=False)
            for index, value in enumerate(values):
                _expect(value, str, f"{name}[{index}]", optional=False)
        return self

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
            "title_source": self.title_source,
            "published": _iso(self.published),
            "published_source": self.published_source,
            "published_precision": self.published_precision,
            "updated": _iso(self.updated),
            "captured": _iso(self.captured),
            "captured_source": self.captured_source,
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
            title_source=data.get("title_source"),
            published=_parse_iso(data.get("published")),
            published_source=data.get("published_source"),
            published_precision=data.get("published_precision"),
            updated=_parse_iso(data.get("updated")),
            captured=_parse_iso(data.get("captured")),
            captured_source=data.get("captured_source"),
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


_TEXT_FIELDS = ("title", "id", "url", "site", "parser", "section", "dateline", "source",
                "summary", "content_html", "language", "verdict", "input", "title_source",
                "published_source", "published_precision", "captured_source")


def _expect(value: Any, kind: type, name: str, *, optional: bool = True) -> None:
    if value is None and optional:
        return
    if not isinstance(value, kind):
        raise ValueError(f"{name}: expected {kind.__name__.lower()}, got {type(value).__name__}")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"datetime without an offset: {value!r}")
    return parsed
