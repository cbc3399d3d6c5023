"""Stable ids: the rule that keeps feed readers from re-notifying the same article.

1. When the article's URL is known, its id is the canonical URL: https, lower-case host,
   no fragment, no tracking parameters (``utm_*``, ``fbclid``, ...) and no ``page`` query.
   A portal plugin may define its own canonical form (Kompas: the date and numeric id,
   whatever the subdomain or slug) by setting ``article.id`` itself.
2. Otherwise it is a tag URI (RFC 4151) from the site, the local publication date and a
   slug of the title: ``tag:kompas.com,2020-12-29:xi-jinping-persahabatan-china-dan-rusia``.
3. With neither URL nor title and date there is no stable id; the article gets none and the
   feed builder refuses it with a clear message.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset(
    {
        "page", "fbclid", "gclid", "dclid", "msclkid", "igshid", "mc_cid", "mc_eid",
        "ref", "ref_src", "source", "amp", "_ga", "yclid", "spm", "cx_testId", "cx_testVariant",
    }
)
_TRACKING_PREFIXES = ("utm_", "ga_", "pk_", "mtm_")
_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def canonical_url(url: str) -> str:
    """Normalise ``url`` for use as an id (https, lower-case host, no tracking or paging)."""
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
