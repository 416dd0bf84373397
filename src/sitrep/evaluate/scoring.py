"""The one scorer: matches predicted events to gold events and scores every gold field.

The report (``report.py``) and the gate (``gate.py``) both read what :class:`Scorer`
produces, so the two can never disagree. The rules are written out in
``docs/evaluation.md``; the tables that carry them (field mapping, RAND weapon words,
MUC incident types, place words) are module-level dicts here.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..model import Actor, DateValue, Event, Extraction
from .datasets import GoldRecord

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


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (mean Earth radius 6371.0088 km)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


# --------------------------------------------------------------------------- actors

_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$")


def strip_actor_suffix(name: str) -> str:
    """'Military Forces of Afghanistan (2014-)' -> 'Military Forces of Afghanistan'."""
    return _SUFFIX.sub("", name).strip()


def actor_names_match(gold: str, predicted_actor: Actor | None) -> bool:
    """Does the predicted actor name the gold actor?

    Hook for the actor dictionary: today, normalised canonical names are equal, or equal
    once a trailing parenthesised country/year qualifier is removed from both sides.
    When the dictionary lands, alias equality belongs here too.
    """
    if predicted_actor is None or not gold:
        return False
    name = predicted_actor.name
    if normalise_text(gold) == normalise_text(name):
        return True
    bare_gold = normalise_text(strip_actor_suffix(gold))
    return bool(bare_gold) and bare_gold == normalise_text(strip_actor_suffix(name))


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
    return _actor_filler(event.actor2) + human


# --------------------------------------------------------------------------- field table

LOCATION_RADII_KM = (25, 100)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, DateValue):
        return value.start
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _place_attr(attr: str) -> Callable[[Event | None], Any]:
    return lambda event: getattr(event.place, attr) if event and event.place else None


def _attr(attr: str) -> Callable[[Event | None], Any]:
    return lambda event: getattr(event, attr) if event is not None else None


def _count(attr: str) -> Callable[[Event | None], Any]:
    def get(event: Event | None) -> int | None:
        count = getattr(event, attr) if event is not None else None
        return count.best if count is not None else None

    return get


def _inter(attr: str) -> Callable[[Event | None], Any]:
    def get(event: Event | None) -> int | None:
        if event is None:
            return None
        actor = getattr(event, attr)
        return 0 if actor is None else actor.inter  # ACLED codes "no actor" as 0

    return get


def _weapon_type(event: Event | None) -> str | None:
    if event is None:
        return None
    return event.weapon_type or (event.weapons[0].type if event.weapons else None)


def _coords(event: Event | None) -> tuple[float, float] | None:
    if event is None or event.place is None or event.place.lat is None or event.place.lon is None:
        return None
    return (event.place.lat, event.place.lon)


def _eq_label(gold: Any, pred: Any, _: dict) -> bool:
    return label(gold) == label(pred)


def _eq(gold: Any, pred: Any, _: dict) -> bool:
    return gold == pred


def _eq_date(gold: Any, pred: Any, gold_event: dict) -> bool:
    """Same day. For a predicted interval coarser than a day, the gold day lies inside it
    (ACLED codes a week- or month-precision event on a day within the span). For a gold
    range (MUC "16 MAR 89 - 18 MAR 89": on a day between), the predicted day lies inside it."""
    day = _date(gold)
    if day is None:
        return False
    if (
        isinstance(pred, DateValue)
        and pred.precision not in (None, "day")
        and pred.start
        and pred.end
    ):
        return pred.start <= day <= pred.end
    predicted = _date(pred)
    if gold_event.get("date") != gold:  # scoring date_end: the end day itself
        return day == predicted
    gold_end = _date(gold_event.get("date_end"))
    if predicted is not None and gold_end is not None and day < gold_end:
        return day <= predicted <= gold_end
    if day == predicted:
        return True
    # MUC answer keys list alternatives ("19 MAR 89 / 18 MAR 89"); any one is correct.
    return predicted is not None and any(
        (first or last) <= predicted <= last
        for first, last in muc_date_alternatives(gold_event.get("date_raw"))
    )


_MUC_DAY = r"(\d{1,2})\s+([A-Z]{3})[A-Z]*\s+(\d{2}|\d{4})"
_MUC_MONTHS = {
    m: i
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1
    )
}


def _muc_day(match: tuple[str, str, str]) -> dt.date | None:
    day, month, year = match
    number = _MUC_MONTHS.get(month)
    if number is None:
        return None
    full_year = int(year) + (1900 if len(year) == 2 else 0)
    try:
        return dt.date(full_year, number, int(day))
    except ValueError:
        return None


def muc_date_alternatives(raw: Any) -> list[tuple[dt.date | None, dt.date]]:
    """(first, last) for each alternative of a MUC date filler; first None means 'on or before'."""
    if not isinstance(raw, str):
        return []
    found = []
    for alternative in raw.upper().split("/"):
        days = [_muc_day(match) for match in re.findall(_MUC_DAY, alternative)]
        days = [day for day in days if day is not None]
        if not days:
            continue
        if len(days) == 1:
            open_start = alternative.strip(" ()").startswith("-")
            found.append((None if open_start else days[0], days[0]))
        else:
            found.append((min(days), max(days)))
    return found


def gtd_weapon_type(gold: str) -> str:
    """A gold weapon type in GTD words (RAND's own words mapped by RAND_WEAPON_TYPES)."""
    return RAND_WEAPON_TYPES.get(label(gold), gold)


def _eq_weapon(gold: Any, pred: Any, _: dict) -> bool:
    gold = gtd_weapon_type(gold)
    if label(gold) == "unknown":
        return pred is None or label(pred) == "unknown"
    return pred is not None and label(gold) == label(pred)


def _eq_country(gold: Any, pred: Any, _: dict) -> bool:
    name, code = pred
    if name and normalise_text(gold) == normalise_text(name):
        return True
    gold_code = country_code(gold)
    return gold_code is not None and gold_code in {code, country_code(name) if name else None}


def _near(gold: Any, pred: Any, _: dict) -> bool:
    """Coordinates count as right within the first of LOCATION_RADII_KM (25 km)."""
    return haversine_km(gold[0], gold[1], pred[0], pred[1]) <= LOCATION_RADII_KM[0]


def _eq_admin(gold: Any, pred: Any, _: dict) -> bool:
    return places_equal(gold, pred)


def _eq_location_name(gold: Any, place: Any, gold_event: dict) -> bool:
    if place is None:
        return False
    if places_equal(gold, place.name):
        return True
    for admin in ("admin2", "admin1"):
        if places_equal(gold, gold_event.get(admin)) and places_equal(gold, getattr(place, admin)):
            return True
    return False


def _eq_actor(gold: Any, pred: Any, _: dict) -> bool:
    return actor_names_match(gold, pred)


def _eq_perpetrator(gold: Any, pred: Any, _: dict) -> bool:
    return perpetrator_matches(gold, pred)


def _eq_stage(gold: Any, pred: Any, _: dict) -> bool:
    gold = "THREAT" if label(gold) in THREAT_STAGES else gold
    return label(gold) == label(pred)


@dataclass(frozen=True)
class FieldSpec:
    """How one gold field is read, predicted and compared."""

    gold_keys: tuple[str, ...]
    predict: Callable[[Event | None], Any]
    match: Callable[[Any, Any, dict], bool]
    kind: str = "label"  # label | date | count | coords | list
    # A missing prediction that can still be right (gold 'Unknown' perpetrator/weapon).
    score_missing: bool = False
    per_value: bool = False
    # Gold value in our vocabulary, for the per-value breakdown.
    canon: Callable[[Any], Any] = lambda value: value
    baseline: tuple[str, Callable[[GoldRecord], Any]] | None = None


# gold field -> how it is scored. Absent gold keys are not scored; null gold is counted as gold_null.
FIELDS: dict[str, FieldSpec] = {
    "date": FieldSpec(
        ("date",),
        lambda e: e.date if e and e.date and e.date.start else None,
        _eq_date,
        "date",
        baseline=("published date", lambda r: r.published),
    ),
    "date_end": FieldSpec(
        ("date_end",), lambda e: e.date.end if e and e.date else None, _eq_date, "date"
    ),
    "time_precision": FieldSpec(
        ("time_precision",),
        lambda e: e.date.time_precision if e and e.date else None,
        _eq,
        baseline=("always 1 (the day)", lambda r: 1),
    ),
    "event_type": FieldSpec(("event_type",), _attr("event_type"), _eq_label, per_value=True),
    "sub_event_type": FieldSpec(
        ("sub_event_type",), _attr("sub_event_type"), _eq_label, per_value=True
    ),
    "disorder_type": FieldSpec(("disorder_type",), _attr("disorder_type"), _eq_label),
    "attack_type": FieldSpec(("attack_type",), _attr("attack_type"), _eq_label, per_value=True),
    "weapon_type": FieldSpec(
        ("weapon_type",),
        _weapon_type,
        _eq_weapon,
        score_missing=True,
        per_value=True,
        canon=gtd_weapon_type,
    ),
    "target_type": FieldSpec(("target_type",), _attr("target_type"), _eq_label),
    "country_code": FieldSpec(("country_code",), _place_attr("country_code"), _eq_label),
    "country": FieldSpec(
        ("country",),
        lambda e: (
            (e.place.country, e.place.country_code)
            if e and e.place and (e.place.country or e.place.country_code)
            else None
        ),
        _eq_country,
    ),
    "admin1": FieldSpec(("admin1",), _place_attr("admin1"), _eq_admin),
    "admin2": FieldSpec(("admin2",), _place_attr("admin2"), _eq_admin),
    "location_name": FieldSpec(
        ("location",),
        lambda e: (
            e.place
            if e and e.place and (e.place.name or e.place.admin1 or e.place.admin2)
            else None
        ),
        _eq_location_name,
    ),
    "location": FieldSpec(("latitude", "longitude"), _coords, _near, "coords"),
    "geo_precision": FieldSpec(
        ("geo_precision",),
        _place_attr("geo_precision"),
        _eq,
        baseline=("always 1 (the place itself)", lambda r: 1),
    ),
    "actor1": FieldSpec(("actor1",), _attr("actor1"), _eq_actor),
    "actor2": FieldSpec(("actor2",), _attr("actor2"), _eq_actor),
    "inter1": FieldSpec(("inter1",), _inter("actor1"), _eq),
    "inter2": FieldSpec(("inter2",), _inter("actor2"), _eq),
    "perpetrator": FieldSpec(
        ("perpetrator",),
        _attr("actor1"),
        _eq_perpetrator,
        score_missing=True,
        baseline=("always 'Unknown'", lambda r: None),
    ),
    "fatalities": FieldSpec(
        ("fatalities",),
        _count("fatalities"),
        _eq,
        "count",
        baseline=("always 0", lambda r: 0),
    ),
    "injuries": FieldSpec(
        ("injuries",),
        _count("injuries"),
        _eq,
        "count",
        baseline=("always 0", lambda r: 0),
    ),
    "claimed": FieldSpec(
        ("claimed",), _attr("claimed"), _eq, baseline=("always false", lambda r: False)
    ),
    "incident_type": FieldSpec(
        ("incident_type",),
        muc_incident_type,
        _eq_label,
        per_value=True,
        baseline=("always ATTACK", lambda r: "ATTACK"),
    ),
    "stage": FieldSpec(
        ("stage",),
        muc_stage,
        _eq_stage,
        baseline=("always ACCOMPLISHED", lambda r: "ACCOMPLISHED"),
    ),
    "main": FieldSpec(("main",), lambda e: e.main if e is not None else None, _eq),
}
LIST_FIELDS = ("perpetrators", "human_targets", "physical_targets", "instruments")
# Gold keys deliberately not scored (yet): see docs/evaluation.md.
NOT_SCORED = ("sources", "assoc_actor_1", "assoc_actor_2", "admin3", "human_target_effects")
SCORED_KEYS = frozenset(
    {key for spec in FIELDS.values() for key in spec.gold_keys} | set(LIST_FIELDS)
)


def gold_value(gold_event: dict, spec: FieldSpec) -> tuple[bool, Any]:
    """(present, value): absent keys are not scored; any null part makes the value None."""
    if not all(k in gold_event for k in spec.gold_keys):
        return False, None
    values = [gold_event[k] for k in spec.gold_keys]
    if any(v is None for v in values):
        return True, None
    return True, values[0] if len(values) == 1 else tuple(values)


def _ratio(num: float, den: float) -> float | None:
    return round(num / den, 4) if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


@dataclass
class FieldTally:
    """Running counts for one field."""

    kind: str
    n: int = 0
    gold_null: int = 0
    answered: int = 0
    correct: int = 0
    extras: Counter = field(default_factory=Counter)
    distances: list[float] = field(default_factory=list)
    baseline_method: str | None = None
    baseline_n: int = 0
    baseline_correct: int = 0
    per_value: dict[str, Counter] | None = None
    # list slots (micro over events)
    gold_items: int = 0
    gold_hits: int = 0
    pred_items: int = 0
    pred_hits: int = 0

    def result(self) -> dict[str, Any]:
        if self.kind == "list":
            precision = _ratio(self.pred_hits, self.pred_items)
            recall = _ratio(self.gold_hits, self.gold_items)
            return {
                "n": self.gold_items,
                "events": self.n,
                "gold_empty": self.extras["gold_empty"],
                "gold_null": self.gold_null,
                "coverage": _ratio(self.answered, self.n),
                "accuracy": recall,
                "precision": precision,
                "recall": recall,
                "f1": _f1(precision, recall),
                "predicted": self.pred_items,
            }
        precision = _ratio(self.correct, self.answered)
        accuracy = _ratio(self.correct, self.n)
        out = {
            "n": self.n,
            "gold_null": self.gold_null,
            "answered": self.answered,
            "correct": self.correct,
            "coverage": _ratio(self.answered, self.n),
            "accuracy": accuracy,
            "precision": precision,
            "f1": _f1(precision, accuracy),
        }
        if self.kind == "date":
            out["within_1_day"] = _ratio(self.extras["within_1_day"], self.n)
            # A date the text states, apart from the publication-date default given when
            # the story names none (then the event date cannot be known from the text).
            out["stated"] = _ratio(self.extras["stated"], self.n)
            out["accuracy_stated"] = _ratio(self.extras["stated_correct"], self.extras["stated"])
        elif self.kind == "count":
            out["within_1"] = _ratio(self.extras["within_1"], self.n)
        elif self.kind == "coords":
            for km in LOCATION_RADII_KM:
                out[f"within_{km}km"] = _ratio(self.extras[f"within_{km}km"], self.n)
            out["median_km"] = (
                round(statistics.median(self.distances), 2) if self.distances else None
            )
        if self.baseline_method:
            out["baseline"] = {
                "method": self.baseline_method,
                "accuracy": _ratio(self.baseline_correct, self.baseline_n),
            }
        if self.per_value is not None:
            out["per_value"] = {
                value: {
                    "gold": c["gold"],
                    "predicted": c["predicted"],
                    "correct": c["correct"],
                    "precision": _ratio(c["correct"], c["predicted"]),
                    "recall": _ratio(c["correct"], c["gold"]),
                    "f1": _f1(
                        _ratio(c["correct"], c["predicted"]), _ratio(c["correct"], c["gold"])
                    ),
                }
                for value, c in sorted(self.per_value.items())
            }
        return out


def score_field(
    tally: FieldTally, spec: FieldSpec, gold: Any, event: Event | None, gold_event: dict
) -> None:
    """Add one gold value (non-null) and its prediction to ``tally``."""
    pred = spec.predict(event)
    tally.n += 1
    answered = pred is not None
    tally.answered += answered
    ok = (answered or spec.score_missing) and spec.match(gold, pred, gold_event)
    tally.correct += ok
    if tally.per_value is not None:
        key = label(spec.canon(gold))
        tally.per_value.setdefault(key, Counter())["gold"] += 1
        tally.per_value[key]["correct"] += ok
        if answered:
            tally.per_value.setdefault(label(pred), Counter())["predicted"] += 1
    if not answered:
        return
    if spec.kind == "date" and _date(gold) and _date(pred):
        tally.extras["within_1_day"] += abs((_date(gold) - _date(pred)).days) <= 1
        if not event.date.default:
            tally.extras["stated"] += 1
            tally.extras["stated_correct"] += ok
    elif spec.kind == "count":
        tally.extras["within_1"] += abs(int(gold) - int(pred)) <= 1
    elif spec.kind == "coords":
        km = haversine_km(gold[0], gold[1], pred[0], pred[1])
        tally.distances.append(km)
        for radius in LOCATION_RADII_KM:
            tally.extras[f"within_{radius}km"] += km <= radius


def score_list(tally: FieldTally, gold: list, event: Event | None, slot: str) -> None:
    """Add one MUC list slot: micro precision/recall over fillers."""
    fillers = predicted_fillers(event, slot)
    gold = [g for g in gold if isinstance(g, str) and g.strip()]
    if gold:
        tally.n += 1
        tally.answered += bool(fillers)
    else:
        tally.extras["gold_empty"] += 1
    tally.gold_items += len(gold)
    tally.pred_items += len(fillers)
    tally.gold_hits += sum(any(filler_matches(g, alts) for alts in fillers) for g in gold)
    tally.pred_hits += sum(any(filler_matches(g, alts) for g in gold) for alts in fillers)


# --------------------------------------------------------------------------- matching


def is_threat_gold(gold_event: dict) -> bool:
    return label(gold_event.get("stage") or "") in THREAT_STAGES


def candidates(extraction: Extraction | None, *, threat: bool = False) -> list[Event]:
    """Events that may stand for a gold event: asserted ones (plus threat/future when
    ``threat``), the main event first, otherwise in extraction order."""
    if extraction is None:
        return []
    modes = {"asserted"} | (THREAT_MODES if threat else set())
    return sorted((e for e in extraction.events if e.mode in modes), key=lambda e: not e.main)


def event_similarity(gold_event: dict, event: Event) -> float:
    """How alike a gold and a predicted event look: type, date, place and actors."""
    score = 0.0
    if gold_event.get("event_type"):
        score += label(gold_event["event_type"]) == label(event.event_type or "")
    elif gold_event.get("incident_type"):
        score += label(gold_event["incident_type"]) == label(muc_incident_type(event) or "")
    gold_date = _date(gold_event.get("date"))
    pred_date = event.date.start if event.date else None
    if gold_date and pred_date:
        days = abs((gold_date - pred_date).days)
        score += 1 if days == 0 else 0.5 if days <= 1 else 0.25 if days <= 7 else 0
    place = event.place
    if place is not None:
        lat, lon = gold_event.get("latitude"), gold_event.get("longitude")
        km = (
            haversine_km(lat, lon, place.lat, place.lon)
            if None not in (lat, lon, place.lat, place.lon)
            else None
        )
        if (km is not None and km <= 25) or _eq_location_name(
            gold_event.get("location"), place, gold_event
        ):
            score += 1
        elif (km is not None and km <= 100) or places_equal(gold_event.get("admin1"), place.admin1):
            score += 0.5
    for key in ("actor1", "actor2"):
        if gold_event.get(key) and actor_names_match(gold_event[key], getattr(event, key)):
            score += 0.5
    if gold_event.get("perpetrator") and perpetrator_matches(
        gold_event["perpetrator"], event.actor1
    ):
        score += 0.5
    return score


def match_events(
    gold_events: list[dict], extraction: Extraction | None
) -> list[tuple[dict, Event | None, str]]:
    """Pair each gold event with the predicted event it is scored against.

    Returns (gold event, event or None, how) with ``how`` one of ``primary`` (the only gold
    event, against the main candidate), ``assigned`` (one-to-one by similarity),
    ``fallback`` (left over, against the main candidate), ``none`` (no candidate) and
    ``optional_skipped`` (an optional MUC template left unmatched: not scored).
    """

    def primary(gold: dict) -> Event | None:
        found = candidates(extraction, threat=is_threat_gold(gold))
        return found[0] if found else None

    def unmatched(gold: dict, event: Event | None, how: str) -> tuple[dict, Event | None, str]:
        if gold.get("optional") is True:
            return gold, None, "optional_skipped"
        return (gold, event, how) if event is not None else (gold, None, "none")

    if len(gold_events) == 1:
        return [unmatched(gold_events[0], primary(gold_events[0]), "primary")]
    pool = candidates(extraction, threat=True)
    pairs = sorted(
        (-event_similarity(gold, event), gi, ci)
        for gi, gold in enumerate(gold_events)
        for ci, event in enumerate(pool)
        if event.mode == "asserted" or is_threat_gold(gold)
    )
    assigned: dict[int, Event] = {}
    used: set[int] = set()
    for _, gi, ci in pairs:
        if gi not in assigned and ci not in used:
            assigned[gi] = pool[ci]
            used.add(ci)
    return [
        (gold, assigned[gi], "assigned")
        if gi in assigned
        else unmatched(gold, primary(gold), "fallback")
        for gi, gold in enumerate(gold_events)
    ]


# --------------------------------------------------------------------------- the scorer


class Scorer:
    """Accumulates field scores and event counts over records; ``result()`` is report-ready."""

    def __init__(self) -> None:
        self.tallies: dict[str, FieldTally] = {
            name: FieldTally(
                kind=spec.kind,
                baseline_method=spec.baseline[0] if spec.baseline else None,
                per_value={} if spec.per_value else None,
            )
            for name, spec in FIELDS.items()
        }
        self.tallies.update({slot: FieldTally(kind="list") for slot in LIST_FIELDS})
        self.seen: set[str] = set()
        self.counts: Counter = Counter()
        self.unscored: Counter = Counter()

    def add(self, record: GoldRecord, extraction: Extraction | None) -> None:
        """Score one record; ``extraction`` None (the pipeline crashed) counts as no events."""
        asserted = candidates(extraction)
        self.counts["records"] += 1
        self.counts["gold_events"] += len(record.events)
        self.counts["predicted_asserted"] += len(asserted)
        self.counts["exact_event_count"] += len(asserted) == len(record.events)
        if not record.events:
            self.counts["no_event_records"] += 1
            self.counts["no_event_predicted_none"] += not asserted
        for gold, event, how in match_events(record.events, extraction):
            self.counts[how] += 1
            if how != "optional_skipped":
                self.score_event(gold, event, record)

    def score_event(
        self, gold: dict, event: Event | None, record: GoldRecord | None = None
    ) -> None:
        """Score every annotated field of one gold event against ``event``."""
        self.unscored.update(key for key in gold if key not in SCORED_KEYS)
        for name, spec in FIELDS.items():
            present, value = gold_value(gold, spec)
            if not present:
                continue
            self.seen.add(name)
            tally = self.tallies[name]
            if value is None:
                tally.gold_null += 1
                continue
            score_field(tally, spec, value, event, gold)
            if spec.baseline and record is not None:
                tally.baseline_n += 1
                tally.baseline_correct += bool(spec.match(value, spec.baseline[1](record), gold))
        for slot in LIST_FIELDS:
            if slot not in gold:
                continue
            self.seen.add(slot)
            if gold[slot] is None:
                self.tallies[slot].gold_null += 1
            else:
                score_list(self.tallies[slot], list(gold[slot]), event, slot)

    def result(self) -> dict[str, Any]:
        """``{"fields": {field: metrics}, "events": counts}`` for the fields the gold annotates."""
        c = self.counts
        events: dict[str, Any] = {
            "gold": c["gold_events"],
            "predicted_asserted": c["predicted_asserted"],
            "exact_count_share": _ratio(c["exact_event_count"], c["records"]),
            "matched": {how: c[how] for how in ("primary", "assigned", "fallback", "none")},
            "optional_skipped": c["optional_skipped"],
        }
        if c["no_event_records"]:
            events["no_event_records"] = {
                "n": c["no_event_records"],
                "predicted_none": c["no_event_predicted_none"],
                "accuracy": _ratio(c["no_event_predicted_none"], c["no_event_records"]),
            }
        fields = {name: self.tallies[name].result() for name in self.tallies if name in self.seen}
        return {
            "fields": fields,
            "events": events,
            "not_scored": dict(sorted(self.unscored.items())),
        }
