"""Places named with a unit word, and the units that contain them.

Reports name the scene as "Kumarkhali upazila (Kushtia, Khulna)", "Khwahan district,
Badakhshan" or "the Olposimoru area of Narok": a local name, its kind, then the larger
units it lies in. This module reads that shape around the resolved place mentions:

- the units that follow ("(Kushtia, Khulna)", ", Badakhshan", "of Narok") become anchors of
  the named place (role ``anchor``, relation ``parent``) and fill its missing admin1/admin2;
- a named place the gazetteer lacks is kept with its own name from the text, placed at its
  finest known parent, with that parent's precision (``admin2`` or ``admin1``): the point
  is only as good as the unit, and says so;
- with no parent either, the name is kept with precision ``unknown`` (no point, no country
  of its own) and a ``places.unknown`` note, never dropped and never snapped to a namesake
  elsewhere.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..document import Document
from ..model import Evidence, PlaceMention, PlaceValue
from ..resources import gazetteer as gz
from ..resources.actors import load_actor_dictionary
from .place_rules import MONTH_OR_DAY, SADAR, SPELLED_END, SPELLED_PLACE, SPELLING_SLACK

_UNIT_WORDS = (
    r"(?i:upazila|upazilla|sub-?district|district|sub-?county|sub-?location|location|village|"
    r"town|township|municipality|union|ward|division|area|neighbou?rhoods?|locality|tehsil|"
    r"constituency|city)"
)
# "(in|at) Name [Name] unit": up to three capitalised words before the unit word.
NAMED_UNIT = re.compile(
    r"(?:\b(in|at|of|from|near|outside)\s+(?:the\s+)?)?"
    r"\b([A-Z][\w'’.-]*(?:\s[A-Z][\w'’-]*){0,2})\s+(" + _UNIT_WORDS + r")\b"
)
# A road named by the towns it joins: "the Kushtia-Rajbari highway" is not in Kushtia.
_ROAD = re.compile(r"\b[A-Z][\w'’]+(?:\s?-\s?[A-Z][\w'’]+)+\s+(?i:highway|road|expressway)\b")
# "at Chekulo, Bungoma", "in Kagithane in Istanbul Province": a cue, a local name, a comma
# or "in", then a unit containing it.
CUED_NAME = re.compile(
    r"\b(in|at|near|(?:village|town|city|hamlet|settlement) of)\s+"
    r"([A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2})(?:,\s|\s\(|\sin\s)"
)
# "Dhaka - Paltan": a part of a city written after the city's name and a spaced dash.
CITY_PART = re.compile(r"\s-\s([A-Z][\w'’]*(?:\s[A-Z][\w'’]*)?)\b(?!\s*-|\s+(?i:highway|road))")
_UNIT_WORD = re.compile(r"\s(?:" + _UNIT_WORDS + r")\b")
# What may stand between a place and the unit containing it.
_PARENT_SEP = re.compile(
    r"\s*(?:\(|,\s*(?:in\s+)?(?:the\s+)?|\s*(?:of|in)\s+(?:the\s+)?(?:(?i:city|town)\s+of\s+)?)"
    r"(?:(?i:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+)?"
)
# A place followed by the units containing it: "X (A, B)", "X, A", "X area of A".
_CLOSE = re.compile(r"[^()]{0,80}\)")


@dataclass(slots=True)
class Located:
    """A resolved mention with its normalised-view span and gazetteer entry."""

    start: int
    end: int
    entry: gz.Entry | None
    mention: PlaceMention


def attach_units(doc: Document, located: list[Located], *, common: frozenset[str]) -> list[Located]:
    """Mark containing units as anchors, fill admin names, add places the gazetteer lacks.

    ``located`` is in text order; returns the new list, in text order."""
    out = list(located)
    starts = {item.start: item for item in located}
    text = _shaped(doc.text, common) if doc.all_caps else doc.text
    for match in _ROAD.finditer(text):
        for item in located:
            if match.start() <= item.start < match.end() and item.mention.role == "place":
                item.mention.role = "anchor"
                item.mention.relation = "road"
    out = _city_parts(doc, text, out)
    starts = {item.start: item for item in out}
    for item in out:
        # "(Munshiganj Sadar, Dhaka)": the units after the headquarters' sub-district
        if (sadar := SADAR.match(text, item.end)) and item.mention.role == "place":
            _adopt(item, _parents(text, sadar.end(), starts))
    for match in CUED_NAME.finditer(text):
        if doc.all_caps and match.group(0).endswith(" in "):
            continue  # "IN X IN Y": with no capitals, too often "in" starts a new phrase
        name_start, name_end = match.span(2)
        words = match.group(2).split()
        if any(item.start < name_end and item.end > name_start for item in out):
            continue
        if all(w.lower().strip(".'’") in common for w in words) or _adjective(words[0]):
            continue
        if any(w.isupper() and len(w) > 1 for w in words):
            continue  # "at IBM, the Bank of Boston": an acronym names a firm or a group
        if gz.name_key(words[-1]) in _NOT_A_PLACE_END:
            continue  # "near Abderrahmane Khaouadji School in Oued Koureich": a building
        parents = _parents(text, name_end, starts)
        if parents and parents[0].mention.value.precision != "country":
            if _large_city(parents[0]):
                # "in Deerpark Road, Belfast", "in Manezhnaya Square in Moscow": a part of it
                new = city_part(doc, parents[0], (name_start, name_end))
                if new is not None and new.mention.value.admin2 is None:
                    new.mention.value.admin2 = _admin2_of(parents[0])  # Dhaka the district
            else:
                new = _unknown_place(doc, match, (name_start, name_end), parents, feature="place")
            if new is not None:
                out.append(new)
    unplaced: list[Located] = [] if doc.all_caps else _cued_unknowns(doc, out, common)
    # Right to left, so "Bagmara upazila, Rajshahi" is known before "X locality (Bagmara ...".
    for match in reversed(_named_units(text)):
        if match.group(3) in ("Union", "Division", "Area", "Town", "City"):
            continue  # capitalised, these end an organisation's name ("Women's Union")
        name_start, name_end = match.span(2)
        words = match.group(2).split()
        while words and words[0].lower().strip(".'’") in common:
            name_start += len(words[0]) + 1  # "In Kumarkhali": the cue is no part of the name
            words = words[1:]
        while len(words) > 1 and gz.name_key(words[0]) in _DESCRIPTIVE:
            name_start += len(words[0]) + 1  # "the exclusive Escalon neighborhood"
            words = words[1:]
        if not words or all(w.lower().strip(".'’") in common for w in words):
            continue
        if all(gz.name_key(word) in _DESCRIPTIVE for word in words):
            continue  # "in a heavily populated district": no name at all
        if gz.name_key(words[0]) in _UNNAMED:
            continue  # "Unspecified location in Trans Nzoia District"
        if _adjective(words[0]):
            continue  # "the French town of Anglet", "the Christian area of Beirut"
        name = " ".join(words)
        covering = [item for item in out if item.start < name_end and item.end > name_start]
        parents = _parents(text, match.end(), starts)
        city = _city_of_part(text, match, name_start, parents, starts)
        if city is None and covering and not parents and match.group(3).lower() in PART_UNITS:
            # "SAN SALVADOR -- ... IN SAN MIGUELITO NEIGHBORHOOD": not Panama's San Miguelito
            # but a part of the dateline's city. (A name the gazetteer lacks is left to the
            # events stage, which makes it a part of the event's own town.)
            city = _dateline_city(starts.values())
        if city is not None and not _town_near(covering, city):
            # "the Zacamil neighborhood in northern San Salvador": a part of that city
            out = [item for item in out if item not in covering]
            part = city_part(doc, city, (name_start, name_end))
            if part is not None:
                out.append(part)
            continue
        if _sub_area(text, match.end(), parents):
            # "the Besiktas area of Istanbul": the place is the city, or its district
            # when that is near it ("Bijoynagar area, Dhaka city" is no upazila 85 km off,
            # "Iskan area of Baghdad" no town of Turkey)
            far = [
                item
                for item in covering
                if _far_from(item.mention.value, parents[0].mention.value, CITY_PART_KM)
            ]
            out = [item for item in out if item not in far]
            continue
        if covering:
            child = max(covering, key=lambda item: item.end - item.start)
            if (sadar := SADAR.match(text, child.end)) and sadar.end() in (name_end, match.end()):
                _adopt(child, parents)  # "Madaripur Sadar upazila (Dhaka)": the town
                continue
            if child.end < name_end - 1:
                covering = []  # only a part of the name is known ("Puli" of "Puli Alam")
            elif _namesake_unit(child, parents):
                # "Samburu Sub-County, in Kwale": a lower unit named like a county elsewhere
                if child in out:
                    out.remove(child)
                covering = []
            else:
                _adopt(child, parents)
                _as_unit(child, match.group(3), text[child.start : child.end])
                continue
        if not parents:
            doc.note(
                "places.unknown",
                "places",
                f"'{name} {match.group(3)}' is not in the gazetteer and no containing unit "
                "is named; kept by its name with precision 'unknown'.",
                span=(name_start, match.end(3)),
            )
            unknown = _unplaced(doc, match, (name_start, name_end))
            if unknown is not None:
                unplaced.append(unknown)  # never a parent: added once the units are read
            continue
        new = _spelled_unit(doc, (name_start, name_end), parents)
        if new is not None:
            _adopt(new, parents)
            _as_unit(new, match.group(3), name)
        else:
            new = _unknown_place(doc, match, (name_start, name_end), parents)
        if new is not None:
            # "Qala" of "Qala Nasro area": a part of the name is no place of its own
            out = [item for item in out if not name_start <= item.start < name_end]
            out.append(new)
            starts[new.start] = new
    out += [u for u in unplaced if not any(i.start < u.end and u.start < i.end for i in out)]
    out.sort(key=lambda item: item.start)
    return [item for item in out if not _stray_unit(item, out)]


def _stray_unit(item: Located, located: list[Located]) -> bool:
    """A local unit far from every other place the story names finer than a province in
    its country: a namesake ("at Fakirhat Bazar ..., Feni Sadar upazila" is not the
    Fakirhat upazila 200 km away). Such names repeat across a country; towns do less."""
    value = item.mention.value
    if value.feature != gz.LOCAL_UNIT or value.lat is None or value.lon is None:
        return False
    others = [
        other.mention.value
        for other in located
        if other is not item
        and other.mention.value.country_code == value.country_code
        and other.mention.value.precision in ("exact", "near", "admin2")
        and other.mention.value.lat is not None
        and other.mention.value.lon is not None
    ]
    return bool(others) and all(
        gz.haversine_km(value.lat, value.lon, o.lat, o.lon) > STRAY_KM  # type: ignore[arg-type]
        for o in others
    )


_WORD = re.compile(r"[a-z][\w'’-]*")
# Cue words of NAMED_UNIT that are no common words: "NEAR RIO BLANCO MUNICIPALITY" is
# near Rio Blanco, not a place named "Near Rio Blanco".
_CUE_WORDS = frozenset(["near", "outside"])
_UNIT_WORD_ALONE = re.compile(_UNIT_WORDS)


def _shaped(text: str, common: frozenset[str]) -> str:
    """Lower-cased wire caps with the capitals the patterns read put back: every word
    capitalised but common words and unit words ("in the Zacamil neighborhood of San
    Salvador"). Same length, so offsets hold."""

    def shape(match: re.Match) -> str:
        word = match.group(0)
        first = word[0].upper()
        if (
            word in common
            or word in _CUE_WORDS
            or _UNIT_WORD_ALONE.fullmatch(word)
            or len(first) != 1
        ):
            return word  # ("ß" would become "SS")
        return first + word[1:]

    return _WORD.sub(shape, text)


# How far a local unit may lie from the point of the place the text puts it in, by that
# place's precision: a town's or a district's parts within 100 km (a town named as the
# unit's parent often stands for its district), a province's within 250 km (Kenya's and
# Afghanistan's largest); a part of a city ("X area of Dhaka") within 40 km.
NAMESAKE_KM = {"exact": 100.0, "near": 100.0, "admin2": 100.0, "admin1": 250.0}
CITY_PART_KM = 40.0
# How far a local unit may lie from every other fine place of the story in its country
# before it is taken for a namesake.
STRAY_KM = 150.0
# Unit words for an administrative area rather than a settlement.
_AREA_UNITS = frozenset(
    [
        "upazila",
        "upazilla",
        "district",
        "subdistrict",
        "sub-district",
        "subcounty",
        "sub-county",
        "constituency",
        "division",
        "location",
        "sub-location",
        "sublocation",
        "tehsil",
    ]
)


# Unit words that name a second-level unit (ACLED's admin2): a district, and Kenya's
# sub-counties (its old constituencies).
_SECOND_LEVEL_UNITS = frozenset(["district", "sub-county", "subcounty", "constituency"])


def _as_unit(child: Located, unit: str, written: str) -> None:
    """ "Kumarkhali upazila", "Khost district": the unit named after a town, not the town;
    its point is the town's, good to the unit (precision admin2). A local unit named as a
    district is its own second-level unit."""
    value = child.mention.value
    if value.feature == gz.LOCAL_UNIT:
        if value.admin2 is None and unit.lower() in _SECOND_LEVEL_UNITS:
            value.admin2 = written  # "Charbolak district, Balkh": as the text names it
        return
    if (
        unit.lower() in _AREA_UNITS
        and value.precision in ("exact", "near")
        and value.feature == "city"
    ):
        value.precision = "admin2"
        value.feature = unit.lower()
        if (
            value.admin2 is None
            and unit.lower() not in ("division", "location", "sub-location")
            and gz.name_key(written) != gz.name_key(value.admin1 or "")
        ):
            value.admin2 = written  # the unit as the text names it: "Qarabagh district"


def _named_units(text: str) -> list[re.Match]:
    """NAMED_UNIT matches, read only where a unit word stands (fast on long stories)."""
    found = []
    for unit in _UNIT_WORD.finditer(text):
        window = NAMED_UNIT.finditer(text, max(0, unit.start() - 80), unit.end())
        match = next((m for m in window if m.end() == unit.end()), None)
        if match is not None:
            if found and found[-1].start() == match.start():
                found.pop()  # "Old Town area": the longer reading
            found.append(match)
    return found


def _parents(text: str, position: int, starts: dict[int, Located]) -> list[Located]:
    """The resolved units written right after ``position``: "(A, B)", ", A", " of A"."""
    sep = _PARENT_SEP.match(text, position)
    if not sep:
        return []
    first = starts.get(sep.end())
    if first is None or first.mention.role == "demonym":
        return []
    found = [first]
    if text[sep.end() - 1 : sep.end()] == "(" and (close := _CLOSE.match(text, sep.end())):
        found += [
            item
            for start, item in sorted(starts.items())
            if first.start < start < close.end() and item.mention.role != "demonym"
        ]
    return [item for item in found if item.mention.value.precision != "country"]


# Words that describe a place rather than name it; demonyms are read from the gazetteer.
_DESCRIPTIVE = frozenset(
    [
        "mediterranean",
        "christian",
        "muslim",
        "moslem",
        "shiite",
        "shia",
        "sunni",
        "kurdish",
        "arab",
        "hindu",
        "jewish",
        "catholic",
        "protestant",
        "orthodox",
        "tribal",
        "border",
        "coastal",
        "rural",
        "urban",
        "industrial",
        "residential",
        "commercial",
        "diplomatic",
        "exclusive",
        "luxurious",
        "wealthy",
        "poor",
        "mountainous",
        "remote",
        "capital",
        "heavily",
        "densely",
        "populated",
        "crowded",
        # "low-income neighborhoods", "outlying districts": kinds of place, no names
        "low",
        "middle",
        "working",
        "outlying",
        "surrounding",
        "nearby",
        "neighbouring",
        "neighboring",
        "marginal",
        "various",
        "several",
    ]
)


def _adjective(word: str) -> bool:
    """Is ``word`` a demonym or descriptive adjective ("French", "Shiite")?"""
    key = gz.name_key(word.split("-")[0])
    if key in _DESCRIPTIVE:
        return True
    return any(e.kind == gz.DEMONYM for e in gz.load().lookup(key))


def _sub_area(text: str, position: int, parents: list[Located]) -> bool:
    """ "X area|district|neighborhood of City": a part of a town, which stays the place."""
    if not parents:
        return False
    parent = parents[0]
    value = parent.mention.value
    if value.precision != "exact" or value.feature != "city":
        return False
    sep = _PARENT_SEP.match(text, position)
    city_word = re.match(r"\s+city\b", text[parent.end : parent.end + 8], re.IGNORECASE)
    return bool(sep and ("of" in sep.group(0).split() or city_word))


# Unit words that name a part of a town.
PART_UNITS = frozenset(["neighborhood", "neighbourhood", "neighborhoods", "neighbourhoods"])
# A town the text puts an unknown name in ("in X, Belfast") of this many people or more: the
# name is a part of it (a street, square or quarter), not a village beside it.
PART_CITY_POPULATION = 100_000
# "Tegucigalpa's Florencia del Este neighborhood": the city owns the part.
_OWNED = re.compile(r"['’]s\s+(?:the\s+)?")


def _city_of_part(
    text: str,
    match: re.Match,
    name_start: int,
    parents: list[Located],
    starts: dict[int, Located],
) -> Located | None:
    """The town a neighbourhood lies in, named right after it ("the Zacamil neighborhood
    of San Salvador", "in Miraflores neighborhood, in western Lima") or as its owner
    before it ("Tegucigalpa's Florencia del Este neighborhood"); None when not named."""
    if match.group(3).lower() not in PART_UNITS:
        return None
    owners = [
        item
        for item in starts.values()
        if name_start - 8 < item.end < name_start
        and (owned := _OWNED.match(text, item.end))
        and owned.end() == name_start
    ]
    for city in parents[:1] + owners:
        if city.mention.value.feature == "city" and city.entry is not None:
            return city
    return None


def _dateline_city(located: Iterable[Located]) -> Located | None:
    """The story's dateline when it names a large city (a part of it need not name it)."""
    return next(
        (item for item in located if item.mention.relation == "dateline" and _large_city(item)),
        None,
    )


def _town_near(covering: list[Located], city: Located) -> bool:
    """A town of the name near ``city`` ("the Mejicanos neighborhood" by San Salvador): the
    town, which places read as a part of the city where it lies within it, stays."""
    return any(
        item.mention.value.feature == "city"
        and item.mention.value.country_code == city.mention.value.country_code
        and not _far_from(item.mention.value, city.mention.value, CITY_PART_KM)
        for item in covering
    )


def _large_city(item: Located) -> bool:
    return (
        item.entry is not None
        and item.entry.kind == gz.CITY
        and item.mention.value.feature == "city"
        and item.entry.population >= PART_CITY_POPULATION
    )


def city_part_value(city: PlaceValue, evidence: Evidence) -> PlaceValue:
    """The part of ``city`` whose name is ``evidence``: "San Salvador - Zacamil" (ACLED's way
    of naming a neighbourhood), at the city's point and with its precision."""
    written = " ".join(evidence.text.split())
    return city.model_copy(
        update={
            "name": f"{city.name} - {written.title() if written.isupper() else written}",
            "feature": "city part",
            "anchor": city.name,
            "confidence": min(city.confidence, 0.6),
            "evidence": [evidence],
        }
    )


def within_city(value: PlaceValue, city: str) -> PlaceValue:
    """A town GeoNames files on its own that lies inside a large city (``Entry.town``) as a
    part of it: "Istanbul - Uskudar", at its own point, anchored to the city."""
    return value.model_copy(
        update={"name": f"{city} - {value.name}", "feature": "city part", "anchor": city}
    )


def city_part(doc: Document, city: Located, span: tuple[int, int]) -> Located | None:
    """A part of ``city`` named at ``span``; the city becomes its anchor."""
    evidence = doc.evidence(*span) or doc.evidence(*span, mode="expand")
    if evidence is None:
        return None
    city.mention.role = "anchor"
    city.mention.relation = "parent"
    mention = PlaceMention(
        value=city_part_value(city.mention.value, evidence), role="place", relation="in"
    )
    return Located(span[0], span[1], None, mention)


def _city_parts(doc: Document, text: str, located: list[Located]) -> list[Located]:
    """ "Dhaka - Paltan": the city's mention becomes the part, named as written."""
    out = []
    skip_until = -1
    for item in located:
        if item.start < skip_until:
            continue  # the part's own word ("Paltan" read as a town elsewhere)
        value = item.mention.value
        match = CITY_PART.match(text, item.end)
        if match and value.feature == "city" and item.mention.role == "place":
            evidence = doc.evidence(item.start, match.end())
            if evidence is not None:
                value.anchor = value.name
                value.name = f"{value.name} - {match.group(1)}"
                value.feature = "city part"
                value.evidence = [evidence]
                skip_until = match.end()
                item = Located(item.start, match.end(), item.entry, item.mention)
        out.append(item)
    return out


def _namesake_unit(child: Located, parents: list[Located]) -> bool:
    """A first-level unit's name used for a lower unit inside another first-level unit."""
    value = child.mention.value
    if parents and all(p.mention.value.country_code != value.country_code for p in parents):
        return True  # "Hafizabad union (Panchagarh Sadar, Rangpur)" is not Hafizabad, Pakistan
    if value.feature == gz.LOCAL_UNIT:
        # its first-level unit is a guess from the nearest town: its point tells, measured
        # from the unit the text puts it in ("Birganj upazila (Dinajpur, Rangpur)": from
        # Dinajpur, as Rangpur is also a town)
        return bool(parents) and _far_from(value, parents[0].mention.value)
    # "Qarabagh district, Kabul" is not the Qarabagh of Herat; "Kasarani area, Eldoret" is
    # not the Kasarani estate of Nairobi, 250 km off (a town keeps its reading: "Natore city
    # (Khulna)" names the division, by its capital)
    curated = child.entry is not None and child.entry.kind == gz.FACILITY
    return value.precision in ("admin1", "exact", "near", "admin2") and any(
        p.mention.value.admin1
        and value.admin1
        and p.mention.value.admin1 != value.admin1
        and (
            p.mention.value.precision in ("admin1", "admin2")
            or (curated and _far_from(value, p.mention.value))
        )
        for p in parents
    )


def _far_from(value: PlaceValue, parent: PlaceValue, reach: float | None = None) -> bool:
    """Is a local unit farther from the place the text puts it in than any part of that
    place is likely to be from its point (``reach`` km, else by the place's precision)?"""
    reach = reach or NAMESAKE_KM.get(parent.precision or "")
    if reach is None or None in (value.lat, value.lon, parent.lat, parent.lon):
        return False
    distance = gz.haversine_km(value.lat, value.lon, parent.lat, parent.lon)  # type: ignore[arg-type]
    return distance > reach


def _adopt(child: Located, parents: list[Located]) -> None:
    """The parents become anchors of ``child``; they fill its missing admin names."""
    value = child.mention.value
    # A local unit's level differs by country (an upazila is Bangladesh's third, a ward
    # Kenya's fourth): its second-level unit is the one the text names it in, if any.
    local = value.feature == gz.LOCAL_UNIT
    if value.admin2 is None and not local and (own := _admin2_of(child)):
        value.admin2 = own  # "Madaripur area (Dhaka)": Madaripur is itself the district
    for parent in parents:
        if parent is child or parent.mention.value.country_code != value.country_code:
            continue
        parent.mention.role = "anchor"
        parent.mention.relation = "parent"
        # "(Gazipur Sadar, Dhaka)": the last of several parents is the first-level unit
        lower = parent is not parents[-1] or len(parents) == 1
        if value.admin2 is None and lower and (admin2 := _admin2_of(parent)):
            value.admin2 = admin2
        # A local unit's own first-level unit is its nearest town's: the text's is better.
        guessed = local and parent is parents[-1]
        if value.admin1 is None or (guessed and parent.mention.value.admin1):
            value.admin1 = parent.mention.value.admin1


_UNIT_WORD_END = re.compile(r"\s+" + _UNIT_WORDS + r"$")


def _admin2_of(parent: Located) -> str | None:
    """The second-level unit a parent names: itself when an admin2 mention, or the gazetteer's
    second-level unit written the same way ("Kushtia" the district, not "Kushtia" the town);
    named as the text writes it ("Kishoregonj", which the gazetteer spells Kishoreganj), as
    a unit named with its unit word is ("Qarabagh district")."""
    value = parent.mention.value
    if value.feature in (gz.LOCAL_UNIT, gz.CONSTITUENCY):
        # its level differs by country, and a constituency is not the district of every
        # year's reports: only what the text gave it
        return value.admin2
    written = _UNIT_WORD_END.sub("", value.evidence[0].text) if value.evidence else ""
    as_written = written if written[1:] and not written.isupper() else None
    if value.precision == "admin2":
        if value.admin2 and value.admin2 != value.name:
            return value.admin2  # a town in its district ("Keshabpur (Jessore)")
        return as_written or value.admin2 or value.name
    if value.precision != "exact" or not written:
        return None
    units = gz.load().lookup(written)
    found = next(
        (
            e.admin2
            for e in units
            if e.kind == gz.ADMIN2 and e.country_code == value.country_code and e.admin2
        ),
        None,
    )
    return found and (as_written or found)


# Unit words that, with no containing unit named, more often end an organisation's name
# than a place's ("Teachers union", "the Ford-K ward councillor").
_NOT_ALONE = frozenset(["union", "ward"])


# Last words that make a name an institution's or a time's, not a place's.
_NOT_A_PLACE_END = frozenset(
    [
        "parliament",
        "congress",
        "senate",
        "assembly",
        "council",
        "court",
        "party",
        "ministry",
        "office",
        "police",
        "army",
        "government",
        "committee",
        "christmas",
        "easter",
        "ramadan",
        "eid",
        # a building is in a place, not one: "near Abderrahmane Khaouadji School in Oued
        # Koureich"
        "school",
        "hospital",
        "university",
        "college",
        "academy",
        "institute",
        "mosque",
        "church",
        "cathedral",
        "temple",
        "hotel",
        "bank",
        "embassy",
        "consulate",
        "factory",
        "stadium",
        "prison",
        "headquarters",
        "club",
    ]
)

# Words that say a place is not named: "an unspecified location in Trans Nzoia District".
_UNNAMED = frozenset(["unspecified", "unknown", "unidentified", "undisclosed", "unnamed"])


def _names_a_group(name: str) -> bool:
    """Is the whole name a group of the actor dictionary ("Degodia", "Hamas")?"""
    return load_actor_dictionary().named(name) is not None


def _cued_unknowns(doc: Document, located: list[Located], common: frozenset[str]) -> list[Located]:
    """Names the gazetteer lacks in a place's slot in mixed-case text (``SPELLED_PLACE``:
    "A bomb was defused in Tibergoumine.", "in Porticcio caused", "the Nahal Oz settlement"):
    kept with precision ``unknown``, like a unit-named place with
    no parent; an event takes one only when nothing finer than a country is named."""
    found = []
    for match in SPELLED_PLACE.finditer(doc.text):
        group = 1 if match.group(1) else 2
        span = match.span(group)
        if group == 1 and not SPELLED_END.match(doc.text, span[1]):
            continue  # "in Hawija district", "in Kinale, Lari": read with their units
        words = match.group(group).split()
        keys = [gz.name_key(word.strip(".'’")) for word in words]
        if any(item.start < span[1] and item.end > span[0] for item in located):
            continue
        if (
            all(key in common for key in keys)
            or keys[-1] in _NOT_A_PLACE_END
            or keys[0] in _UNNAMED
            or any(MONTH_OR_DAY.fullmatch(key) for key in keys)
            or _adjective(words[0])
            or any(len(word) > 1 and word.isupper() for word in words)
        ):
            continue
        name = " ".join(words)
        if _names_a_group(name):
            continue  # "clashes in Hamas": a group
        evidence = doc.evidence(*span)
        if evidence is None:
            continue
        value = PlaceValue(
            name=name, precision="unknown", feature="place", confidence=0.3, evidence=[evidence]
        )
        cue = match.group(0).split()[0].lower()
        relation = cue if cue in ("near", "at", "outside") else "in"
        mention = PlaceMention(value=value, role="place", relation=relation)
        found.append(Located(span[0], span[1], None, mention))
    return found


def _unplaced(doc: Document, match: re.Match, span: tuple[int, int]) -> Located | None:
    """A place the gazetteer lacks with no containing unit named: its name and kind only.
    Which country it is in is the event's to say (``event_place``), never a namesake's.
    None for what is more likely no place: an acronym or an abbreviation ("UPDF village
    raids", "NOT SPECIFIED. LOCATION"), a group's name ("attacked Degodia village": the
    village of the Degodia), or a unit word that often ends an organisation's name."""
    unit = match.group(3).lower().replace("-", "")
    name = " ".join(doc.text[span[0] : span[1]].split())
    words = name.split()
    if unit in _NOT_ALONE or any(word.endswith(".") for word in words):
        return None
    if not doc.all_caps and any(len(word) > 1 and word.isupper() for word in words):
        return None
    if _names_a_group(name):
        return None
    evidence = doc.evidence(*span) or doc.evidence(*span, mode="expand")
    if evidence is None:
        return None
    value = PlaceValue(
        name=name,
        precision="unknown",
        feature=unit,
        confidence=0.3,
        evidence=[evidence],
    )
    mention = PlaceMention(value=value, role="place", relation=(match.group(1) or "in").lower())
    return Located(span[0], span[1], None, mention)


def _spelled_unit(doc: Document, span: tuple[int, int], parents: list[Located]) -> Located | None:
    """The local unit or town of the unit the text puts a name in that is spelled as the
    text spells it give or take its vowels ("Khogyani district, Nangarhar" is Khogayani,
    "Dawlat Abad district, Balkh" Dowlatabad): inside the parent's first-level unit and
    within NAMESAKE_KM of its point, the nearest; None when none is."""
    parent = parents[0].mention.value
    evidence = doc.evidence(*span) or doc.evidence(*span, mode="expand")
    if evidence is None or parent.lat is None or parent.lon is None:
        return None
    name = doc.text[span[0] : span[1]]
    written = len(gz.name_key(name).replace(" ", ""))
    reach = NAMESAKE_KM.get(parent.precision or "", math.inf)
    inside = [
        (gz.haversine_km(entry.lat, entry.lon, parent.lat, parent.lon), entry.id, entry)
        for entry in gz.load().spelled_like(name)
        if entry.kind in (gz.CITY, gz.ADMIN2)
        and entry.country_code == parent.country_code
        and (parent.admin1 is None or entry.admin1 == parent.admin1)
        and abs(len(gz.name_key(entry.name).replace(" ", "")) - written) <= SPELLING_SLACK
        and entry.lat is not None
        and entry.lon is not None
    ]
    inside = [item for item in inside if item[0] <= reach]
    if not inside:
        return None
    entry = min(inside)[2]
    value = PlaceValue(
        name=entry.name,
        country_code=entry.country_code,
        country=parent.country,
        admin1=entry.admin1,
        admin2=entry.admin2,
        lat=entry.lat,
        lon=entry.lon,
        precision="admin2" if entry.kind == gz.ADMIN2 else "exact",
        feature=gz.feature_of(entry),
        confidence=0.6,
        evidence=[evidence],
    )
    return Located(span[0], span[1], entry, PlaceMention(value=value, role="place", relation="in"))


def _unknown_place(
    doc: Document,
    match: re.Match,
    span: tuple[int, int],
    parents: list[Located],
    *,
    feature: str | None = None,
) -> Located | None:
    """A place the gazetteer lacks, named from the text and placed at its finest parent."""
    finest = parents[0]
    base = finest.mention.value
    evidence = doc.evidence(*span) or doc.evidence(*span, mode="expand")
    if evidence is None:
        return None
    for parent in parents:
        if parent.mention.value.country_code == base.country_code:
            parent.mention.role = "anchor"
            parent.mention.relation = "parent"
    admin2 = _admin2_of(finest) if finest is not parents[-1] or len(parents) == 1 else None
    precision = "admin2" if admin2 or base.precision in ("exact", "near", "admin2") else "admin1"
    value = PlaceValue(
        name=" ".join(doc.text[span[0] : span[1]].split()),
        country_code=base.country_code,
        country=base.country,
        admin1=base.admin1
        or next((p.mention.value.admin1 for p in parents if p.mention.value.admin1), None),
        admin2=admin2,
        lat=base.lat,
        lon=base.lon,
        precision=precision,
        feature=feature or match.group(3).lower().replace("-", ""),
        anchor=base.name,
        confidence=0.6,
        evidence=[evidence],
    )
    mention = PlaceMention(value=value, role="place", relation=(match.group(1) or "in").lower())
    return Located(span[0], span[1], None, mention)
