"""Incident clustering scored pairwise against gold: same-incident precision, recall, F1.

Two kinds of gold (the rules are in ``docs/evaluation.md``, "Incidents"):

* **story keys**: records carry ``gold.incident`` (our sample corpus); the record's main
  gold event belongs to that incident, and records with the same key are reports of one
  happening.
* **MUC templates**: two answer-key templates of different messages describe one
  incident when :func:`muc_same_incident` says so.

The unit is one gold event (a story's main event; a MUC non-optional template). Each is
paired with the predicted event the field scorer would score it against
(:func:`~sitrep.evaluate.matching.match_events`) and takes that event's incident; a unit
with no asserted predicted event is an incident of its own. Two units are a predicted
pair when they share an incident, a gold pair when the gold says so.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from .. import __version__
from ..errors import Errors, SitrepError
from ..incidents import IncidentSettings, cluster, pair_similarity, source_of
from ..incidents.index import REPORTING_MODES
from ..model import Event, Extraction, Incident
from .datasets import GoldRecord, load_dataset
from .fields import _date
from .matching import match_events
from .normalise import filler_key, filler_matches, label, muc_incident_type, normalise_place

# Filler words that name no one in particular: sharing them does not make two templates one.
# fmt: off
GENERIC_FILLER_WORDS = frozenset({
    "people", "person", "civilian", "peasant", "resident", "individual", "member", "soldier",
    "policeman", "worker", "student", "men", "man", "women", "woman", "child", "children",
    "terrorist", "guerrilla", "rebel", "subversive", "unidentified", "unknown", "armed",
    "other", "his", "her", "their", "house", "home", "vehicle", "building", "two", "three",
    "several", "some",
})
# fmt: on
# rapidfuzz token-set ratio at which two fillers are one name spelled two ways.
FILLER_SIMILARITY = 85


@dataclass(frozen=True)
class Unit:
    """One gold event with an incident to find, and the predicted event it is paired with."""

    record: str
    gold: dict
    event: Event | None
    key: str | None = None  # story keys: the gold incident


# ------------------------------------------------------------------------------ MUC gold


def _content(filler: str) -> bool:
    return any(
        word not in GENERIC_FILLER_WORDS and not word.isdigit()
        for word in filler_key(filler).split()
    )


def _same_filler(first: str, second: str) -> bool:
    # Whole words of one inside the other, or the same words give or take a misspelling
    # ("FEDE ELIZABETH VELASQUEZ" / "FEBE ELIZABETH VELAZQUEZ").
    return filler_matches(first, (second,)) or (
        fuzz.token_set_ratio(filler_key(first), filler_key(second)) >= FILLER_SIMILARITY
    )


def _share(first: list[str], second: list[str]) -> bool:
    """Some specific filler of one list names the same thing as one of the other."""
    return any(_same_filler(a, b) for a in first if _content(a) for b in second if _content(b))


def _location_paths(template: dict) -> list[list[str]]:
    """The template's location as paths, outermost first: "EL SALVADOR: SAN MIGUEL
    (DEPARTMENT): SAN LUIS DE LA REINA (TOWN)"; alternatives "(A: B) / (A: C)" give one
    path each; no location, one empty path."""
    raw = template.get("location_raw") or ""
    paths = []
    for alternative in raw.split(" / "):
        alternative = alternative.strip()
        if alternative.startswith("(") and alternative.endswith(")"):
            alternative = alternative[1:-1]
        parts = (normalise_place(re.sub(r"\([^)]*\)", "", part)) for part in alternative.split(":"))
        paths.append([part for part in parts if part])
    return paths


def _location_depth(first: dict, second: dict) -> int | None:
    """How many levels two templates' locations agree on when one path holds both (one
    names a part of the other, or either is unknown); None when they part below the
    country (or name other countries)."""
    depths = [
        min(len(a), len(b))
        for a in _location_paths(first)
        for b in _location_paths(second)
        if a[: min(len(a), len(b))] == b[: min(len(a), len(b))]
    ]
    return max(depths, default=None)


def muc_same_incident(first: dict, second: dict) -> bool | None:
    """True: two templates are one incident; None: they may be but say too little; False: not.

    One incident needs: the same incident type and country; dates that can overlap ("on
    or before" reaches back without limit; an unknown date fits any); and a specific human
    or physical target, or perpetrator, in common. It is *sure* (True) only when both
    templates state a date and the dates agree (their intervals overlap, each starting on
    a stated day), their locations lie on one path of the template hierarchy (one names a
    part of the other, or either is unknown), and a target in common or a location below
    the country agrees as well. An undated template ("the murder of the Jesuits",
    "attacks on the electricity system") fits too many happenings to be sure of any one,
    and locations that part ("SAN SALVADOR (CITY)" / "UCA (UNIVERSITY)") may be a gazetteer
    of other depth: such pairs are undecided (None) and not scored.
    """
    if first.get("incident_type") != second.get("incident_type"):
        return False
    codes = (first.get("country_code"), second.get("country_code"))
    if all(codes) and codes[0] != codes[1]:
        return False
    (start_a, end_a), (start_b, end_b) = (
        (item.get("date"), item.get("date_end") or item.get("date")) for item in (first, second)
    )
    if (start_a or end_a) and (start_b or end_b):
        low_a, high_a = start_a or "0000", end_a or "9999"
        low_b, high_b = start_b or "0000", end_b or "9999"
        if high_a < low_b or high_b < low_a:
            return False
    targets = _share(
        first.get("human_targets", []) + first.get("physical_targets", []),
        second.get("human_targets", []) + second.get("physical_targets", []),
    )
    if not (targets or _share(first.get("perpetrators", []), second.get("perpetrators", []))):
        return False
    depth = _location_depth(first, second)
    dated = bool(start_a and start_b)  # both stated (and, from above, overlapping)
    return True if dated and depth is not None and (targets or depth > 1) else None


# ------------------------------------------------------------------------------ scoring


def _story_keys(path: Path) -> dict[str, str]:
    """``gold.incident`` of each record id (the shared loader keeps only ``gold.events``)."""
    keys = {}
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        obj = json.loads(line) if line.strip() else None
        if isinstance(obj, dict) and isinstance(obj.get("gold"), dict):
            key = obj["gold"].get("incident")
            if isinstance(key, str) and key:
                keys[str(obj.get("id"))] = key
    return keys


def _plausible(gold: dict, event: Event) -> bool:
    """The paired event could be the gold one: the same type, or a date within a week."""
    if gold.get("event_type"):
        same_type = label(gold["event_type"]) == label(event.event_type or "")
    else:
        same_type = label(gold.get("incident_type") or "") == label(muc_incident_type(event) or "")
    gold_date, date = _date(gold.get("date")), event.date.start if event.date else None
    return same_type or bool(gold_date and date and abs((gold_date - date).days) <= 7)


def _as_reports(extraction: Extraction | None) -> Extraction | None:
    """The extraction with its background events read as asserted: for incidents both are
    reports (a follow-up story's template often describes the happening it recalls), so
    the pairing with gold events may take either."""
    if extraction is None or not any(e.mode == "background" for e in extraction.events):
        return extraction
    events = [
        event.model_copy(update={"mode": "asserted"}) if event.mode == "background" else event
        for event in extraction.events
    ]
    return extraction.model_copy(update={"events": events})


def _units(
    records: Sequence[GoldRecord], extractions: Sequence[Extraction | None], keys: dict[str, str]
) -> list[Unit]:
    units = []
    for record, extraction in zip(records, extractions, strict=True):
        told = {event.id: event for event in extraction.events} if extraction else {}
        for gold, paired, how in match_events(
            record.events, _as_reports(extraction), by_similarity=True
        ):
            if how == "optional_skipped" or gold.get("optional") is True:
                continue
            event = told[paired.id] if paired is not None else None
            if how == "fallback" or (
                event is not None
                and (event.mode not in REPORTING_MODES or not _plausible(gold, event))
            ):
                # Only reports (asserted or background events) join incidents; an unrelated
                # event, or one already paired with another gold event of the record, is a miss.
                event = None
            if keys:
                if gold.get("main") and record.id in keys:
                    units.append(Unit(record.id, gold, event, keys[record.id]))
            else:
                units.append(Unit(record.id, gold, event))
    return units


def _gold_pairs(units: list[Unit], story_keys: bool) -> tuple[set, set]:
    """(gold pairs, undecided pairs) of unit indices, each pair (i, j) with i < j."""
    sure, unsure = set(), set()
    if story_keys:
        groups: dict[str, list[int]] = defaultdict(list)
        for index, unit in enumerate(units):
            groups[unit.key].append(index)  # type: ignore[index]
        sure = {pair for group in groups.values() for pair in itertools.combinations(group, 2)}
        return sure, unsure
    by_type: dict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        by_type[unit.gold.get("incident_type") or ""].append(index)
    negative = set()
    for group in by_type.values():
        for i, j in itertools.combinations(group, 2):
            if units[i].record == units[j].record:
                continue  # a message's templates are different incidents by definition
            verdict = muc_same_incident(units[i].gold, units[j].gold)
            if verdict:
                sure.add((i, j))
            elif verdict is None:
                unsure.add((i, j))
            else:
                negative.add((i, j))
    # Being one incident is transitive: two templates that sure pairs link (A = B = C) are
    # one incident too, whatever their own slots say ("JESUITS" / "IGNACIO ELLACURIA").
    # Their pair is left unscored rather than counted as two incidents.
    component = _components(len(units), sure)
    unsure |= {(i, j) for i, j in negative if component[i] == component[j]}
    return sure, unsure


def _components(size: int, pairs: set[tuple[int, int]]) -> list[int]:
    """For each of ``size`` items, a representative of the items ``pairs`` link it to."""
    parent = list(range(size))

    def root(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for i, j in pairs:
        parent[root(i)] = root(j)
    return [root(item) for item in range(size)]


def _labels(units: list[Unit], incidents: list[Incident]) -> list[str]:
    """Each unit's predicted incident; a unit with no incident is one of its own."""
    where = {
        (source.article_id, event_id): incident.id
        for incident in incidents
        for source in incident.sources
        for event_id in (source.event_id, *source.merged_events)
    }
    return [
        where.get((unit.record, unit.event.id), f"alone:{index}")
        if unit.event is not None
        else f"alone:{index}"
        for index, unit in enumerate(units)
    ]


def pairwise(
    labels: list[str], gold: set[tuple[int, int]], unscored: set[tuple[int, int]]
) -> dict[str, Any]:
    """Pairwise precision/recall/F1 of ``labels`` against ``gold``, and the duplicate rate.

    The duplicate rate (as GDELT reports it) is the share of reports that gold says repeat
    an earlier report (in corpus order) which were left apart from every such earlier one.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for index, name in enumerate(labels):
        groups[name].append(index)
    predicted = {
        pair for group in groups.values() for pair in itertools.combinations(group, 2)
    } - unscored
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(gold) if gold else 0.0
    earlier: dict[int, list[int]] = defaultdict(list)
    for i, j in gold:
        earlier[j].append(i)
    apart = sum(all(labels[i] != labels[j] for i in before) for j, before in earlier.items())
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if hits else 0.0,
        "predicted_pairs": len(predicted),
        "gold_pairs": len(gold),
        "true_pairs": hits,
        "duplicate_reports": len(earlier),
        "left_apart": apart,
        "duplicate_rate": round(apart / len(earlier), 4) if earlier else 0.0,
    }


def _naive_labels(units: list[Unit]) -> list[str]:
    """Baseline: same event type, country and start day make one incident."""
    labels = []
    for index, unit in enumerate(units):
        event = unit.event
        parts = (
            (event.event_type, event.place.country_code if event.place else None, event.date.start)
            if event is not None and event.date is not None
            else (None,)
        )
        labels.append(repr(parts) if all(parts) else f"alone:{index}")
    return labels


def evaluate_incidents(
    path: Path | str,
    *,
    sample: int | None = None,
    extractions: Sequence[Extraction | None] | None = None,
    settings: IncidentSettings | None = None,
) -> dict[str, Any]:
    """Score incident clustering on a gold file (story keys or MUC templates); see module doc.

    ``extractions`` (one per selected record, in order) skips running the pipeline.
    Raises SitrepError E014 for an unreadable file and E053 when it holds no incident gold.
    """
    path = Path(path)
    dataset = load_dataset(path)
    records = dataset.select(sample=sample)
    keys = _story_keys(path)
    muc = any("incident_type" in gold for record in records for gold in record.events)
    if not keys and not muc:
        raise SitrepError(
            Errors.E053.format(
                source=path, reason="no record has 'gold.incident' and none has MUC templates"
            )
        )
    began = time.perf_counter()
    ran_pipeline = extractions is None
    if extractions is None:
        from ..pipeline import Pipeline

        pipeline = Pipeline()
        extractions = [pipeline.extract(record.article()) for record in records]
    elif len(extractions) != len(records):
        raise SitrepError(
            Errors.E053.format(
                source=path,
                reason=f"{len(extractions)} extractions for {len(records)} records",
            )
        )
    extracted = time.perf_counter()
    settings = settings or IncidentSettings()
    incidents = cluster([x for x in extractions if x is not None], settings=settings)
    clustered = time.perf_counter()
    units = _units(records, extractions, keys)
    gold, unscored = _gold_pairs(units, bool(keys))
    # Gold pairs the clustering could reach: both sides have an event, and the two events
    # alone pass the rules and the threshold (the rest are lost to extraction).
    by_record = {x.article.id: x for x in extractions if x is not None}
    reachable = 0
    for i, j in gold:
        first, second = units[i], units[j]
        if first.event is None or second.event is None:
            continue
        score = pair_similarity(
            source_of(by_record[first.record], first.event),
            source_of(by_record[second.record], second.event),
            settings=settings,
        )
        reachable += score is not None and score >= settings.threshold
    without_wording = cluster(
        [x for x in extractions if x is not None],
        settings=settings.model_copy(update={"weight_wording": 0.0}),
    )
    return {
        "corpus": {
            "name": dataset.name,
            "records": len(records),
            "sha256": dataset.sha256,
            "gold": "story keys" if keys else "MUC templates",
            "units": len(units),
            "units_with_event": sum(unit.event is not None for unit in units),
            "undecided_pairs": len(unscored),
            "gold_pairs_with_events": sum(
                units[i].event is not None and units[j].event is not None for i, j in gold
            ),
            "gold_pairs_reachable": reachable,
        },
        "incidents": len(incidents),
        "multi_report_incidents": sum(len(incident.sources) > 1 for incident in incidents),
        "sitrep": pairwise(_labels(units, incidents), gold, unscored),
        "baseline_type_country_day": pairwise(_naive_labels(units), gold, unscored),
        "no_wording": pairwise(_labels(units, without_wording), gold, unscored),
        "seconds": {
            "extract": round(extracted - began, 2) if ran_pipeline else None,
            "cluster": round(clustered - extracted, 2),
        },
        "version": __version__,
    }


INCIDENT_ROWS = (
    ("sitrep", "sitrep"),
    ("no_wording", "sitrep, no wording"),
    ("baseline_type_country_day", "baseline: type+country+day"),
)


def render_incident_report(report: dict) -> str:
    """The report of ``evaluate_incidents`` as a plain-text table."""
    corpus = report["corpus"]
    lines = [
        f"corpus: {corpus['name']} ({corpus['records']} records, {corpus['units']} gold events,"
        f" gold from {corpus['gold']}, sha {corpus['sha256'][:12]})",
        f"gold pairs: {report['sitrep']['gold_pairs']} (with an event on both sides:"
        f" {corpus['gold_pairs_with_events']}, reachable pair by pair:"
        f" {corpus['gold_pairs_reachable']}; undecided, not scored: {corpus['undecided_pairs']})",
        f"incidents: {report['incidents']} ({report['multi_report_incidents']} with 2+ reports);"
        f" extract {report['seconds']['extract'] or '-'} s,"
        f" cluster {report['seconds']['cluster']} s",
        f"{'':28} {'P':>6} {'R':>6} {'F1':>6} {'pairs':>6} {'dup rate':>9}",
    ]
    for key, name in INCIDENT_ROWS:
        row = report[key]
        lines.append(
            f"{name:28} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f}"
            f" {row['predicted_pairs']:6d} {row['duplicate_rate']:9.3f}"
        )
    return "\n".join(lines)
