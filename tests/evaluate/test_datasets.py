"""Loading gold files, running evaluate_dataset, and the report it returns."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from sitrep.errors import SitrepError
from sitrep.evaluate import evaluate_dataset, load_dataset, render_report, shared_data_dir
from sitrep.model import Article, DateValue, Event, Extraction

REPORT_KEYS = {
    "dataset",
    "records",
    "seconds",
    "articles_per_second",
    "fields",
    "sitrep_version",
    "corpus_sha256",
    "pipeline_version",
    "errors",
    "skipped_lines",
}


def gold_line(i: int, **changes) -> str:
    obj = {
        "id": f"t:{i}",
        "dataset": "tiny",
        "title": None,
        "text": f"On 3 May 2019 clashes were reported ({i}).",
        "published": "2019-05-04",
        "source": "Daily Nation",
        "gold": {"events": [{"id": str(i), "date": "2019-05-03", "event_type": "Battles"}]},
    }
    obj.update(changes)
    return json.dumps(obj)


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def fake_extract(article: Article) -> Extraction:
    """Gets the date right on every record and the event type right on even ones."""
    number = int(article.id.split(":")[1])
    event = Event(
        id="e1",
        event_type="Battles" if number % 2 == 0 else "Protests",
        date=DateValue(start=dt.date(2019, 5, 3)),
        main=True,
    )
    return Extraction(article=article, pipeline_version="fake-1", events=[event])


# ----------------------------------------------------------------------------- loading


def test_missing_file(tmp_path):
    with pytest.raises(SitrepError, match=r"\[E014\].*no such file"):
        load_dataset(tmp_path / "nope.jsonl")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(SitrepError, match=r"\[E014\].*no usable records.*empty"):
        load_dataset(path)


def test_all_lines_bad(tmp_path):
    path = write(tmp_path / "bad.jsonl", ["{not json", "[1, 2]"])
    with pytest.raises(SitrepError, match=r"2 line\(s\) skipped; line 1: not valid JSON"):
        load_dataset(path)


def test_malformed_lines_skipped_with_reasons(tmp_path):
    path = write(
        tmp_path / "mixed.jsonl",
        [
            gold_line(0),
            "{broken",
            gold_line(1, text="   "),
            gold_line(2, gold={}),
            gold_line(0),  # duplicate id
            gold_line(3, published="May 2019"),
            gold_line(4),
        ],
    )
    dataset = load_dataset(path)
    assert [r.id for r in dataset.records] == ["t:0", "t:4"]
    assert dataset.skipped == 5
    reasons = {item["line"]: item["reason"] for item in dataset.skip_reasons}
    assert reasons[2].startswith("not valid JSON")
    assert "text" in reasons[3]
    assert "gold.events" in reasons[4]
    assert "duplicate" in reasons[5]
    assert 6 in reasons
    assert dataset.name == "mixed"
    assert dataset.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_record_becomes_article(tmp_path):
    dataset = load_dataset(write(tmp_path / "one.jsonl", [gold_line(7, title="Clashes")]))
    article = dataset.records[0].article()
    assert article == Article(
        id="t:7",
        title="Clashes",
        text="On 3 May 2019 clashes were reported (7).",
        published=dt.date(2019, 5, 4),
        outlet="Daily Nation",
    )


def test_json_file_with_one_record(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(json.loads(gold_line(1)), indent=1), encoding="utf-8")
    assert [r.id for r in load_dataset(path).records] == ["t:1"]


def test_limit_and_sample_are_deterministic(tmp_path):
    dataset = load_dataset(write(tmp_path / "ten.jsonl", [gold_line(i) for i in range(10)]))
    assert [r.id for r in dataset.select(limit=3)] == ["t:0", "t:1", "t:2"]
    assert [r.id for r in dataset.select(sample=4)] == ["t:0", "t:2", "t:5", "t:7"]
    assert dataset.select(sample=4) == dataset.select(sample=4)
    assert len(dataset.select(sample=50)) == 10
    assert [r.id for r in dataset.select(limit=4, sample=2)] == ["t:0", "t:2"]
    with pytest.raises(SitrepError, match="sample"):
        dataset.select(sample=0)


def test_shared_data_dir_env(tmp_path, monkeypatch):
    monkeypatch.setenv("SITREP_SHARED_DATA", str(tmp_path))
    assert shared_data_dir() == tmp_path
    monkeypatch.setenv("SITREP_SHARED_DATA", str(tmp_path / "absent"))
    assert shared_data_dir() is None


# ----------------------------------------------------------------------------- the report


def test_evaluate_dataset_report(tmp_path):
    path = write(tmp_path / "tiny.jsonl", [gold_line(i) for i in range(4)] + ["{oops"])
    calls = []
    report = evaluate_dataset(
        path, pipeline=fake_extract, progress=lambda d, t: calls.append((d, t))
    )
    assert set(report) >= REPORT_KEYS
    assert report["dataset"] == "tiny"
    assert report["records"] == 4
    assert report["skipped_lines"] == 1
    assert report["errors"] == 0
    assert report["pipeline_version"] == "fake-1"
    assert report["corpus_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert report["fields"]["date"]["accuracy"] == 1.0
    assert report["fields"]["event_type"]["accuracy"] == 0.5
    assert report["fields"]["date"]["baseline"]["accuracy"] == 0.0
    assert report["gold_fields"] == 8
    assert report["articles_per_second"] > 0
    json.dumps(report)  # the report is plain JSON


def test_crashes_count_as_misses(tmp_path):
    path = write(tmp_path / "tiny.jsonl", [gold_line(i) for i in range(4)])

    def flaky(article: Article) -> Extraction:
        if article.id in {"t:1", "t:3"}:
            raise RuntimeError("boom")
        return fake_extract(article)

    report = evaluate_dataset(path, pipeline=flaky, sample=4)
    assert report["errors"] == 2
    assert report["first_error"] == "t:1: RuntimeError('boom')"
    assert report["fields"]["date"]["n"] == 4
    assert report["fields"]["date"]["accuracy"] == 0.5
    assert report["sample"] == 4


def test_render_report(tmp_path):
    path = write(tmp_path / "tiny.jsonl", [gold_line(i) for i in range(4)])
    report = evaluate_dataset(path, pipeline=fake_extract, limit=2)
    out = io.StringIO()
    Console(file=out, width=200).print(render_report(report))
    text = out.getvalue()
    assert "corpus: tiny (2 of 4 records, 4 gold fields, sha " in text
    assert "event_type" in text and "within_1_day 1.000" in text
    assert "published date" in text


# ----------------------------------------------------------------------------- real data


def _pipeline():
    """The real pipeline; until every stage lands, the stages that import (or none)."""
    from sitrep.pipeline import Pipeline

    try:
        return Pipeline()
    except ImportError:
        return Pipeline([])


@pytest.mark.shared
@pytest.mark.slow
def test_acled_first_20_records_through_the_pipeline():
    data = shared_data_dir()
    if data is None or not (data / "acled-dev.jsonl").is_file():
        pytest.skip(
            "../shared/data not found: set SITREP_SHARED_DATA or place the shared data beside"
            " the repository to run the ACLED smoke evaluation"
        )
    report = evaluate_dataset(data / "acled-dev.jsonl", limit=20, pipeline=_pipeline())
    assert report["records"] == 20
    assert report["errors"] == 0, report["first_error"]
    assert (
        report["corpus_sha256"]
        == hashlib.sha256((data / "acled-dev.jsonl").read_bytes()).hexdigest()
    )
    for name in ("date", "event_type", "actor1", "location", "location_name", "fatalities"):
        assert report["fields"][name]["n"] >= 20, name
        assert 0.0 <= report["fields"][name]["coverage"] <= 1.0
    assert report["events"]["gold"] >= 20
