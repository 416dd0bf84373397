"""The thresholds of incident clustering, as data (docs/incidents.md says how they were set)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from ..errors import Errors, SitrepError


class IncidentSettings(BaseModel):
    """How reports are compared and when one joins an incident."""

    threshold: float = Field(0.55, description="Lowest similarity (0-1) at which a report joins.")
    exact_km: float = Field(25.0, description="Farthest apart two exact places may be.")
    near_km: float = Field(50.0, description="Farthest apart when either place is 'near'.")
    admin2_km: float = Field(75.0, description="Farthest apart when either place is admin2.")
    day_slack_days: int = Field(
        1, description="Days a day-precise date may differ (overnight events, time zones)."
    )
    default_window_days: int = Field(
        3, description="A default (unstated) date means 'up to this many days before publication'."
    )
    strong_wording: float = Field(
        0.75, description="Wording cosine a report with an unknown place needs to join."
    )
    weight_type: float = Field(0.1, description="Weight of the event-type agreement.")
    weight_date: float = Field(0.3, description="Weight of the date agreement.")
    weight_place: float = Field(0.1, description="Weight of the place agreement.")
    weight_actors: float = Field(0.1, description="Weight of the actor agreement.")
    weight_wording: float = Field(0.45, description="Weight of the wording similarity.")
    wording_floor: float = Field(
        0.5, description="Cosine at or below which two sentences count as unrelated (0)."
    )
    bucket_days: int = Field(7, description="Width of the date buckets of the candidate index.")
    max_compared: int = Field(
        25, description="Most reports of one incident whose wording a new report is compared with."
    )

    def checked(self) -> IncidentSettings:
        """These settings, or SitrepError E054 naming a value that cannot work."""
        for name in ("threshold", "strong_wording", "wording_floor"):
            value = getattr(self, name)
            if not 0 <= value < 1:
                raise SitrepError(Errors.E054.format(name=name, value=value, reason="0 to <1"))
        for name in ("bucket_days", "max_compared"):
            value = getattr(self, name)
            if value < 1:
                raise SitrepError(Errors.E054.format(name=name, value=value, reason="at least 1"))
        weights = [getattr(self, name) for name in type(self).model_fields if name[:7] == "weight_"]
        if min(weights) < 0 or sum(weights) <= 0:
            raise SitrepError(
                Errors.E054.format(name="weight_*", value=weights, reason="none below 0, sum > 0")
            )
        return self


def settings_of(settings: Any) -> IncidentSettings:
    """Incident settings from None (defaults), IncidentSettings, or the project Settings."""
    if settings is None:
        return IncidentSettings()
    if isinstance(settings, IncidentSettings):
        return settings.checked()
    # The project-wide Settings carries an ``incidents`` group.
    return getattr(settings, "incidents", IncidentSettings()).checked()
