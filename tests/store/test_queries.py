"""Event filters, keyset pagination, counts and full-text search, checked against the
same filters applied in Python to the sample extractions."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from sitrep.errors import SitrepError
from sitrep.model import RADIUS_HINT_KM, Event, Extraction
from sitrep.store import EventQuery, Store, aggregates
from tests.examples import sample_extractions


@pytest.fixture
def filled(store: Store) -> Store:
    store.add_many(sample_extractions())
    return store


def _outlet(extraction: Extraction) -> str | None:
    return extraction.outlet.name if extraction.outlet else extraction.article.outlet


def _matches(event: Event, extraction: Extraction, query: EventQuery) -> bool:
    """The filters' documented meaning, written out plainly."""
    date, place = event.date, event.place
    start = date.start if date else None
    end = (date.end or date.start) if date else None
    actors = [actor.name.lower() for actor in (event.actor1, event.actor2) if actor]
    checks = [
        not query.date_from or (end is not None and end >= query.date_from),
        not query.date_to or (start is not None and start <= query.date_to),
        not query.countries
        or (place is not None and place.country_code in {c.upper() for c in query.countries}),
        not query.admin1
        or (
            place is not None and (place.admin1 or "").lower() in {a.lower() for a in query.admin1}
        ),
        not query.event_types or event.event_type in query.event_types,
        not query.actor or any(query.actor.lower() in name for name in actors),
        not query.modes or event.mode in query.modes,
        not query.outlet or (_outlet(extraction) or "").lower() == query.outlet.lower(),
        query.min_fatalities is None
        or (event.fatalities is not None and (event.fatalities.best or -1) >= query.min_fatalities),
        not query.main_only or event.main,
    ]
    if query.bbox:
        west, south, east, north = query.bbox
        checks.append(
            place is not None
            and place.lat is not None
            and south <= place.lat <= north
            and west <= place.lon <= east
        )
    return all(checks)


def _expected(query: EventQuery) -> set[tuple[str, str]]:
    return {
        (extraction.article.id, event.id)
        for extraction in sample_extractions()
        for event in extraction.events
        if _matches(event, extraction, query)
    }


def _all_pages(store: Store, query: EventQuery, *, limit: int) -> list:
    rows, cursor = store.events(query, limit=limit)
    pages = [rows]
    while cursor is not None:
        rows, cursor = store.events(query, limit=limit, cursor=cursor)
        pages.append(rows)
    assert all(len(page) == limit for page in pages[:-1])
    return [row for page in pages for row in page]


QUERIES = {
    "everything": EventQuery(),
    "country": EventQuery(countries=["iq", "SY"]),
    "admin1 in any case": EventQuery(admin1=["AL ANBAR", "ninawa"]),
    "event type": EventQuery(event_types=["Battles"]),
    "actor substring": EventQuery(actor="ISLAMIC state"),
    "modes": EventQuery(modes=["negated", "denied"]),
    "outlet": EventQuery(outlet="reuters"),
    "fatalities": EventQuery(min_fatalities=3),
    "main only": EventQuery(main_only=True),
    "dates": EventQuery(date_from=dt.date(2021, 1, 1), date_to=dt.date(2023, 12, 31)),
    "bbox": EventQuery(bbox=(38.0, 28.0, 49.0, 38.0)),  # roughly Iraq and Syria
    "combined": EventQuery(countries=["IQ"], main_only=True, modes=["asserted"]),
}


@pytest.mark.parametrize("name", QUERIES)
def test_filters_select_exactly_the_matching_events(filled: Store, name: str) -> None:
    query = QUERIES[name]
    expected = _expected(query)
    assert expected or name == "nothing", f"the sample stories have no event for {name}"
    rows = _all_pages(filled, query, limit=500)
    assert {(row.article_id, row.event.id) for row in rows} == expected
    assert filled.count_events(query) == len(expected)


def test_pages_have_no_duplicates_and_no_gaps_newest_first(filled: Store) -> None:
    everything = _expected(EventQuery())
    rows = _all_pages(filled, EventQuery(), limit=7)
    keys = [(row.article_id, row.event.id) for row in rows]
    assert len(keys) == len(set(keys)) == len(everything)
    assert set(keys) == everything
    starts = [row.event.date.start if row.event.date else None for row in rows]
    dated = [start for start in starts if start is not None]
    assert dated == sorted(dated, reverse=True)
    assert starts[len(dated) :] == [None] * (len(starts) - len(dated))  # undated last


def test_rows_written_while_paging_do_not_shift_the_pages(store: Store) -> None:
    extractions = sample_extractions()
    store.add_many(extractions[:30])
    before = _expected_for(extractions[:30])
    first, cursor = store.events(EventQuery(), limit=10)
    store.add_many(extractions[30:])  # more rows arrive between two requests
    seen = [(row.article_id, row.event.id) for row in first]
    while cursor is not None:
        rows, cursor = store.events(EventQuery(), limit=10, cursor=cursor)
        seen += [(row.article_id, row.event.id) for row in rows]
    assert len(seen) == len(set(seen))
    assert before <= set(seen)


def _expected_for(extractions: list[Extraction]) -> set[tuple[str, str]]:
    return {(x.article.id, event.id) for x in extractions for event in x.events}


def test_a_cursor_the_store_did_not_give_is_refused(filled: Store) -> None:
    with pytest.raises(SitrepError, match="E034"):
        filled.events(EventQuery(), cursor="not-a-cursor")


def test_a_bbox_outside_the_globe_is_refused() -> None:
    with pytest.raises(SitrepError, match="E038"):
        EventQuery(bbox=(0.0, 10.0, 5.0, 5.0))
    with pytest.raises(SitrepError, match="E038"):
        EventQuery(bbox=(0.0, 0.0, 200.0, 5.0))


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_search_finds_stories_with_every_word_stemmed(filled: Store) -> None:
    hits = filled.search("rockets base", limit=100)
    assert hits, "the sample stories mention rockets at bases"
    stories = {x.article.id: x.article for x in sample_extractions()}
    for hit in hits:
        words = _words((stories[hit.article_id].title or "") + " " + stories[hit.article_id].text)
        assert any(word.startswith("rocket") for word in words)
        assert any(word.startswith("base") for word in words)
        assert "**" in hit.snippet
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert len(filled.search("rockets base", limit=1)) == 1


def test_search_takes_phrases_and_any_user_input(filled: Store) -> None:
    phrase = filled.search('"Islamic State"', limit=100)
    stories = {x.article.id: x.article for x in sample_extractions()}
    assert phrase
    assert all("islamic state" in stories[hit.article_id].text.lower() for hit in phrase)
    for awkward in ("al-Shabaab AND (", 'NEAR(" *', "'; DROP TABLE articles; --", "^-:"):
        filled.search(awkward)  # never a syntax error
    assert filled.search("   ") == []
    assert filled.search("zzzunknownwordzzz") == []


def test_events_filtered_by_text_come_from_matching_stories(filled: Store) -> None:
    matching = {hit.article_id for hit in filled.search("drone", limit=1000)}
    rows = _all_pages(filled, EventQuery(text="drone"), limit=50)
    assert matching and rows
    assert {row.article_id for row in rows} <= matching
    expected = {
        (x.article.id, e.id)
        for x in sample_extractions()
        if x.article.id in matching
        for e in x.events
    }
    assert {(row.article_id, row.event.id) for row in rows} == expected


def _row_of(extraction: Extraction, event: Event) -> dict:
    """The event row docs/api.md describes, written out from the record."""
    date, place = event.date, event.place
    return {
        "id": f"{extraction.article.id}#{event.id}",
        "article_id": extraction.article.id,
        "event_id": event.id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "mode": event.mode,
        "main": event.main,
        "date_start": date.start.isoformat() if date and date.start else None,
        "date_precision": date.precision if date else None,
        "country_code": place.country_code if place else None,
        "location": place.name if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "precision": place.precision if place else None,
        "actor1": event.actor1.name if event.actor1 else None,
        "fatalities": event.fatalities.best if event.fatalities else None,
        "outlet": _outlet(extraction),
        "title": extraction.article.title,
    }


def test_page_rows_made_by_the_database_hold_the_records_values(filled: Store) -> None:
    """JSON built in SQL (json_object, json_build_object): booleans as true/false, dates
    as ISO days, nulls as null, coordinates exactly as stored, on both backends."""
    rows, _ = aggregates.event_page(filled, EventQuery(), limit=1000)
    shown = {row["id"]: row for row in map(json.loads, rows)}
    expected = {
        f"{extraction.article.id}#{event.id}": _row_of(extraction, event)
        for extraction in sample_extractions()
        for event in extraction.events
    }
    assert shown.keys() == expected.keys()
    assert {True, False} <= {row["main"] for row in shown.values()}
    assert any(row["lat"] is None for row in shown.values())
    for key, values in expected.items():
        assert {name: shown[key][name] for name in values} == values
    features, _ = aggregates.event_page(filled, EventQuery(), limit=1000, as_features=True)
    for feature in map(json.loads, features):
        assert feature["type"] == "Feature"
        assert feature["properties"] | {"radius_km": None} == shown[feature["id"]] | {
            "radius_km": None
        }
        point = feature["geometry"]
        if point is None:
            assert feature["properties"]["lat"] is None
            continue
        values = expected[feature["id"]]
        assert point == {"type": "Point", "coordinates": [values["lon"], values["lat"]]}
        assert feature["properties"]["radius_km"] == RADIUS_HINT_KM.get(values["precision"])


# Pairs of one shape (the same conditions, other values): event pages reuse one statement
# per shape (aggregates._PAGES), so the second of each must not see the first's values.
SAME_SHAPE = [
    EventQuery(countries=["IQ"]),
    EventQuery(countries=["SY", "so", "IQ"]),
    EventQuery(actor="islamic state"),
    EventQuery(actor="KATAIB"),
    EventQuery(min_fatalities=1, modes=["asserted"]),
    EventQuery(min_fatalities=5, modes=["asserted", "background"]),
    EventQuery(bbox=(38.0, 28.0, 49.0, 38.0)),
    EventQuery(bbox=(40.0, -5.0, 52.0, 12.0)),
    EventQuery(date_from=dt.date(2021, 1, 1), outlet="reuters"),
    EventQuery(date_from=dt.date(2023, 6, 1), outlet="AFP"),
]


def test_event_pages_of_one_shape_take_each_filters_values(filled: Store) -> None:
    for query in SAME_SHAPE:
        expected = _expected(query)
        assert expected, query
        found: set = set()
        rows, cursor = aggregates.event_page(filled, query, limit=3)
        while True:
            found |= {tuple(json.loads(row)["id"].split("#")) for row in rows}
            if cursor is None:
                break
            rows, cursor = aggregates.event_page(filled, query, limit=3, cursor=cursor)
        assert found == expected, query
