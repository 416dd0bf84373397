"""``sitrep batch``: extract many files on a Dask cluster, one Parquet file per shard."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click
from rich.console import Console

err = Console(stderr=True)


@click.command()
@click.argument("input_glob", nargs=-1, required=True)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the part-NNNNN.parquet and .errors.jsonl files (must hold no earlier parts).",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="Address of a running Dask scheduler (dask scheduler / dask worker on your machines).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Start a local cluster of N worker processes (default: one per core).",
)
@click.option(
    "--shard-size",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="Records per shard: each shard is one task and one output file.",
)
def batch(
    input_glob: tuple[str, ...],
    out_dir: Path,
    scheduler: str | None,
    workers: int | None,
    shard_size: int,
) -> None:
    """Extract every record of INPUT_GLOB (JSONL or Parquet files; quote the glob) on Dask."""
    if scheduler and workers:
        raise click.UsageError(
            "--scheduler and --workers exclude each other: connect to a running cluster"
            " or start a local one of N workers, not both."
        )
    from ..errors import SitrepError
    from .runner import run_batch

    try:
        report = run_batch(
            list(input_glob),
            out_dir,
            scheduler=scheduler,
            workers=workers,
            shard_size=shard_size,
        )
    except SitrepError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        sys.exit(1)
    err.print(
        f"{report.articles:,} articles, {report.events:,} events from {report.inputs} file(s)"
        f" in {report.shards} shard(s), {report.seconds:.1f} s on {report.scheduler or 'no cluster'}",
        highlight=False,
    )
    if report.bad_inputs:
        err.print(
            f"[yellow]{report.bad_inputs} bad input(s)[/yellow], listed in the .errors.jsonl"
            f" files in {out_dir}",
            highlight=False,
        )
    if report.stage_failures:
        err.print(
            f"[yellow]{report.stage_failures} stage failure(s)[/yellow] recorded as notes",
            highlight=False,
        )
    click.echo(json.dumps(asdict(report), default=str))
    if not report.articles:
        sys.exit(1)
