"""The sitrep command, through click's CliRunner: outputs, exit codes, bad inputs."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from sitrep.cli import main

STORY = "Clashes near Kismayo\n\nOn Monday, al-Shabaab fighters attacked an army base near Kismayo, killing three soldiers.\n"


def _story(tmp_path: Path, name: str = "story.txt", text: str = STORY) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_extract_writes_one_jsonl_record_per_story(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["extract", str(_story(tmp_path)), "--published", "2020-05-06"]
    )
    assert result.exit_code == 0, result.output
    [line] = result.stdout.strip().splitlines()
    record = json.loads(line)
    assert record["article"]["title"] == "Clashes near Kismayo"
    main_event = next(event for event in record["events"] if event["main"])
    assert main_event["date"]["start"] == "2020-05-04"
    assert main_event["fatalities"]["best"] == 3
    ev = main_event["fatalities"]["evidence"][0]
    assert record["article"]["text"][ev["start"] : ev["end"]] == ev["text"]


def test_bad_inputs_are_reported_and_the_good_one_processed(tmp_path: Path) -> None:
    empty = _story(tmp_path, "empty.txt", "")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\x03" * 1000)
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"a" * (50 * 1024 * 1024))
    good = _story(tmp_path)
    result = CliRunner().invoke(main, ["extract", str(empty), str(binary), str(huge), str(good)])
    assert result.exit_code == 0
    assert len(result.stdout.strip().splitlines()) == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert "Traceback" not in result.output
    for path in (empty, binary, huge):
        assert any(str(path) in line for line in errors)


def test_nothing_processed_exits_non_zero(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "no such file" in result.stderr


def test_published_must_be_a_date(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["extract", str(_story(tmp_path)), "--published", "last tuesday"]
    )
    assert result.exit_code == 2
    assert "not a date" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(
        main, ["extract", str(_story(tmp_path)), "--published", "2999-01-01"]
    )
    assert result.exit_code == 2 and "future" in result.output


def test_stdin_and_other_formats(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", "-", "--format", "json"], input=STORY)
    assert result.exit_code == 0
    [record] = json.loads(result.stdout)
    assert record["article"]["title"] == "Clashes near Kismayo"
    result = CliRunner().invoke(main, ["extract", str(_story(tmp_path)), "--format", "table"])
    assert result.exit_code == 0 and "Battles" in result.stdout


def test_only_runs_the_named_stages(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["extract", str(_story(tmp_path)), "--only", "dates", "--published", "2020-05-06"]
    )
    record = json.loads(result.stdout)
    assert record["stages"] == ["dates"] and record["events"] == [] and record["dates"]


def test_schema_is_json_schema_of_the_record() -> None:
    result = CliRunner().invoke(main, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["title"] == "Extraction"
    event = schema["$defs"]["Event"]["properties"]
    for field in (
        "event_type",
        "sub_event_type",
        "disorder_type",
        "attack_type",
        "weapon_type",
        "target_type",
        "plover",
        "date",
        "place",
        "actor1",
        "actor2",
        "assoc_actors",
        "targets",
        "weapons",
        "fatalities",
        "injuries",
        "claimed",
        "mode",
        "main",
        "confidence",
        "evidence",
    ):
        assert field in event, field


def test_explain_shows_the_story_and_the_record(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["explain", str(_story(tmp_path)), "--published", "2020-05-06"]
    )
    assert result.exit_code == 0, result.output
    assert (
        "al-Shabaab" in result.stdout and "2020-05-04" in result.stdout and "MAIN" in result.stdout
    )


def test_stages_lists_reads_and_writes() -> None:
    result = CliRunner().invoke(main, ["stages"])
    for name in ("dates", "places", "actors", "quantities", "events"):
        assert name in result.stdout


def test_evaluate_incidents_scores_pairs_on_the_sample_corpus(tmp_path: Path) -> None:
    from .examples import STORIES

    report = tmp_path / "incidents.json"
    result = CliRunner().invoke(
        main, ["evaluate", str(STORIES), "--incidents", "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    assert "gold pairs" in result.output and "sitrep" in result.output
    scores = json.loads(report.read_text())
    # Reports of the same happening by several outlets must mostly end up together.
    assert scores["sitrep"]["gold_pairs"] >= 20
    assert scores["sitrep"]["f1"] >= 0.9


def test_a_setting_that_cannot_work_is_a_usage_error_naming_the_variable(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Title\nGunmen killed two people in Kano on Sunday.\n")
    runner = CliRunner()
    bad_type = runner.invoke(
        main, ["extract", str(story)], env={"SITREP_PLACES__WEAK_POPULATION": "many"}
    )
    assert bad_type.exit_code == 2
    assert "[E070]" in bad_type.output and "SITREP_PLACES__WEAK_POPULATION" in bad_type.output
    misspelt = runner.invoke(
        main, ["extract", str(story)], env={"SITREP_PLACES__WEAK_POPULATON": "5"}
    )
    assert misspelt.exit_code == 2 and "SITREP_PLACES__WEAK_POPULATON" in misspelt.output
    out_of_range = runner.invoke(
        main,
        ["ingest", str(story), "--db", str(tmp_path / "s.db")],
        env={"SITREP_INCIDENTS__THRESHOLD": "1.5"},
    )
    assert out_of_range.exit_code == 2 and "[E054]" in out_of_range.output
    fine = runner.invoke(main, ["extract", str(story)], env={"SITREP_DATES__VAGUE_DAYS": "3"})
    assert fine.exit_code == 0, fine.output
