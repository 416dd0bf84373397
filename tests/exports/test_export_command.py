"""`sitrep export` on a real SQLite store filled with the sample stories."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.exports.acled_csv import COLUMNS
from sitrep.store import open_store

from ..examples import sample_extractions


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("export") / "events.db"
    store = open_store(path)
    store.add_many(sample_extractions())
    store.close()
    return str(path)


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["export", *args])
    return result.exit_code, result.stdout


def test_acled_csv_has_acleds_columns_and_only_the_countries_asked_for(db: str) -> None:
    code, out = _run("--db", db, "--format", "acled-csv", "--country", "IQ")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(COLUMNS)
    assert rows and {row["iso"] for row in rows} == {"368"}
    everything = list(csv.DictReader(io.StringIO(_run("--db", db, "--format", "acled-csv")[1])))
    assert len(everything) > len(rows)


def test_bbox_and_dates_narrow_the_geojson(db: str) -> None:
    _, out = _run("--db", db, "--format", "geojson")
    every = json.loads(out)["features"]
    # A box around Iraq and Syria, and the al-Qaim stories' week.
    _, out = _run(
        "--db", db, "--format", "geojson", "--bbox", "35,29,49,38",
        "--from", "2024-04-01", "--to", "2024-04-07",
    )  # fmt: skip
    boxed = json.loads(out)["features"]
    assert 0 < len(boxed) < len(every)
    for feature in boxed:
        lon, lat = feature["geometry"]["coordinates"]
        assert 35 <= lon <= 49 and 29 <= lat <= 38


def test_parquet_goes_to_a_file_and_reads_back(db: str, tmp_path: Path) -> None:
    target = tmp_path / "events.parquet"
    code, _ = _run("--db", db, "--format", "parquet", "--out", str(target))
    assert code == 0
    table = pq.read_table(target)
    asserted = sum(
        1 for ex in sample_extractions() for event in ex.events if event.mode == "asserted"
    )
    assert table.num_rows == asserted


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bbox", "1,2,3"], "WEST,SOUTH,EAST,NORTH"),
        (["--from", "2024-13-01"], "not a date"),
        (["--from", "2024-05-02", "--to", "2024-05-01"], "after"),
    ],
)
def test_bad_filters_are_usage_errors_naming_the_problem(
    db: str, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "jsonl", *args])
    assert result.exit_code == 2
    assert message in result.output
