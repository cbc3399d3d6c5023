"""Every article of a run as a Parquet dataset (``warta convert -f parquet``), streamed.

The layout and the schema are :mod:`warta.reading.records`'s. :class:`ParquetDataset` takes
articles one by one and keeps only a bounded buffer: a partition's records are written as
a row group once it holds :data:`GROUP_ROWS` of them, and the largest partition is written
out whenever all buffers together pass :data:`BUFFER_BYTES`; at most :data:`MAX_OPEN` files
are open at once (the least recently used is closed, the partition's next records start a
new ``part-NNNNN.parquet``), and a file is closed after :data:`MAX_GROUPS` row groups, or
the one with the most when the open files hold :data:`OPEN_GROUPS` (a writer keeps every
row group's metadata, some 20 KB, until it closes). Statistics (min/max) are kept for
the short columns only (:data:`STATISTICS`): those of a body or an HTML copy would hold whole
texts. Memory therefore stays flat however many records a run holds.

Like a file of :mod:`warta.feeds.output`, the dataset is written to a temporary folder beside
the target and renamed into place on :meth:`ParquetDataset.commit`: a failed run leaves no
half-written dataset and the previous one as it was. It has the same ``prepare`` /
``commit`` / ``discard`` steps as an AtomicFile, so it is written in one set with the feeds
(:func:`warta.feeds.output.write_set`). Every copy of an article is kept (the feeds built from
the dataset merge them as the run did); the same articles give the same bytes.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import OrderedDict
from pathlib import Path
from typing import Any

from ..errors import WartaError
from ..model import Article, safe_text
from ..reading.records import FORMAT, MARKER, UNDATED, VERSION, arrow, is_dataset, partition, schema
from .output import cannot_write

#: The folder ``convert`` writes in its output folder.
DATASET_NAME = "articles.parquet"
#: Records of one partition written as one row group.
GROUP_ROWS = 2048
#: Text held in the buffers (an estimate in characters) before the largest partition is
#: written out.
BUFFER_BYTES = 32 << 20
#: Parquet files open at once.
MAX_OPEN = 256
#: Row groups in one file before it is closed and the partition goes on in the next.
MAX_GROUPS = 64
#: Row groups in all open files together before the fullest file is closed.
OPEN_GROUPS = 1024
#: The columns whose min/max statistics are written (what a reader filters on).
STATISTICS = ["id", "url", "site", "parser", "published", "updated", "captured", "language",
              "section", "page"]


def _safe(value: Any) -> Any:
    """A record with every lone surrogate replaced (Arrow strings must be valid UTF-8)."""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, dict):
        return {key: _safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_safe(item) for item in value]
    return value


def _size(article: Article) -> int:
    return 512 + len(article.content_html or "") + sum(len(b.text) for b in article.body)


class ParquetDataset:
    """The dataset folder ``target``, filled by :meth:`add` and put in place by :meth:`commit`.

    Every failure to write is one WartaError ``target: cannot write: reason``, after which
    the temporary folder is gone. ``target`` may already hold a dataset (it is replaced); any
    other file or folder of that name is refused before anything is written.
    """

    def __init__(self, target: str | os.PathLike[str], *, group_rows: int = GROUP_ROWS,
                 buffer_bytes: int = BUFFER_BYTES, max_open: int = MAX_OPEN) -> None:
        self._pa, self._pq = arrow()
        self.target = Path(target)
        self.group_rows, self.buffer_bytes, self.max_open = group_rows, buffer_bytes, max_open
        if self.target.exists() and not is_dataset(self.target):
            raise WartaError("cannot write: a file or folder that is not a warta dataset has "
                             "this name", path=str(self.target))
        self._schema = schema()
        self._buffers: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._sizes: dict[tuple[str, str], int] = {}
        self._buffered = 0
        self._open: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self._parts: dict[tuple[str, str], int] = {}
        self._groups: dict[tuple[str, str], int] = {}
        self._live = 0  # row groups in the open files
        self._committed = self._prepared = False
        self.records = 0
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self.tmp = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.", suffix=".tmp",
                                             dir=self.target.parent))
        except OSError as exc:
            raise cannot_write(self.target, exc) from None

    def add(self, article: Article) -> None:
        """Buffer ``article``'s record, writing out a partition when the buffers are full."""
        key = partition(article)
        rows = self._buffers.setdefault(key, [])
        rows.append(_safe(article.to_dict()))
        size = _size(article)
        self._sizes[key] = self._sizes.get(key, 0) + size
        self._buffered += size
        self.records += 1
        if len(rows) >= self.group_rows:
            self._flush(key)
        while self._buffered > self.buffer_bytes:
            self._flush(max(self._sizes, key=self._sizes.__getitem__))

    def _flush(self, key: tuple[str, str]) -> None:
        rows = self._buffers.pop(key)
        self._buffered -= self._sizes.pop(key)
        try:
            table = self._pa.Table.from_pylist(rows, schema=self._schema)
            self._writer(key).write_table(table, row_group_size=len(rows))
            self._groups[key] += 1
            self._live += 1
            if self._groups[key] >= MAX_GROUPS:
                self._close(key)
            while self._live > OPEN_GROUPS:
                self._close(max(self._open, key=self._groups.__getitem__))
        except (OSError, self._pa.ArrowException) as exc:
            self.discard()
            raise cannot_write(self.target, exc) from None

    def _writer(self, key: tuple[str, str]) -> Any:
        if key in self._open:
            self._open.move_to_end(key)
            return self._open[key]
        if len(self._open) >= self.max_open:
            self._close(next(iter(self._open)))
        number = self._parts.get(key, 0)
        self._parts[key] = number + 1
        self._groups[key] = 0
        folder = self.tmp.joinpath(*key)
        folder.mkdir(parents=True, exist_ok=True)
        writer = self._pq.ParquetWriter(folder / f"part-{number:05d}.parquet", self._schema,
                                        compression="zstd", write_statistics=STATISTICS)
        self._open[key] = writer
        return writer

    def _close(self, key: tuple[str, str]) -> None:
        self._live -= self._groups[key]
        self._open.pop(key).close()

    def prepare(self) -> None:
        """Write every buffered record, close and sync every file and write the marker: the
        whole dataset is on disk in the temporary folder, the target not touched yet."""
        if self._prepared:
            return
        for key in list(self._buffers):
            self._flush(key)
        try:
            while self._open:
                self._open.popitem(last=False)[1].close()
            marker = {"format": FORMAT, "version": VERSION, "records": self.records,
                      "partitioning": ["site", "day"], "undated": UNDATED,
                      "files": sum(self._parts.values())}
            (self.tmp / MARKER).write_text(json.dumps(marker, indent=1) + "\n", encoding="utf-8")
            for root, _, files in os.walk(self.tmp):
                for name in files:
                    fd = os.open(os.path.join(root, name), os.O_RDONLY)
                    try:
                        os.fsync(fd)
                    finally:
                        os.close(fd)
            self.tmp.chmod(0o755)
        except (OSError, self._pa.ArrowException) as exc:
            self.discard()
            raise cannot_write(self.target, exc) from None
        self._prepared = True

    def commit(self) -> Path:
        """Put the dataset in place of ``target`` (the old one, if any, is removed after the
        new one is in); idempotent."""
        if self._committed:
            return self.target
        self.prepare()
        old = None
        try:
            if self.target.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.", suffix=".old",
                                            dir=self.target.parent))
                os.replace(self.target, old / "dataset")
            os.replace(self.tmp, self.target)
        except OSError as exc:
            if old is not None and (old / "dataset").exists() and not self.target.exists():
                os.replace(old / "dataset", self.target)  # the old dataset back in place
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
            self.discard()
            raise cannot_write(self.target, exc) from None
        self._committed = True
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return self.target

    def discard(self) -> None:
        """Remove the temporary folder (the target is untouched); safe to call twice, and a
        no-op once committed."""
        if self._committed:
            return
        while self._open:
            try:
                self._open.popitem(last=False)[1].close()
            except (OSError, self._pa.ArrowException):
                pass
        self._buffers.clear()
        self._sizes.clear()
        self._buffered = 0
        shutil.rmtree(self.tmp, ignore_errors=True)


__all__ = ["BUFFER_BYTES", "DATASET_NAME", "GROUP_ROWS", "MAX_GROUPS", "MAX_OPEN", "OPEN_GROUPS",
           "ParquetDataset", "STATISTICS"]
