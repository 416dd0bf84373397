"""Shared fixtures: the reference data folder, skipped loudly where it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitrep.evaluate.datasets import shared_data_dir


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = shared_data_dir()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("../shared/data not found: CI must run with the reference data beside it")
        pytest.skip(
            "../shared/data not found: reference-data tests need it (set SITREP_SHARED_DATA)"
        )
    return path
