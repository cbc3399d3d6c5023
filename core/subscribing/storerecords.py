"""Adding the records of a Parquet dataset (``warta convert -f parquet``) to the store.

``warta add FEED DATASET`` (and a feed whose configured inputs name a dataset) stores the
records as they are: nothing is parsed, the gate (:func:`warta.feeds.feed.admit`) still
refuses what no feed may hold, and the records go into the store one batch at a time, so a
dataset of a million records is never held in memory (see :mod:`warta.reading.records`).
"""

from __future__ import annotations

from ..errors import WartaError
from ..feeds.feed import admit
from ..model import Article
from ..parsing.identity import give_content_ids
from ..reading.records import BATCH_ROWS, Dataset
from .revision import PutResult
from .store import Store


def add_records(db: Store, feed: str, folder: str, *, content_ids: bool = False,
                fresh: set[str] | None = None, batch_rows: int = BATCH_ROWS) -> PutResult:
    """Store every record of the dataset ``folder`` in ``feed``, ``batch_rows`` per
    transaction. A folder that is not a readable dataset raises WartaError; a damaged file
    of it and each refused record are errors of the result, the other records still go in."""
    try:
        dataset = Dataset(folder)
    except WartaError as exc:
        exc.path = exc.path or folder  # pyarrow missing names no path of its own
        raise
    result = PutResult()
    fresh = set() if fresh is None else fresh
    batch: list[Article] = []
    for article in dataset.articles(result.failed.append, batch_rows=batch_rows):
        if content_ids:
            give_content_ids([article])
        try:
            batch.append(admit(article))
        except WartaError as exc:
            if exc.path is None:
                exc.path = article.input or folder
            result.failed.append(exc)
            continue
        if len(batch) >= batch_rows:
            result.merge(db.put(feed, batch, fresh=fresh))
            batch = []
    if batch:
        result.merge(db.put(feed, batch, fresh=fresh))
    return result


__all__ = ["add_records"]
