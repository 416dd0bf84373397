"""Records to table rows and back: the flattened columns the filters use, plus the JSON."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from ..model import Article, Event, Extraction, Incident


def content_hash(text: str) -> str:
    """sha256 (hex) of an article's text with its line ends normalised to \\n."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def as_utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes: the store writes UTC, so say so."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def article_values(article: Article, *, digest: str, source: str | None) -> dict[str, Any]:
    return {
        "id": article.id,
        "content_hash": digest,
        "url": article.url,
        "title": article.title,
        "text": article.text,
        "published": article.published,
        "outlet": article.outlet,
        "language": article.language,
        "source": source,
    }


def article_from_row(row: Any) -> Article:
    return Article(
        id=row.id,
        url=row.url,
        title=row.title,
        text=row.text,
        published=row.published,
        outlet=row.outlet,
        language=row.language,
    )


def outlet_name(extraction: Extraction) -> str | None:
    """Who published the story: the outlet the pipeline found, else the one the input named."""
    return extraction.outlet.name if extraction.outlet else extraction.article.outlet


def event_values(event: Event, extraction: Extraction, *, outlet: str | None) -> dict[str, Any]:
    date, place = event.date, event.place
    return {
        "article_id": extraction.article.id,
        "event_id": event.id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "disorder_type": event.disorder_type,
        "mode": event.mode,
        "main": event.main,
        "date_start": date.start if date else None,
        "date_end": (date.end or date.start) if date else None,
        "date_precision": date.precision if date else None,
        "country_code": place.country_code if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "location": place.name if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geo_precision": place.geo_precision if place else None,
        "place_precision": place.precision if place else None,
        "actor1": event.actor1.name if event.actor1 else None,
        "actor2": event.actor2.name if event.actor2 else None,
        "fatalities_best": event.fatalities.best if event.fatalities else None,
        "injuries_best": event.injuries.best if event.injuries else None,
        "outlet": outlet,
        "published": extraction.article.published,
        "pipeline_version": extraction.pipeline_version,
        "data": event.model_dump_json(),
    }


def extraction_rows(extraction: Extraction) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The extractions row and the events rows of one extraction."""
    outlet = outlet_name(extraction)
    row = {
        "article_id": extraction.article.id,
        "pipeline_version": extraction.pipeline_version,
        "extracted_at": now(),
        "data": extraction.model_dump_json(),
    }
    return row, [event_values(event, extraction, outlet=outlet) for event in extraction.events]


def incident_rows(incident: Incident) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The incidents row and the incident_sources rows of one incident."""
    date, place = incident.date, incident.place
    row = {
        "id": incident.id,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "disorder_type": incident.disorder_type,
        "date_start": date.start if date else None,
        "date_end": (date.end or date.start) if date else None,
        "country_code": place.country_code if place else None,
        "admin1": place.admin1 if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "actor1": incident.actor1.name if incident.actor1 else None,
        "actor2": incident.actor2.name if incident.actor2 else None,
        "fatalities_best": incident.fatalities.best if incident.fatalities else None,
        "source_count": len(incident.sources),
        "updated_at": now(),
        "data": incident.model_dump_json(),
    }
    sources = [
        {
            "incident_id": incident.id,
            "position": position,
            "article_id": source.article_id,
            "event_id": source.event_id,
            "outlet": source.outlet,
            "published": source.published,
        }
        for position, source in enumerate(incident.sources)
    ]
    return row, sources
