"""TextDumpParser: what every portal's text-dump parser shares, so a portal module holds
only what is particular to its portal.

A subclass names its portal and implements two methods::

    class DetikParser(TextDumpParser):
        name = "detik"                    # what --parser selects
        site = "detik.com"                # Article.site
        sites = ("detik.com",)            # hosts it owns (subdomains included)
        label = "detik"                   # the portal as users call it, for messages

        def text_score(self, text): ...   # 0..LIKELY from the portal's own markers
        def read(self, lines, article, doc): ...   # header, body, what the URL adds

The base class does the rest, the same way for every portal: SURE on an owned host, the
crawl prefix (`` date 2023-09-14 ``) removed, cleaned lines, the Article with URL, site,
language and ``?page=N``, the date fallbacks when the page prints no date (the URL's, then
the crawl day, each with a note), and a WartaError for a page with no article text.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

from .dates import WIB
from .document import Document
from .errors import WartaError
from .model import Article
from .parser import SURE
from .textkit import clean_lines, crawl_date, strip_crawl_prefix, url_page


class TextDumpParser:
    """Base class for parsers of plain-text dumps of one portal (see the module docstring)."""

    name: str = ""
    site: str = ""
    sites: tuple[str, ...] = ()
    label: str = ""
    media_types: tuple[str, ...] = ("text/plain",)
    #: The language of the portal's pages ("en" for an English-language portal).
    language: str = "id"
    #: Keep blank lines in ``lines`` (for layouts where a blank line means something).
    keep_blank_lines: bool = False
    #: The date the portal's URLs encode: named groups ``y``, ``m``, ``d`` and optionally
    #: ``H``, ``M``, ``S`` (WIB), searched in the URL without its query and fragment
    #: (``https://host/path``). A tuple is tried in order; the first valid date wins.
    url_date_pattern: re.Pattern[str] | tuple[re.Pattern[str], ...] | None = None
    #: The URL's time is when the article was drafted, not published (said in the note).
    url_time_is_draft: bool = False

    # -- sniffing ----------------------------------------------------------------------

    def sniff(self, doc: Document) -> float:
        """SURE on a host the portal owns; otherwise what its own markers say."""
        if doc.url and self.owns(doc):
            return SURE
        return self.text_score(doc.text)

    def owns(self, doc: Document) -> bool:
        """True when the document's URL is on one of the portal's hosts."""
        return doc.host_is(*self.sites)

    def text_score(self, text: str) -> float:
        """How sure the portal's own markers make us (0..LIKELY); look only where they can be."""
        return 0.0

    # -- parsing -----------------------------------------------------------------------

    def parse(self, doc: Document) -> list[Article]:
        """One article from a text dump (the shared frame around :meth:`read`)."""
        if doc.is_html:
            raise WartaError(f"the {self.name} parser reads text dumps, not HTML")
        text, crawl = strip_crawl_prefix(doc.text)
        lines = clean_lines(text)
        if not self.keep_blank_lines:
            lines = [line for line in lines if line]
        if not any(lines):
            raise WartaError("the page is empty")
        article = Article(url=doc.url, site=self.site, language=self.language, page=url_page(doc.url))
        self.read(lines, article, doc)
        if article.published is None:
            self.date_fallback(article, doc, crawl)
        if article.page:
            article.note(f"page {article.page} of a multi-page article")
        if not article.body and not article.title:
            raise WartaError(f"no article text found in this {self.label or self.name} page")
        return [article]

    def read(self, lines: list[str], article: Article, doc: Document) -> None:
        """Fill ``article`` from the dump's cleaned ``lines`` (and ``doc.url``)."""
        raise NotImplementedError

    def url_date(self, url: str | None) -> tuple[datetime, str] | None:
        """The publication date the portal's URL encodes, with the note to record; or None.

        Built from :attr:`url_date_pattern`; a portal with another rule overrides this.
        """
        if not url or self.url_date_pattern is None:
            return None
        patterns = self.url_date_pattern
        if not isinstance(patterns, tuple):
            patterns = (patterns,)
        target = urlunsplit(urlsplit(url)._replace(query="", fragment=""))
        for pattern in patterns:
            m = pattern.search(target)
            if not m:
                continue
            groups = m.groupdict()
            timed = groups.get("H") is not None
            try:
                when = datetime(int(m["y"]), int(m["m"]), int(m["d"]),
                                *(int(groups.get(k) or 0) for k in "HMS"), tzinfo=WIB)
            except ValueError:
                continue
            return when, _url_date_note(timed, self.url_time_is_draft)
        return None

    def date_fallback(self, article: Article, doc: Document, crawl: str | None) -> None:
        """The page printed no date: the URL's, else the crawl prefix's day, else a note."""
        found = self.url_date(doc.url)
        if found:
            article.published, note = found
            article.note(note)
            return
        day = crawl_date(crawl)
        if day:
            article.published = day
            article.note(f"published: the crawl date {crawl} printed before the text "
                         "(the page prints no date; time unknown)")
            return
        where = "the page prints none" + ("" if doc.url else " and no URL was given")
        article.note(f"no publication date: {where}")


def _url_date_note(timed: bool, draft: bool) -> str:
    """The note for a publication date taken from the URL."""
    if timed and draft:
        return ("published: the URL's draft time; the page prints no date "
                "(publication may be minutes to hours later)")
    if timed:
        return "published: the time in the URL (the page prints no date)"
    return "published: the date in the URL (the page prints no date; time unknown)"
