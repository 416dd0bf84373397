"""A trained baseline for ACLED event typing: TF-IDF + logistic regression, by country.

The rules must beat a plain text classifier trained on the same dev data. For each
rotation of ACLED dev's three countries (record ids start with AFG, KEN or BGD), the
baseline is trained on two countries and tested on the third; sitrep's rules are scored
on the same held-out records. Each gold event of a record is one example (a note coded as
two events for two actors gives the same text twice); sitrep is scored with the
evaluator's own matching (``match_events``), so both sides answer every gold event.

Usage::

    python benchmarks/baseline_tfidf.py [--data ../shared/data/acled-dev.jsonl]
                                        [--out reports/baseline_tfidf.json] [--check]

Needs scikit-learn (a dev dependency; it is not used by the pipeline). ``--check`` makes
the exit status 1 when sitrep does not beat the baseline on event_type and
sub_event_type for every held-out country.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

FIELDS = ("event_type", "sub_event_type")
COUNTRIES = ("AFG", "KEN", "BGD")


def _country(record_id: str) -> str:
    """'acled:KEN1234' -> 'KEN'."""
    return record_id.split(":", 1)[-1][:3]


def _examples(records) -> list[tuple[str, str, dict]]:
    return [(record.id, record.text, gold) for record in records for gold in record.events]


def _baseline(train, test) -> dict[str, float]:
    """Accuracy of TF-IDF (word 1-2 grams) + logistic regression per field."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    x_train = vectoriser.fit_transform([text for _, text, _ in train])
    x_test = vectoriser.transform([text for _, text, _ in test])
    scores = {}
    for field in FIELDS:
        y_train = [gold.get(field) or "" for _, _, gold in train]
        y_test = [gold.get(field) or "" for _, _, gold in test]
        model = LogisticRegression(max_iter=2000, C=10.0)
        model.fit(x_train, y_train)
        predicted = model.predict(x_test)
        scores[field] = sum(p == g for p, g in zip(predicted, y_test, strict=True)) / len(y_test)
    return scores


def _sitrep(records, pipeline) -> dict[str, float]:
    """Accuracy of sitrep's rules per field, each gold event against its matched event."""
    from sitrep.evaluate import match_events

    correct = dict.fromkeys(FIELDS, 0)
    total = 0
    for record in records:
        extraction = pipeline.extract(record.article())
        for gold, event, _ in match_events(record.events, extraction):
            total += 1
            for field in FIELDS:
                predicted = getattr(event, field) if event is not None else None
                correct[field] += (predicted or "").casefold() == (gold.get(field) or "").casefold()
    return {field: correct[field] / total for field in FIELDS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="ACLED dev JSONL file.")
    parser.add_argument("--out", type=Path, default=None, help="Write the table as JSON here.")
    parser.add_argument(
        "--check", action="store_true", help="Exit 1 unless sitrep wins everywhere."
    )
    args = parser.parse_args(argv)

    from sitrep.evaluate import load_dataset, shared_data_dir
    from sitrep.pipeline import Pipeline

    path = args.data
    if path is None:
        shared = shared_data_dir()
        if shared is None:
            print("baseline_tfidf: shared reference data not found; nothing to do")
            return 0
        path = shared / "acled-dev.jsonl"
    records = load_dataset(path).select()
    by_country = {code: [r for r in records if _country(r.id) == code] for code in COUNTRIES}
    pipeline = Pipeline()
    rows = []
    for held_out in COUNTRIES:
        train = _examples(r for code in COUNTRIES if code != held_out for r in by_country[code])
        test_records = by_country[held_out]
        test = _examples(test_records)
        baseline = _baseline(train, test)
        ours = _sitrep(test_records, pipeline)
        rows.append(
            {
                "held_out": held_out,
                "train": [code for code in COUNTRIES if code != held_out],
                "events": len(test),
                "baseline": baseline,
                "sitrep": ours,
                "sitrep_wins": all(ours[field] > baseline[field] for field in FIELDS),
            }
        )
    print(f"{'held out':<9} {'events':>6}  " + "  ".join(f"{f:>28}" for f in FIELDS))
    for row in rows:
        cells = "  ".join(
            f"{'baseline ' + format(row['baseline'][f], '.3f'):>14}"
            f"{'sitrep ' + format(row['sitrep'][f], '.3f'):>14}"
            for f in FIELDS
        )
        print(f"{row['held_out']:<9} {row['events']:>6}  {cells}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    if args.check and not all(row["sitrep_wins"] for row in rows):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
