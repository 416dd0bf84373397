"""Resources the stages look things up in: built from package data plus our curated files.

Built artefacts live in ``built/`` (git-ignored) and are made by
``python -m sitrep.resources.build``. Loaders are lazy and cached: importing this package
loads nothing.
"""

from __future__ import annotations

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
