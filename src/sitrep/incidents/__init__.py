"""Incidents: the reports of one happening, across stories, merged into one record.

Each asserted event of a story is a report. It is compared with the incidents whose date
window and country it could share (:mod:`.index`); rules rule some pairs out and the
rest are scored on type, date, place, actors and the wording of the event's sentence
(:mod:`.similarity`, model2vec embeddings); it joins the best incident at or above the
threshold or starts a new one. An incident's fields are chosen over its sources by
stated rules (:mod:`.reconcile`), recomputed whenever a source joins, so stored
incidents are enough to resume: ``IncidentIndex(stored)`` then ``add`` gives what one
batch over every story gives. A store's incidents are clustered into through an
``IncidentWindow`` (:mod:`.window`), which holds only a window of dates in memory and
reads the rest back from the store. The rules and their reasons: ``docs/incidents.md``.

    index = IncidentIndex()
    for extraction in extractions:
        changed = index.add(extraction)      # incidents made or changed by this story
    incidents = index.incidents()            # == cluster(extractions)
"""

from __future__ import annotations

from .index import IncidentIndex, cluster, incident_id
from .reconcile import reconcile
from .settings import IncidentSettings
from .similarity import pair_similarity
from .sources import source_of, wording_of
from .window import IncidentWindow

__all__ = [
    "IncidentIndex",
    "IncidentSettings",
    "IncidentWindow",
    "cluster",
    "incident_id",
    "pair_similarity",
    "reconcile",
    "source_of",
    "wording_of",
]
