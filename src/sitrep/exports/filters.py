"""Which events an export writes: a date range, countries, types, a bounding box, modes."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import Errors, SitrepError
from ..model import Event, Mode
from .fields import event_date


class ExportFilter(BaseModel):
    """Conditions an event must all meet to be exported; an unset condition lets every event by.

    By default only asserted events pass (the design's rule: negated, threatened, denied and
    background events are kept in the record but are not new events); ``modes=None`` lets
    every mode through.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    date_from: dt.date | None = Field(None, description="First day (inclusive) of the event date.")
    date_to: dt.date | None = Field(None, description="Last day (inclusive) of the event date.")
    countries: frozenset[str] | None = Field(
        None, description="ISO 3166-1 alpha-2 codes or country names, any case."
    )
    event_types: frozenset[str] | None = Field(
        None, description="ACLED event types or sub-event types, any case."
    )
    bbox: tuple[float, float, float, float] | None = Field(
        None, description="west, south, east, north in degrees; west > east crosses 180°."
    )
    modes: frozenset[Mode] | None = Field(
        frozenset({"asserted"}), description="Modes to export; None for every mode."
    )
    main_only: bool = Field(False, description="Only the event each story reports.")

    @field_validator("countries", "event_types")
    @classmethod
    def _casefold(cls, values: frozenset[str] | None) -> frozenset[str] | None:
        return frozenset(value.strip().casefold() for value in values) if values else None

    @model_validator(mode="after")
    def _consistent(self) -> ExportFilter:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise SitrepError(
                Errors.E046.format(reason=f"date_from {self.date_from} is after {self.date_to}.")
            )
        if self.bbox is not None:
            west, south, east, north = self.bbox
            if not (-180 <= west <= 180 and -180 <= east <= 180):
                raise SitrepError(
                    Errors.E046.format(reason=f"bbox longitudes {west}, {east} outside ±180.")
                )
            if not -90 <= south <= north <= 90:
                raise SitrepError(
                    Errors.E046.format(
                        reason=f"bbox latitudes need -90 <= south <= north <= 90, got {south}, {north}."
                    )
                )
        return self

    @property
    def is_open(self) -> bool:
        """True when every event passes (then JSONL keeps stories with no events too)."""
        return self == ExportFilter(modes=None)

    def matches(self, event: Event) -> bool:
        """True when ``event`` meets every condition that is set."""
        if self.modes is not None and event.mode not in self.modes:
            return False
        if self.main_only and not event.main:
            return False
        if (
            self.event_types is not None
            and not {
                (event.event_type or "").casefold(),
                (event.sub_event_type or "").casefold(),
            }
            & self.event_types
        ):
            return False
        return self._in_time(event) and self._in_place(event)

    def _in_time(self, event: Event) -> bool:
        if self.date_from is None and self.date_to is None:
            return True
        day = event_date(event.date)
        if day is None:
            return False
        return (self.date_from is None or day >= self.date_from) and (
            self.date_to is None or day <= self.date_to
        )

    def _in_place(self, event: Event) -> bool:
        place = event.place
        if self.countries is not None:
            if place is None:
                return False
            names = {(place.country_code or "").casefold(), (place.country or "").casefold()}
            if not names & self.countries:
                return False
        if self.bbox is None:
            return True
        if place is None or place.lat is None or place.lon is None:
            return False
        west, south, east, north = self.bbox
        if not south <= place.lat <= north:
            return False
        if west <= east:
            return west <= place.lon <= east
        return place.lon >= west or place.lon <= east
