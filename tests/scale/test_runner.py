"""run_batch on a real Dask cluster: the same events as a serial run, bad lines reported."""

from __future__ import annotations

import json
from pathlib import Path

import dask
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sitrep.errors import InputError, SitrepError
from sitrep.exports.parquet import SCHEMA
from sitrep.scale import run_batch
from tests.examples import sample_extractions

COMPARED = (
    "article_id",
    "event_id",
    "event_type",
    "sub_event_type",
    "mode",
    "location",
    "fatalities_best",
)


def _serial_rows() -> list[tuple]:
    """The events of a serial run over the same stories (the session's cached sample run)."""
    return sorted(
        (
            e.article.id,
            ev.id,
            ev.event_type,
            ev.sub_event_type,
            ev.mode,
            ev.place.name if ev.place else None,
            ev.fatalities.best if ev.fatalities else None,
        )
        for e in sample_extractions()
        for ev in e.events
    )


def _batch_rows(files: list[Path]) -> list[tuple]:
    table = pa.concat_tables(pq.read_table(path) for path in files)
    assert table.schema.equals(SCHEMA)
    return sorted(zip(*(table[name].to_pylist() for name in COMPARED), strict=True))


def test_cluster_output_equals_a_serial_run(
    cluster_address: str, shard_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    report = run_batch(str(shard_dir / "*.jsonl"), out, scheduler=cluster_address, shard_size=10)
    assert report.inputs == 3
    assert report.shards == len(report.parquet_files) == len(list(out.glob("part-*.parquet")))
    assert report.shards > 3  # files were cut into several shards each
    assert report.scheduler == cluster_address
    serial = _serial_rows()
    assert _batch_rows(report.parquet_files) == serial
    assert report.events == len(serial)
    lines = sum(len(p.read_text().splitlines()) for p in shard_dir.iterdir())
    assert report.articles == lines - 1 and report.bad_inputs == 1
    errors = [
        json.loads(line) for path in report.error_files for line in path.read_text().splitlines()
    ]
    assert errors == [
        {
            "source": str(shard_dir / "stories-2.jsonl"),
            "line": 5,
            "code": "E010",
            "message": errors[0]["message"],
        }
    ]
    assert "stories-2.jsonl, line 5: not valid JSON" in errors[0]["message"]


def test_parquet_inputs_and_unplannable_files(cluster_address: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    records = [
        json.loads(line)
        for line in (Path(__file__).parents[2] / "examples" / "stories.jsonl")
        .read_text()
        .splitlines()[:6]
    ]
    columns = ["id", "title", "text", "published", "source", "url"]
    pq.write_table(
        pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in records]),
        folder / "stories.parquet",
        row_group_size=4,
    )
    (folder / "notes.txt").write_text("not a batch input")
    report = run_batch(
        [str(folder / "*")], tmp_path / "out", scheduler=cluster_address, shard_size=4
    )
    assert report.articles == 6 and report.shards == 2
    ids = set(
        pa.concat_tables(pq.read_table(p) for p in report.parquet_files)["article_id"].to_pylist()
    )
    assert ids <= {r["id"] for r in records} and len(ids) >= 5
    plan_errors = (tmp_path / "out" / "inputs.errors.jsonl").read_text().splitlines()
    assert len(plan_errors) == 1 and json.loads(plan_errors[0])["code"] == "E041"
    assert report.bad_inputs == 1


def test_an_earlier_batch_in_the_output_folder_is_not_mixed_in(
    shard_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "part-00000.parquet").write_bytes(b"old")
    with pytest.raises(SitrepError, match=r"\[E044\]"):
        run_batch(str(shard_dir / "*.jsonl"), out, workers=1)


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"scheduler": "tcp://127.0.0.1:8786", "workers": 2}, "E048"),
        ({"shard_size": 0}, "E047"),
        ({"workers": 0}, "E047"),
    ],
)
def test_bad_arguments_are_refused_before_any_work(
    shard_dir: Path, tmp_path: Path, options: dict, code: str
) -> None:
    with pytest.raises(SitrepError, match=rf"\[{code}\]"):
        run_batch(str(shard_dir / "*.jsonl"), tmp_path / "out", **options)
    assert not (tmp_path / "out").exists()


def test_no_matching_input_is_an_e040(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\[E040\]"):
        run_batch(str(tmp_path / "*.jsonl"), tmp_path / "out", workers=1)


def test_an_unreachable_scheduler_is_an_e049(shard_dir: Path, tmp_path: Path) -> None:
    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        pytest.raises(SitrepError, match=r"\[E049\].*tcp://127.0.0.1:1"),
    ):
        run_batch(str(shard_dir / "*.jsonl"), tmp_path / "out", scheduler="tcp://127.0.0.1:1")
