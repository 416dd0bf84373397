"""Evaluation against the shared gold data: load, score, report, gate.

``evaluate_dataset`` runs the pipeline over a gold file and returns a report dict;
``render_report`` draws it; ``check_floors`` / ``raise_floors`` are the regression gate.
All of them share the one scorer in :mod:`sitrep.evaluate.scoring`, which builds on
:mod:`.normalise` (names, places, vocabularies), :mod:`.fields` (the field table and its
comparisons) and :mod:`.matching` (which predicted event each gold event is scored against).
"""

from __future__ import annotations

from .datasets import Dataset, GoldRecord, load_dataset, shared_data_dir
from .gate import check_floors, raise_floors
from .matching import match_events
from .normalise import actor_names_match, haversine_km
from .report import evaluate_dataset, render_report, save_report
from .scoring import Scorer

__all__ = [
    "Dataset",
    "GoldRecord",
    "Scorer",
    "actor_names_match",
    "check_floors",
    "evaluate_dataset",
    "haversine_km",
    "load_dataset",
    "match_events",
    "raise_floors",
    "render_report",
    "save_report",
    "shared_data_dir",
]
