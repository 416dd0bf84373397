"""ExportFilter: each condition cuts the rows it should, and bad conditions are refused."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from sitrep.errors import SitrepError
from sitrep.exports import ExportFilter, export
from sitrep.exports.fields import event_date
from sitrep.model import PlaceValue
from tests.examples import sample_extractions

from .records import make_extraction


def _ids(filters: ExportFilter) -> set[str]:
    out = io.StringIO()
    export(sample_extractions(), "acled", out, filters)
    return {row["event_id_cnty"] for row in csv.DictReader(io.StringIO(out.getvalue()))}


def _expected(predicate) -> set[str]:
    return {
        f"{extraction.article.id}#{event.id}"
        for extraction in sample_extractions()
        for event in extraction.events
        if event.mode == "asserted" and predicate(event)
    }


def test_default_keeps_asserted_events_only() -> None:
    kept = _ids(ExportFilter())
    every = _ids(ExportFilter(modes=None))
    assert kept == _expected(lambda event: True)
    assert len(every) > len(kept)  # the samples hold negated, threatened and background events


def test_country_by_code_or_name_any_case() -> None:
    iraq = _expected(lambda event: event.place is not None and event.place.country_code == "IQ")
    assert iraq and any(id_.startswith("ex:001") for id_ in iraq)
    assert _ids(ExportFilter(countries={"IQ"})) == iraq
    assert _ids(ExportFilter(countries={"iraq"})) == iraq
    assert _ids(ExportFilter(countries={"iq", "Kenya"})) > iraq


def test_event_type_or_sub_event_type() -> None:
    battles = _expected(lambda event: event.event_type == "Battles")
    assert battles and _ids(ExportFilter(event_types={"battles"})) == battles
    drones = _expected(lambda event: event.sub_event_type == "Air/drone strike")
    assert drones and _ids(ExportFilter(event_types={"Air/drone strike"})) == drones


def test_date_range_is_inclusive_on_the_event_date() -> None:
    start, end = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    year = _expected(
        lambda event: (day := event_date(event.date)) is not None and start <= day <= end
    )
    assert year and _ids(ExportFilter(date_from=start, date_to=end)) == year
    one_day = _ids(ExportFilter(date_from=dt.date(2024, 4, 3), date_to=dt.date(2024, 4, 3)))
    assert any(id_.startswith("ex:001") for id_ in one_day) and one_day < year


def test_bbox_keeps_points_inside_it() -> None:
    # Iraq and its borders: west, south, east, north.
    bbox = (38.0, 29.0, 49.0, 37.5)
    inside = _expected(
        lambda event: (
            event.place is not None
            and event.place.lat is not None
            and 29.0 <= event.place.lat <= 37.5
            and 38.0 <= event.place.lon <= 49.0
        )
    )
    kept = _ids(ExportFilter(bbox=bbox))
    assert kept == inside
    assert any(id_.startswith("ex:001") for id_ in kept)
    assert not any("kenya" in id_ or "nairobi" in id_ for id_ in kept)


def test_bbox_across_the_antimeridian() -> None:
    fiji = PlaceValue(name="Suva", country_code="FJ", lat=-18.14, lon=178.44, precision="exact")
    samoa = PlaceValue(name="Apia", country_code="WS", lat=-13.83, lon=-171.77, precision="exact")
    across = ExportFilter(bbox=(170.0, -25.0, -170.0, -10.0))
    assert across.matches(make_extraction(place=fiji).events[0])
    assert across.matches(make_extraction(place=samoa).events[0])
    assert not across.matches(make_extraction().events[0])  # Somalia


def test_main_only_and_modes() -> None:
    mains = _ids(ExportFilter(main_only=True))
    assert mains == _expected(lambda event: event.main)
    denied = ExportFilter(modes={"denied", "negated"})
    assert denied.matches(make_extraction(mode="denied").events[0])
    assert not denied.matches(make_extraction().events[0])


@pytest.mark.parametrize(
    "bad",
    [
        {"date_from": dt.date(2024, 5, 1), "date_to": dt.date(2024, 4, 1)},
        {"bbox": (40.0, 35.0, 45.0, 30.0)},  # south above north
        {"bbox": (200.0, 0.0, 10.0, 10.0)},
    ],
)
def test_inconsistent_filters_are_refused_with_e046(bad: dict) -> None:
    with pytest.raises(SitrepError, match=r"\[E046\]"):
        ExportFilter(**bad)
