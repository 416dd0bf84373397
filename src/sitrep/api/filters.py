"""The query parameters list endpoints share (filters, pages) and the cost limits on them.

A parameter that is malformed is a 422 ``validation_error`` naming it; one that is
well-formed but would make the store do too much work is a 400 ``too_expensive``.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Literal

from fastapi import Depends, Query
from pydantic import StringConstraints

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


async def event_filters(
    date_from: Annotated[
        dt.date | None, Query(description="Events whose date interval ends on or after this day.")
    ] = None,
    date_to: Annotated[
        dt.date | None,
        Query(description="Events whose date interval starts on or before this day."),
    ] = None,
    country: Annotated[
        list[CountryCode],
        Query(max_length=MAX_VALUES, description="ISO 3166-1 alpha-2 code (any case); repeatable."),
    ] = [],  # noqa: B006 - FastAPI copies defaults; this is how a repeatable parameter is declared
    admin1: Annotated[
        list[Name],
        Query(max_length=MAX_VALUES, description="First-level unit name (any case); repeatable."),
    ] = [],  # noqa: B006
    event_type: Annotated[
        list[EventType], Query(max_length=MAX_VALUES, description="ACLED event type; repeatable.")
    ] = [],  # noqa: B006
    actor: Annotated[
        Name | None, Query(description="Substring of actor1's or actor2's name (any case).")
    ] = None,
    mode: Annotated[
        ModeParam, Query(description="Events of this mode; 'any' for every mode.")
    ] = "asserted",
    outlet: Annotated[Name | None, Query(description="Outlet name (any case).")] = None,
    min_fatalities: Annotated[
        int | None, Query(ge=0, le=MAX_INT, description="Events with at least this many dead.")
    ] = None,
    bbox: Annotated[
        str | None,
        Query(
            description="west,south,east,north in degrees; west > east crosses the antimeridian.",
            examples=["38.8,29.0,48.6,37.4"],
        ),
    ] = None,
    q: Annotated[
        Text | None,
        Query(
            description=f'Full-text query over the stories: words and "quoted phrases", all'
            f" required; at most {MAX_QUERY_CHARS} characters and {MAX_QUERY_TERMS} terms."
        ),
    ] = None,
    main_only: Annotated[bool, Query(description="Only each story's main event.")] = False,
) -> EventQuery:
    """The shared filters as the store's EventQuery (async: it does no I/O, so it runs on
    the event loop instead of taking a trip through the thread pool)."""
    if date_from and date_to and date_from > date_to:
        raise InvalidParameter("date_from", f"{date_from} is after date_to {date_to}")
    box = _bbox(bbox) if bbox is not None else None
    try:
        return EventQuery(
            date_from=date_from,
            date_to=date_to,
            countries=tuple(country),
            admin1=tuple(admin1),
            event_types=tuple(event_type),
            actor=actor,
            modes=() if mode == "any" else (mode,),
            outlet=outlet,
            min_fatalities=min_fatalities,
            bbox=box,
            text=checked_text(q),
            main_only=main_only,
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
