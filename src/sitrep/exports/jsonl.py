"""JSON Lines: one whole Extraction per line, the lossless form (``model_dump_json``).

A story is written when any of its events passes the filter, and then whole: its events,
mentions, attributions and notes stay together, so every line reads back with
``Extraction.model_validate_json``. An open filter (``ExportFilter(modes=None)``) writes
every story, those with no events too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ..model import Extraction
from .filters import ExportFilter


def write(extractions: Iterable[Extraction], out: TextIO, filters: ExportFilter) -> int:
    """Write each kept extraction as one line of JSON; returns the number of lines."""
    keep_all = filters.is_open
    count = 0
    for extraction in extractions:
        if keep_all or any(filters.matches(event) for event in extraction.events):
            out.write(extraction.model_dump_json())
            out.write("\n")
            count += 1
    return count
