"""Credit lines and names in text: who wrote, edited or photographed an article.

Whole credit lines (``"Editor: Nama Orang"``: :func:`credit_line`, :func:`split_credits`,
the labels in :data:`CREDIT_ROLES`), a name printed alone on a line (:data:`PERSON_NAME`),
and the editor initials that close an article (``"(alg/sip)"``: :func:`split_initials`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Author
from .patterns import lazy_compile

#: Byline labels as pages print them, and the role each gives.
CREDIT_ROLES = {
    "penulis": "writer", "reporter": "reporter", "editor": "editor", "redaktur": "editor",
    "pewarta": "reporter", "jurnalis": "reporter", "kontributor": "contributor",
    "fotografer": "photographer", "foto": "photographer", "penerjemah": "translator",
    "writer": "writer", "author": "writer", "translator": "translator",
}
_CREDIT_LINE = lazy_compile(
    r"^(?P<label>" + "|".join(sorted(CREDIT_ROLES, key=len, reverse=True)) + r")\s*:\s*"
    r"(?P<name>[^:]{2,80}?)\s*$",
    re.IGNORECASE,
)

#: A person's name printed alone on a line: one to six capitalised words ("Sekar Ayu Lestari").
PERSON_NAME = lazy_compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,5}$")
_NOT_A_NAME = lazy_compile(r"[()/\d]|https?:|www\.", re.IGNORECASE)


def credit_line(line: str) -> Author | None:
    """An author from a whole line such as ``"Editor: Nama Orang"``, or None.

    The label keeps the page's word (capitalised as printed); the name must look like a name
    (no sentence punctuation, at most eight words).
    """
    m = _CREDIT_LINE.match(line.strip())
    if not m:
        return None
    name = m["name"].strip()
    if len(name.split()) > 8 or name.endswith((".", "!", "?")) or not name[:1].isalpha():
        return None
    if _NOT_A_NAME.search(name):  # "Foto: Kepala BMKG (Rengga/detik.com)" is a caption
        return None
    return Author(name=name, role=CREDIT_ROLES[m["label"].lower()], label=m["label"])


def split_credits(lines: Iterable[str]) -> tuple[list[str], list[Author]]:
    """Body lines apart from whole credit lines (``"Editor: Nama"``, see :func:`credit_line`).

    Returns the other lines, in order, and the authors the credit lines give.
    """
    rest: list[str] = []
    authors: list[Author] = []
    for line in lines:
        author = credit_line(line)
        if author:
            authors.append(author)
        else:
            rest.append(line)
    return rest, authors


# Editor initials that close an article: "(alg/sip)", "(hns/hns)", "(arh/" (cut), "(gil)",
# "(Adi/Yus)", "(Rmn/". Lower-case or capitalised parts only: "(26/7/2019)" and "(KPK/ICW)"
# are not initials.
_INITIALS_PART = r"(?:[a-z]{2,5}|[A-Z][a-z]{1,4})"
_INITIALS = lazy_compile(
    rf"(?:^|\s)\((?P<initials>{_INITIALS_PART}(?:/{_INITIALS_PART})*(?:/|/?\)))\s*$"
)


def split_initials(text: str) -> tuple[str, str | None]:
    """Cut editor initials such as ``(alg/sip)`` off the end of ``text``.

    Returns the text before them (may be ``""`` when the line held only the initials) and
    the initials (``"alg/sip"``), or ``(text, None)``. A single word in parentheses counts
    only when it is lower case (``"(gil)"``), so ``"(Persero)"`` is left alone.
    """
    m = _INITIALS.search(text)
    if not m:
        return text, None
    initials = m["initials"].rstrip(")")
    if "/" not in initials and not initials.islower():
        return text, None
    return text[: m.start()].rstrip(), initials.rstrip("/")
