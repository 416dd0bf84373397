"""One error shape for every failure, the cost limits, and the security headers on every
kind of response (data, errors, static files, pages)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sitrep.api import create_app
from sitrep.api.middleware import MAX_BODY_BYTES, SECURITY_HEADERS
from sitrep.store.query import encode_cursor
from tests.api.conftest import serving

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'"
)


def assert_error(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert error["status"] == status and error["code"] == code
    assert error["message"].startswith("[E0"), error["message"]
    return error


@pytest.mark.parametrize(
    ("path", "params", "param"),
    [
        ("/api/events", {"limit": 1001}, "limit"),
        ("/api/events", {"limit": 0}, "limit"),
        ("/api/events.geojson", {"limit": 5001}, "limit"),
        ("/api/events", {"country": "IRQ"}, "country.0"),
        ("/api/events", {"event_type": "Picnics"}, "event_type.0"),
        ("/api/events", {"mode": "maybe"}, "mode"),
        ("/api/events", {"date_from": "2024-13-01"}, "date_from"),
        ("/api/events", {"date_from": "2024-02-01", "date_to": "2024-01-01"}, "date_from"),
        ("/api/events", {"min_fatalities": -1}, "min_fatalities"),
        ("/api/events", {"min_fatalities": 2**70}, "min_fatalities"),
        ("/api/events", {"bbox": "1,2,3"}, "bbox"),
        ("/api/events", {"bbox": "0,10,5,nan"}, "bbox"),
        ("/api/events", {"bbox": "0,50,5,40"}, "bbox"),
        ("/api/events", {"bbox": "-200,0,5,10"}, "bbox"),
        ("/api/events", {"cursor": "not-a-cursor"}, "cursor"),
        ("/api/events", {"cursor": encode_cursor(dt.date(2024, 1, 1), 2**64)}, "cursor"),
        ("/api/incidents", {"cursor": "bm9wZQ"}, "cursor"),
        ("/api/timeline", {"bucket": "year"}, "bucket"),
        ("/api/search", {}, "q"),
        ("/api/search", {"q": "a\x00b"}, "q"),
        ("/api/actors", {"q": "x" * 201}, "q"),
    ],
)
def test_bad_parameters_are_422_naming_the_parameter(
    api: httpx.Client, path: str, params: dict, param: str
) -> None:
    error = assert_error(api.get(path, params=params), 422, "validation_error")
    assert param in [detail["param"] for detail in error["details"]]
    assert all(set(detail) == {"param", "location", "message"} for detail in error["details"])


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/events", {"q": "x" * 201}),
        ("/api/events", {"q": " ".join(f"w{n}" for n in range(11))}),
        ("/api/search", {"q": " ".join(f"w{n}" for n in range(11))}),
        ("/api/timeline", {"q": "y" * 500}),
    ],
)
def test_queries_over_the_cost_limits_are_too_expensive(
    api: httpx.Client, path: str, params: dict
) -> None:
    error = assert_error(api.get(path, params=params), 400, "too_expensive")
    assert "limit" in error["message"]


def test_unknown_records_and_paths_are_404(api: httpx.Client) -> None:
    error = assert_error(api.get("/api/incidents/inc:42"), 404, "not_found")
    assert error["message"] == "[E060] No incident 'inc:42'."
    assert_error(api.get("/api/articles/no-such-story"), 404, "not_found")
    assert_error(api.get("/api/nothing-here"), 404, "not_found")
    assert_error(api.get("/static/no-such-file.js"), 404, "not_found")


def test_wrong_method_is_405(api: httpx.Client) -> None:
    error = assert_error(api.delete("/api/events"), 405, "method_not_allowed")
    assert "DELETE" in error["message"]
    assert_error(api.put("/api/articles", json={}), 405, "method_not_allowed")


def test_a_body_over_the_limit_is_413(writable: httpx.Client) -> None:
    headers = {"Authorization": "Bearer test-token-0123456789", "content-type": "application/json"}
    body = b'{"text": "' + b"x" * MAX_BODY_BYTES + b'"}'
    declared = writable.post("/api/articles", content=body, headers=headers)
    assert (
        "a body of 10,000,012 bytes" in assert_error(declared, 413, "payload_too_large")["message"]
    )

    def chunked() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield body[: len(body) // 2]
        yield body[len(body) // 2 :]

    streamed = writable.post("/api/articles", content=chunked(), headers=headers)
    assert "a chunked body" in assert_error(streamed, 413, "payload_too_large")["message"]


def test_an_unexpected_failure_is_a_json_500_with_the_headers(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    app = create_app(str(path))
    with sqlite3.connect(path) as connection:  # the store's table vanishes under the server
        connection.execute("DROP TABLE events")
    with serving(app) as url, httpx.Client(base_url=url) as client:
        response = client.get("/api/events")
        error = assert_error(response, 500, "internal")
        assert "GET /api/events" in error["message"]
        assert response.headers["content-security-policy"] == CSP
        assert client.get("/api/health").status_code == 500


@pytest.mark.parametrize(
    "path",
    [
        "/api/health",
        "/api/events.geojson",
        "/api/nope",
        "/api/events?limit=0",
        "/openapi.json",
        "/docs",
        "/docs/static/docs-init.js",
        "/static/vendor/swagger-ui/swagger-ui.css",
    ],
)
def test_every_response_carries_the_security_headers(api: httpx.Client, path: str) -> None:
    response = api.get(path)
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert SECURITY_HEADERS["Content-Security-Policy"] == CSP
