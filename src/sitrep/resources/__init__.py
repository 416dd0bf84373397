"""Resources the stages look things up in: built from package data plus our curated files.

Built artefacts live in ``built/`` (git-ignored) and are made by
``python -m sitrep.resources.build``. Loaders are lazy and cached: importing this package
loads nothing.
"""

from __future__ import annotations

import csv
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
BUILT_DIR = PACKAGE_DIR / "built"


def data_path(name: str) -> Path:
    """Path of a curated data file shipped with the package."""
    return DATA_DIR / name


def built_path(name: str) -> Path:
    """Path where the built artefact ``name`` lives."""
    return BUILT_DIR / name


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header line; blank lines and lines starting
    with "#" (notes on the data and its sources) are skipped."""
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
