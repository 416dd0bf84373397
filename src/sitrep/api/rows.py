"""Pages of event rows as the store hands them, JSON texts made by the database, to the
bytes of an answer: joined, not parsed and serialised again."""

from __future__ import annotations

from pydantic_core import to_json


def _page(head: str, items: list[str], following: str | None) -> bytes:
    return f'{{{head}:[{",".join(items)}],"next_cursor":'.encode() + to_json(following) + b"}"


def event_list(rows: list[str], following: str | None) -> bytes:
    """The /api/events page: ``items`` and ``next_cursor``."""
    return _page('"items"', rows, following)


def feature_collection(features: list[str], following: str | None) -> bytes:
    """The /api/events.geojson page: a FeatureCollection with ``next_cursor``."""
    return _page('"type":"FeatureCollection","features"', features, following)
