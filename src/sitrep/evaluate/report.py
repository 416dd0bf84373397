"""Run the pipeline over a gold dataset and report per-field scores (JSON and a rich table).

A record whose extraction crashes counts as a miss on every gold field; the report says
how many crashed and shows the first exception only.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..model import Article, Extraction
from .datasets import load_dataset
from .scoring import Scorer

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..pipeline import Pipeline

Extractor = Callable[[Article], Extraction]


def _extractor(pipeline: Pipeline | Extractor | None) -> tuple[Extractor, str | None]:
    """The extract callable and its version: a Pipeline, a bare callable, or the default."""
    if pipeline is None:
        from ..pipeline import Pipeline

        pipeline = Pipeline()
    extract = getattr(pipeline, "extract", None)
    if callable(extract):
        return extract, getattr(pipeline, "version", None)
    return pipeline, None  # type: ignore[return-value]


def evaluate_dataset(
    path: Path,
    *,
    limit: int | None = None,
    sample: int | None = None,
    pipeline: Pipeline | Extractor | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Extract every selected record of the gold file at ``path`` and score it.

    ``limit`` keeps the first N records; ``sample`` then keeps N spread evenly over the
    file (deterministic). ``pipeline`` is a Pipeline or any ``extract(article)`` callable
    (default: ``Pipeline()``). ``progress(done, total)`` is called after each record.
    Returns the report dict described in docs/evaluation.md.
    """
    started = time.perf_counter()
    dataset = load_dataset(path)
    records = dataset.select(limit=limit, sample=sample)
    extract, pipeline_version = _extractor(pipeline)
    scorer = Scorer()
    errors = stage_failures = 0
    first_error: str | None = None
    extract_seconds = 0.0
    for done, record in enumerate(records, start=1):
        extraction: Extraction | None = None
        tick = time.perf_counter()
        try:
            extraction = extract(record.article())
        except Exception as exc:  # noqa: BLE001 - a crash is scored as a miss, counted, shown once
            errors += 1
            first_error = first_error or f"{record.id}: {exc!r}"
        extract_seconds += time.perf_counter() - tick
        if extraction is not None:
            pipeline_version = pipeline_version or extraction.pipeline_version
            stage_failures += any(note.code == "stage.failed" for note in extraction.notes)
        scorer.add(record, extraction)
        if progress is not None:
            progress(done, len(records))
    scored = scorer.result()
    fields = scored["fields"]
    return {
        "dataset": dataset.name,
        "path": str(path),
        "records": len(records),
        "records_total": len(dataset.records),
        "limit": limit,
        "sample": sample,
        "gold_fields": sum(metrics["n"] for metrics in fields.values()),
        "seconds": round(extract_seconds, 3),
        "total_seconds": round(time.perf_counter() - started, 3),
        "articles_per_second": round(len(records) / extract_seconds, 1)
        if extract_seconds
        else None,
        "sitrep_version": __version__,
        "pipeline_version": pipeline_version,
        "corpus_sha256": dataset.sha256,
        "errors": errors,
        "first_error": first_error,
        "stage_failures": stage_failures,
        "skipped_lines": dataset.skipped,
        "skipped": dataset.skip_reasons,
        "events": scored["events"],
        "not_scored": scored["not_scored"],
        "fields": fields,
    }


def save_report(report: dict, path: Path) -> None:
    """Write ``report`` as indented JSON."""
    Path(path).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _extras(metrics: dict) -> str:
    parts = []
    if "recall" in metrics:
        parts.append(
            f"P {_fmt(metrics['precision'])}  R {_fmt(metrics['recall'])}  F1 {_fmt(metrics['f1'])}"
        )
    elif "precision" in metrics:
        parts.append(f"P {_fmt(metrics['precision'])}")
    for key in ("within_1_day", "within_1", "within_25km", "within_100km"):
        if key in metrics:
            parts.append(f"{key} {_fmt(metrics[key])}")
    if "median_km" in metrics:
        parts.append(f"median {_fmt(metrics['median_km'], 1)} km")
    return "  ".join(parts)


def render_report(report: dict) -> RenderableType:
    """A rich renderable: the corpus line, then one row per scored field with its baseline."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    sha = (report.get("corpus_sha256") or "")[:10]
    corpus = (
        f"corpus: {report['dataset']} ({report['records']:,} of {report.get('records_total', 0):,}"
        f" records, {report.get('gold_fields', 0):,} gold fields, sha {sha}…)"
        f"  {_fmt(report.get('seconds'), 1)} s, {_fmt(report.get('articles_per_second'), 1)}"
        f" articles/s  sitrep {report.get('sitrep_version')}"
    )
    table = Table(title=corpus, title_justify="left")
    for name, justify in (
        ("field", "left"), ("n", "right"), ("null", "right"), ("coverage", "right"),
        ("accuracy", "right"), ("more", "left"), ("baseline", "right"),
    ):  # fmt: skip
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for name, metrics in report["fields"].items():
        baseline = metrics.get("baseline") or {}
        table.add_row(
            name,
            _fmt(metrics.get("n")),
            _fmt(metrics.get("gold_null")),
            _fmt(metrics.get("coverage")),
            _fmt(metrics.get("accuracy")),
            _extras(metrics),
            f"{_fmt(baseline.get('accuracy'))} ({baseline['method']})" if baseline else "-",
        )
    events = report.get("events", {})
    lines = [
        f"events: {events.get('gold', 0):,} gold, {events.get('predicted_asserted', 0):,} predicted"
        f" asserted; exact count in {_fmt(events.get('exact_count_share'))} of records;"
        f" matched {events.get('matched', {})}, optional skipped {events.get('optional_skipped', 0)}"
    ]
    no_event = events.get("no_event_records")
    if no_event:
        lines.append(
            f"records with no gold event: {no_event['n']:,}, predicted none in"
            f" {_fmt(no_event['accuracy'])}"
        )
    lines.append(
        f"errors: {report.get('errors', 0)}, stage failures: {report.get('stage_failures', 0)},"
        f" skipped lines: {report.get('skipped_lines', 0)}"
    )
    if report.get("first_error"):
        lines.append(f"first error: {report['first_error']}")
    return Group(table, Text("\n".join(lines)))
