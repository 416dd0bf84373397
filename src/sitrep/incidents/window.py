"""A store's incidents, held in memory only for a window of dates: what ``sitrep ingest``
and the API's writes cluster new stories into, in memory that does not grow with the
store.

Matching needs, of each incident, its reconciled type, date window, place and actors and
its first wordings' vectors (a :class:`~.index.Summary`); it needs the sources themselves
only when a report joins, to reconcile the incident again. So:

* summaries are held for the incidents a new report could meet. A report with a date
  window needs every incident whose reconciled date window overlaps its own (no other can
  pass the date rule) and whose country is its own or unknown (no other can pass the place
  rule). The window reads them from the store by date, a (country, date bucket) *unit* at
  a time, and remembers which units it holds whole. (When the store held no incident as
  the window began, every unit is whole until it is let go: nothing is read back.)
* incidents are let go when more than ``max_held`` are held: the date buckets of the
  window of recent dates (``window_days`` back from the newest event date seen, a margin
  that grows with the settings' date tolerance) stay, older buckets go, least recently
  used first, and with them every incident that no unit still held whole needs. A story
  about an old event reads its units back from the store;
* the sources of an incident are read from the store when a report joins it, and held
  until the caller has saved the incidents it was given (``saved``);
* an incident the store cannot find by date (no date, or dates spanning more than
  ``REACH_DAYS``) stays in memory for good: few are (a year's span, a story with no date).

What a window decides is what :class:`~.index.IncidentIndex` over every stored incident
decides, except that candidates read back from the store are tried after those held
(a tie between two equal scores may then go the other way).
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any, Protocol

import numpy as np
from pydantic import BaseModel

from ..errors import Errors, SitrepError
from ..model import Incident, IncidentSource
from .index import Key, Matcher, Summary, date_span
from .similarity import Report, date_window, make_report
from .sources import text_vectors

# Longest span of dates (days) the store's date index is asked to reach back over; an
# incident with wider dates (a year, "in the past two years") is held for good instead.
REACH_DAYS = 31
# Incidents held before the oldest buckets are let go (about 2.5 KB each, index included).
MAX_HELD = 20_000
# Let go of old buckets until this share of MAX_HELD is held: not a sweep per story.
KEEP_SHARE = 0.75
# Sources of saved incidents kept in memory, most recently joined first: an incident many
# stories report (a thousand sources) is not read back and parsed again after each save.
KEPT_SOURCES = 5_000
# Days before the newest event date whose buckets are never let go (the settings' date
# tolerance is added): a story about an event up to two weeks old finds it in memory.
LATE_DAYS = 14
ANY = "*"  # the units of every country (no ISO 3166 code is "*")


class IncidentStore(Protocol):
    """What the window reads of a store (``sitrep.store.Store`` has it)."""

    def incident(self, incident_id: str) -> Incident | None: ...

    def incidents(self, *, limit: int | None = None) -> Iterator[Incident]: ...

    def incidents_dated(
        self,
        *,
        start_from: dt.date | None = None,
        start_to: dt.date | None = None,
        end_from: dt.date | None = None,
        countries: Any = None,
        wider_than: int | None = None,
    ) -> Iterator[tuple[str, str]]: ...


# A stored incident read for its summary only: parsing skips wording, framing, evidence.
class _Date(BaseModel):
    start: dt.date | None = None
    end: dt.date | None = None
    precision: str | None = None
    default: bool = False


class _Place(BaseModel):
    name: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    default: bool = False


class _Named(BaseModel):
    name: str


class _Wording(BaseModel):
    text: str


class _Source(BaseModel):
    article_id: str
    event_id: str
    published: dt.date | None = None
    wording: _Wording | None = None
    date: _Date | None = None
    place: _Place | None = None
    dateline_place: bool = False


class StoredIncident(BaseModel):
    """The fields of a stored Incident that its summary is made from."""

    id: str
    event_type: str | None = None
    sub_event_type: str | None = None
    date: _Date | None = None
    place: _Place | None = None
    actor1: _Named | None = None
    actor2: _Named | None = None
    sources: list[_Source]
    provenance: dict[str, str] = {}


def _day(ordinal: int) -> dt.date:
    """The date of an ordinal, held within the dates Python has (year 1 to 9999)."""
    return dt.date.fromordinal(min(max(ordinal, 1), dt.date.max.toordinal()))


def stored_anchor(item: StoredIncident, settings: Any) -> Report:
    """The anchor (``index.anchor_of``) of a stored incident, from its reconciled fields and
    the sources its provenance names: the same report, without choosing again."""
    by_key = {f"{source.article_id}#{source.event_id}": source for source in item.sources}
    dated = by_key.get(item.provenance.get("date", "")) or item.sources[0]
    placed = by_key.get(item.provenance.get("place", ""))
    return make_report(
        event_type=item.event_type,
        sub_event_type=item.sub_event_type,
        date=dated.date,
        published=dated.published,
        place=item.place if placed else None,
        dateline_place=bool(placed and placed.dateline_place),
        actor1=item.actor1,
        actor2=item.actor2,
        vector=None,
        settings=settings,
    )


class IncidentWindow(Matcher):
    """A store's incidents to cluster new stories into, a window of them in memory.

    ``add``/``extend`` return the incidents made or changed, as ``IncidentIndex`` does;
    call ``saved`` once they are stored.
    """

    def __init__(
        self, store: IncidentStore, *, settings: Any = None, max_held: int = MAX_HELD
    ) -> None:
        """``settings`` as for IncidentIndex; ``max_held``: incidents held before old ones
        are let go. Raises SitrepError E054 for settings that cannot work."""
        super().__init__(settings)
        self.store = store
        self.max_held = max_held
        tolerance = self.settings.day_slack_days
        # How far an incident's date window reaches before its date, and after.
        self._before = max(tolerance, self.settings.default_window_days)
        self._after = tolerance
        self.window_days = LATE_DAYS + self._before + self._after
        self._ids: dict[str, int] = {}
        self._pinned: set[int] = set()
        # Units held whole, as bucket -> countries (ANY: all); buckets by use, oldest first.
        self._whole: dict[int, set[str | None]] = {}
        self._used: OrderedDict[int, None] = OrderedDict()
        # A store with no incident yet: every unit is whole but those of buckets let go.
        self._fresh = next(iter(store.incidents(limit=1)), None) is None
        self._let_go: set[int] = set()
        self._newest: int | None = None  # the newest event date seen (ordinal)
        # Saved incidents' sources as stored (KEPT_SOURCES of them), by order, oldest first.
        self._kept: OrderedDict[int, list[IncidentSource]] = OrderedDict()
        self._kept_count = 0
        for _, data in store.incidents_dated(wider_than=REACH_DAYS):
            self._take(StoredIncident.model_validate_json(data))

    def __contains__(self, incident_id: object) -> bool:
        """Whether the incident is held in memory now."""
        return incident_id in self._ids

    def saved(self) -> None:
        """The incidents returned so far are stored: their sources become the most recently
        kept, and the oldest kept beyond KEPT_SOURCES are let go."""
        for order, sources in self._sources.items():
            self._forget_kept(order)
            self._kept[order] = sources
            self._kept_count += len(sources)
        while self._kept_count > KEPT_SOURCES and self._kept:
            self._forget_kept(next(iter(self._kept)))
        self._sources.clear()
        self._made.clear()
        self._chosen.clear()  # it holds sources too
        self._settle()

    def _forget_kept(self, order: int) -> list[IncidentSource] | None:
        sources = self._kept.pop(order, None)
        if sources is not None:
            self._kept_count -= len(sources)
        return sources

    # -- reading back ----------------------------------------------------------------------
    def _prepare(self, reports: list[Report]) -> None:
        for report in reports:
            if report.window is None:
                continue  # it meets no incident
            self._newest = max(self._newest or report.window[1], report.window[1])
            countries = [ANY] if report.country is None else [report.country, None]
            buckets = self._buckets(report.window)
            missing = [(c, b) for b in buckets for c in countries if not self._is_whole(c, b)]
            if missing:
                self._load(missing)
            for bucket in buckets:
                self._used[bucket] = None
                self._used.move_to_end(bucket)

    def _is_whole(self, country: str | None, bucket: int) -> bool:
        """Every stored incident of this country (or ANY) and bucket is held."""
        held = self._whole.get(bucket, ())
        return country in held or ANY in held or (self._fresh and bucket not in self._let_go)

    def _load(self, units: list[Key]) -> None:
        """Hold every stored incident that a report in ``units`` could meet."""
        size = self.settings.bucket_days
        first = min(bucket for _, bucket in units) * size
        last = max(bucket for _, bucket in units) * size + size - 1
        countries = {country for country, _ in units}
        # A narrow incident meeting first..last has a date window within its dates widened
        # by _before and _after, and starts at most REACH_DAYS before it ends.
        rows = self.store.incidents_dated(
            start_from=_day(first - self._after - REACH_DAYS),
            start_to=_day(last + self._before),
            end_from=_day(first - self._after),
            countries=None if ANY in countries else countries,
        )
        for incident, data in rows:
            if incident not in self._ids:  # what is held is as new or newer
                self._take(StoredIncident.model_validate_json(data))
        for country, bucket in units:
            self._whole.setdefault(bucket, set()).add(country)

    def _take(self, item: StoredIncident) -> None:
        """Hold the summary of a stored incident."""
        sources = item.sources
        anchor = stored_anchor(item, self.settings)
        keys: dict[Key, None] = {}
        for source in sources:
            window, _, _ = date_window(source.date, source.published, self.settings)
            country = source.place.country_code if source.place is not None else None
            if window is not None:
                keys.update(((country, bucket), None) for bucket in self._buckets(window))
        texts = tuple(
            source.wording.text
            for source in sources[: self.settings.max_compared]
            if source.wording is not None and source.wording.text.strip()
        )
        summary = Summary(
            id=item.id,
            order=self._next,
            anchor=anchor,
            articles=tuple(source.article_id for source in sources),
            keys=tuple(keys),
            vectors=(),
            span=date_span(item.date),
            texts=texts,
        )
        self._next += 1
        self._file(summary)
        self._register(summary)

    def _read(self, summary: Summary) -> list[IncidentSource]:
        kept = self._forget_kept(summary.order)
        if kept is not None:
            return kept  # as saved: the store holds the same
        stored = self.store.incident(summary.id)
        if stored is None:
            reason = "it left the store while being clustered into (a rebuild elsewhere?)"
            raise SitrepError(Errors.E052.format(incident=summary.id, reason=reason))
        return list(stored.sources)

    def _vectors(self, summary: Summary) -> tuple[np.ndarray, ...]:
        if summary.texts is not None:  # embedded on first need: most are never compared
            summary.vectors = tuple(text_vectors(list(summary.texts)))  # type: ignore[arg-type]
            summary.texts = None
        return summary.vectors

    # -- holding ---------------------------------------------------------------------------
    def _hold(self, incident: str, sources: list[IncidentSource], reports: list[Report]) -> int:
        order = super()._hold(incident, sources, reports)
        self._register(self._held[order])
        return order

    def _grow(self, summary: Summary, sources: list[IncidentSource], report: Report) -> None:
        super()._grow(summary, sources, report)
        self._register(summary)

    def _after_merge(self, absorbed: Summary, kept: Summary) -> None:
        self._forget_kept(absorbed.order)
        del self._ids[absorbed.id]
        self._pinned.discard(absorbed.order)
        self._register(kept)

    def _register(self, summary: Summary) -> None:
        self._ids[summary.id] = summary.order
        if summary.span is None or summary.span > REACH_DAYS:
            self._pinned.add(summary.order)  # no date range finds it in the store

    def _settle(self) -> None:
        """Over ``max_held``: let go of old buckets, least recently used first, and of the
        incidents that no unit still held whole needs, down to KEEP_SHARE of it."""
        if len(self._held) <= self.max_held or self._newest is None:
            return
        recent = (self._newest - self.window_days) // self.settings.bucket_days
        keep = int(self.max_held * KEEP_SHARE)
        while len(self._held) > keep:
            old = [bucket for bucket in self._used if bucket < recent]
            if not old:
                return  # the window alone holds more: it stays
            for bucket in old[: max(1, len(old) // 4)]:
                del self._used[bucket]
                self._whole.pop(bucket, None)
                if self._fresh:
                    self._let_go.add(bucket)
            for summary in list(self._held.values()):
                if not self._needed(summary):
                    self._unfile(summary)
                    self._forget_kept(summary.order)
                    del self._ids[summary.id]

    def _needed(self, summary: Summary) -> bool:
        """Unsaved, found by no date range, or in a unit held whole."""
        order = summary.order
        if order in self._sources or order in self._pinned:
            return True
        country = summary.anchor.country
        return any(
            self._is_whole(country, bucket)
            for bucket in self._buckets(summary.anchor.window)  # type: ignore[arg-type]
        )
