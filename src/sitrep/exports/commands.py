"""``sitrep export``: the stored events in a format analysts already use, filtered."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click
from rich.console import Console

from ..store.commands import db_option, open_for_command

err = Console(stderr=True)

# The names the command takes; ``acled-csv`` reads better on a command line than ``acled``.
FORMAT_NAMES = {
    "acled-csv": "acled",
    "gtd-csv": "gtd",
    "geojson": "geojson",
    "parquet": "parquet",
    "jsonl": "jsonl",
}


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date: expected YYYY-MM-DD.") from None


def _bbox(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError:
        raise click.BadParameter(
            f"'{value}' is not a box: expected WEST,SOUTH,EAST,NORTH in degrees."
        ) from None
    return west, south, east, north


@click.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMAT_NAMES)),
    required=True,
    help="acled-csv (ACLED's columns and order), gtd-csv, geojson, parquet or jsonl.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)
@click.option("--from", "date_from", callback=_day, metavar="YYYY-MM-DD", help="First event day.")
@click.option("--to", "date_to", callback=_day, metavar="YYYY-MM-DD", help="Last event day.")
@click.option("--country", "countries", multiple=True, help="ISO alpha-2 code or name; repeatable.")
@click.option(
    "--type", "event_types", multiple=True, help="ACLED event or sub-event type; repeatable."
)
@click.option("--bbox", callback=_bbox, metavar="W,S,E,N", help="Only events inside this box.")
@click.option(
    "--all-modes",
    is_flag=True,
    help="Export negated, threatened, denied and background events too (default: asserted).",
)
def export(
    db: str | None,
    fmt: str,
    out: Path | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    countries: tuple[str, ...],
    event_types: tuple[str, ...],
    bbox: tuple[float, float, float, float] | None,
    all_modes: bool,
) -> None:
    """Write the stored events to a file (or stdout) in one of the export formats."""
    from ..errors import SitrepError
    from . import ExportFilter
    from . import export as write

    try:
        filters = ExportFilter(
            date_from=date_from,
            date_to=date_to,
            countries=frozenset(countries) or None,
            event_types=frozenset(event_types) or None,
            bbox=bbox,
            modes=None if all_modes else frozenset({"asserted"}),
        )
    except SitrepError as exc:
        raise click.UsageError(str(exc)) from None
    store = open_for_command(db)
    try:
        rows = write(store.extractions(), FORMAT_NAMES[fmt], out or sys.stdout, filters)
    finally:
        store.close()
    unit = "stories" if fmt == "jsonl" else "events"
    err.print(f"exported {rows:,} {unit}" + (f" to {out}" if out else ""), highlight=False)
