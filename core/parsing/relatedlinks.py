"""Related links ("Baca juga: X") in text: whole lines, inline mentions, and cut tails.

A "Baca juga: X" line is a related link, not body text (:func:`related_title`); "(Baca juga:
X)" inside a paragraph is cut out of it into a link (:func:`pull_inline_related`); and what
the end of a saved page leaves of its related-links box (a cut "Baca j", a heading over bare
headlines) is dropped from a body or read as links (:func:`drop_cut_tail`).
"""

from __future__ import annotations

import re

from ..model import Article, Link
from ..reading.textnorm import squash
from .patterns import lazy_compile

# "Baca juga: X", "Baca Juga : X", "Baca: X", "Baca berita selengkapnya: X",
# "Selengkapnya baca juga: X", "Baca review selengkapnya: X", "Simak juga: X" ...
RELATED_LINE = lazy_compile(
    r"^\s*(?:\(\s*)?(?:"
    r"baca(?:\s+(?:juga|pula|berita|artikel|review|selengkapnya))*"
    r"|selengkapnya\s+baca(?:\s+juga)?"
    r"|simak(?:\s+juga)?|lihat\s+juga|artikel\s+terkait|berita\s+terkait"
    r")\s*:\s*(?P<title>.+?)\s*\)?\s*$",
    re.IGNORECASE,
)
# "(Baca juga: X)" / "(baca: X)" inside a paragraph.
INLINE_RELATED = lazy_compile(
    r"\s*\(\s*(?:baca(?:\s+juga)?|simak(?:\s+juga)?|lihat\s+juga)\s*:\s*(?P<title>[^()]+?)\s*\)\s*",
    re.IGNORECASE,
)


def related_title(line: str) -> str | None:
    """The linked title of a "Baca juga: X"-style line, or None when it is not one."""
    m = RELATED_LINE.match(line)
    if not m:
        return None
    title = m.group("title").strip()
    return title or None


def pull_inline_related(text: str) -> tuple[str, list[Link]]:
    """Remove "(Baca juga: X)" from inside ``text``; return the text and the links."""
    links: list[Link] = []

    def take(m: re.Match[str]) -> str:
        links.append(Link(title=m.group("title").strip()))
        return " "

    cleaned = INLINE_RELATED.sub(take, text)
    return (squash(cleaned) if links else text), links


#: What is left of a "Baca juga" line cut off at the end of a saved page: "Baca j", "Baca",
#: "Baca juga", "Baca juga:" (a "Baca juga: Judul yang ter" tail is cut too: its title is
#: a fragment, see :func:`drop_cut_tail`).
_CUT_RELATED = lazy_compile(r"^\(?\s*baca(?:\s+j(?:u(?:g(?:a)?)?)?)?\s*:?\s*\)?$", re.IGNORECASE)


#: A "Baca juga" heading over a list of titles: "Baca juga:", "BACA JUGA", "Simak juga:",
#: "Baca berita lainnya:", "(Baca juga)".
_RELATED_HEADING = lazy_compile(
    r"^\(?\s*(?:baca|simak|lihat)(?:\s+(?:juga|pula|berita|artikel))*(?:\s+(?:lainnya|terkait))?\s*:?\s*\)?$",
    re.IGNORECASE,
)
#: The most titles a trailing "Baca juga" list holds, and the longest title in it.
RELATED_TAIL_TITLES = 12
_TITLE_LENGTH = 160


def drop_cut_tail(article: Article) -> None:
    """Drop what the end of a saved page leaves of its "Baca juga" links, with a note.

    A "Baca juga" line cut off at the end ("Baca j", "Baca juga:", "Baca juga: Judul yang
    ter") is neither text nor a usable link: it goes. A trailing run of a "Baca juga" heading
    and the headlines under it (at most :data:`RELATED_TAIL_TITLES` short lines, none holding
    a sentence break) is the page's related-links box printed without its links: the
    headlines become related links (no URL) and leave the body.
    """
    body = article.body
    while body and (_CUT_RELATED.match(body[-1].text)
                    or (len(body) > 1 and related_title(body[-1].text))):
        article.note(f"the cut related-link line {body[-1].text[:60]!r} at the end of the body left out")
        body.pop()
    start = max(1, len(body) - RELATED_TAIL_TITLES - 1)
    heading = next((i for i in range(len(body) - 2, start - 1, -1)
                    if _RELATED_HEADING.match(body[i].text)), None)
    if heading is None:
        return
    titles = [block.text for block in body[heading + 1:]]
    if not all(len(t) <= _TITLE_LENGTH and not _SENTENCE_BREAK.search(t) for t in titles):
        return
    known = {link.title for link in article.related}
    article.related.extend(Link(title=t) for t in titles if t not in known)
    article.note(f"the {len(titles)} headline(s) under {body[heading].text!r} at the end of the body "
                 "read as related links")
    del body[heading:]


_SENTENCE_BREAK = lazy_compile(r"[.!?][\"”’']?\s+[A-Z\"“]")
