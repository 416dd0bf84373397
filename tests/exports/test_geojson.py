"""GeoJSON: a valid FeatureCollection, [lon, lat] order, and honest precision."""

from __future__ import annotations

import json
from pathlib import Path

from sitrep.exports import ExportFilter, export
from sitrep.model import PlaceValue
from tests.examples import sample_extractions

from .records import make_extraction


def _collection(extractions, tmp_path: Path, filters: ExportFilter | None = None) -> dict:
    path = tmp_path / "events.geojson"
    count = export(extractions, "geojson", path, filters)
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert len(collection["features"]) == count
    return collection


def test_feature_collection_is_structurally_valid(tmp_path: Path) -> None:
    collection = _collection(sample_extractions(), tmp_path, ExportFilter(modes=None))
    assert collection["type"] == "FeatureCollection"
    assert collection["features"]
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        if geometry is None:
            assert feature["properties"]["precision"] is None or feature["properties"]["location"]
            continue
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_coordinates_are_longitude_then_latitude(tmp_path: Path) -> None:
    collection = _collection([make_extraction()], tmp_path)
    [feature] = collection["features"]
    assert feature["geometry"]["coordinates"] == [45.1212, 2.1381]  # Afgooye: lon, lat
    assert feature["id"] == "t:somalia-bus#E1"
    assert feature["properties"]["precision"] == "near"


def test_a_province_level_event_says_so(tmp_path: Path) -> None:
    province = PlaceValue(
        name="Lower Shabeelle",
        country_code="SO",
        country="Somalia",
        admin1="Lower Shabeelle",
        lat=1.9,
        lon=44.6,
        precision="admin1",
    )
    [feature] = _collection([make_extraction(place=province)], tmp_path)["features"]
    properties = feature["properties"]
    assert properties["precision"] == "admin1"
    assert properties["geo_precision"] == 3
    assert properties["radius_km"] == 150
    exact = _collection(
        [make_extraction(place=province.model_copy(update={"precision": "exact"}))], tmp_path
    )
    assert exact["features"][0]["properties"]["radius_km"] is None


def test_sample_country_level_events_carry_a_radius(tmp_path: Path) -> None:
    features = _collection(sample_extractions(), tmp_path, ExportFilter(modes=None))["features"]
    coarse = [f for f in features if f["properties"]["precision"] in ("admin1", "country")]
    assert coarse
    assert all(f["properties"]["radius_km"] >= 150 for f in coarse)
    assert all(f["properties"]["geo_precision"] == 3 for f in coarse)


def test_an_event_without_place_has_null_geometry(tmp_path: Path) -> None:
    [feature] = _collection([make_extraction(place=None)], tmp_path)["features"]
    assert feature["geometry"] is None
    assert feature["properties"]["precision"] is None


def test_a_place_the_gazetteer_lacks_has_its_name_and_no_point(tmp_path: Path) -> None:
    unknown = PlaceValue(name="Zzyzzqa", country_code="SO", country="Somalia", precision="unknown")
    [feature] = _collection([make_extraction(place=unknown)], tmp_path)["features"]
    assert feature["geometry"] is None
    properties = feature["properties"]
    assert (properties["location"], properties["country_code"]) == ("Zzyzzqa", "SO")
    assert (properties["precision"], properties["geo_precision"]) == ("unknown", None)
    assert properties["radius_km"] is None
