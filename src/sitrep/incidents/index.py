"""The incidents so far, and how a new report finds the one it belongs to.

Candidates come from an index of date buckets (by country, and across countries for a
report whose country is unknown), never from all incidents. A report is scored against
each candidate's reconciled fields, so that an incident cannot drift day by day or town
by town as reports join, and against the closest wording among its reports.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import Errors, SitrepError
from ..model import Extraction, Incident, IncidentSource
from .reconcile import choose, reconcile
from .settings import settings_of
from .similarity import Report, report_of, similarity
from .sources import source_of, wording_vectors


def incident_id(article_id: str, event_id: str) -> str:
    """The id of an incident: a hash of its first source, ``inc:<16 hex>``."""
    return "inc:" + hashlib.sha1(f"{article_id}:{event_id}".encode()).hexdigest()[:16]


@dataclass
class _Cluster:
    id: str
    sources: list[IncidentSource] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    made: Incident | None = None  # the reconciled record, until the sources change
    anchor: Report | None = None  # the reconciled fields as one report, likewise


class IncidentIndex:
    """Incidents so far, and a date-bucket + country index of them for new reports."""

    def __init__(self, incidents: Iterable[Incident] = (), *, settings: Any = None) -> None:
        """Resume from stored ``incidents``, given in the order they were made.

        ``settings``: IncidentSettings, the project Settings (its ``incidents`` group) or
        None for the defaults. Raises SitrepError E052 for an incident with no source or
        a repeated id, E054 for settings that cannot work.
        """
        self.settings = settings_of(settings)
        self._clusters: list[_Cluster] = []
        self._by_country: dict[tuple[str | None, int], set[int]] = defaultdict(set)
        self._by_bucket: dict[int, set[int]] = defaultdict(set)
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
            self._clusters.append(_Cluster(item.id))
            for source in item.sources:
                self._join(len(self._clusters) - 1, source, next(vectors))

    def __len__(self) -> int:
        return len(self._clusters)

    def incidents(self) -> list[Incident]:
        """Every incident, in the order they were made."""
        return [self._incident(number) for number in range(len(self._clusters))]

    def add(self, extraction: Extraction) -> list[Incident]:
        """Cluster one story's asserted events; return the incidents it made or changed."""
        return self.extend([extraction])

    def extend(self, extractions: Iterable[Extraction]) -> list[Incident]:
        """Cluster stories in order (one embedding batch); return the incidents touched.

        Within a story the main event goes first, then the others in story order.
        """
        pending = [
            source_of(extraction, event)
            for extraction in extractions
            for event in sorted(extraction.events, key=lambda event: not event.main)
            if event.mode == "asserted"
        ]
        vectors = wording_vectors(pending)
        touched = {
            self._place(source, vector): None
            for source, vector in zip(pending, vectors, strict=True)
        }
        return [self._incident(number) for number in touched]

    # -- internals -------------------------------------------------------------------------
    def _place(self, source: IncidentSource, vector: np.ndarray | None) -> int:
        """Put one report in its best incident, or a new one; return that incident's number."""
        report = report_of(source, vector, self.settings)
        best, best_score = None, -1.0
        for number in self._candidates(report):
            score = self._score(number, report)
            if score is not None and score > best_score:
                best, best_score = number, score
        if best is None or best_score < self.settings.threshold:
            self._clusters.append(_Cluster(incident_id(source.article_id, source.event_id)))
            self._join(len(self._clusters) - 1, source, vector)
            return len(self._clusters) - 1
        cluster = self._clusters[best]
        kept = next((s for s in cluster.sources if s.article_id == source.article_id), None)
        if kept is None:
            self._join(best, source.model_copy(update={"similarity": round(best_score, 4)}), vector)
        else:
            # The story told one happening as several events: one story, one source.
            at = cluster.sources.index(kept)
            cluster.sources[at] = kept.model_copy(
                update={"merged_events": [*kept.merged_events, source.event_id]}
            )
            cluster.made = None
        return best

    def _score(self, number: int, report: Report) -> float | None:
        cluster = self._clusters[number]
        cosines = [
            float(report.vector @ other.vector)
            for other in cluster.reports[: self.settings.max_compared]
            if report.vector is not None and other.vector is not None
        ]
        anchor = cluster.anchor or self._anchor(number)
        return similarity(report, anchor, max(cosines, default=None), self.settings)

    def _anchor(self, number: int) -> Report:
        """The incident's reconciled type, date, place and actors as one report."""
        cluster = self._clusters[number]
        chosen = choose(cluster.sources, self.settings)
        dated, placed, typed = chosen["date"], chosen["place"], chosen["event_type"]
        first, second = chosen["actor1"], chosen["actor2"]
        merged = (dated or cluster.sources[0]).model_copy(
            update={
                "place": placed.place if placed else None,
                "dateline_place": bool(placed and placed.dateline_place),
                "event_type": typed.event_type if typed else None,
                "sub_event_type": typed.sub_event_type if typed else None,
                "actor1": first.actor1 if first else None,
                "actor2": second.actor2 if second else None,
            }
        )
        cluster.anchor = report_of(merged, None, self.settings)
        return cluster.anchor

    def _buckets(self, report: Report) -> range:
        low, high = report.window  # type: ignore[misc]
        return range(low // self.settings.bucket_days, high // self.settings.bucket_days + 1)

    def _candidates(self, report: Report) -> list[int]:
        if report.window is None:
            return []  # no date at all, not even publication: nothing to line it up with
        found: set[int] = set()
        for bucket in self._buckets(report):
            if report.country is None:
                found |= self._by_bucket.get(bucket, set())
            else:
                found |= self._by_country.get((report.country, bucket), set())
                found |= self._by_country.get((None, bucket), set())
        return sorted(found)

    def _join(self, number: int, source: IncidentSource, vector: np.ndarray | None) -> None:
        cluster = self._clusters[number]
        report = report_of(source, vector, self.settings)
        cluster.sources.append(source)
        cluster.reports.append(report)
        cluster.made = cluster.anchor = None
        if report.window is not None:
            for bucket in self._buckets(report):
                self._by_country[(report.country, bucket)].add(number)
                self._by_bucket[bucket].add(number)

    def _incident(self, number: int) -> Incident:
        cluster = self._clusters[number]
        if cluster.made is None:
            cluster.made = reconcile(cluster.id, cluster.sources, self.settings)
        return cluster.made


def cluster(extractions: Iterable[Extraction], *, settings: Any = None) -> list[Incident]:
    """Incidents of a batch of stories, as adding them one by one in order would make."""
    index = IncidentIndex(settings=settings)
    index.extend(extractions)
    return index.incidents()
