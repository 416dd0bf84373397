"""Every tunable threshold as data: one pydantic model, overridable by env and flags."""

from __future__ import annotations

import os
from typing import Any

from pydantic import BaseModel, Field


class DateSettings(BaseModel):
    future_grace_days: int = Field(
        0, description="Days after publication a date may fall without a future/threat cue."
    )
    vague_days: int = Field(
        7, description="Width in days of a vague span such as 'days before' or 'recently'."
    )
    ambiguous_order: str = Field(
        "dmy", description="Order for ambiguous numeric dates like 04/05/2021: 'dmy' or 'mdy'."
    )


class PlaceSettings(BaseModel):
    weak_population: int = Field(
        15_000, description="A one-word town smaller than this needs a cue word ('in', 'district')."
    )
    caps_population: int = Field(
        100_000, description="In wire caps, a one-word town smaller than this needs a cue word."
    )
    admin1_over_city: int = Field(
        100_000, description="A name that is both a unit and its town means the town when larger."
    )


class TextSettings(BaseModel):
    max_article_chars: int = Field(
        2_000_000, description="Longest story accepted, in characters; longer inputs are refused."
    )
    all_caps_ratio: float = Field(
        0.8, description="Share of upper-case letters above which a story is treated as wire caps."
    )


class PipelineSettings(BaseModel):
    on_error: str = Field(
        "record", description="'raise' stops on a failing article; 'record' keeps it as a note."
    )


class Settings(BaseModel):
    text: TextSettings = Field(default_factory=TextSettings)
    dates: DateSettings = Field(default_factory=DateSettings)
    places: PlaceSettings = Field(default_factory=PlaceSettings)
    pipeline: PipelineSettings = Field(default_factory=PipelineSettings)

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
        return cls.model_validate(data)
