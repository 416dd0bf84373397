"""GeoJSON (RFC 7946): a FeatureCollection with one Feature per event, written as it goes.

The geometry is a Point at [longitude, latitude], or null when the event has no place.
A point stands for what the text supports and no more: ``precision`` says whether it is
the place itself or only the province or country it lies in, and coarse precisions carry
``radius_km``, an order-of-magnitude hint for drawing a circle instead of a pin.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..model import RADIUS_HINT_KM, Event, Extraction
from .fields import EventPair, event_date, event_sentence, outlet_name


def feature(extraction: Extraction, event: Event) -> dict:
    """One event as a GeoJSON Feature."""
    place = event.place
    date = event.date
    day = event_date(date)
    has_point = place is not None and place.lat is not None and place.lon is not None
    properties = {
        "article_id": extraction.article.id,
        "event_id": event.id,
        "url": extraction.article.url,
        "outlet": outlet_name(extraction),
        "published": extraction.article.published.isoformat()
        if extraction.article.published
        else None,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "disorder_type": event.disorder_type,
        "mode": event.mode,
        "main": event.main,
        "event_date": day.isoformat() if day else None,
        "date_start": date.start.isoformat() if date and date.start else None,
        "date_end": date.end.isoformat() if date and date.end else None,
        "date_precision": date.precision if date else None,
        "time_precision": date.time_precision if date else None,
        "location": place.name if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "country": place.country if place else None,
        "country_code": place.country_code if place else None,
        "precision": place.precision if place else None,
        "geo_precision": place.geo_precision if place else None,
        "radius_km": RADIUS_HINT_KM.get(place.precision or "") if place else None,
        "place_default": place.default if place else None,
        "actor1": event.actor1.name if event.actor1 else None,
        "actor2": event.actor2.name if event.actor2 else None,
        "fatalities": event.fatalities.best if event.fatalities else None,
        "injuries": event.injuries.best if event.injuries else None,
        "notes": event_sentence(extraction, event),
    }
    return {
        "type": "Feature",
        "id": f"{extraction.article.id}#{event.id}",
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]} if has_point else None,
        "properties": properties,
    }


def write(events: Iterable[EventPair], out: TextIO) -> int:
    """Stream a FeatureCollection to ``out``, one Feature per line; returns the feature count."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for extraction, event in events:
        if count:
            out.write(",\n")
        out.write(json.dumps(feature(extraction, event), ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count
