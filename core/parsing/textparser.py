"""TextDumpParser: what every portal's text-dump parser shares, so a portal module holds
only what is particular to its portal.

A subclass names its portal and implements two methods::

    class DetikParser(TextDumpParser):
        name = "detik"                    # what --parser selects
        site = "detik.com"                # Article.site
        sites = ("detik.com",)            # hosts it owns (subdomains included)
        sniff_markers = ("detik",)        # one is in every page text_score can claim
        label = "detik"                   # the portal as users call it, for messages

        def text_score(self, text): ...   # 0..LIKELY from the portal's own markers
        def read(self, lines, article, doc): ...   # header, body, what the URL adds

The base class does the rest, the same way for every portal: SURE on an owned host, the
crawl prefix (`` date 2023-09-14 ``) removed, cleaned lines, the Article with URL, site,
language and ``?page=N``, the crawl day as ``captured`` (when the page was saved, never its
publication), the date fallbacks when the page prints no date (the URL's, else a weekday and
date in the opening such as "Selasa (30/12)"; each marked in ``published_source`` and with a
note), and a WartaError for a page with no article text.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

from .dates import WIB, opening_date
from ..reading.document import Document
from ..errors import WartaError
from .identity import article_id
from ..model import Article
from .parser import SURE
from .patterns import AnyPattern
from .textkit import clean_lines, crawl_date, strip_crawl_prefix, url_page


class TextDumpParser:
    """Base class for parsers of plain-text dumps of one portal (see the module docstring)."""

    name: str = ""
    site: str = ""
    sites: tuple[str, ...] = ()
    label: str = ""
    #: Literal strings (case ignored) one of which is in every page :meth:`text_score` can
    #: score above 0: the engine asks the parser only about pages holding one (see
    #: :mod:`warta.parsing.sniffindex`). None: asked about every page.
    sniff_markers: tuple[str, ...] | None = None
    media_types: tuple[str, ...] = ("text/plain",)
    #: The language of the portal's pages ("en" for an English-language portal).
    language: str = "id"
    #: Keep blank lines in ``lines`` (for layouts where a blank line means something).
    keep_blank_lines: bool = False
    #: The date the portal's URLs encode: named groups ``y``, ``m``, ``d`` and optionally
    #: ``H``, ``M``, ``S`` (WIB), searched in the URL without its query and fragment
    #: (``https://host/path``). A tuple is tried in order; the first valid date wins.
    url_date_pattern: AnyPattern | tuple[AnyPattern, ...] | None = None
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
        captured = crawl_date(crawl)
        if captured is not None:
            article.captured, article.captured_source = captured, "crawl"
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
        """The page printed no date: the URL's, else (for a crawled dump) a weekday and
        date in the opening ("Selasa (30/12)", its year from the crawl day) rather than the
        crawl day, else a note.

        The crawl day itself is never the publication date (it is ``captured``); a page
        without URL that had its tag-URI id dated by it keeps that id (see :meth:`_crawl_id`).
        """
        found = self.url_date(doc.url)
        if found:
            article.published, note = found
            clock = (article.published.hour, article.published.minute, article.published.second)
            timed = clock != (0, 0, 0)
            article.published_source = "url-draft" if timed and self.url_time_is_draft else "url"
            article.published_precision = "time" if timed else "day"
            article.note(note)
            return
        guess = None
        if article.captured_source == "crawl":
            opening = " ".join(block.text for block in article.body[:OPENING_BLOCKS])
            guess = opening_date(opening[:OPENING_CHARS], reference=article.captured)
        if guess is not None:
            article.published, printed = guess
            article.published_source, article.published_precision = "text", "day"
            article.note(f"published: the day {printed!r} in the opening (the page prints no "
                         "date; it is when the events reported happened, time unknown; the "
                         f"crawl day {crawl} is when it was saved: captured)")
        elif crawl_date(crawl):
            article.note(f"no publication date: the page prints none (the crawl prefix's day "
                         f"{crawl} is when it was saved: captured)")
        else:
            where = "the page prints none" + ("" if doc.url else " and no URL was given")
            article.note(f"no publication date: {where}")
        self._crawl_id(article)

    @staticmethod
    def _crawl_id(article: Article) -> None:
        """A page without URL or printed date had its tag-URI id dated by its crawl day (which
        stood in for the publication date until the crawl day became ``captured``): it keeps
        that id, also when a day in its opening now gives ``published`` (ids never change)."""
        if article.url or article.id or article.captured_source != "crawl" or (
                article.published and article.published_source != "text"):
            return
        article.id = article_id(url=None, site=article.site, published=article.captured,
                                title=article.title)


#: How much of the body :meth:`TextDumpParser.date_fallback` reads for a weekday and date:
#: the opening, where a report names the day of its events.
OPENING_BLOCKS = 2
OPENING_CHARS = 800


def _url_date_note(timed: bool, draft: bool) -> str:
    """The note for a publication date taken from the URL."""
    if timed and draft:
        return ("published: the URL's draft time; the page prints no date "
                "(publication may be minutes to hours later)")
    if timed:
        return "published: the time in the URL (the page prints no date)"
    return "published: the date in the URL (the page prints no date; time unknown)"
