"""The regression gate: floors, tolerance, corpus pinning, refusing to lower, atomic writes."""

from __future__ import annotations

import json
import os

import pytest

from sitrep.errors import SitrepError
from sitrep.evaluate import check_floors, raise_floors
from sitrep.evaluate.gate import FLOOR_TOLERANCE, MIN_FLOOR_N, measured_floors

SHA = "a" * 64


def make_report(dataset="acled-dev", *, sha=SHA, sample=2000, **metrics) -> dict:
    """A report with one field per keyword: date=0.8 -> fields.date.accuracy 0.8."""
    fields = {
        name: {"n": 100, "coverage": 1.0, "accuracy": value, "median_km": 12.0}
        for name, value in metrics.items()
    }
    return {
        "dataset": dataset,
        "records": sample,
        "sample": sample,
        "corpus_sha256": sha,
        "sitrep_version": "0.1.0",
        "fields": fields,
    }


def pin(tmp_path, **metrics):
    path = tmp_path / "floor.json"
    raise_floors([make_report(**metrics)], path)
    return path


def test_pass_and_fail_below_floor(tmp_path):
    path = pin(tmp_path, date=0.80, event_type=0.60)
    assert check_floors([make_report(date=0.80, event_type=0.61)], path) == []
    failures = check_floors([make_report(date=0.70, event_type=0.61)], path)
    assert len(failures) == 1
    assert failures[0].startswith("[E018] Evaluation gate: acled-dev ")
    assert "date.accuracy = 0.7000 is below its floor 0.8000" in failures[0]
    assert f"(tolerance {FLOOR_TOLERANCE})" in failures[0]


def test_tolerance(tmp_path):
    path = pin(tmp_path, date=0.80)
    assert check_floors([make_report(date=0.80 - FLOOR_TOLERANCE + 0.0001)], path) == []
    assert check_floors([make_report(date=0.80 - FLOOR_TOLERANCE - 0.0001)], path) != []


def test_corpus_hash_and_sample_must_match(tmp_path):
    path = pin(tmp_path, date=0.80)
    failures = check_floors([make_report(sha="b" * 64, date=0.9)], path)
    assert len(failures) == 1 and failures[0].startswith("[E019] Dataset acled-dev: ")
    assert (
        "the corpus changed (sha256 bbbbbbbbbbbb…, floors pinned on aaaaaaaaaaaa…)" in failures[0]
    )
    assert "re-pin the floors" in failures[0]
    failures = check_floors([make_report(sample=None, date=0.9)], path)
    assert len(failures) == 1 and "[E016]" in failures[0] and "sample=None" in failures[0]


def test_missing_field_metric_or_dataset_fails(tmp_path):
    path = pin(tmp_path, date=0.80, event_type=0.5)
    report = make_report(date=0.9)
    assert any("'event_type' is missing" in f for f in check_floors([report], path))
    report = make_report(date=0.9, event_type=0.6)
    report["fields"]["event_type"]["accuracy"] = None
    assert any("event_type.accuracy has no value" in f for f in check_floors([report], path))
    assert any(
        "no floors pinned" in f for f in check_floors([make_report("rand-dev", date=1.0)], path)
    )


def test_floor_file_errors(tmp_path):
    with pytest.raises(SitrepError, match=r"\[E016\].*no such file"):
        check_floors([make_report(date=0.5)], tmp_path / "absent.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    with pytest.raises(SitrepError, match=r"\[E016\].*unreadable"):
        check_floors([make_report(date=0.5)], bad)


def test_raise_floors_pins_what_was_measured(tmp_path):
    path = pin(tmp_path, date=0.81234, event_type=0.6)
    floors = json.loads(path.read_text())
    entry = floors["acled-dev"]
    assert entry["sample"] == 2000 and entry["corpus_sha256"] == SHA
    assert entry["fields"]["date"] == {"accuracy": 0.8123}  # rounded down
    # median_km (lower is better) and coverage (rises by guessing) are never floored
    assert "median_km" not in entry["fields"]["date"]
    assert "coverage" not in entry["fields"]["date"]


def test_raise_keeps_the_higher_floor(tmp_path):
    path = pin(tmp_path, date=0.80, event_type=0.60)
    floors = raise_floors([make_report(date=0.85, event_type=0.598)], path)
    assert floors["acled-dev"]["fields"]["date"]["accuracy"] == 0.85
    assert floors["acled-dev"]["fields"]["event_type"]["accuracy"] == 0.6  # within tolerance: kept
    assert json.loads(path.read_text()) == floors


def test_raise_refuses_to_lower(tmp_path):
    path = pin(tmp_path, date=0.80, event_type=0.60)
    before = path.read_text()
    with pytest.raises(SitrepError, match=r"refusing to lower floors.*date\.accuracy 0\.8 -> 0\.7"):
        raise_floors([make_report(date=0.70, event_type=0.60)], path)
    with pytest.raises(SitrepError, match=r"event_type\.accuracy 0\.6 -> None"):
        raise_floors([make_report(date=0.80)], path)
    assert path.read_text() == before
    floors = raise_floors([make_report(date=0.70, event_type=0.60)], path, allow_regression=True)
    assert floors["acled-dev"]["fields"]["date"]["accuracy"] == 0.7


def test_repin_after_corpus_change(tmp_path):
    path = pin(tmp_path, date=0.80)
    new_sha = "c" * 64
    # A new corpus pins what was measured, even a hair below the old floor...
    floors = raise_floors([make_report(sha=new_sha, date=0.797)], path)
    assert floors["acled-dev"]["corpus_sha256"] == new_sha
    assert floors["acled-dev"]["fields"]["date"]["accuracy"] == 0.797
    assert check_floors([make_report(sha=new_sha, date=0.797)], path) == []
    # ...but a real drop on a changed corpus still needs allow_regression.
    with pytest.raises(SitrepError, match="refusing to lower"):
        raise_floors([make_report(sha="d" * 64, date=0.70)], path)
    floors = raise_floors([make_report(sha="d" * 64, date=0.70)], path, allow_regression=True)
    assert floors["acled-dev"]["fields"]["date"]["accuracy"] == 0.7


def test_other_datasets_are_kept(tmp_path):
    path = pin(tmp_path, date=0.80)
    raise_floors([make_report("rand-dev", date=0.9)], path)
    floors = json.loads(path.read_text())
    assert set(floors) == {"acled-dev", "rand-dev"}


def test_small_fields_get_no_floor():
    report = make_report(date=0.8, rare=0.1)
    report["fields"]["rare"]["n"] = MIN_FLOOR_N - 1
    assert set(measured_floors(report)) == {"date"}


def test_write_is_atomic(tmp_path, monkeypatch):
    path = pin(tmp_path, date=0.80)
    before = path.read_text()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        raise_floors([make_report(date=0.9)], path)
    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["floor.json"]  # no temporary file left
