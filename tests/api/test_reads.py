"""Every read endpoint on a live server over the sample store, each filter checked against
the same condition applied in Python to the sample extractions."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from sitrep.model import Event, Extraction, Incident
from tests.api.conftest import all_pages

IRAQ_BBOX = (38.8, 29.0, 48.6, 37.4)
API_DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def _outlet(extraction: Extraction) -> str | None:
    return extraction.outlet.name if extraction.outlet else extraction.article.outlet


def _ids(
    extractions: list[Extraction],
    keep: Callable[[Extraction, Event], bool],
    *,
    mode: str = "asserted",
) -> set[str]:
    return {
        f"{extraction.article.id}#{event.id}"
        for extraction in extractions
        for event in extraction.events
        if (mode == "any" or event.mode == mode) and keep(extraction, event)
    }


def _in_box(event: Event) -> bool:
    west, south, east, north = IRAQ_BBOX
    place = event.place
    return bool(
        place
        and place.lat is not None
        and south <= place.lat <= north
        and west <= place.lon <= east
    )


def _actors(event: Event) -> str:
    return " ".join(actor.name.lower() for actor in (event.actor1, event.actor2) if actor)


FILTERS: dict[str, tuple[dict, Callable[[Extraction, Event], bool]]] = {
    "none": ({}, lambda x, e: True),
    "country": (
        {"country": ["iq", "SY"]},
        lambda x, e: bool(e.place and e.place.country_code in ("IQ", "SY")),
    ),
    "event_type": ({"event_type": "Battles"}, lambda x, e: e.event_type == "Battles"),
    "actor": ({"actor": "HEZBOLLAH"}, lambda x, e: "hezbollah" in _actors(e)),
    "outlet": ({"outlet": "reuters"}, lambda x, e: (_outlet(x) or "").lower() == "reuters"),
    "min_fatalities": (
        {"min_fatalities": 3},
        lambda x, e: bool(
            e.fatalities and e.fatalities.best is not None and e.fatalities.best >= 3
        ),
    ),
    "bbox": ({"bbox": ",".join(map(str, IRAQ_BBOX))}, lambda x, e: _in_box(e)),
    "dates": (
        {"date_from": "2024-01-01", "date_to": "2024-06-30"},
        lambda x, e: bool(
            e.date
            and e.date.start
            and e.date.start <= dt.date(2024, 6, 30)
            and (e.date.end or e.date.start) >= dt.date(2024, 1, 1)
        ),
    ),
    "main_only": ({"main_only": "true"}, lambda x, e: e.main),
    "admin1": (
        {"admin1": "al anbar"},
        lambda x, e: bool(e.place and (e.place.admin1 or "").lower() == "al anbar"),
    ),
}


@pytest.mark.parametrize("name", list(FILTERS))
def test_events_filters_match_their_documented_meaning(
    api: httpx.Client, extractions: list[Extraction], name: str
) -> None:
    params, keep = FILTERS[name]
    expected = _ids(extractions, keep)
    got = {row["id"] for row in all_pages(api, "/api/events", {**params, "limit": 25})}
    assert got == expected
    if name != "none":  # a filter that removes nothing (or everything) tests nothing
        assert 0 < len(expected) < len(_ids(extractions, lambda x, e: True))


@pytest.mark.parametrize("mode", ["negated", "background", "threat"])
def test_mode_filter_selects_that_mode(
    api: httpx.Client, extractions: list[Extraction], mode: str
) -> None:
    got = {row["id"] for row in all_pages(api, "/api/events", {"mode": mode})}
    assert got == _ids(extractions, lambda x, e: True, mode=mode)


def test_mode_any_pages_through_every_event_newest_first_without_gaps(
    api: httpx.Client, extractions: list[Extraction]
) -> None:
    rows = all_pages(api, "/api/events", {"mode": "any", "limit": 7})
    assert {row["id"] for row in rows} == _ids(extractions, lambda x, e: True, mode="any")
    dated = [row["date_start"] for row in rows if row["date_start"]]
    assert dated == sorted(dated, reverse=True)
    assert all(row["date_start"] is None for row in rows[len(dated) :]), "undated come last"


def test_text_query_keeps_the_events_of_matching_stories(
    api: httpx.Client, extractions: list[Extraction]
) -> None:
    hits = api.get("/api/search", params={"q": "drone", "limit": 100}).json()["items"]
    stories = {hit["article_id"] for hit in hits}
    assert stories and all("drone" in hit["snippet"].lower() for hit in hits)
    got = {row["id"] for row in all_pages(api, "/api/events", {"q": "drone"})}
    assert got == _ids(extractions, lambda x, e: x.article.id in stories)


def test_event_row_carries_every_documented_field(
    api: httpx.Client, extractions: list[Extraction], incidents: list[Incident]
) -> None:
    rows = all_pages(api, "/api/events", {"mode": "any", "limit": 1000})
    # The fields docs/api.md lists for an event row, exactly.
    contract = API_DOC.read_text(encoding="utf-8").split("An **event row**:")[1].split("\n\n")[0]
    fields = {name for name in re.findall(r"`(\w+)`", contract)}
    assert len(fields) == 27
    assert all(set(row) == fields for row in rows)
    by_id = {row["id"]: row for row in rows}
    story = next(x for x in extractions if x.main_event and x.main_event.place)
    event = story.main_event
    row = by_id[f"{story.article.id}#{event.id}"]
    assert row["title"] == story.article.title
    assert row["precision"] == event.place.precision
    assert row["geo_precision"] == event.place.geo_precision
    assert (row["lat"], row["lon"]) == (event.place.lat, event.place.lon)
    clustered = {(s.article_id, s.event_id): i.id for i in incidents for s in i.sources}
    linked = [r for r in rows if r["incident_id"]]
    assert linked and all(
        clustered[(r["article_id"], r["event_id"])] == r["incident_id"] for r in linked
    )


def test_geojson_is_a_feature_collection_with_precision(api: httpx.Client) -> None:
    response = api.get("/api/events.geojson", params={"limit": 5000, "mode": "any"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/geo+json"
    body = response.json()
    assert body["type"] == "FeatureCollection" and body["next_cursor"] is None
    radius = {"exact": None, "near": 10, "admin2": 30, "admin1": 150, "country": 500}
    for item in body["features"]:
        props = item["properties"]
        if props["lat"] is None:
            assert item["geometry"] is None
            continue
        assert item["geometry"] == {"type": "Point", "coordinates": [props["lon"], props["lat"]]}
        assert props["radius_km"] == radius[props["precision"]]
    assert any(f["properties"]["precision"] in ("admin1", "country") for f in body["features"])


def test_geojson_bbox_and_pages(api: httpx.Client, extractions: list[Extraction]) -> None:
    params = {"bbox": ",".join(map(str, IRAQ_BBOX)), "limit": 3}
    features = all_pages(api, "/api/events.geojson", params)
    assert {f["id"] for f in features} == _ids(extractions, lambda x, e: _in_box(e))


@pytest.mark.parametrize("bucket", ["day", "week", "month"])
def test_timeline_counts_every_dated_event_once(
    api: httpx.Client, extractions: list[Extraction], bucket: str
) -> None:
    body = api.get("/api/timeline", params={"bucket": bucket, "country": "IQ"}).json()
    assert body["bucket"] == bucket
    dated = [
        e
        for x in extractions
        for e in x.events
        if e.mode == "asserted" and e.date and e.date.start and e.place
        if e.place.country_code == "IQ"
    ]
    series = body["series"]
    assert sum(point["total"] for point in series) == len(dated)
    assert sum(sum(point["by_type"].values()) for point in series) == sum(
        1 for e in dated if e.event_type
    )
    days = [dt.date.fromisoformat(point["date"]) for point in series]
    assert days == sorted(days) and len(days) == len(set(days))
    if bucket == "week":
        assert all(day.weekday() == 0 for day in days)
    if bucket == "month":
        assert all(day.day == 1 for day in days)


def test_incidents_page_through_every_stored_incident(
    api: httpx.Client, incidents: list[Incident]
) -> None:
    items = all_pages(api, "/api/incidents", {"limit": 10})
    assert {item["id"] for item in items} == {incident.id for incident in incidents}
    by_id = {incident.id: incident for incident in incidents}
    for item in items:
        incident = by_id[item["id"]]
        assert item["sources"] == len(incident.sources)
        assert set(item["outlets"]) == {s.outlet for s in incident.sources if s.outlet}
        assert item["event_type"] == incident.event_type


def _incident_in(box: tuple[float, float, float, float]) -> Callable[[Incident], bool]:
    west, south, east, north = box

    def inside(incident: Incident) -> bool:
        place = incident.place
        if not place or place.lat is None or place.lon is None:
            return False
        if not south <= place.lat <= north:
            return False
        if west <= east:
            return west <= place.lon <= east
        return place.lon >= west or place.lon <= east  # across the antimeridian

    return inside


def _incident_overlaps(first: dt.date | None, last: dt.date | None) -> Callable[[Incident], bool]:
    def overlaps(incident: Incident) -> bool:
        date = incident.date
        if not date or not date.start:
            return False
        return (last is None or date.start <= last) and (
            first is None or (date.end or date.start) >= first
        )

    return overlaps


def _incident_actors(incident: Incident) -> str:
    return " | ".join(a.name.lower() for a in (incident.actor1, incident.actor2) if a)


def _stories_matching(extractions: list[Extraction], word: str) -> set[str]:
    """Stories whose title or text has ``word`` (or its plural), found with a regex: an
    independent stand-in for the store's stemmed full-text index."""
    pattern = re.compile(rf"\b{re.escape(word)}s?\b", re.IGNORECASE)
    return {
        x.article.id for x in extractions if pattern.search(f"{x.article.title}\n{x.article.text}")
    }


ACROSS_180 = (170.0, -60.0, -60.0, 60.0)  # west > east: Pacific and the Americas
# Each case: the query, and the incidents it must keep, as a predicate over an incident
# given the sample extractions (for the story-level filters).
INCIDENT_FILTERS: dict[str, tuple[dict, Callable[[Incident, list[Extraction]], bool]]] = {
    "dates": (
        {"date_from": "2024-01-01", "date_to": "2024-06-30"},
        lambda i, xs: _incident_overlaps(dt.date(2024, 1, 1), dt.date(2024, 6, 30))(i),
    ),
    # A window inside a multi-day incident (Wad Madani, 1-10 March) still overlaps it.
    "dates_inside_an_interval": (
        {"date_from": "2024-03-05", "date_to": "2024-03-08"},
        lambda i, xs: _incident_overlaps(dt.date(2024, 3, 5), dt.date(2024, 3, 8))(i),
    ),
    "date_from": (
        {"date_from": "2024-06-01"},
        lambda i, xs: _incident_overlaps(dt.date(2024, 6, 1), None)(i),
    ),
    "date_to": (
        {"date_to": "2021-12-31"},
        lambda i, xs: _incident_overlaps(None, dt.date(2021, 12, 31))(i),
    ),
    "bbox": (
        {"bbox": ",".join(map(str, IRAQ_BBOX))},
        lambda i, xs: _incident_in(IRAQ_BBOX)(i),
    ),
    "bbox_across_180": (
        {"bbox": ",".join(map(str, ACROSS_180))},
        lambda i, xs: _incident_in(ACROSS_180)(i),
    ),
    "country": (
        {"country": ["iq", "SY"]},
        lambda i, xs: bool(i.place and i.place.country_code in ("IQ", "SY")),
    ),
    "admin1": (
        {"admin1": ["al anbar", "KIRKUK"]},
        lambda i, xs: bool(i.place and (i.place.admin1 or "").lower() in ("al anbar", "kirkuk")),
    ),
    "event_type": (
        {"event_type": ["Riots", "Protests"]},
        lambda i, xs: i.event_type in ("Riots", "Protests"),
    ),
    "actor": ({"actor": "POLICE forces"}, lambda i, xs: "police forces" in _incident_actors(i)),
    "outlet": (
        {"outlet": "reuters"},
        lambda i, xs: any((s.outlet or "").lower() == "reuters" for s in i.sources),
    ),
    "min_fatalities": (
        {"min_fatalities": 3},
        lambda i, xs: bool(i.fatalities and (i.fatalities.best or 0) >= 3),
    ),
    "q": (
        {"q": "drone"},
        lambda i, xs: any(s.article_id in _stories_matching(xs, "drone") for s in i.sources),
    ),
    "main_only": (
        {"main_only": "true"},
        lambda i, xs: any(
            (s.article_id, s.event_id)
            in {(x.article.id, e.id) for x in xs for e in x.events if e.main}
            for s in i.sources
        ),
    ),
    # Filters combine with AND.
    "country_and_min_fatalities_and_outlet": (
        {"country": "IQ", "min_fatalities": 1, "outlet": "AFP"},
        lambda i, xs: bool(
            i.place
            and i.place.country_code == "IQ"
            and i.fatalities
            and (i.fatalities.best or 0) >= 1
            and any(s.outlet == "AFP" for s in i.sources)
        ),
    ),
}


@pytest.mark.parametrize("name", list(INCIDENT_FILTERS))
def test_incident_filters(
    api: httpx.Client, extractions: list[Extraction], incidents: list[Incident], name: str
) -> None:
    params, keep = INCIDENT_FILTERS[name]
    expected = {i.id for i in incidents if keep(i, extractions)}
    got = {item["id"] for item in all_pages(api, "/api/incidents", {**params, "limit": 7})}
    assert got == expected
    # A filter that removes nothing (or everything) tests nothing.
    assert 0 < len(expected) < len(incidents)


@pytest.mark.parametrize(
    "mode",
    ["asserted", "any", "negated", "threat", "future", "hypothetical", "denied", "background"],
)
def test_incident_mode_filter_keeps_all_or_nothing(
    api: httpx.Client, incidents: list[Incident], mode: str
) -> None:
    # Incidents are made of asserted events only: 'asserted' and 'any' keep every one,
    # any other mode none, whatever events of that mode the stories hold.
    got = {item["id"] for item in all_pages(api, "/api/incidents", {"mode": mode, "limit": 50})}
    assert got == ({i.id for i in incidents} if mode in ("asserted", "any") else set())


def test_one_incident_is_the_full_record(api: httpx.Client, incidents: list[Incident]) -> None:
    incident = max(incidents, key=lambda i: len(i.sources))
    response = api.get(f"/api/incidents/{quote(incident.id, safe='')}")
    assert response.status_code == 200
    assert Incident.model_validate(response.json()) == incident


def test_article_offsets_index_its_text(api: httpx.Client, extractions: list[Extraction]) -> None:
    story = max(extractions, key=lambda x: len(x.events))
    # The dashboard percent-encodes ids (encodeURIComponent): ':' arrives as %3A.
    body = api.get(f"/api/articles/{quote(story.article.id, safe='')}").json()
    assert body["article"]["text"] == story.article.text
    extraction = Extraction.model_validate(body["extraction"])
    text = body["article"]["text"]
    pairs = [pair for event in extraction.events for pair in event.field_evidence()]
    assert pairs and all(text[ev.start : ev.end] == ev.text for _, ev in pairs)


def test_search_finds_phrases_best_first(api: httpx.Client) -> None:
    items = api.get("/api/search", params={"q": '"drone strike"', "limit": 3}).json()["items"]
    assert 0 < len(items) <= 3
    assert set(items[0]) == {"article_id", "title", "outlet", "published", "snippet"}
    assert api.get("/api/search", params={"q": "zzzqqxx"}).json() == {"items": []}


def test_actors_by_event_count(api: httpx.Client, extractions: list[Extraction]) -> None:
    counted: Counter[str] = Counter()
    for x in extractions:
        for event in x.events:
            counted.update({a.name for a in (event.actor1, event.actor2) if a})
    items = api.get("/api/actors", params={"limit": 1000}).json()["items"]
    assert {item["name"]: item["events"] for item in items} == dict(counted)
    assert [item["events"] for item in items] == sorted(counted.values(), reverse=True)
    state = [item for item in items if item["kind"] == "state"]
    assert state and all(item["inter"] == 1 for item in state)
    found = api.get("/api/actors", params={"q": "IRAQ"}).json()["items"]
    assert found and all("iraq" in item["name"].lower() for item in found)
    assert {item["name"] for item in found} == {n for n in counted if "iraq" in n.lower()}


def test_outlets_count_stories(api: httpx.Client, extractions: list[Extraction]) -> None:
    items = api.get("/api/outlets").json()["items"]
    assert {item["name"]: item["articles"] for item in items} == dict(
        Counter(_outlet(x) for x in extractions if _outlet(x))
    )
    reuters = next(item for item in items if item["name"] == "Reuters")
    assert reuters["kind"] == "wire" and reuters["state_affiliated"] is False


def test_facets_count_stored_events(api: httpx.Client, extractions: list[Extraction]) -> None:
    body = api.get("/api/facets").json()
    events = [e for x in extractions for e in x.events]
    assert {f["value"]: f["count"] for f in body["event_types"]} == dict(
        Counter(e.event_type for e in events if e.event_type)
    )
    assert {f["value"]: f["count"] for f in body["modes"]} == dict(Counter(e.mode for e in events))
    counts = [f["count"] for f in body["countries"]]
    assert counts == sorted(counts, reverse=True) and body["outlets"]


def test_health(api: httpx.Client, extractions: list[Extraction]) -> None:
    assert api.get("/api/health").json() == {
        "status": "ok",
        "version": __import__("sitrep").__version__,
        "store": "sqlite",
        "articles": len(extractions),
        "events": sum(len(x.events) for x in extractions),
        "online_tiles": False,
    }
