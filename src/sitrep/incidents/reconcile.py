"""An incident's fields, chosen over its sources by stated rules (docs/incidents.md).

* type: what most sources say; a source that saw a bomb or strike makes it Explosions/
  Remote violence rather than Violence against civilians (ACLED's precedence);
* date and place: the most precise (a stated date before a default one; a dateline or
  default place counts as coarse, see ``place_precision``); ties: the value most sources
  agree with, then the earliest source;
* actors: the name most sources give; ties: a named actor over "Unidentified ...", then
  the earliest source;
* fatalities and injuries: ACLED's conservative rule, the lowest best figure among the
  sources that state one;
* named targets: every person a source names, once (the first spelling met), so the
  incident lists its victims; matching does not use them (docs/incidents.md).

Each chosen value keeps its evidence, which indexes the chosen source's article; the
incident's ``provenance`` says which source that is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from typing import Any

from ..evaluate.normalise import haversine_km, normalise_text
from ..model import DateValue, Incident, IncidentSource, NamedTarget, PlaceValue
from .settings import IncidentSettings
from .similarity import DATE_RANK, ER, PLACE_RANK, VAC, actor_key, place_key, place_precision


def _agreement(values: list[Hashable], agree: Callable[[Any, Any], bool]) -> dict[Any, int]:
    """For each distinct value, how many of ``values`` agree with it: compared once per pair
    of distinct values, since an incident's many reports repeat a few dates and places."""
    counts = Counter(values)
    return {value: sum(n for other, n in counts.items() if agree(value, other)) for value in counts}


def _span(date: DateValue) -> tuple[Any, Any]:
    return date.start, date.end or date.start


def _dates_overlap(first: tuple[Any, Any], second: tuple[Any, Any]) -> bool:
    return first[0] <= second[1] and second[0] <= first[1]


def _spot(place: PlaceValue) -> tuple[str | None, float | None, float | None]:
    return (place_key(place.name) if place.name else None), place.lat, place.lon


def _places_agree(settings: IncidentSettings) -> Callable[[Any, Any], bool]:
    """Whether two places (``_spot``) agree: the same name, or within ``near_km``."""

    def agree(first: tuple, second: tuple) -> bool:
        if first[0] is not None and first[0] == second[0]:
            return True
        coords = (first[1], first[2], second[1], second[2])
        return None not in coords and haversine_km(*coords) <= settings.near_km  # type: ignore[arg-type]

    return agree


def _best_date(sources: list[IncidentSource]) -> IncidentSource | None:
    having = [
        (order, source.date)
        for order, source in enumerate(sources)
        if source.date is not None and source.date.start and source.date.precision
    ]
    agreeing = _agreement([_span(date) for _, date in having], _dates_overlap)

    def key(item: tuple[int, DateValue]) -> tuple[bool, int, int, int]:
        order, date = item
        return (date.default, DATE_RANK[date.precision], -agreeing[_span(date)], order)  # type: ignore[index]

    best = min(having, key=key, default=None)
    return sources[best[0]] if best else None


def _best_place(sources: list[IncidentSource], settings: IncidentSettings) -> IncidentSource | None:
    having = [
        (order, source.place, place_precision(source))
        for order, source in enumerate(sources)
        if place_precision(source) is not None
    ]
    agreeing = _agreement([_spot(place) for _, place, _ in having], _places_agree(settings))

    def key(item: tuple[int, Any, Any]) -> tuple[bool, int, int, int]:
        order, place, precision = item
        return (place.default, PLACE_RANK[precision], -agreeing[_spot(place)], order)

    best = min(having, key=key, default=None)
    return sources[best[0]] if best else None


def _majority_actor(sources: list[IncidentSource], field: str) -> IncidentSource | None:
    having = [(order, getattr(source, field)) for order, source in enumerate(sources)]
    having = [(order, actor) for order, actor in having if actor is not None]
    votes = Counter(actor.name for _, actor in having)
    best = min(
        having,
        key=lambda item: (-votes[item[1].name], actor_key(item[1]) is None, item[0]),
        default=None,
    )
    return sources[best[0]] if best else None


def _lowest_count(sources: list[IncidentSource], field: str) -> IncidentSource | None:
    """The source with the lowest stated best figure; a figure is stated when it has evidence.

    The pipeline's default zero ("nothing said about deaths") has no evidence; it is
    taken only when no source states a figure.
    """
    counted = [(order, getattr(source, field)) for order, source in enumerate(sources)]
    counted = [(order, count) for order, count in counted if count is not None]
    stated = [
        (count.best, order) for order, count in counted if count.best is not None and count.evidence
    ]
    if stated:
        return sources[min(stated)[1]]
    return sources[counted[0][0]] if counted else None


def _event_type(sources: list[IncidentSource]) -> IncidentSource | None:
    typed = [(order, source) for order, source in enumerate(sources) if source.event_type]
    votes = Counter(source.event_type for _, source in typed)
    if ER in votes and VAC in votes:
        # ACLED codes an attack on civilians by explosive or remote means as Explosions/
        # Remote violence: the sources that saw only the victims count for the bomb.
        votes[ER] += votes.pop(VAC)
    chosen = [(order, source) for order, source in typed if source.event_type in votes]
    sub_votes = Counter((source.event_type, source.sub_event_type) for _, source in chosen)
    best = min(
        chosen,
        key=lambda item: (
            -votes[item[1].event_type],
            -sub_votes[(item[1].event_type, item[1].sub_event_type)],
            item[0],
        ),
        default=None,
    )
    return sources[best[0]] if best else None


# For each reconciled field, the source whose value the incident takes.
Chosen = dict[str, IncidentSource | None]


def choose(sources: list[IncidentSource], settings: IncidentSettings) -> Chosen:
    """For each reconciled field, the source whose value the incident takes."""
    return {
        "event_type": _event_type(sources),
        "date": _best_date(sources),
        "place": _best_place(sources, settings),
        "actor1": _majority_actor(sources, "actor1"),
        "actor2": _majority_actor(sources, "actor2"),
        "fatalities": _lowest_count(sources, "fatalities"),
        "injuries": _lowest_count(sources, "injuries"),
    }


def named_targets(sources: list[IncidentSource]) -> list[NamedTarget]:
    """Every person the sources name as a target, once, in the order first named."""
    found: dict[str, NamedTarget] = {}
    for target in (target for source in sources for target in source.named_targets):
        found.setdefault(normalise_text(target.name), target)
    return list(found.values())


def reconcile(
    incident: str,
    sources: list[IncidentSource],
    settings: IncidentSettings | None = None,
    *,
    chosen: Chosen | None = None,
) -> Incident:
    """The incident ``incident`` with its fields chosen over ``sources`` by the rules above
    (``chosen``: what ``choose`` gave for these sources, when the caller has it)."""
    if chosen is None:
        chosen = choose(sources, settings or IncidentSettings())
    values: dict[str, Any] = {
        field: getattr(source, field)
        for field, source in chosen.items()
        if source is not None and field != "event_type"
    }
    typed = chosen["event_type"]
    if typed is not None:
        values.update(
            event_type=typed.event_type,
            sub_event_type=typed.sub_event_type,
            disorder_type=typed.disorder_type,
        )
    return Incident(
        id=incident,
        sources=list(sources),
        named_targets=named_targets(sources),
        provenance={
            field: f"{source.article_id}#{source.event_id}"
            for field, source in chosen.items()
            if source is not None
        },
        **values,
    )
