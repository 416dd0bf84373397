"""Ingest: read inputs, skip the stories a store already holds, extract the rest on local
cores, and write them in batches; what cannot be stored is quarantined with its reason.

Resumable by construction: a story is checked against the store by its content hash
before it is extracted, and each batch is written in one transaction, so a run that is
killed and started again extracts only what was not yet committed, and stores nothing
twice.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Errors, InputError
from .model import Article, Extraction, Incident
from .pipeline import Pipeline
from .readers import read_source
from .settings import Settings
from .store import Store, content_hash

if TYPE_CHECKING:
    from .incidents import IncidentWindow

BATCH_SIZE = 100
# A story may carry tomorrow's date (time zones); later than that it is quarantined.
FUTURE_GRACE = dt.timedelta(days=1)
# How often a worker process checks that the ingest that started it is still running.
ORPHAN_CHECK_S = 0.5
# New objects between the collector's youngest passes during a run (Python's default: 700).
# A run makes many objects and few cycles; with the default, collecting took about a tenth
# of an ingest (benchmarks/ingest.py), mostly full passes over every live object.
YOUNG_COLLECTION_EVERY = 10_000

Sourced = tuple[Article, str | None]


@dataclass
class IngestReport:
    """What one run did; ``read`` counts every item the readers gave, stories and errors."""

    read: int = 0
    new: int = 0
    skipped: int = 0
    quarantined: int = 0
    incidents: int = 0  # incidents made or changed by this run's stories
    seconds: float = 0.0
    pipeline_version: str = ""

    @property
    def per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0


Progress = Callable[[IngestReport], None]


def ingest(
    sources: Iterable[str | Path],
    store: Store,
    *,
    workers: int = 1,
    published: dt.date | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
    stdin: bytes | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestReport:
    """Read every source into ``store``; return the counts.

    ``workers`` processes extract in parallel (1: in this process); ``published`` is the
    date of stories that carry none; ``stdin`` holds the bytes read for a ``-`` source.
    Unreadable inputs, future-dated stories and article ids taken by another text are
    recorded in the store's quarantine table and the run goes on. A failure of the store
    itself (E029: locked, full, gone) stops the run with that SitrepError: the batches
    written before it stay, and the same call again resumes where it stopped.
    """
    settings = settings or Settings()
    pipeline = Pipeline(settings=settings)
    report = IngestReport(pipeline_version=pipeline.version)
    notify = _notifier(report, progress)
    screen = _Screen(store, pipeline.version, report)

    def screened() -> Iterator[list[Sourced]]:
        items = (
            (source, item)
            for source in map(str, sources)
            for item in read_source(source, published=published, settings=settings, stdin=stdin)
        )
        while chunk := list(islice(items, batch_size)):
            batch = screen.batch(chunk)
            notify()
            if batch:
                yield batch

    # closing: a store failure (E029) raised here ends the worker processes at once.
    # Each batch is clustered as soon as it is written, from the extractions in hand.
    incidents = IncidentSync(store, settings=settings)
    with (
        LongRunCollection() as collection,
        closing(extract_batches(screened(), pipeline=pipeline, workers=workers)) as batches,
    ):
        for extracted in batches:
            written = _write(store, extracted, report)
            screen.done(extracted)
            incidents.update(fresh=written, save=False)
            collection.settle()
            notify()
        report.incidents = incidents.update()
    store.optimize()
    notify()
    return report


def reprocess(
    store: Store,
    *,
    workers: int = 1,
    settings: Settings | None = None,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestReport:
    """Re-extract every stored story whose extraction comes from another pipeline version."""
    pipeline = Pipeline(settings=settings or Settings())
    report = IngestReport(pipeline_version=pipeline.version)
    notify = _notifier(report, progress)

    def batches() -> Iterator[list[Sourced]]:
        stale = store.stale(pipeline.version)
        while chunk := list(islice(stale, batch_size)):
            report.read += len(chunk)
            yield [(article, None) for article in chunk]

    with (
        LongRunCollection() as collection,
        closing(extract_batches(batches(), pipeline=pipeline, workers=workers)) as extracting,
    ):
        for extracted in extracting:
            _write(store, extracted, report)
            collection.settle()
            notify()
        # Re-extracted stories have old events in stored incidents: this becomes a rebuild.
        report.incidents = update_incidents(store, settings=settings)
    store.optimize()
    notify()
    return report


class IncidentSync:
    """Keeps a store's incidents current with its stories, resumably, in memory that does
    not grow with the store (an ``IncidentWindow``: see ``sitrep.incidents.window``).

    The window stays in memory between calls (a server's writes), and is started afresh
    only when another process has clustered since this one last did.
    """

    # Stories whose articles are looked up at once among the stored incidents' sources,
    # parsed and held together: 500 held some 50 MiB more at 5,000 stories, and were slower.
    page = 50
    # Sources of the incidents changed since the last save, held in full until it: more
    # than this saves early. Stories join ever larger incidents as the store grows, so a
    # budget in stories alone would let memory grow with the store (each source ~15 KB).
    held_sources = 2_000

    def __init__(self, store: Store, *, settings: Settings | None = None, every: int = 1000):
        self.store, self.settings, self.every = store, settings, every
        self._window: IncidentWindow | None = None
        self._seen: int | None = None  # the store's watermark when the window was current
        self._forget()

    def _forget(self) -> None:
        """Drop what was clustered in memory and not saved (and what was changed)."""
        self._changed: dict[str, Incident] = {}
        self._removed: set[str] = set()  # merged into others since the last save
        self._touched: set[str] = set()
        self._last: int | None = None  # the seq clustered last, while not saved
        self._pending = 0  # stories clustered since the last save
        self._sources = 0  # sources held by the changed incidents

    def update(
        self, *, rebuild: bool = False, fresh: Sequence[Extraction] = (), save: bool = True
    ) -> int:
        """Cluster the stored stories no incident run has seen into the stored incidents
        (with ``rebuild``: drop the stored incidents and cluster every story again); return
        how many incidents were made or changed since the last call that saved.

        The incidents and how far clustering got are saved in one transaction every
        ``every`` stories, so a killed run (a rebuild too) resumes where the last save left
        it and never clusters a story twice. A story re-extracted since it was clustered (a
        new pipeline version) has old events in stored incidents: that turns into a rebuild.

        ``fresh`` are extractions just stored (as ``Store.write`` returned them): they are
        clustered as they are, not read back. With ``save`` False (an ingest between its
        batches), what is under the budgets stays in memory for the next call.
        """
        from .incidents import IncidentWindow

        if rebuild:
            self.store.save_incidents([], clustered_through=0, replace_all=True)
            self._window = None
        watermark = self.store.clustered_through()
        if self._window is None or watermark != self._seen:
            # Started afresh: what another process clustered meanwhile is read back.
            self._window = IncidentWindow(self.store, settings=self.settings)
            self._forget()
            self._seen = watermark
        window = self._window
        known = {extraction.article.id: extraction for extraction in fresh}
        stories = self.store.unclustered(after=self._last, known=known)
        while page := list(islice(stories, self.page)):
            if self.store.cited_articles(extraction.article.id for _, extraction in page):
                return self.update(rebuild=True, fresh=fresh, save=save)
            for seq, extraction in page:
                for incident in window.add(extraction):
                    kept = self._changed.get(incident.id)
                    self._sources += len(incident.sources) - (len(kept.sources) if kept else 0)
                    self._changed[incident.id] = incident
                for gone in window.take_merged():
                    kept = self._changed.pop(gone, None)
                    self._sources -= len(kept.sources) if kept else 0
                    self._removed.add(gone)
                self._last, self._pending = seq, self._pending + 1
                if self._pending >= self.every or self._sources >= self.held_sources:
                    self._save()
        if save and self._pending:
            self._save()
        changed = len(self._touched | self._changed.keys() | self._removed)
        if save:
            self._touched = set()
        return changed

    def _save(self) -> None:
        """Save the changed incidents and how far clustering got, in one transaction."""
        assert self._window is not None and self._last is not None
        self.store.save_incidents(
            self._changed.values(), clustered_through=self._last, removed=self._removed
        )
        self._window.saved()
        self._seen = self._last
        self._touched |= self._changed.keys() | self._removed
        self._changed, self._removed = {}, set()
        self._last, self._pending, self._sources = None, 0, 0


def update_incidents(
    store: Store, *, settings: Settings | None = None, rebuild: bool = False, every: int = 1000
) -> int:
    """One ``IncidentSync.update`` (see there): what ingest and reprocess run at their end."""
    return IncidentSync(store, settings=settings, every=every).update(rebuild=rebuild)


class LongRunCollection:
    """The garbage collector set for a long run (a context manager), and restored after it.

    What is alive at the start (modules, loaded resources) is moved out of the collector's
    sight (``gc.freeze``), and its youngest pass comes every YOUNG_COLLECTION_EVERY new
    objects. ``settle`` is called after each batch: the first call freezes what the stages
    loaded on first use; later calls do nothing.
    """

    def __init__(self) -> None:
        self._threshold = gc.get_threshold()
        self._settled = False
        self._unfreeze = False

    def __enter__(self) -> LongRunCollection:
        self._threshold = gc.get_threshold()
        # What another part of the process froze (a server's start-up) stays frozen after.
        self._unfreeze = gc.get_freeze_count() == 0
        gc.freeze()
        gc.set_threshold(YOUNG_COLLECTION_EVERY, *self._threshold[1:])
        return self

    def settle(self) -> None:
        if not self._settled:
            gc.freeze()
            self._settled = True

    def __exit__(self, *exc: object) -> None:
        gc.set_threshold(*self._threshold)
        if self._unfreeze:
            gc.unfreeze()


def _notifier(report: IngestReport, progress: Progress | None) -> Callable[[], None]:
    """Keeps ``report.seconds`` current and passes the report to ``progress``."""
    started = time.perf_counter()

    def notify() -> None:
        report.seconds = time.perf_counter() - started
        if progress:
            progress(report)

    return notify


def _write(
    store: Store, extracted: Sequence[tuple[Extraction, str | None]], report: IngestReport
) -> list[Extraction]:
    """Store a batch; return the extractions written, as stored."""
    clashes = 0
    try:
        written = store.write([e for e, _ in extracted], sources=[s for _, s in extracted])
    except InputError:
        # Another writer took one of these ids since they were screened (E032): store the
        # rest one by one and quarantine the clash. A store failure (E029) goes up.
        written = []
        for extraction, source in extracted:
            try:
                written += store.write([extraction], sources=[source])
            except InputError as problem:
                digest = content_hash(extraction.article.text)
                label = source or extraction.article.id
                _quarantine(store, report, label, str(problem), digest)
                clashes += 1
    report.new += len(written)
    report.skipped += len(extracted) - len(written) - clashes
    return written


def _quarantine(
    store: Store, report: IngestReport, source: str, reason: str, digest: str | None
) -> None:
    store.record_error(source, reason, content_hash=digest)
    report.quarantined += 1


class _Screen:
    """Decides, before extraction, which read items to extract: the rest are skipped
    (already stored by this pipeline version, or already on their way) or quarantined."""

    def __init__(self, store: Store, version: str, report: IngestReport) -> None:
        self.store = store
        self.version = version
        self.report = report
        self.latest = dt.date.today() + FUTURE_GRACE
        # Stories read but not yet written: content hash -> article id, and back.
        self.pending_hashes: dict[str, str] = {}
        self.pending_ids: dict[str, str] = {}

    def batch(self, chunk: list[tuple[str, Article | InputError]]) -> list[Sourced]:
        report = self.report
        candidates: list[tuple[Article, str, str]] = []
        for source, item in chunk:
            report.read += 1
            if isinstance(item, InputError):
                _quarantine(self.store, report, source, str(item), None)
                continue
            digest = content_hash(item.text)
            if item.published and item.published > self.latest:
                reason = Errors.E033.format(
                    source=source,
                    article=item.id,
                    published=item.published,
                    today=dt.date.today(),
                )
                _quarantine(self.store, report, source, reason, digest)
                continue
            candidates.append((item, source, digest))
        versions = self.store.versions(digest for _, _, digest in candidates)
        owners = self.store.hashes(article.id for article, _, _ in candidates)
        keep: list[Sourced] = []
        for article, source, digest in candidates:
            if digest in self.pending_hashes or versions.get(digest) == self.version:
                report.skipped += 1
                continue
            owner = owners.get(article.id) or self.pending_ids.get(article.id)
            if digest not in versions and owner not in (None, digest):
                reason = Errors.E032.format(article=article.id, stored=owner, new=digest)
                _quarantine(self.store, report, source, reason, digest)
                continue
            self.pending_hashes[digest] = article.id
            self.pending_ids[article.id] = digest
            keep.append((article, source))
        return keep

    def done(self, extracted: Sequence[tuple[Extraction, str | None]]) -> None:
        for extraction, _ in extracted:
            digest = self.pending_ids.pop(extraction.article.id, None)
            self.pending_hashes.pop(digest or "", None)


# --------------------------------------------------------------------------- extraction

# A worker process's pipeline, built once by _start_worker.
_worker: dict[str, Pipeline] = {}
_worker_collection = LongRunCollection()


def _start_worker(stages: list[str], settings: Settings, parent: int) -> None:
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    _worker["pipeline"] = Pipeline(stages, settings=settings)
    # A worker lives for the run: its collector stays set as a long run's.
    _worker_collection.__enter__()


def _exit_with(parent: int) -> None:
    """End this worker once its parent is gone: a killed ingest (SIGKILL included) must not
    leave workers behind, and they would wait on their task queue for ever."""
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_S)
    os._exit(1)


def _extract(articles: list[Article]) -> list[Extraction]:
    pipeline = _worker["pipeline"]
    extracted = [pipeline.extract(article) for article in articles]
    _worker_collection.settle()
    return extracted


def extract_batches(
    batches: Iterable[list[Sourced]], *, pipeline: Pipeline, workers: int = 1
) -> Iterator[list[tuple[Extraction, str | None]]]:
    """Extract each batch, yielding the results in input order.

    ``workers`` > 1 runs that many processes, each building the pipeline once; at most
    two batches per worker are in flight, so memory stays flat however long the input.
    A single batch is extracted here: starting processes would cost more than it saves.
    """
    if workers > 1:
        rest = iter(batches)
        opening = list(islice(rest, 2))
        batches = chain(opening, rest)
        workers = workers if len(opening) == 2 else 1
    if workers <= 1:
        for batch in batches:
            yield [(pipeline.extract(article), source) for article, source in batch]
        return
    # spawn, not fork: a forked child would inherit the store's open connections.
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(pipeline.stage_names, pipeline.settings, os.getpid()),
    )
    pending: deque[tuple[Future[list[Extraction]], list[str | None]]] = deque()
    try:
        for batch in batches:
            future = pool.submit(_extract, [article for article, _ in batch])
            pending.append((future, [source for _, source in batch]))
            if len(pending) >= 2 * workers:
                future, labels = pending.popleft()
                yield list(zip(future.result(), labels, strict=True))
        while pending:
            future, labels = pending.popleft()
            yield list(zip(future.result(), labels, strict=True))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
