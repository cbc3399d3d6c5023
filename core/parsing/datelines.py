"""Datelines: the city, agency or brand that opens an article's first paragraph.

"Liputan6.com, Jakarta - ", "JAKARTA - ", "Mataram (ANTARA) - ": :func:`is_dateline` tells
one, :func:`take_dateline` reads it into the article's fields and cuts it, and
:func:`cut_dateline` cuts a portal's own form of it (:data:`DOMAIN` is a site's name as
bodies print it).
"""

from __future__ import annotations

from ..model import Article
from .patterns import AnyPattern, lazy_compile

_CITY_CAPS = r"[A-Z][A-Z'’]+(?:[ /-][A-Z][A-Z'’]+){0,3}"
_CITY_TITLE = r"[A-Z][a-z]+(?:[ /][A-Z][a-z]+){0,2}"
#: A site's name as printed in bodies: "Liputan6.com", "REPUBLIKA.CO.ID", "TEMPO.CO".
DOMAIN = r"[A-Za-z][\w.]{0,25}\.(?i:com|co\.id|co|id|net)"
_DASH = r"\s*[-–—]{1,2}\s+(?=\S)"
#: Openings of a first paragraph, tried in order; each names a city and/or a brand.
_DATELINES = tuple(
    lazy_compile(pattern)
    for pattern in (
        # "JAKARTA, (ANTARA) - ", "Jakarta (ANTARA News) - ", "Mataram, NTB (ANTARA News) - "
        rf"^(?P<city>{_CITY_CAPS}|{_CITY_TITLE})(?:\s*,\s*[A-Z]{{2,6}})?\s*,?\s*(?P<agency>\([^()]{{2,30}}\)){_DASH}",
        # "Liputan6.com, Jakarta - ", "REPUBLIKA.CO.ID, JAKARTA -- ", "TEMPO.CO, Jakarta - "
        rf"^(?P<brand>{DOMAIN})\s*,\s*(?P<city>{_CITY_CAPS}|{_CITY_TITLE}){_DASH}",
        # "jpnn.com - SIDOARJO - "
        rf"^(?P<brand>{DOMAIN}){_DASH}(?P<city>{_CITY_CAPS}){_DASH}",
        # "Jakarta, KOMPAS.com - ", "Jakarta, CNN Indonesia -- ", "Mataram, IDN Times - "
        rf"^(?P<city>{_CITY_CAPS}|{_CITY_TITLE})\s*,\s*(?P<brand>{DOMAIN}|[A-Z][\w.]+(?: [A-Z][\w.]+)?){_DASH}",
        # "JAKARTA - "
        rf"^(?P<city>{_CITY_CAPS}){_DASH}",
        # "Suara.com - " (a brand, no city)
        rf"^(?P<brand>{DOMAIN}){_DASH}",
    )
)


def is_dateline(text: str) -> bool:
    """Whether ``text`` opens with a dateline of one of the forms :func:`take_dateline` reads."""
    return any(p.match(text) for p in _DATELINES)


def take_dateline(text: str, article: Article) -> str:
    """Strip a dateline/brand opening off a first paragraph into the article's fields.

    "Liputan6.com, Jakarta - ", "JAKARTA - ", "Mataram (ANTARA) - ", "Jakarta, CNN Indonesia
    -- ": the city becomes ``dateline`` (upper case), an agency in parentheses ``source``, a
    brand that looks like a domain the ``site`` when none is known; each is noted. Returns the
    paragraph without the opening (unchanged when there is none).
    """
    for pattern in _DATELINES:
        m = pattern.match(text)
        if not m:
            continue
        found = m.groupdict()
        if found.get("city"):
            article.dateline = found["city"].upper()
            article.note(f"dateline guessed from the opening words: {article.dateline}")
        if found.get("agency"):
            article.source = found["agency"].strip("()")
        brand = found.get("brand")
        if brand and "." in brand and not article.site:
            article.site = brand.lower().removeprefix("www.")
            article.note(f"site guessed from the brand that opens the body: {article.site}")
        return text[m.end():]
    return text


def cut_dateline(article: Article, pattern: AnyPattern) -> None:
    """Cut the portal's dateline (``pattern``: "jpnn.com - SIDOARJO - ", "Jakarta, IDN Times - ",
    "Suara.com - ") off the start of the first body paragraph, where a text parser read the
    city from it. The city (a ``city`` group) becomes the dateline when none is set yet; a
    brand alone is just cut. A paragraph left empty goes."""
    if not article.body or article.body[0].kind != "paragraph":
        return
    first = article.body[0]
    m = pattern.match(first.text)
    if not m or not m.end():
        return
    city = m.groupdict().get("city")
    if city and not article.dateline:
        article.dateline = city.strip(" .,").upper()
    first.text = first.text[m.end():].strip()
    if not first.text:
        del article.body[0]
