"""The store's commands: ``sitrep ingest``, ``sitrep errors``, ``sitrep reprocess``.

Each calls one library function; messages and progress go to stderr, tables to stdout.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click
from rich.console import Console

if TYPE_CHECKING:
    from ..ingest import IngestReport
    from .store import Store

err = Console(stderr=True)


def _say(message: str) -> None:
    """A message on stderr, whole on one line (a URL or path is never wrapped)."""
    err.print(message, highlight=False, soft_wrap=True)


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    # The one --published check every command shares; imported here because cli.py
    # imports this module.
    from ..cli import _date_option

    return _date_option(ctx, param, value)


def usable_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


db_option = click.option(
    "--db",
    metavar="URL",
    envvar="SITREP_DB",
    help="The store: a SQLite file path or a postgresql:// URL (default: sitrep.db here,"
    " or $SITREP_DB).",
)
workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    metavar="N",
    help="Processes extracting in parallel; 1 runs in this process (default: every usable core).",
)


def open_for_command(db: str | None, *, bulk: bool = False) -> Store:
    """The store a command's --db names; a bad URL is a usage error, an unreachable or
    unmigratable store an error line and exit 1. ``bulk``: a job that writes the store
    through (ingest, reprocess) reads without a memory map, so its memory stays flat."""
    from ..errors import SitrepError
    from .connect import store_url
    from .store import open_store

    try:
        store_url(db)
    except SitrepError as exc:
        raise click.BadParameter(str(exc), param_hint="--db") from None
    try:
        return open_store(db, bulk=bulk)
    except SitrepError as exc:
        _say(f"[red]error:[/red] {exc}")
        sys.exit(1)


@contextmanager
def _progress(label: str) -> Iterator[Callable[[IngestReport], None]]:
    """A progress bar on stderr (when it is a terminal), fed with the running counts."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[counts]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task(label, total=None, counts="")
        yield lambda report: bar.update(task, counts=_counts(report))


@contextmanager
def _stops_cleanly(store: Store, label: str) -> Iterator[Callable[[IngestReport], None]]:
    """Progress for a run over ``store``; when the store fails mid-run (E029: locked, full,
    gone), the run ends with the error, what it did so far, and exit code 1. The batches
    written before the failure are kept, and the same command resumes after them."""
    from ..errors import SitrepError

    seen: list[IngestReport] = []
    try:
        with _progress(label) as update:

            def track(report: IngestReport) -> None:
                seen[:] = [report]
                update(report)

            yield track
    except SitrepError as exc:
        _say(f"[red]error:[/red] {exc}")
        done = f" after {_counts(seen[0])}" if seen else ""
        _say(
            f"{store.url}: stopped{done}; what was written before the error is kept,"
            " and the same command again resumes after it"
        )
        sys.exit(1)


def _counts(report: IngestReport) -> str:
    return (
        f"read {report.read:,} · new {report.new:,} · skipped {report.skipped:,}"
        f" · quarantined {report.quarantined:,} · incidents changed {report.incidents:,}"
    )


@click.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@workers_option
@click.option(
    "--published",
    callback=_published,
    metavar="YYYY-MM-DD",
    help="Publication date of stories that carry none (the reference for 'on Sunday').",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    metavar="N",
    help="Stories written per transaction (default 100); a killed run redoes at most the"
    " batches in flight.",
)
def ingest(
    sources: tuple[str, ...],
    db: str | None,
    workers: int | None,
    published: dt.date | None,
    batch_size: int | None,
) -> None:
    """Extract SOURCES (files, URLs, or - for stdin) into the store, skipping stories it holds."""
    from ..cli import settings_from_env
    from ..ingest import BATCH_SIZE
    from ..ingest import ingest as ingest_sources
    from ..readers.text import stdin_bytes

    settings = settings_from_env()
    stdin = stdin_bytes(sys.stdin.buffer, settings) if "-" in sources else None
    with open_for_command(db, bulk=True) as store, _stops_cleanly(store, "ingesting") as update:
        report = ingest_sources(
            sources,
            store,
            workers=workers or usable_cores(),
            published=published,
            settings=settings,
            progress=update,
            stdin=stdin,
            batch_size=batch_size or BATCH_SIZE,
        )
    rate = f" ({report.per_second:,.0f}/s)" if report.seconds else ""
    _say(f"{store.url}: {_counts(report)} in {report.seconds:.1f} s{rate}")
    if report.quarantined:
        _say("quarantined inputs and their reasons: [bold]sitrep errors[/bold]")
    sys.exit(0 if report.new + report.skipped else 1)


@click.command()
@db_option
@click.option(
    "--limit", type=click.IntRange(min=1), metavar="N", help="Show only the N most recent."
)
def errors(db: str | None, limit: int | None) -> None:
    """List the quarantined inputs (unreadable, future-dated, clashing ids) and why."""
    from rich.table import Table

    from ..output import stdout_console

    with open_for_command(db) as store:
        rows = store.errors(limit=limit)
    if not rows:
        _say(f"{store.url}: nothing quarantined")
        return
    table = Table("source", "reason", "when (UTC)", "seen")
    for row in rows:
        table.add_row(row.source, row.reason, row.at.strftime("%Y-%m-%d %H:%M:%S"), str(row.seen))
    stdout_console().print(table)


@click.command()
@db_option
@workers_option
def reprocess(db: str | None, workers: int | None) -> None:
    """Re-extract every stored story that an older (or other) pipeline version extracted."""
    from ..cli import settings_from_env
    from ..ingest import reprocess as reprocess_store

    with (
        open_for_command(db, bulk=True) as store,
        _stops_cleanly(store, "re-extracting") as update,
    ):
        report = reprocess_store(
            store,
            workers=workers or usable_cores(),
            settings=settings_from_env(),
            progress=update,
        )
    _say(
        f"{store.url}: re-extracted {report.new:,} of {report.read:,} stories with pipeline"
        f" {report.pipeline_version} in {report.seconds:.1f} s"
    )
