"""Whether a report and an incident can be one happening, and how alike they are (0-1).

Rules rule a pair out (incompatible types, date windows that do not overlap, places
farther apart than both precisions allow, a different country); the pairs left are
scored on type, date, place, actors and wording, weighted by the settings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from sys import intern
from typing import Any, NamedTuple

import numpy as np

from ..evaluate.normalise import haversine_km, normalise_place, normalise_text
from ..model import IncidentSource
from .settings import IncidentSettings, settings_of
from .sources import wording_vectors

DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
# An unknown place (a name the gazetteer lacks) is as coarse as its country for matching.
PLACE_RANK = {"exact": 0, "near": 1, "admin2": 2, "admin1": 3, "country": 4, "unknown": 4}
ER, VAC = "Explosions/Remote violence", "Violence against civilians"
# Pairs of event types one happening is often coded as by different outlets (or by the
# extractor reading different wording), with how much agreement each still counts for.
COMPATIBLE_TYPES = {
    frozenset({ER, VAC}): 0.6,  # a bomb or strike that kills civilians
    frozenset({"Battles", VAC}): 0.5,  # were the dead fighters or civilians? outlets differ
    frozenset({"Battles", ER}): 0.5,  # a clash told through its shelling or drones
    frozenset({"Protests", "Riots"}): 0.6,  # "peaceful demo" / "goons hijack demo"
    frozenset({"Protests", VAC}): 0.4,  # police fire on protesters
    frozenset({"Riots", VAC}): 0.4,  # a mob attack on people
}
UNTYPED_SCORE = 0.3
# How much two overlapping dates say, by the coarser precision.
DATE_QUALITY = {"day": 1.0, "week": 0.6, "month": 0.4, "year": 0.2}
NEXT_DAY_QUALITY = 0.8  # both to the day, a day apart
DEFAULT_DATE_QUALITY = 0.4
UNKNOWN_DATE_QUALITY = 0.2
# How much agreement on a place says, by the coarser precision.
PLACE_QUALITY = {"exact": 1.0, "near": 0.85, "admin2": 0.7, "admin1": 0.5, "country": 0.3}
UNKNOWN_PLACE_QUALITY = 0.15
GENERIC_ACTORS = ("unidentified", "civilians", "protesters", "rioters")
# An ACLED period in an actor name: "Military Forces of Iraq (2022-)".
_PERIOD = re.compile(r"\s*\(\d{4}\s*-\s*(?:\d{4})?\)")


class Spot(NamedTuple):
    """What the place rules read of a place (a compact copy, so a kept report holds no model)."""

    name: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: str | None  # the place's own precision word


@dataclass(slots=True)
class Report:
    """What the matcher compares of one source (or of an incident): a flat, precomputed view."""

    event_type: str | None
    sub_event_type: str | None
    window: tuple[int, int] | None  # date ordinals, inclusive
    date_quality: float
    day: int | None  # the date's ordinal when stated to the day
    country: str | None
    place: Spot | None
    precision: str | None  # see place_precision
    named_actors: tuple[str, ...]
    vector: np.ndarray | None


# Cached keys: the names of a window of recent stories repeat; a bound keeps memory flat.
NAME_CACHE = 8_192


@lru_cache(maxsize=NAME_CACHE)
def name_key(name: str) -> str | None:
    """A named actor's comparison key; None for a generic one ("Unidentified Armed Group")."""
    key = normalise_text(_PERIOD.sub("", name))
    return None if not key or key.startswith(GENERIC_ACTORS) else key


def actor_key(actor: Any) -> str | None:
    """``name_key`` of an actor (an Actor, or a stored copy with its name), None for none."""
    return None if actor is None else name_key(actor.name)


place_key = lru_cache(maxsize=NAME_CACHE)(normalise_place)


def place_precision(source: IncidentSource) -> str | None:
    """How precise a source's place is for matching: its own word, with two exceptions.

    A dateline only says where the story was filed (a capital, often far from the event):
    a country. A default place (the capital standing for a province) says no more than
    its province: admin1.
    """
    return matching_precision(source.place, source.dateline_place)


def matching_precision(place: Any, dateline_place: bool) -> str | None:
    """``place_precision`` of a place (a PlaceValue, or a stored copy with its fields)."""
    if place is None or place.precision is None:
        return None
    if dateline_place:
        return "country"
    if place.default and PLACE_RANK[place.precision] < PLACE_RANK["admin1"]:
        return "admin1"
    return place.precision


def date_window(
    date: Any, published: dt.date | None, settings: IncidentSettings
) -> tuple[tuple[int, int] | None, float, int | None]:
    """(window of date ordinals, how much the date says, the day when stated to the day).

    ``date``: a DateValue (or a stored copy with its fields) or None.
    """
    if date is not None and date.start is not None and not date.default:
        precision = date.precision or "day"
        slack = settings.day_slack_days if precision == "day" else 0
        end = date.end or date.start
        window = (date.start.toordinal() - slack, end.toordinal() + slack)
        day = date.start.toordinal() if precision == "day" else None
        return window, DATE_QUALITY[precision], day
    # No date stated: the story tells of something in the few days before the date the
    # pipeline fell back on (its reference date: the dateline's, else publication), or
    # before publication when the event has no date at all.
    anchor = (date.start if date is not None else None) or published
    if anchor is None:
        return None, UNKNOWN_DATE_QUALITY, None
    window = (anchor.toordinal() - settings.default_window_days, anchor.toordinal())
    return window, DEFAULT_DATE_QUALITY, None


def make_report(
    *,
    event_type: str | None,
    sub_event_type: str | None,
    date: Any,
    published: dt.date | None,
    place: Any,
    dateline_place: bool,
    actor1: Any,
    actor2: Any,
    vector: np.ndarray | None,
    settings: IncidentSettings,
) -> Report:
    """A Report from a source's fields, or an incident's reconciled ones (models, or stored
    copies with the same field names)."""
    window, quality, day = date_window(date, published, settings)
    precision = matching_precision(place, dateline_place)
    actors = (actor_key(actor1), actor_key(actor2))
    country = place.country_code if place is not None else None
    spot = None
    if precision:
        spot = Spot(
            _interned(place.name), _interned(place.admin1), place.lat, place.lon, place.precision
        )
    return Report(
        event_type=_interned(event_type),
        sub_event_type=_interned(sub_event_type),
        window=window,
        date_quality=quality,
        day=day,
        country=_interned(country),
        place=spot,
        precision=precision,
        named_actors=tuple(sorted({key for key in actors if key})),
        vector=vector,
    )


def _interned(value: str | None) -> str | None:
    # Kept reports repeat a few thousand names and types: one copy of each.
    return intern(value) if value else value


def report_of(
    source: IncidentSource, vector: np.ndarray | None, settings: IncidentSettings
) -> Report:
    return make_report(
        event_type=source.event_type,
        sub_event_type=source.sub_event_type,
        date=source.date,
        published=source.published,
        place=source.place,
        dateline_place=source.dateline_place,
        actor1=source.actor1,
        actor2=source.actor2,
        vector=vector,
        settings=settings,
    )


def _type_score(a: Report, b: Report) -> float | None:
    if a.event_type is None or b.event_type is None:
        return UNTYPED_SCORE
    if a.event_type == b.event_type:
        return 1.0 if a.sub_event_type == b.sub_event_type else 0.75
    return COMPATIBLE_TYPES.get(frozenset({a.event_type, b.event_type}))


def _date_score(a: Report, b: Report) -> float | None:
    if a.window is None or b.window is None:
        return UNKNOWN_DATE_QUALITY
    if a.window[1] < b.window[0] or b.window[1] < a.window[0]:
        return None
    if a.day is not None and b.day is not None and a.day != b.day:
        return NEXT_DAY_QUALITY
    return min(a.date_quality, b.date_quality)


def _admin1(place: Spot) -> str | None:
    name = place.admin1 or (place.name if place.precision == "admin1" else None)
    return place_key(name) if name else None


def _place_score(a: Report, b: Report, settings: IncidentSettings) -> float | None:
    """Agreement of two places (None: too far apart for their precisions)."""
    if a.country and b.country and a.country != b.country:
        return None
    pa, pb = a.place, b.place
    if pa is None or pb is None or not (a.country and b.country):
        return UNKNOWN_PLACE_QUALITY
    coarser = max(a.precision, b.precision, key=PLACE_RANK.__getitem__)  # type: ignore[arg-type]
    limits = {"exact": settings.exact_km, "near": settings.near_km, "admin2": settings.admin2_km}
    if coarser in limits:
        if None not in (pa.lat, pa.lon, pb.lat, pb.lon):
            distance = haversine_km(pa.lat, pa.lon, pb.lat, pb.lon)  # type: ignore[arg-type]
            if distance > limits[coarser]:
                return None
            return PLACE_QUALITY[coarser] * (1 - 0.3 * distance / limits[coarser])
        if pa.name and pb.name and place_key(pa.name) == place_key(pb.name):
            return PLACE_QUALITY[coarser]
        coarser = "admin1"  # no coordinates to measure: fall back on the province
    if coarser == "admin1":
        first, second = _admin1(pa), _admin1(pb)
        if first and second:
            return PLACE_QUALITY["admin1"] if first == second else None
    return PLACE_QUALITY["country"]


def _actor_score(a: Report, b: Report) -> float:
    if a.named_actors and b.named_actors:
        return 1.0 if any(key in b.named_actors for key in a.named_actors) else 0.0
    return 0.5  # an unknown or unnamed actor is compatible with anyone


def rule_scores(
    report: Report, anchor: Report, settings: IncidentSettings
) -> tuple[float, float, float] | None:
    """The type, date and place agreement of a report and an incident; None when a rule
    rules the pair out (the wording rule aside: it needs the cosine, see ``combine``)."""
    type_score = _type_score(report, anchor)
    date_score = _date_score(report, anchor) if type_score is not None else None
    place_score = _place_score(report, anchor, settings) if date_score is not None else None
    if place_score is None:
        return None
    return type_score, date_score, place_score  # type: ignore[return-value]


def combine(
    scores: tuple[float, float, float],
    report: Report,
    anchor: Report,
    cosine: float | None,
    settings: IncidentSettings,
) -> float | None:
    """The similarity of a pair that passed ``rule_scores``, with its wording ``cosine``;
    None when the wording rule rules it out."""
    type_score, date_score, place_score = scores
    if place_score <= UNKNOWN_PLACE_QUALITY and (
        cosine is None or cosine < settings.strong_wording
    ):
        return None  # with no place to agree on, only near-identical wording will do
    floor = settings.wording_floor
    wording = 0.5 if cosine is None else min(1.0, max(0.0, (cosine - floor) / (1 - floor)))
    parts = (
        (settings.weight_type, type_score),
        (settings.weight_date, date_score),
        (settings.weight_place, place_score),
        (settings.weight_actors, _actor_score(report, anchor)),
        (settings.weight_wording, wording),
    )
    return sum(weight * score for weight, score in parts) / sum(weight for weight, _ in parts)


def similarity(
    report: Report, anchor: Report, cosine: float | None, settings: IncidentSettings
) -> float | None:
    """How alike a report and an incident are (0-1); None when a rule rules it out.

    ``anchor`` holds the incident's reconciled type, date, place and actors (or another
    single report); ``cosine`` is the closest wording among its reports (None when either
    side has no wording).
    """
    scores = rule_scores(report, anchor, settings)
    return None if scores is None else combine(scores, report, anchor, cosine, settings)


def pair_similarity(
    first: IncidentSource, second: IncidentSource, *, settings: IncidentSettings | None = None
) -> float | None:
    """How alike two reports are, ``second`` standing as an incident of its own (or None)."""
    settings = settings_of(settings)
    one, two = wording_vectors([first, second])
    cosine = float(one @ two) if one is not None and two is not None else None
    return similarity(
        report_of(first, one, settings), report_of(second, two, settings), cosine, settings
    )
