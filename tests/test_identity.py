"""The id rule: canonical URL, else a tag URI from site, local date and title slug."""

from __future__ import annotations

from datetime import datetime

from warta.dates import WIB
from warta.identity import article_id, canonical_url, slugify, tag_uri


def test_canonical_url_drops_tracking_and_paging():
    url = "HTTP://Megapolitan.KOMPAS.com/read/2014/07/05/19281291/Massa?utm_source=RD&page=all&id=3#top"
    assert canonical_url(url) == "https://megapolitan.kompas.com/read/2014/07/05/19281291/Massa?id=3"


def test_canonical_url_is_idempotent():
    once = canonical_url("http://www.detik.com/news/berita/d-123/judul?fbclid=x")
    assert canonical_url(once) == once == "https://www.detik.com/news/berita/d-123/judul"


def test_slug_is_ascii_and_bounded():
    assert slugify("Xi Jinping: Persahabatan China dan Rusia Sangat Kuat") == (
        "xi-jinping-persahabatan-china-dan-rusia-sangat-kuat"
    )
    assert slugify("Café – “Kopi” ½", max_words=3) == "cafe-kopi-12"


def test_tag_uri_uses_the_local_date():
    # 23:30 WIB on the 29th is still the 29th locally (16:30 UTC).
    when = datetime(2020, 12, 29, 23, 30, tzinfo=WIB)
    assert tag_uri("www.kompas.com", when, "x") == "tag:kompas.com,2020-12-29:x"


def test_article_id_prefers_the_url():
    when = datetime(2020, 12, 29, 19, 16, tzinfo=WIB)
    assert article_id(url="http://a.id/x?utm_medium=1", site="a.id", published=when, title="T") == "https://a.id/x"
    assert article_id(url=None, site="kompas.com", published=when, title="Xi Jinping: Persahabatan") == (
        "tag:kompas.com,2020-12-29:xi-jinping-persahabatan"
    )
    assert article_id(url=None, site="kompas.com", published=None, title="T") is None
