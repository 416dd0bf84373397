"""The home country of a news outlet: a weak prior for where its stories happen.

An outlet whose name carries a country, a demonym or a large city ("Star (Kenya)",
"Dhaka Tribune", "Kenya Standard") is read through the gazetteer; others come from our
curated ``data/outlets.tsv``. Several outlets ("AFP; Daily Nation (Kenya)") give the
first national one: wire services name no country.
"""

from __future__ import annotations

from functools import lru_cache

from . import data_path, read_tsv
from . import gazetteer as gz

# A city in an outlet's name ("Dhaka Tribune", "Nairobi News") names its country when the
# city is at least this large; smaller towns are too often namesakes.
OUTLET_CITY_POPULATION = 1_000_000


@lru_cache(maxsize=1)
def _curated() -> dict[str, str]:
    rows = read_tsv(data_path("outlets.tsv"))
    return {gz.name_key(row["name"]): row["country_code"] for row in rows}


@lru_cache(maxsize=4096)
def outlet_country(outlet: str | None) -> str | None:
    """ISO alpha-2 code of the first outlet in ``outlet`` (';'-separated) with a home
    country, or None when none has one (wire services, "Local Source", empty)."""
    if not outlet:
        return None
    curated = _curated()
    gazetteer = gz.load()
    for part in outlet.split(";"):
        key = gz.name_key(part)
        if not key:
            continue
        name_only = gz.name_key(part.split("(")[0])
        if key in curated or name_only in curated:
            code = curated.get(key, curated.get(name_only))
            if code:
                return code
            continue  # an international outlet: no prior
        view = gz.scan_view(part)
        for _start, _end, value in sorted(gazetteer.scan(view), key=lambda hit: hit[0]):
            for entry in gazetteer.postings(value):
                if entry.kind in (gz.COUNTRY, gz.DEMONYM):
                    return entry.country_code
                if entry.kind == gz.CITY and entry.population >= OUTLET_CITY_POPULATION:
                    return entry.country_code
    return None
