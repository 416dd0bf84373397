"""The read endpoints under /api: events (JSON and GeoJSON), timeline, incidents, one
story, search, actors, outlets, facets and health. Each asks the store and shapes the
answer; none writes SQL.

Most handlers are plain functions: FastAPI runs them on its thread pool, so a slow query
holds one thread, never the event loop. The two list pages the dashboard polls most
(events and their GeoJSON) answer small pages on the event loop itself (see ``page_of``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from anyio.lowlevel import checkpoint
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from pydantic_core import to_json
from starlette.concurrency import run_in_threadpool

from .. import __version__
from ..model import Incident
from ..store import EventQuery, Store, aggregates
from .errors import NotFound, TooExpensive, documented
from .filters import Cursor, Filters, GeoLimit, Limit, checked_text
from .rows import event_list, feature_collection
from .schemas import (
    ActorItem,
    ActorList,
    ArticleDetail,
    EventPage,
    Facets,
    FacetValue,
    FeatureCollection,
    Health,
    IncidentPage,
    OutletItem,
    OutletList,
    SearchItem,
    SearchResults,
    Text,
    Timeline,
    TimelinePoint,
)

# Event pages up to this size, without a full-text query, are read on the event loop: the
# keyset indexes make them a millisecond or two of SQLite, less than a hop to a worker
# thread and back costs under load (benchmarks/api_load.py). Larger pages and text
# queries go to a thread, so they never hold up the loop.
INLINE_PAGE_LIMIT = 100
# The longest timeline answered (a day bucket over ten years); past it, ask for weeks.
MAX_SERIES = 3700
MAX_SEARCH_LIMIT = 100

router = APIRouter(prefix="/api")


class GeoJSONResponse(JSONResponse):
    media_type = "application/geo+json"


async def store_of(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(store_of)]
RecordId = Annotated[Text, Path(min_length=1)]


def answer(
    content: BaseModel | dict[str, Any], *, media_type: str = "application/json"
) -> Response:
    """A model, or plain data already in a response model's shape, as JSON in one pass.

    Pages are plain data from the store's aggregates: validating thousands of rows into
    models only to dump them again would double the cost of a page (the spec still
    documents them; the schemathesis tests check the answers against it).
    """
    data = content.model_dump_json() if isinstance(content, BaseModel) else to_json(content)
    return Response(data, media_type=media_type)


@router.get("/health", response_model=Health)
def health(request: Request, store: StoreDep) -> Response:
    """Liveness, the version, the store's backend, how much it holds, and whether the
    dashboard may offer online map tiles."""
    stories, events = aggregates.counts(store)
    return answer(
        Health(
            version=__version__,
            store=store.backend,
            articles=stories,
            events=events,
            online_tiles=request.app.state.online_tiles,
        )
    )


async def page_of(
    store: Store, filters: EventQuery, limit: int, cursor: str | None, *, as_features: bool = False
) -> tuple[list[str], str | None]:
    """A page of event rows (or GeoJSON features) as JSON texts, read here or on a worker
    thread (INLINE_PAGE_LIMIT)."""
    if limit <= INLINE_PAGE_LIMIT and filters.text is None:
        # Let the requests that came in meanwhile start first: a read here holds the
        # loop, and without this turn one client's next request can wait out two rounds
        # of the others' (p99 twice p50 under 50 clients, benchmarks/api_load.py).
        await checkpoint()
        return aggregates.event_page(
            store, filters, limit=limit, cursor=cursor, as_features=as_features
        )
    return await run_in_threadpool(
        aggregates.event_page,
        store,
        filters,
        limit=limit,
        cursor=cursor,
        as_features=as_features,
    )


@router.get("/events", response_model=EventPage, responses=documented(400, 422))
async def events(
    store: StoreDep, filters: Filters, limit: Limit = 100, cursor: Cursor = None
) -> Response:
    """A page of events matching the filters, newest first."""
    rows, following = await page_of(store, filters, limit, cursor)
    return Response(event_list(rows, following), media_type="application/json")


@router.get(
    "/events.geojson",
    response_model=FeatureCollection,
    response_class=GeoJSONResponse,
    responses=documented(400, 422, by_reference=True),
)
async def events_geojson(
    store: StoreDep, filters: Filters, limit: GeoLimit = 100, cursor: Cursor = None
) -> Response:
    """The same events as a GeoJSON FeatureCollection (the map layer), with precision."""
    features, following = await page_of(store, filters, limit, cursor, as_features=True)
    return Response(feature_collection(features, following), media_type=GeoJSONResponse.media_type)


@router.get("/timeline", response_model=Timeline, responses=documented(400, 422))
def timeline(
    store: StoreDep,
    filters: Filters,
    bucket: Annotated[Literal["day", "week", "month"], Query()] = "day",
) -> Response:
    """Matching events counted per day, week or month of their start date."""
    points = aggregates.timeline(store, filters, bucket=bucket)
    if len(points) > MAX_SERIES:
        raise TooExpensive(
            f"{len(points)} {bucket} buckets (the limit is {MAX_SERIES}): narrow the dates"
            " or ask for a coarser bucket."
        )
    series = [TimelinePoint(date=p.date, total=p.total, by_type=p.by_type) for p in points]
    return answer(Timeline(bucket=bucket, series=series))


@router.get("/incidents", response_model=IncidentPage, responses=documented(400, 422))
def incidents(
    store: StoreDep, filters: Filters, limit: Limit = 100, cursor: Cursor = None
) -> Response:
    """A page of incident summaries matching the filters, newest first."""
    found, following = aggregates.incident_page(store, filters, limit=limit, cursor=cursor)
    return answer({"items": found, "next_cursor": following})


@router.get(
    "/incidents/{incident_id:path}", response_model=Incident, responses=documented(404, 422)
)
def incident(store: StoreDep, incident_id: RecordId) -> Response:
    """One incident: every source with its outlet, date, wording, attributions and framing."""
    found = store.incident(incident_id)
    if found is None:
        raise NotFound("incident", incident_id)
    return answer(found)


@router.get(
    "/articles/{article_id:path}", response_model=ArticleDetail, responses=documented(404, 422)
)
def article(store: StoreDep, article_id: RecordId) -> Response:
    """One story and everything found in it; evidence offsets index article.text."""
    found = store.article(article_id)
    if found is None:
        raise NotFound("article", article_id)
    return answer(ArticleDetail(article=found.article, extraction=found))


@router.get("/search", response_model=SearchResults, responses=documented(400, 422))
def search(
    store: StoreDep,
    q: Annotated[Text, Query(description='Words and "quoted phrases", all required.')],
    limit: Annotated[int, Query(ge=1, le=MAX_SEARCH_LIMIT)] = 20,
) -> Response:
    """Stories matching a full-text query, best first, with a snippet around the matches."""
    hits = store.search(checked_text(q) or "", limit=limit)
    items = [
        SearchItem(
            article_id=hit.article_id,
            title=hit.title,
            outlet=hit.outlet,
            published=hit.published,
            snippet=hit.snippet,
        )
        for hit in hits
    ]
    return answer(SearchResults(items=items))


@router.get("/actors", response_model=ActorList, responses=documented(422))
def actors(
    store: StoreDep,
    q: Annotated[
        Text | None, Query(max_length=200, description="Substring of the name (any case).")
    ] = None,
    limit: Limit = 100,
) -> Response:
    """Actors by how many stored events name them, most first."""
    found = aggregates.actors(store, text=q, limit=limit)
    items = [
        ActorItem(name=actor.name, kind=actor.kind, inter=actor.inter, events=actor.events)
        for actor in found
    ]
    return answer(ActorList(items=items))


@router.get("/outlets", response_model=OutletList, responses=documented(422))
def outlets(store: StoreDep, limit: Limit = 1000) -> Response:
    """Outlets by how many stored stories they published, with what the registry knows."""
    from ..resources.outlet_registry import load_outlets

    registry = load_outlets()
    items = []
    for name, stories in aggregates.outlet_counts(store, limit=limit):
        entry = registry.get(name)
        items.append(
            OutletItem(
                name=name,
                kind=entry.kind if entry else None,
                country_code=entry.country_code if entry else None,
                state_affiliated=entry.state_affiliated if entry else None,
                articles=stories,
            )
        )
    return answer(OutletList(items=items))


@router.get("/facets", response_model=Facets)
def facets(store: StoreDep) -> Response:
    """The values the dashboard's filters offer, each with its event count."""
    found = aggregates.facets(store)
    return answer(
        Facets(
            **{
                name: [FacetValue(value=item.value, count=item.count) for item in values]
                for name, values in found.items()
            }
        )
    )
