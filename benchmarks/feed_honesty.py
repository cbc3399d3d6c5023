"""How honest the mixed corpus's feeds are: dates and titles that are facts of their page.

    python benchmarks/feed_honesty.py [OUTDIR]

Without OUTDIR it converts the shared corpus's portal text dumps and saved HTML (with the
corpus index as --urls, as issue 10 did) into a temporary folder; with OUTDIR it reads the
feed.xml, feed.atom, feed.json and articles.jsonl already there (so the output of another
version can be measured: records written before ``published_source`` existed are read
through their notes). Prints one count a line:

- items; items with no date (neither published nor updated);
- items with a guessed date (from the URL, the URL's draft time, the opening text or the
  crawl day, or a day without its time) and of those, guesses the record does not mark;
- Atom entries whose ``updated`` is no date of that page (not its published, updated or
  capture time, nor the documented 1970-01-01 "no date" mark);
- Atom entries sharing an ``updated`` value (the W3C validator's DuplicateUpdated);
- items without a title in the record, and RSS / Atom / JSON Feed titles that disagree;
- items without authors;
- problems warta.testing's checks find (RELAX NG of RFC 4287, feedparser, JSON Feed);
- JSON lines holding a raw U+2028, U+2029 or U+0085;
- the W3C feed validator's warnings, when the ``feedvalidator`` package can be imported.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import datetime
from pathlib import Path

from lxml import etree

SHARED = Path(__file__).resolve().parents[2] / "shared"
ATOM = "{http://www.w3.org/2005/Atom}"
GUESS_NOTE = re.compile(r"^published: |crawl date|midnight|prints no time", re.IGNORECASE)


def convert(out: Path) -> None:
    corpus = SHARED / "corpus"
    subprocess.run(
        ["warta", "convert", str(corpus / "portals-text"), str(corpus / "html"),
         "--urls", str(corpus / "portals-text" / "index.jsonl"), "-o", str(out), "--limit", "0",
         "-f", "rss", "-f", "atom", "-f", "json", "-f", "jsonl",
         "--base-url", "https://example.org/f/", "-q"],
        check=False, stderr=subprocess.DEVNULL)


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def guessed(record: dict) -> tuple[bool, bool]:
    """(the date is a guess, the record marks it as one)."""
    if not record.get("published"):
        return False, False
    marked = "published_source" in record and (
        record["published_source"] != "page" or record.get("published_precision") == "day")
    noted = any(GUESS_NOTE.search(n) for n in record["notes"])
    return marked or noted, marked


def measure(out: Path) -> Counter:
    records = [json.loads(line) for line in (out / "articles.jsonl").read_text("utf-8").splitlines()]
    by_id = {r["id"]: r for r in records}
    counts: Counter = Counter(items=len(records))
    for record in records:
        counts["no date"] += not (record["published"] or record["updated"])
        guess, marked = guessed(record)
        counts["guessed date"] += guess
        counts["guessed date not marked"] += guess and not marked
        counts["no title in the record"] += not record["title"]
        counts["title inferred from the URL"] += record.get("title_source") == "url"
        counts["no authors"] += not record["authors"]
    raw = (out / "articles.jsonl").read_text("utf-8")
    counts["raw U+2028/2029/0085 in JSON Lines"] = sum(raw.count(c) for c in "\u2028\u2029\u0085")

    atom = etree.fromstring((out / "feed.atom").read_bytes())
    seen: set[str] = set()
    titles: dict[str, list[str]] = {}
    for entry in atom.iter(ATOM + "entry"):
        updated = entry.findtext(ATOM + "updated")
        counts["Atom DuplicateUpdated"] += updated in seen
        seen.add(updated)
        record = by_id.get(entry.findtext(ATOM + "id"), {})
        facts = {_when(record.get(k)) for k in ("published", "updated", "captured")} - {None}
        shown = _when(updated)
        own = any(abs((shown - fact).total_seconds()) < 60 for fact in facts) or shown.year == 1970
        counts["Atom updated that is no date of its page"] += not own
        titles.setdefault(entry.findtext(ATOM + "id"), []).append(entry.findtext(ATOM + "title"))
    rss = etree.fromstring((out / "feed.xml").read_bytes())
    for item in rss.iter("item"):
        titles.setdefault(item.findtext("guid"), []).append(item.findtext("title"))
    feed = json.loads((out / "feed.json").read_text("utf-8"))
    for item in feed["items"]:
        titles.setdefault(item["id"], []).append(item.get("title"))
    counts["titles that differ between formats"] = sum(
        len(set(shown)) > 1 or len(shown) < 3 for shown in titles.values())
    counts["RSS lastBuildDate missing"] = rss.find("channel/lastBuildDate") is None

    from warta import testing

    for check, name in ((testing.check_rss, "feed.xml"), (testing.check_atom, "feed.atom"),
                        (testing.check_json_feed, "feed.json")):
        try:
            check(out / name)
        except AssertionError as exc:
            counts[f"warta.testing problems in {name}"] += len(str(exc).splitlines()) or 1
        else:
            counts[f"warta.testing problems in {name}"] += 0
    counts.update(validator(out))
    return counts


def validator(out: Path) -> Counter:
    """The W3C feed validator's warnings and errors per feed, when it is installed."""
    try:
        import feedvalidator  # type: ignore[import-not-found]
        from feedvalidator import logging as fvlog  # type: ignore[import-not-found]
    except ImportError:
        return Counter({"W3C validator: not installed (not on PyPI)": 1})
    counts: Counter = Counter()
    for name in ("feed.xml", "feed.atom"):
        events = feedvalidator.validateString((out / name).read_text("utf-8"),
                                              firstOccurrenceOnly=0)["loggedEvents"]
        for event in events:
            kind = "error" if isinstance(event, fvlog.Error) else "warning"
            if isinstance(event, (fvlog.Error, fvlog.Warning)):
                counts[f"W3C validator {kind}s in {name}: {type(event).__name__}"] += 1
    return counts


def main() -> None:
    if len(sys.argv) > 1:
        counts = measure(Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory() as folder:
            convert(Path(folder))
            counts = measure(Path(folder))
    for name, value in counts.items():
        print(f"{value:6d}  {name}")


if __name__ == "__main__":
    main()
