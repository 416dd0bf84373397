"""/docs in Chromium: Swagger UI, served from the package, renders every operation of the
spec with no request leaving 127.0.0.1 and nothing refused by the Content-Security-Policy."""

from __future__ import annotations

import httpx

from tests.api.test_pages import ENDPOINTS
from tests.web.conftest import Recorder


def test_swagger_ui_lists_every_operation_offline(browse: Recorder, api: httpx.Client) -> None:
    spec = api.get("/openapi.json").json()
    in_spec = {(method, path) for path, item in spec["paths"].items() for method in item}
    page = browse.page
    browse.goto("/docs")
    page.wait_for_selector("#swagger-ui .opblock")
    page.wait_for_function(
        "n => document.querySelectorAll('#swagger-ui .opblock').length >= n", arg=len(in_spec)
    )
    listed = page.eval_on_selector_all(
        "#swagger-ui .opblock",
        """blocks => blocks.map(block => [
          block.querySelector('.opblock-summary-method').textContent.toLowerCase(),
          block.querySelector('.opblock-summary-path').dataset.path])""",
    )
    shown = {(method, path) for method, path in listed}
    assert len(shown) == len(listed), "an operation is listed twice"
    assert shown >= ENDPOINTS
    assert shown == in_spec
    # The spec came from this server, and so did every script and stylesheet.
    assert any(url.endswith("/openapi.json") for url in browse.requests)
    assert any(url.endswith("swagger-ui-bundle.js") for url in browse.requests)
    # Opening an operation renders its parameters from the spec: the shared filters.
    incidents = page.locator(
        "#swagger-ui .opblock-get",
        has=page.locator(".opblock-summary-path[data-path='/api/incidents']"),
    )
    incidents.locator(".opblock-summary").first.click()
    page.wait_for_selector(".opblock-get.is-open .parameters .parameter__name")
    names = {
        name.split()[0].rstrip("*")
        for name in incidents.locator(".parameter__name").all_inner_texts()
    }
    documented = {p["name"] for p in spec["paths"]["/api/incidents"]["get"]["parameters"]}
    assert {"date_from", "bbox", "country", "q", "main_only"} <= names == documented
    browse.shot("docs")
    browse.assert_clean()
