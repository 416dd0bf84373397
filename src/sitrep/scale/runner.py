"""Run the pipeline over many files on a Dask cluster: a bag of shards, one Parquet file each.

The engine only maps: each partition reads its shard, hands the articles to the plain
``sitrep.pipeline.process_batch`` and writes what comes back. Nothing here decides how an
article is coded, so another engine needs only another adapter like this one.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Errors, InputError, SitrepError
from ..exports import parquet
from ..exports.fields import pairs
from ..pipeline import Pipeline, process_batch
from ..settings import Settings
from . import shards
from .shards import Shard

if TYPE_CHECKING:
    from dask.distributed import Client

PART_PREFIX = "part-"
PLAN_ERRORS = "inputs.errors.jsonl"
_CODE = re.compile(r"\[([EW]\d{3})\]")


@dataclass
class BatchReport:
    """What a batch did: counts, where its files are, and how long it took."""

    inputs: int = 0
    shards: int = 0
    articles: int = 0
    events: int = 0
    bad_inputs: int = 0
    stage_failures: int = 0
    seconds: float = 0.0
    scheduler: str = ""
    parquet_files: list[Path] = field(default_factory=list)
    error_files: list[Path] = field(default_factory=list)


def run_batch(
    input_glob: str | Iterable[str],
    out_dir: Path,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    shard_size: int = 1000,
) -> BatchReport:
    """Extract every record of the inputs on a Dask cluster, one Parquet file per shard.

    ``input_glob``: one glob pattern (or several) of JSONL/Parquet files in the reference
    record format. ``scheduler``: address of a running cluster (``tcp://host:8786``);
    otherwise a LocalCluster of ``workers`` processes (default: one per core) is started
    and stopped. Each shard of ``shard_size`` records becomes ``part-NNNNN.parquet`` (one
    row per event) and ``part-NNNNN.errors.jsonl`` (its unreadable records, with reasons)
    in ``out_dir``, which must not hold an earlier batch's parts.

    Raises SitrepError for bad arguments (E047, E048), an occupied ``out_dir`` (E044), an
    unreachable scheduler (E049), and InputError when a pattern matches no file (E040).
    """
    started = time.perf_counter()
    if scheduler is not None and workers is not None:
        raise SitrepError(Errors.E048)
    for name, value in (("shard_size", shard_size), ("workers", workers)):
        if value is not None and value < 1:
            raise SitrepError(Errors.E047.format(name=name, value=value))
    paths = shards.find_inputs(input_glob)
    out_dir.mkdir(parents=True, exist_ok=True)
    earlier = sorted(out_dir.glob(f"{PART_PREFIX}*"))
    if earlier:
        raise SitrepError(Errors.E044.format(path=out_dir, count=len(earlier)))
    planned, problems = shards.plan(paths, shard_size)
    report = BatchReport(inputs=len(paths), shards=len(planned), bad_inputs=len(problems))
    if problems:
        report.error_files.append(
            _write_errors(
                out_dir / PLAN_ERRORS, ((str(path), None, problem) for path, problem in problems)
            )
        )
    if planned:
        with _client(scheduler, workers) as client:
            import dask.bag as db

            report.scheduler = client.scheduler.address
            bag = db.from_sequence(list(enumerate(planned)), partition_size=1)
            results = client.compute(
                bag.map_partitions(process_partition, out_dir=str(out_dir)), sync=True
            )
        for result in results:
            report.articles += result["articles"]
            report.events += result["events"]
            report.bad_inputs += result["bad_inputs"]
            report.stage_failures += result["stage_failures"]
            report.parquet_files.append(Path(result["parquet"]))
            report.error_files.append(Path(result["errors"]))
    report.seconds = time.perf_counter() - started
    return report


@contextmanager
def _client(scheduler: str | None, workers: int | None) -> Iterator[Client]:
    from dask.distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler)
        except (OSError, TimeoutError) as exc:
            raise SitrepError(Errors.E049.format(address=scheduler, reason=exc)) from exc
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: 8787 may be taken
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@lru_cache(maxsize=1)
def worker_pipeline() -> Pipeline:
    """The worker process's Pipeline, built on its first shard and kept for the rest."""
    return Pipeline()


def process_partition(items: Iterable[tuple[int, Shard]], out_dir: str) -> list[dict]:
    """The function each Dask partition runs: every (index, shard) in it, one by one."""
    return [process_shard(shard, Path(out_dir), index=index) for index, shard in items]


def process_shard(shard: Shard, out_dir: Path, *, index: int) -> dict:
    """Read one shard, extract it with ``process_batch``, write its Parquet and errors files."""
    articles = []
    problems: list[tuple[str, int, InputError]] = []
    for number, item in shards.read(shard, Settings()):
        if isinstance(item, InputError):
            problems.append((shard.path, number, item))
        else:
            articles.append(item)
    extractions = process_batch(articles, pipeline=worker_pipeline())
    stem = out_dir / f"{PART_PREFIX}{index:05d}"
    # Written under a temporary name first: a retried or killed task leaves no half file.
    partial = stem.with_suffix(".parquet.partial")
    events = parquet.write(pairs(extractions), partial)
    os.replace(partial, stem.with_suffix(".parquet"))
    errors = _write_errors(stem.with_suffix(".errors.jsonl"), problems)
    return {
        "shard": shard.label,
        "articles": len(articles),
        "events": events,
        "bad_inputs": len(problems),
        "stage_failures": sum(
            note.code == "stage.failed" for extraction in extractions for note in extraction.notes
        ),
        "parquet": str(stem.with_suffix(".parquet")),
        "errors": str(errors),
    }


def _write_errors(path: Path, problems: Iterable[tuple[str, int | None, InputError]]) -> Path:
    """One JSON object per bad input: source file, line (or row), error code, message."""
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as stream:
        for source, line, problem in problems:
            message = str(problem)
            code = _CODE.match(message)
            record = {
                "source": source,
                "line": line,
                "code": code.group(1) if code else None,
                "message": message,
            }
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    os.replace(partial, path)
    return path
