"""Exports: event records in the formats analysts already use, streamed from any iterable.

``export(extractions, "acled", Path("events.csv"))`` writes one ACLED-style row per
asserted event; pass an :class:`ExportFilter` to choose dates, countries, types, an area
or other modes. Every writer streams: memory holds one record (or one Parquet row group),
never the whole output.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..errors import Errors, SitrepError
from ..model import Extraction
from . import acled_csv, geojson, gtd_csv, jsonl, parquet
from .fields import EventPair, pairs
from .filters import ExportFilter

__all__ = ["FORMATS", "ExportFilter", "Format", "export"]


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    binary: bool
    description: str
    write_events: Callable[[Iterable[EventPair], IO], int] | None = None


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("acled", ".csv", False, "ACLED-style CSV, one row per event", acled_csv.write),
        Format("gtd", ".csv", False, "GTD-style CSV, one row per event", gtd_csv.write),
        Format("geojson", ".geojson", False, "GeoJSON FeatureCollection", geojson.write),
        Format("parquet", ".parquet", True, "flat Parquet event table", parquet.write),
        Format("jsonl", ".jsonl", False, "one whole Extraction per line"),
    )
}


def export(
    extractions: Iterable[Extraction],
    fmt: str,
    out: Path | str | IO,
    filters: ExportFilter | None = None,
) -> int:
    """Write the events of ``extractions`` that pass ``filters`` to ``out`` in format ``fmt``.

    ``out`` is a path (created, parents too) or an open stream, text or binary. ``filters``
    defaults to ``ExportFilter()``: asserted events only. Returns the rows written (events;
    stories for ``jsonl``). Raises SitrepError (E045) for an unknown format.
    """
    chosen = FORMATS.get(fmt)
    if chosen is None:
        raise SitrepError(Errors.E045.format(fmt=fmt, known=", ".join(FORMATS)))
    filters = filters or ExportFilter()
    if isinstance(out, str | Path):
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        if chosen.binary:
            with path.open("wb") as stream:
                return _write(chosen, extractions, stream, filters)
        with path.open("w", encoding="utf-8", newline="") as stream:
            return _write(chosen, extractions, stream, filters)
    if chosen.binary:
        # A text stream (sys.stdout) carries its bytes underneath.
        return _write(chosen, extractions, getattr(out, "buffer", out), filters)
    if isinstance(out, io.RawIOBase | io.BufferedIOBase):
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        try:
            return _write(chosen, extractions, text, filters)
        finally:
            text.detach()  # leave the caller's stream open
    return _write(chosen, extractions, out, filters)


def _write(
    chosen: Format, extractions: Iterable[Extraction], out: IO, filters: ExportFilter
) -> int:
    if chosen.write_events is None:
        return jsonl.write(extractions, out, filters)
    kept = (pair for pair in pairs(extractions) if filters.matches(pair[1]))
    return chosen.write_events(kept, out)
