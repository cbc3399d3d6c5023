"""Boilerplate left in article bodies: counts per kind and per portal, from an articles.jsonl.

Run on the mixed corpus (portal text dumps and saved HTML)::

    warta convert ../shared/corpus/portals-text ../shared/corpus/html \\
        --urls ../shared/corpus/portals-text/index.jsonl -o /tmp/out --limit 0 -f jsonl -f json -q
    python benchmarks/body_boilerplate.py /tmp/out

A body paragraph counts as one of these kinds (the first that fits):

- ``copyright``: a copyright line ("Copyright @ 2026 ...", "© 2007 - 2015 ...");
- ``credit``: a whole credit line left in the body ("Editor: Nama", "Penulis: Nama");
- ``disclaimer``: a comment disclaimer ("Disclaimer : Komentar adalah ...");
- ``embed``: an embed marker ("[Gambas:Video 20detik]");
- ``load_more``: a "Load More..." button;
- ``baca_tail``: a "Baca juga" line or a cut "Baca j..." among the last three blocks;
- ``dateline``: a dateline ("JAKARTA, iNews.id - ", "jpnn.com - SIDOARJO - ") still opening
  the first paragraph (read by :func:`warta.textkit.is_dateline` and Kompas's own form).

``unlinked_related`` counts the items of the folder's ``feed.json`` (when there is one) whose
HTML content shows a "Baca juga" list holding titles that link nowhere. Prints one line per
kind with its total and the portals (parser/site) where it was found.

Measured on the mixed corpus (114 records; ``-f jsonl -f json``), before and after issue 10's
body rules: copyright 2 -> 0, disclaimer 1 -> 0, embed 1 -> 0, load_more 1 -> 0, dateline
19 -> 0 (CNBC 1, IDN Times 5, iNews 2, JPNN 6, SINDOnews 2, Suara 3), unlinked_related 27 -> 0;
51 findings -> 0. On the whole corpus as the snapshot converts it (67 items): 29 -> 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

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


_UNLINKED_LIST = re.compile(r"<p>Baca juga:</p><ul>(?:<li>.*?</li>)*?<li>(?!<a )", re.DOTALL)


def unlinked_lists(feed_json: Path) -> dict[str, int]:
    """Item id -> 1 for each JSON Feed item whose content lists a related title without a link."""
    feed = json.loads(feed_json.read_text(encoding="utf-8"))
    return {item["id"]: 1 for item in feed.get("items", [])
            if _UNLINKED_LIST.search(item.get("content_html") or "")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", help="a folder written by warta convert -f jsonl [-f json]")
    args = parser.parse_args()
    folder = Path(args.folder)
    feed = folder / "feed.json"
    unlinked = unlinked_lists(feed) if feed.exists() else {}
    totals: Counter[str] = Counter()
    where: dict[str, Counter[str]] = defaultdict(Counter)
    records = 0
    with open(folder / "articles.jsonl", encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            records += 1
            portal = f"{article.get('parser')}/{article.get('site')}"
            kinds = kinds_of(article)
            if unlinked.get(article.get("id")):
                kinds.append("unlinked_related")
            for kind in kinds:
                totals[kind] += 1
                where[kind][portal] += 1
    print(f"{records} records, {sum(totals.values())} boilerplate finding(s)"
          + ("" if feed.exists() else " (no feed.json: unlinked lists not counted)"))
    for kind in (*KINDS, "baca_tail", "dateline", "unlinked_related"):
        portals = ", ".join(f"{p} {n}" for p, n in sorted(where[kind].items()))
        print(f"{kind:17} {totals[kind]:4}  {portals}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
