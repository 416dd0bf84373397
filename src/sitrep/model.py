"""The record types. Every coded value carries the words that support it.

Offsets in :class:`Evidence` are half-open and always index the *original* article text.
The JSON Schema printed by ``sitrep schema`` is generated from these classes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

DatePrecision = Literal["day", "week", "month", "year"]
# "unknown": a place the text names that the gazetteer lacks, with no containing unit named;
# kept by its name, with at most the story's country, never a point.
PlacePrecision = Literal["exact", "near", "admin2", "admin1", "country", "unknown"]
Mode = Literal["asserted", "negated", "threat", "future", "hypothetical", "denied", "background"]

# ACLED time_precision: 1 the day, 2 a week or a range of days, 3 a month (or coarser).
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
# ACLED geo_precision: 1 the place itself, 2 near it or part of a region, 3 only the region.
# An unknown place has no point, so no geo_precision (it qualifies the coordinates).
GEO_PRECISION = {"exact": 1, "near": 2, "admin2": 2, "admin1": 3, "country": 3}
# How far the truth may lie from a point coded at this precision: a drawing hint, not a
# measured radius (provinces and countries vary a hundredfold in size).
RADIUS_HINT_KM = {"near": 10, "admin2": 30, "admin1": 150, "country": 500}
# GTD specificity: 1 the city/town, 2 its region is known, 3 admin2, 4 admin1, 5 country only
# (or less: a name that cannot be placed).
GTD_SPECIFICITY = {"exact": 1, "near": 2, "admin2": 3, "admin1": 4, "country": 5, "unknown": 5}


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DerivingRecord(Record):
    """A record with computed fields: they are dumped with it, and dropped when the dump
    is read back (they are derived, not inputs).

    Only these records run the check: on every record it was a third of the time spent
    reading stored extractions back (``sitrep ingest``'s incident pass)."""

    @model_validator(mode="before")
    @classmethod
    def _drop_computed(cls, data: object) -> object:
        computed = cls.__pydantic_decorators__.computed_fields
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if key not in computed}
        return data


class Evidence(Record):
    """Words in the original text: ``text == original[start:end]``."""

    start: int = Field(ge=0, description="Start offset into the original article text.")
    end: int = Field(ge=0, description="End offset (exclusive) into the original article text.")
    text: str = Field(description="The original characters between start and end.")


class Note(Record):
    """Something a stage could not extract, or a default it applied, with the reason."""

    code: str = Field(description="Short reason code, e.g. 'date.unparsed'.")
    stage: str
    message: str
    evidence: Evidence | None = None


class Article(Record):
    id: str = Field(description="Stable id: the caller's, or a hash of the text.")
    url: str | None = None
    title: str | None = None
    text: str
    published: dt.date | None = Field(None, description="Publication or reference date.")
    outlet: str | None = None
    language: str | None = None

    @staticmethod
    def content_id(text: str) -> str:
        return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class DateValue(DerivingRecord):
    """A resolved date interval with its precision."""

    start: dt.date | None = None
    end: dt.date | None = None
    precision: DatePrecision | None = None
    default: bool = Field(False, description="True when no date was stated and a default was used.")
    confidence: float = Field(1.0, ge=0, le=1)
    evidence: list[Evidence] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def time_precision(self) -> int | None:
        """ACLED time_precision (1-3) for this interval."""
        return TIME_PRECISION[self.precision] if self.precision else None


class DateMention(DateValue):
    """A temporal expression found in the text and resolved against a reference date."""

    kind: Literal["absolute", "weekday", "relative", "anaphoric", "range", "vague", "dateline"] = (
        "absolute"
    )
    future: bool = Field(False, description="The wording points forward ('next week', 'will').")
    anchor: dt.date | None = Field(None, description="The date it was resolved against.")


class PlaceValue(DerivingRecord):
    name: str | None = None
    country_code: str | None = Field(None, description="ISO 3166-1 alpha-2.")
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision | None = None
    feature: str | None = Field(None, description="city, admin1, country, airbase, border, ...")
    anchor: str | None = Field(None, description="Reference place of a relative expression.")
    default: bool = False
    confidence: float = Field(1.0, ge=0, le=1)
    evidence: list[Evidence] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def geo_precision(self) -> int | None:
        return GEO_PRECISION.get(self.precision) if self.precision else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def gtd_specificity(self) -> int | None:
        return GTD_SPECIFICITY[self.precision] if self.precision else None


class Actor(Record):
    name: str = Field(description="Canonical name, ACLED style.")
    text: str = Field("", description="How the story named it.")
    kind: str | None = Field(None, description="state, rebel, militia, civilians, protesters, ...")
    inter: int | None = Field(None, ge=0, le=8, description="ACLED inter code.")
    country_code: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Count(Record):
    """A number of people, with ACLED's conservative best value."""

    low: int | None = None
    best: int | None = None
    high: int | None = None
    confidence: float = Field(1.0, ge=0, le=1)
    evidence: list[Evidence] = Field(default_factory=list)


class Quantity(Record):
    """A counted thing in the text: 'two rockets', '2,500 American troops'."""

    value: int
    low: int | None = None
    high: int | None = None
    unit: str = Field(description="Head noun, singular: 'rocket', 'troop'.")
    vague: bool = Field(False, description="'dozens', 'several': value is a conservative reading.")
    evidence: Evidence


class Weapon(Record):
    type: str = Field(description="GTD weapon type: Explosives, Firearms, Incendiary, ...")
    subtype: str | None = None
    count: int | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Target(Record):
    type: str = Field(
        description="GTD target type: Military, Police, Private Citizens & Property, ..."
    )
    text: str
    evidence: list[Evidence] = Field(default_factory=list)


class NamedTarget(Record):
    """A person the event struck or was aimed at, named in the text."""

    name: str = Field(description="The name as written: 'Jose Antonio Rodriguez Porth'.")
    title: str | None = Field(None, description="Title words before it: 'Attorney General'.")
    evidence: list[Evidence] = Field(default_factory=list)


class Event(Record):
    id: str
    event_type: str | None = None
    sub_event_type: str | None = None
    disorder_type: str | None = None
    attack_type: str | None = None
    weapon_type: str | None = None
    target_type: str | None = None
    plover: str | None = None
    date: DateValue | None = None
    place: PlaceValue | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc_actors: list[Actor] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    named_targets: list[NamedTarget] = Field(default_factory=list)
    weapons: list[Weapon] = Field(default_factory=list)
    fatalities: Count | None = None
    injuries: Count | None = None
    claimed: bool | None = Field(None, description="A group claimed responsibility.")
    mode: Mode = "asserted"
    main: bool = Field(False, description="The event the story reports, not background.")
    confidence: float = Field(0.5, ge=0, le=1)
    trigger: Evidence | None = Field(None, description="The words that name the event.")
    evidence: dict[str, list[Evidence]] = Field(
        default_factory=dict,
        description="Evidence for scalar fields (event_type, claimed, mode, ...), by field name.",
    )
    sources: list[str] = Field(default_factory=list, description="Attribution ids.")

    def field_evidence(self) -> list[tuple[str, Evidence]]:
        """Every (field, evidence) pair of this event, scalar and structured fields alike."""
        pairs = [(name, ev) for name, evs in self.evidence.items() for ev in evs]
        if self.trigger:
            pairs.append(("trigger", self.trigger))
        for name in ("date", "place", "actor1", "actor2", "fatalities", "injuries"):
            value = getattr(self, name)
            if value is not None:
                pairs.extend((name, ev) for ev in value.evidence)
        for name in ("assoc_actors", "targets", "named_targets", "weapons"):
            for value in getattr(self, name):
                pairs.extend((name, ev) for ev in value.evidence)
        return pairs


class Attribution(Record):
    id: str
    cue: str = Field(description="Reporting word: 'told', 'according to', 'citing' ...")
    speaker: str | None = None
    speaker_kind: str = Field(
        "unattributed",
        description="named, official, anonymous, witness, outlet, group, unattributed",
    )
    source: str | None = None
    source_kind: str | None = Field(
        None, description="wire, state agency, official, anonymous, social media"
    )
    supports: list[str] = Field(
        default_factory=list, description="Event ids this attribution supports."
    )
    evidence: Evidence


class FramingCue(Record):
    id: str
    text: str
    kind: str = Field(
        description="label, euphemism, scare_quote, so_called, intensifier, hedge; tagged (the"
        " learned tagger's span, not a lexicon term)"
    )
    technique: str | None = Field(None, description="SemEval-2020 Task 11 technique name.")
    polarity: Literal["negative", "positive", "neutral"] | None = Field(
        None, description="How the cue colours what it refers to."
    )
    refers_to: str | None = Field(None, description="Actor name or event id coloured by the cue.")
    where: Literal["text", "title"] = Field(
        "text", description="'title': the evidence offsets index the article title, not its text."
    )
    quoted: bool = Field(
        False, description="Inside a quotation: the quoted speaker's words, not the outlet's."
    )
    evidence: Evidence


class Outlet(Record):
    """Who published the story: from the feed, the dateline, a byline or the URL."""

    name: str = Field(description="Registry name, or the name as given when not in the registry.")
    kind: str | None = Field(
        None, description="wire, state agency, newspaper, broadcaster, partisan"
    )
    country_code: str | None = None
    state_affiliated: bool | None = None
    known: bool = Field(False, description="Found in sitrep's outlet registry.")
    found_by: Literal["feed", "dateline", "byline", "url"] = "feed"
    evidence: Evidence | None = Field(None, description="The dateline or byline words, if any.")


class ActorFraming(Record):
    """The labels one story uses for one actor or event."""

    refers_to: str = Field(description="Actor name, event id, or the words labelled.")
    labels: list[str] = Field(default_factory=list, description="Cue words, first use first.")
    techniques: list[str] = Field(default_factory=list)
    polarity: Literal["negative", "positive", "mixed", "neutral"] | None = None
    cues: list[str] = Field(default_factory=list, description="FramingCue ids.")


class FramingSummary(Record):
    """How one article words its story: labels per actor, unnamed sourcing, cue density."""

    outlet: str | None = None
    words: int = 0
    cues: int = Field(0, description="Framing cues in the outlet's own words (not in quotations).")
    quoted_cues: int = Field(0, description="Framing cues inside quotations.")
    cue_density: float = Field(0.0, description="Own-words framing cues per 1,000 words.")
    techniques: dict[str, int] = Field(default_factory=dict)
    actors: list[ActorFraming] = Field(default_factory=list)
    claims: int = Field(0, description="Attributions found (reported claims).")
    unnamed_claims: int = Field(0, description="Claims resting on anonymous or no stated source.")
    unnamed_share: float | None = Field(None, description="unnamed_claims / claims.")
    unsourced_events: list[str] = Field(
        default_factory=list, description="Asserted events no attribution supports."
    )


# PlaceMention relations naming a country elsewhere than the event: where its actors come
# from ("raiders from Sudan"), where someone fled afterwards ("fled into Somalia"), or a
# border, which has two sides ("near the Somali border").
ELSEWHERE_RELATIONS = ("origin", "destination", "border")


class PlaceMention(Record):
    """A toponym found in the text and resolved to a gazetteer entry."""

    value: PlaceValue
    role: Literal["place", "anchor", "demonym"] = "place"
    relation: str | None = Field(None, description="'near', 'north of', 'in', ... when stated.")


class Extraction(Record):
    """Everything the pipeline found in one article."""

    article: Article
    pipeline_version: str
    stages: list[str] = Field(default_factory=list)
    reference_date: dt.date | None = Field(None, description="Dateline or publication date.")
    events: list[Event] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    places: list[PlaceMention] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    framing: list[FramingCue] = Field(default_factory=list)
    outlet: Outlet | None = None
    framing_summary: FramingSummary | None = None
    notes: list[Note] = Field(default_factory=list)

    @model_validator(mode="after")
    def _link_sources(self) -> Extraction:
        """Each event lists the attributions whose ``supports`` name it (one link, kept once)."""
        backing: dict[str, list[str]] = {}
        for attribution in self.attributions:
            for event_id in attribution.supports:
                backing.setdefault(event_id, []).append(attribution.id)
        if backing:
            self.events = [
                event.model_copy(
                    update={"sources": list(dict.fromkeys([*event.sources, *backing[event.id]]))}
                )
                if event.id in backing
                else event
                for event in self.events
            ]
        return self

    @property
    def main_event(self) -> Event | None:
        return next((event for event in self.events if event.main), None)


class IncidentSource(Record):
    """One story's report of an incident: who published it, when, and in what words."""

    article_id: str
    event_id: str
    outlet: str | None = None
    published: dt.date | None = None
    title: str | None = None
    wording: Evidence | None = Field(
        None, description="The sentence that reports the event, in that article's text."
    )
    framing: list[FramingCue] = Field(
        default_factory=list, description="That story's framing cues on this event or its actors."
    )
    attributions: list[Attribution] = Field(
        default_factory=list, description="That story's sources for this event."
    )
    event_type: str | None = Field(None, description="The type this story gave the event.")
    sub_event_type: str | None = None
    disorder_type: str | None = None
    date: DateValue | None = Field(None, description="The date this story gave the event.")
    place: PlaceValue | None = Field(None, description="The place this story gave the event.")
    dateline_place: bool = Field(
        False,
        description="That place is the story's dateline (where it was filed), so it is"
        " matched and reconciled as a country only.",
    )
    actor1: Actor | None = None
    actor2: Actor | None = None
    named_targets: list[NamedTarget] = Field(
        default_factory=list, description="The people this story names as the event's targets."
    )
    fatalities: Count | None = None
    injuries: Count | None = None
    merged_events: list[str] = Field(
        default_factory=list,
        description="Other events of this story found to be the same happening (ids).",
    )
    similarity: float | None = Field(
        None,
        description="How closely this report matched the incident when it joined (0-1);"
        " null for the report that started the incident.",
    )


class Incident(Record):
    """One happening, reported by one or more stories; fields reconciled over the sources."""

    id: str
    event_type: str | None = None
    sub_event_type: str | None = None
    disorder_type: str | None = None
    date: DateValue | None = Field(None, description="The most precise date among the sources.")
    place: PlaceValue | None = Field(None, description="The most precise place among the sources.")
    actor1: Actor | None = None
    actor2: Actor | None = None
    named_targets: list[NamedTarget] = Field(
        default_factory=list, description="Every person a source names as a target, once."
    )
    fatalities: Count | None = Field(
        None, description="ACLED's conservative rule: the lowest best estimate the sources give."
    )
    injuries: Count | None = None
    sources: list[IncidentSource] = Field(default_factory=list)
    provenance: dict[str, str] = Field(
        default_factory=dict,
        description="For each reconciled field, the source it was taken from as"
        " 'article_id#event_id': that field's evidence offsets index that article's text.",
    )
