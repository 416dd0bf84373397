"""Parquet: a flat event table with typed columns, evidence kept as JSON."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from sitrep.exports import ExportFilter, export
from sitrep.exports.fields import pairs
from sitrep.exports.parquet import SCHEMA, write
from tests.examples import sample_extractions


def test_reads_back_one_row_per_event_with_typed_columns(tmp_path: Path) -> None:
    extractions = sample_extractions()
    path = tmp_path / "events.parquet"
    count = export(extractions, "parquet", path, ExportFilter(modes=None))
    table = pq.read_table(path)
    assert count == table.num_rows == sum(len(e.events) for e in extractions)
    assert table.schema.equals(SCHEMA)
    assert table.schema.field("published").type == pa.date32()
    assert table.schema.field("latitude").type == pa.float64()
    assert table.schema.field("fatalities_best").type == pa.int32()
    assert table.schema.field("main").type == pa.bool_()
    assert table.schema.field("sources").type == pa.list_(pa.string())


def test_values_and_evidence_offsets_point_into_the_story(tmp_path: Path) -> None:
    extractions = sample_extractions()
    path = tmp_path / "events.parquet"
    export(extractions, "parquet", path)
    texts = {e.article.id: e.article.text for e in extractions}
    rows = pq.read_table(path).to_pylist()
    first = next(r for r in rows if r["article_id"].startswith("ex:001") and r["main"])
    assert first["country_code"] == "IQ" and first["fatalities_best"] == 3
    assert first["outlet"] == "Reuters"
    checked = 0
    for row in rows:
        for evidence in json.loads(row["evidence"]).values():
            for ev in evidence:
                assert texts[row["article_id"]][ev["start"] : ev["end"]] == ev["text"]
                checked += 1
    assert checked > len(rows)


def test_written_in_row_groups_to_a_stream() -> None:
    extractions = sample_extractions()
    out = io.BytesIO()
    count = write(pairs(extractions), out, row_group_size=10)
    parquet_file = pq.ParquetFile(io.BytesIO(out.getvalue()))
    assert parquet_file.metadata.num_rows == count
    assert parquet_file.metadata.num_row_groups == -(-count // 10)


def test_no_events_still_writes_a_readable_empty_table(tmp_path: Path) -> None:
    path = tmp_path / "empty.parquet"
    assert export([], "parquet", path) == 0
    table = pq.read_table(path)
    assert table.num_rows == 0 and table.schema.equals(SCHEMA)
