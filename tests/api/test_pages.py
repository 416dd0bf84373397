"""/docs (Swagger UI from the package), /openapi.json and the dashboard's pages."""

from __future__ import annotations

import re

import httpx
import pytest

from sitrep.api.pages import DASHBOARD

ASSET = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")
ENDPOINTS = {
    ("get", "/api/health"),
    ("get", "/api/events"),
    ("get", "/api/events.geojson"),
    ("get", "/api/timeline"),
    ("get", "/api/incidents"),
    ("get", "/api/incidents/{incident_id}"),
    ("get", "/api/articles/{article_id}"),
    ("get", "/api/search"),
    ("get", "/api/actors"),
    ("get", "/api/outlets"),
    ("get", "/api/facets"),
    ("post", "/api/articles"),
}


def test_docs_page_loads_only_local_assets(api: httpx.Client) -> None:
    response = api.get("/docs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "<script>" not in html.replace(" ", ""), "the CSP forbids inline scripts"
    assets = ASSET.findall(html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    assert any(a.endswith("docs-init.js") for a in assets)
    assert not re.search(r"https?://", html), "no asset from another host"
    for asset in assets:
        fetched = api.get(asset)
        assert fetched.status_code == 200, asset
        assert fetched.content, asset
    init = api.get("/docs/static/docs-init.js").text
    assert '"/openapi.json"' in init and "validatorUrl: null" in init


def test_openapi_spec_lists_every_endpoint(api: httpx.Client) -> None:
    spec = api.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    found = {(method, path) for path, item in spec["paths"].items() for method in item}
    assert found == ENDPOINTS
    post = spec["paths"]["/api/articles"]["post"]
    assert post["security"] == [{"HTTPBearer": []}]
    assert {"201", "401", "422"} <= set(post["responses"])
    geojson = spec["paths"]["/api/events.geojson"]["get"]["responses"]["200"]["content"]
    assert list(geojson) == ["application/geo+json"]


@pytest.mark.parametrize("path", ["/", "/incident/inc:abc", "/article/ex:001-some/story"])
def test_dashboard_paths_serve_its_page(api: httpx.Client, path: str) -> None:
    if not DASHBOARD.is_file():
        pytest.skip(f"{DASHBOARD} is not written yet (the dashboard)")
    response = api.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text == DASHBOARD.read_text(encoding="utf-8")
