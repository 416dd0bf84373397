"""sitrep ingest, errors and reprocess through click's CliRunner, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.store import open_store
from tests.examples import STORIES, sample_extractions

STORY = (
    "Clashes near Kismayo\n\nOn Monday, al-Shabaab fighters attacked an army base near Kismayo.\n"
)


def _run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def _feed(tmp_path: Path, count: int = 3) -> str:
    lines = [line for line in STORIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines[:count]) + "\n")
    return str(path)


def test_ingest_prints_a_summary_and_stores_the_stories(store_url: str, tmp_path: Path) -> None:
    blob = tmp_path / "blob.txt"
    blob.write_bytes(b"\x00\x01\x02" * 100)
    args = ("ingest", _feed(tmp_path), str(blob), "--db", store_url, "--workers", "1")
    result = _run(*args, "--batch-size", "2")
    assert result.exit_code == 0, result.output
    assert "read 4 · new 3 · skipped 0 · quarantined 1" in result.stderr
    assert "sitrep errors" in result.stderr
    again = _run(*args)
    assert again.exit_code == 0 and "new 0 · skipped 3" in again.stderr
    with open_store(store_url) as store:
        assert len(store.known_hashes()) == 3


def test_ingest_reads_stdin_with_a_publication_date(store_url: str) -> None:
    result = _run(
        "ingest", "-", "--db", store_url, "--workers", "1", "--published", "2020-05-06", stdin=STORY
    )
    assert result.exit_code == 0, result.output
    with open_store(store_url) as store:
        [extraction] = list(store.extractions())
    assert extraction.article.published.isoformat() == "2020-05-06"
    assert extraction.article.title == "Clashes near Kismayo"


def test_ingest_exits_1_when_nothing_could_be_stored(store_url: str, tmp_path: Path) -> None:
    result = _run("ingest", str(tmp_path / "missing.txt"), "--db", store_url, "--workers", "1")
    assert result.exit_code == 1
    assert "quarantined 1" in result.stderr


def test_errors_lists_the_quarantine(store_url: str, tmp_path: Path) -> None:
    empty = _run("errors", "--db", store_url)
    assert empty.exit_code == 0 and "nothing quarantined" in empty.stderr
    blob = tmp_path / "blob.txt"
    blob.write_bytes(b"\x00" * 10)
    _run("ingest", str(blob), str(tmp_path / "missing.txt"), "--db", store_url, "--workers", "1")
    listed = _run("errors", "--db", store_url)
    assert listed.exit_code == 0
    assert "E007" in listed.stdout and "E012" in listed.stdout and "blob.txt" in listed.stdout
    latest = _run("errors", "--db", store_url, "--limit", "1")
    assert latest.stdout.count("[E0") == 1


def test_reprocess_re_extracts_other_versions(store_url: str) -> None:
    extraction = sample_extractions()[0]
    with open_store(store_url) as store:
        store.add(extraction.model_copy(update={"pipeline_version": "0.0.1+old", "events": []}))
    result = _run("reprocess", "--db", store_url, "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "re-extracted 1 of 1 stories" in result.stderr
    with open_store(store_url) as store:
        assert store.article(extraction.article.id) == extraction
    assert "re-extracted 0 of 0" in _run("reprocess", "--db", store_url).stderr


@pytest.mark.parametrize(
    ("db", "code", "message"),
    [
        ("mysql://root@localhost/x", 2, "E031"),
        ("postgresql://postgres@127.0.0.1:1/x", 1, "E030"),
    ],
)
def test_a_bad_store_url_is_a_usage_error_and_an_unreachable_one_an_error(
    db: str, code: int, message: str
) -> None:
    result = _run("errors", "--db", db)
    assert result.exit_code == code
    assert message in result.stderr


def test_the_store_comes_from_sitrep_db_in_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "env.db"
    result = CliRunner(env={"SITREP_DB": str(path)}).invoke(main, ["errors"])
    assert result.exit_code == 0 and path.is_file()


def test_a_future_publication_date_is_a_usage_error(tmp_path: Path) -> None:
    result = _run(
        "ingest", _feed(tmp_path), "--published", "2999-01-01", "--db", str(tmp_path / "x.db")
    )
    assert result.exit_code == 2 and "future" in result.stderr
