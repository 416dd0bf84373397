"""Writing and reading back: idempotent adds, re-extraction, streams, quarantine, incidents."""

from __future__ import annotations

import pytest

from sitrep.errors import SitrepError
from sitrep.model import Extraction, Incident, IncidentSource
from sitrep.store import EventQuery, Store, content_hash, open_store
from tests.examples import sample_extractions


def _old_version(extraction: Extraction, version: str = "0.0.1+old") -> Extraction:
    """The same story as an older pipeline saw it: another version, its last event missing."""
    return extraction.model_copy(
        update={"pipeline_version": version, "events": extraction.events[:-1]}
    )


def test_adding_the_same_extractions_twice_changes_nothing(store: Store) -> None:
    extractions = sample_extractions()
    events = sum(len(extraction.events) for extraction in extractions)
    assert store.add_many(extractions) == len(extractions)
    assert store.add_many(extractions) == 0
    assert store.add(extractions[0]) is False
    assert len(store.known_hashes()) == len(extractions)
    assert store.count_events(EventQuery()) == events


def test_a_story_is_known_by_its_text_with_line_ends_normalised(store: Store) -> None:
    extraction = sample_extractions()[0]
    assert store.add(extraction, source="feed.jsonl")
    assert store.has(content_hash(extraction.article.text))
    windows = extraction.article.model_copy(
        update={"id": "other-id", "text": extraction.article.text.replace("\n", "\r\n")}
    )
    assert "\r\n" in windows.text
    assert content_hash(windows.text) == content_hash(extraction.article.text)
    assert store.add(extraction.model_copy(update={"article": windows})) is False
    assert store.article("other-id") is None


def test_every_record_reads_back_equal(store: Store) -> None:
    extractions = sample_extractions()
    store.add_many(extractions)
    for extraction in extractions:
        assert store.article(extraction.article.id) == extraction
    assert store.article("no-such-story") is None
    assert list(store.extractions()) == extractions


def test_extractions_since_an_article_are_the_ones_written_after_it(store: Store) -> None:
    extractions = sample_extractions()
    store.add_many(extractions[:10])
    store.add_many(extractions[10:])
    since = [
        extraction.article.id
        for extraction in store.extractions(since_id=extractions[9].article.id)
    ]
    assert since == [extraction.article.id for extraction in extractions[10:]]
    with pytest.raises(SitrepError, match="E036"):
        next(store.extractions(since_id="no-such-story"))


def test_a_new_pipeline_version_re_extracts_and_keeps_the_version(store: Store) -> None:
    extractions = sample_extractions()
    current = extractions[0].pipeline_version
    store.add_many([_old_version(extraction) for extraction in extractions])
    assert store.count_events(EventQuery()) == sum(len(e.events[:-1]) for e in extractions)
    assert [article.id for article in store.stale(current)] == [
        extraction.article.id for extraction in extractions
    ]

    assert store.add_many(extractions) == len(extractions)  # replaced, not duplicated
    assert len(store.known_hashes()) == len(extractions)
    assert store.count_events(EventQuery()) == sum(len(e.events) for e in extractions)
    assert list(store.stale(current)) == []
    assert store.article(extractions[0].article.id) == extractions[0]
    rows, _ = store.events(EventQuery(), limit=500)
    assert {row.pipeline_version for row in rows} == {current}
    # Re-extracting moves a story to the end of the write order.
    assert [e.article.id for e in store.extractions()] == [e.article.id for e in extractions]


def test_stale_stories_come_back_as_the_articles_stored(store: Store) -> None:
    extractions = sample_extractions()[:3]
    store.add_many([_old_version(extraction) for extraction in extractions])
    assert list(store.stale("0.0.1+old")) == []
    assert list(store.stale("9.9.9")) == [extraction.article for extraction in extractions]


def test_an_id_taken_by_another_text_is_refused_and_the_batch_not_written(store: Store) -> None:
    first, second = sample_extractions()[:2]
    clash = second.model_copy(
        update={"article": second.article.model_copy(update={"id": first.article.id})}
    )
    store.add(first)
    with pytest.raises(SitrepError, match=r"E032.*" + first.article.id):
        store.add_many([sample_extractions()[2], clash])
    assert store.known_hashes() == {content_hash(first.article.text)}


def test_write_returns_the_extractions_stored_as_they_were_stored(store: Store) -> None:
    # What a writer clusters next without reading it back: only what was written, and a
    # text already stored under another id keeps that id.
    first, second, third = sample_extractions()[:3]
    assert store.write([first, second]) == [first, second]
    assert store.write([first]) == []
    renamed = third.model_copy(
        update={"article": third.article.model_copy(update={"id": "another-id"})}
    )
    store.write([third])
    again = _old_version(renamed)
    store.add(again)  # the stored copy now comes from another pipeline version
    [written] = store.write([renamed])
    assert written.article.id == third.article.id
    assert written == store.article(third.article.id)
    assert store.article("another-id") is None


def test_the_source_of_each_story_is_kept(store: Store) -> None:
    extractions = sample_extractions()[:2]
    store.add_many(extractions, sources=["a.jsonl", "b.html"])
    stale = list(store.stale("other"))
    assert [article.id for article in stale] == [e.article.id for e in extractions]
    with pytest.raises(ValueError):
        store.add_many(extractions, sources=["only-one"])


def test_a_quarantined_problem_is_one_row_however_often_it_is_seen(store: Store) -> None:
    store.record_error("blob.txt", "[E007] binary")
    store.record_error("feed.jsonl", "[E010] line 3", content_hash="ab" * 32)
    store.record_error("blob.txt", "[E007] binary")
    rows = store.errors()
    assert [(row.source, row.seen) for row in rows] == [("blob.txt", 2), ("feed.jsonl", 1)]
    assert rows[0].at >= rows[0].first_at and rows[0].at.tzinfo is not None
    assert rows[1].content_hash == "ab" * 32
    assert [row.source for row in store.errors(limit=1)] == ["blob.txt"]


def _incidents() -> list[Incident]:
    incidents = []
    for number, extraction in enumerate(sample_extractions()[:6]):
        event = extraction.main_event or extraction.events[0]
        incidents.append(
            Incident(
                id=f"inc:{number}",
                event_type=event.event_type,
                sub_event_type=event.sub_event_type,
                date=event.date,
                place=event.place,
                actor1=event.actor1,
                fatalities=event.fatalities,
                sources=[
                    IncidentSource(
                        article_id=extraction.article.id,
                        event_id=event.id,
                        outlet=extraction.article.outlet,
                        published=extraction.article.published,
                        title=extraction.article.title,
                        fatalities=event.fatalities,
                    )
                ],
            )
        )
    return incidents


def test_incidents_round_trip_and_a_saved_id_is_replaced(store: Store) -> None:
    incidents = _incidents()
    store.save_incidents(incidents)
    assert store.incident("inc:0") == incidents[0]
    assert store.incident("inc:none") is None
    listed = list(store.incidents())
    assert sorted(incident.id for incident in listed) == sorted(i.id for i in incidents)
    starts = [incident.date.start for incident in listed if incident.date and incident.date.start]
    assert starts == sorted(starts, reverse=True)  # newest first
    assert len(list(store.incidents(limit=2))) == 2

    merged = incidents[0].model_copy(
        update={"sources": incidents[0].sources + incidents[1].sources}
    )
    store.save_incidents([merged])
    assert store.incident("inc:0") == merged
    assert len(list(store.incidents())) == len(incidents)


def test_incidents_are_filtered_like_events(store: Store) -> None:
    incidents = _incidents()
    store.save_incidents(incidents)
    country = incidents[0].place.country_code
    expected = {i.id for i in incidents if i.place and i.place.country_code == country}
    assert {i.id for i in store.incidents(EventQuery(countries=[country.lower()]))} == expected
    outlet = incidents[0].sources[0].outlet
    by_outlet = {i.id for i in incidents if i.sources[0].outlet == outlet}
    assert {i.id for i in store.incidents(EventQuery(outlet=outlet.upper()))} == by_outlet
    with pytest.raises(SitrepError, match="E037"):
        list(store.incidents(EventQuery(text="rockets")))


def test_the_content_version_moves_with_every_commit_by_anyone_and_only_then(
    store: Store, store_url: str
) -> None:
    extractions = sample_extractions()
    first = store.content_version()
    assert store.content_version() == first  # asking again, reading: no change
    store.events(EventQuery(), limit=10)
    assert store.content_version() == first

    store.add_many(extractions[:1])  # this store's own write
    second = store.content_version()
    assert second != first

    with open_store(store_url) as other:  # another connection, as another process
        other.add_many(extractions[1:2])
    assert store.content_version() not in (first, second)
