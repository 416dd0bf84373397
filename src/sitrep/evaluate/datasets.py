"""Load and check a gold dataset in the shared record format (``../shared/data``).

The data is read where it lies and never copied. A file is checked line by line on
load: a malformed line is skipped with its reason and counted, so a report can say how
much of the corpus it actually scored. The corpus SHA-256 (of the file's bytes) pins the
exact data a set of floors was measured on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Errors, SitrepError
from ..model import Article

SHARED_DATA_ENV = "SITREP_SHARED_DATA"
# How many skipped-line reasons a Dataset keeps verbatim (all are counted).
MAX_SKIP_REASONS = 50


def shared_data_dir() -> Path | None:
    """The shared reference-data folder, or None when it is absent.

    ``$SITREP_SHARED_DATA`` wins when set; otherwise ``<repository root>/../shared/data``.
    """
    env = os.environ.get(SHARED_DATA_ENV)
    if env:
        path = Path(env).expanduser()
        return path if path.is_dir() else None
    repo_root = Path(__file__).resolve().parents[3]
    path = (repo_root / ".." / "shared" / "data").resolve()
    return path if path.is_dir() else None


@dataclass(frozen=True)
class GoldRecord:
    """One record of a gold file: the text given to the system and its gold events."""

    id: str
    text: str
    events: list[dict[str, Any]]
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    line: int = 0

    def article(self) -> Article:
        """The record as the :class:`~sitrep.model.Article` the pipeline reads."""
        return Article(
            id=self.id,
            title=self.title,
            text=self.text,
            published=self.published,
            outlet=self.source,
        )


@dataclass
class Dataset:
    """The valid records of one gold file, with what was skipped and the corpus hash."""

    name: str
    path: Path
    sha256: str
    records: list[GoldRecord]
    skipped: int = 0
    skip_reasons: list[dict[str, Any]] = field(default_factory=list)

    def select(self, *, limit: int | None = None, sample: int | None = None) -> list[GoldRecord]:
        """The records to evaluate: the first ``limit``, then ``sample`` spread evenly.

        ``sample`` picks indices ``floor(i * total / sample)`` for ``i < sample``, so the
        same file and sample size always give the same records.
        """
        chosen = self.records
        if limit is not None:
            if limit < 0:
                raise SitrepError(Errors.E014.format(source=self.path, reason=f"limit {limit} < 0"))
            chosen = chosen[:limit]
        if sample is not None:
            if sample <= 0:
                raise SitrepError(
                    Errors.E014.format(source=self.path, reason=f"sample must be > 0, not {sample}")
                )
            total = len(chosen)
            if sample < total:
                chosen = [chosen[(i * total) // sample] for i in range(sample)]
        return chosen


def _parse_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"'published' must be YYYY-MM-DD or null, not {value!r}")
    return dt.date.fromisoformat(value)


def _check_record(obj: Any, seen: set[str], index: int) -> GoldRecord:
    """A GoldRecord from one parsed line; ValueError says why the line cannot be used."""
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("record has no non-empty 'text'")
    gold = obj.get("gold")
    events = gold.get("events") if isinstance(gold, dict) else None
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        raise ValueError("record has no 'gold.events' list of objects")
    record_id = obj.get("id")
    record_id = str(record_id) if record_id is not None else f"line:{index}"
    if record_id in seen:
        raise ValueError(f"duplicate id {record_id!r}")
    title = obj.get("title")
    source = obj.get("source")
    if isinstance(source, list):
        source = "; ".join(str(s) for s in source)
    return GoldRecord(
        id=record_id,
        text=text,
        events=events,
        title=title if isinstance(title, str) else None,
        published=_parse_date(obj.get("published")),
        source=source if isinstance(source, str) else None,
        line=index,
    )


def load_dataset(path: Path | str, *, name: str | None = None) -> Dataset:
    """Read and check a JSONL gold file (or a ``.json`` file holding one record or a list).

    Malformed lines and unusable records are skipped, counted and their reasons kept.
    Raises SitrepError (E014) for a missing or unreadable file, or one with no usable record.
    """
    path = Path(path)
    if not path.is_file():
        raise SitrepError(Errors.E014.format(source=path, reason="no such file"))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SitrepError(
            Errors.E014.format(source=path, reason=f"cannot read it ({exc})")
        ) from exc
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SitrepError(Errors.E014.format(source=path, reason=f"not UTF-8 ({exc})")) from exc

    dataset = Dataset(name=name or path.stem, path=path, sha256=sha256, records=[])
    seen: set[str] = set()

    def skip(line: int, reason: str) -> None:
        dataset.skipped += 1
        if len(dataset.skip_reasons) < MAX_SKIP_REASONS:
            dataset.skip_reasons.append({"line": line, "reason": reason})

    def add(obj: Any, line: int) -> None:
        try:
            record = _check_record(obj, seen, line)
        except ValueError as exc:
            skip(line, str(exc))
            return
        seen.add(record.id)
        dataset.records.append(record)

    if path.suffix == ".json":
        try:
            obj = json.loads(content)
        except json.JSONDecodeError as exc:
            raise SitrepError(
                Errors.E014.format(source=path, reason=f"not valid JSON ({exc})")
            ) from exc
        for index, item in enumerate(obj if isinstance(obj, list) else [obj], start=1):
            add(item, index)
    else:
        for number, line in enumerate(content.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                skip(number, f"not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            add(obj, number)

    if not dataset.records:
        reason = "no usable records"
        if dataset.skipped:
            first = dataset.skip_reasons[0]
            reason += (
                f" ({dataset.skipped} line(s) skipped; line {first['line']}: {first['reason']})"
            )
        else:
            reason += " (the file is empty)"
        raise SitrepError(Errors.E014.format(source=path, reason=reason))
    return dataset
