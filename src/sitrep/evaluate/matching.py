"""Matching predicted events to gold events: candidates, pair similarity, assignment.

Every gold event is scored against one predicted event (or against nothing);
:func:`match_events` decides which. The rules are written out in ``docs/evaluation.md``.
"""

from __future__ import annotations

from ..model import Event, Extraction
from .fields import _date, _eq_location_name
from .normalise import (
    THREAT_MODES,
    THREAT_STAGES,
    actor_names_match,
    filler_matches,
    haversine_km,
    label,
    muc_incident_type,
    perpetrator_matches,
    places_equal,
    predicted_fillers,
)


def is_threat_gold(gold_event: dict) -> bool:
    return label(gold_event.get("stage") or "") in THREAT_STAGES


def gold_modes(gold_event: dict) -> set[str]:
    """The predicted modes that may stand for a gold event: its own ``mode`` where the gold
    records one (our sample corpus: background, threat, denied ...), else asserted, plus
    threat/future for a MUC template whose stage is THREAT."""
    mode = gold_event.get("mode")
    if mode:
        return set(THREAT_MODES) if mode in THREAT_MODES else {mode}
    return {"asserted"} | (set(THREAT_MODES) if is_threat_gold(gold_event) else set())


def candidates(
    extraction: Extraction | None, *, threat: bool = False, modes: set[str] | None = None
) -> list[Event]:
    """Events that may stand for a gold event: those in ``modes`` (default: asserted, plus
    threat/future when ``threat``), the main event first, otherwise in extraction order."""
    if extraction is None:
        return []
    if modes is None:
        modes = {"asserted"} | (THREAT_MODES if threat else set())
    return sorted((e for e in extraction.events if e.mode in modes), key=lambda e: not e.main)


def event_similarity(gold_event: dict, event: Event) -> float:
    """How alike a gold and a predicted event look: type, date, place, actors, weapon."""
    score = 0.0
    if gold_event.get("event_type"):
        score += label(gold_event["event_type"]) == label(event.event_type or "")
    elif gold_event.get("incident_type"):
        score += label(gold_event["incident_type"]) == label(muc_incident_type(event) or "")
    gold_date = _date(gold_event.get("date"))
    pred_date = event.date.start if event.date else None
    if gold_date and pred_date:
        days = abs((gold_date - pred_date).days)
        score += 1 if days == 0 else 0.5 if days <= 1 else 0.25 if days <= 7 else 0
    place = event.place
    if place is not None:
        lat, lon = gold_event.get("latitude"), gold_event.get("longitude")
        km = (
            haversine_km(lat, lon, place.lat, place.lon)
            if None not in (lat, lon, place.lat, place.lon)
            else None
        )
        if (km is not None and km <= 25) or _eq_location_name(
            gold_event.get("location"), place, gold_event
        ):
            score += 1
        elif (km is not None and km <= 100) or places_equal(gold_event.get("admin1"), place.admin1):
            score += 0.5
    for key in ("actor1", "actor2"):
        if gold_event.get(key) and actor_names_match(gold_event[key], getattr(event, key)):
            score += 0.5
    if gold_event.get("perpetrator") and perpetrator_matches(
        gold_event["perpetrator"], event.actor1
    ):
        score += 0.5
    # The weapon told ("a grenade" / "the bombs"): two attacks at one place and date.
    instruments = [g for g in gold_event.get("instruments") or [] if isinstance(g, str)]
    fillers = predicted_fillers(event, "instruments") if instruments else []
    if any(filler_matches(g, alts) for g in instruments for alts in fillers):
        score += 0.5
    return score


def match_events(
    gold_events: list[dict], extraction: Extraction | None, *, by_similarity: bool = False
) -> list[tuple[dict, Event | None, str]]:
    """Pair each gold event with the predicted event it is scored against.

    Returns (gold event, event or None, how) with ``how`` one of ``primary`` (the only gold
    event, against the main candidate), ``assigned`` (one-to-one by similarity),
    ``fallback`` (left over, against the main candidate), ``none`` (no candidate) and
    ``optional_skipped`` (an optional MUC template left unmatched: not scored).
    ``by_similarity`` pairs a lone gold event by similarity too, as several are (the
    incident scorer: a follow-up story's template is the happening it recalls).
    """

    def primary(gold: dict) -> Event | None:
        found = candidates(extraction, modes=gold_modes(gold))
        return found[0] if found else None

    def unmatched(gold: dict, event: Event | None, how: str) -> tuple[dict, Event | None, str]:
        if gold.get("optional") is True:
            return gold, None, "optional_skipped"
        return (gold, event, how) if event is not None else (gold, None, "none")

    if len(gold_events) == 1 and not by_similarity:
        return [unmatched(gold_events[0], primary(gold_events[0]), "primary")]
    wanted = [gold_modes(gold) for gold in gold_events]
    pool = candidates(extraction, modes=set().union(*wanted))
    pairs = sorted(
        (-event_similarity(gold, event), gi, ci)
        for gi, gold in enumerate(gold_events)
        for ci, event in enumerate(pool)
        if event.mode in wanted[gi]
    )
    assigned: dict[int, Event] = {}
    used: set[int] = set()
    for _, gi, ci in pairs:
        if gi not in assigned and ci not in used:
            assigned[gi] = pool[ci]
            used.add(ci)
    return [
        (gold, assigned[gi], "assigned")
        if gi in assigned
        else unmatched(gold, primary(gold), "fallback")
        for gi, gold in enumerate(gold_events)
    ]
