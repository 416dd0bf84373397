"""Read-only summaries over a store that the HTTP API needs and the Store class does not
offer: counts, facets, a timeline, actors, outlets, incident pages and the lookups that
complete an event row (its story's title, its incident).

Every function takes a :class:`~sitrep.store.Store` and reads its tables with SQLAlchemy
Core only, so the same code runs on SQLite and PostgreSQL. Nothing here writes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..model import RADIUS_HINT_KM
from .casefold import folded
from .fulltext import matching_articles
from .json_sql import json_array, json_quoted, json_text, object_of
from .query import EventQuery, after_key, decode_cursor, encode_cursor, keyset_order
from .schema import articles, events, incident_sources, incidents
from .store import Store
from .writes import chunked

Bucket = Literal["day", "week", "month"]


def _json_text(column: sa.ColumnElement, *path: str) -> sa.ColumnElement:
    """The text at ``path`` inside a JSON column (JSON_EXTRACT in SQLite, #>> in PostgreSQL)."""
    return sa.type_coerce(column, sa.JSON)[path].as_string()


# ------------------------------------------------------------------------------ counts


def counts(store: Store) -> tuple[int, int]:
    """How many stories and how many events the store holds."""
    with store.reading() as connection:
        stories = connection.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one()
        found = connection.execute(sa.select(sa.func.count()).select_from(events)).scalar_one()
    return int(stories), int(found)


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


def facets(store: Store) -> dict[str, list[FacetValue]]:
    """Every stored value of the event type, country, mode and outlet columns with its
    event count, most frequent first (null values left out)."""
    columns = {
        "event_types": events.c.event_type,
        "countries": events.c.country_code,
        "modes": events.c.mode,
        "outlets": events.c.outlet,
    }
    found: dict[str, list[FacetValue]] = {}
    with store.reading() as connection:
        for name, column in columns.items():
            total = sa.func.count().label("n")
            statement = (
                sa.select(column, total)
                .where(column.is_not(None))
                .group_by(column)
                .order_by(total.desc(), column)
            )
            found[name] = [FacetValue(value, int(n)) for value, n in connection.execute(statement)]
    return found


# ---------------------------------------------------------------------------- timeline


@dataclass(frozen=True)
class TimelinePoint:
    date: dt.date
    total: int
    by_type: dict[str, int]


def bucket_start(day: dt.date, bucket: Bucket) -> dt.date:
    """The first day of the bucket ``day`` falls in (weeks start on Monday, as ISO's do)."""
    if bucket == "week":
        return day - dt.timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    return day


def timeline(store: Store, filters: EventQuery, *, bucket: Bucket = "day") -> list[TimelinePoint]:
    """Matching events counted per bucket of their start date, oldest first.

    Undated events are left out; so are buckets with no events. ``by_type`` counts the
    events that have a type, ``total`` every event. The database groups by day (a few
    thousand rows at most); days are folded into weeks or months here, which keeps the
    query the same on both backends.
    """
    c = events.c
    with store.reading() as connection:
        conditions = store.event_conditions(connection, filters)
        number = sa.func.count().label("n")
        statement = (
            sa.select(c.date_start, c.event_type, number)
            .where(*conditions, c.date_start.is_not(None))
            .group_by(c.date_start, c.event_type)
        )
        rows = connection.execute(statement).all()
    totals: Counter[dt.date] = Counter()
    typed: dict[dt.date, Counter[str]] = {}
    for day, event_type, n in rows:
        start = bucket_start(day, bucket)
        totals[start] += n
        by_type = typed.setdefault(start, Counter())
        if event_type is not None:
            by_type[event_type] += n
    return [
        TimelinePoint(date=start, total=totals[start], by_type=dict(typed[start].most_common()))
        for start in sorted(totals)
    ]


# ------------------------------------------------------------------------------ actors


@dataclass(frozen=True)
class ActorCount:
    name: str
    kind: str | None
    inter: int | None
    events: int


def actors(store: Store, *, text: str | None = None, limit: int = 100) -> list[ActorCount]:
    """Actor names (actor1 or actor2 of some event) by how many events name them, most
    first; ``text`` keeps the names containing it (any case). Kind and inter code come
    from the first event that names the actor."""
    c = events.c
    named = sa.union_all(
        sa.select(c.actor1.label("name"), c.seq).where(c.actor1.is_not(None)),
        sa.select(c.actor2.label("name"), c.seq).where(c.actor2.is_not(None)),
    ).subquery()
    total = sa.func.count(sa.distinct(named.c.seq)).label("n")
    statement = sa.select(named.c.name, total, sa.func.min(named.c.seq).label("first")).group_by(
        named.c.name
    )
    if text:
        statement = statement.where(folded(named.c.name).contains(text.lower(), autoescape=True))
    statement = statement.order_by(total.desc(), named.c.name).limit(limit)
    with store.reading() as connection:
        rows = connection.execute(statement).all()
        kinds = _actor_kinds(connection, [row.first for row in rows])
    return [
        ActorCount(row.name, *kinds.get((row.first, row.name), (None, None)), events=int(row.n))
        for row in rows
    ]


def _actor_kinds(
    connection: Connection, seqs: Sequence[int]
) -> dict[tuple[int, str], tuple[str | None, int | None]]:
    """(kind, inter) of actor1 and actor2 of these events, by (seq, actor name)."""
    c = events.c
    found: dict[tuple[int, str], tuple[str | None, int | None]] = {}
    for part in chunked(list(seqs)):
        statement = sa.select(
            c.seq,
            *(
                column
                for role in ("actor1", "actor2")
                for column in (
                    c[role],
                    _json_text(c.data, role, "kind"),
                    _json_text(c.data, role, "inter"),
                )
            ),
        ).where(c.seq.in_(part))
        for seq, *values in connection.execute(statement):
            for name, kind, inter in (values[:3], values[3:]):
                if name is not None:
                    found[(seq, name)] = (kind, int(inter) if inter is not None else None)
    return found


# ----------------------------------------------------------------------------- outlets


def outlet_counts(store: Store, *, limit: int = 1000) -> list[tuple[str, int]]:
    """(outlet name, stories) pairs, most stories first. A story's outlet is the one its
    events carry (the outlet the pipeline found), else the one its input named."""
    found_outlet = (
        sa.select(events.c.outlet)
        .where(events.c.article_id == articles.c.id, events.c.outlet.is_not(None))
        .limit(1)
        .scalar_subquery()
    )
    per_story = sa.select(
        sa.func.coalesce(found_outlet, articles.c.outlet).label("name")
    ).subquery()
    total = sa.func.count().label("n")
    statement = (
        sa.select(per_story.c.name, total)
        .where(per_story.c.name.is_not(None))
        .group_by(per_story.c.name)
        .order_by(total.desc(), per_story.c.name)
        .limit(limit)
    )
    with store.reading() as connection:
        return [(name, int(n)) for name, n in connection.execute(statement)]


# ------------------------------------------------------------------ event and incident pages
# Pages read the flat columns (and a few values out of the JSON in the database), never
# the records: parsing a hundred Event records costs ~10 ms, more than the whole query.


_SAME_NAME = (
    ("article_id", "event_id", "event_type", "sub_event_type", "disorder_type", "mode", "main")
    + ("date_start", "date_end", "date_precision", "country_code", "admin1", "admin2")
    + ("location", "lat", "lon", "geo_precision", "actor1", "actor2")
)
_EVENT_COLUMNS = {name: events.c[name] for name in _SAME_NAME} | {
    "fatalities": events.c.fatalities_best,
    "injuries": events.c.injuries_best,
    "outlet": events.c.outlet,
    "published": events.c.published,
}


def event_page(
    store: Store,
    filters: EventQuery,
    *,
    limit: int = 100,
    cursor: str | None = None,
    as_features: bool = False,
) -> tuple[list[str], str | None]:
    """One page of matching events as JSON texts, in the order and with the cursors of
    ``Store.events``, and the next page's cursor.

    Each is the event row of docs/api.md (``id``, ``article_id``, ..., ``precision`` of the
    place, the story's ``title`` and the ``incident_id`` the event is a source of), or,
    ``as_features``, a GeoJSON Feature with that row as its properties plus ``radius_km``
    (``model.RADIUS_HINT_KM``) and a Point, or no geometry when the event has no place.
    The database writes them (``json_sql``); SQLite writes numbers with 15 significant
    digits, so coordinates, which the places stage rounds to 5 decimals, come out exactly.

    One statement per page: the story and incident lookups are joined to the rows the
    keyset index walks (a second query for them cost as much as the page itself).
    """
    after = decode_cursor(cursor) if cursor is not None else None
    with store.reading(one_statement=True) as connection:
        conditions = store.event_filter(connection, filters)
        shape = (
            connection.dialect.name,
            as_features,
            *conditions.shape,
            "" if after is None else "after" if after[0] is not None else "after_undated",
        )
        statement = _PAGES.get(shape) if conditions.reusable else None
        if statement is None:
            statement = _page_statement(connection.dialect, as_features).where(*conditions.clauses)
            if after is not None:
                statement = statement.where(after_key(events, *after))
            statement = statement.order_by(*keyset_order(events))
            statement = statement.limit(sa.bindparam("page_size", limit + 1))
            if conditions.reusable:
                _PAGES.put(shape, statement)
        values = {**conditions.values, "page_size": limit + 1}
        if after is not None:
            values |= {"after_date": after[0], "after_seq": after[1]}
        rows = connection.execute(statement, values).all()
    following = None
    if len(rows) > limit:
        last = rows[limit - 1]
        following = encode_cursor(last.date_start, last.seq)
    return [row.json for row in rows[:limit]], following


_EVENT_ID = events.c.article_id + "#" + events.c.event_id
_EVENT_ROW = {
    "id": _EVENT_ID,
    **_EVENT_COLUMNS,
    "precision": events.c.place_precision,
    "title": articles.c.title,
    "incident_id": incident_sources.c.incident_id,
}
_RADIUS_KM = sa.case(
    {word: sa.literal_column(str(km)) for word, km in RADIUS_HINT_KM.items()},
    value=events.c.place_precision,
)
_POINT = sa.case(
    (
        sa.and_(events.c.lat.is_not(None), events.c.lon.is_not(None)),
        object_of({"type": "Point", "coordinates": json_array(events.c.lon, events.c.lat)}),
    )
)
# The Feature around its parts is joined as text: as a JSON object holding the
# properties object, SQLite would parse the properties again (a tenth of a map page).
_FEATURE = (
    sa.literal('{"type":"Feature","id":')
    + json_quoted(_EVENT_ID)
    + sa.literal(',"geometry":')
    + sa.func.coalesce(json_text(_POINT), sa.literal("null"))
    + sa.literal(',"properties":')
    + json_text(object_of(_EVENT_ROW | {"radius_km": _RADIUS_KM}))
    + sa.literal("}")
)


_PAGE_STATEMENTS: dict[tuple[str, bool], sa.Select] = {}


class _Statements:
    """Page statements by shape (backend, kind, conditions present, cursor kind): the
    same statement object runs again with other values, so SQLAlchemy neither builds its
    conditions again nor walks it to key its cache (7% of a request's instructions). Bounded:
    the shapes a dashboard asks for are few, but a client can vary them."""

    LIMIT = 256

    def __init__(self) -> None:
        self.held: dict[tuple, sa.Select] = {}

    def get(self, shape: tuple) -> sa.Select | None:
        return self.held.get(shape)

    def put(self, shape: tuple, statement: sa.Select) -> None:
        if len(self.held) >= self.LIMIT:
            self.held.clear()
        self.held[shape] = statement


_PAGES = _Statements()


def _page_statement(dialect: sa.Dialect, as_features: bool) -> sa.Select:
    """The page's SELECT, built once per backend and shape; pages differ only in their
    conditions, order and limit. The JSON expression goes in as its compiled SQL: as a
    tree of sixty-odd elements, SQLAlchemy walked it on every page to key its cache."""
    key = (dialect.name, as_features)
    if key not in _PAGE_STATEMENTS:
        json = _FEATURE if as_features else json_text(object_of(_EVENT_ROW))
        compiled = json.compile(dialect=dialect, compile_kwargs={"literal_binds": True})
        _PAGE_STATEMENTS[key] = sa.select(
            sa.literal_column(str(compiled), sa.Text).label("json"),
            events.c.date_start,
            events.c.seq,
        ).select_from(
            events.join(articles, articles.c.id == events.c.article_id).outerjoin(
                incident_sources,
                sa.and_(
                    incident_sources.c.article_id == events.c.article_id,
                    incident_sources.c.event_id == events.c.event_id,
                ),
            )
        )
    return _PAGE_STATEMENTS[key]


def incident_page(
    store: Store, filters: EventQuery, *, limit: int = 100, cursor: str | None = None
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of incidents matching ``filters`` as summaries, newest first, and the next
    page's cursor. A summary has ``id``, ``event_type``, ``sub_event_type``, ``date``
    (start, end, precision), ``place`` (name, country_code, admin1, admin2, lat, lon,
    precision), ``fatalities``, ``sources`` (count) and ``outlets`` (names, first report
    first).

    Incidents are made of asserted events only: a mode filter without ``asserted``
    matches none. ``main_only`` keeps incidents that some story reports as its main
    event; ``text`` those that some matching story reports.
    """
    story_level = dataclasses.replace(filters, modes=(), main_only=False, text=None)
    c = incidents.c
    with store.reading() as connection:
        conditions = store.incident_conditions(story_level)
        if filters.modes and "asserted" not in filters.modes:
            conditions.append(sa.false())
        if filters.main_only:
            main_sources = sa.select(incident_sources.c.incident_id).join(
                events,
                sa.and_(
                    events.c.article_id == incident_sources.c.article_id,
                    events.c.event_id == incident_sources.c.event_id,
                ),
            )
            conditions.append(c.id.in_(main_sources.where(events.c.main.is_(True))))
        if filters.text:
            stories = sa.select(articles.c.id).where(matching_articles(connection, filters.text))
            reported = sa.select(incident_sources.c.incident_id).where(
                incident_sources.c.article_id.in_(stories)
            )
            conditions.append(c.id.in_(reported))
        statement = sa.select(
            c.seq,
            c.id,
            c.event_type,
            c.sub_event_type,
            c.date_start,
            c.date_end,
            _json_text(c.data, "date", "precision").label("date_precision"),
            _json_text(c.data, "place", "name").label("place_name"),
            c.country_code,
            c.admin1,
            _json_text(c.data, "place", "admin2").label("admin2"),
            c.lat,
            c.lon,
            _json_text(c.data, "place", "precision").label("place_precision"),
            c.fatalities_best,
            c.source_count,
        ).where(*conditions)
        if cursor is not None:
            statement = statement.where(after_key(incidents, *decode_cursor(cursor)))
        statement = statement.order_by(*keyset_order(incidents)).limit(limit + 1)
        rows = connection.execute(statement).all()
        page = rows[:limit]
        outlets = _incident_outlets(connection, [row.id for row in page])
    found = [
        {
            "id": row.id,
            "event_type": row.event_type,
            "sub_event_type": row.sub_event_type,
            "date": {"start": row.date_start, "end": row.date_end, "precision": row.date_precision}
            if row.date_start or row.date_precision
            else None,
            "place": {
                "name": row.place_name,
                "country_code": row.country_code,
                "admin1": row.admin1,
                "admin2": row.admin2,
                "lat": row.lat,
                "lon": row.lon,
                "precision": row.place_precision,
            }
            if row.place_name or row.country_code or row.lat is not None
            else None,
            "fatalities": row.fatalities_best,
            "sources": row.source_count,
            "outlets": outlets.get(row.id, []),
        }
        for row in page
    ]
    following = None
    if len(rows) > limit:
        last = rows[limit - 1]
        following = encode_cursor(last.date_start, last.seq)
    return found, following


def _incident_outlets(connection: Connection, incident_ids: Sequence[str]) -> dict[str, list[str]]:
    """The outlets reporting each incident, first report first, each once."""
    c = incident_sources.c
    found: dict[str, list[str]] = {}
    for part in chunked(list(incident_ids)):
        statement = (
            sa.select(c.incident_id, c.outlet)
            .where(c.incident_id.in_(part), c.outlet.is_not(None))
            .order_by(c.incident_id, c.position)
        )
        for incident_id, outlet in connection.execute(statement):
            names = found.setdefault(incident_id, [])
            if outlet not in names:
                names.append(outlet)
    return found


# ----------------------------------------------------------------------------- lookups


def ids_by_hash(store: Store, content_hashes: Iterable[str]) -> dict[str, str]:
    """The article id stored under each of these content hashes, for those stored."""
    found: dict[str, str] = {}
    with store.reading() as connection:
        for part in chunked(sorted(set(content_hashes))):
            statement = sa.select(articles.c.content_hash, articles.c.id).where(
                articles.c.content_hash.in_(part)
            )
            found.update((row.content_hash, row.id) for row in connection.execute(statement))
    return found
