"""Body rules: one portal's knowledge of its article bodies, applied to its pages in any format.

:class:`BodyRules` (junk and footer lines, closing credits, the portal's dateline) cleans an
article's body; :data:`CLOSING_LINES` are the copyright and disclaimer lines every portal
closes a page with; :func:`portal_rules_hook` makes a ``clean_article`` hook that applies a
portal's rules to its pages a generic parser read (saved HTML of a portal without an HTML
parser of its own).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .boilerplate import COMMON_BOILERPLATE, Boilerplate
from .credits import credit_line
from .datelines import cut_dateline
from .patterns import AnyPattern
from ..model import Article, Author
from .relatedlinks import drop_cut_tail

#: Lines that close a page on every portal and are never article text: a copyright line
#: ("Copyright @ 2026 Media Group ...", "© 2007 - 2015 okezone.com, All Rights Reserved",
#: "COPYRIGHT © ANTARA 2015", "2024 © PT ..."), "All Rights Reserved", and the comment-box
#: disclaimer ("Disclaimer : Komentar adalah tanggapan pribadi ..."). Each is dropped as a
#: line (a photo credit "© Reuters" in mid-body goes too, but nothing around it).
CLOSING_LINES = Boilerplate(
    patterns=[
        r"^(?:copyright\b|Â?©|\(c\)\s*\d{4}).{0,160}$",
        r"^\d{4}(?:\s*-\s*\d{4})?\s*Â?©.{0,100}$",
        r"^.{0,100}\ball rights reserved\b\.?$",
        r"^Disclaimer\s*:\s*Komentar\b",
    ],
)


class BodyRules:
    """What a portal knows about the text of its article pages, whatever the format.

    ``junk``: lines that are never article text (dropped wherever they stand); ``footer``:
    lines where the article has ended (the line and everything below it dropped, once some
    article text came first); ``closing_credits``: the portal's own way of crediting people in
    the lines that close an article (Tempo's reporter in capitals, JPNN's "Redaktur & Reporter :
    Nama"), a function from a line to the authors it names (empty when it names none);
    ``opening``: the portal's dateline at the start of the first paragraph (a ``city`` group
    when it names one, see :func:`cut_dateline`), cut when no dateline was read yet or the one
    read is the portal's ``brand`` ("VIVA – " is no city). A
    portal's text parser reads its dumps with the same knowledge; for its pages read by a
    generic parser (saved HTML of a portal with no HTML parser of its own), the portal plugin
    applies these rules through :func:`portal_rules_hook`. :meth:`apply` also drops
    :data:`CLOSING_LINES`, takes whole credit lines (``"Editor: Nama"``) into the authors,
    and drops a cut "Baca j" tail (:func:`drop_cut_tail`).
    """

    __slots__ = ("junk", "footer", "closing_credits", "opening", "brand")

    def __init__(self, junk: Boilerplate = COMMON_BOILERPLATE, footer: Boilerplate | None = None,
                 closing_credits: Callable[[str], list[Author]] | None = None,
                 opening: AnyPattern | None = None, brand: str | None = None) -> None:
        self.junk = junk + CLOSING_LINES
        self.footer = footer
        self.closing_credits = closing_credits
        self.opening = opening
        self.brand = brand.upper() if brand else None

    def apply(self, article: Article) -> None:
        """Clean ``article``'s body in place (idempotent), with a note for each kind of cut."""
        body = article.body
        end = next((i for i, block in enumerate(body)
                    if i and self.footer.matches(block.text)), None) if self.footer else None
        if end is not None:
            article.note(f"{len(body) - end} block(s) from the footer line {body[end].text[:60]!r} "
                         "on are not article text")
            body = body[:end]
        kept = []
        for block in body:
            if self.junk.matches(block.text):
                article.note(f"boilerplate line left out of the body: {block.text[:60]!r}")
                continue
            author = credit_line(block.text) if block.kind == "paragraph" else None
            if author:
                _credit(article, [author], block.text)
                continue
            kept.append(block)
        while self.closing_credits and len(kept) > 1 and kept[-1].kind == "paragraph":
            authors = self.closing_credits(kept[-1].text)
            if not authors:
                break
            _credit(article, authors, kept.pop().text)
        if self.brand and article.dateline and article.dateline.upper() == self.brand:
            article.note(f"{article.dateline!r} opening the body is the portal's name, not a dateline")
            article.dateline = None
        article.body = kept
        if self.opening and article.dateline is None:
            cut_dateline(article, self.opening)
        drop_cut_tail(article)


def _credit(article: Article, authors: list[Author], line: str) -> None:
    """Add ``authors`` a credit ``line`` names (each name and role once), with a note."""
    for author in authors:
        if all(a.name.casefold() != author.name.casefold() or a.role != author.role for a in article.authors):
            article.authors.append(author)
    article.note(f"the credit line {line!r} read as an author, not body text")


#: The parsers that read pages of any portal; a portal's :class:`BodyRules` apply to their
#: articles whose URL is on one of the portal's hosts.
GENERIC_PARSERS = frozenset({"generic-html", "generic-text"})


def portal_rules_hook(hosts: Sequence[str], rules: BodyRules):  # noqa: ANN201 - a hook implementation
    """A ``clean_article`` hook implementation applying a portal's ``rules`` to the pages of
    its ``hosts`` (subdomains included) that a generic parser read. In a portal module::

        clean_article = textkit.portal_rules_hook(HOSTS, BODY_RULES)
    """
    from ..hookspecs import hookimpl

    hosts = tuple(hosts)

    @hookimpl
    def clean_article(article: Article) -> None:
        if article.parser in GENERIC_PARSERS and _on_hosts(article.url, hosts):
            rules.apply(article)

    clean_article.__doc__ = f"Body rules of {', '.join(hosts)} applied to its pages read by a generic parser."
    return clean_article


def _on_hosts(url: str | None, hosts: tuple[str, ...]) -> bool:
    if not url:
        return False
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return False
    return bool(host) and any(host == h or host.endswith("." + h) for h in hosts)
