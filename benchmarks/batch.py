"""`sitrep batch` scaling: stories/s on a LocalCluster of 1 worker and of N workers.

    python benchmarks/batch.py [--n 4000] [--shard-size 250] [--workers 2] [--out report.json]

The corpus is ``throughput.py``'s generator (deterministic variations of the sample
stories), written as JSONL shards. Each configuration runs ``run_batch`` end to end
(cluster start, gazetteer load in every worker, extraction, Parquet writing), so the
ratio includes the fixed costs a real run pays. Goal (issue 6): N=2 workers at least
1.7 times the stories/s of 1 worker.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitrep.scale.runner import run_batch  # noqa: E402
from throughput import generate_corpus  # noqa: E402


def write_shards(folder: Path, corpus: list[dict], per_file: int) -> str:
    for number, start in enumerate(range(0, len(corpus), per_file)):
        with (folder / f"shard-{number:04d}.jsonl").open("w", encoding="utf-8") as out:
            for record in corpus[start : start + per_file]:
                out.write(json.dumps(record, default=str) + "\n")
    return str(folder / "shard-*.jsonl")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=4000)
    parser.add_argument("--shard-size", type=int, default=250)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    corpus = generate_corpus(args.n)
    runs = {}
    with tempfile.TemporaryDirectory() as tmp:
        pattern = write_shards(Path(tmp), corpus, args.shard_size)
        for workers in (1, args.workers):
            report = run_batch(
                pattern, Path(tmp) / f"out-{workers}", workers=workers, shard_size=args.shard_size
            )
            runs[workers] = {
                "articles": report.articles,
                "events": report.events,
                "seconds": round(report.seconds, 2),
                "articles_per_second": round(report.articles / report.seconds, 1),
            }
            print(f"{workers} worker(s): {runs[workers]}")
    ratio = runs[args.workers]["articles_per_second"] / runs[1]["articles_per_second"]
    print(f"speed-up with {args.workers} workers: {ratio:.2f}x (goal 1.7x)")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"runs": runs, "speedup": round(ratio, 3)}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
