"""A store that fails under a run: SQLite locked past its busy timeout or full, PostgreSQL
ending the connection. Each is one clear error naming the store and the reason (E029), the
run stops cleanly, nothing committed is lost, and the same run again completes it."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from sqlalchemy import event

from sitrep.cli import main
from sitrep.errors import SitrepError
from sitrep.ingest import ingest
from sitrep.store import EventQuery, Store, open_store
from sitrep.store.connect import WRITE_LOCK, display, make_engine, migrate, store_url
from tests.examples import example_articles
from tests.store.conftest import empty_postgres

COUNT = 40
BATCH = 10


def _stories(tmp_path: Path, count: int = COUNT) -> Path:
    """count distinct stories varied from the samples, one JSONL line each."""
    articles = example_articles()
    lines = []
    for number in range(count):
        base = articles[number % len(articles)]
        record = base.model_dump(mode="json", exclude={"language"})
        record.update(id=f"gen:{number:04d}", text=f"{base.text}\n\n(Dispatch {number})")
        lines.append(json.dumps(record))
    path = tmp_path / f"stories-{count}.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def _sitrep_ingest(path: Path, url: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", "from sitrep.cli import main; main()", "ingest", str(path)]
    command += ["--db", url, "--workers", "1", "--batch-size", str(BATCH)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _assert_stored_once(store: Store, count: int) -> None:
    """The first ``count`` stories, each once and whole: extraction and events."""
    stored = list(store.extractions())
    assert sorted(extraction.article.id for extraction in stored) == [
        f"gen:{number:04d}" for number in range(count)
    ]
    assert len(store.known_hashes()) == count
    assert store.count_events(EventQuery()) == sum(len(item.events) for item in stored)


def _assert_stopped_cleanly(stderr: str, *, names: str, reason: str) -> None:
    assert "Traceback" not in stderr, stderr
    [error] = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert "[E029]" in error and names in error and reason in error, error
    assert "nothing of the failed transaction was stored" in error
    assert "the same command again resumes" in stderr


@pytest.mark.slow
def test_a_sqlite_store_locked_past_its_timeout_stops_ingest_and_a_rerun_resumes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "locked.db"
    with open_store(path) as store:
        ingest([str(_stories(tmp_path, COUNT // 2))], store, batch_size=BATCH)
    everything = _stories(tmp_path)

    # Another process's writer holds the write lock for longer than this run waits.
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        run = _sitrep_ingest(everything, f"sqlite:///{path}?timeout=0.2")
        _, stderr = run.communicate(timeout=180)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert run.returncode == 1, stderr
    _assert_stopped_cleanly(stderr, names=str(path), reason="database is locked")
    assert "held its lock for more than 0.2 s" in stderr

    with open_store(path) as store:
        _assert_stored_once(store, COUNT // 2)  # what the first run committed is whole
        report = ingest([str(everything)], store, batch_size=BATCH)
        assert (report.new, report.skipped, report.quarantined) == (COUNT // 2, COUNT // 2, 0)
        _assert_stored_once(store, COUNT)


def test_a_store_another_writer_holds_still_opens(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    open_store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        # At the newest schema revision, opening reads it without the write lock.
        with open_store(f"sqlite:///{path}?timeout=0.1") as store:
            assert store.errors() == []
            with pytest.raises(SitrepError, match=r"\[E029\].*database is locked"):
                store.record_error("x.txt", "a reason")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_full_sqlite_store_stops_ingest_and_keeps_what_was_committed(tmp_path: Path) -> None:
    path = tmp_path / "full.db"
    with open_store(path) as store:
        ingest([str(_stories(tmp_path, BATCH))], store, batch_size=BATCH)
    pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]

    # The database may grow by a few pages only: SQLite itself says it is full.
    engine = make_engine(store_url(path))
    event.listen(
        engine, "connect", lambda dbapi, _: dbapi.execute(f"PRAGMA max_page_count={pages + 8}")
    )
    migrate(engine)
    everything = _stories(tmp_path)
    with Store(engine) as store, pytest.raises(SitrepError) as raised:
        ingest([str(everything)], store, batch_size=BATCH)
    message = str(raised.value)
    assert message.startswith(f"[E029] Store sqlite:///{path}: database or disk is full;")

    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    check.close()
    with open_store(path) as store:
        kept = len(store.known_hashes())
        assert BATCH <= kept < COUNT and kept % BATCH == 0  # whole batches, nothing half-written
        _assert_stored_once(store, kept)
        report = ingest([str(everything)], store, batch_size=BATCH)
        assert (report.new, report.skipped) == (COUNT - kept, kept)
        _assert_stored_once(store, COUNT)


@pytest.mark.slow
def test_postgres_ending_the_connection_mid_write_stops_ingest_and_a_rerun_resumes(
    pg_url: str, tmp_path: Path
) -> None:
    empty_postgres(pg_url)
    # Trust authentication ignores the password: it is there to be masked in messages.
    url = sa.make_url(pg_url).set(password="s3cret").render_as_string(hide_password=False)
    with open_store(url) as store:
        ingest([str(_stories(tmp_path, COUNT // 2))], store, batch_size=BATCH)
    everything = _stories(tmp_path)

    # Hold the writers' lock, so the run's first write waits inside its transaction, then
    # end that backend the way an administrator or a failover would.
    holder = psycopg.connect(pg_url)
    holder.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
    run = _sitrep_ingest(everything, url)
    ended = None
    try:
        with psycopg.connect(pg_url, autocommit=True) as watcher:
            deadline = time.monotonic() + 180
            while ended is None and run.poll() is None and time.monotonic() < deadline:
                row = watcher.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    " AND wait_event_type = 'Lock' AND wait_event = 'advisory'"
                ).fetchone()
                if row:
                    watcher.execute("SELECT pg_terminate_backend(%s)", row)
                    ended = row[0]
                time.sleep(0.02)
        _, stderr = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.kill()
        holder.rollback()
        holder.close()
    assert ended is not None, f"the run never waited on the write lock: {stderr}"
    assert run.returncode == 1, stderr
    masked = display(store_url(url))  # postgresql+psycopg://postgres:***@127.0.0.1:...
    assert ":***@" in masked
    _assert_stopped_cleanly(stderr, names=masked, reason="the connection to the server was lost")
    assert "s3cret" not in stderr

    with open_store(pg_url) as store:
        _assert_stored_once(store, COUNT // 2)
        report = ingest([str(everything)], store, batch_size=BATCH)
        assert (report.new, report.skipped, report.quarantined) == (COUNT // 2, COUNT // 2, 0)
        _assert_stored_once(store, COUNT)


def test_a_postgres_connection_ended_between_writes_is_replaced_and_the_run_goes_on(
    pg_url: str, tmp_path: Path
) -> None:
    empty_postgres(pg_url)
    with open_store(pg_url) as store:
        ingest([str(_stories(tmp_path, COUNT // 2))], store, batch_size=BATCH)
        # End every idle connection the store's pool holds.
        with psycopg.connect(pg_url, autocommit=True) as admin:
            ended = admin.execute(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchone()[0]
        assert ended >= 1
        report = ingest([str(_stories(tmp_path))], store, batch_size=BATCH)
        assert (report.new, report.skipped) == (COUNT // 2, COUNT // 2)
        _assert_stored_once(store, COUNT)


def test_a_postgres_database_that_stops_taking_connections_stops_ingest(
    pg_url: str, tmp_path: Path
) -> None:
    name = f"sitrep_test_gone_{os.getpid()}"
    url = str(sa.make_url(pg_url).set(database=name))
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            with open_store(url) as store:
                ingest([str(_stories(tmp_path, BATCH))], store, batch_size=BATCH)
                # The server refuses the database from now on and ends its connections.
                admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                    (name,),
                )
                with pytest.raises(SitrepError) as raised:
                    ingest([str(_stories(tmp_path))], store, batch_size=BATCH)
            message = str(raised.value)
            assert message.startswith(f"[E029] Store {display(store_url(url))}: connection failed")
            assert "is not currently accepting connections" in message
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
            with open_store(url) as store:
                _assert_stored_once(store, BATCH)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_sqlite_timeout_that_is_not_a_number_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["errors", "--db", f"sqlite:///{tmp_path}/x.db?timeout=soon"])
    assert result.exit_code == 2
    assert "[E031]" in result.stderr and "timeout=soon" in result.stderr
