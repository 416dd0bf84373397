"""Incident clustering: pairwise same-incident precision, recall, F1, and clustering speed.

    python benchmarks/incidents_eval.py [--muc-sample N] [--scale 10000] [--out report.json]

1. ``examples/stories.jsonl`` (our sample corpus): stories with the same ``gold.incident``
   key are reports of one happening.
2. ``muc-dev.jsonl`` from ``../shared/data`` (or ``$SITREP_SHARED_DATA``): answer-key
   templates of different messages that name the same incident (docs/evaluation.md,
   "Incidents"); skipped with a message when the folder is absent.
3. ``--scale N``: seconds to cluster N stories made from the sample extractions, each
   copy moved by a whole number of weeks (so copies are new happenings, not duplicates).

Each table row: sitrep, sitrep without the wording similarity, and a naive baseline
(same event type, country and start day make one incident).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from sitrep.evaluate.datasets import load_dataset, shared_data_dir
from sitrep.evaluate.incidents import evaluate_incidents, render_incident_report
from sitrep.incidents import cluster
from sitrep.model import Extraction

STORIES = Path(__file__).resolve().parents[1] / "examples" / "stories.jsonl"


def _moved(extraction: Extraction, weeks: int) -> Extraction:
    shift = dt.timedelta(weeks=weeks)
    events = [
        event.model_copy(
            update={
                "date": event.date.model_copy(
                    update={
                        "start": event.date.start + shift,
                        "end": (event.date.end or event.date.start) + shift,
                    }
                )
            }
        )
        if event.date is not None and event.date.start is not None
        else event
        for event in extraction.events
    ]
    published = extraction.article.published
    article = extraction.article.model_copy(
        update={
            "id": f"{extraction.article.id}~{weeks}",
            "published": published + shift if published else None,
        }
    )
    return extraction.model_copy(update={"article": article, "events": events})


def scale(extractions: list[Extraction], n: int) -> dict:
    stories = [_moved(x, weeks) for weeks in range(n // len(extractions) + 1) for x in extractions]
    stories = stories[:n]
    began = time.perf_counter()
    incidents = cluster(stories)
    seconds = time.perf_counter() - began
    return {
        "stories": n,
        "events": sum(len(x.events) for x in stories),
        "incidents": len(incidents),
        "seconds": round(seconds, 2),
        "stories_per_second": round(n / seconds),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--muc-sample", type=int, default=None, help="MUC messages (all: 1500)")
    parser.add_argument("--scale", type=int, default=0, help="also time clustering N stories")
    parser.add_argument("--out", type=Path, default=None, help="write the reports as JSON")
    args = parser.parse_args(argv)

    from sitrep.pipeline import Pipeline

    pipeline = Pipeline()
    reports: dict[str, dict] = {}
    stories = [pipeline.extract(record.article()) for record in load_dataset(STORIES).records]
    reports["stories"] = evaluate_incidents(STORIES, extractions=stories)
    print(render_incident_report(reports["stories"]), end="\n\n")
    data = shared_data_dir()
    if data is None or not (data / "muc-dev.jsonl").is_file():
        print("muc-dev: ../shared/data not found (set SITREP_SHARED_DATA); MUC skipped")
    else:
        reports["muc"] = evaluate_incidents(data / "muc-dev.jsonl", sample=args.muc_sample)
        print(render_incident_report(reports["muc"]), end="\n\n")
    if args.scale:
        reports["scale"] = scale(stories, args.scale)
        print("scale: " + ", ".join(f"{k} {v}" for k, v in reports["scale"].items()))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(reports, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
