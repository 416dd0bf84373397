"""Where an event happened: the place among the event's own sentences, with its precision.

The events stage hands over the sentences that tell one event and the place mentions found
in the story; this module decides which place is the event's (not every place the story
names), and whether the event is at it or only near it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..document import Document
from ..model import Evidence, PlaceMention, PlaceValue
from ..resources.actors import country_names
from .actors import story_country

_SPECIFICITY = {"exact": 5, "near": 4, "admin2": 3, "admin1": 2, "country": 1}
# Words that put the event near its named place rather than in it. Compass directions are
# not here: "a base north of Baghdad" describes the anchor, not the event.
NEAR = re.compile(
    r"\b(?:near|nearby|close to|outside|outskirts of|on the edge of|fell short|vicinity of"
    r"|\d+\s*(?:km|kilometres?|kilometers?|miles?) (?:from|away))\b",
    re.IGNORECASE,
)


class PlaceCandidate(NamedTuple):
    """A place mention with its normalised-view start and its sentence index."""

    mention: PlaceMention
    start: int
    sentence: int


def choose_place(
    doc: Document,
    *,
    sentences: list[int],
    trigger_sentence: int,
    trigger_start: int,
    candidates: list[PlaceCandidate],
    all_places: list[PlaceMention],
) -> PlaceValue | None:
    """The event's place: the finest place named in its sentences, else a country named
    there, else the story's country marked as a default; None when the story names none."""
    inside = [candidate for candidate in candidates if candidate.sentence in sentences]
    places = [candidate for candidate in inside if candidate.mention.role == "place"]
    focus = story_country(all_places)
    if places:

        def rank(candidate: PlaceCandidate) -> tuple:
            value = candidate.mention.value
            return (
                # A country ("US soldiers") stands in only when nothing finer is named.
                value.precision == "country",
                value.country_code != focus,
                candidate.sentence != trigger_sentence,
                # A place named without a locative cue is often a government ("Washington said").
                candidate.mention.relation is None,
                -_SPECIFICITY.get(value.precision or "country", 0),
                abs(candidate.start - trigger_start),
            )

        chosen = min(places, key=rank)
        value = chosen.mention.value.model_copy(deep=True)
        relation = (chosen.mention.relation or "").lower()
        near_anchor = relation.startswith(("near", "outskirts")) or " of" in relation
        said_near = any(NEAR.search(doc.sentence_text(index)) for index in sentences)
        if value.precision == "exact" and (near_anchor or said_near):
            value.precision = "near"
            value.confidence = min(value.confidence, 0.8)
        return value
    countries = sorted(
        (candidate for candidate in inside if candidate.mention.value.country_code),
        key=lambda candidate: candidate.mention.value.country_code != focus,
    )
    if countries:
        value = countries[0].mention.value
        return country_place(value.country_code, value.evidence, default=False)
    if focus is None:
        return None
    return country_place(focus, [], default=True)


def country_place(code: str | None, evidence: list[Evidence], *, default: bool) -> PlaceValue:
    """A country-precision place; ``default`` when the story's country stands in for it."""
    name = country_names().get(code or "", code)
    return PlaceValue(
        name=name,
        country_code=code,
        country=name,
        precision="country",
        feature="country",
        default=default,
        confidence=0.5 if default else 0.7,
        evidence=evidence,
    )
