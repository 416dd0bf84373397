"""The main list endpoints on a PostgreSQL store answer what they answer on SQLite."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.api.conftest import all_pages


@pytest.fixture
def pg_api(pg_api_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=pg_api_url, timeout=30) as client:
        yield client


PAGED = [
    ("/api/events", {"mode": "any", "limit": 9}),
    ("/api/events", {"country": ["IQ", "SY"], "min_fatalities": 1}),
    ("/api/events", {"actor": "forces", "date_from": "2022-01-01", "main_only": "true"}),
    ("/api/events", {"q": "drone", "outlet": "Reuters"}),
    ("/api/events.geojson", {"bbox": "38.8,29.0,48.6,37.4", "limit": 4}),
    ("/api/events.geojson", {"bbox": "30,-60,-150,60", "mode": "any"}),  # across 180°
    ("/api/incidents", {"limit": 8}),
    ("/api/incidents", {"country": "IQ", "q": "rocket"}),
]


@pytest.mark.parametrize(("path", "params"), PAGED)
def test_pages_agree_with_sqlite(
    api: httpx.Client, pg_api: httpx.Client, path: str, params: dict
) -> None:
    on_sqlite = all_pages(api, path, params)
    assert on_sqlite, "a filter that keeps nothing compares nothing"
    assert all_pages(pg_api, path, params) == on_sqlite


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/timeline", {"bucket": "week", "mode": "any"}),
        ("/api/timeline", {"bucket": "month", "event_type": "Battles"}),
        ("/api/actors", {"q": "iraq"}),
        ("/api/outlets", {}),
        ("/api/facets", {}),
        ("/api/search", {"q": "killed", "limit": 100}),
    ],
)
def test_summaries_agree_with_sqlite(
    api: httpx.Client, pg_api: httpx.Client, path: str, params: dict
) -> None:
    on_pg, on_sqlite = pg_api.get(path, params=params), api.get(path, params=params)
    assert on_pg.status_code == on_sqlite.status_code == 200
    if path == "/api/search":  # ranking and snippets are each backend's own: same stories
        stories = [{hit["article_id"] for hit in r.json()["items"]} for r in (on_pg, on_sqlite)]
        assert stories[0] and stories[0] == stories[1]
        return
    assert on_pg.json() == on_sqlite.json()


def test_health_names_the_backend(api: httpx.Client, pg_api: httpx.Client) -> None:
    pg, sqlite = pg_api.get("/api/health").json(), api.get("/api/health").json()
    assert (pg["store"], sqlite["store"]) == ("postgresql", "sqlite")
    assert (pg["articles"], pg["events"]) == (sqlite["articles"], sqlite["events"])
