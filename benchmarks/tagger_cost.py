"""What the learned framing tagger costs extraction, measured inside one pipeline pass.

    python benchmarks/tagger_cost.py [--n 1200] [--runs 3] [--seed 0]

The corpus is ``throughput.py``'s (generated from the bundled sample stories). The default
pipeline is built and warmed up, then extracts the corpus while the CPU time spent inside
``FramingTagger.spans`` is summed (``time.process_time`` around each call). Printed per
run: the tagger's milliseconds per article, its share of extraction time, and articles/s;
the median share over ``--runs`` runs last. One pass measures both sides of the share, so
it holds on a noisy machine where two separate passes (tagger on, tagger off) differ by
more than the tagger costs. The process pins itself to one core, as throughput.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitrep.model import Article  # noqa: E402
from sitrep.pipeline import Pipeline  # noqa: E402
from sitrep.resources.framing_tagger import FramingTagger  # noqa: E402
from throughput import generate_corpus, load_stories, pin_to_one_cpu  # noqa: E402

WARM_UP = 50


def measure(articles: list[Article]) -> dict[str, float]:
    """One pass: CPU seconds of extraction, and of the tagger's share of it."""
    spans = FramingTagger.spans
    inside = [0.0]

    def timed_spans(tagger: FramingTagger, text: str, hits) -> list:
        began = time.process_time()
        try:
            return spans(tagger, text, hits)
        finally:
            inside[0] += time.process_time() - began

    pipeline = Pipeline()
    for article in articles[:WARM_UP]:
        pipeline.extract(article)
    FramingTagger.spans = timed_spans  # type: ignore[method-assign]
    try:
        began = time.process_time()
        for article in articles:
            pipeline.extract(article)
        total = time.process_time() - began
    finally:
        FramingTagger.spans = spans  # type: ignore[method-assign]
    return {
        "tagger_ms": 1000 * inside[0] / len(articles),
        "share": inside[0] / total,
        "per_s": len(articles) / total,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1200, help="articles in the generated corpus")
    parser.add_argument("--runs", type=int, default=3, help="runs (median share reported)")
    parser.add_argument("--seed", type=int, default=0, help="corpus generator seed")
    args = parser.parse_args(argv)
    cpu = pin_to_one_cpu()
    articles = [Article(**item) for item in generate_corpus(args.n, args.seed, load_stories())]
    print(f"{len(articles):,} articles, CPU {cpu}")
    shares = []
    for run in range(1, args.runs + 1):
        figures = measure(articles)
        shares.append(figures["share"])
        print(
            f"run {run}: tagger {figures['tagger_ms']:.3f} ms/article, "
            f"{figures['share']:.3f} of extraction; {figures['per_s']:.1f} articles/s"
        )
    print(f"median share of extraction time in the tagger: {statistics.median(shares):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
