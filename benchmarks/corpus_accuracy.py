"""How right warta is on ../shared/corpus, against the truth the corpus carries.

    python benchmarks/corpus_accuracy.py [SHARED]      (default: ../shared beside the project)

- Kompas text (index.jsonl: the URL, its date, and the time Kompas puts in the article id):
  the page read *without* its URL — a title found, the publication date equal to the URL's,
  the time equal to the id's (HH:MM, WIB) — and *with* it (``--urls``): the id (site, day,
  article id) and the time.
- Other portals' text (index.jsonl: the URL and the date it encodes): read without the URL,
  the parser chosen is the portal's, a title found, the day equal to the URL's where the URL
  has one (only the day: for detik, CNN/CNBC Indonesia and Suara the URL's time is the
  draft's); read with it (``--urls``), a title and the day.
- Saved HTML: the Kompas pages against the hand-checked ``gold.json`` (title, published to
  the second, writers, editors, dateline), and every page's body against the gold/expected
  body text (word-level F1 of the text warta gives).

Prints one line per measure: right / counted (rate).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import warta
from warta import WartaError


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def first(path: Path, url: str | None = None):
    try:
        articles = warta.parse(path, url=url)
    except WartaError:
        return None
    return articles[0] if articles else None


def report(name: str, right: int, counted: int) -> None:
    rate = f"{right / counted:.1%}" if counted else "-"
    print(f"{name:<66} {right:>4} / {counted:<4} {rate:>7}")


def words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.lower()))


def f1(found: str, truth: str) -> float:
    got, want = words(found), words(truth)
    common = sum((got & want).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def kompas_text(corpus: Path) -> None:
    folder = corpus / "kompas-text"
    index = rows(folder / "index.jsonl")
    titled = dated = timed = ids = 0
    for row in index:
        bare = first(folder / row["file"])
        if bare is not None:
            titled += bool(bare.title)
            when = bare.published
            dated += bool(when) and when.date().isoformat() == row["url_date"]
            timed += bool(when) and when.strftime("%H:%M") == row["url_time"]
        linked = first(folder / row["file"], row["url"])
        article_id = re.search(r"/(\d{8,})", row["url"]).group(1)
        ids += (linked is not None and linked.id == f"tag:kompas.com,{row['url_date']}:{article_id}"
                and linked.published is not None
                and linked.published.strftime("%Y-%m-%d %H:%M") == f"{row['url_date']} {row['url_time']}")
    n = len(index)
    report("kompas-text, no URL: title found", titled, n)
    report("kompas-text, no URL: date = URL date", dated, n)
    report("kompas-text, no URL: time = article-id time", timed, n)
    report("kompas-text, with URL: id (site, day, article id) and time right", ids, n)


def portals_text(corpus: Path) -> None:
    folder = corpus / "portals-text"
    index = rows(folder / "index.jsonl")
    chosen = titled = dated = with_date = linked_dated = linked_titled = 0
    for row in index:
        portal = row["file"].split("/")[0]
        article = first(folder / row["file"])
        linked = first(folder / row["file"], row["url"])
        linked_titled += linked is not None and bool(linked.title)
        if row["url_date"]:
            with_date += 1
            linked_dated += (linked is not None and linked.published is not None
                             and linked.published.date().isoformat() == row["url_date"])
        if article is None:
            continue
        chosen += article.parser == portal
        titled += bool(article.title)
        if row["url_date"]:
            dated += bool(article.published) and article.published.date().isoformat() == row["url_date"]
    n = len(index)
    report("portals-text, no URL: the portal's parser chosen", chosen, n)
    report("portals-text, no URL: title found", titled, n)
    report("portals-text, no URL: date = URL date (URLs with a date)", dated, with_date)
    report("portals-text, with URL: a title (printed or from the URL)", linked_titled, n)
    report("portals-text, with URL: date = URL date (URLs with a date)", linked_dated, with_date)


def html(corpus: Path) -> None:
    folder = corpus / "html"
    gold = json.loads((folder / "kompas" / "gold.json").read_text(encoding="utf-8"))
    checks = Counter()
    counted = Counter()
    for name, truth in gold.items():
        if name.startswith("_"):
            continue
        article = first(folder / "kompas" / name)
        found = {
            "title": article.title if article else None,
            "published": article.published.isoformat() if article and article.published else None,
            "writers": [a.name for a in article.authors if a.role == "writer"] if article else [],
            "editors": [a.name for a in article.authors if a.role == "editor"] if article else [],
            "dateline": article.dateline if article else None,
        }
        for field, value in found.items():
            if field in truth:
                counted[field] += 1
                checks[field] += value == truth[field]
    for field in ("title", "published", "writers", "editors", "dateline"):
        report(f"kompas HTML vs gold.json: {field}", checks[field], counted[field])
    scores = {}
    for truth in sorted(folder.glob("*/*-body.txt")):
        page = truth.with_name(truth.name.split(".")[0] + ".html")
        article = first(page)
        scores[page.parent.name + "/" + page.name] = f1(article.text if article else "", truth.read_text(encoding="utf-8"))
    for name, score in scores.items():
        print(f"  body F1 {name:<52} {score:.3f}")
    if scores:
        print(f"{'HTML body word F1, mean over ' + str(len(scores)) + ' pages':<66} {sum(scores.values()) / len(scores):.3f}")


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared"
    corpus = shared / "corpus"
    kompas_text(corpus)
    portals_text(corpus)
    html(corpus)


if __name__ == "__main__":
    main()
