"""ACLED-style CSV: ACLED's own columns, in the order its export and API write them.

Notebooks written for an ACLED download read this file unchanged. Columns sitrep cannot
fill (admin3, timestamp) are empty; ``event_id_cnty`` is ``<article id>#<event id>`` so
each row leads back to its story; ``tags`` carries the mode and any default applied.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from ..model import Event, Extraction
from .fields import (
    INTER_LABELS,
    EventPair,
    event_date,
    event_sentence,
    interaction,
    outlet_name,
)
from .regions import acled_region, iso_numeric

COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
CIVILIANS = 7
# ACLED separates several actors or sources in one cell with "; ".
SEPARATOR = "; "


def row(extraction: Extraction, event: Event) -> dict[str, object]:
    """One event as an ACLED row (None for a column sitrep has no value for)."""
    place = event.place
    date = event_date(event.date)
    inter1 = event.actor1.inter if event.actor1 else None
    inter2 = event.actor2.inter if event.actor2 else None
    outlet = outlet_name(extraction)
    return {
        "event_id_cnty": f"{extraction.article.id}#{event.id}",
        "event_date": date.isoformat() if date else None,
        "year": date.year if date else None,
        "time_precision": event.date.time_precision if event.date else None,
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1.name if event.actor1 else None,
        "assoc_actor_1": SEPARATOR.join(actor.name for actor in event.assoc_actors) or None,
        "inter1": INTER_LABELS.get(inter1),
        "actor2": event.actor2.name if event.actor2 else None,
        "assoc_actor_2": None,
        "inter2": INTER_LABELS.get(inter2),
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if _targets_civilians(event) else None,
        "iso": iso_numeric(place.country_code) if place else None,
        "region": acled_region(place.country_code) if place else None,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "admin3": None,
        "location": place.name if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": place.geo_precision if place else None,
        "source": outlet,
        "source_scale": _source_scale(extraction, event),
        "notes": event_sentence(extraction, event),
        "fatalities": event.fatalities.best if event.fatalities else None,
        "tags": _tags(event),
        "timestamp": None,
    }


def _targets_civilians(event: Event) -> bool:
    """ACLED marks political violence whose target is civilians."""
    if event.disorder_type != "Political violence":
        return False
    if event.event_type == "Violence against civilians":
        return True
    return event.actor2 is not None and event.actor2.inter == CIVILIANS


def _source_scale(extraction: Extraction, event: Event) -> str | None:
    """National when the outlet is from the event's country, International when not."""
    outlet = extraction.outlet
    country = event.place.country_code if event.place else None
    if outlet is None or outlet.country_code is None or country is None:
        return None
    return "National" if outlet.country_code.upper() == country.upper() else "International"


def _tags(event: Event) -> str:
    tags = [f"mode={event.mode}"]
    if event.date is not None and event.date.default:
        tags.append("date=default")
    if event.place is not None and event.place.default:
        tags.append("location=default")
    return SEPARATOR.join(tags)


def write(events: Iterable[EventPair], out: TextIO) -> int:
    """Write a header and one row per event to ``out``; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for extraction, event in events:
        writer.writerow(row(extraction, event))
        count += 1
    return count
