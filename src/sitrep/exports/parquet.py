"""Parquet: one flat row per event, written in row groups so memory stays constant.

Every coded field is a column of its own; the evidence behind them is one JSON string
column (``{field: [{start, end, text}]}``), offsets into the story's original text. The
batch runner writes its partitions with this same writer.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from ..model import Event, Extraction
from .fields import EventPair, event_date, evidence_json, outlet_name

ROW_GROUP_SIZE = 10_000

_text = pa.string()
_count = pa.int32()
_code = pa.int8()
SCHEMA = pa.schema(
    [
        ("article_id", _text),
        ("event_id", _text),
        ("url", _text),
        ("title", _text),
        ("outlet", _text),
        ("published", pa.date32()),
        ("pipeline_version", _text),
        ("event_type", _text),
        ("sub_event_type", _text),
        ("disorder_type", _text),
        ("attack_type", _text),
        ("weapon_type", _text),
        ("target_type", _text),
        ("plover", _text),
        ("mode", _text),
        ("main", pa.bool_()),
        ("confidence", pa.float32()),
        ("event_date", pa.date32()),
        ("date_start", pa.date32()),
        ("date_end", pa.date32()),
        ("date_precision", _text),
        ("time_precision", _code),
        ("date_default", pa.bool_()),
        ("location", _text),
        ("country_code", _text),
        ("country", _text),
        ("admin1", _text),
        ("admin2", _text),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("precision", _text),
        ("geo_precision", _code),
        ("gtd_specificity", _code),
        ("place_default", pa.bool_()),
        ("actor1", _text),
        ("actor1_kind", _text),
        ("inter1", _code),
        ("actor2", _text),
        ("actor2_kind", _text),
        ("inter2", _code),
        ("assoc_actors", pa.list_(_text)),
        ("fatalities_low", _count),
        ("fatalities_best", _count),
        ("fatalities_high", _count),
        ("injuries_low", _count),
        ("injuries_best", _count),
        ("injuries_high", _count),
        ("claimed", pa.bool_()),
        ("trigger", _text),
        ("sources", pa.list_(_text)),
        ("evidence", _text),
    ]
)


def row(extraction: Extraction, event: Event) -> dict[str, object]:
    """One event as a flat row of SCHEMA's columns."""
    article = extraction.article
    date = event.date
    place = event.place
    actor1, actor2 = event.actor1, event.actor2
    fatalities, injuries = event.fatalities, event.injuries
    return {
        "article_id": article.id,
        "event_id": event.id,
        "url": article.url,
        "title": article.title,
        "outlet": outlet_name(extraction),
        "published": article.published,
        "pipeline_version": extraction.pipeline_version,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "disorder_type": event.disorder_type,
        "attack_type": event.attack_type,
        "weapon_type": event.weapon_type,
        "target_type": event.target_type,
        "plover": event.plover,
        "mode": event.mode,
        "main": event.main,
        "confidence": event.confidence,
        "event_date": event_date(date),
        "date_start": date.start if date else None,
        "date_end": date.end if date else None,
        "date_precision": date.precision if date else None,
        "time_precision": date.time_precision if date else None,
        "date_default": date.default if date else None,
        "location": place.name if place else None,
        "country_code": place.country_code if place else None,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "precision": place.precision if place else None,
        "geo_precision": place.geo_precision if place else None,
        "gtd_specificity": place.gtd_specificity if place else None,
        "place_default": place.default if place else None,
        "actor1": actor1.name if actor1 else None,
        "actor1_kind": actor1.kind if actor1 else None,
        "inter1": actor1.inter if actor1 else None,
        "actor2": actor2.name if actor2 else None,
        "actor2_kind": actor2.kind if actor2 else None,
        "inter2": actor2.inter if actor2 else None,
        "assoc_actors": [actor.name for actor in event.assoc_actors],
        "fatalities_low": fatalities.low if fatalities else None,
        "fatalities_best": fatalities.best if fatalities else None,
        "fatalities_high": fatalities.high if fatalities else None,
        "injuries_low": injuries.low if injuries else None,
        "injuries_best": injuries.best if injuries else None,
        "injuries_high": injuries.high if injuries else None,
        "claimed": event.claimed,
        "trigger": event.trigger.text if event.trigger else None,
        "sources": list(event.sources),
        "evidence": evidence_json(event),
    }


def write(
    events: Iterable[EventPair],
    out: Path | str | BinaryIO,
    *,
    row_group_size: int = ROW_GROUP_SIZE,
) -> int:
    """Write one row per event to ``out`` (a path or a binary stream); returns the row count.

    Rows are gathered ``row_group_size`` at a time and written as one row group, so memory
    holds one group, never the whole table.
    """
    columns: dict[str, list] = {name: [] for name in SCHEMA.names}
    count = 0
    where = str(out) if isinstance(out, Path | str) else out
    with pq.ParquetWriter(where, SCHEMA) as writer:
        for extraction, event in events:
            for name, value in row(extraction, event).items():
                columns[name].append(value)
            count += 1
            if count % row_group_size == 0:
                _flush(writer, columns)
        if columns["event_id"]:
            _flush(writer, columns)
    return count


def _flush(writer: pq.ParquetWriter, columns: dict[str, list]) -> None:
    writer.write_table(pa.Table.from_pydict(columns, schema=SCHEMA))
    for values in columns.values():
        values.clear()
