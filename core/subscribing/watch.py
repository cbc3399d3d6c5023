"""``warta watch``: add pages to a feed as they appear in a folder, and rebuild the feed.

The inbox is polled (no extra dependency). Each saved page (``.txt``, ``.html`` ... as for
folders given to ``warta parse``; hidden files and the ``failed/`` folder are ignored) is:

* skipped when the store has processed it already (same path, and the same size and
  modification time, or the same content): after a restart nothing is processed twice;
* otherwise parsed and stored, and recorded as processed in the same transaction, so a
  crash loses nothing and repeats nothing;
* when it cannot be read as a news page, moved to ``INBOX/failed/`` with a
  ``NAME.error.txt`` beside it saying why, in one line. That includes a page that makes
  the parser (or anything else processing that page) fail unexpectedly: one bad page never
  stops the watch, nor stops it again on every restart. Ctrl-C still does.

File names are shown by :func:`~warta.errors.display_path`: a name holding a newline or
another control character is quoted, so it cannot forge lines in the output or error file.

While polling, a file is taken only once its size and modification time stayed the same for
one interval (so a page still being copied in is not read half-written). After a round that
changed the feed, the feed files are rebuilt (and a WebSub hub pinged, when configured).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import FeedSettings
from ..errors import WartaError, display_path, one_line
from ..parsing.identity import ID_HINTS, NO_ID, give_content_ids, missing_id_parts
from ..reading.loaders import PAGE_SUFFIXES, Input, read_input
from .store import BuildResult, FileStamp, PutResult, Store, build, parse_with
from ..reading.urlmap import url_for
from ..feeds.websub import ping
from ..reading.warc import archive_pages

FAILED = "failed"


@dataclass(slots=True)
class Round:
    """What one pass over the inbox did."""

    added: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    waiting: list[Path] = field(default_factory=list)
    stored: PutResult = field(default_factory=PutResult)
    built: BuildResult | None = None
    pinged: list[str] = field(default_factory=list)


class Watcher:
    """Watches ``inbox`` for pages of feed ``settings.name`` (see the module docstring).

    ``output`` is the folder the feed files go to; ``say`` receives one line per event.
    ``urls`` maps resolved page paths to their addresses (a URL map; the map file itself,
    ``urls_file``, is never taken as a page); ``content_ids`` gives a page with no URL and no
    title with a date an id from its text (:func:`warta.identity.content_id`).
    """

    def __init__(self, inbox: str | os.PathLike[str], settings: FeedSettings, store: Store, *,
                 engine: Any, output: str | os.PathLike[str],
                 parser: str | None = None, say: Callable[[str], None] = lambda _m: None,
                 stop: threading.Event | None = None, urls: dict[str, str] | None = None,
                 urls_file: str | os.PathLike[str] | None = None,
                 content_ids: bool = False) -> None:
        self.inbox = Path(inbox)
        if not self.inbox.is_dir():
            raise WartaError("no such inbox folder", path=str(self.inbox))
        self.settings = settings
        self.store = store
        self.engine = engine
        self.output = Path(output)
        self.parser = parser
        self.say = say
        self.stop = stop or threading.Event()
        self.urls = urls
        self.urls_file = Path(urls_file).resolve() if urls_file is not None else None
        self.content_ids = content_ids
        self._last_seen: dict[Path, tuple[int, int]] = {}
        self._stuck: dict[Path, tuple[int, int]] = {}  # failed but could not be moved aside
        for name in ([parser] if parser else list(settings.parsers)):
            engine.parser(name)

    # -- one round ---------------------------------------------------------------------

    def pages(self) -> list[Path]:
        """Saved pages in the inbox, in a stable order (failed/ and hidden files left out)."""
        found = []
        for root, dirs, files in os.walk(self.inbox):
            top = Path(root) == self.inbox
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (top and d == FAILED))
            for name in sorted(files):
                if not name.startswith(".") and name.lower().endswith(PAGE_SUFFIXES):
                    page = Path(root) / name
                    if self.urls_file is None or page.resolve() != self.urls_file:
                        found.append(page)
        return found

    def run_once(self, *, settle: bool = False) -> Round:
        """Process the inbox once; rebuild the feed when it changed (or was never built).

        With ``settle``, a file is taken only when it looked the same on the previous round.
        """
        result = Round()
        fresh: set[str] = set()
        for path in self.pages():
            if self.stop.is_set():
                break
            try:
                info = path.stat()
            except OSError:
                continue  # it went away meanwhile
            shape = (info.st_size, info.st_mtime_ns)
            if self._stuck.get(path) == shape:
                continue  # reported already; tried again once it changes
            if settle and self._last_seen.get(path) != shape:
                self._last_seen[path] = shape
                result.waiting.append(path)
                continue
            self._last_seen.pop(path, None)
            try:
                self.process(path, result, fresh)
            except (WartaError, OSError):
                raise  # the store or the disk, not this page: stop with the one-line error
            except Exception as exc:  # noqa: BLE001 - this page only (its name, its articles)
                self.fail(path, unexpected(exc), result)
        if result.stored.touched or (self._has_articles() and not self._built()):
            self.rebuild(result)
        return result

    def process(self, path: Path, result: Round, fresh: set[str] | None = None) -> None:
        """Add one page, skip it when already processed, or move it to failed/.

        ``fresh``: the ids new in this round (see :meth:`Store.put`).
        """
        feed = self.settings.name
        if self.store.file_seen(feed, path):
            result.skipped.append(path)
            return
        try:
            stamp = FileStamp.of(path)
        except OSError as exc:
            self.fail(path, WartaError(f"cannot read: {exc.strerror or exc}"), result)
            return
        if self.store.file_seen(feed, path, digest=stamp.digest):
            self.store.record_file(feed, stamp)  # touched, not changed
            result.skipped.append(path)
            return
        if Input(str(path)).is_archive:
            self.process_archive(path, stamp, result, fresh)
            return
        try:
            doc = read_input(Input(str(path)), url=url_for(self.urls, str(path)))
            articles = parse_with(self.engine, doc, parser=self.parser, parsers=self.settings.parsers)
            if self.content_ids:
                give_content_ids(articles)
        except WartaError as exc:
            self.fail(path, exc, result)
            return
        except RecursionError:
            self.fail(path, WartaError("page is nested too deeply to read"), result)
            return
        except OSError as exc:
            self.fail(path, WartaError(f"cannot read: {exc.strerror or exc}"), result)
            return
        except Exception as exc:  # noqa: BLE001 - a parser failing on this page fails the page
            self.fail(path, unexpected(exc), result)
            return
        usable = [a for a in articles if a.id]
        if not usable:
            missing = missing_id_parts(articles[0]) if articles else "no URL"
            self.fail(path, WartaError(f"{NO_ID}: {missing}; {ID_HINTS['watch']}"), result)
            return
        stored = self.store.put(feed, usable, file=stamp, fresh=fresh)
        result.stored.merge(stored)
        result.added.append(path)
        self.say(f"warta: {display_path(str(path))}: {stored.summary()}")

    def process_archive(self, path: Path, stamp: FileStamp, result: Round, fresh: set[str] | None) -> None:
        """Add each page of a web archive (the engine's ``hosts`` only); a record that fails is
        said, and the archive moves to failed/ only when none of its pages went in."""
        feed = self.settings.name
        stored = PutResult()
        errors: list[WartaError] = []
        try:
            for entry in archive_pages(str(path), self.engine):
                try:
                    if entry.doc is None:
                        raise entry.error or WartaError("cannot be read")
                    articles = parse_with(self.engine, entry.doc, parser=self.parser,
                                          parsers=self.settings.parsers)
                    if self.content_ids:
                        give_content_ids(articles)
                    usable = [a for a in articles if a.id]
                    if not usable:
                        missing = missing_id_parts(articles[0]) if articles else "no URL"
                        raise WartaError(f"{NO_ID}: {missing}")
                except WartaError as exc:
                    exc.path = exc.path or entry.path
                    errors.append(exc)
                    self.say(f"warta: {exc}")
                    continue
                stored.merge(self.store.put(feed, usable, fresh=fresh))
        except WartaError as exc:  # the archive itself cannot be opened
            errors.append(exc)
        if errors and not (stored.new or stored.changed or stored.unchanged):
            self.fail(path, errors[0], result)
            return
        self.store.put(feed, [], file=stamp)
        result.stored.merge(stored)
        result.added.append(path)
        self.say(f"warta: {display_path(str(path))}: {stored.summary()}")

    def fail(self, path: Path, error: WartaError, result: Round) -> None:
        """Move ``path`` to INBOX/failed/ with ``NAME.error.txt`` saying why."""
        reason = one_line(error.message if isinstance(error, WartaError) else str(error))
        shown = display_path(str(path))
        folder = self.inbox / FAILED
        try:
            folder.mkdir(exist_ok=True)
            target = _free_name(folder / path.name)
            os.replace(path, target)
        except OSError as exc:
            try:
                info = path.stat()
                self._stuck[path] = (info.st_size, info.st_mtime_ns)
            except OSError:
                pass
            self.say(f"warta: {shown}: {reason} (and cannot move it to "
                     f"{display_path(str(folder))}: {one_line(exc.strerror or str(exc))})")
            return
        note = (f"warta could not add {display_path(path.name)} to the feed "
                f"{self.settings.name!r}:\n{reason}\n")
        result.failed.append((target, reason))
        try:
            target.with_name(target.name + ".error.txt").write_text(note, encoding="utf-8")
        except OSError as exc:
            self.say(f"warta: {shown}: {reason}; moved to {display_path(str(target))} "
                     f"(cannot write why beside it: {one_line(exc.strerror or str(exc))})")
            return
        self.say(f"warta: {shown}: {reason}; moved to {display_path(str(target))}")

    def rebuild(self, result: Round) -> None:
        """Write the feed files; ping the hub when a file changed."""
        folder = self.settings.folder(self.output)
        try:
            result.built = build(self.store, self.settings, folder, engine=self.engine)
        except WartaError as exc:
            if "has no articles" in exc.message:
                return
            raise
        if result.built.changed:
            self.say(f"warta: rebuilt {self.settings.name} ({result.built.items} items) in {folder}")
        if self.settings.hub and result.built.changed_urls:
            try:
                result.pinged = ping(self.settings.hub, result.built.changed_urls)
            except WartaError as exc:
                self.say(f"warta: {exc}")

    def _has_articles(self) -> bool:
        return any(name == self.settings.name for name, _count in self.store.feeds())

    def _built(self) -> bool:
        folder = self.settings.folder(self.output)
        writers = self.engine.writers
        return all((folder / writers[f].filename).is_file() for f in self.settings.formats
                   if f in writers)

    # -- the loop ----------------------------------------------------------------------

    def run(self, interval: float = 2.0) -> None:
        """Poll until :attr:`stop` is set (or Ctrl-C, which the caller catches)."""
        while not self.stop.is_set():
            self.run_once(settle=True)
            self.stop.wait(interval)


def unexpected(exc: Exception) -> WartaError:
    """An exception nobody expected from one page, as that page's one-line failure."""
    detail = one_line(str(exc)) or "(no message)"
    return WartaError(f"could not be processed ({type(exc).__name__}: {detail})")


def _free_name(target: Path) -> Path:
    """``target``, or ``stem-2.suffix``, ``stem-3.suffix`` ... whichever does not exist."""
    if not target.exists():
        return target
    for number in range(2, 10_000):
        candidate = target.with_name(f"{target.stem}-{number}{target.suffix}")
        if not candidate.exists():
            return candidate
    return target.with_name(f"{target.stem}-{hashlib.sha256(str(target).encode()).hexdigest()[:8]}"
                            f"{target.suffix}")
