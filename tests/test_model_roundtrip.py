"""Every stored or exported record must read back exactly as it was written."""

from __future__ import annotations

from sitrep.model import Extraction, Incident, IncidentSource

from .examples import sample_extractions


def test_extractions_read_back_from_their_json() -> None:
    extractions = sample_extractions()
    assert extractions
    for extraction in extractions:
        again = Extraction.model_validate_json(extraction.model_dump_json())
        assert again == extraction, extraction.article.id


def test_incident_reads_back_with_its_derived_precision_fields() -> None:
    extraction = next(ex for ex in sample_extractions() if ex.main_event and ex.main_event.place)
    event = extraction.main_event
    incident = Incident(
        id="inc:1",
        event_type=event.event_type,
        date=event.date,
        place=event.place,
        sources=[IncidentSource(article_id=extraction.article.id, event_id=event.id)],
    )
    dumped = incident.model_dump(mode="json")
    assert "geo_precision" in dumped["place"]
    assert Incident.model_validate(dumped) == incident
