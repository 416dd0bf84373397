"""Schemathesis against /openapi.json on the live sample server: no generated request,
valid or not, gets a 500, and every answer matches what the spec says of it.

Each operation gets its own Hypothesis run (schemathesis' lazy pytest loader does not
work with this pytest), positive and negative data, 20 examples each.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.test_pages import ENDPOINTS

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="session")
def api_schema(api_url: str) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{api_url}/openapi.json")


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
@pytest.mark.parametrize(("method", "path"), sorted(ENDPOINTS))
def test_generated_requests(
    api_schema: schemathesis.BaseSchema, method: str, path: str, mode: GenerationMode
) -> None:
    operation = api_schema[path][method.upper()]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(checks=CHECKS, timeout=30)

    try:
        run()
    except Unsatisfiable:
        # Nothing invalid can be written for some operations (a path parameter whose only
        # rule is "not empty"): there is no negative case to send.
        assert mode == GenerationMode.NEGATIVE
