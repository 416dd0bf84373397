"""Airports, from the ``airportsdata`` package: the ~7,900 airports with an IATA code.

Reports name airports as the places things happen ("a bomb exploded at El Dorado
airport", "rockets hit Kabul airport"). Each airport becomes a gazetteer facility at its
own point, with the town it serves, so that a report placed at "Bogota airport" is at the
airport and still in Bogota.

An airport is known by its names that say "airport" (or airfield, air base ...), never by
a bare name ("El Dorado" is also a town, "Jomo Kenyatta" a man):

- its name, and its name without "International": "El Dorado International Airport",
  "El Dorado Airport";
- each part of a name written "Dhaka / Hazrat Shahjalal International Airport" that is
  an airport's name;
- "<town> airport" (and "<town> international airport" for an international one) when
  the town has no other airport in the table ("Bogota airport"; not "London airport",
  which five airports share).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

# A name is an airport's only with one of these words.
AIRPORT_WORDS = re.compile(
    r"(?i)\b(?:airport|airfield|aerodrome|air ?base|air force base|airstrip|air station)\b"
)
_INTERNATIONAL = re.compile(r"(?i)\s+international(?=\s)")


class Airport(NamedTuple):
    """One airport: its name, the other names it is known by, where it is and what town it
    serves (as the table writes them)."""

    name: str
    keys: tuple[str, ...]  # other names of its own
    town_keys: tuple[str, ...]  # "<town> airport": see ``read_airports``
    country_code: str
    town: str | None
    subdivision: str | None
    lat: float
    lon: float


def _names(name: str) -> list[str]:
    parts = [part.strip() for part in name.split("/")]
    names = [part for part in parts if AIRPORT_WORDS.search(part)]
    names += [_INTERNATIONAL.sub("", n) for n in names]
    return list(dict.fromkeys(names))


def read_airports() -> list[Airport]:
    """Every airport of ``airportsdata``'s IATA table with a name that says airport, in
    IATA code order."""
    import airportsdata

    table = airportsdata.load("IATA")
    rows = [table[code] for code in sorted(table)]
    towns = Counter((row["country"], row["city"].casefold()) for row in rows if row.get("city"))
    airports = []
    for row in rows:
        names = _names(row["name"])
        if not names:
            continue
        town = (row.get("city") or "").strip() or None
        town_keys = []
        if town and towns[(row["country"], town.casefold())] == 1:
            town_keys.append(f"{town} airport")
            if _INTERNATIONAL.search(names[0]):
                town_keys.append(f"{town} international airport")
        airports.append(
            Airport(
                name=names[0],
                keys=tuple(names[1:]),
                town_keys=tuple(town_keys),
                country_code=row["country"],
                town=town,
                subdivision=(row.get("subd") or "").strip() or None,
                lat=float(row["lat"]),
                lon=float(row["lon"]),
            )
        )
    return airports
