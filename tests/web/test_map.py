"""The map page: basemap, events drawn by precision, filters, the timeline brush."""

from __future__ import annotations

import math
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

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


def event_ids_listed(browse: Recorder) -> set[str]:
    """The ids (``article_id#event_id``) of the events in the list, from their links."""
    return set(
        browse.page.eval_on_selector_all(
            "#event-list li .row-title a",
            """els => els.map(a => { const url = new URL(a.href);
            return decodeURIComponent(url.pathname.split('/')[2]) + '#'
              + url.searchParams.get('event'); })""",
        )
    )


# Each form field (a select, or the actor box the reader types into): the value chosen,
# and what every row of the API's answer for it must satisfy.
FORM_FILTERS = {
    "country": ("IQ", lambda row: row["country_code"] == "IQ"),
    "actor": (
        "police",
        lambda row: "police" in f"{row['actor1']} {row['actor2']}".lower(),
    ),
    "outlet": ("Reuters", lambda row: row["outlet"] == "Reuters"),
    "mode": ("negated", lambda row: row["mode"] == "negated"),
}


@pytest.mark.parametrize("field", list(FORM_FILTERS))
def test_each_form_filter_narrows_the_map_and_the_list_to_what_the_api_answers(
    browse: Recorder, api: httpx.Client, field: str
) -> None:
    value, matches = FORM_FILTERS[field]
    browse.goto("/")
    before = wait_for_map(browse)
    page = browse.page
    page.wait_for_selector("#list-panel[data-state='ready'] #event-list")
    if field == "actor":
        page.fill("#filter-actor", value)
    else:
        page.select_option(f"#filter-{field}", value)
    page.wait_for_function(
        "([name, value]) => new URLSearchParams(location.search).get(name) === value",
        arg=[field, value],
    )
    rows = all_pages(api, "/api/events", {field: value, "limit": 1000})
    assert rows and all(matches(row) for row in rows), "the API's answer is not that filter's"
    want = expected(api, **{field: value})
    assert want["total"] == len(rows)
    assert 0 < want["total"] < sum(before.values())
    wait_for_total(browse, want["total"])
    wait_for_points(browse, want["points"])
    # The list shows the same events (a page holds 100: every one of them here).
    page.wait_for_selector("#list-panel[data-state='ready'] #event-list")
    assert len(rows) <= 100
    assert event_ids_listed(browse) == {row["id"] for row in rows}
    browse.shot(f"map-filter-{field}")
    browse.assert_clean()


def marker_size(fatalities: int | None) -> int:
    """map.js markerSize: 12 px, plus 3 px per square root of the dead, at most 26 more."""
    return round(12 + min(26, 3 * math.sqrt(max(0, fatalities or 0))))


def test_markers_grow_with_fatalities(browse: Recorder, api: httpx.Client) -> None:
    # Mexico's two events are far enough apart to be two markers, not a cluster.
    features = all_pages(api, "/api/events.geojson", {"country": "MX", "limit": 5000})
    by_id = {f["id"]: f["properties"] for f in features}
    browse.goto("/?country=MX")
    wait_for_map(browse)
    page = browse.page
    wait_for_points(browse, sum(p["precision"] not in AREA_PRECISIONS for p in by_id.values()))
    # Open each marker's popup to learn which event it is (its story link), and measure
    # the dot it is drawn as.
    drawn = page.eval_on_selector_all(
        ".ev-marker",
        """markers => markers.map(marker => {
          // Its layout box: a bounding rectangle is off by a sub-pixel under the
          // map pane's transform.
          const dot = marker.querySelector('.ev-dot');
          marker.dispatchEvent(new MouseEvent('click', {bubbles: true}));
          const links = document.querySelectorAll(
            '.leaflet-popup-content a[href^="/article/"]');
          const url = new URL(links[links.length - 1].href);
          const id = decodeURIComponent(url.pathname.split('/')[2]) + '#'
            + url.searchParams.get('event');
          return {id, width: dot.offsetWidth, height: dot.offsetHeight};
        })""",
    )
    sizes = {marker["id"]: marker["width"] for marker in drawn}
    assert len(sizes) == len(drawn) >= 2, "each marker opens its own event"
    assert all(marker["width"] == marker["height"] for marker in drawn), drawn
    for event_id, width in sizes.items():
        assert width == marker_size(by_id[event_id]["fatalities"]), event_id
    killed = [w for i, w in sizes.items() if (by_id[i]["fatalities"] or 0) > 0]
    unhurt = [w for i, w in sizes.items() if not by_id[i]["fatalities"]]
    assert killed and unhurt
    assert min(killed) > max(unhurt)
    browse.assert_clean()
