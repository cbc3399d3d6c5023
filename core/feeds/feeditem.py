"""An article as a feed item: whether it may be one (the gate every article passes before
it enters a feed or the store: :func:`admit`, :func:`unfeedable`), and what a feed shows of
it (the date it sorts by, the date shown, the title shown)."""

from __future__ import annotations

from datetime import datetime, timezone

from ..errors import WartaError
from ..parsing.htmlrender import render_body, sanitize
from ..parsing.identity import NO_ID, keep_web_urls, missing_id_parts
from ..model import Article
from ..reading.textnorm import truncate, xml_safe

#: Where an item without a date sorts: before every dated one.
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def unfeedable(article: Article) -> str | None:
    """Why no writer could render ``article`` as a feed item, or None when every one can.

    The one rule for what may enter a feed or the store: an item needs a stable id, and a
    link or some content (text, HTML, a summary) for the reader to show. A page with neither
    URL nor text (a saved title and date only) is refused rather than given an entry made
    of nothing (Atom's writer rejects it, and a subscriber would get an empty item).
    """
    if not article.id:
        # What is missing; the command adds what works where it runs (identity.with_id_hint).
        return f"{NO_ID}: {missing_id_parts(article)}"
    if not (article.url or article.summary or render_body(article)):
        return (f"{article.id}: no URL and no text, nothing a feed reader could show or open; "
                "pass --url or save the whole page")
    return None


def admit(article: Article) -> Article:
    """The gate every article passes before it enters a feed or the store.

    Lone surrogates become U+FFFD, a URL that is not http(s) is dropped with a note
    (:func:`warta.identity.keep_web_urls`), a field of the wrong type or an article that
    :func:`unfeedable` refuses raises WartaError (``path: id: reason``). Returns ``article``.
    """
    article.scrub()
    try:
        article.check_types()
    except ValueError as exc:
        raise WartaError(f"{article.id}: not a valid article record ({exc})",
                         path=article.input) from None
    keep_web_urls(article)
    if article.content_html:  # an Article built through the API may hold raw HTML
        article.content_html = sanitize(article.content_html, article.url)
    problem = unfeedable(article)
    if problem:
        raise WartaError(problem, path=article.input)
    return article


def item_date(article: Article) -> datetime | None:
    """The date an item sorts by: its last update, else its publication."""
    return article.updated or article.published


def shown_date(article: Article) -> datetime | None:
    """The date a format that requires one (Atom's ``updated``) shows for an item: its
    :func:`item_date`, else when the page was captured (``captured``: the crawl day, a
    save date), which is a fact about that page though not its publication."""
    return item_date(article) or article.captured


def display_title(article: Article) -> str:
    """The title a feed shows: the article's own (printed, or from its URL), else the opening
    words of its text, else "(tanpa judul)".

    Atom requires a title and feed readers list items by it, so the first of these that
    still holds text once the characters XML forbids are removed is taken (a title of only
    control characters would leave the entry without one).
    """
    if article.title and xml_safe(article.title).strip():
        return article.title
    texts = (article.summary, *(b.text for b in article.body))
    opening = next((t for t in texts if t and xml_safe(t).strip()), "")
    return truncate(opening, 90) if opening else "(tanpa judul)"
