"""The places stage's patterns and word lists: relation cues, guards, datelines.

Kept apart from ``places.py`` so the stage reads as find / annotate; everything here is
data or a compiled pattern, plus the common-word set the guards use.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..resources import gazetteer as gz

DIRS = r"(?:north|south|east|west)(?:\s?(?:east|west))?(?:ern)?"
REL_OFFSET = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(km|kms|kilometers|kilometres|kilometer|kilometre|miles|mile|mi)\s+"
    r"(?:to\s+the\s+)?(" + DIRS + r")\s+of\s+(?:the\s+)?(?:(?:capital|city|town|village|"
    r"province|district)\s+(?:of\s+)?)?$"
)
REL_DIR = re.compile(
    r"\b(" + DIRS + r")\s+of\s+(?:the\s+)?(?:(?:capital|city|town|village|provincial capital)"
    r"\s+(?:of\s+)?)?$"
)
# Buildings: "near" or "outside" one puts an event at it, inside its town ("outside his
# mosque in Mombasa", "near Dhaka university").
BUILDINGS = (
    r"(?:mosques?|churche?s?|schools?|universit(?:y|ies)|college|hospital|hotel|station"
    r"|offices?|market|courts?|conference|building|entrance|gate|bank|terminal|club|house"
    r"|home|residence|premises|stadium|parliament|shop|restaurant|cinema|temple)"
)
# Capitalised words that make a name part of an institution's: "St. Gabriel's Secondary
# School", "Al-Jaza'ir Mosque" (case matters: "Gilo school" is a school in Gilo).
INSTITUTION_AFTER = re.compile(
    r"(?:'s|\u2019s)?(?: [A-Z][\w'\u2019-]*){0,3} (?:School|College|University|Hospital|Church"
    r"|Mosque|Temple|Cathedral|Seminary|Institute|Academy|Club|Hotel|Bank|Stadium|Prison)s?\b"
)
# A building named after its town: "near Dhaka university", "outside the Kilifi police station".
BUILDING_AFTER = re.compile(r"\s+(?:[a-z'-]+\s+){0,2}?" + BUILDINGS + r"\b", re.IGNORECASE)
REL_NEAR = re.compile(
    r"\b(near|close to|outskirts of|outside|just outside|in the vicinity of|near the town of|"
    r"near the village of|near the city of)\s+(?:the\s+)?$"
)
REL_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:[\w' ]{1,40}?\s+and\s+(?:the\s+)?)?$")
REL_IN = re.compile(
    r"\b(in|at|inside|within|into)\s+(?:the\s+)?(?:(?:[a-z]+\s+)?(?:province|district|county|"
    r"governorate|department|region|state|city|town|village|area)\s+of\s+)?$"
)
UNIT_BEFORE = re.compile(
    r"\b(?:(province|governorate|county|division|department|state|region)\s+of\s+|"
    r"(district|sub-district|county|upazila|village|town|city)\s*,\s*)$"
)
UNIT_AFTER = re.compile(r"^\s(province|governorate|county|division|department|state|region)\b")
LOCAL_AFTER = re.compile(r"^\s(district|sub-district|village|town|city|area|market|bazaar|camp)\b")
# The words that name a local unit after its name ("Likuyani subcounty", "Hathazari
# upazila", "Balambala sub-county"): with one, a district or ward known by its centre is
# taken even when its name is an English word.
LOCAL_UNIT_AFTER = re.compile(
    r"\s(?:district|sub-?district|upazill?a|sub-?county|ward|constituency|municipality|"
    r"tehsil|thana|union|county|location|sub-?location|province|department)\b",
    re.IGNORECASE,
)
# "Munshiganj Sadar [upazila]": in Bangladesh the sub-district around a district's
# headquarters town, named after it; the story means the town, not the district of the
# same name.
SADAR = re.compile(r"\s(?i:sadar)\b(?:\s(?i:upazilla|upazila|thana))?")
CUE_BEFORE = re.compile(
    r"\b(in|at|near|of|from|outside|to|toward|towards|into|between|and|village|town|city)\s+$"
)
LOCATIVE_BEFORE = re.compile(r"\b(in|at|near|outside)\s+$")
# The cue a small town named by an everyday word needs in wire caps: "at" is not one
# ("AT WAR", "AT HOME").
IN_OR_NEAR_BEFORE = re.compile(r"\b(in|near|outside)\s+$")
# "Central American", "Latin American", "Pan-American": of a region, not of the United
# States.
REGION_OF_AMERICAS = re.compile(r"\b(?:central|latin|south|pan|ibero|inter|meso)[\s-]+$")
# Words at least this frequent in English (Zipf: "war" 5.5, "english" 5.3, "strong" 5.2)
# name a small town in caps only with a unit word ("WAR DISTRICT").
EVERYDAY_ZIPF = 5.0
# A place name that names a weapon ("Grad rockets", "Molotov cocktails", "Qassam rocket"):
# not a place here.
WEAPON_AFTER = re.compile(
    r"[- ](?:rockets?|missiles?|cocktails?|launchers?|rifles?|mortars?|mines?)\b", re.IGNORECASE
)
# A name inside a street's name ("Arbab Ghulam Ali Road", "Mombasa Road"): the street is in
# another town. Mixed case only: in wire caps "ROAD" may be the road between two towns.
STREET_AFTER = re.compile(r" (?:Road|Street|St\.|Avenue|Ave\.|Boulevard|Lane|Drive)\b")
# The first of two streets named together: "between San Diego and Arturo Prat streets".
STREETS_AFTER = re.compile(r" and ((?:[\w'.-]+ ){1,3})(?:streets|avenues|roads)\b", re.IGNORECASE)
HONORIFIC = re.compile(
    r"\b(mr|mrs|ms|dr|gen|general|president|minister|lt|col|sgt|capt|sheikh|mullah|imam|"
    r"maulana|mawlawi|maulvi|qari|haji|commander|spokesman|king|prince|senator|judge|mp|mca|"
    r"hon|rep|sen|pastor|bishop|father|prof|engineer|eng|colonel|captain|lieutenant|sergeant|"
    r"governor|mayor|archbishop|ambassador|attorney general|commentator|reporter|journalist|"
    r"correspondent|newsman|columnist|editor)\.?\s+$"
)


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A capitalised word right after a one-word town makes it part of a longer proper name
# ("Asker Abrekov", "Puli Alam", "Kabul Bank") unless the word names a kind of place.
# Capitalised words that carry on an organisation's name after a place-like word: "Naga
# National Council", "Karen National Union", "Kachin Independence Army".
ORGANISATION_WORDS = words(
    """national liberation front army party council union movement democratic revolutionary
    independence brigade brigades tigers forces militia congress league organisation
    organization association alliance federation"""
)
# Towns named by a word that also ends an organisation's name: after a capitalised word
# they end that name ("the National Communications Enterprise" is no Enterprise, Nevada).
ORGANISATION_ENDS = words(
    """enterprise enterprises company corporation commission agency authority alliance
    congress league federation council commerce industry security justice liberty progress
    reform defiance"""
)
NEXT_CAP = re.compile(r"^ ([A-Z][a-z]+)\b")
PREV_CAP = re.compile(r"\b([A-Z][a-z]+) $")
PLACE_NOUNS = words(
    """county counties province provinces district districts division sub subcounty location
    sub-location sublocation ward constituency village villages town city municipality
    upazila union governorate department state region area areas camp market bazaar bazar
    sadar road street highway bridge border crossing airport airfield base station police
    prison estate slum river valley hills mountains forest plateau island lake port junction
    center centre stage hospital hotel school university mosque church temple residents
    press club college girls boys stadium court polytechnic academy institute mall bus
    railway terminal harbour cantonment barracks showground grounds hall office offices
    municipal county's village's town's city's district's province's"""
)
# Unit words that, with a number after them, name a numbered unit ("Ward 5 of Kandahar",
# "Sector 3"), not a town so called (Ward, Arkansas).
NUMBERED_UNITS = words(
    """ward sector zone block phase section district area camp quarter lot plot unit colony
    precinct division village"""
)
UNIT_NUMBER_AFTER = re.compile(r" (?:no\.? ?)?\d")
# The word after a country name, when it names a thing of that country ("US forces"); and
# the words after which a country name is still the place ("in Iraq on Sunday").
NEXT_WORD = re.compile(r"\.?(?: +|-)([A-Za-z][a-z]*)\b")
PLACE_FOLLOWERS = words(
    """on in at and or but to from for by with near of since during after before as when
    while where which who that the a an is was were are has had have this last late early
    earlier later"""
)
# What a town loses in resolution when the text uses one of its alternate names and another
# town bears that name as its own (about a millionfold population), unless it is at least
# ALIAS_OUTWEIGHS times as large as that town: then the alternate name is its common name.
ALIAS_PENALTY = 3.0
ALIAS_OUTWEIGHS = 5
# With the story's country known, a town abroad named only by one of its alternate names
# is not taken unless it has this many people: "Julia" (once Plovdiv) in "MARIA JULIA
# HERNANDEZ" is a name; "Bombay" and "Kiev" are still the cities.
ALIAS_CITY_POPULATION = 1_000_000
# A capitalised name in a place's slot ("in Mahmoudiya", "the Sederot settlement") that no
# gazetteer key holds: it is looked up by its consonants (gazetteer.spelling_key).
SPELLED_PLACE = re.compile(
    r"\b(?:in|at|near|outside|(?:village|town|city|settlement|district|area|neighbou?rhood"
    r"|suburb|quarter) of)\s+"
    r"([A-Z][a-z'’-]{2,}(?:\s[A-Z][a-z'’-]{2,}){0,2})\b"
    r"|\bthe\s+([A-Z][a-z'’-]{2,}(?:\s[A-Z][a-z'’-]{2,})?)\s+"
    r"(?:settlement|crossing|village|town|kibbutz|refugee camp)\b"
)
# What may follow such a name in the first slot: the end of the clause, not a unit word or
# a containing unit ("in Kishindih district", "in Kinale, Lari sub county"), which name a
# local place the gazetteer lacks (place_units keeps those by their own names). A last
# single name after a comma ends the clause too ("in Akhal Bhatpora, Gandubal."): when the
# gazetteer has that unit, place_units has taken the name already.
SPELLED_END = re.compile(
    r"\s*(?:[.;:)]|$)|\s*,\s+(?![A-Z])|\s*,\s+[A-Z][a-z'’-]+(?:\s[A-Z][a-z'’-]+){0,2}\s*(?:[.;:)]|$)"
    r"|\s+(?:on|in|at|and|after|when|where|while|to|from|"
    r"with|by|since|during|as|but|killing|wounding|injuring|leaving|last|early|late|killed|"
    r"wounded|injured|left|exploded|caused|was|were|just|shot|detonated|died|opened|for|near|"
    r"who|which|that|today|yesterday|overnight|before|following|amid|has|had|is|are|said)\b"
)
MONTH_OR_DAY = re.compile(
    r"(?:jan|febr)uary|march|april|may|june|july|august|(?:sept|nov|dec)ember|october|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
)
# An Arabic article before a name ("Al Hawijah", "Ash Sharqat"), which the press often
# leaves out ("Hawija"): not counted when comparing spellings.
# A name joined by a hyphen to a capitalised word ("Urus-Martanovskiy", "Lamu-Garissa"),
# and the words that begin Arabic and Persian names without making them two ("Al-", "Abu-").
HYPHEN_AFTER = re.compile(r"-([A-Z][a-z]+)")
HYPHEN_BEFORE = re.compile(r"\b([A-Z][a-z]+)-$")
ROUTE_AFTER = re.compile(
    r"\s+(?:road|highway|border|crossing|railway|rail line|line|route|axis|junction|bridge)\b",
    re.IGNORECASE,
)
NAME_PREFIXES = words(
    """al el ad ar as at ash an az ez abu bin ibn umm ben beni bani ait sidi ras tel tal kafr
    deir beit bayt khan"""
)
ARTICLE = re.compile(r"^(?:al|el|ash|as|ad|an|ar|at|az|ath|adh)[ -]")
# A town found by its consonants differs from the name as written by at most this many
# letters ("Sederot" / "Sderot"): not "Atzmona" for "Atsmon Segev".
SPELLING_SLACK = 3
# What a local unit (a district or ward known by its centre) loses in resolution: any town
# or unit of the gazetteer's first sources bearing the name in a country as much in the
# story comes first.
LOCAL_UNIT_PENALTY = 3.0
# What "X Sadar" adds to a town named X: more than a district's larger population gives it.
SADAR_TOWN = 4.0
# After a country or demonym, its capital named by role: "the Iraqi capital", "Kenya's
# capital" (not "capital punishment", "capital markets", "capital gains").
CAPITAL_AFTER = re.compile(
    r"(?:'s)? capital(?:'s)?\b(?! (?:punishment|markets?|gains?|flight|expenditure|goods"
    r"|investment|spending|account|offen[cs]es?|crimes?|charges?|cases?)\b)",
    re.IGNORECASE,
)
THE_BEFORE = re.compile(r"\bthe $", re.IGNORECASE)
# A destination, "due to arrive in the Iraqi capital": where someone goes, not where the
# event happened.
DESTINATION_BEFORE = re.compile(
    r"\b(?:arriv\w*|visit\w*|travel\w*|fl(?:y|ew|own|ying)|return\w*|head\w*|bound)"
    r"(?: (?:in|to|for))? (?:the )?$",
    re.IGNORECASE,
)
# "in the capital" with no name after it: the capital of the story's country.
THE_CAPITAL = re.compile(
    r"\bthe" + CAPITAL_AFTER.pattern + r"(?!(?: city)?(?:,? (?-i:[A-Z])| of\b))", re.IGNORECASE
)
# A nationality before a noun for people or things abroad: "the U.S. embassy in Athens", "a
# Turkish national", "an American tourist", "five of them of Spanish background" tell where
# they come from, never where they are.
ABROAD_AFTER = re.compile(
    r"\.?(?: +|-)(?:(?:[a-z]+ ){0,2})(?:embass(?:y|ies)|consulates?|consul|consular|ambassadors?"
    r"|high commissions?|high commissioners?"
    r"|diplomats?|diplomatic|tourists?|missionar(?:y|ies)|nationals?|citizens?|expatriates?"
    r"|contractors?|license plates?|licence plates?|exiles?|background|origins?|descent"
    r"|(?:truck|lorry) drivers?|truckers?|trucks?|lorries|hostages?|sailors?|seamen"
    r"|extraction|nationality|born)\b"
)
# A nationality on armed forces: "US troops", "Israeli forces", "American military convoy".
FORCES_AFTER = re.compile(
    r"(?: +|-)(?:(?:[a-z]+ ){0,2})(?:troops|forces|soldiers|military|army|marines|convoys?"
    r"|patrols?|helicopters?|warplanes?|jets|drones?)\b"
)
# Where people come from or go, never where the event is. A nationality on raiders,
# bandits or refugees tells where they come from ("Ethiopian raiders attack Kenyan
# civilians"), as does "from COUNTRY" on any armed group ("militia from Sudan"). Gunmen,
# militants, armies and police with a nationality are left alone: they mostly act at home.
_ROAMING = r"raiders?|rustlers?|bandits?|tribesmen|pirates?|herders?|herdsmen|refugees?"
ORIGIN_AFTER = re.compile(r"(?: +|-)(?:(?:[a-z]+ ){0,2})(?:" + _ROAMING + r")\b")
ORIGIN_BEFORE = re.compile(
    r"\b(?:" + _ROAMING + r"|gunmen|militia(?:s|men)?|militants?|attackers?|assailants?"
    r"|armed groups?)(?: [a-z]+){0,2} from (?:the )?$"
)
# A country someone flees or is taken to: "before fleeing into Somalia", "took them into
# Somalia", "being ferried to Somalia" (what happened, happened before they got there;
# "escaping to Kenya and hiding there" is not one).
FLED_TO_BEFORE = re.compile(
    r"\b(?:(?:fle[de]\w*|flee|escap\w*|retreat\w*|withdr[ae]w\w*)(?: [\w-]+){0,5}? into"
    r"|(?:smuggl\w*|ferr(?:y|ied|ying)|export\w*|took|tak(?:e|en|ing))(?: [\w-]+){0,5}?"
    r" (?:in)?to) (?:the )?$"
)
# Words before "from COUNTRY" that make it the place of the event: "the deportation of
# militants from Kenya".
FROM_HERE_BEFORE = re.compile(r"\b(?:deport|expel|expul|extradit|evict|repatriat|remov|ban)\w*")
# A border has two sides: "near the border with Somalia", "near the Somali border", "the
# Uganda-Kenya border" do not say on which side the event was ("within the Kenyan border"
# and "a Kenyan border town" do).
BORDER_AFTER = re.compile(
    r"(?:-[A-Za-z]+)?(?: +|-)borders?\b(?! (?:towns?|villages?|cit(?:y|ies)|count(?:y|ies)"
    r"|districts?|areas?|regions?|settlements?)\b)"
)
BORDER_BEFORE = re.compile(r"\bborders? (?:with|of) (?:the )?$")
INSIDE_BEFORE = re.compile(r"\b(?:within|inside) (?:the )?$")
# Of the relations above (model.ELSEWHERE_RELATIONS), origin and destination are no sign
# of the story's country; a border is the country's edge.
ABROAD = ("origin", "destination")
# A nationality before a word for a place or land: "raid a Kenyan village", "on Ugandan
# soil", "a Kenyan refugee camp" say where, as the country's name would (not "the Kenyan
# border", which has two sides, nor "Kenyan villagers", who may be anywhere).
LOCATED_AFTER = re.compile(
    r"(?: +|-)(?:(?:[a-z]+ ){0,2})(?:villages?|towns?|cit(?:y|ies)|soil|territory|side|"
    r"(?:refugee )?camps?|districts?|count(?:y|ies)|provinces?|regions?|countryside|coast|"
    r"waters)\b(?!-)"
)
# The words right beside a name, parted from it by spaces only (in the scan view).
PREVIOUS_WORDS = re.compile(r"(?:\w+ +){1,2}$")
FOLLOWING_WORD = re.compile(r" +(\w+)")
# A name's possessive and the word after it: "Panama's archbishop", "Iraq's Anbar".
POSSESSED = re.compile(r"['’]s +([a-z]+)")
# Words for parts of a land, after a possessive: "Kenya's coastal county", "Iraq's western
# desert" still say where.
LAND_WORDS = words(
    """coastal western eastern northern southern central northeastern northwestern southeastern
    southwestern remote restive troubled volatile border frontier capital largest second
    third main biggest oldest desert coast heartland countryside"""
)
# How much a demonym or a country named as a qualifier counts towards the story's country,
# against 1 for a place named as such.
NATIONALITY_WEIGHT = 0.5
# A dateline: the story's first words, a place in capitals closed by ".", "," or "(".
DATELINE = re.compile(r"^\s*(?:[A-Z][A-Z .'-]*\()?$")
DATELINE_END = re.compile(r"^(?:\.|,|\s*\(|\),)")
# Mentions of a country beyond this add nothing when resolving a name: a story about two
# countries weighs both fully.
FOCUS_CAP = 3
# Fire aimed at, or falling on, the place named next: "fired two rockets at", "landed in",
# "fired on the town of", "targeting", "landed in an open area near".
AIMED_AT_BEFORE = re.compile(
    r"\b(?:(?:fir(?:ed|ing)|launch(?:ed|ing)|lobb(?:ed|ing)|shot|shooting)\s+(?:[\w-]+\s+){0,5}?"
    r"(?:at|on|into|toward|towards)|target(?:ed|ing)"
    r"|(?:landed|fell|exploded|struck|hit)\s+(?:[\w-]+\s+){0,4}?(?:in|near|on|outside|in the area of))"
    r"\s+(?:the\s+(?:town|city|village|settlement|kibbutz|moshav)\s+of\s+)?$"
)
# Between a town and a part of it that it names as its own: "Jerusalem's Gilo".
POSSESSIVE_GAP = re.compile(r"['’]s\s+")
# What a group of the story's being of a country adds to a namesake there: less than one
# mention of the country (10), more than a town's size can (half its log10 population).
GROUP_COUNTRY = 4.0
# How many mentions a country named as the dateline counts for in the story's focus.
DATELINE_WEIGHT = 3
# With the story's country known, a town abroad of fewer people than this that is the
# only reading of its name is more likely a word or a local name we do not know.
FOREIGN_TOWN_POPULATION = 200_000
BEARING = {
    "north": 0,
    "northeast": 45,
    "east": 90,
    "southeast": 135,
    "south": 180,
    "southwest": 225,
    "west": 270,
    "northwest": 315,
}
PERSON_LIKE = frozenset(
    [
        "jordan",
        "chad",
        "georgia",
        "virginia",
        "victoria",
        "florence",
        "austin",
        "houston",
        "lincoln",
        "charlotte",
        "sydney",
        "eugene",
        "troy",
        "paris",
        "israel",
        "kent",
        "douglas",
        "chester",
        "orlando",
        "salem",
        "camden",
    ]
)
DIRECTION_WORDS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "upper",
        "lower",
        "middle",
    ]
)


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words ("to", "of", "same", ...)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def common_words() -> frozenset[str]:
    return (
        stop_words()
        | gz.STOP_KEYS
        | frozenset(
            [
                "hit",
                "arab",
                "quds",
                "abu",
                "popular",
                "fell",
                "barrage",
                "maximum",
                "came",
                "fully",
                "along",
                "go",
                # "Supreme Court", "Bar Association": titles, not Supreme (Louisiana) or
                # Bar (Montenegro).
                "supreme",
                "bar",
                # "Grenade attack": the weapon, not Granada (French "Grenade").
                "grenade",
            ]
        )
    )
