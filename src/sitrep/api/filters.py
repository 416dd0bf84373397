"""The query parameters list endpoints share (filters, pages) and the cost limits on them.

A parameter that is malformed is a 422 ``validation_error`` naming it; one that is
well-formed but would make the store do too much work is a 400 ``too_expensive``.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Literal

from fastapi import Depends, Query
from pydantic import BaseModel, Field, StringConstraints

from ..errors import SitrepError
from ..stages.event_rules import DISORDER
from ..store import EventQuery
from ..store.fulltext import terms
from ..store.query import decode_cursor
from .errors import InvalidParameter, TooExpensive
from .schemas import Text

# Page sizes (docs/api.md): lists, and the map layer, which draws many small points.
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
MAX_GEOJSON_LIMIT = 5000
# Cost limits of a text query: every term is one index lookup and one more condition.
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 10
# Values of one repeatable parameter (each is one more IN item).
MAX_VALUES = 50
MAX_NAME_CHARS = 200
MAX_CURSOR_CHARS = 200
# The store's integer columns are 64-bit: a larger number cannot be bound, so refuse it.
MAX_INT = 2**63 - 1

EVENT_TYPES = tuple(DISORDER)
EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]
ModeParam = Literal[
    "asserted", "negated", "threat", "future", "hypothetical", "denied", "background", "any"
]


Name = Annotated[Text, StringConstraints(min_length=1, max_length=MAX_NAME_CHARS)]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$")]


def _bbox(value: str) -> tuple[float, float, float, float]:
    parts = value.split(",")
    try:
        numbers = tuple(float(part) for part in parts)
    except ValueError:
        numbers = ()
    if len(numbers) != 4 or not all(math.isfinite(number) for number in numbers):
        raise InvalidParameter("bbox", f"'{value}' is not west,south,east,north in degrees")
    return numbers  # type: ignore[return-value]


def checked_text(q: str | None) -> str | None:
    """A full-text query within the cost limits (TooExpensive otherwise)."""
    if q is None:
        return None
    if len(q) > MAX_QUERY_CHARS:
        raise TooExpensive(f"q is {len(q)} characters long; the limit is {MAX_QUERY_CHARS}.")
    found = terms(q)
    if len(found) > MAX_QUERY_TERMS:
        raise TooExpensive(f"q has {len(found)} terms; the limit is {MAX_QUERY_TERMS}.")
    return q


class EventFilters(BaseModel):
    """The filters every event and incident list takes, as query parameters; validated in
    one pass (FastAPI checked a dozen separate parameters one by one, a tenth of a page's
    cost)."""

    date_from: dt.date | None = Field(
        None, description="Events whose date interval ends on or after this day."
    )
    date_to: dt.date | None = Field(
        None, description="Events whose date interval starts on or before this day."
    )
    country: list[CountryCode] = Field(
        [], max_length=MAX_VALUES, description="ISO 3166-1 alpha-2 code (any case); repeatable."
    )
    admin1: list[Name] = Field(
        [], max_length=MAX_VALUES, description="First-level unit name (any case); repeatable."
    )
    event_type: list[EventType] = Field(
        [], max_length=MAX_VALUES, description="ACLED event type; repeatable."
    )
    actor: Name | None = Field(
        None, description="Substring of actor1's or actor2's name (any case)."
    )
    mode: ModeParam = Field("asserted", description="Events of this mode; 'any' for every mode.")
    outlet: Name | None = Field(None, description="Outlet name (any case).")
    min_fatalities: int | None = Field(
        None, ge=0, le=MAX_INT, description="Events with at least this many dead."
    )
    bbox: str | None = Field(
        None,
        description="west,south,east,north in degrees; west > east crosses the antimeridian.",
        examples=["38.8,29.0,48.6,37.4"],
    )
    q: Text | None = Field(
        None,
        description=f'Full-text query over the stories: words and "quoted phrases", all'
        f" required; at most {MAX_QUERY_CHARS} characters and {MAX_QUERY_TERMS} terms.",
    )
    main_only: bool = Field(False, description="Only each story's main event.")


async def event_filters(params: Annotated[EventFilters, Query()]) -> EventQuery:
    """The shared filters as the store's EventQuery (async: it does no I/O, so it runs on
    the event loop instead of taking a trip through the thread pool)."""
    if params.date_from and params.date_to and params.date_from > params.date_to:
        raise InvalidParameter("date_from", f"{params.date_from} is after date_to {params.date_to}")
    box = _bbox(params.bbox) if params.bbox is not None else None
    try:
        return EventQuery(
            date_from=params.date_from,
            date_to=params.date_to,
            countries=tuple(params.country),
            admin1=tuple(params.admin1),
            event_types=tuple(params.event_type),
            actor=params.actor,
            modes=() if params.mode == "any" else (params.mode,),
            outlet=params.outlet,
            min_fatalities=params.min_fatalities,
            bbox=box,
            text=checked_text(params.q),
            main_only=params.main_only,
        )
    except SitrepError as exc:  # a bbox off the globe (E038)
        raise InvalidParameter("bbox", str(exc)) from None


Filters = Annotated[EventQuery, Depends(event_filters)]


async def _cursor(
    cursor: Annotated[
        str | None,
        Query(
            max_length=MAX_CURSOR_CHARS,
            description="The next_cursor of the previous page; absent for the first page.",
        ),
    ] = None,
) -> str | None:
    if cursor is None:
        return None
    try:
        _, seq = decode_cursor(cursor)
    except SitrepError as exc:
        raise InvalidParameter("cursor", str(exc)) from None
    if not 0 <= seq <= MAX_INT:
        raise InvalidParameter("cursor", f"'{cursor}' is not a cursor this server gave out")
    return cursor


Cursor = Annotated[str | None, Depends(_cursor)]
Limit = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT}).")
]
GeoLimit = Annotated[
    int,
    Query(
        ge=1, le=MAX_GEOJSON_LIMIT, description=f"Features per page (at most {MAX_GEOJSON_LIMIT})."
    ),
]
