"""A real Dask cluster (two worker processes) shared by the scale tests, and input shards."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.examples import example_articles

MALFORMED = '{"id": "broken", "text": "no closing brace"'


@pytest.fixture(scope="session")
def cluster_address() -> Iterator[str]:
    from dask.distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def shard_dir(tmp_path: Path) -> Path:
    """The sample stories in three JSONL files; the second has a malformed fifth line.

    Written from the same Articles ``sample_extractions()`` ran on, so a serial run to
    compare with is already at hand.
    """
    lines = [
        json.dumps(
            {
                "id": article.id,
                "title": article.title,
                "text": article.text,
                "published": article.published.isoformat() if article.published else None,
                "source": article.outlet,
                "url": article.url,
                "language": article.language,
            }
        )
        for article in example_articles()
    ]
    third = len(lines) // 3
    folder = tmp_path / "in"
    folder.mkdir()
    parts = [lines[:third], lines[third : 2 * third], lines[2 * third :]]
    parts[1] = [*parts[1][:4], MALFORMED, *parts[1][4:]]
    for number, part in enumerate(parts, 1):
        # The last file ends without a newline, as hand-made files often do.
        ending = "" if number == 3 else "\n"
        (folder / f"stories-{number}.jsonl").write_text("\n".join(part) + ending, encoding="utf-8")
    return folder
