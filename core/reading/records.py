"""Article records kept as a Parquet dataset (``warta convert -f parquet``), read back.

A dataset is a folder holding the marker file :data:`MARKER` and Parquet files partitioned
Hive-style by site and day: ``site=kompas.com/day=2024-01-05/part-00000.parquet``. The day is
the local date of ``published``, else of ``captured``, else :data:`UNDATED`; a record with no
site goes under ``site=__HIVE_DEFAULT_PARTITION__`` (what Arrow, DuckDB and Spark read as a
null). Each file holds whole records (the columns of :meth:`Article.to_dict`, ``site``
included, datetimes as the same RFC 3339 strings, so that every record comes back exactly);
the folder names only sort them.

Reading goes one batch of :data:`BATCH_ROWS` records at a time, so a dataset of a million
records is never held in memory. pyarrow (``pip install 'warta[parquet]'``) is imported
only when a dataset is written or read; :func:`is_dataset` needs nothing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import WartaError
from ..model import Article

#: The file that makes a folder a warta dataset (names starting with "_" are skipped by
#: Arrow's and DuckDB's dataset readers, so it never shows as data).
MARKER = "_warta_dataset.json"
#: ``format`` in the marker, and the newest ``version`` this warta reads.
FORMAT = "warta-records"
VERSION = 1
#: The day partition of a record with neither a publication nor a capture date.
UNDATED = "undated"
#: The site partition of a record without a site (Hive's name for a null partition value).
NO_SITE = "__HIVE_DEFAULT_PARTITION__"
#: Records read at a time.
BATCH_ROWS = 1024

INSTALL_HINT = "Parquet datasets need pyarrow: pip install 'warta[parquet]'"


def is_dataset(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a folder holding the dataset marker."""
    return os.path.isfile(os.path.join(path, MARKER))


def partition(article: Article) -> tuple[str, str]:
    """(site folder, day folder) of ``article``'s record, as named on disk."""
    site = f"site={quote(article.site, safe='') if article.site else NO_SITE}"
    when: datetime | None = article.published or article.captured
    return site, f"day={when.date().isoformat() if when is not None else UNDATED}"


def arrow():  # noqa: ANN201 - pyarrow is optional, imported here only
    """(pyarrow, pyarrow.parquet), or a WartaError saying how to install them."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise WartaError(INSTALL_HINT) from None
    return pyarrow, pyarrow.parquet


def schema() -> Any:
    """The Arrow schema of a record: the fields of :meth:`Article.to_dict`, in its order."""
    pa, _ = arrow()
    text = pa.string()
    names = pa.list_(text)

    def parts(*fields: str) -> Any:
        return pa.list_(pa.struct([(name, text) for name in fields]))

    kinds = {"authors": parts("name", "role", "label", "detail"), "body": parts("kind", "text"),
             "images": parts("url", "caption", "credit"), "related": parts("title", "url", "section"),
             "more": parts("title", "url", "section"), "tags": names, "notes": names,
             "page": pa.int64()}
    return pa.schema([(name, kinds.get(name, text)) for name in Article().to_dict()])


def read_marker(folder: str | os.PathLike[str]) -> dict[str, Any]:
    """The dataset's marker, checked: a WartaError naming the folder when it is not one this
    warta can read."""
    path = os.path.join(folder, MARKER)
    try:
        with open(path, encoding="utf-8") as handle:
            marker = json.load(handle)
    except OSError as exc:
        raise WartaError(f"cannot read the dataset marker: {exc.strerror or exc}", path=str(folder)) from None
    except ValueError:
        raise WartaError(f"{MARKER} is not JSON: not a warta dataset", path=str(folder)) from None
    if not isinstance(marker, dict) or marker.get("format") != FORMAT:
        raise WartaError(f"{MARKER} does not say format {FORMAT!r}: not a warta dataset",
                         path=str(folder))
    version = marker.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise WartaError(f"dataset version {version!r} is newer than this warta reads "
                         f"({VERSION}); upgrade warta", path=str(folder))
    return marker


def part_files(folder: str | os.PathLike[str]) -> list[str]:
    """The dataset's Parquet files, partitions in sorted order (hidden and ``_`` names, such
    as a half-written file of another tool, skipped)."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        found.extend(os.path.join(root, name) for name in sorted(files)
                     if name.endswith(".parquet") and not name.startswith((".", "_")))
    return found


class Dataset:
    """A dataset folder opened for reading: the marker is checked and pyarrow imported when
    it is made (a WartaError naming the folder otherwise), records come from
    :meth:`articles`."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self.marker = read_marker(folder)
        self._pa, self._pq = arrow()
        self.files = part_files(folder)

    def articles(self, on_error: Callable[[WartaError], None], *,
                 batch_rows: int = BATCH_ROWS) -> Iterator[Article]:
        """Every record as an Article, one batch of ``batch_rows`` in memory at a time. A
        file that cannot be read (damaged, not Parquet, a record that does not fit the
        schema) goes to ``on_error`` as ``file: cannot read: reason``; the others are read."""
        columns = schema().names
        for path in self.files:
            try:
                for batch in self._pq.ParquetFile(path).iter_batches(batch_size=batch_rows,
                                                                      columns=columns):
                    for record in batch.to_pylist():
                        yield Article.from_dict(record)
            except (OSError, ValueError, TypeError, KeyError, self._pa.ArrowException) as exc:
                reason = " ".join(str(exc).split())[:300] or type(exc).__name__
                on_error(WartaError(f"cannot read: {reason}", path=path))


__all__ = ["BATCH_ROWS", "Dataset", "FORMAT", "MARKER", "NO_SITE", "UNDATED", "VERSION",
           "arrow", "is_dataset", "part_files", "partition", "read_marker", "schema"]
