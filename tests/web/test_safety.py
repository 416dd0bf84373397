"""Untrusted text stays text, and the dashboard never reaches past 127.0.0.1."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import httpx

from tests.api.conftest import all_pages
from tests.web.conftest import XSS, XSS_IMG, XSS_LINK, Recorder


def assert_not_run(browse: Recorder) -> None:
    page = browse.page
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#app script, #app img, #app a[href^='javascript']").count() == 0


def test_story_markup_is_shown_as_text_and_never_runs(browse: Recorder) -> None:
    page = browse.page
    browse.goto("/article/web:xss")
    page.wait_for_selector("#story-text mark.ev")
    text = page.locator("#story-text").inner_text()
    assert XSS in text and XSS_IMG in text and XSS_LINK in text
    assert XSS_IMG in page.locator("#article-title").inner_text()
    assert f"{XSS} Wire" in page.locator(".article-meta").inner_text()
    # The javascript: URL of the original is not made a link.
    assert page.locator(".article-meta a").count() == 0
    assert_not_run(browse)
    browse.shot("xss-article")
    # The same story through search results and the event list.
    page.fill("#search-input", "Kismayo")
    page.press("#search-input", "Enter")
    page.wait_for_selector("#search-results li")
    assert XSS_IMG in page.locator("#search-results").inner_text()
    page.click("#tab-events")
    page.wait_for_selector("#list-panel[data-state='ready'] #event-list")
    assert page.locator(".site-nav a[aria-current='page']").inner_text() == "Map"
    assert_not_run(browse)
    browse.assert_clean()


def test_no_request_leaves_127_0_0_1_on_any_view(browse: Recorder, api: httpx.Client) -> None:
    incident = api.get("/api/incidents", params={"limit": 1}).json()["items"][0]
    page = browse.page
    browse.goto("/")
    page.wait_for_selector("#map[data-basemap='ready']")
    page.wait_for_selector("#map-status[data-state='ready']")
    page.wait_for_selector("#timeline[data-state='ready']")
    page.click("#tab-incidents")
    page.wait_for_selector("#incident-list li")
    browse.goto(f"/incident/{incident['id']}")
    page.wait_for_selector(".source-column")
    browse.goto("/article/ex:001-alqaim-drone-reuters")
    page.wait_for_selector("#story-text mark.ev")
    browse.goto("/?view=search&q=drone")
    page.wait_for_selector("#search-results li")
    assert any("/api/events.geojson" in url for url in browse.requests)
    assert any("countries-50m.json" in url for url in browse.requests)
    browse.assert_clean()


def test_hostile_story_in_its_incident_view_and_its_map_popup_never_runs(
    browse: Recorder, api: httpx.Client
) -> None:
    outlet = f"{XSS} Wire"
    rows = all_pages(api, "/api/events", {"outlet": outlet})
    assert {row["article_id"] for row in rows} == {"web:xss"}
    incident_id = next(row["incident_id"] for row in rows if row["incident_id"])
    page = browse.page
    browse.goto(f"/incident/{quote(incident_id, safe='')}")
    page.wait_for_selector(".source-column")
    column = page.locator(".source-column", has=page.locator("h3.outlet", has_text=outlet))
    assert column.count() == 1
    assert XSS_IMG in column.locator(".source-title").inner_text()
    assert_not_run(browse)
    browse.shot("xss-incident")
    # The same story's event on the map: filtered to its outlet, one marker; its popup.
    browse.goto(f"/?{urlencode({'outlet': outlet})}")
    page.wait_for_selector("#map[data-basemap='ready']")
    page.wait_for_function(
        """() => { const s = document.querySelector('#map-status');
        return s.dataset.state === 'ready' && +s.dataset.points === 1; }"""
    )
    page.locator(".ev-marker").dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert outlet in popup.inner_text()
    assert popup.locator("a[href^='/article/web%3Axss']").count() == 1
    page.wait_for_selector("#list-panel[data-state='ready'] #event-list")
    assert outlet in page.locator("#event-list").inner_text()
    assert_not_run(browse)
    browse.shot("xss-popup")
    browse.assert_clean()
