"""Input shards for a batch: which files, cut into runs of records a worker reads alone.

Planning happens on the client and touches little: a JSONL file is scanned once for line
starts (so a worker seeks straight to its shard), a Parquet file only has its footer read.
A worker then reads its shard through the same record reader as ``sitrep extract``, so a
bad line becomes an InputError naming file and line, never a failed batch.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import Errors, InputError
from ..model import Article
from ..readers.jsonl import record_to_article
from ..readers.text import decode, line_limit
from ..settings import Settings

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
# The reference record format; other columns of a Parquet input are not read.
RECORD_COLUMNS = ("id", "title", "text", "published", "source", "outlet", "url", "language")
_SCAN_BYTES = 1 << 20


@dataclass(frozen=True)
class Shard:
    """Records ``first`` .. ``first + count - 1`` (1-based lines or rows) of one file."""

    path: str
    kind: str  # "jsonl" or "parquet"
    first: int
    count: int
    offset: int = 0  # byte offset of line ``first`` (JSONL)

    @property
    def label(self) -> str:
        unit = "lines" if self.kind == "jsonl" else "rows"
        return f"{self.path}, {unit} {self.first}-{self.first + self.count - 1}"


def find_inputs(patterns: str | Iterable[str]) -> list[Path]:
    """Files matching each glob pattern (``**`` recurses), sorted, each once.

    Raises InputError (E040) when a pattern matches nothing.
    """
    found: dict[Path, None] = {}
    for pattern in [patterns] if isinstance(patterns, str) else patterns:
        matches = sorted(Path(p) for p in glob.glob(pattern, recursive=True) if Path(p).is_file())
        if not matches:
            raise InputError(Errors.E040.format(pattern=pattern))
        found.update(dict.fromkeys(matches))
    return list(found)


def plan(
    paths: Iterable[Path], shard_size: int
) -> tuple[list[Shard], list[tuple[Path, InputError]]]:
    """Cut every file into shards of at most ``shard_size`` records.

    A file that cannot be planned (unknown format, unreadable Parquet) is returned with its
    InputError and the others are still planned.
    """
    shards: list[Shard] = []
    problems: list[tuple[Path, InputError]] = []
    for path in paths:
        suffix = path.suffix.lower()
        try:
            if suffix in JSONL_SUFFIXES:
                shards.extend(_plan_jsonl(path, shard_size))
            elif suffix in PARQUET_SUFFIXES:
                shards.extend(_plan_parquet(path, shard_size))
            else:
                raise InputError(Errors.E041.format(source=path, suffix=suffix or path.name))
        except InputError as problem:
            problems.append((path, problem))
        except OSError as exc:
            reason = exc.strerror or str(exc)
            problems.append((path, InputError(Errors.E013.format(source=path, reason=reason))))
    return shards, problems


def _plan_jsonl(path: Path, shard_size: int) -> Iterator[Shard]:
    """Shards of ``shard_size`` lines; one pass over the bytes records where each begins."""
    first, offset, lines, position, last_byte = 1, 0, 0, 0, b""
    with path.open("rb") as stream:
        while chunk := stream.read(_SCAN_BYTES):
            start = 0
            while (newline := chunk.find(b"\n", start)) != -1:
                lines += 1
                start = newline + 1
                if lines == shard_size:
                    yield Shard(str(path), "jsonl", first, lines, offset)
                    first, offset, lines = first + lines, position + start, 0
            position += len(chunk)
            last_byte = chunk[-1:]
    if position > offset:  # lines after the last full shard (the last may lack a newline)
        yield Shard(str(path), "jsonl", first, lines + (last_byte != b"\n"), offset)


def _plan_parquet(path: Path, shard_size: int) -> Iterator[Shard]:
    import pyarrow.parquet as pq

    try:
        parquet_file = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        raise InputError(Errors.E042.format(source=path, reason=exc)) from exc
    names = parquet_file.schema_arrow.names
    if "text" not in names:
        raise InputError(Errors.E043.format(source=path, columns=", ".join(names) or "none"))
    rows = parquet_file.metadata.num_rows
    for first in range(1, rows + 1, shard_size):
        yield Shard(str(path), "parquet", first, min(shard_size, rows - first + 1))


def read(shard: Shard, settings: Settings) -> Iterator[tuple[int, Article | InputError]]:
    """(line or row number, Article) for each record, or an InputError naming file and line."""
    records = _jsonl_records(shard, settings) if shard.kind == "jsonl" else _parquet_rows(shard)
    limit = settings.text.max_article_chars
    for number, record in records:
        if isinstance(record, InputError):
            yield number, record
            continue
        try:
            yield number, record_to_article(record, shard.path, number, published=None, limit=limit)
        except InputError as problem:
            yield number, problem


def _jsonl_records(shard: Shard, settings: Settings) -> Iterator[tuple[int, dict | InputError]]:
    limit = line_limit(settings)
    with open(shard.path, "rb") as stream:
        stream.seek(shard.offset)
        for number in range(shard.first, shard.first + shard.count):
            source = f"{shard.path}, line {number}"
            raw = stream.readline(limit * 4 + 1)
            if len(raw) > limit * 4 and not raw.endswith(b"\n"):
                size = len(raw) + _skip_line(stream)
                yield (
                    number,
                    InputError(Errors.E008.format(source=source, size=size, limit=limit)),
                )
                continue
            if not raw.strip():
                continue
            try:
                yield number, json.loads(decode(raw, source, limit=limit))
            except InputError as problem:
                yield number, problem
            except json.JSONDecodeError as exc:
                yield (
                    number,
                    InputError(Errors.E010.format(source=shard.path, line=number, reason=exc.msg)),
                )


def _skip_line(stream: BinaryIO) -> int:
    """Read past the rest of an over-long line, a block at a time; returns the bytes skipped."""
    skipped = 0
    while block := stream.readline(_SCAN_BYTES):
        skipped += len(block)
        if block.endswith(b"\n"):
            break
    return skipped


def _parquet_rows(shard: Shard) -> Iterator[tuple[int, dict | InputError]]:
    """Rows ``first`` .. of the shard, reading only the row groups that hold them."""
    import pyarrow.parquet as pq

    parquet_file = pq.ParquetFile(shard.path)
    columns = [name for name in RECORD_COLUMNS if name in parquet_file.schema_arrow.names]
    start, stop = shard.first - 1, shard.first - 1 + shard.count  # 0-based, half-open
    group_start = 0
    for group in range(parquet_file.metadata.num_row_groups):
        group_stop = group_start + parquet_file.metadata.row_group(group).num_rows
        if group_stop > start and group_start < stop:
            low, high = max(start, group_start), min(stop, group_stop)
            try:
                table = parquet_file.read_row_group(group, columns=columns)
            except Exception as exc:  # a damaged row group loses its rows, not the batch
                problem = InputError(
                    Errors.E042.format(source=f"{shard.path}, rows {low + 1}-{high}", reason=exc)
                )
                yield low + 1, problem
            else:
                rows = table.slice(low - group_start, high - low).to_pylist()
                yield from enumerate(rows, low + 1)
        group_start = group_stop
