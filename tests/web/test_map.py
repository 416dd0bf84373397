"""The map page: basemap, events drawn by precision, filters, the timeline brush."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx

from tests.api.conftest import all_pages
from tests.web.conftest import Recorder

AREA_PRECISIONS = {"admin2", "admin1", "country"}
BATTLES_COLOR = "rgb(213, 94, 0)"  # colors.js TYPE_COLORS.Battles, #d55e00


def wait_for_map(browse: Recorder) -> dict:
    """Wait until the basemap and the events are drawn; the map's counts, as numbers."""
    page = browse.page
    page.wait_for_selector("#map[data-basemap='ready']")
    page.wait_for_selector("#map-status[data-state='ready']")
    page.wait_for_function("document.querySelectorAll('.ev-marker, .ev-cluster').length > 0")
    data = page.eval_on_selector("#map-status", "el => ({...el.dataset})")
    return {key: int(data[key]) for key in ("points", "areas", "unplaced")}


def wait_for_points(browse: Recorder, count: int) -> None:
    """Wait until the markers drawn (single ones, plus the counts on cluster icons) are
    ``count``: clusters re-form after each zoom, so the sum settles a moment later."""
    browse.page.wait_for_function(
        """n => document.querySelectorAll('.ev-marker').length + [...document.querySelectorAll(
        '.ev-cluster span')].reduce((sum, s) => sum + Number(s.textContent), 0) === n""",
        arg=count,
    )


def wait_for_total(browse: Recorder, count: int) -> None:
    """Wait until the map has drawn ``count`` events (points, areas and unplaced)."""
    browse.page.wait_for_function(
        """n => { const s = document.querySelector('#map-status'); return s.dataset.state
        === 'ready' && +s.dataset.points + +s.dataset.areas + +s.dataset.unplaced === n; }""",
        arg=count,
    )


def expected(api: httpx.Client, **params: str) -> dict:
    features = all_pages(api, "/api/events.geojson", {"limit": 5000, **params})
    located = [f for f in features if f["geometry"] is not None]
    return {
        "total": len(features),
        "points": sum(f["properties"]["precision"] not in AREA_PRECISIONS for f in located),
    }


def test_map_draws_the_offline_basemap_and_every_event_by_its_precision(
    browse: Recorder, api: httpx.Client
) -> None:
    browse.goto("/")
    counts = wait_for_map(browse)
    page = browse.page
    assert page.locator("path.basemap-country").count() > 200
    want = expected(api)
    assert counts["points"] + counts["areas"] + counts["unplaced"] == want["total"]
    # Only events placed at or near a town are markers; coarser ones are areas, never pins.
    assert counts["points"] == want["points"]
    wait_for_points(browse, counts["points"])
    assert page.locator("path.ev-area").count() == counts["areas"] > 0
    assert page.locator("path.ev-area.prec-country").count() > 0
    # Online tiles are opt-in (sitrep serve --online-tiles): not offered, none requested.
    assert page.locator(".leaflet-control-layers").count() == 1
    assert page.get_by_label("online tiles").count() == 0
    assert page.locator("img.leaflet-tile").count() == 0
    browse.shot("map")
    browse.assert_clean()


def test_a_popup_says_the_precision_in_words_and_links_to_the_views(browse: Recorder) -> None:
    browse.goto("/?country=IQ")
    wait_for_map(browse)
    page = browse.page
    page.locator("path.ev-area").first.dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "somewhere in this" in popup.locator(".popup-precision").inner_text()
    assert popup.locator("a[href^='/article/']").count() == 1
    browse.assert_clean()


def test_filtering_by_type_redraws_only_that_type_and_goes_in_the_url(
    browse: Recorder, api: httpx.Client
) -> None:
    browse.goto("/")
    before = wait_for_map(browse)
    page = browse.page
    page.select_option("#filter-event_type", "Battles")
    page.wait_for_function("new URLSearchParams(location.search).get('event_type') === 'Battles'")
    want = expected(api, event_type="Battles")
    wait_for_total(browse, want["total"])
    assert want["total"] < sum(before.values())
    wait_for_points(browse, want["points"])
    dots = page.eval_on_selector_all(".ev-dot", "els => els.map(el => el.style.backgroundColor)")
    assert dots and set(dots) == {BATTLES_COLOR}
    strokes = page.eval_on_selector_all(
        "path.ev-area", "els => els.map(el => el.getAttribute('stroke'))"
    )
    assert set(strokes) <= {"#d55e00"}
    rows = page.eval_on_selector_all("#event-list li", "els => els.map(el => el.dataset.type)")
    assert rows and set(rows) == {"Battles"}
    # The URL is the view: opened afresh, it shows the same filter.
    browse.goto("/?event_type=Battles")
    assert sum(wait_for_map(browse).values()) == want["total"]
    assert page.input_value("#filter-event_type") == "Battles"
    browse.assert_clean()


def test_brushing_the_timeline_narrows_the_map_and_the_list_to_those_dates(
    browse: Recorder, api: httpx.Client
) -> None:
    browse.goto("/")
    before = wait_for_map(browse)
    page = browse.page
    page.wait_for_selector("#timeline[data-state='ready'] .brush-area")
    box = page.locator(".brush-area").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.93, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.97, y, steps=5)
    page.mouse.move(box["x"] + box["width"] - 1, y, steps=5)
    page.mouse.up()
    page.wait_for_function("new URLSearchParams(location.search).has('date_from')")
    query = parse_qs(urlsplit(page.url).query)
    date_from, date_to = query["date_from"][0], query["date_to"][0]
    want = expected(api, date_from=date_from, date_to=date_to)
    wait_for_total(browse, want["total"])
    assert 0 < want["total"] < sum(before.values())
    page.wait_for_selector("#list-panel[data-state='ready']")
    dates = page.eval_on_selector_all("#event-list li", "els => els.map(el => el.dataset.date)")
    assert dates and all(date <= date_to for date in dates)
    assert page.input_value("#filter-date_from") == date_from
    assert page.locator(".brush-selection").get_attribute("width") not in (None, "0")
    browse.shot("map-brushed")
    page.click("#clear-brush")
    page.wait_for_function("!new URLSearchParams(location.search).has('date_from')")
    wait_for_total(browse, sum(before.values()))
    browse.assert_clean()
