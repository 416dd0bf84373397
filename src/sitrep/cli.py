"""The ``sitrep`` command. Each command calls one library function; messages go to stderr.

Exit codes: 0 at least one input was processed; 1 nothing could be processed, or an
evaluation fell below its floor; 2 a usage error.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click
from rich.console import Console

from . import __version__

err = Console(stderr=True)


def _date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date: expected YYYY-MM-DD.") from None
    if parsed > dt.date.today() + dt.timedelta(days=1):
        raise click.BadParameter(
            f"{value} is in the future: a story cannot be published after today."
        )
    return parsed


def settings_from_env():
    """The settings every extracting or serving command runs with: defaults, then the
    SITREP_<GROUP>__<NAME> variables; a variable that cannot work is a usage error."""
    from .errors import SitrepError
    from .settings import Settings

    try:
        return Settings.from_env()
    except SitrepError as exc:
        raise click.UsageError(str(exc)) from None


def _pipeline(only: str | None):
    from .pipeline import Pipeline

    settings = settings_from_env()
    return (
        Pipeline.only(only.split(","), settings=settings) if only else Pipeline(settings=settings)
    )


only_option = click.option(
    "--only", metavar="STAGES", help="Run only these stages, comma-separated (e.g. dates,places)."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitrep")
def main() -> None:
    """Turn news reports of political violence into auditable event records."""


def _articles(files: tuple[str, ...], published: dt.date | None):
    """Articles from every input, reporting each unreadable one on stderr."""
    from .errors import InputError
    from .readers import read_source
    from .readers.text import stdin_bytes

    settings = settings_from_env()
    stdin = stdin_bytes(sys.stdin.buffer, settings) if "-" in files else None
    for source in files:
        for item in read_source(source, published=published, settings=settings, stdin=stdin):
            if isinstance(item, InputError):
                err.print(f"[red]error:[/red] {item}", highlight=False, soft_wrap=True)
                continue
            if item.published and item.published > dt.date.today() + dt.timedelta(days=1):
                err.print(
                    f"[red]error:[/red] {source}: published date {item.published} is in the future.",
                    highlight=False,
                )
                continue
            yield item


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--published",
    callback=_date_option,
    metavar="YYYY-MM-DD",
    help="Publication date of the stories (the reference for 'on Sunday').",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "json", "table"]),
    default="jsonl",
    show_default=True,
    help="Output format on stdout.",
)
@only_option
def extract(
    files: tuple[str, ...], published: dt.date | None, output_format: str, only: str | None
) -> None:
    """Extract event records from FILES (.txt with the title on the first line, .jsonl, or - for stdin)."""
    from .errors import SitrepError
    from .output import print_table

    try:
        pipeline = _pipeline(only)
    except SitrepError as exc:
        raise click.UsageError(str(exc)) from None
    extractions = []
    for article in _articles(files, published):
        extraction = pipeline.extract(article)
        if output_format == "jsonl":
            click.echo(extraction.model_dump_json())
        extractions.append(extraction)
    if output_format == "json":
        click.echo(
            json.dumps(
                [e.model_dump(mode="json") for e in extractions], indent=2, ensure_ascii=False
            )
        )
    elif output_format == "table":
        print_table(extractions)
    if not extractions:
        sys.exit(1)


@main.command()
@click.argument("file")
@click.option(
    "--published",
    callback=_date_option,
    metavar="YYYY-MM-DD",
    help="Publication date of the story.",
)
@click.option("--all", "all_events", is_flag=True, help="Show every event, not only the main one.")
def explain(file: str, published: dt.date | None, all_events: bool) -> None:
    """Show FILE with each field's evidence highlighted beside the record."""
    from .explain import render
    from .output import stdout_console

    pipeline = _pipeline(None)
    shown = 0
    for article in _articles((file,), published):
        console = stdout_console()
        console.print(render(pipeline.extract(article), all_events=all_events, width=console.width))
        shown += 1
    if not shown:
        sys.exit(1)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the extraction record."""
    from .model import Extraction

    click.echo(json.dumps(Extraction.model_json_schema(), indent=2))


@main.command()
def stages() -> None:
    """List the registered stages with what each reads and writes."""
    from rich.table import Table

    from . import registry
    from .output import stdout_console

    table = Table("stage", "reads", "writes", "description")
    for name in registry.available():
        cls = registry.load(name)
        table.add_row(
            name, ", ".join(sorted(cls.reads)), ", ".join(sorted(cls.writes)), cls.description
        )
    stdout_console().print(table)


@main.command()
@click.argument("dataset", type=click.Path(path_type=Path))
@click.option("--limit", type=int, help="Score only the first N records.")
@click.option("--sample", type=int, help="Score N records spread evenly over the file.")
@click.option(
    "--report", "report_path", type=click.Path(path_type=Path), help="Write the JSON report here."
)
@click.option(
    "--floor",
    "floor_path",
    type=click.Path(path_type=Path),
    help="Fail when a score is below its floor in this file.",
)
@click.option(
    "--raise-floors", is_flag=True, help="Raise the floors in --floor to the measured scores."
)
@click.option(
    "--allow-regression", is_flag=True, help="With --raise-floors, allow a floor to go down."
)
@click.option(
    "--incidents",
    is_flag=True,
    help="Score incident clustering instead: pairwise same-incident precision, recall, F1.",
)
def evaluate(
    dataset: Path,
    limit: int | None,
    sample: int | None,
    report_path: Path | None,
    floor_path: Path | None,
    raise_floors: bool,
    allow_regression: bool,
    incidents: bool,
) -> None:
    """Score the pipeline on DATASET (reference-data JSONL) and print a table per field."""
    from rich.progress import Progress

    from .errors import SitrepError
    from .evaluate import check_floors, evaluate_dataset, render_report
    from .evaluate import raise_floors as raise_floor_file

    if incidents:
        from .evaluate.incidents import evaluate_incidents, render_incident_report

        try:
            scores = evaluate_incidents(dataset, sample=sample)
        except SitrepError as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False)
            sys.exit(1)
        click.echo(render_incident_report(scores))
        if report_path:
            report_path.parent.mkdir(parents=True, exist_ok=True)
            report_path.write_text(json.dumps(scores, indent=2, default=str) + "\n")
        return

    try:
        with Progress(console=err, transient=True, disable=not err.is_terminal) as progress:
            task = progress.add_task(f"evaluating {dataset.name}", total=None)
            report = evaluate_dataset(
                dataset,
                limit=limit,
                sample=sample,
                progress=lambda done, total: progress.update(task, completed=done, total=total),
            )
    except SitrepError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        sys.exit(1)
    from .output import stdout_console

    stdout_console().print(render_report(report))
    if report_path:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report_path.write_text(json.dumps(report, indent=2, default=str) + "\n")
    if floor_path and raise_floors:
        try:
            raise_floor_file([report], floor_path, allow_regression=allow_regression)
        except SitrepError as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False)
            sys.exit(1)
        err.print(f"floors raised in {floor_path}")
    elif floor_path:
        failures = check_floors([report], floor_path)
        for failure in failures:
            err.print(f"[red]below floor:[/red] {failure}", highlight=False)
        if failures:
            sys.exit(1)
        err.print(f"[green]all floors hold[/green] ({floor_path})")


@main.command()
@click.argument("names", nargs=-1)
def resources(names: tuple[str, ...]) -> None:
    """Build the named resources (all by default: gazetteer, ...) from package data."""
    from .resources.build import main as build

    sys.exit(build(list(names)))


# Commands of the store, exports, scale-out and API live beside the code they drive.
from .api.commands import serve  # noqa: E402
from .exports.commands import export  # noqa: E402
from .scale.commands import batch  # noqa: E402
from .store.commands import errors, ingest, reprocess  # noqa: E402

for command in (ingest, errors, reprocess, export, batch, serve):
    main.add_command(command)


if __name__ == "__main__":
    main()
