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
from typing import Any

from ..document import Document
from ..model import PlaceMention, PlaceValue
from ..registry import stage
from ..resources import gazetteer as gz

_DIRS = r"(?:north|south|east|west)(?:\s?(?:east|west))?(?:ern)?"
_REL_OFFSET = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(km|kms|kilometers|kilometres|kilometer|kilometre|miles|mile|mi)\s+"
    r"(?:to\s+the\s+)?(" + _DIRS + r")\s+of\s+(?:the\s+)?(?:(?:capital|city|town|village|"
    r"province|district)\s+(?:of\s+)?)?$"
)
_REL_DIR = re.compile(
    r"\b(" + _DIRS + r")\s+of\s+(?:the\s+)?(?:(?:capital|city|town|village|provincial capital)"
    r"\s+(?:of\s+)?)?$"
)
_REL_NEAR = re.compile(
    r"\b(near|close to|outskirts of|outside|just outside|in the vicinity of|near the town of|"
    r"near the village of|near the city of)\s+(?:the\s+)?$"
)
_REL_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:[\w' ]{1,40}?\s+and\s+(?:the\s+)?)?$")
_REL_IN = re.compile(
    r"\b(in|at|inside|within|into)\s+(?:the\s+)?(?:(?:[a-z]+\s+)?(?:province|district|county|"
    r"governorate|department|region|state|city|town|village|area)\s+of\s+)?$"
)
_UNIT_BEFORE = re.compile(
    r"\b(?:(province|governorate|county|division|department|state|region)\s+of\s+|"
    r"(district|sub-district|county|upazila|village|town|city)\s*,\s*)$"
)
_UNIT_AFTER = re.compile(r"^\s(province|governorate|county|division|department|state|region)\b")
_LOCAL_AFTER = re.compile(r"^\s(district|sub-district|village|town|city|area|market|bazaar|camp)\b")
_CUE_BEFORE = re.compile(
    r"\b(in|at|near|of|from|outside|to|toward|towards|into|between|and|village|town|city)\s+$"
)
_HONORIFIC = re.compile(
    r"\b(mr|mrs|ms|dr|gen|general|president|minister|lt|col|sgt|capt|sheikh|mullah|imam|"
    r"maulana|mawlawi|maulvi|qari|haji|commander|spokesman|king|prince|senator|judge|mp|mca|"
    r"hon|rep|sen|pastor|bishop|father|prof|engineer|eng)\.?\s+$"
)
_BEARING = {
    "north": 0,
    "northeast": 45,
    "east": 90,
    "southeast": 135,
    "south": 180,
    "southwest": 225,
    "west": 270,
    "northwest": 315,
}
_PERSON_LIKE = frozenset(
    [
        "jordan",
        "chad",
        "georgia",
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
_DIRECTION_WORDS = frozenset(
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


def _common_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return (
        frozenset(STOP_WORDS)
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
            ]
        )
    )


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
            self._common = _common_words()
        gazetteer = self.gazetteer
        text = doc.text
        view = gz.scan_view(text)
        caps_lines = _title_lines(text) if not doc.all_caps else []
        kept = []
        for start, end, value in gazetteer.scan(view):
            entries = gazetteer.postings(value)
            caps = doc.all_caps or any(a <= start < b for a, b in caps_lines)
            entries = self._keep(text, view, start, end, entries, caps=caps)
            if entries:
                item = Found(start, end, entries)
                item.extra["directional"] = view[start:end].split(" ")[0] in _DIRECTION_WORDS
                kept.append(item)
        kept.sort(key=lambda f: (f.start - f.end, f.start))
        taken = bytearray(len(text) + 1)
        chosen = []
        for item in kept:
            if not any(taken[item.start : item.end]):
                taken[item.start : item.end] = b"\x01" * (item.end - item.start)
                chosen.append(item)
        chosen.sort(key=lambda f: f.start)
        for item in chosen:
            self._cues(doc, view, item)
        return chosen

    def _keep(
        self, text: str, view: str, start: int, end: int, entries: list[gz.Entry], *, caps: bool
    ) -> list[gz.Entry]:
        """The entries a span may still mean after the guards (empty: not a place here)."""
        key = view[start:end]
        surface = text[start:end]
        before = view[max(0, start - 30) : start]
        after = view[end : end + 14]
        if _HONORIFIC.search(before):
            return []
        if key in gz.ACRONYMS:
            return entries if not caps and surface.isupper() else []
        if not caps and not surface[:1].isupper() and not surface[:1].isdigit():
            return []
        if not caps and len(surface) <= 5 and surface.isupper():
            return []  # "UN", "ODM": an acronym, not the town of Un
        one_word = " " not in key
        unit_cue = bool(_UNIT_AFTER.match(after) or _UNIT_BEFORE.search(before))
        cue = bool(unit_cue or _CUE_BEFORE.search(before) or _LOCAL_AFTER.match(after))
        if key in _PERSON_LIKE and not caps:
            nxt = text[end : end + 2]
            if nxt[:1] == " " and nxt[1:2].isupper() and not unit_cue:
                return []
        common = one_word and key in self._common
        threshold = self.settings.caps_population if caps else self.settings.weak_population
        kept = []
        for entry in entries:
            if entry.kind == gz.CITY:
                if common:
                    ok = (
                        cue
                        and entry.population >= self.settings.weak_population
                        and (key not in gz.STOP_KEYS)
                    )
                else:
                    ok = (not one_word and not caps) or cue or entry.population >= threshold
            elif entry.kind in (gz.ADMIN1, gz.ADMIN2):
                ok = unit_cue or not common
            else:
                ok = not (caps and key in self._common and key not in gz.STOP_KEYS)
            if ok:
                kept.append(entry)
        return kept

    def _cues(self, doc: Document, view: str, item: Found) -> None:
        sentence = doc.sentences[doc.sentence_of(item.start)] if doc.sentences else (0, 0)
        before = view[max(sentence[0], item.start - 60) : item.start]
        after = view[item.end : item.end + 14]
        item.unit_cue = bool(_UNIT_BEFORE.search(before) or _UNIT_AFTER.match(after))
        item.local_cue = bool(_LOCAL_AFTER.match(after))
        if match := _REL_OFFSET.search(before):
            distance = float(match.group(1).replace(",", "."))
            unit = match.group(2)
            if unit.startswith("mi"):
                distance *= 1.609
            direction = re.sub(r"\s|ern$", "", match.group(3))
            item.relation = " ".join(match.group(0).split()).removesuffix(" the").strip()
            item.near, item.offset = True, (distance, _BEARING.get(direction, 0.0))
            item.extra["span"] = (item.start - len(before) + match.start(), item.end)
        elif match := _REL_DIR.search(before):
            item.relation = re.sub(r"\s+", " ", match.group(1)) + " of"
            item.anchor_only = True
        elif match := _REL_NEAR.search(before):
            item.relation = "near" if match.group(1).startswith("near") else match.group(1)
            item.near = True
        elif _REL_BETWEEN.search(before):
            item.relation = "between"
        elif match := _REL_IN.search(before):
            item.relation = match.group(1)

    # -- annotate --------------------------------------------------------------------
    def annotate(self, doc: Document, found: list[Found]) -> list[PlaceMention]:
        """Resolve each span to one entry and build its mention, in text order."""
        gazetteer = self.gazetteer
        focus: Counter[str] = Counter()
        units: dict[tuple[str, str], set[int]] = {}
        for item in found:
            if item.extra.get("directional"):
                continue
            kinds = {e.kind for e in item.entries}
            codes = {e.country_code for e in item.entries if e.kind != gz.CITY}
            if kinds & {gz.COUNTRY, gz.DEMONYM, gz.FACILITY} or len(codes) == 1:
                focus.update(codes)
            for e in item.entries:
                if e.kind == gz.ADMIN1 and e.admin1:
                    units.setdefault((e.country_code, e.admin1), set()).add(item.start)
        mentions = []
        for item in found:
            entry, confidence = self._resolve(item, focus, units)
            if (
                item.extra.get("directional")
                and entry.kind in (gz.CITY, gz.ADMIN1, gz.ADMIN2)
                and not focus[entry.country_code]
            ):
                continue  # "Western province" of a country the story is not about
            codes = {e.country_code for e in item.entries}
            if len(codes) > 1 and not focus[entry.country_code]:
                doc.note(
                    "places.ambiguous",
                    "places",
                    f"'{doc.text[item.start : item.end]}' names places in {len(codes)} "
                    f"countries; chose {entry.country_code} by population.",
                    span=(item.start, item.end),
                )
            mentions.append(self._mention(doc, gazetteer, item, entry, confidence))
        return mentions

    def _resolve(
        self, item: Found, focus: Counter[str], units: dict[tuple[str, str], set[int]]
    ) -> tuple[gz.Entry, float]:
        best_city = max((e.population for e in item.entries if e.kind == gz.CITY), default=0)

        def score(entry: gz.Entry) -> float:
            value = 10.0 * min(focus[entry.country_code], 3)
            # a first-level unit named elsewhere in the story ("Alishing district, Laghman")
            value += (
                4.0 if units.get((entry.country_code, entry.admin1), set()) - {item.start} else 0.0
            )
            if entry.kind in (gz.FACILITY, gz.DEMONYM, gz.COUNTRY):
                value += 40.0
            elif entry.kind == gz.ADMIN1:
                value += 8.0 if item.unit_cue else -8.0 if item.local_cue else 0.0
                value += 2.0 if best_city < self.settings.admin1_over_city else -2.0
            elif entry.kind == gz.ADMIN2:
                value += 1.0 if item.local_cue else -1.0
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
        lat, lon = entry.lat, entry.lon
        anchor = None
        if item.near or item.anchor_only:
            anchor = entry.name
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
            feature=gz.KIND_FEATURE.get(entry.kind, entry.feature)
            if entry.kind != gz.ADMIN1
            else "admin1",
            anchor=anchor,
            confidence=confidence,
            evidence=[ev for ev in evidence if ev],
        )
        role = "demonym" if entry.kind == gz.DEMONYM else "anchor" if item.anchor_only else "place"
        return PlaceMention(value=value, role=role, relation=item.relation)


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
