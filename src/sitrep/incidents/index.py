"""The incidents so far, and how a new report finds the one it belongs to.

Candidates come from an index of date buckets (by country, and across countries for a
report whose country is unknown), never from all incidents. A report is scored against
each candidate's reconciled fields, so that an incident cannot drift day by day or town
by town as reports join, and against the closest wording among its reports.

What matching reads of an incident is kept apart from its sources, as a compact
:class:`Summary`: :class:`IncidentIndex` keeps both for every incident, the store-backed
:class:`~.window.IncidentWindow` keeps summaries for a window of dates and sources only
until they are saved.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import Errors, SitrepError
from ..model import Extraction, Incident, IncidentSource
from .reconcile import Chosen, choose, reconcile
from .settings import settings_of
from .similarity import Report, combine, make_report, report_of, rule_scores
from .sources import source_of, wording_vectors

Key = tuple[str | None, int]  # (country, date bucket): where the candidate index files a report
# The modes of the events that are reports of a happening: asserted ones, and background
# ones (a story recalling an earlier happening reports it too; it joins, never starts one).
REPORTING_MODES = ("asserted", "background")


def incident_id(article_id: str, event_id: str) -> str:
    """The id of an incident: a hash of its first source, ``inc:<16 hex>``."""
    return "inc:" + hashlib.sha1(f"{article_id}:{event_id}".encode()).hexdigest()[:16]


@dataclass(slots=True, eq=False)
class Summary:
    """What matching reads of one incident: no wording, framing or evidence."""

    id: str
    order: int  # when the index took it in: candidates are tried in this order
    anchor: Report  # the reconciled type, date, place and actors as one report
    articles: tuple[str, ...]  # each source's article, in order
    keys: tuple[Key, ...]  # every source's (country, bucket) keys
    vectors: tuple[np.ndarray, ...]  # the wordings of the first max_compared sources
    span: int | None  # days from the reconciled date's start to its end (None: undated)
    texts: tuple[str, ...] | None = None  # those wordings while not embedded yet


def date_span(date: Any) -> int | None:
    """Days from a date's start to its end (a DateValue or a stored copy); None: no date."""
    if date is None or date.start is None:
        return None
    return ((date.end or date.start) - date.start).days


def anchor_of(
    sources: list[IncidentSource], settings: Any, chosen: Chosen | None = None
) -> tuple[Report, int | None]:
    """The incident's reconciled type, date, place and actors as one report, and the span
    of its reconciled date (``chosen``: ``choose`` over these sources, when known)."""
    if chosen is None:
        chosen = choose(sources, settings)
    dated, placed, typed = chosen["date"] or sources[0], chosen["place"], chosen["event_type"]
    first, second = chosen["actor1"], chosen["actor2"]
    report = make_report(
        event_type=typed.event_type if typed else None,
        sub_event_type=typed.sub_event_type if typed else None,
        date=dated.date,
        published=dated.published,
        place=placed.place if placed else None,
        dateline_place=bool(placed and placed.dateline_place),
        actor1=first.actor1 if first else None,
        actor2=second.actor2 if second else None,
        vector=None,
        settings=settings,
    )
    return report, date_span(chosen["date"].date if chosen["date"] else None)


class Matcher:
    """Summaries, the candidate index over them, and the placing of new reports: what
    :class:`IncidentIndex` and :class:`~.window.IncidentWindow` share. Where an incident's
    sources come from is theirs to say (``_read``)."""

    def __init__(self, settings: Any) -> None:
        self.settings = settings_of(settings)
        self._held: dict[int, Summary] = {}
        # Full sources: every incident's (IncidentIndex) or the unsaved ones' (IncidentWindow).
        self._sources: dict[int, list[IncidentSource]] = {}
        self._made: dict[int, Incident] = {}  # reconciled, until the sources change
        # What ``choose`` gave over an incident's sources, with how many there were: the
        # anchor and the reconciled incident take the same choice (an O(sources) pass).
        self._chosen: dict[int, tuple[int, Chosen]] = {}
        self._by_country: dict[Key, set[int]] = {}
        self._by_bucket: dict[int, set[int]] = {}
        self._next = 0
        self._merged: dict[str, str] = {}  # absorbed incident id -> the id it went into

    def __len__(self) -> int:
        return len(self._held)

    def add(self, extraction: Extraction) -> list[Incident]:
        """Cluster one story's events (see ``extend``); return the incidents it made or changed."""
        return self.extend([extraction])

    def extend(self, extractions: Iterable[Extraction]) -> list[Incident]:
        """Cluster stories in order (one embedding batch); return the incidents touched.

        Within a story the main event goes first, then the others in story order. An
        asserted event joins its incident or starts one; a background event (an earlier
        happening the story recalls) joins the incident it recalls, and starts none.
        """
        pending = [
            (source_of(extraction, event), event.mode == "asserted")
            for extraction in extractions
            for event in sorted(extraction.events, key=lambda event: not event.main)
            if event.mode in REPORTING_MODES
        ]
        vectors = wording_vectors([source for source, _ in pending])
        reports = [
            report_of(source, vector, self.settings)
            for (source, _), vector in zip(pending, vectors, strict=True)
        ]
        self._prepare(reports)
        touched: dict[int, None] = {}
        for (source, starts), report in zip(pending, reports, strict=True):
            order = self._place(source, report, starts=starts)
            if order is not None:
                touched[order] = None
        # An incident made or changed early in the batch may have been merged since.
        found = [self._incident(order) for order in touched if order in self._held]
        self._settle()
        return found

    def take_merged(self) -> dict[str, str]:
        """The incidents merged into others since the last call (absorbed id -> the id it
        went into): they are gone, and a store should drop them."""
        merged, self._merged = self._merged, {}
        return merged

    # -- what IncidentIndex and IncidentWindow do differently ------------------------------
    def _prepare(self, reports: list[Report]) -> None:
        """Before placing ``reports``: hold every incident they could join."""

    def _settle(self) -> None:
        """After placing a batch: let go of what need not stay in memory."""

    def _read(self, summary: Summary) -> list[IncidentSource]:
        """The sources of an incident whose sources are not in memory."""
        raise KeyError(summary.id)

    def _vectors(self, summary: Summary) -> tuple[np.ndarray, ...]:
        return summary.vectors

    def _after_merge(self, absorbed: Summary, kept: Summary) -> None:
        """After ``absorbed`` was merged into ``kept``."""

    def _incident(self, order: int) -> Incident:
        made = self._made.get(order)
        if made is None:
            sources = self._sources[order]
            known = self._chosen.get(order)
            chosen = known[1] if known is not None and known[0] == len(sources) else None
            made = reconcile(self._held[order].id, sources, self.settings, chosen=chosen)
            self._made[order] = made
        return made

    def _anchor(self, order: int, sources: list[IncidentSource]) -> tuple[Report, int | None]:
        """``anchor_of`` the incident's sources, remembering the choice for ``_incident``."""
        chosen = choose(sources, self.settings)
        self._chosen[order] = (len(sources), chosen)
        return anchor_of(sources, self.settings, chosen)

    # -- placing ---------------------------------------------------------------------------
    def _place(self, source: IncidentSource, report: Report, *, starts: bool) -> int | None:
        """Put one report in its best incident, or (``starts``) a new one; return that
        incident's order (None: it joined none and started none).

        Another incident the report matches at ``merge_threshold`` or above, whose own
        type, date and place pass the rules against the best one's, is the same happening
        told apart before this report bridged them: it is merged into the best one."""
        scored = []
        for order in self._candidates(report):
            score = self._score(self._held[order], report)
            if score is not None and score >= self.settings.threshold:
                scored.append((score, order))
        if not scored:
            if not starts:
                return None
            return self._hold(incident_id(source.article_id, source.event_id), [source], [report])
        scored.sort(key=lambda item: (-item[0], item[1]))  # ties: the earlier incident
        best_score, best = scored[0]
        for score, other in scored[1:]:
            if score >= self.settings.merge_threshold and self._mergeable(best, other):
                self._absorb(best, other, score)
        sources = self._held_sources(best)
        joined = source.model_copy(update={"similarity": round(best_score, 4)})
        if _take_in(sources, joined):
            self._grow(self._held[best], sources, report)
        self._made.pop(best, None)
        return best

    def _held_sources(self, order: int) -> list[IncidentSource]:
        sources = self._sources.get(order)
        if sources is None:
            sources = self._sources[order] = self._read(self._held[order])
        return sources

    def _mergeable(self, kept: int, other: int) -> bool:
        """The two incidents' reconciled type, date and place pass the rules together."""
        anchors = self._held[other].anchor, self._held[kept].anchor
        return rule_scores(*anchors, self.settings) is not None

    def _absorb(self, kept_order: int, other: int, score: float) -> None:
        """Merge incident ``other`` into ``kept_order``: its sources join (one story, one
        source), the kept incident is reconciled again, the other is gone."""
        kept, absorbed = self._held[kept_order], self._held[other]
        sources = self._held_sources(kept_order)
        for source in self._held_sources(other):
            if source.similarity is None:  # it started the other: the bridge's score
                source = source.model_copy(update={"similarity": round(score, 4)})
            _take_in(sources, source)
        vectors = (*self._vectors(kept), *self._vectors(absorbed))
        self._unfile(absorbed)
        del self._sources[other]
        self._chosen.pop(other, None)
        self._made.pop(other, None)
        self._made.pop(kept_order, None)
        kept.vectors = vectors[: self.settings.max_compared]
        kept.articles = tuple(source.article_id for source in sources)
        new = [key for key in absorbed.keys if key not in kept.keys]
        kept.keys = (*kept.keys, *new)
        kept.anchor, kept.span = self._anchor(kept_order, sources)
        self._file(kept, new)
        self._merged[absorbed.id] = kept.id
        self._after_merge(absorbed, kept)

    def _score(self, summary: Summary, report: Report) -> float | None:
        scores = rule_scores(report, summary.anchor, self.settings)
        if scores is None:
            return None  # ruled out: no need for the wording
        cosine = None
        if report.vector is not None:
            vector = report.vector
            cosine = max((float(vector @ other) for other in self._vectors(summary)), default=None)
        return combine(scores, report, summary.anchor, cosine, self.settings)

    def _candidates(self, report: Report) -> list[int]:
        if report.window is None:
            return []  # no date at all, not even publication: nothing to line it up with
        found: set[int] = set()
        for bucket in self._buckets(report.window):
            if report.country is None:
                found |= self._by_bucket.get(bucket, set())
            else:
                found |= self._by_country.get((report.country, bucket), set())
                found |= self._by_country.get((None, bucket), set())
        return sorted(found)

    def _buckets(self, window: tuple[int, int]) -> range:
        low, high = window
        return range(low // self.settings.bucket_days, high // self.settings.bucket_days + 1)

    def _keys(self, report: Report) -> list[Key]:
        if report.window is None:
            return []
        return [(report.country, bucket) for bucket in self._buckets(report.window)]

    # -- keeping summaries -----------------------------------------------------------------
    def _hold(self, incident: str, sources: list[IncidentSource], reports: list[Report]) -> int:
        """Take in an incident with these sources (and their reports); return its order."""
        order = self._next
        self._next += 1
        vectors = [r.vector for r in reports[: self.settings.max_compared] if r.vector is not None]
        keys = list(dict.fromkeys(key for report in reports for key in self._keys(report)))
        anchor, span = self._anchor(order, sources)
        summary = Summary(
            id=incident,
            order=order,
            anchor=anchor,
            articles=tuple(source.article_id for source in sources),
            keys=tuple(keys),
            vectors=tuple(vectors),
            span=span,
        )
        self._sources[order] = sources
        self._file(summary)
        return order

    def _grow(self, summary: Summary, sources: list[IncidentSource], report: Report) -> None:
        """A new source (the last of ``sources``) joined ``summary``'s incident."""
        if len(summary.articles) < self.settings.max_compared and report.vector is not None:
            summary.vectors = (*self._vectors(summary), report.vector)
        summary.articles = (*summary.articles, sources[-1].article_id)
        new = [key for key in self._keys(report) if key not in summary.keys]
        summary.keys = (*summary.keys, *dict.fromkeys(new))
        summary.anchor, summary.span = self._anchor(summary.order, sources)
        self._file(summary, new)

    def _file(self, summary: Summary, keys: Iterable[Key] | None = None) -> None:
        """Add ``summary`` to the candidate index under ``keys`` (all its keys by default)."""
        self._held[summary.order] = summary
        for country, bucket in summary.keys if keys is None else keys:
            self._by_country.setdefault((country, bucket), set()).add(summary.order)
            self._by_bucket.setdefault(bucket, set()).add(summary.order)

    def _unfile(self, summary: Summary) -> None:
        """Drop ``summary`` from memory and from the candidate index."""
        del self._held[summary.order]
        self._chosen.pop(summary.order, None)
        for key in summary.keys:
            _discard(self._by_country, key, summary.order)
            _discard(self._by_bucket, key[1], summary.order)


def _take_in(sources: list[IncidentSource], source: IncidentSource) -> bool:
    """Add ``source`` to an incident's ``sources``; True when it was added. A story already
    there told one happening as several events: one story, one source, which records the
    new source's events among its ``merged_events``."""
    at = next((i for i, s in enumerate(sources) if s.article_id == source.article_id), None)
    if at is None:
        sources.append(source)
        return True
    told = sources[at]
    events = [*told.merged_events, source.event_id, *source.merged_events]
    sources[at] = told.model_copy(update={"merged_events": events})
    return False


def _discard(index: dict[Any, set[int]], key: Any, order: int) -> None:
    found = index.get(key)
    if found is not None:
        found.discard(order)
        if not found:
            del index[key]


class IncidentIndex(Matcher):
    """Every incident in memory, with its sources, and a date-bucket + country index."""

    def __init__(self, incidents: Iterable[Incident] = (), *, settings: Any = None) -> None:
        """Resume from stored ``incidents``, given in the order they were made.

        ``settings``: IncidentSettings, the project Settings (its ``incidents`` group) or
        None for the defaults. Raises SitrepError E052 for an incident with no source or
        a repeated id, E054 for settings that cannot work.
        """
        super().__init__(settings)
        stored = list(incidents)
        seen: set[str] = set()
        for item in stored:
            if not item.sources:
                raise SitrepError(Errors.E052.format(incident=item.id, reason="it has no sources"))
            if item.id in seen:
                raise SitrepError(Errors.E052.format(incident=item.id, reason="duplicate id"))
            seen.add(item.id)
        vectors = iter(wording_vectors([source for item in stored for source in item.sources]))
        for item in stored:
            reports = [report_of(source, next(vectors), self.settings) for source in item.sources]
            self._hold(item.id, list(item.sources), reports)

    def incidents(self) -> list[Incident]:
        """Every incident, in the order they were made."""
        return [self._incident(order) for order in self._held]


def cluster(extractions: Iterable[Extraction], *, settings: Any = None) -> list[Incident]:
    """Incidents of a batch of stories, as adding them one by one in order would make."""
    index = IncidentIndex(settings=settings)
    index.extend(extractions)
    return index.incidents()
