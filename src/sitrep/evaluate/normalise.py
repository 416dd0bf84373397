"""Normalisation and the matching rules of names, places, countries, actors and fillers.

Everything the scorer compares goes through here first: text and place-name
normalisation, actor-name and perpetrator matching, country names to ISO codes, and the
vocabulary tables (RAND weapon words, MUC incident types, physical-target words) with the
derivations that use them. The rules are written out in ``docs/evaluation.md``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from ..model import Actor, Event
from ..resources.gazetteer import haversine_km as haversine_km  # re-exported

# --------------------------------------------------------------------------- normalisation

_ARTICLES = frozenset({"a", "an", "the"})
# Words dropped from administrative and place names before comparing them.
# fmt: off
PLACE_WORDS = frozenset({
    "province", "provincial", "governorate", "district", "county", "sub", "subcounty",
    "state", "region", "department", "municipality", "division", "prefecture", "city",
    "town", "village", "wilaya", "oblast", "muhafazah", "upazila", "zila",
})
# fmt: on
# Arabic article variants: "al-Anbar", "Al Anbar", "el-Anbar" all become "anbar".
_ARABIC_ARTICLES = frozenset({"al", "el"})


def normalise_text(value: str) -> str:
    """Casefold, strip accents and punctuation, drop English articles, collapse spaces."""
    value = unicodedata.normalize("NFKD", value)
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    value = value.casefold().replace("'", "").replace("\u2019", "")
    value = re.sub(r"[\W_]+", " ", value)
    return " ".join(word for word in value.split() if word not in _ARTICLES)


def normalise_place(value: str) -> str:
    """``normalise_text`` plus: drop admin words (province, district...) and al-/el- prefixes."""
    words = normalise_text(value).split()
    kept = [w for w in words if w not in PLACE_WORDS and w not in _ARABIC_ARTICLES]
    return " ".join(kept or words)


def places_equal(gold: str | None, predicted: str | None) -> bool:
    """Place names equal after ``normalise_place``, also ignoring the spaces between words."""
    if not gold or not predicted:
        return False
    a, b = normalise_place(gold), normalise_place(predicted)
    return bool(a) and (a == b or a.replace(" ", "") == b.replace(" ", ""))


def label(value: Any) -> str:
    """A categorical value compared case-insensitively with collapsed spaces."""
    return " ".join(str(value).casefold().split())


# --------------------------------------------------------------------------- actors

_SUFFIX = re.compile(r"\s*\(([^()]*)\)\s*$")
_PERIOD = re.compile(r"^\s*\d{4}\s*-\s*(?:\d{4})?\s*$")
# ACLED: "Police Forces of Kenya (2013-) General Service Unit" - a unit after the period.
_UNIT_AFTER_PERIOD = re.compile(r"^(.*?\(\d{4}\s*-\s*(?:\d{4})?\)).+$")
# ACLED: "SLDF: Sabaot Land Defence Force" - an acronym, a colon, the name.
_ACRONYM_PREFIX = re.compile(r"^([A-Z][\w&.'-]{1,12}):\s+(.+)$")


def strip_actor_suffix(name: str) -> str:
    """'Military Forces of Afghanistan (2014-)' -> 'Military Forces of Afghanistan'."""
    return _SUFFIX.sub("", name).strip()


def _actor_forms(name: str) -> tuple[str, str | None, list[str]]:
    """(base name, country qualifier, other names) of an actor name as the datasets write it.

    The period "(2014-)" and a unit after it are dropped; "(Kenya)" is kept as the
    country; "Hamas (Islamic Resistance Movement)" and "SLDF: Sabaot Land Defence Force"
    give their second name (and acronym) as other names."""
    name = name.strip()
    unit = _UNIT_AFTER_PERIOD.match(name)
    if unit:
        name = unit.group(1)
    others: list[str] = []
    prefix = _ACRONYM_PREFIX.match(name)
    if prefix:
        others.append(prefix.group(1))
        name = prefix.group(2)
    country = None
    suffix = _SUFFIX.search(name)
    if suffix:
        inner = suffix.group(1).strip()
        base = name[: suffix.start()].strip()
        if _PERIOD.match(inner):
            name = base
        elif country_code(inner) is not None:
            country, name = country_code(inner), base
        else:
            others.append(inner)
            name = base
    of_country = re.match(r"^(.*\bForces) of (?:the )?(.+)$", name)
    if of_country and country_code(of_country.group(2)) is not None:
        country, name = country_code(of_country.group(2)), of_country.group(1)
    return name, country, others


@lru_cache(maxsize=1)
def _dictionary_keys() -> dict[str, str]:
    """Normalised canonical names and aliases of the actor dictionary -> canonical name
    (named groups only: role words such as "police" name no one group)."""
    from ..resources.actors import load_actor_dictionary

    keys: dict[str, str] = {}
    for entry, aliases in load_actor_dictionary().names():
        if entry.generic:
            continue
        for alias in (entry.canonical, *aliases):
            keys.setdefault(normalise_text(alias), entry.canonical)
    return keys


def _canonical(name: str) -> str | None:
    return _dictionary_keys().get(normalise_text(name))


@lru_cache(maxsize=65536)
def _names_match(gold: str, predicted: str) -> bool:
    if normalise_text(gold) == normalise_text(predicted):
        return True
    g_base, g_country, g_others = _actor_forms(gold)
    p_base, p_country, _ = _actor_forms(predicted)
    if g_country and p_country and g_country != p_country:
        return False  # the same role in another country is another actor
    if normalise_text(g_base) == normalise_text(p_base):
        return True
    # Alias equality: any of the gold's names is a name of the predicted dictionary entry.
    p_canonical = _canonical(p_base) or _canonical(predicted)
    if p_canonical is None:
        return False
    return any(_canonical(form) == p_canonical for form in (g_base, gold, *g_others))


def actor_names_match(gold: str, predicted_actor: Actor | None) -> bool:
    """Does the predicted actor name the gold actor? (rule: docs/evaluation.md, Actors)

    Normalised names equal; or equal once ACLED's period "(2014-)" (and a unit named
    after it) is dropped; or one dictionary entry has both names (canonical or alias, the
    gold's parenthesised or "ACRONYM:" second name included). A country qualifier
    ("(Kenya)", "of Kenya") must agree when both sides carry one; a predicted role with no
    country (the story named none) matches that role in any country."""
    if predicted_actor is None or not gold:
        return False
    return _names_match(gold, predicted_actor.name)


def perpetrator_matches(gold: str, predicted_actor: Actor | None) -> bool:
    """Gold 'Unknown' matches no actor1 or an 'Unidentified ...' one; else actor_names_match."""
    if label(gold) == "unknown":
        return predicted_actor is None or predicted_actor.name.casefold().startswith("unidentified")
    return actor_names_match(gold, predicted_actor)


# --------------------------------------------------------------------------- countries

# Dataset spellings pycountry does not resolve by itself (RAND's regions included, coded
# as the datasets code them).
# fmt: off
COUNTRY_ALIASES = {
    "russia": "RU", "iran": "IR", "syria": "SY", "south korea": "KR", "north korea": "KP",
    "vietnam": "VN", "south vietnam": "VN", "bolivia": "BO", "venezuela": "VE",
    "tanzania": "TZ", "laos": "LA", "moldova": "MD", "ivory coast": "CI", "turkey": "TR",
    "palestine": "PS", "west bank": "PS", "gaza strip": "PS", "taiwan": "TW",
    "macedonia": "MK", "great britain": "GB", "england": "GB", "usa": "US",
    "kosovo": "XK", "brunei": "BN", "czech republic": "CZ", "kashmir": "IN",
    "northern ireland": "GB", "chechnya": "RU", "bosnia herzegovina": "BA",
    "east timor": "TL", "german democratic republic": "DE", "west germany": "DE",
    "papua new guinea": "PG", "swaziland": "SZ", "canary islands": "ES", "azores": "PT",
    "trinidad tobago": "TT", "fry": "RS", "serbia and montenegro": "RS", "zaire": "CD",
    "cote divoire": "CI", "burma": "MM", "rhodesia": "ZW", "ceylon": "LK",
}
# fmt: on


def _country_spellings(name: str) -> list[str]:
    """'Burma (Myanmar)' -> [that, 'Myanmar', 'Burma']; 'Korea, South' -> [.., 'South Korea']."""
    spellings = [name]
    inner = re.fullmatch(r"(.*?)\s*\((.*)\)\s*", name)
    if inner:
        spellings += [inner.group(2), inner.group(1)]
    if "," in name:
        head, _, tail = name.partition(",")
        spellings += [f"{tail.strip()} {head.strip()}", head]
    return spellings


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-2 code for a country name (COUNTRY_ALIASES, then pycountry)."""
    import pycountry

    for spelling in _country_spellings(name):
        key = normalise_text(spelling)
        if key in COUNTRY_ALIASES:
            return COUNTRY_ALIASES[key]
        try:
            return pycountry.countries.lookup(spelling.strip()).alpha_2
        except LookupError:
            continue
    return None


# --------------------------------------------------------------------------- vocabularies

# RAND RDWTI weapon words -> the GTD-style weapon types sitrep codes.
RAND_WEAPON_TYPES = {
    "fire or firebomb": "Incendiary",
    "remote-detonated explosive": "Explosives",
    "knives & sharp objects": "Melee",
    "chemical agent": "Chemical",
    "biological agent": "Biological",
    "bombing": "Explosives",
}


def gtd_weapon_type(gold: str) -> str:
    """A gold weapon type in GTD words (RAND's own words mapped by RAND_WEAPON_TYPES)."""
    return RAND_WEAPON_TYPES.get(label(gold), gold)


# Our event -> MUC incident type, first hit wins: (event attribute, its value) -> type.
MUC_INCIDENT_TYPES = {
    ("attack_type", "bombing/explosion"): "BOMBING",
    ("attack_type", "hostage taking (kidnapping)"): "KIDNAPPING",
    ("attack_type", "hostage taking (barricade incident)"): "KIDNAPPING",
    ("sub_event_type", "abduction/forced disappearance"): "KIDNAPPING",
    ("weapon_type", "incendiary"): "ARSON",
    ("attack_type", "robbery"): "ROBBERY",
}
ARSON_WORDS = frozenset({"arson", "torched", "torch", "set fire", "set ablaze", "burned", "burnt"})
VIOLENT_EVENT_TYPES = frozenset(
    {
        "battles",
        "explosions/remote violence",
        "violence against civilians",
    }
)
THREAT_MODES = frozenset({"threat", "future"})
THREAT_STAGES = frozenset({"threat", "threatened"})

# MUC target fillers whose words name a thing, not people: they go to physical_targets.
# fmt: off
PHYSICAL_WORDS = frozenset({
    "building", "buildings", "embassy", "office", "offices", "station", "tower", "towers",
    "bridge", "vehicle", "vehicles", "bus", "car", "truck", "house", "home", "headquarters",
    "plant", "pipeline", "line", "lines", "post", "store", "stores", "bank", "church",
    "school", "facility", "installation", "base", "airport", "road", "hotel", "residence",
    "property", "aircraft", "plane", "helicopter", "train", "power", "electric",
    # plurals and more places and things a target may be ("burned 13 houses")
    "houses", "homes", "banks", "churches", "schools", "stations", "bridges", "buses",
    "cars", "trucks", "hotels", "restaurant", "restaurants", "farm", "farms",
    "factory", "shop", "shops",
})
# fmt: on


def muc_incident_type(event: Event | None) -> str | None:
    """MUC incident type of one of our events (see MUC_INCIDENT_TYPES), None if not violent."""
    if event is None:
        return None
    for (attr, value), incident in MUC_INCIDENT_TYPES.items():
        if label(getattr(event, attr) or "") == value:
            return incident
    if any(label(w.type) == "incendiary" for w in event.weapons):
        return "ARSON"
    if event.trigger is not None:
        words = normalise_text(event.trigger.text)
        if any(f" {w} " in f" {words} " for w in ARSON_WORDS):
            return "ARSON"
    if label(event.event_type or "") in VIOLENT_EVENT_TYPES or event.attack_type:
        return "ATTACK"
    return None


def muc_stage(event: Event | None) -> str | None:
    """THREAT for a threat/future event, else ACCOMPLISHED."""
    if event is None:
        return None
    return "THREAT" if event.mode in THREAT_MODES else "ACCOMPLISHED"


# --------------------------------------------------------------------------- list slots


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def filler_key(value: str) -> str:
    """A MUC filler or predicted string, normalised and lightly singularised word by word."""
    return " ".join(_singular(w) for w in normalise_text(value).split())


def filler_matches(gold: str, alternatives: tuple[str, ...]) -> bool:
    """Either string contains the other as whole words, for any predicted alternative."""
    g = filler_key(gold)
    if not g:
        return False
    for alt in alternatives:
        p = filler_key(alt)
        if p and (f" {g} " in f" {p} " or f" {p} " in f" {g} "):
            return True
    return False


def _actor_filler(actor: Actor | None) -> list[tuple[str, ...]]:
    if actor is None:
        return []
    return [tuple(s for s in (actor.name, actor.text) if s)]


def _is_physical(text: str) -> bool:
    return any(w in PHYSICAL_WORDS for w in normalise_text(text).split())


def predicted_fillers(event: Event | None, slot: str) -> list[tuple[str, ...]]:
    """Predicted strings for a MUC list slot; each filler is a tuple of alternative wordings."""
    if event is None:
        return []
    if slot == "perpetrators":
        return _actor_filler(event.actor1)
    if slot == "instruments":
        found = []
        for weapon in event.weapons:
            alts = [weapon.type, weapon.subtype or ""] + [ev.text for ev in weapon.evidence]
            found.append(tuple(a for a in alts if a))
        return found
    physical = [(t.text,) for t in event.targets if _is_physical(t.text)]
    if slot == "physical_targets":
        return physical
    human = [(t.text,) for t in event.targets if not _is_physical(t.text)]
    named = [(t.name,) for t in event.named_targets]
    return _actor_filler(event.actor2) + named + human
