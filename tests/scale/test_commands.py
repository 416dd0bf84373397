"""``sitrep batch`` through click's CliRunner: a local cluster, a running one, bad options."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
from click.testing import CliRunner

from sitrep.cli import main


def test_batch_starts_a_local_cluster_of_two_workers(shard_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "batch",
            str(shard_dir / "stories-2.jsonl"),
            "--out",
            str(out),
            "--workers",
            "2",
            "--shard-size",
            "10",
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["inputs"] == 1 and summary["bad_inputs"] == 1
    assert summary["shards"] == len(list(out.glob("part-*.parquet"))) >= 2
    assert summary["events"] == sum(
        pq.read_metadata(p).num_rows for p in out.glob("part-*.parquet")
    )
    assert "1 bad input(s)" in result.stderr


def test_batch_on_a_running_cluster(cluster_address: str, shard_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "batch",
            str(shard_dir / "stories-1.jsonl"),
            "--out",
            str(tmp_path / "out"),
            "--scheduler",
            cluster_address,
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["scheduler"] == cluster_address


def test_scheduler_and_workers_together_is_a_usage_error(shard_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "batch",
            str(shard_dir / "*.jsonl"),
            "--out",
            str(tmp_path / "out"),
            "--scheduler",
            "tcp://127.0.0.1:8786",
            "--workers",
            "2",
        ],
    )
    assert result.exit_code == 2
    assert "--scheduler and --workers exclude each other" in result.output
    assert not (tmp_path / "out").exists()


def test_no_matching_input_exits_1_with_the_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["batch", str(tmp_path / "*.jsonl"), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "[E040]" in result.stderr
