"""What the API answers and accepts: the response and request bodies, as pydantic models
(the OpenAPI spec is generated from them). New keys may appear; none will change meaning."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from ..model import Article, Extraction, Mode, PlacePrecision


def _storable(value: str) -> str:
    # PostgreSQL refuses NUL in text, and a lone surrogate cannot be encoded: no real
    # story, name or query holds either, so they are refused at the door.
    if "\x00" in value:
        raise ValueError("must not contain a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode (no lone surrogates)") from None
    return value


Text = Annotated[str, AfterValidator(_storable)]

_FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _full_date(value: object) -> object:
    # The spec says {"type": "string", "format": "date"}: RFC 3339's full-date, YYYY-MM-DD.
    # Left to itself pydantic also takes a number as Unix time (0, 0.0 and 1e-300 are all
    # 1970-01-01), a string of digits likewise, and a datetime at midnight: none of them
    # is a date the spec allows, so none is stored. Pydantic still checks the date itself.
    if isinstance(value, str) and _FULL_DATE.fullmatch(value):
        return value
    if type(value) is dt.date:  # a StoryIn built in Python, not from JSON
        return value
    raise ValueError("must be a date written YYYY-MM-DD")


# A date as the spec says it: a YYYY-MM-DD string, nothing else.
FullDate = Annotated[dt.date, BeforeValidator(_full_date)]


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str
    store: str = Field(description="The store's backend: 'sqlite' or 'postgresql'.")
    articles: int
    events: int
    online_tiles: bool = Field(
        False, description="The server allows OpenStreetMap tiles (sitrep serve --online-tiles)."
    )


class EventRow(BaseModel):
    """One event flattened for tables and maps, with the story it came from."""

    id: str = Field(description="'<article_id>#<event_id>'.")
    article_id: str
    event_id: str
    event_type: str | None = None
    sub_event_type: str | None = None
    disorder_type: str | None = None
    mode: Mode
    main: bool
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision | None = Field(
        None,
        description="How precise the place is: exact, near, admin2, admin1 or country;"
        " unknown for a name the gazetteer lacks (no coordinates).",
    )
    geo_precision: int | None = Field(None, description="ACLED geo_precision (1-3).")
    actor1: str | None = None
    actor2: str | None = None
    fatalities: int | None = None
    injuries: int | None = None
    outlet: str | None = None
    published: dt.date | None = None
    title: str | None = None
    incident_id: str | None = Field(
        None, description="The incident this event is a source of, when it has been clustered."
    )


class EventPage(BaseModel):
    items: list[EventRow]
    next_cursor: str | None = Field(None, description="Pass back as 'cursor' for the next page.")


class Point(BaseModel):
    type: Literal["Point"] = "Point"
    coordinates: tuple[float, float] = Field(description="[longitude, latitude]")


class FeatureProperties(EventRow):
    radius_km: float | None = Field(
        None,
        description="How far the truth may lie from the point, for a coarse place (a drawing"
        " hint: a province-level event is an area, not a town); null for an exact place.",
    )


class Feature(BaseModel):
    type: Literal["Feature"] = "Feature"
    id: str
    geometry: Point | None
    properties: FeatureProperties


class FeatureCollection(BaseModel):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[Feature]
    next_cursor: str | None = Field(None, description="Pass back as 'cursor' for the next page.")


class TimelinePoint(BaseModel):
    date: dt.date = Field(description="First day of the bucket (weeks start on Monday).")
    total: int
    by_type: dict[str, int] = Field(description="Events per event type (typed events only).")


class Timeline(BaseModel):
    bucket: Literal["day", "week", "month"]
    series: list[TimelinePoint] = Field(description="Buckets with events, oldest first.")


class DateSummary(BaseModel):
    start: dt.date | None = None
    end: dt.date | None = None
    precision: str | None = None


class PlaceSummary(BaseModel):
    name: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision | None = None


class IncidentSummary(BaseModel):
    id: str
    event_type: str | None = None
    sub_event_type: str | None = None
    date: DateSummary | None = None
    place: PlaceSummary | None = None
    fatalities: int | None = Field(None, description="The lowest best estimate of the sources.")
    sources: int = Field(description="How many stories report it.")
    outlets: list[str] = Field(description="Who reported it, first report first.")


class IncidentPage(BaseModel):
    items: list[IncidentSummary]
    next_cursor: str | None = None


class ArticleDetail(BaseModel):
    article: Article
    extraction: Extraction = Field(
        description="Everything found in the story; evidence offsets index article.text."
    )


class SearchItem(BaseModel):
    article_id: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    snippet: str = Field(description="Words around the matches, each match between **.")


class SearchResults(BaseModel):
    items: list[SearchItem]


class ActorItem(BaseModel):
    name: str
    kind: str | None = None
    inter: int | None = Field(None, description="ACLED inter code.")
    events: int


class ActorList(BaseModel):
    items: list[ActorItem]


class OutletItem(BaseModel):
    name: str
    kind: str | None = Field(None, description="From sitrep's outlet registry; null if unknown.")
    country_code: str | None = None
    state_affiliated: bool | None = None
    articles: int


class OutletList(BaseModel):
    items: list[OutletItem]


class FacetValue(BaseModel):
    value: str
    count: int = Field(description="Stored events with this value.")


class Facets(BaseModel):
    event_types: list[FacetValue]
    countries: list[FacetValue]
    modes: list[FacetValue]
    outlets: list[FacetValue]


class StoryIn(BaseModel):
    """A story to add; its id is derived from its text."""

    model_config = ConfigDict(extra="forbid")

    title: Text | None = Field(None, max_length=2_000)
    text: Text = Field(min_length=1)
    published: FullDate | None = Field(
        None, description="Publication date, YYYY-MM-DD (not after tomorrow)."
    )
    outlet: Text | None = Field(None, max_length=500)
    url: Text | None = Field(None, max_length=4_000)

    def record(self) -> dict[str, Any]:
        """The story as a reference-format record, as the JSONL reader takes it."""
        return self.model_dump(mode="json")


class Added(BaseModel):
    article_id: str
    new: bool = Field(description="False when the store already held this text.")
    events: int = Field(description="Events found in the story.")


class AddedList(BaseModel):
    items: list[Added]
