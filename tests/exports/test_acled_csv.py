"""ACLED-style CSV: ACLED's header in ACLED's order, values a notebook reads back."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pyarrow.csv as pacsv

from sitrep.exports import ExportFilter, export
from sitrep.exports.acled_csv import COLUMNS
from sitrep.model import DateValue
from tests.examples import sample_extractions

from .records import make_extraction

# ACLED's export and API columns since the March 2023 change (disorder_type,
# civilian_targeting and tags added; event_id_no_cnty, data_id and iso3 removed).
ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,"
    "source,source_scale,notes,fatalities,tags,timestamp"
)


def _rows(extractions, filters: ExportFilter | None = None) -> list[dict[str, str]]:
    out = io.StringIO()
    export(extractions, "acled", out, filters)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_header_is_acleds_column_list_in_order(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    export(sample_extractions(), "acled", path)
    assert path.read_text(encoding="utf-8").splitlines()[0] == ACLED_HEADER
    assert ",".join(COLUMNS) == ACLED_HEADER


def test_alqaim_story_reads_back_with_acled_values(tmp_path: Path) -> None:
    extraction = next(e for e in sample_extractions() if e.article.id.startswith("ex:001"))
    event = extraction.main_event
    path = tmp_path / "acled.csv"
    export([extraction], "acled", path)
    [row] = [
        r
        for r in csv.DictReader(path.open(encoding="utf-8"))
        if r["event_id_cnty"].endswith(f"#{event.id}")
    ]
    assert row["event_id_cnty"] == f"{extraction.article.id}#{event.id}"
    assert row["country"] == "Iraq"
    assert row["iso"] == "368"
    assert row["region"] == "Middle East"
    assert row["fatalities"] == "3"
    assert row["event_date"] == "2024-04-03" and row["year"] == "2024"
    assert row["time_precision"] == "1"
    assert row["event_type"] == "Explosions/Remote violence"
    assert row["source"] == "Reuters"
    assert row["source_scale"] == "International"  # a British wire on an Iraqi event
    assert float(row["latitude"]) == event.place.lat and float(row["longitude"]) == event.place.lon
    assert row["geo_precision"] == str(event.place.geo_precision)
    assert "drone strike" in row["notes"] and "\n" not in row["notes"]
    assert row["tags"] == "mode=asserted"
    assert row["admin3"] == "" and row["timestamp"] == ""
    # pyarrow's CSV reader, as a notebook would use it, types the numeric columns.
    table = pacsv.read_csv(path)
    assert table.column_names == list(COLUMNS)
    assert table.schema.field("iso").type == "int64"
    assert table.schema.field("latitude").type == "double"


def test_actor_types_and_interaction_are_acleds_labels() -> None:
    [row] = _rows([make_extraction()])
    assert row["inter1"] == "Political militia"
    assert row["inter2"] == "Civilians"
    assert row["interaction"] == "Political militia-Civilians"
    assert row["civilian_targeting"] == "Civilian targeting"
    # Lower type first, whichever actor holds it; one actor alone is "<type> only".
    swapped = make_extraction(
        actor1=make_extraction().events[0].actor2, actor2=make_extraction().events[0].actor1
    )
    assert _rows([swapped])[0]["interaction"] == "Political militia-Civilians"
    alone = make_extraction(actor2=None, event_type="Battles", sub_event_type="Armed clash")
    [row] = _rows([alone])
    assert row["interaction"] == "Political militia only"
    assert row["inter2"] == "" and row["civilian_targeting"] == ""


def test_a_month_is_coded_on_its_middle_day_with_precision_3() -> None:
    march = DateValue(start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 31), precision="month")
    [row] = _rows([make_extraction(date=march)])
    assert row["event_date"] == "2024-03-16"
    assert row["time_precision"] == "3"


def test_defaults_and_modes_are_tagged_not_hidden() -> None:
    default_date = DateValue(
        start=dt.date(2024, 3, 5), end=dt.date(2024, 3, 5), precision="day", default=True
    )
    threat = make_extraction(mode="threat", date=default_date)
    assert _rows([threat]) == []  # asserted only, by default
    [row] = _rows([threat], ExportFilter(modes=None))
    assert row["tags"] == "mode=threat; date=default"


def test_source_scale_is_national_for_a_home_outlet() -> None:
    [row] = _rows([make_extraction()])
    assert row["source"] == "Horn Observer"
    assert row["source_scale"] == "National"
    assert (
        row["notes"] == "MOGADISHU (Horn Observer) - Gunmen attacked a bus near Afgooye on Monday."
    )


def test_an_event_without_place_or_date_leaves_those_columns_empty() -> None:
    [row] = _rows([make_extraction(place=None, date=None, fatalities=None)])
    for column in ("event_date", "year", "iso", "region", "country", "latitude", "fatalities"):
        assert row[column] == "", column
