"""Shards: planned on the client, read by a worker with every line numbered as in the file."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sitrep.errors import InputError
from sitrep.model import Article
from sitrep.scale import shards
from sitrep.settings import Settings


def _read_all(paths: list[Path], shard_size: int, settings: Settings | None = None):
    planned, problems = shards.plan(paths, shard_size)
    assert not problems
    return planned, [
        item for shard in planned for item in shards.read(shard, settings or Settings())
    ]


def _records(count: int) -> list[dict]:
    return [
        {
            "id": f"r{n}",
            "title": f"Story {n}",
            "text": f"Story number {n}.",
            "published": "2024-03-0" + str(1 + n % 9),
            "source": "Wire",
            "url": f"https://example.org/{n}",
        }
        for n in range(1, count + 1)
    ]


def test_jsonl_shards_cover_every_line_once(tmp_path: Path) -> None:
    lines = [json.dumps(record) for record in _records(12)]
    lines.insert(3, "")  # a blank line is skipped, but still counts for numbering
    lines[7] = "{not json"  # record r7
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")  # no final newline
    planned, items = _read_all([path], 5)
    assert [(shard.first, shard.count) for shard in planned] == [(1, 5), (6, 5), (11, 3)]
    numbers = [number for number, _ in items]
    assert numbers == [n for n in range(1, 14) if n != 4]
    problems = {number: item for number, item in items if isinstance(item, InputError)}
    assert list(problems) == [8]
    assert f"{path}, line 8: not valid JSON" in str(problems[8])
    articles = [item for _, item in items if isinstance(item, Article)]
    assert [a.id for a in articles] == [f"r{n}" for n in range(1, 13) if n != 7]
    assert articles[0].outlet == "Wire" and str(articles[0].published) == "2024-03-02"


def test_an_over_long_line_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    records = _records(3)
    records[1]["text"] = "x" * 5000
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    settings = Settings(text={"max_article_chars": 500})
    _, items = _read_all([path], 10, settings)
    assert [number for number, _ in items] == [1, 2, 3]
    assert isinstance(items[1][1], InputError) and "[E008]" in str(items[1][1])
    assert "line 2" in str(items[1][1])
    assert items[2][1].id == "r3"


def test_parquet_shards_read_across_row_groups(tmp_path: Path) -> None:
    path = tmp_path / "in.parquet"
    table = pa.Table.from_pylist(_records(23))
    pq.write_table(table.append_column("extra", pa.array(range(23))), path, row_group_size=7)
    planned, items = _read_all([path], 5)
    assert [(shard.first, shard.count) for shard in planned] == [
        (1, 5),
        (6, 5),
        (11, 5),
        (16, 5),
        (21, 3),
    ]
    assert [number for number, _ in items] == list(range(1, 24))
    assert [item.id for _, item in items] == [f"r{n}" for n in range(1, 24)]


def test_files_that_cannot_be_planned_are_reported_and_the_rest_planned(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(_records(1)[0]) + "\n", encoding="utf-8")
    no_text = tmp_path / "no-text.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": "a", "body": "b"}]), no_text)
    not_parquet = tmp_path / "fake.parquet"
    not_parquet.write_text("hello", encoding="utf-8")
    other = tmp_path / "story.txt"
    other.write_text("hello", encoding="utf-8")
    planned, problems = shards.plan([good, no_text, not_parquet, other], 10)
    assert [shard.path for shard in planned] == [str(good)]
    messages = {path.name: str(problem) for path, problem in problems}
    assert (
        messages["no-text.parquet"].startswith("[E043]")
        and "id, body" in messages["no-text.parquet"]
    )
    assert messages["fake.parquet"].startswith("[E042]")
    assert messages["story.txt"].startswith("[E041]") and "'.txt'" in messages["story.txt"]


def test_a_pattern_that_matches_nothing_is_an_e040(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\[E040\]"):
        shards.find_inputs(str(tmp_path / "*.jsonl"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.jsonl").write_text("{}\n")
    assert shards.find_inputs(str(tmp_path / "**" / "*.jsonl")) == [tmp_path / "sub" / "a.jsonl"]
