"""Places: find toponyms, demonyms and facilities, resolve them against the gazetteer.

``find`` scans the text for gazetteer keys and applies the guards (capitalisation, stop
words, person names, cue words in wire caps); ``annotate`` resolves each kept span to one
entry (story focus, co-mentioned first-level units, population) and reads the relation
cue before it ("in", "near", "north of", "10 km south of", "between").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ..document import Document
from ..model import PlaceMention, PlaceValue
from ..registry import stage
from ..resources import gazetteer as gz
from ..resources.actors import load_actor_dictionary
from ..resources.given_names import given_names
from ..resources.outlets import outlet_country
from ..resources.person_names import person_names
from ..resources.public_figures import figure_name_keys
from ..resources.word_towns import word_towns
from .place_rules import (
    ABROAD,
    ABROAD_AFTER,
    AIMED_AT_BEFORE,
    ALIAS_CITY_POPULATION,
    ALIAS_OUTWEIGHS,
    ALIAS_PENALTY,
    ARTICLE,
    BEARING,
    BORDER_AFTER,
    BORDER_BEFORE,
    BUILDING_AFTER,
    CAPITAL_AFTER,
    CUE_BEFORE,
    DATELINE,
    DATELINE_END,
    DATELINE_WEIGHT,
    DESTINATION_BEFORE,
    DIRECTION_WORDS,
    EVERYDAY_ZIPF,
    FLED_TO_BEFORE,
    FOCUS_CAP,
    FOLLOWING_WORD,
    FORCES_AFTER,
    FOREIGN_TOWN_POPULATION,
    FROM_HERE_BEFORE,
    GROUP_COUNTRY,
    HONORIFIC,
    HYPHEN_AFTER,
    HYPHEN_BEFORE,
    IN_OR_NEAR_BEFORE,
    INSIDE_BEFORE,
    INSTITUTION_AFTER,
    LAND_WORDS,
    LOCAL_AFTER,
    LOCAL_UNIT_AFTER,
    LOCAL_UNIT_PENALTY,
    LOCATED_AFTER,
    LOCATIVE_BEFORE,
    MONTH_OR_DAY,
    NAME_PREFIXES,
    NEXT_CAP,
    NEXT_WORD,
    NUMBERED_UNITS,
    ORGANISATION_ENDS,
    ORGANISATION_WORDS,
    ORIGIN_AFTER,
    ORIGIN_BEFORE,
    PERSON_LIKE,
    PLACE_FOLLOWERS,
    PLACE_NOUNS,
    POSSESSED,
    POSSESSIVE_GAP,
    PREV_CAP,
    PREVIOUS_WORDS,
    REGION_OF_AMERICAS,
    REL_BETWEEN,
    REL_DIR,
    REL_IN,
    REL_NEAR,
    REL_OFFSET,
    ROUTE_AFTER,
    SADAR,
    SADAR_TOWN,
    SPELLED_END,
    SPELLED_PLACE,
    SPELLING_SLACK,
    STREET_AFTER,
    STREETS_AFTER,
    THE_BEFORE,
    THE_CAPITAL,
    UNIT_AFTER,
    UNIT_BEFORE,
    UNIT_NUMBER_AFTER,
    WEAPON_AFTER,
    common_words,
    stop_words,
)
from .place_units import Located, attach_units, within_city


@dataclass(slots=True)
class Found:
    """A kept span with its candidate entries and the cues around it."""

    start: int
    end: int
    entries: list[gz.Entry]
    relation: str | None = None
    anchor_only: bool = False
    near: bool = False
    offset: tuple[float, float] | None = None
    unit_cue: bool = False
    local_cue: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


@stage("places", reads={"text", "sentences"}, writes={"places"})
class PlaceStage:
    """Toponyms, demonyms and facilities resolved to gazetteer entries with evidence."""

    def __init__(self, settings: Any = None) -> None:
        self.settings = settings.places
        self._common: frozenset[str] | None = None

    @property
    def gazetteer(self) -> gz.Gazetteer:
        return gz.load()

    def __call__(self, doc: Document) -> None:
        found = self.find(doc)
        doc.set_layer("places", self.annotate(doc, found), stage="places")

    # -- find ------------------------------------------------------------------------
    def find(self, doc: Document) -> list[Found]:
        """Candidate spans (normalised-view offsets), guarded and de-overlapped, in order."""
        if self._common is None:
            self._common = common_words()
        gazetteer = self.gazetteer
        text = doc.text
        view = gz.scan_view(text)
        caps_lines = _title_lines(text) if not doc.all_caps else []
        kept = []
        persons: set[str] = set()
        named: set[str] = set()  # read as part of a person's full name
        for start, end, value in gazetteer.scan(view):
            entries = gazetteer.postings(value)
            if HONORIFIC.search(view[max(0, start - 30) : start]):
                persons.add(view[start:end])
            if all(e.feature == gz.LOCAL_UNIT for e in entries) and not any(
                _local_unit_cues(view, start, end)
            ):
                continue  # a district or ward named with no cue: never kept (``_keep``)
            caps = doc.all_caps or any(a <= start < b for a, b in caps_lines)
            if " " not in view[start:end] and (
                self._personal(view, start, end)
                or (not caps and _after_given_name(text, start, end))
            ):
                named.add(view[start:end])
                continue
            entries = self._keep(text, view, start, end, entries, caps=caps)
            if entries:
                item = Found(start, end, entries)
                item.extra["key"] = gz.name_key(view[start:end])
                item.extra["directional"] = view[start:end].split(" ")[0] in DIRECTION_WORDS
                if not caps and " " not in view[start:end]:
                    item.extra["in_name"] = self._in_proper_name(text, start, end, entries)
                elif not caps:
                    # "St. Gabriel's Secondary School", "the Al-Jaza'ir Mosque": a longer
                    # name, or one with its possessive, that a building's name goes on with
                    item.extra["in_name"] = bool(INSTITUTION_AFTER.match(text, end))
                item.extra["attributive"] = _attributive(view, end) or self._possessor(view, end)
                item.extra["abroad"] = bool(ABROAD_AFTER.match(view, end))
                item.extra["forces"] = bool(FORCES_AFTER.match(view, end))
                item.extra["located"] = bool(LOCATED_AFTER.match(view, end))
                kept.append(item)
        # Once a person, always a person: "President Duarte" ... "DUARTE SAID" is no town;
        # after "ARTURO RIVERA Y DAMAS", "RIVERA SAID" is no department either, unless a
        # unit word says so ("Rivera department").
        kept = [
            item
            for item in kept
            if (
                view[item.start : item.end] not in persons
                or any(e.kind not in (gz.CITY, gz.ADMIN2) for e in item.entries)
            )
            and (
                view[item.start : item.end] not in named
                or UNIT_AFTER.match(view[item.end : item.end + 16])  # "^" needs the slice
            )
        ]
        kept = _outside_group_names(doc, kept)
        kept += self._capitals(doc, view, kept)
        kept.sort(key=lambda f: (f.start - f.end, f.start))
        taken = bytearray(len(text) + 1)
        chosen = []
        for item in kept:
            if not any(taken[item.start : item.end]):
                taken[item.start : item.end] = b"\x01" * (item.end - item.start)
                chosen.append(item)
        if not doc.all_caps:
            chosen += self._spelled(doc, chosen, taken)
        chosen.sort(key=lambda f: f.start)
        for item in chosen:
            self._cues(doc, view, item)
        return chosen

    def _capitals(self, doc: Document, view: str, kept: list[Found]) -> list[Found]:
        """A capital named by its role: "the Iraqi capital" or "Kenya's capital" is that
        country's capital city (over the words from the country's name to "capital");
        "in the capital", with no name after it, the capital of a country the story names
        (its dateline's, or its outlet's), which the resolver chooses by the story's focus."""
        found = []
        named: set[str] = set()
        for item in kept:
            codes = {e.country_code for e in item.entries if e.kind in (gz.COUNTRY, gz.DEMONYM)}
            if DATELINE.match(doc.original[: item.start]):
                named |= {e.country_code for e in item.entries}
            named |= codes
            match = CAPITAL_AFTER.match(view, item.end)
            if len(codes) != 1 or match is None:
                continue
            demonym = all(e.kind == gz.DEMONYM for e in item.entries)
            if demonym and not THE_BEFORE.search(view, max(0, item.start - 4), item.start):
                continue  # "Iraqi capital flight"; "the Iraqi capital" names the city
            found += self._capital_of(view, item.start, match.end(), codes)
        home = outlet_country(doc.article.outlet if doc.article else None)
        for match in THE_CAPITAL.finditer(doc.text):  # the case of what follows counts
            if not any(item.start <= match.start() < item.end for item in found):
                found += self._capital_of(view, match.start(), match.end(), named | {home})
        return found

    def _capital_of(self, view: str, start: int, end: int, codes: set[str | None]) -> list[Found]:
        """The span as the capital city of one of ``codes`` (none when none has one)."""
        capitals = [self.gazetteer.capital(code) for code in sorted(filter(None, codes))]
        entries = [entry for entry in capitals if entry is not None]
        if not entries or DESTINATION_BEFORE.search(view, max(0, start - 30), start):
            return []
        town = Found(start, end, entries)
        town.extra.update(
            key=gz.name_key(entries[0].name) if len(entries) == 1 else None,
            directional=False,
            attributive=_attributive(view, end),
            abroad=bool(ABROAD_AFTER.match(view, end)),
        )
        return [town]

    def _spelled(self, doc: Document, chosen: list[Found], taken: bytearray) -> list[Found]:
        """Towns of the story's countries named in a place's slot that the scan passed over:
        a spelling no key holds ("in Mahmoudiya" is Al Mahmudiyah), found by the consonants
        of the name, or a name the guards took for a common word ("FRANCE. ... killed in
        Nice when a bomb exploded")."""
        countries = {  # the countries the story names, itself or by its provinces
            entry.country_code
            for item in chosen
            for entry in item.entries
            if entry.kind in (gz.COUNTRY, gz.DEMONYM, gz.ADMIN1)
        }
        found = []
        for match in SPELLED_PLACE.finditer(doc.text):
            group = 1 if match.group(1) else 2
            start, end = match.span(group)
            name = match.group(group)
            key = gz.name_key(name)
            known = key in self.gazetteer.index or key in gz.STOP_KEYS
            if any(taken[start:end]) or (key in self._common and not known):
                continue
            unit_named = group == 1 and bool(LOCAL_UNIT_AFTER.match(doc.text, end))
            if group == 1 and not SPELLED_END.match(doc.text, end) and not unit_named:
                continue
            if MONTH_OR_DAY.fullmatch(key) or load_actor_dictionary().scan(name):
                continue  # "in May"; "in Hamas", "at Mungiki": a group, not a town
            if known and unit_named:
                continue  # "in Hawija district": read with its unit
            if known:
                towns = self.gazetteer.lookup(name) + self.gazetteer.guarded_towns(name)
                towns = [e for e in towns if e.kind == gz.CITY]
            else:
                written = len(ARTICLE.sub("", key))
                towns = [
                    entry
                    for entry in self.gazetteer.spelled_like(name)
                    if abs(len(ARTICLE.sub("", gz.name_key(entry.name))) - written)
                    <= SPELLING_SLACK
                ]
                # a town before a district of the name ("in Mahmoudiya")
                towns = [e for e in towns if e.kind == gz.CITY] or towns
            if countries:
                towns = [entry for entry in towns if entry.country_code in countries]
                if not known:
                    towns = _in_named_regions(towns, chosen)
            elif chosen:
                towns = []  # other places named, none of them a country: no guess
            else:
                # a story that names no place: the groups' countries, or else a spelling
                # all of whose towns are in one country ("in Hawija")
                towns = _one_country(towns, _group_countries(doc))
            if towns:
                item = Found(start, end, towns)
                item.extra["key"] = key
                taken[start:end] = b"\x01" * (end - start)
                found.append(item)
        return found

    def _keep(
        self, text: str, view: str, start: int, end: int, entries: list[gz.Entry], *, caps: bool
    ) -> list[gz.Entry]:
        """The entries a span may still mean after the guards (empty: not a place here)."""
        key = view[start:end]
        surface = text[start:end]
        before = view[max(0, start - 30) : start]
        after = view[end : end + 14]
        if HONORIFIC.search(before) or WEAPON_AFTER.match(view, end, end + 14):
            return []
        if key in NUMBERED_UNITS and UNIT_NUMBER_AFTER.match(view, end):
            return []  # "Ward 5 of Kandahar": a numbered unit, not Ward, Arkansas
        if not caps and STREET_AFTER.match(text, end, end + 12):
            return []
        if (streets := STREETS_AFTER.match(text, end, end + 50)) and all(
            # wire caps are read lower-cased: there, no common word
            word.lower() not in self._common if caps else word[:1].isupper()
            for word in streets.group(1).split()
        ):
            return []  # "between San Diego and Arturo Prat streets"; not "and barricade roads"
        if not caps and self._hyphenated(text, start, end):
            # a town or unit only: "Iraqi-Syrian border", "Nepal-Maoists" keep their country
            entries = [e for e in entries if e.kind not in (gz.CITY, gz.ADMIN1, gz.ADMIN2)]
            if not entries:
                return []
        if key in gz.ACRONYMS:
            return entries if not caps and surface.isupper() else []
        first, _, rest = surface.partition(" ")
        if (
            not caps
            and not surface[:1].isupper()
            and not surface[:1].isdigit()
            and not (first.lower() in DIRECTION_WORDS and rest[:1].isupper())  # "western Negev"
        ):
            return []
        if not caps and len(surface) <= 5 and surface.isupper():
            # "UN", "ODM": an acronym, not the town of Un; "CHILE." is still the country
            entries = [e for e in entries if e.kind == gz.COUNTRY and len(surface) >= 4]
            if not entries:
                return []
        one_word = " " not in key
        unit_cue = bool(UNIT_AFTER.match(after) or UNIT_BEFORE.search(before))
        cue = bool(unit_cue or CUE_BEFORE.search(before) or LOCAL_AFTER.match(after))
        if key in PERSON_LIKE and not caps:
            nxt = text[end : end + 2]
            if nxt[:1] == " " and nxt[1:2].isupper() and not unit_cue:
                return []
        placed = unit_cue or bool(LOCATIVE_BEFORE.search(before))
        if key in figure_name_keys() and not placed:
            return []  # "the failure of Kibaki": a president, not the village of Kybaky
        if not placed:
            # "Gare ethnic group attacks ...": a group of the actor dictionary, so named,
            # is of its own country, not a town abroad (Gare, France); "Turkana" stays Kenyan
            group = _group_country(surface, caps=caps)
            if group is not None:
                # nor a town of its own country: "Kikuyu youths attack civilians" names the
                # community, not the town of Kikuyu; its county may still be meant
                entries = [e for e in entries if e.country_code == group and e.kind != gz.CITY]
                if not entries:
                    return []
        common = one_word and key in self._common
        words = word_towns()
        threshold = self.settings.caps_population if caps else self.settings.weak_population
        kept = []
        for entry in entries:
            if entry.feature == gz.LOCAL_UNIT:
                # A district or ward known by its centre: only where the text puts
                # something in it or names its unit ("in Likuyani", "Balambala
                # sub-county"); named by an English word, only with its unit word.
                named_unit, locative = _local_unit_cues(view, start, end)
                ok = not common and (named_unit or (locative and key not in words))
            elif entry.kind == gz.CITY:
                if common:
                    # A stop word is a town only with a unit word: "Same district" (in
                    # Tanzania), never "near to the residence".
                    ok = (
                        cue
                        and entry.population >= self.settings.weak_population
                        and (key not in gz.STOP_KEYS)
                        and (unit_cue or LOCAL_AFTER.match(after) or key not in stop_words())
                    )
                elif one_word and entry.population < self.settings.caps_population and key in words:
                    # "WHICH IS AT WAR", "IN ENGLISH": a small town named by an everyday
                    # word needs a locative cue, in wire caps the most frequent words a
                    # unit word; so do "Orange youths", "trial of Christian missionaries".
                    ok = unit_cue or bool(LOCAL_AFTER.match(after))
                    if not caps:
                        ok = ok or bool(LOCATIVE_BEFORE.search(before))
                    elif words[key] < EVERYDAY_ZIPF:
                        ok = ok or bool(IN_OR_NEAR_BEFORE.search(before))
                else:
                    ok = (not one_word and not caps) or cue or entry.population >= threshold
            elif entry.kind in (gz.ADMIN1, gz.ADMIN2):
                ok = unit_cue or not common
            else:
                ok = not (caps and key in self._common and key not in gz.STOP_KEYS)
                if key.startswith("american") and REGION_OF_AMERICAS.search(before):
                    ok = False  # "the Central American University": not of the US
            if ok:
                kept.append(entry)
        return kept

    def _hyphenated(self, text: str, start: int, end: int) -> bool:
        """Is the name one half of a hyphenated name whose other half is no place
        ("Urus-Martanovskiy"; "the Lamu-Garissa border" names two places, "Al-Kut" one)?"""
        after = HYPHEN_AFTER.match(text, end, end + 40)
        before = HYPHEN_BEFORE.search(text, max(0, start - 40), start)
        partner = after or before
        if partner is None or ROUTE_AFTER.match(text, after.end() if after else end):
            return False  # "the Qarni-Netzarim road": two places, whatever the first is
        word = partner.group(1).lower()
        return word not in NAME_PREFIXES and not self.gazetteer.lookup(word)

    def _personal(self, view: str, start: int, end: int) -> bool:
        """Is the one-word name part of a person's name (our common given and family names;
        only spaces may part the words: "Rivera, Salto and Artigas" are places)?

        It is when it follows a given name ("LUIS GABRIEL CANO") or a name and "y"
        ("RIVERA Y DAMAS"), or is itself a common name beside another ("ROBERTO ARMANDO
        RIVERA", "MODESTO RAMIREZ"); or a given name before "de" ("ORLANDO DE SOLA") or
        before a word that is neither common, nor a place, nor a place noun ("HECTOR
        OQUELI").
        """
        names = person_names()
        key = view[start:end]
        before = PREVIOUS_WORDS.search(view, max(0, start - 40), start)
        previous = before.group(0).split() if before else []
        after = FOLLOWING_WORD.match(view, end, end + 30)
        following = after.group(1) if after else None
        if previous and names.get(previous[-1]) == "given":
            return True
        if previous[-2:-1] and previous[-1] == "y" and previous[-2] in names:
            return True
        if key not in names:
            return False
        if (previous and previous[-1] in names) or following in names:
            return True
        return (
            names[key] == "given"
            and following is not None
            and (
                following in ("de", "del")
                or not (
                    following in (self._common or ())
                    or following in PLACE_NOUNS
                    or following.isdigit()
                    or self.gazetteer.lookup(following)
                )
            )
        )

    def _possessor(self, view: str, end: int) -> bool:
        """Is the name the owner of who or what follows ("Panama's archbishop", "Kenya's
        interior minister")? Then it tells who. Not when a place or a part of the land follows
        ("Iraq's Anbar province", "Kenya's north", "Kenya's coastal county of Lamu")."""
        match = POSSESSED.match(view, end)
        if match is None:
            return False
        word = match.group(1)
        return not (
            word in PLACE_NOUNS
            or word in DIRECTION_WORDS
            or word in LAND_WORDS
            or self.gazetteer.lookup(word)
        )

    def _in_proper_name(self, text: str, start: int, end: int, entries: list[gz.Entry]) -> bool:
        """Is text[start:end] one word of a longer capitalised name ("Claudia Isabel
        Escolar", "Maili Saba", "the Belle Vista Club"; "Bank of Boston" is not: "of" breaks
        it)? Two names side by side are two places only when the second can hold the first
        ("Witu Lamu County")."""
        key = gz.name_key(text[start:end])
        if key in ORGANISATION_ENDS and PREV_CAP.search(text, max(0, start - 30), start):
            return True
        small = (
            max(  # a large town is known by its own name, not by an alternate one
                (e.population for e in entries if e.kind == gz.CITY and gz.is_named(e, key)),
                default=0,
            )
            < self.settings.caps_population
        )
        if match := NEXT_CAP.match(text[end : end + 30]):
            word = match.group(1).lower()
            if word in ORGANISATION_WORDS or (
                word not in PLACE_NOUNS
                and word not in self._common
                and not _may_hold(self.gazetteer.lookup(word), entries)
            ):
                return True
        if (small or BUILDING_AFTER.match(text, end)) and (
            match := PREV_CAP.search(text[max(0, start - 30) : start])
        ):
            word = match.group(1).lower()
            if (
                word not in self._common
                and word not in DIRECTION_WORDS
                and word not in PLACE_NOUNS
                and not _may_hold(entries, self.gazetteer.lookup(word))
            ):
                return True
        return False

    def _cues(self, doc: Document, view: str, item: Found) -> None:
        sentence = doc.sentences[doc.sentence_of(item.start)] if doc.sentences else (0, 0)
        before = view[max(sentence[0], item.start - 60) : item.start]
        after = view[item.end : item.end + 14]
        item.unit_cue = bool(UNIT_BEFORE.search(before) or UNIT_AFTER.match(after))
        item.local_cue = bool(LOCAL_AFTER.match(after))
        item.extra["sadar"] = bool(SADAR.match(after))
        if match := REL_OFFSET.search(before):
            distance = float(match.group(1).replace(",", "."))
            unit = match.group(2)
            if unit.startswith("mi"):
                distance *= 1.609
            direction = re.sub(r"\s|ern$", "", match.group(3))
            item.relation = " ".join(match.group(0).split()).removesuffix(" the").strip()
            item.near, item.offset = True, (distance, BEARING.get(direction, 0.0))
            item.extra["span"] = (item.start - len(before) + match.start(), item.end)
        elif match := REL_DIR.search(before):
            item.relation = re.sub(r"\s+", " ", match.group(1)) + " of"
            item.anchor_only = True
        elif match := REL_NEAR.search(before):
            if BUILDING_AFTER.match(view, item.end):
                item.relation = "at"  # "near Dhaka university": at a building of the town
            else:
                item.relation = "near" if match.group(1).startswith("near") else match.group(1)
                item.near = True
        elif REL_BETWEEN.search(before):
            item.relation = "between"
        elif match := REL_IN.search(before):
            item.relation = match.group(1)
        if any(e.kind in (gz.COUNTRY, gz.DEMONYM) for e in item.entries):
            if (ORIGIN_AFTER.match(view, item.end) and not item.extra.get("located")) or (
                ORIGIN_BEFORE.search(before) and not FROM_HERE_BEFORE.search(before)
            ):
                item.relation = "origin"
            elif FLED_TO_BEFORE.search(before):
                item.relation = "destination"
            elif (
                BORDER_AFTER.match(view, item.end) and not INSIDE_BEFORE.search(before)
            ) or BORDER_BEFORE.search(before):
                item.relation = "border"

    # -- annotate --------------------------------------------------------------------
    def annotate(self, doc: Document, found: list[Found]) -> list[PlaceMention]:
        """Resolve each span to one entry and build its mention, in text order."""
        gazetteer = self.gazetteer
        focus: Counter[str] = Counter()
        units: dict[tuple[str, str], set[int]] = {}
        forces: list[Found] = []
        for item in found:
            if item.extra.get("directional") or item.relation in ABROAD:
                continue
            nationality = all(e.kind in (gz.COUNTRY, gz.DEMONYM) for e in item.entries)
            if item.extra.get("abroad") and nationality:
                continue  # "Turkish truck drivers": people abroad are no sign of the country
            if item.extra.get("forces") and nationality:
                forces.append(item)  # counted below, unless a place named says otherwise
                continue
            kinds = {e.kind for e in item.entries}
            # A unit's name is a sign of its country unless a large town abroad has it too:
            # "Santiago" (a province of the Dominican Republic, and Chile's capital).
            codes = {
                e.country_code
                for e in item.entries
                if e.kind != gz.CITY and e.feature != gz.LOCAL_UNIT
            }
            towns = {
                e.country_code
                for e in item.entries
                if e.kind == gz.CITY and e.population >= self.settings.admin1_over_city
            }
            if kinds & {gz.COUNTRY, gz.DEMONYM, gz.FACILITY} or (
                len(codes) == 1 and towns <= codes
            ):
                focus.update(codes)
            for e in item.entries:
                if e.kind == gz.ADMIN1 and e.admin1:
                    units.setdefault((e.country_code, e.admin1), set()).add(item.start)
        # Forces of a country ("US troops", "Israeli forces") fight abroad as often as at
        # home: a sign of the story's country unless the places the text names are of
        # others, and then a nationality, as "the Iranian consulate in Kandahar" is.
        for item in forces:
            if focus and not {e.country_code for e in item.entries} & set(focus):
                item.extra["abroad"] = True
            else:
                focus.update(e.country_code for e in item.entries)
        home = outlet_country(doc.article.outlet if doc.article else None)
        if home:
            focus[home] += 1
        for item in found:
            # The original text: in wire caps ``doc.text`` is lower-cased, and a dateline is
            # read by its capitals ("MADRID (SPAIN), 28 AUG").
            if DATELINE.match(doc.original[: item.start]) and DATELINE_END.match(
                doc.original[item.end : item.end + 3]
            ):
                # "CHILE.  A bomb ...", "LIMA, 8 MAY 89 ...", "MADRID (SPAIN), ...": the
                # story's country, named first.
                item.relation = "dateline"
                # the next sentence's first word qualifies nothing: "URUGUAY.  Argentine-born"
                item.extra["attributive"] = item.extra["abroad"] = False
                codes = {e.country_code for e in item.entries if e.kind == gz.COUNTRY}
                focus.update({code: DATELINE_WEIGHT for code in codes})
                city = max(item.entries, key=lambda e: e.population)
                if not codes and city.population >= self.settings.caps_population:
                    focus[city.country_code] += 1  # "SAN SALVADOR, 12 DEC 89": where filed
        # The countries of the groups the story names break ties between namesake towns
        # (ETA's "Vitoria" is in Spain), and stand for the story's country when nothing else names
        # one. Not more: Hamas fires at Sderot, in Israel.
        groups = _group_countries(doc)
        # Groups stand for the story's country only when nothing else names one, and then
        # give way to a district or ward named as written in one country: Al Shabaab's
        # "hideout in Bamburi" is in Mombasa, not Somalia.
        focus_of_groups = not focus
        if focus_of_groups:
            focus.update(groups)
        located: list[Located] = []
        for item in found:
            # A local unit only in a country the story is about (143,000 district and ward
            # names would otherwise name a place in every story), and never before a place
            # of another such country, or a large town, bearing the name: "SAN SALVADOR" is
            # the capital even in a story that names the US more.
            rivals = {
                e.country_code
                for e in item.entries
                if e.feature != gz.LOCAL_UNIT
                and (
                    focus[e.country_code]
                    or (  # a large town so named: "SAN SALVADOR" (not Birgunj for "Birganj")
                        e.population >= self.settings.caps_population
                        and gz.is_named(e, item.extra.get("key"))
                    )
                )
            }
            item.entries = [
                e
                for e in item.entries
                if e.feature != gz.LOCAL_UNIT
                or (focus[e.country_code] and not rivals - {e.country_code})
                or (focus_of_groups and self._sole_unit(item))
            ]
            if not item.entries:
                continue
            if item.extra.get("in_name"):
                # "Asker Abrekov", "Virginia Nyaiko": a town abroad inside a person's name;
                # a town of the story's country keeps its reading ("Bungoma High School").
                item.entries = [
                    e
                    for e in item.entries
                    if e.kind not in (gz.CITY, gz.ADMIN1, gz.ADMIN2) or focus[e.country_code]
                ]
                if not item.entries:
                    continue
            # A weak focus (one mention) gives way to a locative cue: "bomb in Stewartstown"
            # in a story whose only other country is "Royal Ulster Constabulary".
            strong = max(focus.values(), default=0) >= 2 or not LOCATIVE_BEFORE.search(
                doc.text[max(0, item.start - 12) : item.start].lower()
            )
            # Fire aimed across a border names the town it falls on: "fired a Qassam rocket
            # at Sederot" in a story about Palestinian militants.
            aimed = AIMED_AT_BEFORE.search(doc.text[max(0, item.start - 60) : item.start].lower())
            if focus and strong and not aimed and self._foreign_town(item, focus):
                doc.note(
                    "places.outside_focus",
                    "places",
                    f"'{doc.text[item.start : item.end]}' is only known as a small town, or as "
                    f"another name of a town, outside the story's countries "
                    f"({', '.join(sorted(focus))}); not taken as a place.",
                    span=(item.start, item.end),
                )
                continue
            entry, confidence = self._resolve(item, focus, units, groups)
            if (
                item.extra.get("directional")
                and entry.kind in (gz.CITY, gz.ADMIN1, gz.ADMIN2)
                and not focus[entry.country_code]
                and (focus or len({e.country_code for e in item.entries}) > 1)
            ):
                # "Western province" of a country the story is not about, or of one of
                # several when it names none ("central Algiers" has one reading)
                continue
            codes = {e.country_code for e in item.entries}
            if len(codes) > 1 and not focus[entry.country_code]:
                doc.note(
                    "places.ambiguous",
                    "places",
                    f"'{doc.text[item.start : item.end]}' names places in {len(codes)} "
                    f"countries; chose {entry.country_code} by population.",
                    span=(item.start, item.end),
                )
            mention = self._mention(doc, gazetteer, item, entry, confidence)
            located.append(Located(item.start, item.end, entry, mention))
        located = attach_units(doc, located, common=self._common or frozenset())
        for item in located:
            value = item.mention.value
            if (
                item.entry is not None
                and item.entry.town
                and (
                    (
                        item.entry.kind == gz.CITY
                        and value.feature == "city"
                        and value.precision == "exact"
                    )
                    or item.entry.feature == gz.QUARTER  # near a quarter is in its town too
                )
            ):
                item.mention.value = within_city(value, item.entry.town)
        for town, part in pairwise(located):
            # "at Jerusalem's Gilo neighborhood": the town tells which part; the part is
            # where, with the town's cue
            if (
                part.mention.value.feature == "city part"
                and town.mention.value.name == part.mention.value.anchor
                and POSSESSIVE_GAP.fullmatch(doc.text, town.end, part.start)
            ):
                part.mention.relation = part.mention.relation or town.mention.relation
                town.mention.role, town.mention.relation = "anchor", "parent"
        return [item.mention for item in located]

    @staticmethod
    def _sole_unit(item: Found) -> bool:
        """Does the name, cued as a place, read only as local units of one country, each
        so named as written? In a story that names no country ("A policeman was kidnapped
        in Budgam."), that country's unit is the place: there is no other reading."""
        key = item.extra.get("key")
        return (
            all(e.feature == gz.LOCAL_UNIT and gz.is_named(e, key) for e in item.entries)
            and len({e.country_code for e in item.entries}) == 1
        )

    @staticmethod
    def _foreign_town(item: Found, focus: Counter[str]) -> bool:
        """Only towns abroad, each small or named here by one of its alternate names only
        ("MARIA JULIA HERNANDEZ" in a San Salvador story is not Plovdiv, once Julia): with
        the story's country known, not a place here."""
        key = item.extra.get("key")
        return all(
            e.kind in (gz.CITY, gz.ADMIN2)
            and not focus[e.country_code]
            and (
                e.population < FOREIGN_TOWN_POPULATION
                # a large city's old or foreign name is still its name: "Bombay", "Kiev"
                or (not gz.is_named(e, key) and e.population < ALIAS_CITY_POPULATION)
            )
            for e in item.entries
        )

    def _resolve(
        self,
        item: Found,
        focus: Counter[str],
        units: dict[tuple[str, str], set[int]],
        groups: set[str],
    ) -> tuple[gz.Entry, float]:
        best_city = max((e.population for e in item.entries if e.kind == gz.CITY), default=0)
        key = item.extra.get("key")
        named_towns = {e.id for e in item.entries if e.kind == gz.CITY and gz.is_named(e, key)}
        named_population = max(
            (e.population for e in item.entries if e.id in named_towns), default=0
        )
        named_focus = {
            e.country_code: min(focus[e.country_code], FOCUS_CAP)
            for e in item.entries
            if e.id in named_towns and focus[e.country_code]
        }

        # a country where a town and a unit both bear the name as written: "Bethlehem" (the
        # town and its governorate) is not Belem, Brazil, which lists it as another name
        named_twice = {e.country_code for e in item.entries if e.id in named_towns} & {
            e.country_code
            for e in item.entries
            if e.kind in (gz.ADMIN1, gz.ADMIN2) and e.feature != gz.LOCAL_UNIT
        }

        # countries with a first-level unit named as written: "Antioquia" (Colombia's
        # department) is not Antakya, Turkey, which lists it among its other names
        units_named = {
            e.country_code for e in item.entries if e.kind == gz.ADMIN1 and gz.is_named(e, key)
        }

        def named_abroad(entry: gz.Entry) -> bool:
            """Is a town so named in another country the story is about at least as much?"""
            own = min(focus[entry.country_code], FOCUS_CAP)
            return any(n >= own for code, n in named_focus.items() if code != entry.country_code)

        # the name is itself a group's, read without case as acronyms are not group names
        names_a_group = bool(groups) and _group_country(key or "", caps=True) is not None
        in_named_province = {
            e.id
            for e in item.entries
            if units.get((e.country_code, e.admin1), set()) - {item.start}
        }

        def score(entry: gz.Entry) -> float:
            value = 10.0 * min(focus[entry.country_code], FOCUS_CAP)
            if (
                entry.kind == gz.CITY
                and entry.country_code in groups
                # never over a province the text names: "Sherpur upazila (Bogra, Rajshahi)"
                and (not in_named_province or entry.id in in_named_province)
                and not item.unit_cue
                and not names_a_group  # "in Samburu": the county before the town
            ):
                value += GROUP_COUNTRY
            # a first-level unit named elsewhere in the story ("Alishing district, Laghman")
            province_named = entry.id in in_named_province
            value += 4.0 if province_named else 0.0
            if entry.kind in (gz.FACILITY, gz.DEMONYM, gz.COUNTRY):
                value += 40.0
            elif entry.kind == gz.ADMIN1:
                value += 8.0 if item.unit_cue else -8.0 if item.local_cue else 0.0
                value += 2.0 if best_city < self.settings.admin1_over_city else -2.0
            elif entry.kind == gz.ADMIN2:
                value += 1.0 if item.local_cue else -1.0
                if entry.feature == gz.LOCAL_UNIT and not province_named:
                    value -= LOCAL_UNIT_PENALTY  # a town or unit of the name comes first
            if entry.kind == gz.CITY and item.extra.get("sadar"):
                value += SADAR_TOWN  # the headquarters town of "X Sadar", not the district
            if (
                entry.kind == gz.CITY
                and entry.id not in named_towns
                and (
                    entry.population < ALIAS_OUTWEIGHS * named_population
                    or named_abroad(entry)
                    or named_twice - {entry.country_code}
                    or units_named - {entry.country_code}
                )
            ):
                # a town that only lists the word among its alternate names gives way to a
                # town of a like size named as written: "Yala" is the Thai town before it
                # is Patan, Nepal (but "San Sebastian" is Donostia, not a village so named);
                # and, whatever its size, to a town so named in a country the story is
                # about as much: "SAN MIGUEL" in a Salvadoran story is not San Diego
                value -= ALIAS_PENALTY
            return value + math.log10(entry.population + 1) / 2

        ranked = sorted(item.entries, key=lambda e: (-score(e), e.id))
        confidence = 0.9 if len(ranked) == 1 or score(ranked[0]) - score(ranked[1]) >= 5 else 0.6
        return ranked[0], confidence

    def _mention(
        self,
        doc: Document,
        gazetteer: gz.Gazetteer,
        item: Found,
        entry: gz.Entry,
        confidence: float,
    ) -> PlaceMention:
        precision = {
            gz.COUNTRY: "country",
            gz.DEMONYM: "country",
            gz.ADMIN1: "admin1",
            gz.ADMIN2: "admin2",
        }.get(entry.kind, "exact")
        if entry.kind == gz.FACILITY and entry.feature in ("border", "region"):
            precision = "admin1"
        elif entry.kind == gz.FACILITY and entry.feature == "district":
            precision = "admin2"
        lat, lon = entry.lat, entry.lon
        anchor = None
        if item.near or item.anchor_only:
            anchor = entry.name
        if entry.kind == gz.FACILITY and entry.town:
            anchor = entry.town  # an airport is told by its town, at it or near it
        if item.near and precision == "exact":
            precision = "near"
        if item.offset and lat is not None and lon is not None:
            distance, bearing = item.offset
            lat, lon = _move(lat, lon, distance, bearing)
            precision = "near"
        country = gazetteer.country_names.get(entry.country_code)
        evidence = [
            doc.evidence(item.start, item.end) or doc.evidence(item.start, item.end, mode="expand")
        ]
        if "span" in item.extra:  # the whole relative expression: "10 km south of Kabul"
            evidence.append(doc.evidence(*item.extra["span"], mode="expand"))
        value = PlaceValue(
            name=country if entry.kind == gz.DEMONYM else entry.name,
            country_code=entry.country_code,
            country=country,
            admin1=entry.admin1,
            admin2=entry.admin2,
            lat=None if lat is None else round(lat, 5),
            lon=None if lon is None else round(lon, 5),
            precision=precision,
            feature=gz.feature_of(entry),
            anchor=anchor,
            confidence=confidence,
            evidence=[ev for ev in evidence if ev],
        )
        role = (
            "demonym"
            if (
                entry.kind == gz.DEMONYM
                or (entry.kind == gz.COUNTRY and item.extra.get("attributive"))
            )
            and not item.extra.get("located")
            else "anchor"
            if item.anchor_only
            else "place"
        )
        relation = item.relation
        if role == "demonym" and item.extra.get("abroad"):
            relation = "nationality"  # "the Iranian consulate in Kandahar": people abroad
        return PlaceMention(value=value, role=role, relation=relation)


def _group_countries(doc: Document) -> set[str]:
    """The countries of the armed groups, parties and forces the story names."""
    return {
        hit.entry.country_code
        for hit in load_actor_dictionary().scan_story(doc.text, caseless=doc.all_caps)
        if hit.entry.country_code and hit.entry.kind not in ("external", "generic")
    }


def _one_country(towns: list[gz.Entry], groups: set[str]) -> list[gz.Entry]:
    """The towns a spelling can mean in a story that names no place: those of the groups'
    countries when it names groups, else all of them when they are in one country ("in
    Hawija": Al Hawijah, Iraq); none when countries differ."""
    if groups:
        return [entry for entry in towns if entry.country_code in groups]
    return towns if len({entry.country_code for entry in towns}) == 1 else []


# A capitalised word right before a one-word name: "Florence Aubenas".
GIVEN_BEFORE = re.compile(r"\b([A-Z][a-z]+) $")


def _after_given_name(text: str, start: int, end: int) -> bool:
    """Does a capitalised given name stand right before the name ("Florence Aubenas", a
    French reporter, not the town of Aubenas)? Not an Arabic prefix ("Tal Afar")."""
    match = GIVEN_BEFORE.search(text, max(0, start - 20), start)
    if match is None or INSTITUTION_AFTER.match(text, end):
        return False  # "St Mathias Busia Boys Secondary School" is in Busia
    word = match.group(1).lower()
    return word in given_names() and word not in NAME_PREFIXES


def _in_named_regions(towns: list[gz.Entry], chosen: list[Found]) -> list[gz.Entry]:
    """Of towns found by their consonants alone, those in a first-level unit the story names
    in their country, where it names one ("a camp at Mlango, 30 km from Isiolo" is not
    Mlolongo, 250 km off); all of them where it names none there."""
    regions = {
        (entry.country_code, entry.admin1)
        for item in chosen
        for entry in item.entries
        if entry.kind in (gz.ADMIN1, gz.ADMIN2, gz.CITY) and entry.admin1
    }
    named = {country for country, _ in regions}
    return [
        town
        for town in towns
        if town.country_code not in named or (town.country_code, town.admin1) in regions
    ]


def _may_hold(outer: list[gz.Entry], inner: list[gz.Entry]) -> bool:
    """Can a reading of ``outer`` contain a reading of ``inner``: its country, or a place of
    the same province ("Witu Lamu", "Webuye, Bungoma")?"""
    return any(
        o.country_code == i.country_code
        and (o.kind == gz.COUNTRY or (i.admin1 is not None and o.admin1 == i.admin1))
        for o in outer
        for i in inner
    )


def _local_unit_cues(view: str, start: int, end: int) -> tuple[bool, bool]:
    """The words a local unit may be taken with around the span: (a unit word after or
    before it, "in/at/near/outside" before it or a place noun after it)."""
    before = view[max(0, start - 30) : start]
    after = view[end : end + 14]
    named_unit = bool(
        UNIT_AFTER.match(after) or UNIT_BEFORE.search(before) or LOCAL_UNIT_AFTER.match(after)
    )
    locative = bool(LOCATIVE_BEFORE.search(before) or LOCAL_AFTER.match(after))
    return named_unit, locative


def _outside_group_names(doc: Document, found: list[Found]) -> list[Found]:
    """Keep only the group's own country's readings of a town or unit named inside a
    longer name of a group of the actor dictionary: "al-Nasir Salah al-Din Brigades"
    (Palestinian) claims an attack in Rafah, not in Iraq's Salah ad Din; "Turkana raiders"
    are of Kenya's Turkana. A country inside one tells where only when it is the group's
    own ("Revolutionary Armed Forces of Colombia"), or the group has none: the "Irish" of
    the Irish Republican Army, a group of Northern Ireland, is no sign of Ireland."""
    hits = load_actor_dictionary().scan_story(doc.text, caseless=doc.all_caps)
    groups = [h for h in hits if not h.entry.generic]
    if not groups:
        return found
    kept = []
    for item in found:
        group = next(
            (
                h
                for h in groups
                if h.start <= item.start
                and item.end <= h.end
                and h.end - h.start > item.end - item.start
            ),
            None,
        )
        if group is not None:
            item.entries = [
                e
                for e in item.entries
                if e.country_code == group.entry.country_code
                or (e.kind in (gz.COUNTRY, gz.DEMONYM) and not group.entry.country_code)
            ]
            if not item.entries:
                continue
        kept.append(item)
    return kept


def _group_country(surface: str, *, caps: bool) -> str | None:
    """The country of the actor-dictionary group named by exactly ``surface``, if any."""
    entry = load_actor_dictionary().named(surface, original_case=None if caps else surface)
    return entry.country_code if entry is not None and not entry.generic else None


def _attributive(view: str, end: int) -> bool:
    """Is the name followed by a noun it qualifies ("US forces", "Iraq war"), or by a verb
    of the government it stands for ("Washington said")? Then it tells who, not where."""
    match = NEXT_WORD.match(view, end)
    return match is not None and match.group(1).lower() not in PLACE_FOLLOWERS


def _move(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point ``km`` from (lat, lon) along ``bearing`` degrees (flat-earth, short range)."""
    rad = math.radians(bearing)
    dlat = km * math.cos(rad) / 111.32
    dlon = km * math.sin(rad) / (111.32 * max(0.01, math.cos(math.radians(lat))))
    return lat + dlat, lon + dlon


def _title_lines(text: str) -> list[tuple[int, int]]:
    """Spans of headline-style lines (most long words capitalised): read like wire caps."""
    spans = []
    position = 0
    for line in text.split("\n"):
        words = [w for w in line.split() if len(w) >= 4 and w[0].isalpha()]
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words):
            spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans
