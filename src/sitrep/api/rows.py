"""Flat event rows (as the store's aggregates read them) to the GeoJSON map layer."""

from __future__ import annotations

from typing import Any

from ..exports.geojson import RADIUS_HINT_KM


def feature(row: dict[str, Any]) -> dict[str, Any]:
    """An event row as a GeoJSON Feature: a point, or no geometry when it has no place;
    ``radius_km`` says how far the truth may lie from a coarse point."""
    located = row["lat"] is not None and row["lon"] is not None
    return {
        "type": "Feature",
        "id": row["id"],
        "geometry": {"type": "Point", "coordinates": (row["lon"], row["lat"])} if located else None,
        "properties": {**row, "radius_km": RADIUS_HINT_KM.get(row["precision"] or "")},
    }
