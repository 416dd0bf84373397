"""The field table: how each gold field is read, predicted and compared.

``FIELDS`` maps a report field to a :class:`FieldSpec`: the gold key(s) it reads, how the
predicted value is taken from an event, and the comparison that decides "correct" (the
date rule, with MUC date ranges and answer-key alternatives, lives here). The rules are
written out in ``docs/evaluation.md``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ..model import DateValue, Event
from .datasets import GoldRecord
from .normalise import (
    THREAT_STAGES,
    actor_names_match,
    country_code,
    gtd_weapon_type,
    haversine_km,
    label,
    muc_incident_type,
    muc_stage,
    normalise_text,
    perpetrator_matches,
    places_equal,
)

# --------------------------------------------------------------------------- field table

LOCATION_RADII_KM = (25, 100)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, DateValue):
        return value.start
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _place_attr(attr: str) -> Callable[[Event | None], Any]:
    return lambda event: getattr(event.place, attr) if event and event.place else None


def _attr(attr: str) -> Callable[[Event | None], Any]:
    return lambda event: getattr(event, attr) if event is not None else None


def _count(attr: str) -> Callable[[Event | None], Any]:
    def get(event: Event | None) -> int | None:
        count = getattr(event, attr) if event is not None else None
        return count.best if count is not None else None

    return get


def _inter(attr: str) -> Callable[[Event | None], Any]:
    def get(event: Event | None) -> int | None:
        if event is None:
            return None
        actor = getattr(event, attr)
        return 0 if actor is None else actor.inter  # ACLED codes "no actor" as 0

    return get


def _weapon_type(event: Event | None) -> str | None:
    if event is None:
        return None
    return event.weapon_type or (event.weapons[0].type if event.weapons else None)


def _coords(event: Event | None) -> tuple[float, float] | None:
    if event is None or event.place is None or event.place.lat is None or event.place.lon is None:
        return None
    return (event.place.lat, event.place.lon)


def _eq_label(gold: Any, pred: Any, _: dict) -> bool:
    return label(gold) == label(pred)


def _eq(gold: Any, pred: Any, _: dict) -> bool:
    return gold == pred


def _eq_date(gold: Any, pred: Any, gold_event: dict) -> bool:
    """Same day. For a predicted interval coarser than a day, the gold day lies inside it
    (ACLED codes a week- or month-precision event on a day within the span). For a gold
    range (MUC "16 MAR 89 - 18 MAR 89": on a day between), the predicted day lies inside it."""
    day = _date(gold)
    if day is None:
        return False
    if (
        isinstance(pred, DateValue)
        and pred.precision not in (None, "day")
        and pred.start
        and pred.end
    ):
        return pred.start <= day <= pred.end
    predicted = _date(pred)
    if gold_event.get("date") != gold:  # scoring date_end: the end day itself
        # ... or the end of another alternative the key lists ("(25 MAY - 26 MAY) / (25 MAY)")
        return day == predicted or any(
            last == predicted for _, last in muc_date_alternatives(gold_event.get("date_raw"))
        )
    gold_end = _date(gold_event.get("date_end"))
    if predicted is not None and gold_end is not None and day < gold_end:
        return day <= predicted <= gold_end
    if day == predicted:
        return True
    # MUC answer keys list alternatives ("19 MAR 89 / 18 MAR 89"); any one is correct.
    return predicted is not None and any(
        (first or last) <= predicted <= last
        for first, last in muc_date_alternatives(gold_event.get("date_raw"))
    )


_MUC_DAY = r"(\d{1,2})\s+([A-Z]{3})[A-Z]*\s+(\d{2}|\d{4})"
_MUC_MONTHS = {
    m: i
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1
    )
}


def _muc_day(match: tuple[str, str, str]) -> dt.date | None:
    day, month, year = match
    number = _MUC_MONTHS.get(month)
    if number is None:
        return None
    full_year = int(year) + (1900 if len(year) == 2 else 0)
    try:
        return dt.date(full_year, number, int(day))
    except ValueError:
        return None


def muc_date_alternatives(raw: Any) -> list[tuple[dt.date | None, dt.date]]:
    """(first, last) for each alternative of a MUC date filler; first None means 'on or before'."""
    if not isinstance(raw, str):
        return []
    found = []
    for alternative in raw.upper().split("/"):
        days = [_muc_day(match) for match in re.findall(_MUC_DAY, alternative)]
        days = [day for day in days if day is not None]
        if not days:
            continue
        if len(days) == 1:
            open_start = alternative.strip(" ()").startswith("-")
            found.append((None if open_start else days[0], days[0]))
        else:
            found.append((min(days), max(days)))
    return found


def _eq_weapon(gold: Any, pred: Any, _: dict) -> bool:
    gold = gtd_weapon_type(gold)
    if label(gold) == "unknown":
        return pred is None or label(pred) == "unknown"
    return pred is not None and label(gold) == label(pred)


def _eq_country(gold: Any, pred: Any, _: dict) -> bool:
    name, code = pred
    if name and normalise_text(gold) == normalise_text(name):
        return True
    gold_code = country_code(gold)
    return gold_code is not None and gold_code in {code, country_code(name) if name else None}


def _near(gold: Any, pred: Any, _: dict) -> bool:
    """Coordinates count as right within the first of LOCATION_RADII_KM (25 km)."""
    return haversine_km(gold[0], gold[1], pred[0], pred[1]) <= LOCATION_RADII_KM[0]


def _eq_admin(gold: Any, pred: Any, _: dict) -> bool:
    return places_equal(gold, pred)


def _eq_location_name(gold: Any, place: Any, gold_event: dict) -> bool:
    if place is None:
        return False
    if places_equal(gold, place.name):
        return True
    # The words the story used for the place: "Basra" resolved to the gazetteer's "Basrah",
    # "San Sebastian" to "Donostia / San Sebastian". (Which entry they resolved to is scored
    # by the country and coordinate fields.)
    if place.evidence and places_equal(gold, place.evidence[0].text):
        return True
    # A part of a town ("Baghdad - Karrada", ACLED's naming) or its airport is in its town,
    # which is what RAND names; MUC names the part or the airport, as its name or evidence.
    if place.feature in ("city part", "airport") and places_equal(gold, place.anchor):
        return True
    # ... and a part named after its town ("San Salvador - Escalon") is the part MUC names.
    part = (place.name or "").removeprefix(f"{place.anchor} - ")
    if place.feature == "city part" and places_equal(gold, part):
        return True
    for admin in ("admin2", "admin1"):
        if places_equal(gold, gold_event.get(admin)) and places_equal(gold, getattr(place, admin)):
            return True
    return False


def _eq_actor(gold: Any, pred: Any, _: dict) -> bool:
    return actor_names_match(gold, pred)


def _eq_perpetrator(gold: Any, pred: Any, _: dict) -> bool:
    return perpetrator_matches(gold, pred)


def _eq_stage(gold: Any, pred: Any, _: dict) -> bool:
    gold = "THREAT" if label(gold) in THREAT_STAGES else gold
    return label(gold) == label(pred)


@dataclass(frozen=True)
class FieldSpec:
    """How one gold field is read, predicted and compared."""

    gold_keys: tuple[str, ...]
    predict: Callable[[Event | None], Any]
    match: Callable[[Any, Any, dict], bool]
    kind: str = "label"  # label | date | count | coords | list
    # A missing prediction that can still be right (gold 'Unknown' perpetrator/weapon).
    score_missing: bool = False
    per_value: bool = False
    # Gold value in our vocabulary, for the per-value breakdown.
    canon: Callable[[Any], Any] = lambda value: value
    baseline: tuple[str, Callable[[GoldRecord], Any]] | None = None
    # True when the prediction is a marked default, not a value the text states.
    default_of: Callable[[Event | None], bool] | None = None


# gold field -> how it is scored. Absent gold keys are not scored; null gold is counted as gold_null.
FIELDS: dict[str, FieldSpec] = {
    "date": FieldSpec(
        ("date",),
        lambda e: e.date if e and e.date and e.date.start else None,
        _eq_date,
        "date",
        baseline=("published date", lambda r: r.published),
    ),
    "date_end": FieldSpec(
        ("date_end",), lambda e: e.date.end if e and e.date else None, _eq_date, "date"
    ),
    "time_precision": FieldSpec(
        ("time_precision",),
        lambda e: e.date.time_precision if e and e.date else None,
        _eq,
        baseline=("always 1 (the day)", lambda r: 1),
    ),
    "event_type": FieldSpec(("event_type",), _attr("event_type"), _eq_label, per_value=True),
    "sub_event_type": FieldSpec(
        ("sub_event_type",), _attr("sub_event_type"), _eq_label, per_value=True
    ),
    "disorder_type": FieldSpec(("disorder_type",), _attr("disorder_type"), _eq_label),
    "attack_type": FieldSpec(("attack_type",), _attr("attack_type"), _eq_label, per_value=True),
    "weapon_type": FieldSpec(
        ("weapon_type",),
        _weapon_type,
        _eq_weapon,
        score_missing=True,
        per_value=True,
        canon=gtd_weapon_type,
    ),
    "target_type": FieldSpec(("target_type",), _attr("target_type"), _eq_label),
    "country_code": FieldSpec(("country_code",), _place_attr("country_code"), _eq_label),
    "country": FieldSpec(
        ("country",),
        lambda e: (
            (e.place.country, e.place.country_code)
            if e and e.place and (e.place.country or e.place.country_code)
            else None
        ),
        _eq_country,
    ),
    "admin1": FieldSpec(("admin1",), _place_attr("admin1"), _eq_admin),
    "admin2": FieldSpec(("admin2",), _place_attr("admin2"), _eq_admin),
    "location_name": FieldSpec(
        ("location",),
        lambda e: (
            e.place
            if e and e.place and (e.place.name or e.place.admin1 or e.place.admin2)
            else None
        ),
        _eq_location_name,
    ),
    "location": FieldSpec(("latitude", "longitude"), _coords, _near, "coords"),
    "geo_precision": FieldSpec(
        ("geo_precision",),
        _place_attr("geo_precision"),
        _eq,
        baseline=("always 1 (the place itself)", lambda r: 1),
    ),
    "actor1": FieldSpec(("actor1",), _attr("actor1"), _eq_actor),
    "actor2": FieldSpec(("actor2",), _attr("actor2"), _eq_actor),
    "inter1": FieldSpec(("inter1",), _inter("actor1"), _eq),
    "inter2": FieldSpec(("inter2",), _inter("actor2"), _eq),
    "perpetrator": FieldSpec(
        ("perpetrator",),
        _attr("actor1"),
        _eq_perpetrator,
        score_missing=True,
        baseline=("always 'Unknown'", lambda r: None),
    ),
    "fatalities": FieldSpec(
        ("fatalities",),
        _count("fatalities"),
        _eq,
        "count",
        baseline=("always 0", lambda r: 0),
    ),
    "injuries": FieldSpec(
        ("injuries",),
        _count("injuries"),
        _eq,
        "count",
        baseline=("always 0", lambda r: 0),
    ),
    "claimed": FieldSpec(
        ("claimed",), _attr("claimed"), _eq, baseline=("always false", lambda r: False)
    ),
    "incident_type": FieldSpec(
        ("incident_type",),
        muc_incident_type,
        _eq_label,
        per_value=True,
        baseline=("always ATTACK", lambda r: "ATTACK"),
    ),
    "stage": FieldSpec(
        ("stage",),
        muc_stage,
        _eq_stage,
        baseline=("always ACCOMPLISHED", lambda r: "ACCOMPLISHED"),
    ),
    "main": FieldSpec(("main",), lambda e: e.main if e is not None else None, _eq),
}


def _date_default(event: Event | None) -> bool:
    return bool(event and event.date and event.date.default)


def _place_default(event: Event | None) -> bool:
    return bool(event and event.place and event.place.default)


def _count_default(attr: str) -> Callable[[Event | None], bool]:
    # A count with no evidence is the zero given when the story says nothing of casualties.
    return lambda event: bool(event and getattr(event, attr) and not getattr(event, attr).evidence)


_DEFAULTS = {
    **dict.fromkeys(("date", "date_end", "time_precision"), _date_default),
    **dict.fromkeys(
        (
            "country_code",
            "country",
            "admin1",
            "admin2",
            "location_name",
            "location",
            "geo_precision",
        ),
        _place_default,
    ),
    "fatalities": _count_default("fatalities"),
    "injuries": _count_default("injuries"),
}
FIELDS = {
    name: replace(spec, default_of=_DEFAULTS[name]) if name in _DEFAULTS else spec
    for name, spec in FIELDS.items()
}
LIST_FIELDS = ("perpetrators", "human_targets", "physical_targets", "instruments")
# Gold keys deliberately not scored (yet): see docs/evaluation.md.
NOT_SCORED = ("sources", "assoc_actor_1", "assoc_actor_2", "admin3", "human_target_effects")
SCORED_KEYS = frozenset(
    {key for spec in FIELDS.values() for key in spec.gold_keys} | set(LIST_FIELDS)
)


def gold_value(gold_event: dict, spec: FieldSpec) -> tuple[bool, Any]:
    """(present, value): absent keys are not scored; any null part makes the value None."""
    if not all(k in gold_event for k in spec.gold_keys):
        return False, None
    values = [gold_event[k] for k in spec.gold_keys]
    if any(v is None for v in values):
        return True, None
    return True, values[0] if len(values) == 1 else tuple(values)
