"""Where an event happened: the place among the event's own sentences, with its precision.

The events stage hands over the sentences that tell one event and the place mentions found
in the story; this module decides which place is the event's (not every place the story
names), and whether the event is at it or only near it.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from ..document import Document
from ..model import ELSEWHERE_RELATIONS, Evidence, PlaceMention, PlaceValue
from ..resources import gazetteer as gz
from ..resources.actors import country_names
from ..resources.embassy_cities import embassy_city
from ..resources.outlets import outlet_country
from ..resources.public_figures import find_figures
from .place_rules import ABROAD, BUILDINGS, DATELINE_WEIGHT, NATIONALITY_WEIGHT
from .place_units import PART_UNITS, city_part_value
from .scanning import Caseless

# How many sentences back the story's last named town may stand for an event that names
# none.
RECENT_SENTENCES = 4
_SPECIFICITY = {"exact": 5, "near": 4, "admin2": 3, "admin1": 2, "country": 1}
# Words that put the event near its named place rather than in it. Compass directions are
# not here: "a base north of Baghdad" describes the anchor, not the event. Nor is "near" or
# "outside" a building: "outside his mosque in Mombasa" is in Mombasa.
NEAR = re.compile(
    r"\b(?:(?:near|nearby|close to|outside|on the edge of|vicinity of)"
    r"(?!\s+(?:(?!in |at |on |of |from |to )[\w'-]+ ){0,4}?" + BUILDINGS + r"\b)"
    r"|outskirts of|fell short|\d+\s*(?:km|kilometres?|kilometers?|miles?) (?:from|away))\b",
    re.IGNORECASE,
)
_NEAR = Caseless(NEAR)
# An embassy or an ambassador as the scene ("the Japanese embassy", "the residence of the
# Turkish ambassador"), not as a source ("the embassy said").
EMBASSY = re.compile(
    r"\b(?:embassy|embassies|ambassador|ambassador's|chancery|high commission)\b"
    r"(?!(?:\s+\w+){0,2}\s+(?:said|says|told|stated|spokesman|spokeswoman|statement))",
    re.IGNORECASE,
)
_EMBASSY = Caseless(EMBASSY)
# An analyst's location line, "LOCATION: Kataluk, Turkana District (district capital =
# Lodwar)": where everything the note reports happened.
LOCATION_LINE = re.compile(r"\blocation\s*:", re.IGNORECASE)
# An aside that helps the reader find the place, "(district capital = Lodwar)", "(part of
# Mount Elgon forest park)": not the scene.
LOCATION_ASIDE = re.compile(
    r"\(\s*(?:(?:\w+\s+)?capital\s*(?:=|:|is)|part of)[^)]*\)?", re.IGNORECASE
)
# Relations that say nothing of where something happened there.
_NOT_LOCATIVE = (None, "dateline", "parent", "road", "nationality")
# A town the gazetteer files inside a city, named as a place, not as an aim: "in the
# neighborhood of San Isidro", not "moving the campus to Hathazari".
PART_CUE = re.compile(r"\b(?:in|at|near|nearby|outside|of|from|where)\s+(?:the\s+)?$")
# What puts a place inside the next one: "Chemosot, a trading centre in Bureti".
HELD_BY_NEXT = re.compile(r",\s+(?:a|an|the)\b[^,.;]{0,40}\bin\s+$", re.IGNORECASE)


def _specificity(value: PlaceValue) -> int:
    """How fine a place is; a local place the gazetteer lacks, named in the text and placed
    at its unit ("Kumarkhali upazila (Kushtia, Khulna)"), is as fine as a near point."""
    if (
        value.precision in ("admin2", "admin1")
        and value.anchor
        and value.feature
        not in (
            "admin1",
            "admin2",
            gz.CONSTITUENCY,
        )
    ):
        return _SPECIFICITY["near"]
    return _SPECIFICITY.get(value.precision or "country", 0)


def _town_of_part(value: PlaceValue) -> str | None:
    """The town of a part the text itself writes as the town's ("Dhaka - Shahbagh":
    Dhaka); None for any other place, a town the gazetteer files inside a large city
    included ("Hathazari" is no part the text puts in Chattogram)."""
    if value.feature != "city part" or value.anchor is None:
        return None
    written = " ".join(evidence.text.casefold() for evidence in value.evidence)
    return value.anchor if value.anchor.casefold() in written else None


def _own_copy(value: PlaceValue) -> PlaceValue:
    """A deep copy, for the event to change. Every field but the evidence list holds an
    immutable value, so only that list and its items need copying (much faster than
    ``model_copy(deep=True)``)."""
    return value.model_copy(update={"evidence": [ev.model_copy() for ev in value.evidence]})


class PlaceCandidate(NamedTuple):
    """A place mention with its normalised-view start and its sentence index."""

    mention: PlaceMention
    start: int
    sentence: int


def settle_place(
    value: PlaceValue | None, doc: Document, all_places: list[PlaceMention]
) -> PlaceValue | None:
    """The place :func:`choose_place` gave an event, settled against the whole story: a
    town gives way to the one part of it the story names ("DIED TODAY IN LIMA ... IN THE
    RESIDENTIAL NEIGHBORHOOD OF SAN ISIDRO": Lima - San Isidro)."""
    if value is None or value.feature != "city" or value.precision != "exact":
        return value
    parts = {
        m.value.name: m.value
        for m in all_places
        if m.role == "place"
        and m.value.feature == "city part"
        and m.value.anchor == value.name
        and m.value.country_code == value.country_code
        and m.value.evidence
        and (
            # named by the text as a part, at the town's point ("the Modelo neighborhood")
            (m.value.lat, m.value.lon) == (value.lat, value.lon)
            # or a town the gazetteer files inside it, named as a place
            or PART_CUE.search(doc.lowered, 0, m.value.evidence[0].start)
        )
    }
    if len(parts) != 1:
        return value
    [part] = parts.values()
    return part.model_copy(
        update={
            "default": value.default,
            "confidence": min(value.confidence, part.confidence),
            "evidence": [ev.model_copy() for ev in part.evidence],
        }
    )


def choose_place(
    doc: Document,
    *,
    sentences: list[int],
    trigger_sentence: int,
    trigger_start: int,
    candidates: list[PlaceCandidate],
    all_places: list[PlaceMention],
) -> PlaceValue | None:
    """The event's place: the finest place named in its sentences, else the story's only
    place, else a country named there, else the story's country line, else the story's
    country marked as a default; None when the story names none.

    A place the gazetteer lacks (precision ``unknown``) named in the event's sentences
    stands in for a country or for nothing: the event keeps that name, in that country.

    When the event's sentences name nothing finer than a country, the note's location line
    ("LOCATION: Chepilat near Eldoret, Uasin Gishu District") tells the place. A place in
    an aside, "(district capital = Lodwar)", is never the event's."""
    if "capital" in doc.lowered or "part of" in doc.lowered:
        candidates = [c for c in candidates if not _in_an_aside(doc, c)]
    line = _location_line(doc, sentences, candidates)
    if line is not None:
        start = doc.sentences[line][0]
        return choose_place(
            doc,
            sentences=[line],
            trigger_sentence=line,
            trigger_start=start,
            candidates=candidates,
            all_places=all_places,
        )
    known = [c for c in candidates if c.mention.value.precision != "unknown"]
    told = _Told(sentences, trigger_sentence, trigger_start)
    value = _known_place(
        doc, told, known, [m for m in all_places if m.value.precision != "unknown"]
    )
    if value is not None and value.precision == "country" and value.country_code:
        start, end = doc.sentences[trigger_sentence] if doc.sentences else (0, len(doc.text))
        if _EMBASSY.search_slice(doc.text, doc.lowered, start, end):
            value = _embassy_town(doc, value)
    unknown = [
        c
        for c in candidates
        if c.mention.value.precision == "unknown"
        and c.sentence in sentences
        and c.mention.role == "place"
    ]
    parts = [c for c in unknown if c.mention.value.feature in PART_UNITS]
    if parts and value is not None and value.feature == "city" and value.precision == "exact":
        # "in the Zacamil neighborhood" with San Salvador the event's town: a part of it
        part = min(parts, key=lambda c: abs(c.start - trigger_start))
        return city_part_value(value, part.mention.value.evidence[0])
    in_unit = (
        value is not None
        and value.precision in ("admin1", "admin2")
        and value.feature in ("admin1", "admin2", gz.LOCAL_UNIT, gz.CONSTITUENCY)
        and not value.default
    )
    if in_unit:
        # "An explosion at a post office in Porticcio ... in southern Corsica": the town the
        # gazetteer lacks, named with the trigger, placed at its unit (as "X village, Y")
        unknown = [c for c in unknown if c.sentence == trigger_sentence]
        if unknown:
            chosen = min(unknown, key=lambda c: abs(c.start - trigger_start))
            if _holds(doc, chosen, value):  # type: ignore[arg-type]
                return value  # the unit is the finer place: the name after it is no town in it
            return _in_its_unit(chosen.mention.value, value)  # type: ignore[arg-type]
    if value is not None and value.precision == "near" and not value.default and not doc.all_caps:
        # "east of Baghdad, in Nahrwan", "in Nibai, near Dujail": the town the gazetteer
        # lacks, named with the trigger, at its anchor's point and precision; a district or
        # area of a town is a part of it ("near the Oldpark area" of Belfast). A street, a
        # park or a crossing near the anchor is a site there, no place of its own. (Not in
        # wire caps, where no capitals tell where a name ends.)
        unknown = [
            c
            for c in unknown
            if c.sentence == trigger_sentence and not _a_site(doc, c.mention.value)
        ]
        if unknown:
            chosen = min(unknown, key=lambda c: abs(c.start - trigger_start))
            if value.feature == "city" and chosen.mention.value.feature in _AREA_UNITS:
                return city_part_value(value, chosen.mention.value.evidence[0])
            return _in_its_unit(chosen.mention.value, value)
    if not unknown or (value is not None and value.precision != "country"):
        return value
    chosen = min(
        unknown, key=lambda c: (c.sentence != trigger_sentence, abs(c.start - trigger_start))
    )
    named = _own_copy(chosen.mention.value)
    if value is not None:
        named.country_code, named.country = value.country_code, value.country
        if value.default:
            named.default = True  # its country is the story's, not stated for it
        else:
            named.evidence += [ev.model_copy() for ev in value.evidence]
    return named


def _location_line(
    doc: Document, sentences: list[int], candidates: list[PlaceCandidate]
) -> int | None:
    """The sentence of the note's location line, when the event's own sentences name no
    place finer than a country and that line names one; else None."""
    if not doc.sentences or not LOCATION_LINE.search(doc.text):
        return None
    if any(
        c.sentence in sentences
        and c.mention.role == "place"
        and c.mention.value.precision not in (None, "country")
        for c in candidates
    ):
        return None
    for index, (start, end) in enumerate(doc.sentences):
        if index in sentences or not LOCATION_LINE.search(doc.text, start, end):
            continue
        if any(
            c.sentence == index and c.mention.value.precision not in (None, "country")
            for c in candidates
        ):
            return index
    return None


def _in_an_aside(doc: Document, candidate: PlaceCandidate) -> bool:
    """Whether ``candidate`` stands in an aside that helps the reader find a place,
    "(district capital = Lodwar)"."""
    if not doc.sentences:
        return False
    start, end = doc.sentences[candidate.sentence]
    return any(
        match.start() <= candidate.start < match.end()
        for match in LOCATION_ASIDE.finditer(doc.text, start, end)
    )


def _holds(doc: Document, outer: PlaceCandidate, unit: PlaceValue) -> bool:
    """Does the text put ``unit`` inside ``outer``, named just after it ("Chemosot, a
    trading centre in Bureti")?"""
    end = unit.evidence[0].end if unit.evidence else None
    return (
        end is not None
        and end <= outer.start
        and bool(HELD_BY_NEXT.search(doc.text, end, outer.start))
    )


# The last word of a site's name, or the word after it, not a settlement's: "Dusher
# Street", "Chaman Railroad", "the Reihan crossing".
_SITE_WORDS = (
    r"(?i:street|road|avenue|highway|park|railroad|railway|crossing|junction|square|bridge"
    r"|bank|banque|market|mosque|church|school|hospital|hotel|station|camp|base)"
)
_SITE_END = re.compile(rf"\b{_SITE_WORDS}$")
_SITE_AFTER = re.compile(rf"\s+{_SITE_WORDS}\b")


def _a_site(doc: Document, named: PlaceValue) -> bool:
    """Is the unknown name a site's (a street, a park, a crossing), not a settlement's?"""
    if _SITE_END.search(named.name or ""):
        return True
    end = named.evidence[0].end if named.evidence else None
    return end is not None and bool(_SITE_AFTER.match(doc.original, end))


# Unit words of a part of a town.
_AREA_UNITS = frozenset(
    ["district", "area", "quarter", "locality", "neighborhood", "neighbourhood"]
)


def _in_its_unit(named: PlaceValue, unit: PlaceValue) -> PlaceValue:
    """A place the gazetteer lacks, at the point and with the precision of the unit it lies
    in; ``anchor`` names the unit."""
    return named.model_copy(
        update={
            "country_code": unit.country_code,
            "country": unit.country,
            "admin1": unit.admin1 or (unit.name if unit.precision == "admin1" else None),
            "admin2": unit.admin2,
            "lat": unit.lat,
            "lon": unit.lon,
            "precision": unit.precision,
            "anchor": unit.name,
            "evidence": [ev.model_copy() for ev in named.evidence + unit.evidence],
        }
    )


class _Told(NamedTuple):
    """Where the event is told: its sentences, and its trigger's sentence and start."""

    sentences: list[int]
    trigger_sentence: int
    trigger_start: int


def _known_place(
    doc: Document, told: _Told, candidates: list[PlaceCandidate], all_places: list[PlaceMention]
) -> PlaceValue | None:
    """``choose_place`` among places the gazetteer has."""
    sentences, trigger_sentence, trigger_start = told
    inside = [
        candidate
        for candidate in candidates
        # a country named as elsewhere ("raiders from Sudan") is never the event's
        if candidate.sentence in sentences and candidate.mention.relation not in ELSEWHERE_RELATIONS
    ]
    places = [candidate for candidate in inside if candidate.mention.role == "place"]
    if not places or all(c.mention.value.precision == "country" for c in places):
        # "blocked the Gilgil-Nyahururu road": near the first town the road is named by
        places += [c for c in inside if c.mention.relation == "road"][:1]
    if not places or all(c.mention.value.precision == "country" for c in places):
        # "fired on a bus northwest of Tegucigalpa": with nothing finer named, the event
        # is near the place its direction is told from
        places += [
            c
            for c in inside
            if c.mention.role == "anchor"
            and c.mention.relation not in (None, "parent", "road")
            and c.mention.value.precision not in (None, "country")
        ][:1]
    home = outlet_country(doc.article.outlet if doc.article else None)
    focus = story_focus(all_places, home=home)
    if places:
        # The trigger's own sentence puts something "in", "at" or "near" a place.
        located = any(
            c.sentence == trigger_sentence and c.mention.relation not in _NOT_LOCATIVE
            for c in places
        )

        def rank(candidate: PlaceCandidate) -> tuple:
            value = candidate.mention.value
            # A named facility ("struck the Ein Al-Assad airbase") needs no cue: no
            # government speaks for an airbase the way "Washington said" does.
            uncued = candidate.mention.relation in (None, "dateline") and value.feature in (
                None,
                "city",
                "country",
                "admin1",
                "admin2",
            )
            return (
                # "PANAMA CITY (PANAMA), 16 NOV 89 -- ... condemned the assassination of six
                # Jesuits in El Salvador": the dateline is where the story was filed, a
                # place the event's sentence puts it in is where it happened, even abroad.
                located and candidate.mention.relation == "dateline",
                # Abroad and named without a locative cue: "MEXICO CITY CORRESPONDENT".
                value.country_code != focus and (value.precision == "country" or uncued),
                # A country ("US soldiers") stands in only when nothing finer is named.
                value.precision == "country",
                value.country_code != focus,
                candidate.sentence != trigger_sentence,
                # "BAGHDAD (Reuters) - A drone strike near the town of Al-Qaim": the dateline
                # is where the story was filed, the event's sentence names where it happened.
                candidate.mention.relation == "dateline",
                # A place named without a locative cue is often a government ("Washington
                # said"); a dateline is where the story was filed.
                uncued,
                -_specificity(value),
                abs(candidate.start - trigger_start),
            )

        towns_of_parts = {
            _town_of_part(c.mention.value) for c in places if c.sentence == trigger_sentence
        } - {None}
        if towns_of_parts:
            # "at Dhaka university, Dhaka - Shahbagh": the part of the town, not the town,
            # where the event's sentence names both
            places = [
                c
                for c in places
                if not (c.sentence == trigger_sentence and c.mention.value.name in towns_of_parts)
            ]
        chosen = min(places, key=rank)
        if chosen.mention.value.precision == "country":
            # "CYPRUS.  A British military vehicle was riddled with machine-gun fire in
            # Nicosia ... arrested in connection with this attack": the event's sentences
            # name only the country; the story's town there is the scene.
            town = _town_of(chosen.mention.value.country_code, all_places, told, candidates, focus)
            if town is not None:
                return town
        header = _country_header(doc, all_places)
        if header is not None and chosen.mention.value.country_code != header.country_code:
            # "CHILE.  ... car bombs at the Bank of Boston": the story's stated country
            return country_place(header.country_code, header.evidence, default=False)
        value = _own_copy(chosen.mention.value)
        relation = (chosen.mention.relation or "").lower()
        near_anchor = relation.startswith(("near", "outskirts", "road")) or " of" in relation
        said_near = any(
            _NEAR.search_slice(doc.text, doc.lowered, *doc.sentences[index]) for index in sentences
        )
        if value.precision == "exact" and (near_anchor or said_near):
            value.precision = "near"
            value.confidence = min(value.confidence, 0.8)
        return value
    countries = sorted(
        (
            candidate
            for candidate in inside
            if candidate.mention.value.country_code and candidate.mention.relation != "nationality"
        ),
        key=lambda candidate: candidate.mention.value.country_code != focus,
    )
    only = _only_place(all_places, focus)
    if only is not None and (
        not countries or countries[0].mention.value.country_code == only.country_code
    ):
        # The story names one place, outside this event's sentences: the event is there.
        return _from_context(only)
    recent = _recent_place(candidates, trigger_sentence, focus) or _next_place(
        candidates, trigger_sentence, focus
    )
    if recent is not None and (
        not countries or countries[0].mention.value.country_code == recent.country_code
    ):
        # "A BOMB EXPLODED IN THE CENTRAL PARK IN TEGUCIGALPA. ... THE MURDER OF ...": the
        # event's sentences name no place; the story's last town before them is the scene,
        # or the first one after ("Silent protests against ... . In Ol Kalou, ...").
        return _from_context(recent)
    header = _country_header(doc, all_places)
    if header is not None and (
        not countries or countries[0].mention.value.country_code != header.country_code
    ):
        town = _town_of(header.country_code, all_places, told, candidates, focus)
        if town is not None:
            return town  # "CYPRUS. ... fire in Nicosia ... this attack ... pro-Libyan"
        # "LEBANON.  Iranian Charge d'Affaires ... disappeared": the stated country
        return country_place(header.country_code, header.evidence, default=False)
    if countries:
        value = countries[0].mention.value
        return country_place(value.country_code, value.evidence, default=False)
    if focus is None:
        focus = _actor_country(doc) or _figure_country(doc)
    if focus is None:
        return None
    return country_place(focus, [], default=True)


def _embassy_town(doc: Document, country: PlaceValue) -> PlaceValue:
    """ "IRAN.  Shots were fired at the Japanese embassy.": the city the embassies of the
    country stand in (its capital, or La Paz, Tel Aviv, Bonn until 1999 ...), read from
    the story's country, so marked ``default``; the country itself when none is known."""
    published = doc.article.published if doc.article else None
    town = embassy_city(country.country_code, published)  # type: ignore[arg-type]
    if town is None:
        return country
    return PlaceValue(
        name=town.name,
        country_code=town.country_code,
        country=country.country,
        admin1=town.admin1,
        admin2=town.admin2,
        lat=town.lat,
        lon=town.lon,
        precision="exact",
        feature="city",
        default=True,
        confidence=0.5,
        evidence=[ev.model_copy() for ev in country.evidence],
    )


def _town_of(
    code: str | None,
    all_places: list[PlaceMention],
    told: _Told,
    candidates: list[PlaceCandidate],
    focus: str | None,
) -> PlaceValue | None:
    """The story's town in country ``code`` for an event that names only the country: its
    one place, else the last town named before the event (``_from_context``); None when
    that town is in another country or there is none."""
    town = _only_place(all_places, focus) or _recent_place(candidates, told.trigger_sentence, focus)
    return _from_context(town) if town is not None and town.country_code == code else None


def _from_context(value: PlaceValue) -> PlaceValue:
    """A place the event's own sentences do not name, read from the rest of the story: a
    default (``location=default`` in exports; matched as its province in incidents), with
    confidence 0.5 at most."""
    inferred = _own_copy(value)
    inferred.default = True
    inferred.confidence = min(inferred.confidence, 0.5)
    return inferred


def _recent_place(
    candidates: list[PlaceCandidate], trigger_sentence: int, focus: str | None
) -> PlaceValue | None:
    """The last place finer than a country in the story's country named in the
    ``RECENT_SENTENCES`` sentences before the event's, if any."""
    before = _fine_in_focus(
        candidates, focus, range(trigger_sentence - RECENT_SENTENCES, trigger_sentence)
    )
    return max(before, key=lambda c: c.start).mention.value if before else None


def _next_place(
    candidates: list[PlaceCandidate], trigger_sentence: int, focus: str | None
) -> PlaceValue | None:
    """The first place finer than a country in the story's country named in the sentence
    after the event's, if any."""
    after = _fine_in_focus(candidates, focus, range(trigger_sentence + 1, trigger_sentence + 2))
    return min(after, key=lambda c: c.start).mention.value if after else None


def _fine_in_focus(
    candidates: list[PlaceCandidate], focus: str | None, sentences: range
) -> list[PlaceCandidate]:
    """The place mentions finer than a country, in the story's country, in ``sentences``."""
    return [
        c
        for c in candidates
        if c.mention.role == "place"
        and c.mention.value.country_code == focus
        and c.mention.value.precision not in (None, "country", "unknown")
        and c.sentence in sentences
    ]


def _only_place(all_places: list[PlaceMention], focus: str | None) -> PlaceValue | None:
    """The story's one place finer than a country in its focus, when it names exactly one;
    a unit the story names as well as a town in it is the town's ("In Ol Kalou in
    Nyandarua County": one place)."""
    fine = [
        m.value
        for m in all_places
        if m.role == "place"
        and m.value.country_code == focus
        and m.value.precision not in (None, "country")
        and m.value.name
    ]
    towns = [v for v in fine if v.precision not in ("admin1", "admin2")]
    fine = [v for v in fine if not any(_within(town, v) for town in towns)]
    return fine[0] if fine and len({value.name for value in fine}) == 1 else None


def _within(town: PlaceValue, unit: PlaceValue) -> bool:
    """Is ``unit`` (a first- or second-level unit) the one ``town`` lies in?"""
    if unit.precision == "admin1":
        return unit.admin1 is not None and town.admin1 == unit.admin1
    return unit.precision == "admin2" and unit.admin2 is not None and town.admin2 == unit.admin2


def _country_header(doc: Document, all_places: list[PlaceMention]) -> PlaceValue | None:
    """The country a story opens with as its own line, "CHILE.  A bomb ...": the country of
    everything it reports (a filing place, "MADRID (SPAIN), 28 AUG", is not one)."""
    for mention in all_places[:1]:
        value = mention.value
        if mention.relation == "dateline" and value.precision == "country" and value.evidence:
            end = value.evidence[0].end
            if doc.original[end : end + 1] == ".":
                return value
    return None


def _actor_country(doc: Document) -> str | None:
    """The country most of the story's actors belong to ("Kenyan police", "ODM"), if any."""
    counts = Counter(a.country_code for a in doc.layer("actors", []) if a.country_code)
    return counts.most_common(1)[0][0] if counts else None


def _figure_country(doc: Document) -> str | None:
    """The country of the public figures the story names most ("Kibaki's re-election"),
    if any."""
    counts = Counter(hit.country_code for hit in find_figures(doc.text, caseless=doc.all_caps))
    return counts.most_common(1)[0][0] if counts else None


def story_focus(places: list[PlaceMention], *, home: str | None = None) -> str | None:
    """The story's country: the most named among its places and demonyms (a country named
    as the dateline counts DATELINE_WEIGHT times, a demonym or a country named as a
    qualifier NATIONALITY_WEIGHT), the outlet's home country counting as one more mention
    and breaking ties; None when none."""
    counts: Counter[str] = Counter()
    for m in places:
        if not m.value.country_code:
            continue
        if m.relation in ("nationality", *ABROAD):
            continue  # "US forces", "raiders from Sudan": who is from abroad, not where
        # A border ("near the Somali border") is the edge of the country, on either side.
        weight = NATIONALITY_WEIGHT if m.role == "demonym" or m.relation == "border" else 1.0
        if m.relation == "dateline" and m.value.precision == "country":
            weight = DATELINE_WEIGHT
        counts[m.value.country_code] += weight
    if home:
        counts[home] += 1
    if not counts:
        return None
    best = max(counts.values())
    if home and counts[home] == best:
        return home
    # On a tie, the country named first wins: leads name the scene first.
    return next(m.value.country_code for m in places if counts[m.value.country_code] == best)


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
