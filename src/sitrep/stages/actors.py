"""Actors stage: named groups, state forces and role words, normalised to canonical names."""

from __future__ import annotations

import re
from collections import Counter

from ..document import Document
from ..model import ELSEWHERE_RELATIONS, Actor, Evidence, PlaceMention
from ..registry import stage
from ..resources.actors import ActorEntry, country_names, load_actor_dictionary
from ..settings import Settings

_NAMES_WITH_THE = {
    "United States",
    "United Kingdom",
    "Philippines",
    "Netherlands",
    "Central African Republic",
    "Democratic Republic of the Congo",
    "Republic of the Congo",
    "United Arab Emirates",
    "Gambia",
}


def story_country(places: list[PlaceMention]) -> str | None:
    """The country the story is about: the most named one among places and demonyms."""
    # Not a country the places stage read as elsewhere ("raiders from Sudan").
    places = [mention for mention in places if mention.relation not in ELSEWHERE_RELATIONS]
    counts = Counter(mention.value.country_code for mention in places if mention.value.country_code)
    if not counts:
        return None
    best = max(counts.values())
    # On a tie, the country named first wins: leads name the scene first.
    for mention in places:
        if counts.get(mention.value.country_code) == best:
            return mention.value.country_code
    return None


def _nearest_demonym(places: list[PlaceMention], start: int, text_start: int) -> str | None:
    """Country of a demonym written right before a role word ("Kenyan police")."""
    for mention in places:
        if mention.role == "demonym" and mention.value.evidence:
            ev = mention.value.evidence[0]
            if 0 <= text_start - ev.end <= 1:
                return mention.value.country_code
    return None


# What stands between a named group and a role word of the same phrase ("Al Shabaab
# militants", "Taliban-fighters").
_SAME_PHRASE = re.compile(r"[ \t-]{1,2}")

# A community's name used for its town: "clashed with police in Kisii", "Meru University
# students" ("raiders from Samburu" are its people, as ACLED codes them).
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|outside|around|inside)\s+$", re.IGNORECASE)
_PLACE_AFTER = re.compile(
    r"\s+(?:university|town|county|district|market|road|highway|village|sub-?county|"
    r"constituency|hospital|police station|stadium|school|college|municipality|airport)\b",
    re.IGNORECASE,
)


def _names_a_place(
    doc: Document, places: list[PlaceMention], evidence: Evidence, start: int, end: int
) -> bool:
    """A community's name that the places stage found as a place and that the words around
    it use as one."""
    inside = any(
        own.start <= evidence.start and evidence.end <= own.end
        for mention in places
        if mention.role == "place"
        for own in mention.value.evidence
    )
    return inside and bool(
        _PLACE_BEFORE.search(doc.text, max(0, start - 12), start)
        or _PLACE_AFTER.match(doc.text, end)
    )


@stage("actors", reads={"text", "places"}, writes={"actors"})
class ActorStage:
    """Find actor names and aliases; fill role words with the story's country."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def _name(self, entry: ActorEntry, country_code: str | None) -> tuple[str, str | None]:
        if not entry.generic:
            return entry.canonical, entry.country_code
        if country_code is None:
            return entry.canonical.replace(" ({country})", "").replace(" of {country}", ""), None
        country = country_names().get(country_code, country_code)
        if " of {country}" in entry.canonical and country in _NAMES_WITH_THE:
            country = f"the {country}"  # "Military Forces of the United States"
        return entry.canonical.format(country=country), country_code

    def __call__(self, doc: Document) -> None:
        dictionary = load_actor_dictionary()
        places: list[PlaceMention] = doc.layer("places", [])
        focus = story_country(places)
        hits = dictionary.scan_story(doc.text, caseless=doc.all_caps)
        actors: list[Actor] = []
        named_end = -1  # where the last named (not role-word) actor ended
        for hit in hits:
            evidence = doc.evidence(hit.start, hit.end, mode="expand")
            if evidence is None:
                continue
            country = focus
            entry = hit.for_country(focus)
            if (
                entry.generic
                and named_end >= 0
                and _SAME_PHRASE.fullmatch(doc.text, named_end, hit.start)
            ):
                # "Al Shabaab militants", "Taliban fighters": the role word is the named
                # group's, not a second actor.
                continue
            if not entry.generic:
                named_end = hit.end
            if entry.kind == "identity_militia" and _names_a_place(
                doc, places, evidence, hit.start, hit.end
            ):
                continue
            if entry.generic:
                country = _nearest_demonym(places, hit.start, evidence.start) or focus
            name, country_code = self._name(entry, country)
            actors.append(
                Actor(
                    name=name,
                    text=evidence.text,
                    kind=entry.kind,
                    inter=entry.inter,
                    country_code=country_code,
                    evidence=[evidence],
                )
            )
        doc.set_layer("actors", actors, stage="actors")
