"""Ingest keeps the stored incidents up to date, incrementally and across a killed run."""

from __future__ import annotations

from pathlib import Path

from sitrep.ingest import ingest, update_incidents
from sitrep.store import open_store

from ..examples import STORIES, sample_extractions


def _sources(store) -> list[tuple[str, str]]:
    return sorted(
        (source.article_id, source.event_id)
        for incident in store.incidents()
        for source in incident.sources
    )


def test_ingest_merges_the_reports_of_one_happening(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    report = ingest([STORIES], store)
    assert report.new == len(sample_extractions()) and report.incidents > 0
    first = next(ex for ex in sample_extractions() if ex.article.id.startswith("ex:001"))
    main = (first.article.id, first.main_event.id)
    alqaim = [
        incident
        for incident in store.incidents()
        if any((source.article_id, source.event_id) == main for source in incident.sources)
    ]
    assert len(alqaim) == 1
    assert {s.article_id[:6] for s in alqaim[0].sources} == {"ex:001", "ex:002", "ex:003"}
    # Nothing new: nothing is clustered again, no source is repeated.
    before = _sources(store)
    again = ingest([STORIES], store)
    assert (again.new, again.incidents) == (0, 0)
    assert _sources(store) == before
    assert len(before) == len(set(before))


def test_stories_stored_but_never_clustered_are_picked_up(tmp_path: Path) -> None:
    # What a run killed between writing a batch and clustering it leaves behind.
    store = open_store(tmp_path / "s.db")
    extractions = sample_extractions()
    store.add_many(extractions[:30])
    assert store.clustered_through() == 0 and not list(store.incidents())
    first = update_incidents(store)
    assert first > 0 and store.clustered_through() > 0
    store.add_many(extractions[30:])
    update_incidents(store)
    incremental = _sources(store)
    assert update_incidents(store) == 0  # everything seen: nothing changes
    # Clustering everything at once gives the same incidents as doing it in two steps.
    update_incidents(store, rebuild=True)
    assert _sources(store) == incremental


def test_a_re_extracted_story_leaves_its_old_incident(tmp_path: Path) -> None:
    import datetime as dt

    store = open_store(tmp_path / "s.db")
    extractions = sample_extractions()
    store.add_many(extractions)
    update_incidents(store)
    story = extractions[1]  # ex:002, one of the three al-Qaim reports
    # A newer pipeline version reads the story's events as a month later: another happening.
    moved = [
        event.model_copy(
            update={
                "date": event.date.model_copy(
                    update={
                        "start": event.date.start + dt.timedelta(days=60),
                        "end": event.date.end + dt.timedelta(days=60),
                    }
                )
            }
        )
        if event.date and event.date.start and event.date.end
        else event
        for event in story.events
    ]
    again = story.model_copy(update={"pipeline_version": "newer", "events": moved})
    store.add_many([again])  # replaces the stored extraction
    update_incidents(store)
    pairs = _sources(store)
    assert len(pairs) == len(set(pairs))
    holding = [
        incident
        for incident in store.incidents()
        if any(source.article_id == story.article.id for source in incident.sources)
    ]
    # Its events now stand apart: no incident still holds it beside the other reports.
    assert holding and all(len(incident.sources) == 1 for incident in holding)


def test_a_kept_index_reloads_after_another_writer_clustered(tmp_path: Path) -> None:
    from sitrep.ingest import IncidentSync

    store = open_store(tmp_path / "s.db")
    extractions = sample_extractions()
    # Each al-Qaim report (ex:001-003) lands in a different step.
    first = [ex for ex in extractions if not ex.article.id.startswith(("ex:002", "ex:003"))]
    second = [ex for ex in extractions if ex.article.id.startswith("ex:002")]
    third = [ex for ex in extractions if ex.article.id.startswith("ex:003")]
    server = IncidentSync(store)  # as the API's writer keeps it
    store.add_many(first)
    server.update()
    store.add_many(second)
    update_incidents(store)  # another process (an ingest) clusters meanwhile
    store.add_many(third)
    server.update()
    kept = _sources(store)
    assert len(kept) == len(set(kept))
    update_incidents(store, rebuild=True)
    assert _sources(store) == kept
