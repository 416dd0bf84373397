"""Region tables: every ISO country has an ACLED and a GTD region; numeric codes from pycountry."""

from __future__ import annotations

import pycountry
import pytest

from sitrep.exports.regions import ACLED_REGION, acled_region, gtd_region, iso_numeric


def test_every_iso_country_has_a_region_in_both_tables() -> None:
    codes = {country.alpha_2 for country in pycountry.countries}
    assert not codes - set(ACLED_REGION), "countries with no ACLED region"
    assert all(gtd_region(code) for code in codes)
    assert len(set(ACLED_REGION.values())) == 17


@pytest.mark.parametrize(
    ("code", "acled", "gtd"),
    [
        ("IQ", "Middle East", "Middle East & North Africa"),
        ("SD", "Northern Africa", "Sub-Saharan Africa"),
        ("UA", "Europe", "Eastern Europe"),
        ("FR", "Europe", "Western Europe"),
        ("MX", "Central America", "North America"),
        ("mm", "Southeast Asia", "Southeast Asia"),
        ("KZ", "Caucasus and Central Asia", "Central Asia"),
    ],
)
def test_known_regions(code: str, acled: str, gtd: str) -> None:
    assert acled_region(code) == acled
    assert gtd_region(code) == gtd


def test_iso_numeric_codes() -> None:
    assert iso_numeric("IQ") == 368
    assert iso_numeric("af") == 4  # ACLED writes the number, not "004"
    assert iso_numeric("XK") is None  # Kosovo has no ISO numeric code
    assert iso_numeric(None) is None
    assert acled_region("ZZ") is None and gtd_region(None) is None
