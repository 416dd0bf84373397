"""Event filters, result rows and keyset cursors: what a caller asks the store, and gets back."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from pydantic import BaseModel

from ..errors import Errors, SitrepError
from ..model import Event
from .casefold import folded


@dataclass(frozen=True)
class EventQuery:
    """Which events to return; every field narrows the result, None or empty means any.

    Dates select events whose interval overlaps ``date_from``..``date_to`` (inclusive).
    ``actor`` is a case-insensitive substring of actor1's or actor2's name; ``bbox`` is
    (west, south, east, north) in degrees, west > east crossing the antimeridian;
    ``text`` is a full-text query on the story (words, or "a phrase" in double quotes).
    """

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    countries: Sequence[str] = ()
    admin1: Sequence[str] = ()
    event_types: Sequence[str] = ()
    actor: str | None = None
    modes: Sequence[str] = ()
    outlet: str | None = None
    min_fatalities: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None
    main_only: bool = False

    def __post_init__(self) -> None:
        if self.bbox is None:
            return
        try:
            west, south, east, north = (float(value) for value in self.bbox)
        except (TypeError, ValueError):
            raise SitrepError(Errors.E038.format(bbox=self.bbox)) from None
        inside = all(-180 <= lon <= 180 for lon in (west, east)) and -90 <= south <= north <= 90
        if not inside:
            raise SitrepError(Errors.E038.format(bbox=self.bbox))


class EventRow(BaseModel):
    """One stored event with the story it came from."""

    article_id: str
    outlet: str | None = None
    published: dt.date | None = None
    pipeline_version: str
    event: Event


class SearchHit(BaseModel):
    """A story matching a full-text query; ``snippet`` marks the matched words with **."""

    article_id: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    snippet: str
    score: float


class QuarantineRow(BaseModel):
    """An input that was not stored, and why; the same problem seen again bumps ``seen``."""

    source: str
    reason: str
    content_hash: str | None = None
    first_at: dt.datetime
    at: dt.datetime
    seen: int


def _like_any(columns: Sequence[sa.ColumnElement], needle: str) -> sa.ColumnElement:
    escaped = needle.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    return sa.or_(*(folded(column).like(pattern, escape="\\") for column in columns))


def common_conditions(table: sa.Table, filters: EventQuery) -> list[sa.ColumnElement]:
    """Conditions on the columns events and incidents share (dates, place, type, actors)."""
    c = table.c
    conditions: list[sa.ColumnElement] = []
    if filters.date_from:
        conditions.append(c.date_end >= filters.date_from)
    if filters.date_to:
        conditions.append(c.date_start <= filters.date_to)
    if filters.countries:
        conditions.append(c.country_code.in_([code.upper() for code in filters.countries]))
    if filters.admin1:
        conditions.append(folded(c.admin1).in_([name.lower() for name in filters.admin1]))
    if filters.event_types:
        conditions.append(c.event_type.in_(list(filters.event_types)))
    if filters.actor:
        conditions.append(_like_any([c.actor1, c.actor2], filters.actor))
    if filters.min_fatalities is not None:
        conditions.append(c.fatalities_best >= filters.min_fatalities)
    if filters.bbox:
        west, south, east, north = (float(value) for value in filters.bbox)
        conditions.append(c.lat.between(south, north))
        if west <= east:
            conditions.append(c.lon.between(west, east))
        else:
            conditions.append(sa.or_(c.lon >= west, c.lon <= east))
    return conditions


# --------------------------------------------------------------------------- keyset cursors
# Newest first: date_start descending (undated last), then the row's seq descending.


@functools.cache  # one per table: built on every page, the same every time
def keyset_order(table: sa.Table) -> tuple[sa.ColumnElement, ...]:
    return (table.c.date_start.desc().nulls_last(), table.c.seq.desc())


def after_key(table: sa.Table, date: dt.date | None, seq: int) -> sa.ColumnElement:
    """Rows that come after the row (date_start, seq), in keyset order."""
    c = table.c
    if date is None:
        return sa.and_(c.date_start.is_(None), c.seq < seq)
    return sa.or_(
        c.date_start < date, sa.and_(c.date_start == date, c.seq < seq), c.date_start.is_(None)
    )


def encode_cursor(date: dt.date | None, seq: int) -> str:
    raw = json.dumps([date.isoformat() if date else None, seq]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[dt.date | None, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        date, seq = json.loads(raw)
        if not isinstance(seq, int):
            raise ValueError(seq)
        return (dt.date.fromisoformat(date) if date is not None else None), seq
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise SitrepError(Errors.E034.format(cursor=cursor)) from None
