"""Single-core throughput, memory and start-up benchmark for ``Pipeline().extract``.

The corpus is generated from the bundled sample stories (``examples/stories.jsonl``):
each generated article is a deterministic variation of one sample (publication date
shifted by whole weeks, numbers, places and people's names changed, a sign-off line
added), so a corpus of any size is reproducible from ``--seed`` and no two articles are
identical.

Usage::

    python benchmarks/throughput.py [--n 10000] [--repeats 3] [--out reports/throughput.json]

What is measured, on one core (the process pins itself to its first allowed CPU):

* throughput: articles/s and MB/s (UTF-8 bytes of article text, 1 MB = 10**6 bytes) of
  ``Pipeline().extract(article)`` over the whole corpus, run ``--repeats`` times; the
  medians are reported. The pipeline is built and warmed up on a few articles first,
  so lazy resource loading is not counted here (it is counted in start-up).
* per-article latency percentiles (from the median run).
* peak RSS of this process (``getrusage(RUSAGE_SELF).ru_maxrss``), corpus included.
* start-up: wall time for a fresh interpreter to ``import sitrep.pipeline``, build
  ``Pipeline()`` and extract one short story (``--repeats`` fresh subprocesses, median).

Targets (see DESIGN.md, "Scale"): >= 200 articles/s on one core, start-up <= 1.5 s.
``--check`` makes the exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

# One core means one thread too: keep numeric libraries from starting thread pools.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STORIES = ROOT / "examples" / "stories.jsonl"
TARGET_ARTICLES_PER_S = 200.0
TARGET_STARTUP_S = 1.5

STARTUP_STORY = (
    "Two rockets hit near an air base north of Baghdad on Sunday, causing no casualties, "
    "a security source said. No group claimed responsibility."
)
STARTUP_CODE = f"""
import datetime, json, time
t0 = time.perf_counter()
from sitrep.pipeline import Pipeline
from sitrep.model import Article
t_import = time.perf_counter()
pipeline = Pipeline()
t_build = time.perf_counter()
pipeline.extract(Article(id="startup", text={STARTUP_STORY!r}, published=datetime.date(2021, 4, 5)))
t_extract = time.perf_counter()
print(json.dumps({{"import_s": t_import - t0, "build_s": t_build - t_import,
                  "extract_s": t_extract - t_build, "in_process_s": t_extract - t0}}))
"""

# --------------------------------------------------------------------------- corpus

# Replacement pools: names are invented; places are real places of the same country, so
# a varied story stays geographically plausible.
GIVEN = [
    "Ahmed",
    "Amina",
    "Hassan",
    "Fatuma",
    "Ibrahim",
    "Grace",
    "Yusuf",
    "Mariam",
    "Omar",
    "Joseph",
    "Aisha",
    "Peter",
    "Halima",
    "Carlos",
    "Lucia",
    "Olena",
    "Dmytro",
    "Min",
    "Thida",
    "Rahim",
    "Nasrin",
    "Abdi",
    "Wanjiru",
    "Moussa",
    "Awa",
]
FAMILY = [
    "Farah",
    "Odhiambo",
    "Bello",
    "Kamau",
    "Traore",
    "Diallo",
    "Haddad",
    "Karimi",
    "Rahman",
    "Hussein",
    "Mutua",
    "Okafor",
    "Garcia",
    "Moreno",
    "Kovalenko",
    "Shevchenko",
    "Aung",
    "Tesfaye",
    "Mohammed",
    "Nur",
    "Abubakar",
    "Otieno",
    "Sanchez",
    "Hossain",
    "Yilmaz",
]
PLACES = {
    "IQ": [
        "Al-Qaim",
        "Ramadi",
        "Fallujah",
        "Haditha",
        "Tikrit",
        "Samarra",
        "Kirkuk",
        "Mosul",
        "Sinjar",
        "Baiji",
    ],
    "SY": ["Manbij", "Deir Hafer", "Al-Bab", "Tabqa", "Raqqa", "Hasakah", "Qamishli"],
    "AF": ["Kabul", "Jalalabad", "Kunduz", "Herat", "Mazar-i-Sharif", "Kandahar"],
    "PK": ["Quetta", "Lahore", "Peshawar", "Bannu", "Turbat", "Khuzdar", "Dera Ismail Khan"],
    "YE": ["Saada", "Taiz", "Marib", "Hodeidah", "Al Bayda", "Lahij"],
    "SO": ["Mogadishu", "Jamaame", "Kismayo", "Baidoa", "Jowhar", "Beledweyne", "Afgooye"],
    "KE": ["Nairobi", "Kisii", "Kisumu", "Mombasa", "Nakuru", "Eldoret", "Garissa"],
    "NG": ["Kaura Namoda", "Marte", "Gusau", "Dikwa", "Monguno", "Katsina", "Birnin Gwari"],
    "ML": ["Douentza", "Bankass", "Mopti", "Djenne", "Tenenkou", "Bandiagara"],
    "BF": ["Dori", "Djibo", "Aribinda", "Gorom-Gorom", "Sebba", "Kaya"],
    "CD": ["Sake", "Beni", "Djugu", "Rutshuru", "Butembo", "Bunia", "Masisi"],
    "SD": ["El Fasher", "Wad Madani", "Omdurman", "Nyala", "El Obeid", "Kadugli"],
    "ET": ["Gondar", "Shashemene", "Bahir Dar", "Debre Tabor", "Woldiya", "Dessie"],
    "BD": ["Dhaka", "Gazipur", "Narayanganj", "Chattogram", "Sylhet", "Bogura"],
    "MM": ["Kanbalu", "Pakokku", "Monywa", "Myingyan", "Gangaw", "Shwebo"],
    "CO": ["Tame", "Cali", "Arauca", "Saravena", "Popayan", "Tumaco"],
    "MX": ["Aguililla", "Apatzingan", "Uruapan", "Zamora", "Buenavista"],
    "PE": ["Huancayo", "Ayacucho", "Huanta", "Jauja", "Tarma"],
    "SV": ["Soyapango", "San Miguel", "Usulutan", "Apopa", "Ilopango"],
    "UA": ["Kharkiv", "Klishchiivka", "Kramatorsk", "Sumy", "Zaporizhzhia", "Kherson"],
}
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
NUMBER_WORD_RE = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b")
SMALL_INT_RE = re.compile(r"(?<![\d.,:/-])\b([1-9]\d?)\b(?![\d.,:/-])")
MONTH_NEAR_RE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*$|^\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.IGNORECASE,
)
NAME_RE = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]+)\b")


def load_stories(path: Path = DEFAULT_STORIES) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _main_country(story: dict) -> str | None:
    for event in story.get("gold", {}).get("events", []):
        if event.get("main"):
            return event.get("country_code")
    return None


def _swap_place(text: str, country: str | None, rng: random.Random) -> str:
    pool = PLACES.get(country or "", [])
    present = [place for place in pool if place in text]
    if not present:
        return text
    old = rng.choice(present)
    new = rng.choice([place for place in pool if place != old] or [old])
    if text.isupper():
        old, new = old.upper(), new.upper()
    return text.replace(old, new)


def _vary_numbers(text: str, rng: random.Random) -> str:
    def small(match: re.Match[str]) -> str:
        value = int(match.group(1))
        if rng.random() < 0.5:
            return match.group(0)
        before = match.string[max(0, match.start() - 12) : match.start()]
        after = match.string[match.end() : match.end() + 12]
        if MONTH_NEAR_RE.search(before) or MONTH_NEAR_RE.match(after.lstrip()):
            return match.group(0)  # a day of a month or a dated dateline: keep the date valid
        return str(max(1, value + rng.randint(-3, 6)))

    def word(match: re.Match[str]) -> str:
        if rng.random() < 0.6:
            return match.group(0)
        return rng.choice(NUMBER_WORDS)

    text = SMALL_INT_RE.sub(small, text)
    return NUMBER_WORD_RE.sub(word, text)


def _vary_names(text: str, rng: random.Random) -> str:
    """Replace capitalised two-word names of people seen as 'Title-case Title-case' after a
    role word (spokesman, commander, officer, ...) with invented ones."""

    def repl(match: re.Match[str]) -> str:
        before = text[max(0, match.start() - 40) : match.start()].lower()
        if not re.search(
            r"(spokesman|spokesperson|commander|officer|governor|secretary general|colonel|dr\.)\s*$",
            before,
        ):
            return match.group(0)
        return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"

    return NAME_RE.sub(repl, text)


def _sign_off(rng: random.Random, upper: bool) -> str:
    line = (
        f"Reporting by {rng.choice(GIVEN)} {rng.choice(FAMILY)}; "
        f"editing by {rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    )
    return line.upper() if upper else f"({line})"


def vary_story(story: dict, index: int, rng: random.Random) -> dict:
    """One deterministic variation of a sample story, as a plain dict."""
    text = story["text"]
    upper = text.isupper()
    country = _main_country(story)
    text = _swap_place(text, country, rng)
    text = _vary_numbers(text, rng)
    if not upper:
        text = _vary_names(text, rng)
    text = text.rstrip() + "\n\n" + _sign_off(rng, upper)
    published = story.get("published")
    if published:
        # Whole weeks keep "on Sunday" pointing at the same weekday before publication.
        shifted = dt.date.fromisoformat(published) + dt.timedelta(weeks=rng.randint(-520, 520))
        published = shifted.isoformat()
    return {
        "id": f"bench:{index:06d}",
        "title": story.get("title"),
        "text": text,
        "published": published,
        "outlet": story.get("source"),
        "url": f"https://example.org/bench/{index:06d}",
    }


def generate_corpus(n: int, seed: int = 0, stories: list[dict] | None = None) -> list[dict]:
    """``n`` distinct article dicts (Article fields), deterministic for a given seed."""
    stories = stories if stories is not None else load_stories()
    if not stories:
        raise ValueError("no sample stories to generate from")
    rng = random.Random(seed)
    corpus: list[dict] = []
    seen: set[str] = set()
    index = 0
    while len(corpus) < n:
        base = stories[index % len(stories)]
        item = vary_story(base, len(corpus), rng)
        while item["text"] in seen:  # practically never: the sign-off alone has 390k forms
            item["text"] += " " + _sign_off(rng, base["text"].isupper())
        seen.add(item["text"])
        corpus.append(item)
        index += 1
    return corpus


# --------------------------------------------------------------------------- measuring


def pin_to_one_cpu() -> int | None:
    """Pin this process (and its future children) to its first allowed CPU."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    first = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {first})
    return first


def peak_rss_mib() -> float | None:
    try:
        import resource
    except ImportError:  # not on Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[k]


def measure_startup(repeats: int) -> dict:
    runs = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", STARTUP_CODE], capture_output=True, text=True, timeout=300
        )
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            return {"error": (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["failed"]}
        inner = json.loads(proc.stdout.strip().splitlines()[-1])
        runs.append({"wall_s": wall, **inner})
    keys = ("wall_s", "in_process_s", "import_s", "build_s", "extract_s")
    return {
        "median": {key: statistics.median(run[key] for run in runs) for key in keys},
        "runs": runs,
    }


def measure_throughput(pipeline, articles: list, repeats: int) -> dict:
    total_bytes = sum(len(article.text.encode("utf-8")) for article in articles)
    runs = []
    failed_ids: set[str] = set()
    events = 0
    for repeat in range(repeats):
        latencies = []
        clock = time.perf_counter
        start = clock()
        for article in articles:
            t0 = clock()
            extraction = pipeline.extract(article)
            latencies.append(clock() - t0)
            if repeat == 0:
                events += len(extraction.events)
                if any(note.code == "stage.failed" for note in extraction.notes):
                    failed_ids.add(article.id)
        elapsed = clock() - start
        latencies.sort()
        runs.append(
            {
                "seconds": elapsed,
                "articles_per_s": len(articles) / elapsed,
                "mb_per_s": total_bytes / 1e6 / elapsed,
                "latency_ms": {
                    "p50": percentile(latencies, 0.50) * 1e3,
                    "p95": percentile(latencies, 0.95) * 1e3,
                    "p99": percentile(latencies, 0.99) * 1e3,
                    "max": latencies[-1] * 1e3,
                },
            }
        )
    median_run = sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2]
    return {
        "articles": len(articles),
        "bytes": total_bytes,
        "repeats": repeats,
        "articles_per_s": statistics.median(run["articles_per_s"] for run in runs),
        "mb_per_s": statistics.median(run["mb_per_s"] for run in runs),
        "latency_ms": median_run["latency_ms"],
        "events_first_run": events,
        "articles_with_failed_stage": len(failed_ids),
        "failed_examples": sorted(failed_ids)[:5],
        "runs": runs,
    }


def print_table(report: dict) -> None:
    rows = [
        ("articles", f"{report['corpus']['articles']:,}"),
        ("corpus size", f"{report['corpus']['bytes'] / 1e6:.2f} MB"),
    ]
    tp = report.get("throughput")
    if tp:
        rows += [
            (
                "throughput",
                f"{tp['articles_per_s']:,.1f} articles/s   (target >= {TARGET_ARTICLES_PER_S:.0f})",
            ),
            ("", f"{tp['mb_per_s']:.3f} MB/s"),
            (
                "latency p50/p95/p99/max",
                "{p50:.2f} / {p95:.2f} / {p99:.2f} / {max:.1f} ms".format(**tp["latency_ms"]),
            ),
            ("events (first run)", f"{tp['events_first_run']:,}"),
            ("articles with a failed stage", f"{tp['articles_with_failed_stage']:,}"),
        ]
    if report.get("pipeline_build_s") is not None:
        rows.append(("pipeline build (warm process)", f"{report['pipeline_build_s']:.3f} s"))
    if report.get("peak_rss_mib") is not None:
        rows.append(("peak RSS", f"{report['peak_rss_mib']:.1f} MiB"))
    startup = report.get("startup", {})
    if "median" in startup:
        med = startup["median"]
        rows.append(
            ("start-up (fresh process)", f"{med['wall_s']:.3f} s   (target <= {TARGET_STARTUP_S})")
        )
        rows.append(
            (
                "  import / build / extract",
                f"{med['import_s']:.3f} / {med['build_s']:.3f} / {med['extract_s']:.3f} s",
            )
        )
    elif "error" in startup:
        rows.append(("start-up", f"failed: {startup['error']}"))
    if report.get("error"):
        rows.append(("error", report["error"]))
    width = max(len(name) for name, _ in rows)
    print(f"sitrep throughput benchmark  (cpu {report['cpu']}, python {report['python']})")
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    if report.get("targets_met"):
        met = ", ".join(
            f"{key}: {'yes' if ok else 'NO'}" for key, ok in report["targets_met"].items()
        )
        print(f"  targets met: {met}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles in the generated corpus")
    parser.add_argument("--repeats", type=int, default=3, help="throughput runs (median reported)")
    parser.add_argument("--seed", type=int, default=0, help="corpus generator seed")
    parser.add_argument(
        "--stories", type=Path, default=DEFAULT_STORIES, help="sample stories (JSONL)"
    )
    parser.add_argument(
        "--only", help="comma-separated stages to run (default: all default stages)"
    )
    parser.add_argument("--out", type=Path, help="write the report as JSON to this file")
    parser.add_argument("--dump", type=Path, help="write the generated corpus as JSONL and exit")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up measurement")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    corpus = generate_corpus(args.n, args.seed, load_stories(args.stories))
    if args.dump:
        args.dump.parent.mkdir(parents=True, exist_ok=True)
        with args.dump.open("w", encoding="utf-8") as fh:
            for item in corpus:
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")
        print(f"wrote {len(corpus):,} articles to {args.dump}")
        return 0

    cpu = pin_to_one_cpu()
    report: dict = {
        "benchmark": "throughput",
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": cpu,
        "seed": args.seed,
        "corpus": {
            "articles": len(corpus),
            "bytes": sum(len(item["text"].encode("utf-8")) for item in corpus),
            "source": str(args.stories),
        },
        "targets": {"articles_per_s": TARGET_ARTICLES_PER_S, "startup_s": TARGET_STARTUP_S},
    }

    try:
        import sitrep
        from sitrep.model import Article
        from sitrep.pipeline import Pipeline

        report["sitrep_version"] = getattr(sitrep, "__version__", None)
        t0 = time.perf_counter()
        if args.only:
            pipeline = Pipeline.only(
                [name.strip() for name in args.only.split(",") if name.strip()]
            )
        else:
            pipeline = Pipeline()
        report["pipeline_build_s"] = time.perf_counter() - t0
        report["pipeline_version"] = pipeline.version
        report["stages"] = pipeline.stage_names
        articles = [Article(**item) for item in corpus]
        for article in articles[:20]:  # warm-up: lazy resources load here, not in the timing
            pipeline.extract(article)
        report["throughput"] = measure_throughput(pipeline, articles, args.repeats)
    except Exception as exc:  # the stages may not exist yet: report, don't crash
        report["error"] = f"{type(exc).__name__}: {exc}"
    report["peak_rss_mib"] = peak_rss_mib()

    if not args.no_startup and not args.only:
        report["startup"] = measure_startup(args.repeats)

    met = {}
    if "throughput" in report:
        met["articles_per_s"] = report["throughput"]["articles_per_s"] >= TARGET_ARTICLES_PER_S
    if "median" in report.get("startup", {}):
        met["startup_s"] = report["startup"]["median"]["wall_s"] <= TARGET_STARTUP_S
    report["targets_met"] = met

    print_table(report)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"report written to {args.out}")
    if report.get("error"):
        return 2
    if args.check and not all(met.values()):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
