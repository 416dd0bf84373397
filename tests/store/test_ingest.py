"""Ingest: stories in, bad inputs quarantined, nothing twice, and a killed run resumed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.ingest import ingest, reprocess
from sitrep.model import Article
from sitrep.pipeline import Pipeline
from sitrep.readers import read_source
from sitrep.store import EventQuery, Store, content_hash
from tests.examples import STORIES, example_articles, sample_extractions


def _sample_lines(count: int) -> list[str]:
    return [line for line in STORIES.read_text(encoding="utf-8").splitlines() if line.strip()][
        :count
    ]


def _inputs(tmp_path: Path, count: int = 8) -> list[str]:
    """count good JSONL stories, a malformed line, a future-dated story, a binary file and a
    plain-text story."""
    future = {
        "id": "future:1",
        "text": "Gunmen attacked a village on Monday.",
        "published": "2999-01-01",
    }
    feed = tmp_path / "stories.jsonl"
    lines = _sample_lines(count)
    feed.write_text("\n".join([*lines[:2], "{not json", *lines[2:], json.dumps(future)]) + "\n")
    blob = tmp_path / "blob.txt"
    blob.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    story = tmp_path / "story.txt"
    story.write_text(
        "Clashes near Kismayo\n\nOn Monday, al-Shabaab fighters attacked an army base.\n"
    )
    return [str(feed), str(blob), str(story)]


def test_ingest_stores_the_stories_and_quarantines_the_rest(store: Store, tmp_path: Path) -> None:
    sources = _inputs(tmp_path)
    report = ingest(sources, store)
    assert (report.read, report.new, report.skipped, report.quarantined) == (12, 9, 0, 3)
    assert report.pipeline_version == sample_extractions()[0].pipeline_version
    reasons = {row.reason.split("]")[0] + "]": row for row in store.errors()}
    assert set(reasons) == {"[E007]", "[E010]", "[E033]"}
    assert reasons["[E033]"].content_hash is not None
    assert "future:1" in reasons["[E033]"].reason and "2999-01-01" in reasons["[E033]"].reason
    assert reasons["[E010]"].source == sources[0] and "line 3" in reasons["[E010]"].reason
    samples = {extraction.article.id: extraction for extraction in sample_extractions()}
    stored = list(store.extractions())
    assert len(stored) == 9
    for extraction in stored[:8]:
        assert extraction == samples[extraction.article.id]


def test_ingesting_twice_changes_nothing(store: Store, tmp_path: Path) -> None:
    sources = _inputs(tmp_path)
    ingest(sources, store)
    events = store.count_events(EventQuery())
    report = ingest(sources, store)
    assert (report.read, report.new, report.skipped, report.quarantined) == (12, 0, 9, 3)
    assert store.count_events(EventQuery()) == events
    assert len(store.known_hashes()) == 9
    assert [row.seen for row in store.errors()] == [2, 2, 2]


def test_a_story_twice_in_the_input_is_stored_once_and_a_clashing_id_quarantined(
    store: Store, tmp_path: Path
) -> None:
    line = _sample_lines(1)[0]
    clash = {**json.loads(line), "text": "A different story under the same id."}
    feed = tmp_path / "twice.jsonl"
    feed.write_text("\n".join([line, line, json.dumps(clash)]) + "\n")
    report = ingest([str(feed)], store, batch_size=2)  # the repeat lands in another batch
    assert (report.new, report.skipped, report.quarantined) == (1, 1, 1)
    [row] = store.errors()
    assert row.reason.startswith("[E032]") and row.content_hash == content_hash(clash["text"])


def test_reprocess_re_extracts_what_another_pipeline_version_stored(store: Store) -> None:
    extractions = sample_extractions()[:5]
    store.add_many(
        e.model_copy(update={"pipeline_version": "0.0.1+old", "events": []}) for e in extractions
    )
    assert store.count_events(EventQuery()) == 0
    report = reprocess(store)
    assert (report.read, report.new) == (5, 5)
    assert list(store.extractions()) == extractions
    assert reprocess(store).read == 0


def _generated(tmp_path: Path, count: int) -> Path:
    """count distinct stories varied from the samples, after one malformed line."""
    articles = example_articles()
    lines = ["{broken"]
    for number in range(count):
        base = articles[number % len(articles)]
        record = base.model_dump(mode="json", exclude={"language"})
        record.update(id=f"gen:{number:04d}", text=f"{base.text}\n\n(Dispatch {number})")
        lines.append(json.dumps(record))
    path = tmp_path / "generated.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def _ingest_command(path: Path, url: str, *, workers: int) -> list[str]:
    command = [sys.executable, "-c", "from sitrep.cli import main; main()", "ingest", str(path)]
    return [*command, "--db", url, "--workers", str(workers), "--batch-size", "20"]


def _children(pid: int) -> set[int]:
    """Process ids whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
def test_a_run_killed_mid_way_resumes_without_losing_or_repeating(
    store: Store, store_url: str, tmp_path: Path
) -> None:
    count = 120
    path = _generated(tmp_path, count)
    # One backend's run extracts in two worker processes, which must not outlive it.
    workers = 2 if store.backend == "postgresql" else 1
    first = subprocess.Popen(
        _ingest_command(path, store_url, workers=workers), stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    workers_seen: set[int] = set()
    while time.monotonic() < deadline and first.poll() is None:
        workers_seen |= _children(first.pid)
        if store.known_hashes():  # the first batch is committed: kill it mid-run
            os.kill(first.pid, signal.SIGKILL)
            break
        time.sleep(0.005)
    first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL, "the first run ended before it could be killed"
    kept = len(store.known_hashes())
    assert 0 < kept < count
    if workers > 1:
        assert len(workers_seen) >= workers
        gone_by = time.monotonic() + 10
        while any(_alive(pid) for pid in workers_seen) and time.monotonic() < gone_by:
            time.sleep(0.05)
        assert not any(_alive(pid) for pid in workers_seen), "worker processes outlived ingest"

    # Started again (in this process, whose pipeline is already loaded: quicker).
    report = ingest([str(path)], store, batch_size=20)
    assert (report.new, report.skipped, report.quarantined) == (count - kept, kept, 1)

    stored = list(store.extractions())
    ids = [extraction.article.id for extraction in stored]
    assert ids == [f"gen:{number:04d}" for number in range(count)]  # once each, in input order
    # What the killed run stored (in worker processes, on one backend) is what this
    # process extracts from the same stories.
    pipeline = Pipeline()
    articles = {item.id: item for item in read_source(str(path)) if isinstance(item, Article)}
    for extraction in stored[:kept]:
        assert extraction == pipeline.extract(articles[extraction.article.id])
    assert len(store.known_hashes()) == count
    assert store.count_events(EventQuery()) == sum(len(extraction.events) for extraction in stored)
    [problem] = store.errors()
    assert problem.reason.startswith("[E010]") and problem.seen == 2
