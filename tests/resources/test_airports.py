"""Airports from the airportsdata package, as the gazetteer holds them."""

from __future__ import annotations

import pytest

from sitrep.resources import airports
from sitrep.resources import gazetteer as gz


@pytest.fixture(scope="module")
def table() -> dict[str, airports.Airport]:
    return {airport.name: airport for airport in airports.read_airports()}


@pytest.fixture(scope="module")
def gazetteer() -> gz.Gazetteer:
    return gz.load()


def test_airports_are_known_by_names_that_say_airport(table) -> None:
    assert len(table) > 7_000
    words = airports.AIRPORT_WORDS
    assert all(words.search(key) for a in table.values() for key in (a.name, *a.keys))
    dhaka = table["Hazrat Shahjalal International Airport"]  # "Dhaka / Hazrat Shahjalal ..."
    assert dhaka.town == "Dhaka" and "Hazrat Shahjalal Airport" in dhaka.keys
    assert "Dhaka airport" in dhaka.town_keys


def test_a_town_with_several_airports_names_none_of_them(table) -> None:
    london = [a for a in table.values() if a.town == "London" and a.country_code == "GB"]
    assert len(london) > 1
    assert not any(a.town_keys for a in london)


def airport_entries(gazetteer: gz.Gazetteer, name: str) -> list[gz.Entry]:
    return [e for e in gazetteer.lookup(gz.name_key(name)) if e.feature == "airport"]


def test_an_airport_entry_has_its_point_town_and_province(gazetteer) -> None:
    (bogota,) = airport_entries(gazetteer, "Bogota airport")
    assert bogota.name == "El Dorado International Airport"
    assert (bogota.kind, bogota.country_code, bogota.town) == (gz.FACILITY, "CO", "Bogota")
    assert bogota.admin1 == "Bogota" and abs(bogota.lat - 4.70) < 0.05
    (munich,) = airport_entries(gazetteer, "Munich airport")
    assert munich.admin1 == "Bayern"  # the province the airport table names


def test_a_town_name_abroad_or_a_curated_facility_keeps_its_words(gazetteer) -> None:
    # "London airport" is no airport of London, Ontario; "Baghdad airport" is our curated
    # entry only (it also holds Victory Base), not a second one from airportsdata
    assert airport_entries(gazetteer, "London airport") == []
    (baghdad,) = gazetteer.lookup(gz.name_key("Baghdad airport"))
    assert (baghdad.kind, baghdad.feature, baghdad.town) == (gz.FACILITY, "airport", "Baghdad")
    assert gazetteer.lookup(gz.name_key("Victory Base")) == [baghdad]
