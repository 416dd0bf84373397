"""API load benchmark: latency and throughput of ``sitrep serve`` (uvicorn, one worker, one
core) under 50 concurrent clients, on a SQLite store of 100,000 events.

Usage::

    python benchmarks/api_load.py [--events 100000] [--clients 50] [--seconds 10]
                                  [--repeats 3] [--store PATH] [--out reports/api_load.json]
                                  [--check]

**Store.** Built from the sample stories through the default pipeline once (68 stories),
then copied with variations until it holds ``--events`` events: each copy gets its own
id and a unique text (so its own content hash), its dates shifted by a whole number of
weeks over ten years, its points moved by up to 0.05 degrees (to 5 decimals, as geocoded); the incidents of the
sample are copied alongside, so event rows find their incidents as in a real store.
Copies carry the story and its events, not the per-mention lists (dates, places, ...),
which the measured endpoints never read. ``--store PATH`` keeps the file and reuses it
when it already holds enough events.

**Load.** The server is the real ``sitrep serve`` command in its own process, pinned to
one CPU; the clients run in this process (asyncio, one lean keep-alive HTTP/1.1
connection each) on the other CPUs. Each
scenario runs ``--clients`` closed-loop clients for ``--seconds`` after a one-second
warm-up; ``--repeats`` runs, the median of each figure reported:

* ``events``: ``/api/events`` with the filters the dashboard's form sends, in turn (none,
  a country, a type over three years, two countries with deaths, an actor, an outlet's
  main events, every mode since a date), 100 rows a page;
* ``geojson``: ``/api/events.geojson`` over a bounding box (Iraq), 100 features a page;
* ``map``: the dashboard's whole map, as it asks for it: the four pages of 5,000 features
  it follows, in turn;
* ``map-new``: the same pages, every one computed afresh, with 5 clients (reported, not
  held to the target: a one-core server computes about 20 such pages a second).

``events``, ``geojson`` and ``map-new`` run on a server that keeps no answers
(``--cache-mb 0``): every request is computed, as for views no one asked for before.
``events-kept`` and ``map`` run on a server with its default cache: many dashboards open
on the same views, and the first request of a view pays for the others
(``sitrep.api.cache``).

Each run also reports the server's CPU per request and the share of its core it got
(``/proc``): the p99 holds only when that share is near 100%; on a busy machine the CPU
per request still says what one free core would serve.

Before the load, each query (and a full-text query, ``ALONE_ONLY``) is sent alone 20
times (one client): the median is its service time, what one request costs the server
with nothing else running.

The store is opened (and migrated) like any other, so it has the schema's keyset
indexes and planner statistics (docs/store.md, *Speed*); a store kept with ``--store``
from an older schema is brought up to date by the server when it starts.

Target: p99 < 200 ms for ``events``, ``geojson``, ``events-kept`` and ``map``. ``--check`` exits 1 when missed.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sitrep.model import Extraction, Incident  # noqa: E402
from throughput import percentile  # noqa: E402

TARGET_P99_MS = 200.0
IRAQ = "38.8,29.0,48.6,37.4"
# The filters the dashboard's form sends (type, country, actor, outlet, mode, dates).
EVENT_FILTERS: list[dict] = [
    {},
    {"country": "IQ"},
    {"event_type": "Battles", "date_from": "2019-01-01", "date_to": "2021-12-31"},
    {"country": ["IQ", "SY"], "min_fatalities": 1},
    {"actor": "islamic state"},
    {"outlet": "Reuters", "main_only": "true"},
    {"mode": "any", "date_from": "2020-01-01"},
]
# Timed alone only: a full-text query (the dashboard sends those to /api/search), and a
# box holding no event (the page walks every row of the mode to find that out).
ALONE_ONLY = [
    ("/api/events", {"q": "drone"}),
    ("/api/search", {"q": "drone"}),
    ("/api/events.geojson", {"bbox": "10.0,10.0,11.0,11.0"}),
]
# The dashboard's map: pages of MAP_PAGE features, up to MAP_PAGES of them (dashboard.js).
MAP_PAGE = 5000
MAP_PAGES = 4
MAP = "map pages"  # stands for the pages, found when the server is up (map_pages)
# name: (path, the params sent in turn, clients (None: --clients), the server's --cache-mb)
SCENARIOS = {
    "events": ("/api/events", EVENT_FILTERS, None, 0),
    "geojson": ("/api/events.geojson", [{"bbox": IRAQ}], None, 0),
    "map-new": ("/api/events.geojson", MAP, 5, 0),
    "events-kept": ("/api/events", EVENT_FILTERS, None, None),
    "map": ("/api/events.geojson", MAP, None, None),
}
HELD_TO_TARGET = ("events", "geojson", "events-kept", "map")


# --------------------------------------------------------------------------- the store


def _shifted(extraction: Extraction, copy: int, rng: random.Random) -> Extraction:
    """One copy of a story: its own id and text, dates and points moved."""
    shift = dt.timedelta(weeks=rng.randint(-520, 0))
    events = []
    for event in extraction.events:
        update: dict = {}
        if event.date and event.date.start:
            update["date"] = event.date.model_copy(
                update={
                    "start": event.date.start + shift,
                    "end": event.date.end + shift if event.date.end else None,
                }
            )
        if event.place and event.place.lat is not None:
            update["place"] = event.place.model_copy(
                update={
                    # Rounded as the places stage rounds what it geocodes.
                    "lat": round(
                        max(-90.0, min(90.0, event.place.lat + rng.uniform(-0.05, 0.05))), 5
                    ),
                    "lon": round(
                        max(-180.0, min(180.0, event.place.lon + rng.uniform(-0.05, 0.05))), 5
                    ),
                }
            )
        events.append(event.model_copy(update=update))
    article = extraction.article
    published = article.published + shift if article.published else None
    return Extraction(
        article=article.model_copy(
            update={
                "id": f"{article.id}~{copy}",
                "text": f"{article.text}\n\n(copy {copy})",
                "published": published,
            }
        ),
        pipeline_version=extraction.pipeline_version,
        stages=extraction.stages,
        reference_date=published,
        events=events,
        outlet=extraction.outlet,
    )


def _incident_copy(incident: Incident, copy: int) -> Incident:
    sources = [
        source.model_copy(update={"article_id": f"{source.article_id}~{copy}"})
        for source in incident.sources
    ]
    return incident.model_copy(update={"id": f"{incident.id}~{copy}", "sources": sources})


def _copies(
    base: list[Extraction], incidents: list[Incident], events: int, seed: int
) -> Iterator[tuple[list[Extraction], list[Incident]]]:
    rng = random.Random(seed)
    per_copy = sum(len(extraction.events) for extraction in base)
    for copy in range(-(-events // per_copy)):
        yield (
            [_shifted(extraction, copy, rng) for extraction in base],
            [_incident_copy(incident, copy) for incident in incidents],
        )


def build_store(path: Path, events: int, seed: int) -> dict:
    """A SQLite store at ``path`` with at least ``events`` events (kept if already there)."""
    from sitrep.incidents import cluster
    from sitrep.pipeline import Pipeline
    from sitrep.readers import read_source
    from sitrep.store import open_store
    from sitrep.store.aggregates import counts

    with open_store(path) as store:
        stories, held = counts(store)
        if held >= events:
            return {"stories": stories, "events": held, "built_s": 0.0}
    started = time.perf_counter()
    examples = Path(__file__).resolve().parents[1] / "examples" / "stories.jsonl"
    pipeline = Pipeline()
    base = [
        pipeline.extract(item)
        for item in read_source(str(examples))
        if not isinstance(item, Exception)
    ]
    incidents = cluster(base)
    with open_store(path) as store:
        for extractions, copied in _copies(base, incidents, events, seed):
            store.add_many(extractions)
            store.save_incidents(copied)
        stories, held = counts(store)
    return {"stories": stories, "events": held, "built_s": round(time.perf_counter() - started, 1)}


# --------------------------------------------------------------------------- the server


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(path: Path, cpu: int | None, cache_mb: int | None) -> tuple[subprocess.Popen, str]:
    """``sitrep serve`` on a free loopback port, pinned to ``cpu``, keeping ``cache_mb`` MiB
    of answers (None: its default); returns it and its URL."""
    port = _free_port()
    sitrep = Path(sys.executable).with_name("sitrep")
    pin = (lambda: os.sched_setaffinity(0, {cpu})) if cpu is not None else None
    env = {key: value for key, value in os.environ.items() if key != "SITREP_API_TOKEN"}
    cache = [] if cache_mb is None else ["--cache-mb", str(cache_mb)]
    process = subprocess.Popen(
        [str(sitrep), "serve", "--db", str(path), "--port", str(port), *cache],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=pin,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"{url}/api/health", timeout=2).raise_for_status()
            return process, url
        except httpx.HTTPError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise SystemExit("sitrep serve did not start") from None
            time.sleep(0.2)


# --------------------------------------------------------------------------- the load


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class _Answer(asyncio.Protocol):
    """The client side of one keep-alive HTTP/1.1 connection: it counts an answer's bytes
    against its Content-Length and keeps none of them.

    The load's clients share one process and one core: httpx spent over half of that core
    at 250 requests a second, and buffered streams most of it on the map's 3 MB pages,
    enough to hold up the server they measure.
    """

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.head = b""
        self.status = 0
        self.left = -1  # body bytes still to come; -1 while the head is being read
        self.done: asyncio.Future[int] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        if self.left < 0:
            self.head += data
            end = self.head.find(b"\r\n\r\n")
            if end < 0:
                return
            try:
                self.status = int(self.head.split(b" ", 2)[1])
                self.left = _content_length(self.head[:end]) - (len(self.head) - end - 4)
            except (IndexError, ValueError) as exc:
                self._finish(exc)
                return
        else:
            self.left -= len(data)
        if self.left <= 0:
            self._finish(None)

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None
        self._finish(exc or ConnectionResetError("the server closed the connection"))

    def _finish(self, error: BaseException | None) -> None:
        if self.done is not None and not self.done.done():
            if error is None:
                self.done.set_result(self.status)
            else:
                self.done.set_exception(error)


class _Connection:
    """One keep-alive connection that sends GETs and waits for each whole answer."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.answer: _Answer | None = None

    async def get(self, target: bytes) -> int:
        """The status of ``GET target``; reconnects when the server closed the connection."""
        if self.answer is None or self.answer.transport is None:
            loop = asyncio.get_running_loop()
            _, self.answer = await loop.create_connection(_Answer, self.host, self.port)
        answer = self.answer
        answer.head, answer.left = b"", -1
        answer.done = asyncio.get_running_loop().create_future()
        assert answer.transport is not None
        answer.transport.write(
            b"GET %s HTTP/1.1\r\nHost: %s\r\n\r\n" % (target, self.host.encode())
        )
        try:
            return await answer.done
        except (OSError, ValueError):
            self.close()
            raise

    def close(self) -> None:
        if self.answer is not None and self.answer.transport is not None:
            self.answer.transport.close()
        self.answer = None


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value)
    raise ValueError("an answer without Content-Length")


def _targets(path: str, params: list[dict]) -> list[bytes]:
    return [f"{path}?{urlencode(one, doseq=True)}".encode() for one in params]


async def _load(
    url: str, path: str, params: list[dict], clients: int, seconds: float, server: int
) -> dict:
    """``clients`` closed-loop clients for ``seconds`` (after a 1 s warm-up), and the share
    of its core the ``server`` process had (under 90%, something else ran there) and that
    the clients had of theirs (near 100%, the clients held the server up)."""
    turns = itertools.cycle(_targets(path, params))
    latencies: list[float] = []
    failures = 0
    where = urlsplit(url)
    connections = [
        _Connection(where.hostname or "127.0.0.1", where.port or 80) for _ in range(clients)
    ]
    warm_until = time.perf_counter() + 1.0
    stop = warm_until + seconds
    cpu_at_warm: list[float] = []
    client_cpu_at_warm: list[float] = []

    async def one_client(connection: _Connection) -> None:
        nonlocal failures
        while (now := time.perf_counter()) < stop:
            try:
                status = await connection.get(next(turns))
            except (OSError, asyncio.IncompleteReadError, ValueError):
                failures += 1
                continue
            took = time.perf_counter() - now
            if now >= warm_until and not cpu_at_warm:
                cpu_at_warm.append(cpu_seconds(server))
                client_cpu_at_warm.append(time.process_time())
            if status != 200:
                failures += 1
            elif now >= warm_until:
                latencies.append(took)

    try:
        await asyncio.gather(*(one_client(connection) for connection in connections))
    finally:
        for connection in connections:
            connection.close()
    used = cpu_seconds(server) - (cpu_at_warm[0] if cpu_at_warm else 0.0)
    client_used = time.process_time() - (client_cpu_at_warm[0] if client_cpu_at_warm else 0.0)
    latencies.sort()
    return {
        "requests": len(latencies),
        "failures": failures,
        "req_per_s": round(len(latencies) / seconds, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
        # What one request costs the server in CPU, and how much of its core it got:
        # the first says what one free core could serve, whatever else the machine ran.
        "server_cpu_ms": round(used / len(latencies) * 1000, 2) if latencies else None,
        "server_core_share": round(used / seconds, 2),
        "client_core_share": round(client_used / seconds, 2),
    }


def map_pages(url: str) -> list[dict]:
    """The params of the dashboard's map pages: the first, and each next cursor."""
    pages = [{"limit": MAP_PAGE}]
    with httpx.Client(base_url=url, timeout=60) as client:
        while len(pages) < MAP_PAGES:
            following = client.get("/api/events.geojson", params=pages[-1]).json()["next_cursor"]
            if following is None:
                break
            pages.append({"limit": MAP_PAGE, "cursor": following})
    return pages


def service_times(url: str, pages: list[dict], repeats: int = 20) -> dict[str, float]:
    """Median milliseconds of each query sent alone, one after another (on a server that
    keeps no answers: what computing each costs)."""
    queries = {
        (path, json.dumps(params))
        for path, many, _, _ in SCENARIOS.values()
        for params in (pages if many == MAP else many)
    }
    queries = [(path, json.loads(params)) for path, params in sorted(queries)] + ALONE_ONLY
    found = {}
    with httpx.Client(base_url=url, timeout=60) as client:
        for path, params in queries:
            took = []
            for _ in range(repeats):
                started = time.perf_counter()
                client.get(path, params=params).raise_for_status()
                took.append(time.perf_counter() - started)
            found[f"{path} {json.dumps(params)}"] = round(statistics.median(took) * 1000, 1)
    return found


def _median(runs: list[dict]) -> dict:
    keys = (
        "req_per_s",
        "p50_ms",
        "p99_ms",
        "max_ms",
        "server_cpu_ms",
        "server_core_share",
        "client_core_share",
    )
    return {key: statistics.median(run[key] for run in runs) for key in keys} | {
        "failures": sum(run["failures"] for run in runs)
    }


def _scenario(
    name: str,
    url: str,
    endpoint: str,
    params: list[dict],
    clients: int,
    args: argparse.Namespace,
    pid: int,
) -> dict:
    """``args.repeats`` runs of one scenario, the median of each figure, printed."""
    runs = [
        asyncio.run(_load(url, endpoint, params, clients, args.seconds, pid))
        for _ in range(args.repeats)
    ]
    result = _median(runs) | {"clients": clients, "runs": runs}
    print(
        f"{name:12} {clients:3} clients  {result['req_per_s']:7.1f} req/s"
        f"  p50 {result['p50_ms']:7.1f} ms  p99 {result['p99_ms']:7.1f} ms"
        f"  server {result['server_cpu_ms']} ms CPU/request,"
        f" {result['server_core_share']:.0%} of its core (clients"
        f" {result['client_core_share']:.0%} of theirs)  failures {result['failures']}",
        flush=True,
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--store", type=Path, help="Keep (and reuse) the store here.")
    parser.add_argument("--out", type=Path, help="Write the JSON report here.")
    parser.add_argument("--check", action="store_true", help="Exit 1 when p99 misses the target.")
    args = parser.parse_args()

    folder = None if args.store else tempfile.TemporaryDirectory(prefix="sitrep-api-load-")
    path = args.store or Path(folder.name) / "load.db"  # type: ignore[union-attr]
    store = build_store(path, args.events, args.seed)
    print(f"store: {store['events']:,} events, {store['stories']:,} stories ({path})", flush=True)

    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    # The server gets the last CPU (benchmarks that pin themselves take the first one).
    server_cpu = cpus[-1] if cpus else None
    if len(cpus) > 1:  # the clients stay off the server's core
        os.sched_setaffinity(0, set(cpus[:-1]))
    report: dict = {
        "store": store,
        "clients": args.clients,
        "seconds": args.seconds,
        "repeats": args.repeats,
        "server_cpu": server_cpu,
        "client_cpus": cpus[:-1],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "scenarios": {},
    }
    try:
        for cache_mb in dict.fromkeys(setting for *_, setting in SCENARIOS.values()):
            process, url = start_server(path, server_cpu, cache_mb)
            try:
                pages = map_pages(url)
                if cache_mb == 0:
                    report["service_ms"] = service_times(url, pages)
                    for query, took in report["service_ms"].items():
                        print(f"  alone {took:7.1f} ms  {query}", flush=True)
                for name, (endpoint, params, clients, setting) in SCENARIOS.items():
                    if setting == cache_mb:
                        sent = pages if params == MAP else params
                        found = _scenario(
                            name, url, endpoint, sent, clients or args.clients, args, process.pid
                        )
                        report["scenarios"][name] = found | {"cache_mb": cache_mb}
            finally:
                process.terminate()
                process.wait(timeout=30)
    finally:
        if folder is not None:
            folder.cleanup()
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2) + "\n")
    missed = [
        name
        for name in HELD_TO_TARGET
        if report["scenarios"][name]["p99_ms"] >= TARGET_P99_MS
        or report["scenarios"][name]["failures"]
    ]
    if missed:
        print(f"p99 target ({TARGET_P99_MS:.0f} ms) missed: {', '.join(missed)}")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
