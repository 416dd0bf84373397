"""Ingest benchmark: stories/s and peak memory of ``sitrep.ingest.ingest`` into SQLite,
extraction included, one worker on one core.

The corpus comes from ``throughput.py``'s generator (deterministic variations of the
sample stories), written as JSONL shards of ``--shard`` stories: the JSONL reader decodes
a whole file at once, so shards keep the input's share of memory fixed.

Usage::

    python benchmarks/ingest.py [--n 10000] [--repeats 3] [--large] [--out reports/ingest.json]

Each run is a fresh process (pinned to one CPU, numeric thread pools off) ingesting the
whole corpus into a fresh SQLite file with ``workers=1``. It first extracts one story so
lazy resource loading is not timed (it is reported as ``warm_up_s``). Reported per size,
median over ``--repeats`` runs: stories/s (stories stored / ingest seconds), peak RSS
(``ru_maxrss``), the resident memory sampled at a quarter, half and all of the run, and
stories/s over each tenth of the run (counted as stories are read, a batch ahead).
``--large`` adds a 100,000-story run (minutes) and compares its peak RSS with the
smaller size's: memory must stay flat (within 20%).

Targets: >= 150 stories/s on one core; peak RSS at 100k within 20% of 10k.
``--check`` makes the exit status 1 when a measured target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import generate_corpus, peak_rss_mib, pin_to_one_cpu  # noqa: E402

TARGET_STORIES_PER_S = 150.0
TARGET_RSS_GROWTH = 0.20
LARGE_N = 100_000
SAMPLE_S = 0.25  # how often the parts of resident memory are sampled
TENTHS = 10  # stories/s is also reported over each tenth of a run


def in_the_past(item: dict, today: dt.date) -> dict:
    """The generator shifts dates up to ten years either way; ingest quarantines a story
    dated after today, so move those back by whole weeks (keeping 'on Sunday' right)."""
    if item.get("published"):
        published = dt.date.fromisoformat(item["published"])
        while published > today:
            published -= dt.timedelta(weeks=1040)
        item["published"] = published.isoformat()
    return item


def write_shards(n: int, folder: Path, *, shard: int, seed: int) -> list[Path]:
    """The generated corpus as JSONL files of ``shard`` stories each."""
    corpus = generate_corpus(n, seed)
    today = dt.date.today()
    paths = []
    for start in range(0, n, shard):
        path = folder / f"corpus-{start // shard:05d}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for item in corpus[start : start + shard]:
                out.write(json.dumps(in_the_past(item, today), ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def current_rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        resident_pages = int(statm.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20


class RssParts:
    """Peaks of the two parts of resident memory, sampled every SAMPLE_S on a thread:
    anonymous (the heap: Python objects, SQLite's page cache) and file-backed (mostly
    the SQLite file read through its memory map, which the kernel may drop at will)."""

    def __init__(self) -> None:
        self.peaks = {"RssAnon": 0.0, "RssFile": 0.0}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> RssParts:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_S):
            self._sample()

    def _sample(self) -> None:
        try:
            with open("/proc/self/status") as status:
                lines = [line.split() for line in status if line.startswith(tuple(self.peaks))]
        except OSError:  # not Linux: the parts are not reported
            return
        for name, kib, _unit in lines:
            self.peaks[name[:-1]] = max(self.peaks[name[:-1]], int(kib) / 1024)


def child(db: Path, shards: list[str], total: int) -> dict:
    """One measured run (in its own process): ingest every shard into ``db``."""
    cpu = pin_to_one_cpu()
    from sitrep.ingest import ingest
    from sitrep.model import Article
    from sitrep.pipeline import Pipeline
    from sitrep.store import open_store

    started = time.perf_counter()
    Pipeline().extract(Article(id="warm-up", text="Two rockets hit a base near Baghdad on Sunday."))
    warm_up = time.perf_counter() - started
    samples: dict[str, float] = {}
    marks = {"25%": total // 4, "50%": total // 2}
    tenths: list[tuple[int, float]] = [(0, 0.0)]  # (stories read, seconds) at each tenth

    def progress(report) -> None:
        for name, at in marks.items():
            if name not in samples and report.read >= at:
                samples[name] = current_rss_mib()
        if report.read >= len(tenths) * total / TENTHS:
            tenths.append((report.read, report.seconds))

    with RssParts() as parts, open_store(db, bulk=True) as store:  # as `sitrep ingest`
        report = ingest(shards, store, workers=1, progress=progress)
    samples["100%"] = current_rss_mib()
    return {
        "cpu": cpu,
        "warm_up_s": warm_up,
        "seconds": report.seconds,
        "read": report.read,
        "new": report.new,
        "quarantined": report.quarantined,
        "stories_per_s": report.new / report.seconds,
        "peak_rss_mib": peak_rss_mib(),
        "peak_anon_mib": parts.peaks["RssAnon"],
        "peak_file_mib": parts.peaks["RssFile"],
        "rss_mib": samples,
        # Stories/s over each tenth of the run: clustering work grows with the incidents
        # stories join (docs/incidents.md, "Scale").
        "tenth_rates": [
            (read - before) / (seconds - then)
            for (before, then), (read, seconds) in pairwise(tenths)
            if seconds > then
        ],
        "db_mib": sum(path.stat().st_size for path in db.parent.glob(db.name + "*")) / 2**20,
    }


def measure(n: int, repeats: int, *, shard: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="sitrep-ingest-bench-") as tmp:
        folder = Path(tmp)
        shards = write_shards(n, folder, shard=shard, seed=seed)
        runs = []
        for repeat in range(repeats):
            db = folder / f"run{repeat}.db"
            command = [sys.executable, __file__, "--child", str(db), "--n", str(n)]
            done = subprocess.run(
                [*command, *map(str, shards)], capture_output=True, text=True, check=False
            )
            if done.returncode != 0:
                raise SystemExit(f"ingest run failed:\n{done.stderr}")
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
            for path in folder.glob(db.name + "*"):
                path.unlink()
            print(
                f"  n={n:,} run {repeat + 1}: {runs[-1]['stories_per_s']:.1f} stories/s,"
                f" peak RSS {runs[-1]['peak_rss_mib']:.0f} MiB (anonymous"
                f" {runs[-1]['peak_anon_mib']:.0f}, file-backed {runs[-1]['peak_file_mib']:.0f});"
                " by tenth: " + " ".join(f"{rate:.0f}" for rate in runs[-1]["tenth_rates"]),
                flush=True,
            )
    return {
        "stories": n,
        "shards": len(shards),
        "stories_per_s": statistics.median(run["stories_per_s"] for run in runs),
        "peak_rss_mib": statistics.median(run["peak_rss_mib"] for run in runs),
        "peak_anon_mib": statistics.median(run["peak_anon_mib"] for run in runs),
        "peak_file_mib": statistics.median(run["peak_file_mib"] for run in runs),
        "runs": runs,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="stories in the corpus")
    parser.add_argument("--repeats", type=int, default=3, help="runs per size (median reported)")
    parser.add_argument("--large", action="store_true", help=f"also run {LARGE_N:,} stories once")
    parser.add_argument(
        "--large-n",
        type=int,
        default=LARGE_N,
        help="stories in the --large run (a slow machine: 50000)",
    )
    parser.add_argument("--shard", type=int, default=1_000, help="stories per JSONL input file")
    parser.add_argument("--seed", type=int, default=0, help="corpus generator seed")
    parser.add_argument("--out", type=Path, help="write the report as JSON here")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("shards", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        print(json.dumps(child(args.child, args.shards, args.n)))
        return 0

    report: dict = {
        "benchmark": "ingest",
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": os.getloadavg(),
        "targets": {"stories_per_s": TARGET_STORIES_PER_S, "rss_growth": TARGET_RSS_GROWTH},
        "sizes": [measure(args.n, args.repeats, shard=args.shard, seed=args.seed)],
    }
    if args.large:
        report["sizes"].append(measure(args.large_n, 1, shard=args.shard, seed=args.seed))
    base = report["sizes"][0]
    met = {"stories_per_s": base["stories_per_s"] >= TARGET_STORIES_PER_S}
    print(
        f"sitrep ingest benchmark (SQLite, 1 worker, load average {report['load_average'][0]:.1f})"
    )
    for size in report["sizes"]:
        print(
            f"  {size['stories']:>7,} stories: {size['stories_per_s']:6.1f} stories/s"
            f"  peak RSS {size['peak_rss_mib']:6.0f} MiB (anonymous"
            f" {size['peak_anon_mib']:.0f}, file-backed {size['peak_file_mib']:.0f})"
        )
    if len(report["sizes"]) > 1:
        growth = report["sizes"][-1]["peak_rss_mib"] / base["peak_rss_mib"] - 1
        report["rss_growth"] = growth
        met["rss_growth"] = growth <= TARGET_RSS_GROWTH
        print(f"  peak RSS growth {base['stories']:,} -> {args.large_n:,}: {growth:+.1%}")
    report["targets_met"] = met
    print("  targets met: " + ", ".join(f"{k}: {'yes' if ok else 'NO'}" for k, ok in met.items()))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 1 if args.check and not all(met.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
