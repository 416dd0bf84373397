"""The seed story, end to end, and a story of our own with the same structure."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import pytest

from sitrep.model import Article, Event, Extraction
from sitrep.pipeline import Pipeline
from sitrep.readers import read_source

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def _extract(path: Path, published: dt.date) -> Extraction:
    [article] = list(read_source(str(path), published=published))
    assert isinstance(article, Article)
    return Pipeline().extract(article)


def _assert_evidence_is_original(extraction: Extraction) -> None:
    text = extraction.article.text
    for event in extraction.events:
        for name, ev in event.field_evidence():
            assert text[ev.start : ev.end] == ev.text, (event.id, name)


def _containing(extraction: Extraction, words: str) -> Event:
    """The event whose trigger lies inside the sentence that holds ``words``."""
    # The seed text holds non-breaking spaces: match any run of white space.
    pattern = r"\s+".join(re.escape(word) for word in words.split())
    found = re.search(pattern, extraction.article.text)
    assert found, words
    start, end = found.span()
    for event in extraction.events:
        if event.trigger and start <= event.trigger.start < end:
            return event
    raise AssertionError(f"no event in {words!r}: {[(e.id, e.trigger) for e in extraction.events]}")


def test_seed_story_main_event(shared_data: Path) -> None:
    extraction = _extract(shared_data / "seed" / "article.txt", dt.date(2021, 4, 5))
    _assert_evidence_is_original(extraction)
    event = extraction.main_event
    assert event is not None
    assert event.mode == "asserted"
    assert (event.event_type, event.sub_event_type) == (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    )
    assert event.date.start == event.date.end == dt.date(2021, 4, 4)
    assert event.date.precision == "day" and event.date.evidence[0].text == "Sunday"
    place = event.place
    assert place.country_code == "IQ" and place.admin1 == "Salah ad Din"
    assert _km(place.lat, place.lon, 33.940, 44.362) <= 10
    assert place.geo_precision == 2 and place.precision == "near"
    assert "Baghdad" not in (place.name or "")
    assert place.evidence
    [rockets] = [w for w in event.weapons if w.subtype == "rocket"]
    assert rockets.count == 2 and rockets.evidence[0].text == "Two rockets"
    assert event.fatalities.best == 0 and event.injuries.best == 0
    assert "no casualties" in event.fatalities.evidence[0].text
    assert (
        event.claimed is False and "no claim of responsibility" in event.evidence["claimed"][0].text
    )
    assert event.actor2 is not None and event.actor2.name == "Military Forces of the United States"


def test_seed_story_background_and_threat(shared_data: Path) -> None:
    extraction = _extract(shared_data / "seed" / "article.txt", dt.date(2021, 4, 5))
    ain_al_asad = _containing(
        extraction, "a barrage of rockets have struck the Ein Al-Assad airbase"
    )
    assert ain_al_asad.main is False and ain_al_asad.mode == "background"
    assert ain_al_asad.date.start == dt.date(2021, 3, 1) and ain_al_asad.date.precision == "week"
    drone = _containing(extraction, "in a terror drone strike authorized by Trump")
    assert drone.main is False and drone.mode == "background"
    assert drone.sub_event_type == "Air/drone strike"
    assert drone.date.start == dt.date(2020, 1, 3)
    pledge = _containing(extraction, "The Iraqi counter-terrorism force pledged retaliation")
    assert pledge.mode == "threat" and not pledge.main
    assert sum(event.main for event in extraction.events) == 1


def test_story_of_our_own_with_the_seed_structure() -> None:
    path = EXAMPLES / "balad-like.txt"
    if not path.exists():
        pytest.fail("examples/balad-like.txt is part of the repository and must exist")
    extraction = _extract(path, BALAD_LIKE_PUBLISHED)
    _assert_evidence_is_original(extraction)
    event = extraction.main_event
    assert event is not None and event.mode == "asserted"
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.date.start == BALAD_LIKE_DATE and event.date.precision == "day"
    assert event.place.country_code == "IQ"
    assert _km(event.place.lat, event.place.lon, *BALAD_LIKE_PLACE) <= 10
    assert event.place.geo_precision == 2
    assert [w.count for w in event.weapons if w.count] == [BALAD_LIKE_WEAPONS]
    assert event.fatalities.best == 0 and event.injuries.best == 0 and event.claimed is False
    others = [e for e in extraction.events if e is not event]
    assert any(e.mode == "background" and e.date and e.date.start < BALAD_LIKE_DATE for e in others)
    assert any(e.mode == "threat" for e in others)
    assert sum(e.main for e in extraction.events) == 1


# examples/README.md states the story's publication date and its expected main event.
BALAD_LIKE_PUBLISHED = dt.date(2022, 6, 8)
BALAD_LIKE_DATE = dt.date(2022, 6, 7)
BALAD_LIKE_PLACE = (33.53, 44.26)  # Camp Taji
BALAD_LIKE_WEAPONS = 3
