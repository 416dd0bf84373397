"""JSONL: whole Extractions, one per line, that read back equal to what was written."""

from __future__ import annotations

from pathlib import Path

from sitrep.exports import ExportFilter, export
from sitrep.model import Extraction
from tests.examples import sample_extractions

from .records import make_extraction


def test_lines_read_back_equal_to_the_input(tmp_path: Path) -> None:
    extractions = sample_extractions()
    path = tmp_path / "out.jsonl"
    assert export(extractions, "jsonl", path, ExportFilter(modes=None)) == len(extractions)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [Extraction.model_validate_json(line) for line in lines] == extractions


def test_a_story_is_kept_whole_when_any_event_passes(tmp_path: Path) -> None:
    story = make_extraction()
    story = story.model_copy(
        update={"events": [*story.events, make_extraction("E2", mode="negated").events[0]]}
    )
    only_negated = make_extraction(mode="negated")
    path = tmp_path / "out.jsonl"
    assert export([story, only_negated], "jsonl", path) == 1
    [kept] = [Extraction.model_validate_json(line) for line in path.read_text().splitlines()]
    assert [event.id for event in kept.events] == ["E1", "E2"]  # the negated event stays
