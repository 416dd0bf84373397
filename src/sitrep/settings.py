"""Every tunable threshold as data: one pydantic model, overridable by env and flags."""

from __future__ import annotations

import os
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import Errors, SitrepError


class _Group(BaseModel):
    # A misspelt SITREP_<GROUP>__<NAME> variable is an error, never silently ignored.
    model_config = ConfigDict(extra="forbid")


class DateSettings(_Group):
    future_grace_days: int = Field(
        0, description="Days after publication a date may fall without a future/threat cue."
    )
    vague_days: int = Field(
        7, description="Width in days of a vague span such as 'days before' or 'recently'."
    )
    ambiguous_order: str = Field(
        "dmy", description="Order for ambiguous numeric dates like 04/05/2021: 'dmy' or 'mdy'."
    )


class PlaceSettings(_Group):
    weak_population: int = Field(
        15_000, description="A one-word town smaller than this needs a cue word ('in', 'district')."
    )
    caps_population: int = Field(
        100_000, description="In wire caps, a one-word town smaller than this needs a cue word."
    )
    admin1_over_city: int = Field(
        100_000, description="A name that is both a unit and its town means the town when larger."
    )


class TextSettings(_Group):
    max_article_chars: int = Field(
        2_000_000, description="Longest story accepted, in characters; longer inputs are refused."
    )
    all_caps_ratio: float = Field(
        0.8, description="Share of upper-case letters above which a story is treated as wire caps."
    )


class FramingSettings(_Group):
    tagger: bool = Field(
        True,
        description="Also find loaded-language and name-calling spans with the learned tagger"
        " (costs about a tenth of extraction time); off: the lexicon alone.",
    )
    transformer: bool = Field(
        False,
        description="Find those spans with the fine-tuned transformer instead of the word"
        " tagger: more accurate, and far slower (about 0.1 s of one core per 200 words).",
    )


class PipelineSettings(_Group):
    on_error: str = Field(
        "record", description="'raise' stops on a failing article; 'record' keeps it as a note."
    )


class IncidentSettings(_Group):
    """How reports are compared and when one joins an incident."""

    threshold: float = Field(0.55, description="Lowest similarity (0-1) at which a report joins.")
    merge_threshold: float = Field(
        0.62,
        description="Similarity (0-1) at which a report that joins one incident also merges "
        "another it matches into it (never below threshold; 1: never merge).",
    )
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

    @model_validator(mode="after")
    def _usable(self) -> IncidentSettings:
        return self.checked()

    def checked(self) -> IncidentSettings:
        """These settings, or SitrepError E054 naming a value that cannot work."""
        for name in ("threshold", "strong_wording", "wording_floor"):
            value = getattr(self, name)
            if not 0 <= value < 1:
                raise SitrepError(Errors.E054.format(name=name, value=value, reason="0 to <1"))
        if not 0 <= self.merge_threshold <= 1:
            value = self.merge_threshold
            raise SitrepError(Errors.E054.format(name="merge_threshold", value=value, reason="0-1"))
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


class Settings(_Group):
    text: TextSettings = Field(default_factory=TextSettings)
    dates: DateSettings = Field(default_factory=DateSettings)
    places: PlaceSettings = Field(default_factory=PlaceSettings)
    framing: FramingSettings = Field(default_factory=FramingSettings)
    pipeline: PipelineSettings = Field(default_factory=PipelineSettings)
    incidents: IncidentSettings = Field(default_factory=IncidentSettings)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from defaults, then ``SITREP_<GROUP>__<NAME>`` variables, then overrides."""
        environ = os.environ if environ is None else environ
        data: dict[str, dict[str, Any]] = {}
        for key, value in environ.items():
            if not key.startswith("SITREP_") or "__" not in key:
                continue
            group, _, name = key[len("SITREP_") :].lower().partition("__")
            data.setdefault(group, {})[name] = value
        for dotted, value in overrides.items():
            group, _, name = dotted.partition("__")
            data.setdefault(group, {})[name] = value
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            problem = exc.errors()[0]
            where = [str(part) for part in problem["loc"]]
            name = "SITREP_" + "__".join(where).upper()
            value = data.get(where[0], {}).get(where[1]) if len(where) > 1 else None
            raise SitrepError(
                Errors.E070.format(name=name, value=value, reason=problem["msg"])
            ) from None
