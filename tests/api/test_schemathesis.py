"""Schemathesis against /openapi.json on the live sample server: no generated request,
valid or not, gets a 500, and every answer matches what the spec says of it.

Each operation gets its own Hypothesis run (schemathesis' lazy pytest loader does not
work with this pytest), positive and negative data, 20 examples each. POST /api/articles
is also run with the right bearer token against a writable server, so that generated
stories get past the token check into validation, extraction and storage.
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
from schemathesis.core.parameters import ParameterLocation

from tests.api.conftest import TOKEN
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


@pytest.fixture(scope="module")
def writable_schema(writable_url: str) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{writable_url}/openapi.json")


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
def test_generated_posts_with_the_token(
    writable_schema: schemathesis.BaseSchema, mode: GenerationMode
) -> None:
    operation = writable_schema["/api/articles"]["POST"]
    # (status, whether the token was sent, where a negative case broke the schema)
    answers: list[tuple[int, bool, object]] = []
    # Negative cases that were stored although they broke more than the header: each with
    # what broke and the body sent, so that a rare failure shows its example.
    stored_broken: list[tuple[str | None, object]] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
    def run(case: schemathesis.Case) -> None:
        headers = {"Authorization": f"Bearer {TOKEN}"}
        response = case.call_and_validate(headers=headers, checks=CHECKS, timeout=60)
        sent = response.request.headers.get("Authorization") == headers["Authorization"]
        broken = getattr(case.meta.phase.data, "parameter_location", None)
        answers.append((response.status_code, sent, broken))
        stored = response.status_code == 201 and mode == GenerationMode.NEGATIVE
        if stored and broken != ParameterLocation.HEADER:
            stored_broken.append((case.meta.phase.data.description, case.body))

    run()
    with_token = [status for status, sent, _ in answers if sent]
    # Negative cases may leave the Authorization header out on purpose (a missing
    # security parameter): only those are 401; the token, when sent, is always taken.
    assert with_token and 401 not in with_token, answers
    assert all(status == 401 for status, sent, _ in answers if not sent), answers
    if mode == GenerationMode.POSITIVE:
        assert len(with_token) == len(answers)
        assert 201 in with_token, answers  # generated stories were extracted and stored
    else:
        # A body that breaks the schema is never stored; a case that broke only the
        # Authorization header (replaced by the right token here) may be.
        assert any(status in (400, 422) for status in with_token), answers
        assert not stored_broken, stored_broken
