"""Boilerplate left in article bodies: counts per kind and per portal, from an articles.jsonl.

Run on the mixed corpus (portal text dumps and saved HTML)::

    warta convert ../shared/corpus/portals-text ../shared/corpus/html \\
        --urls ../shared/corpus/portals-text/index.jsonl -o /tmp/out --limit 0 -f jsonl -q
    python benchmarks/body_boilerplate.py /tmp/out/articles.jsonl

A body paragraph counts as one of these kinds (the first that fits):

- ``copyright``: a copyright line ("Copyright @ 2026 ...", "© 2007 - 2015 ...");
- ``credit``: a whole credit line left in the body ("Editor: Nama", "Penulis: Nama");
- ``disclaimer``: a comment disclaimer ("Disclaimer : Komentar adalah ...");
- ``embed``: an embed marker ("[Gambas:Video 20detik]");
- ``load_more``: a "Load More..." button;
- ``baca_tail``: a "Baca juga" line or a cut "Baca j..." among the last three blocks;
- ``dateline``: a dateline ("JAKARTA, iNews.id - ", "jpnn.com - SIDOARJO - ") still opening
  the first paragraph (read by :func:`warta.textkit.is_dateline` and Kompas's own form).

``unlinked_related`` counts articles whose feed HTML would show a "Baca juga" list of titles
that link nowhere (``related`` entries without a URL; see :func:`warta.htmlrender.render_body`).
Prints one line per kind with its total and the portals (parser/site) where it was found.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict

from warta.htmlrender import render_body
from warta.model import Article
from warta.textkit import is_dateline

KINDS = {
    "copyright": re.compile(r"^(?:copyright\b|©|\(c\)\s*\d{4}).{0,160}$|^.{0,80}\ball rights reserved\b",
                            re.IGNORECASE),
    "credit": re.compile(r"^(?:editor|penulis|reporter|pewarta|redaktur|kontributor|penyunting)\s*:\s*\S.{0,80}$",
                         re.IGNORECASE),
    "disclaimer": re.compile(r"^disclaimer\s*:", re.IGNORECASE),
    "embed": re.compile(r"^\[gambas:[^\]]*\]$", re.IGNORECASE),
    "load_more": re.compile(r"^load more\b", re.IGNORECASE),
}
BACA = re.compile(r"^\(?\s*(?:baca|simak|lihat)(?:\s+(?:juga|pula))?\s*:|^baca(?:\s+j\w*)?\s*:?$",
                  re.IGNORECASE)
KOMPAS_DATELINE = re.compile(r"^[^,]{2,40},\s*kompas\.com\s*[-–—]", re.IGNORECASE)


def kinds_of(article: dict) -> list[str]:
    """The kinds of boilerplate found in one record's body (one entry per paragraph)."""
    found: list[str] = []
    body = article.get("body") or []
    for index, block in enumerate(body):
        text = block["text"].strip()
        kind = next((k for k, pattern in KINDS.items() if pattern.search(text)), None)
        if kind is None and index >= len(body) - 3 and BACA.match(text):
            kind = "baca_tail"
        if kind is None and index == 0 and (is_dateline(text) or KOMPAS_DATELINE.match(text)):
            kind = "dateline"
        if kind:
            found.append(kind)
    return found


def unlinked_related(article: dict) -> bool:
    """True when the record's rendered HTML shows a "Baca juga" title that links nowhere."""
    record = Article.from_dict(article)
    return any(r.title and not r.url for r in record.related) and "Baca juga" in render_body(record)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jsonl", help="an articles.jsonl written by warta convert -f jsonl")
    args = parser.parse_args()
    totals: Counter[str] = Counter()
    where: dict[str, Counter[str]] = defaultdict(Counter)
    records = 0
    with open(args.jsonl, encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            records += 1
            portal = f"{article.get('parser')}/{article.get('site')}"
            kinds = kinds_of(article)
            if unlinked_related(article):
                kinds.append("unlinked_related")
            for kind in kinds:
                totals[kind] += 1
                where[kind][portal] += 1
    print(f"{records} records, {sum(totals.values())} boilerplate finding(s)")
    for kind in (*KINDS, "baca_tail", "dateline", "unlinked_related"):
        portals = ", ".join(f"{p} {n}" for p, n in sorted(where[kind].items()))
        print(f"{kind:17} {totals[kind]:4}  {portals}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
