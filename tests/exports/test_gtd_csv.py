"""GTD-style CSV: GTD's columns, its 0-for-unknown date parts and 12-digit event ids."""

from __future__ import annotations

import csv
import datetime as dt
import io

from sitrep.exports import export
from sitrep.exports.gtd_csv import COLUMNS
from sitrep.model import DateValue, PlaceValue

from .records import make_extraction


def _rows(extractions) -> list[dict[str, str]]:
    out = io.StringIO()
    export(extractions, "gtd", out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_gtd_columns_and_values_from_the_gtd_typed_fields() -> None:
    [row] = _rows([make_extraction()])
    assert list(row) == list(COLUMNS)
    assert (row["iyear"], row["imonth"], row["iday"]) == ("2024", "3", "4")
    assert row["eventid"] == "202403040001"
    assert row["country_txt"] == "Somalia"
    assert row["region_txt"] == "Sub-Saharan Africa"
    assert row["provstate"] == "Lower Shabeelle"
    assert row["city"] == "Afgooye"
    assert row["specificity"] == "2" and row["vicinity"] == "1"
    assert row["attacktype1_txt"] == "Armed Assault"
    assert row["targtype1_txt"] == "Transportation"
    assert row["weaptype1_txt"] == "Firearms"
    assert row["gname"] == "Unidentified Armed Group (Somalia)"
    assert row["nkill"] == "3" and row["nwound"] == ""
    assert row["claimed"] == ""
    assert row["addnotes"] == "sitrep t:somalia-bus#E1; mode=asserted"
    assert row["scite1"] == "Horn Observer; Gunmen attack bus; https://example.org/bus"


def test_events_of_one_day_are_numbered_in_turn() -> None:
    rows = _rows([make_extraction("E1"), make_extraction("E2", claimed=True)])
    assert [row["eventid"] for row in rows] == ["202403040001", "202403040002"]
    assert rows[1]["claimed"] == "1"


def test_a_month_only_date_has_day_0_and_an_approximate_range() -> None:
    march = DateValue(start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 31), precision="month")
    [row] = _rows([make_extraction(date=march)])
    assert (row["imonth"], row["iday"]) == ("3", "0")
    assert row["approxdate"] == "2024-03-01 to 2024-03-31"
    assert row["eventid"] == "202403000001"


def test_a_province_level_place_names_no_city() -> None:
    province = PlaceValue(
        name="Lower Shabeelle",
        country_code="SO",
        country="Somalia",
        admin1="Lower Shabeelle",
        lat=1.9,
        lon=44.6,
        precision="admin1",
    )
    [row] = _rows([make_extraction(place=province)])
    assert row["city"] == ""
    assert row["provstate"] == "Lower Shabeelle"
    assert row["specificity"] == "4" and row["vicinity"] == "0"


def test_a_place_the_gazetteer_lacks_is_named_with_the_least_specificity() -> None:
    unknown = PlaceValue(name="Zzyzzqa", country_code="SO", country="Somalia", precision="unknown")
    [row] = _rows([make_extraction(place=unknown)])
    assert (row["city"], row["specificity"]) == ("Zzyzzqa", "5")
    assert row["latitude"] == row["longitude"] == ""
