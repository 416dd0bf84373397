"""The regression gate: per-dataset floors on report metrics, pinned to a corpus hash.

The floor file (``eval/floor.json``) looks like::

    {"acled-dev": {"sample": 2000, "corpus_sha256": "3f9c...",
                   "fields": {"date": {"accuracy": 0.61, "within_1_day": 0.7}}}}

``check_floors`` reads it; ``raise_floors`` rewrites it atomically and never lowers a floor
unless told to. Both read the reports ``evaluate_dataset`` produces, so the gate and the
report share one scorer.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

from ..errors import Errors, SitrepError

# A measured value may sit this far below its floor before the gate fails (sampling noise).
FLOOR_TOLERANCE = 0.005
# Metrics that get floors: higher is better for all of them. Not floored: median_km, and
# coverage and stated, shares of answers given, which rise by guessing and fall when a
# wrong answer is withdrawn (accuracy and precision already gate both sides).
FLOORED_METRICS = (
    "accuracy", "precision", "recall", "f1", "accuracy_stated",
    "within_1_day", "within_1", "within_25km", "within_100km",
)  # fmt: skip
# Fields scored on fewer gold values than this get no floor: too noisy to gate on.
MIN_FLOOR_N = 20
# Floors are stored rounded down to this many decimals.
FLOOR_DECIMALS = 4


def load_floors(floor_path: Path) -> dict[str, Any]:
    """The floor file as a dict; SitrepError (E016) when missing or malformed."""
    floor_path = Path(floor_path)
    if not floor_path.is_file():
        raise SitrepError(
            Errors.E016.format(path=floor_path, reason="no such file; pin floors first")
        )
    try:
        floors = json.loads(floor_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SitrepError(
            Errors.E016.format(path=floor_path, reason=f"unreadable ({exc})")
        ) from exc
    if not isinstance(floors, dict) or not all(isinstance(v, dict) for v in floors.values()):
        raise SitrepError(
            Errors.E016.format(path=floor_path, reason="expected {dataset: {fields: ...}}")
        )
    return floors


def _corpus_problem(report: dict, pinned: dict, floor_path: Path) -> str | None:
    """Why this report cannot be compared with the pinned floors (a coded message), or None."""
    name = report["dataset"]
    if pinned.get("corpus_sha256") and pinned["corpus_sha256"] != report.get("corpus_sha256"):
        return Errors.E019.format(
            dataset=name,
            got=f"{str(report.get('corpus_sha256'))[:12]}…",
            pinned=f"{pinned['corpus_sha256'][:12]}…",
        )
    if "sample" in pinned and pinned["sample"] != report.get("sample"):
        return Errors.E016.format(
            path=floor_path,
            reason=f"{name}: report ran with sample={report.get('sample')}, floors were pinned"
            f" with sample={pinned['sample']}",
        )
    return None


def check_floors(reports: list[dict], floor_path: Path) -> list[str]:
    """Compare reports with the pinned floors; coded failure messages, [] if all hold.

    E018 for a metric below its floor, E019 for a changed corpus, E016 for the rest.

    A report fails when its corpus hash or sample differs from the pinned one, when a
    floored field or metric is missing or null, or when a metric is below its floor minus
    FLOOR_TOLERANCE. A report for a dataset with no floors fails too (pin them first).
    """
    floors = load_floors(floor_path)
    failures: list[str] = []

    def fail(reason: str) -> None:
        failures.append(Errors.E016.format(path=floor_path, reason=reason))

    for report in reports:
        name = report["dataset"]
        pinned = floors.get(name)
        if pinned is None:
            fail(f"{name}: no floors pinned for this dataset")
            continue
        problem = _corpus_problem(report, pinned, floor_path)
        if problem:
            failures.append(problem)
            continue
        fields = report.get("fields", {})
        for field_name, metrics in sorted(pinned.get("fields", {}).items()):
            if field_name not in fields:
                fail(f"{name}: floored field '{field_name}' is missing from the report")
                continue
            for metric, floor in sorted(metrics.items()):
                value = fields[field_name].get(metric)
                if not isinstance(value, int | float):
                    fail(f"{name}: {field_name}.{metric} has no value (floor {floor})")
                elif value < floor - FLOOR_TOLERANCE:
                    failures.append(
                        Errors.E018.format(
                            dataset=name,
                            field=field_name,
                            metric=metric,
                            value=f"{value:.4f}",
                            floor=f"{floor:.4f}",
                            tolerance=FLOOR_TOLERANCE,
                        )
                    )
    return failures


def _round_down(value: float) -> float:
    scale = 10**FLOOR_DECIMALS
    return math.floor(value * scale + 1e-9) / scale


def measured_floors(report: dict) -> dict[str, dict[str, float]]:
    """The floorable metrics of one report: FLOORED_METRICS of fields with n >= MIN_FLOOR_N."""
    measured: dict[str, dict[str, float]] = {}
    for field_name, metrics in report.get("fields", {}).items():
        if (metrics.get("n") or 0) < MIN_FLOOR_N:
            continue
        values = {
            metric: _round_down(metrics[metric])
            for metric in FLOORED_METRICS
            if isinstance(metrics.get(metric), int | float)
        }
        if values:
            measured[field_name] = values
    return measured


def raise_floors(reports: list[dict], floor_path: Path, *, allow_regression: bool = False) -> dict:
    """Pin floors = max(old floor, measured) for each report's dataset and write them.

    A measured value below an old floor minus FLOOR_TOLERANCE, a floored field that is
    no longer measured, or a changed corpus whose figures fall below the old floors are
    refused (SitrepError E016 naming the fields) unless ``allow_regression``, which then
    pins the measured value. The file is replaced atomically. Returns the new floors.
    """
    floor_path = Path(floor_path)
    floors = load_floors(floor_path) if floor_path.exists() else {}
    lowered: list[str] = []
    for report in reports:
        name = report["dataset"]
        old = floors.get(name, {})
        same_corpus = _corpus_problem(report, old, floor_path) is None
        measured = measured_floors(report)
        new_fields: dict[str, dict[str, float]] = {}
        for field_name in sorted(set(old.get("fields", {})) | set(measured)):
            old_metrics = old.get("fields", {}).get(field_name, {})
            got = measured.get(field_name, {})
            merged: dict[str, float] = {}
            for metric in sorted(set(old_metrics) | set(got)):
                before, now = old_metrics.get(metric), got.get(metric)
                if before is not None and (now is None or now < before - FLOOR_TOLERANCE):
                    lowered.append(f"{name}: {field_name}.{metric} {before} -> {now}")
                    if not allow_regression:
                        continue
                    if now is not None:
                        merged[metric] = now
                elif before is None or not same_corpus:
                    merged[metric] = now  # type: ignore[assignment]
                else:
                    merged[metric] = max(before, now) if now is not None else before
            if merged:
                new_fields[field_name] = merged
        floors[name] = {
            "sample": report.get("sample"),
            "corpus_sha256": report.get("corpus_sha256"),
            "records": report.get("records"),
            "sitrep_version": report.get("sitrep_version"),
            "fields": new_fields,
        }
    if lowered and not allow_regression:
        raise SitrepError(
            Errors.E016.format(
                path=floor_path,
                reason="refusing to lower floors (pass allow_regression to accept): "
                + "; ".join(lowered),
            )
        )
    write_floors(floors, floor_path)
    return floors


def write_floors(floors: dict, floor_path: Path) -> None:
    """Write the floor file atomically: a temporary file beside it, then os.replace."""
    floor_path = Path(floor_path)
    floor_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{floor_path.name}.", suffix=".tmp", dir=floor_path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(floors, handle, indent=2, sort_keys=True)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, floor_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
