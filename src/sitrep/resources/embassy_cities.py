"""The city a country's foreign embassies stand in (``data/embassy_cities.tsv``, ours).

It is the capital GeoNames gives, except where the embassies are elsewhere (La Paz, Tel
Aviv, The Hague) or were until a date (Bonn until 1999, Lagos until 1991).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from . import data_path, read_tsv
from . import gazetteer as gz


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, dt.date | None]]:
    rows = read_tsv(data_path("embassy_cities.tsv"))
    return {
        row["country_code"]: (
            row["city"],
            dt.date.fromisoformat(row["until"].strip()) if row["until"].strip() else None,
        )
        for row in rows
    }


def embassy_city(code: str, on: dt.date | None = None) -> gz.Entry | None:
    """The town entry of the city the embassies in country ``code`` stand in on date ``on``
    (today's when None); None when neither the table nor GeoNames names one."""
    gazetteer = gz.load()
    on = on or dt.date.today()
    city, until = _table().get(code, (None, None))
    if city is not None and (until is None or on < until):
        towns = [
            entry
            for entry in gazetteer.lookup(city)
            if entry.kind == gz.CITY and entry.country_code == code
        ]
        if towns:
            return max(towns, key=lambda entry: entry.population)
    return gazetteer.capital(code)
