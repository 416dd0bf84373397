"""Event filters, result rows and keyset cursors: what a caller asks the store, and gets back."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

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


@dataclass
class Conditions:
    """WHERE conditions whose values are named bind parameters. ``shape`` names the
    conditions present, in order: two filters of one shape compile to the same SQL, so a
    statement built for one runs with the other's ``values``. A condition added with
    ``add_fixed`` keeps its values inside (a full-text match): such conditions are not
    ``reusable``."""

    clauses: list[sa.ColumnElement] = field(default_factory=list)
    shape: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    reusable: bool = True

    def add(self, name: str, clause: sa.ColumnElement, **values: Any) -> None:
        """A condition whose bind parameters are named after ``values``' keys."""
        self.clauses.append(clause)
        self.shape.append(name)
        self.values.update(values)

    def add_fixed(self, name: str, clause: sa.ColumnElement) -> None:
        self.clauses.append(clause)
        self.shape.append(name)
        self.reusable = False


def filter_conditions(table: sa.Table, filters: EventQuery) -> Conditions:
    """Conditions on the columns events and incidents share (dates, place, type, actors)."""
    c = table.c
    found = Conditions()

    def value(name: str, given: Any) -> sa.BindParameter:
        return sa.bindparam(name, given, expanding=isinstance(given, list))

    if filters.date_from:
        found.add(
            "date_from",
            c.date_end >= value("date_from", filters.date_from),
            date_from=filters.date_from,
        )
    if filters.date_to:
        found.add(
            "date_to", c.date_start <= value("date_to", filters.date_to), date_to=filters.date_to
        )
    if filters.countries:
        codes = [code.upper() for code in filters.countries]
        found.add("countries", c.country_code.in_(value("countries", codes)), countries=codes)
    if filters.admin1:
        names = [name.lower() for name in filters.admin1]
        found.add("admin1", folded(c.admin1).in_(value("admin1", names)), admin1=names)
    if filters.event_types:
        types = list(filters.event_types)
        found.add("event_types", c.event_type.in_(value("event_types", types)), event_types=types)
    if filters.actor:
        escaped = (
            filters.actor.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        )
        pattern = value("actor", f"%{escaped}%")
        either = (folded(column).like(pattern, escape="\\") for column in (c.actor1, c.actor2))
        found.add("actor", sa.or_(*either), actor=pattern.value)
    if filters.min_fatalities is not None:
        least = filters.min_fatalities
        found.add(
            "min_fatalities",
            c.fatalities_best >= value("min_fatalities", least),
            min_fatalities=least,
        )
    if filters.bbox:
        west, south, east, north = (float(number) for number in filters.bbox)
        box = {"west": west, "south": south, "east": east, "north": north}
        edge = {name: value(name, number) for name, number in box.items()}
        latitude = c.lat.between(edge["south"], edge["north"])
        if west <= east:
            longitude = c.lon.between(edge["west"], edge["east"])
            found.add("bbox", sa.and_(latitude, longitude), **box)
        else:  # across the antimeridian
            longitude = sa.or_(c.lon >= edge["west"], c.lon <= edge["east"])
            found.add("bbox_across", sa.and_(latitude, longitude), **box)
    return found


def common_conditions(table: sa.Table, filters: EventQuery) -> list[sa.ColumnElement]:
    """``filter_conditions``' clauses, for statements that are built once and run once."""
    return filter_conditions(table, filters).clauses


# --------------------------------------------------------------------------- keyset cursors
# Newest first: date_start descending (undated last), then the row's seq descending.


@functools.cache  # one per table: built on every page, the same every time
def keyset_order(table: sa.Table) -> tuple[sa.ColumnElement, ...]:
    return (table.c.date_start.desc().nulls_last(), table.c.seq.desc())


def after_key(table: sa.Table, date: dt.date | None, seq: int) -> sa.ColumnElement:
    """Rows that come after the row (date_start, seq), in keyset order (bind parameters
    ``after_date`` and ``after_seq``)."""
    c = table.c
    after_seq = sa.bindparam("after_seq", seq)
    if date is None:
        return sa.and_(c.date_start.is_(None), c.seq < after_seq)
    after_date = sa.bindparam("after_date", date)
    return sa.or_(
        c.date_start < after_date,
        sa.and_(c.date_start == after_date, c.seq < after_seq),
        c.date_start.is_(None),
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
