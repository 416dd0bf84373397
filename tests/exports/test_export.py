"""export(): formats by name, paths or streams, and constant memory on a large output."""

from __future__ import annotations

import io
import itertools
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from sitrep.errors import SitrepError
from sitrep.exports import FORMATS, ExportFilter, export
from sitrep.model import Extraction
from tests.examples import sample_extractions

from .records import make_extraction


def test_formats_are_named() -> None:
    assert set(FORMATS) == {"acled", "gtd", "geojson", "parquet", "jsonl"}


def test_unknown_format_is_refused_with_e045(tmp_path: Path) -> None:
    with pytest.raises(SitrepError, match=r"\[E045\].*'shapefile'.*acled"):
        export([], "shapefile", tmp_path / "out.shp")


def test_text_formats_write_to_a_binary_stream_and_leave_it_open() -> None:
    out = io.BytesIO()
    assert export([make_extraction()], "acled", out) == 1
    assert not out.closed
    assert out.getvalue().decode("utf-8").startswith("event_id_cnty,")


def test_parquet_goes_under_a_text_stream_to_its_bytes() -> None:
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    assert export([make_extraction()], "parquet", out) == 1
    assert pq.read_table(io.BytesIO(out.buffer.getvalue())).num_rows == 1


def test_a_large_geojson_export_streams_in_bounded_memory(tmp_path: Path) -> None:
    samples = sample_extractions()  # computed before measuring
    cycles = -(-20_000 // sum(len(e.events) for e in samples))
    # Extractions generated lazily, the same few objects over and over: only the writer
    # could make memory grow.
    stream: Iterator[Extraction] = itertools.chain.from_iterable(itertools.repeat(samples, cycles))
    path = tmp_path / "big.geojson"
    tracemalloc.start()
    try:
        written = export(stream, "geojson", path, ExportFilter(modes=None))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert written >= 20_000
    size = path.stat().st_size
    assert size > 20 * 1024 * 1024  # tens of megabytes on disk ...
    assert peak < 2 * 1024 * 1024, (
        f"peak {peak:,} bytes for a {size:,}-byte file"
    )  # ... not in memory
