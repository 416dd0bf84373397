"""The table of cities foreign embassies stand in."""

from __future__ import annotations

import datetime as dt

from sitrep.resources.embassy_cities import embassy_city


def test_the_capital_unless_the_table_says_otherwise_on_that_date() -> None:
    assert embassy_city("LB").name == "Beirut"  # GeoNames' capital
    assert embassy_city("BO").name == "La Paz"  # not Sucre
    assert embassy_city("DE", dt.date(1978, 1, 1)).name == "Bonn"
    assert embassy_city("DE", dt.date(2005, 1, 1)).name == "Berlin"
    assert embassy_city("NG", dt.date(1985, 1, 1)).name == "Lagos"
    assert embassy_city("NG", dt.date(2000, 1, 1)).name == "Abuja"
    assert embassy_city("DE").name == "Berlin"  # no date: today
    assert embassy_city("ZZ") is None
