"""Small extractions built by hand, for export behaviour the sample stories do not pin down."""

from __future__ import annotations

import datetime as dt

from sitrep.model import (
    Actor,
    Article,
    Count,
    DateValue,
    Event,
    Evidence,
    Extraction,
    Outlet,
    PlaceValue,
)

TEXT = (
    "MOGADISHU (Horn Observer) - Gunmen attacked a bus near Afgooye on Monday. "
    "Three passengers were killed, police said.\n\nThe U.S. embassy condemned the attack."
)


def _evidence(words: str) -> Evidence:
    start = TEXT.index(words)
    return Evidence(start=start, end=start + len(words), text=words)


def make_extraction(event_id: str = "E1", **changes: object) -> Extraction:
    """One story with one asserted event in Somalia; ``changes`` replace the event's fields."""
    event = Event(
        id=event_id,
        event_type="Violence against civilians",
        sub_event_type="Attack",
        disorder_type="Political violence",
        attack_type="Armed Assault",
        weapon_type="Firearms",
        target_type="Transportation",
        date=DateValue(
            start=dt.date(2024, 3, 4), end=dt.date(2024, 3, 4), precision="day", evidence=[]
        ),
        place=PlaceValue(
            name="Afgooye",
            country_code="SO",
            country="Somalia",
            admin1="Lower Shabeelle",
            lat=2.1381,
            lon=45.1212,
            precision="near",
            evidence=[_evidence("Afgooye")],
        ),
        actor1=Actor(name="Unidentified Armed Group (Somalia)", inter=3),
        actor2=Actor(name="Civilians (Somalia)", inter=7),
        fatalities=Count(
            low=3, best=3, high=3, evidence=[_evidence("Three passengers were killed")]
        ),
        mode="asserted",
        main=True,
        trigger=_evidence("attacked"),
    ).model_copy(update=changes)
    return Extraction(
        article=Article(
            id="t:somalia-bus",
            url="https://example.org/bus",
            title="Gunmen attack bus",
            text=TEXT,
            published=dt.date(2024, 3, 5),
            outlet="Horn Observer",
        ),
        pipeline_version="test",
        outlet=Outlet(name="Horn Observer", country_code="SO"),
        events=[event],
    )
