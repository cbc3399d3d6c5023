"""Stable ids: the rule that keeps feed readers from re-notifying the same article.

1. When the article's URL is known, its id is the canonical URL: https, lower-case host,
   no fragment, no tracking parameters (``utm_*``, ``fbclid``, ...) and no ``page`` query.
   A portal plugin may define its own canonical form (Kompas: the date and numeric id,
   whatever the subdomain or slug) by setting ``article.id`` itself.
2. Otherwise it is a tag URI (RFC 4151) from the site, the local publication date and a
   slug of the title: ``tag:kompas.com,2020-12-29:xi-jinping-persahabatan-china-dan-rusia``.
3. With neither URL nor title and date there is no stable id; the article gets none and the
   feed builder refuses it with a message naming what is missing (:func:`missing_id_parts`).
4. Only when the user opts in (``--content-id``, ``content_id = true`` in warta.toml), such an
   article gets a **content id** (:func:`content_id`): a tag URI from a hash of its
   normalised text. It is stable across rebuilds of the same page, but it follows the text:
   an edited page (or a page a later warta cleans differently) becomes a new item.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from .patterns import lazy_compile

TRACKING_PARAMS = frozenset(
    {
        "page", "fbclid", "gclid", "dclid", "msclkid", "igshid", "mc_cid", "mc_eid",
        "ref", "ref_src", "source", "amp", "_ga", "yclid", "spm", "cx_testId", "cx_testVariant",
    }
)
_TRACKING_PREFIXES = ("utm_", "ga_", "pk_", "mtm_")
_SLUG_DROP = lazy_compile(r"[^a-z0-9]+")
#: Schemes a URL may have to reach a feed or an id: web pages only.
WEB_SCHEMES = frozenset({"http", "https"})
# Whitespace and control characters: never inside a URL a feed carries.
_URL_FORBIDDEN = lazy_compile(r"[\x00-\x20\x7f-\x9f\s\ud800-\udfff]")


def web_url(value: object) -> str | None:
    """``value`` when it is an absolute http(s) URL with a host, else None.

    The one test every URL passes before it may reach a feed field or an id (an article's
    URL, its images and links, a feed's link, base URL and hub, ``--url`` and URL maps):
    ``javascript:``, ``data:``, relative or host-less values, and values holding spaces or
    control characters are refused.
    """
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or _URL_FORBIDDEN.search(value):
        return None
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return None
    return value


_SCHEME = lazy_compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
#: Schemes an id may have besides http(s): ids readers never open as links.
ID_SCHEMES = frozenset({"tag", "urn"})


def usable_id(value: object) -> bool:
    """True when ``value`` may be a feed item's id: an http(s) URL, a tag or urn URI, or an
    opaque string without a scheme; never one holding spaces or controls, and never a URL of
    another scheme (some readers open an Atom entry's id when it has no link)."""
    if not isinstance(value, str) or not value or _URL_FORBIDDEN.search(value):
        return False
    scheme = _SCHEME.match(value)
    if scheme is None or scheme.group(1).lower() in ID_SCHEMES:
        return True
    return web_url(value) is not None


def keep_web_urls(article: Any, *, links: bool = True) -> None:
    """Drop (with a note on the record) every URL of ``article`` that :func:`web_url`
    refuses: its URL, its id when :func:`usable_id` refuses it, the URLs of its images and
    of its related and "more" links (unless ``links`` is False). The HTML content's own links and images
    are filtered by the sanitiser (``htmlrender.sanitize``) with the same schemes.

    Called by ``clean_article`` (every parsed article) and by the feed and store gates
    (every article, parsed or built through the API); idempotent.
    """
    if isinstance(article.url, str) and article.url.startswith("//"):
        article.url = "https:" + article.url  # protocol-relative: the web's scheme
    if article.url is not None and web_url(article.url) is None:
        article.note(f"URL dropped, not an http(s) URL: {_shown(article.url)}")
        article.url = None
    if article.id is not None and not usable_id(article.id):
        article.note(f"id dropped, a URL that is not http(s) or holds spaces: {_shown(article.id)}")
        article.id = None
    if not links:
        return
    for image in article.images:
        if image.url is not None and web_url(image.url) is None:
            article.note(f"image URL dropped, not an http(s) URL: {_shown(image.url)}")
            image.url = None
    for link in (*article.related, *article.more):
        if link.url is not None and web_url(link.url) is None:
            article.note(f"link dropped, not an http(s) URL: {_shown(link.url)}")
            link.url = None


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def canonical_url(url: str) -> str:
    """Normalise ``url`` for use as an id (https, lower-case host, no tracking or paging).

    Callers pass URLs that :func:`web_url` accepted (see ``clean_article``).
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme in ("http", "https", ""):
        scheme = "https"
    host = (parts.hostname or "").lower()
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key not in TRACKING_PARAMS and not key.lower().startswith(_TRACKING_PREFIXES)
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def slugify(text: str, max_words: int = 12) -> str:
    """ASCII slug of ``text``: lower case, words joined by ``-``, at most ``max_words``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in _SLUG_DROP.split(ascii_text.lower()) if w]
    return "-".join(words[:max_words])


def tag_uri(site: str, when: datetime, specific: str) -> str:
    """A tag URI (RFC 4151): ``tag:SITE,YYYY-MM-DD:SPECIFIC`` with the local date."""
    authority = site.lower().removeprefix("www.")
    return f"tag:{authority},{when.date().isoformat()}:{specific}"


def article_id(*, url: str | None, site: str | None, published: datetime | None,
               title: str | None) -> str | None:
    """The id by the rule above, or None when the article offers nothing stable."""
    if url:
        return canonical_url(url)
    if site and published and title:
        slug = slugify(title)
        if slug:
            return tag_uri(site, published, slug)
    return None


#: The words every "no stable id" refusal starts with (callers add what works for them).
NO_ID = "no stable id"
#: The date part of every content id: fixed, so the id depends on the text alone.
CONTENT_ID_DATE = "2000"
_WORDS = lazy_compile(r"\w+")


def missing_id_parts(article: Any) -> str:
    """What keeps ``article`` from a stable id, in words: ``"no URL, no title and no date"``."""
    missing = ["no URL"]
    if not article.title:
        missing.append("no title")
    if not article.published:
        missing.append("no date")
    return ", ".join(missing[:-1]) + " and " + missing[-1] if len(missing) > 1 else missing[0]


def normalised_text(article: Any) -> str:
    """The words of the article's body (else its summary), NFKC, case-folded, one space
    apart: what a content id hashes (punctuation, spacing and case do not count)."""
    text = article.text or article.summary or ""
    return " ".join(_WORDS.findall(unicodedata.normalize("NFKC", text).casefold()))


def content_id(article: Any) -> str | None:
    """The opt-in id of an article with no URL and no title with a date (see rule 4):
    ``tag:SITE,2000:text-<32 hex digits of sha256 of normalised_text>``; None without text.

    The trade-off: the same text gives the same id on every rebuild, but any edit of the
    text gives another id, so an edited page becomes a new item in the feed.
    """
    words = normalised_text(article)
    if not words:
        return None
    digest = hashlib.sha256(words.encode("utf-8")).hexdigest()[:32]
    site = (article.site or "").lower().removeprefix("www.")
    if not site or not re.fullmatch(r"[a-z0-9.-]+", site):
        site = "warta.invalid"
    return f"tag:{site},{CONTENT_ID_DATE}:text-{digest}"


def give_content_ids(articles: Any) -> None:
    """Give each article of ``articles`` that has no id its :func:`content_id`, with a note."""
    for article in articles:
        if not article.id:
            article.id = content_id(article)
            if article.id:
                article.notes = [n for n in article.notes if not n.startswith(NO_ID)]
                article.note("id from a hash of the text (content id): no URL, and no title "
                             "with a date; an edited page becomes a new item")


#: What works, where, to give an article with no stable id one (appended to the refusal).
ID_HINTS = {
    "one": "give its address with --url URL (or --urls MAP), or --content-id for an id "
           "from its text",
    "many": "give their addresses with --urls MAP (a file of 'PATH URL' lines or JSON Lines "
            "file/url), or --content-id for ids from their text",
    "config": "give the feed a URL map in warta.toml (urls = \"map.jsonl\" under "
              "[feeds.NAME]), or content_id = true for ids from their text",
    "watch": "give the inbox's pages a URL map with --urls MAP (or urls = \"map.jsonl\" for "
             "the feed in warta.toml), or --content-id for ids from their text",
}


def with_id_hint(error: Any, context: str) -> Any:
    """``error`` (a WartaError) with what works in ``context`` (a key of :data:`ID_HINTS`)
    appended when it is a "no stable id" refusal; any other error comes back unchanged."""
    message = getattr(error, "message", "")
    if isinstance(message, str) and message.startswith(NO_ID) and "; give " not in message:
        error.message = f"{message}; {ID_HINTS[context]}"
    return error
