"""The one scorer: tallies every gold field of the matched events into report metrics.

The report (``report.py``) and the gate (``gate.py``) both read what :class:`Scorer`
produces, so the two can never disagree. The work is split by job:

- :mod:`.normalise`: text, place, country and actor-name normalisation and matching
  rules, the RAND weapon and MUC incident-type mappings, MUC list-slot fillers;
- :mod:`.fields`: the field table (``FIELDS``), each field's prediction and comparison,
  the date rule and MUC date alternatives;
- :mod:`.matching`: candidates, event similarity, ``match_events``;
- here: the tallies, the metrics and :class:`Scorer`.

The public names of all four are importable from here, as they were before the split.
The rules are written out in ``docs/evaluation.md``.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..model import Event, Extraction
from .datasets import GoldRecord
from .fields import (
    FIELDS,
    LIST_FIELDS,
    LOCATION_RADII_KM,
    NOT_SCORED,
    SCORED_KEYS,
    FieldSpec,
    _date,
    gold_value,
    muc_date_alternatives,
)
from .matching import candidates, event_similarity, is_threat_gold, match_events
from .normalise import (
    ARSON_WORDS,
    COUNTRY_ALIASES,
    MUC_INCIDENT_TYPES,
    PHYSICAL_WORDS,
    PLACE_WORDS,
    RAND_WEAPON_TYPES,
    THREAT_MODES,
    THREAT_STAGES,
    VIOLENT_EVENT_TYPES,
    actor_names_match,
    country_code,
    filler_key,
    filler_matches,
    gtd_weapon_type,
    haversine_km,
    label,
    muc_incident_type,
    muc_stage,
    normalise_place,
    normalise_text,
    perpetrator_matches,
    places_equal,
    predicted_fillers,
    strip_actor_suffix,
)

__all__ = [
    "ARSON_WORDS",
    "COUNTRY_ALIASES",
    "FIELDS",
    "LIST_FIELDS",
    "LOCATION_RADII_KM",
    "MUC_INCIDENT_TYPES",
    "NOT_SCORED",
    "PHYSICAL_WORDS",
    "PLACE_WORDS",
    "RAND_WEAPON_TYPES",
    "SCORED_KEYS",
    "THREAT_MODES",
    "THREAT_STAGES",
    "VIOLENT_EVENT_TYPES",
    "FieldSpec",
    "FieldTally",
    "Scorer",
    "actor_names_match",
    "candidates",
    "country_code",
    "event_similarity",
    "filler_key",
    "filler_matches",
    "gold_value",
    "gtd_weapon_type",
    "haversine_km",
    "is_threat_gold",
    "label",
    "match_events",
    "muc_date_alternatives",
    "muc_incident_type",
    "muc_stage",
    "normalise_place",
    "normalise_text",
    "perpetrator_matches",
    "places_equal",
    "predicted_fillers",
    "score_field",
    "score_list",
    "strip_actor_suffix",
]

# --------------------------------------------------------------------------- tallies


def _ratio(num: float, den: float) -> float | None:
    return round(num / den, 4) if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


@dataclass
class FieldTally:
    """Running counts for one field."""

    kind: str
    n: int = 0
    gold_null: int = 0
    answered: int = 0
    correct: int = 0
    extras: Counter = field(default_factory=Counter)
    distances: list[float] = field(default_factory=list)
    baseline_method: str | None = None
    baseline_n: int = 0
    baseline_correct: int = 0
    per_value: dict[str, Counter] | None = None
    # list slots (micro over events)
    gold_items: int = 0
    gold_hits: int = 0
    pred_items: int = 0
    pred_hits: int = 0

    def result(self) -> dict[str, Any]:
        if self.kind == "list":
            precision = _ratio(self.pred_hits, self.pred_items)
            recall = _ratio(self.gold_hits, self.gold_items)
            return {
                "n": self.gold_items,
                "events": self.n,
                "gold_empty": self.extras["gold_empty"],
                "gold_null": self.gold_null,
                "coverage": _ratio(self.answered, self.n),
                "accuracy": recall,
                "precision": precision,
                "recall": recall,
                "f1": _f1(precision, recall),
                "predicted": self.pred_items,
            }
        # Precision is judged on what the text states: a marked default (the publication
        # date, the story's country, a zero toll where none is reported) counts for
        # accuracy, which is what a user receives, but not as a claim of the text.
        precision = _ratio(self.extras["stated_correct"], self.extras["stated"])
        accuracy = _ratio(self.correct, self.n)
        out = {
            "n": self.n,
            "gold_null": self.gold_null,
            "answered": self.answered,
            "correct": self.correct,
            "coverage": _ratio(self.answered, self.n),
            "accuracy": accuracy,
            "precision": precision,
            "f1": _f1(precision, accuracy),
        }
        out["stated"] = _ratio(self.extras["stated"], self.n)
        if self.kind == "date":
            out["within_1_day"] = _ratio(self.extras["within_1_day"], self.n)
            # Kept under its own name: the date figure the README and the gate quote.
            out["accuracy_stated"] = precision
        elif self.kind == "count":
            out["within_1"] = _ratio(self.extras["within_1"], self.n)
        elif self.kind == "coords":
            for km in LOCATION_RADII_KM:
                out[f"within_{km}km"] = _ratio(self.extras[f"within_{km}km"], self.n)
            out["median_km"] = (
                round(statistics.median(self.distances), 2) if self.distances else None
            )
        if self.baseline_method:
            out["baseline"] = {
                "method": self.baseline_method,
                "accuracy": _ratio(self.baseline_correct, self.baseline_n),
            }
        if self.per_value is not None:
            out["per_value"] = {
                value: {
                    "gold": c["gold"],
                    "predicted": c["predicted"],
                    "correct": c["correct"],
                    "precision": _ratio(c["correct"], c["predicted"]),
                    "recall": _ratio(c["correct"], c["gold"]),
                    "f1": _f1(
                        _ratio(c["correct"], c["predicted"]), _ratio(c["correct"], c["gold"])
                    ),
                }
                for value, c in sorted(self.per_value.items())
            }
        return out


def score_field(
    tally: FieldTally, spec: FieldSpec, gold: Any, event: Event | None, gold_event: dict
) -> None:
    """Add one gold value (non-null) and its prediction to ``tally``."""
    pred = spec.predict(event)
    tally.n += 1
    answered = pred is not None
    tally.answered += answered
    ok = (answered or spec.score_missing) and spec.match(gold, pred, gold_event)
    tally.correct += ok
    if tally.per_value is not None:
        key = label(spec.canon(gold))
        tally.per_value.setdefault(key, Counter())["gold"] += 1
        tally.per_value[key]["correct"] += ok
        if answered:
            tally.per_value.setdefault(label(pred), Counter())["predicted"] += 1
    if not answered:
        return
    if not (spec.default_of and spec.default_of(event)):
        tally.extras["stated"] += 1
        tally.extras["stated_correct"] += ok
    if spec.kind == "date" and _date(gold) and _date(pred):
        tally.extras["within_1_day"] += abs((_date(gold) - _date(pred)).days) <= 1
    elif spec.kind == "count":
        tally.extras["within_1"] += abs(int(gold) - int(pred)) <= 1
    elif spec.kind == "coords":
        km = haversine_km(gold[0], gold[1], pred[0], pred[1])
        tally.distances.append(km)
        for radius in LOCATION_RADII_KM:
            tally.extras[f"within_{radius}km"] += km <= radius


def score_list(tally: FieldTally, gold: list, event: Event | None, slot: str) -> None:
    """Add one MUC list slot: micro precision/recall over fillers."""
    fillers = predicted_fillers(event, slot)
    gold = [g for g in gold if isinstance(g, str) and g.strip()]
    if gold:
        tally.n += 1
        tally.answered += bool(fillers)
    else:
        tally.extras["gold_empty"] += 1
    tally.gold_items += len(gold)
    tally.pred_items += len(fillers)
    tally.gold_hits += sum(any(filler_matches(g, alts) for alts in fillers) for g in gold)
    tally.pred_hits += sum(any(filler_matches(g, alts) for g in gold) for alts in fillers)


# --------------------------------------------------------------------------- the scorer


class Scorer:
    """Accumulates field scores and event counts over records; ``result()`` is report-ready."""

    def __init__(self) -> None:
        self.tallies: dict[str, FieldTally] = {
            name: FieldTally(
                kind=spec.kind,
                baseline_method=spec.baseline[0] if spec.baseline else None,
                per_value={} if spec.per_value else None,
            )
            for name, spec in FIELDS.items()
        }
        self.tallies.update({slot: FieldTally(kind="list") for slot in LIST_FIELDS})
        self.seen: set[str] = set()
        self.counts: Counter = Counter()
        self.unscored: Counter = Counter()

    def add(self, record: GoldRecord, extraction: Extraction | None) -> None:
        """Score one record; ``extraction`` None (the pipeline crashed) counts as no events."""
        asserted = candidates(extraction)
        self.counts["records"] += 1
        self.counts["gold_events"] += len(record.events)
        self.counts["predicted_asserted"] += len(asserted)
        self.counts["exact_event_count"] += len(asserted) == len(record.events)
        if not record.events:
            self.counts["no_event_records"] += 1
            self.counts["no_event_predicted_none"] += not asserted
        for gold, event, how in match_events(record.events, extraction):
            self.counts[how] += 1
            if how != "optional_skipped":
                self.score_event(gold, event, record)

    def score_event(
        self, gold: dict, event: Event | None, record: GoldRecord | None = None
    ) -> None:
        """Score every annotated field of one gold event against ``event``."""
        self.unscored.update(key for key in gold if key not in SCORED_KEYS)
        for name, spec in FIELDS.items():
            present, value = gold_value(gold, spec)
            if not present:
                continue
            self.seen.add(name)
            tally = self.tallies[name]
            if value is None:
                tally.gold_null += 1
                continue
            score_field(tally, spec, value, event, gold)
            if spec.baseline and record is not None:
                tally.baseline_n += 1
                tally.baseline_correct += bool(spec.match(value, spec.baseline[1](record), gold))
        for slot in LIST_FIELDS:
            if slot not in gold:
                continue
            self.seen.add(slot)
            if gold[slot] is None:
                self.tallies[slot].gold_null += 1
            else:
                score_list(self.tallies[slot], list(gold[slot]), event, slot)

    def result(self) -> dict[str, Any]:
        """``{"fields": {field: metrics}, "events": counts}`` for the fields the gold annotates."""
        c = self.counts
        events: dict[str, Any] = {
            "gold": c["gold_events"],
            "predicted_asserted": c["predicted_asserted"],
            "exact_count_share": _ratio(c["exact_event_count"], c["records"]),
            "matched": {how: c[how] for how in ("primary", "assigned", "fallback", "none")},
            "optional_skipped": c["optional_skipped"],
        }
        if c["no_event_records"]:
            events["no_event_records"] = {
                "n": c["no_event_records"],
                "predicted_none": c["no_event_predicted_none"],
                "accuracy": _ratio(c["no_event_predicted_none"], c["no_event_records"]),
            }
        fields = {name: self.tallies[name].result() for name in self.tallies if name in self.seen}
        return {
            "fields": fields,
            "events": events,
            "not_scored": dict(sorted(self.unscored.items())),
        }
