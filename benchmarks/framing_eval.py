"""Framing cues measured against SemEval-2020 Task 11 (PTC) and on neutral copy.

    python benchmarks/framing_eval.py [--folds 5] [--sample 2000] [--ptc-limit N]

1. ``ptc-train.jsonl``: character-overlap F1 of our Loaded_Language and
   Name_Calling,Labeling cues against the gold technique spans, scored as in the task's
   span-identification measure (Da San Martino et al. 2020): precision sums, over predicted
   spans, the share of each covered by gold spans of the same technique; recall the same
   the other way round. The committed tagger was fitted on these articles, so its score
   here flatters it: ``--folds K`` scores each article with a tagger fitted on the other
   folds (article index modulo K) and the neutral notes, the figure to quote.
2. False alarms: framing cues per 1,000 words on ACLED and RAND notes (neutral analyst
   copy), on an evenly spaced sample of each, against the rate on PTC articles.

Reads ``../shared/data`` (or ``$SITREP_SHARED_DATA``); skips with a message when absent.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections import Counter
from pathlib import Path

from sitrep.evaluate.datasets import load_dataset, shared_data_dir
from sitrep.model import Article
from sitrep.pipeline import Pipeline
from sitrep.resources.framing_tagger import fit, load_tagger, neutral_texts, read_ptc
from sitrep.resources.framing_transformer import FOLDS, TransformerTagger
from sitrep.stages.attribution import AttributionStage
from sitrep.stages.framing import FramingStage

TECHNIQUES = ("Loaded_Language", "Name_Calling,Labeling")
STAGES = ["dates", "places", "actors", "quantities", "events", AttributionStage, FramingStage]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def span_scores(pairs: list[tuple[list, list]]) -> dict[str, float]:
    """pairs: per document (predicted spans, gold spans) of one technique."""
    p_sum = r_sum = 0.0
    n_pred = n_gold = 0
    for predicted, gold in pairs:
        n_pred += len(predicted)
        n_gold += len(gold)
        for s in predicted:
            p_sum += sum(_overlap(s, t) for t in gold) / max(1, s[1] - s[0])
        for t in gold:
            r_sum += sum(_overlap(s, t) for s in predicted) / max(1, t[1] - t[0])
    precision = min(1.0, p_sum / n_pred) if n_pred else 0.0
    recall = min(1.0, r_sum / n_gold) if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"P": precision, "R": recall, "F1": f1, "predicted": n_pred, "gold": n_gold}


def _article(record, *, with_title: bool) -> Article:
    article = record.article()
    return article if with_title else article.model_copy(update={"title": None})


def _ptc_records(path, limit: int | None, first: int = 0) -> tuple[list[dict], str]:
    """PTC records keep their gold under ``gold.spans`` (technique, start, end)."""
    records = read_ptc(path)[first:]
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return records[:limit] if limit is not None else records, sha


def _fold_taggers(records: list[dict], folds: int, data, only: int | None) -> list:
    """One tagger per fold, fitted on the other folds' articles and the neutral notes
    (``only``: that fold's alone; the others are None)."""
    neutral = neutral_texts(data)
    taggers = []
    for fold in range(folds):
        if only is not None and fold != only:
            taggers.append(None)
            continue
        began = time.perf_counter()
        taggers.append(fit([r for i, r in enumerate(records) if i % folds != fold], neutral))
        print(f"fold {fold}: tagger fitted in {time.perf_counter() - began:.0f} s", flush=True)
    return taggers


def ptc(
    pipeline: Pipeline,
    path,
    limit: int | None,
    first: int = 0,
    folds: int = 0,
    only: int | None = None,
) -> tuple[dict, float, float]:
    """Score every article (``only``: those whose index is ``only`` modulo ``folds``)."""
    records, sha = _ptc_records(path, limit, first)
    framing = next(stage for stage in pipeline.stages if isinstance(stage, FramingStage))
    shipped = framing.tagger
    # The transformer blends its scores with a word tagger's: fitted on the same folds.
    transformer = shipped if isinstance(shipped, TransformerTagger) else None
    shipped_words = transformer.word_tagger if transformer is not None else None
    fitted = bool(folds) and shipped is not None
    taggers = _fold_taggers(records, folds, path.parent, only) if fitted else []
    pairs: dict[str, list] = {t: [] for t in TECHNIQUES}
    words = cues = scored = 0
    started = time.perf_counter()
    for index, record in enumerate(records):
        if only is not None and index % folds != only:
            continue
        scored += 1
        if fitted and transformer is not None:
            transformer.word_tagger = taggers[index % folds]
        elif fitted:
            framing.tagger = taggers[index % folds]
        # The PTC text already opens with its headline: the title is not scanned twice.
        article = Article(id=record["id"], text=record["text"])
        extraction = pipeline.extract(article)
        words += len(record["text"].split())
        cues += len(extraction.framing)
        for technique in TECHNIQUES:
            predicted = [
                (c.evidence.start, c.evidence.end)
                for c in extraction.framing
                if c.technique == technique and c.where == "text"
            ]
            gold = [
                (g["start"], g["end"])
                for g in record["gold"]["spans"]
                if g["technique"] == technique
            ]
            pairs[technique].append((predicted, gold))
    framing.tagger = shipped
    if transformer is not None:
        transformer.word_tagger = shipped_words
    elapsed = time.perf_counter() - started
    scores = {t: span_scores(pairs[t]) for t in TECHNIQUES}
    if transformer is not None:
        tagger = "transformer and word tagger" + (
            f", fold {only} of {folds}, held out from both" if only is not None else ""
        )
    elif fitted:
        tagger = f"{folds}-fold cross-validated tagger" + (
            f", fold {only}" if only is not None else ""
        )
    else:
        tagger = "shipped tagger" if shipped is not None else "lexicon alone"
    print(
        f"corpus: {path.name} from article {first} ({scored} articles, {words:,} words,"
        f" sha {sha[:12]}), {tagger}, {scored / elapsed:.1f} articles/s"
    )
    print(f"{'technique':24} {'P':>6} {'R':>6} {'F1':>6} {'pred':>6} {'gold':>6}")
    for technique, sc in scores.items():
        print(
            f"{technique:24} {sc['P']:6.3f} {sc['R']:6.3f} {sc['F1']:6.3f}"
            f" {sc['predicted']:6d} {sc['gold']:6d}"
        )
    return scores, 1000 * cues / max(1, words), elapsed


def density(pipeline: Pipeline, path, sample: int) -> tuple[float, float, Counter]:
    dataset = load_dataset(path)
    records = dataset.select(sample=sample)
    words = cues = no_hedge = 0
    kinds: Counter = Counter()
    for record in records:
        extraction = pipeline.extract(_article(record, with_title=True))
        words += len(record.text.split())
        cues += len(extraction.framing)
        no_hedge += sum(c.kind != "hedge" for c in extraction.framing)
        kinds.update(c.text.lower() for c in extraction.framing)
    rate = 1000 * cues / max(1, words)
    rate_no_hedge = 1000 * no_hedge / max(1, words)
    print(
        f"{path.name}: {len(records)} records (evenly spaced sample of {len(dataset.records)}),"
        f" {words:,} words: {rate:.2f} cues per 1,000 words ({rate_no_hedge:.2f} without hedges)"
    )
    print("  most frequent:", ", ".join(f"{k} {n}" for k, n in kinds.most_common(12)))
    return rate, rate_no_hedge, kinds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sample", type=int, default=2000, help="ACLED/RAND records, spread evenly"
    )
    parser.add_argument(
        "--folds", type=int, default=0, help="cross-validate the tagger on PTC over K folds"
    )
    parser.add_argument("--ptc-limit", type=int, default=None, help="at most N PTC articles")
    parser.add_argument(
        "--ptc-from",
        type=int,
        default=0,
        help="skip the first N PTC articles (the lexicon was pruned looking at articles 0-119)",
    )
    parser.add_argument(
        "--fold", type=int, default=None, help="score only fold K (with --folds or --transformer)"
    )
    parser.add_argument(
        "--transformer", type=Path, default=None, help="the fine-tuned tagger in DIR instead"
    )
    parser.add_argument("--no-tagger", action="store_true", help="the lexicon alone")
    args = parser.parse_args(argv)
    data = shared_data_dir()
    if data is None:
        print("framing_eval: ../shared/data not found (set SITREP_SHARED_DATA); skipped.")
        return 0
    pipeline = Pipeline(STAGES)
    framing = next(stage for stage in pipeline.stages if isinstance(stage, FramingStage))
    folds = args.folds
    if args.transformer is not None:
        framing.tagger = TransformerTagger.read(args.transformer, load_tagger())
        folds = FOLDS if args.fold is not None else 0
    elif args.no_tagger:
        framing.tagger = None
    _, ptc_rate, _ = ptc(
        pipeline, data / "ptc-train.jsonl", args.ptc_limit, args.ptc_from, folds, args.fold
    )
    print(f"ptc-train: {ptc_rate:.2f} cues per 1,000 words")
    for name in ("acled-dev.jsonl", "rand-dev.jsonl"):
        rate, _, _ = density(pipeline, data / name, args.sample)
        verdict = "ok" if rate <= ptc_rate / 4 else "ABOVE"
        print(f"  false-alarm ratio to PTC: {rate / ptc_rate:.2f} (goal <= 0.25: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
