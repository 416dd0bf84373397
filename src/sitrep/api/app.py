"""The app factory: one store per app, the routes, the error shape, the security headers.

Wiring only; the endpoints live in ``reads``, ``writes`` and ``pages``.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
import anyio.to_thread
from fastapi import FastAPI

from .. import __version__
from ..settings import Settings
from ..store import open_store
from . import errors, pages, reads, writes
from .cache import DEFAULT_CACHE_BYTES, ReadCache
from .middleware import BodyLimit, InternalErrors, SecurityHeaders

# Reads served at once (each on a thread of its own). Threads share the server's one core,
# so more of them only interleave: measured under 50 clients (benchmarks/api_load.py),
# 4 threads answer as many requests per second as 40 with a third of the p99 latency.
READ_THREADS = 4

DESCRIPTION = (
    "Event records of political violence and unrest, each value traced to the words of"
    " the story that support it. Errors always have the shape"
    ' `{"error": {"status", "code", "message", "details"?}}`; lists are pages with an'
    " opaque `next_cursor`. See docs/api.md."
)


def create_app(
    store_url: str | Path | None,
    *,
    token: str | None = None,
    online_tiles: bool = False,
    settings: Settings | None = None,
    cache_bytes: int = DEFAULT_CACHE_BYTES,
) -> FastAPI:
    """The API and dashboard over the store at ``store_url`` (opened and migrated now, so
    a bad URL fails here, not on the first request). ``token`` enables writes; without
    one every write is 401; ``settings`` are the posted stories' (default: the defaults).
    ``online_tiles`` lets the dashboard offer OpenStreetMap tiles
    (the CSP then allows images from that one server); off, nothing leaves this host.
    ``cache_bytes`` is the memory kept for answers to reads while the store is unchanged
    (``cache.ReadCache``; 0 keeps none, and answers have no entity tags).

    The store is opened once and shared by every request: its SQLAlchemy engine hands
    each thread its own connection (READ_THREADS readers, one writer; the store's pool
    holds five), and writes take a lock.
    """
    store = open_store(store_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = READ_THREADS
        # Writes (seconds of extraction) get a thread of their own, so they never hold
        # the readers' threads; one at a time.
        app.state.write_limiter = anyio.CapacityLimiter(1)
        # What is alive now (modules, the app, the schema) lives as long as the server:
        # out of the collector's sight, a full collection under load takes a few ms, not
        # the 60-80 ms that held up every waiting request (benchmarks/api_load.py).
        gc.collect()
        gc.freeze()
        yield
        store.close()

    app = FastAPI(
        title="sitrep",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/openapi.json",
        docs_url=None,  # FastAPI's own pages load Swagger UI from a CDN: ours is local
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.token = token or None
    app.state.online_tiles = online_tiles
    app.state.writer = writes.Writer(store, settings=settings)
    errors.install(app)
    app.include_router(reads.router)
    app.include_router(writes.router)
    app.include_router(pages.router)
    pages.mount_static(app)
    # The last added runs first: headers go on everything, the 500 catch-all sits inside,
    # and the cache inside it sees only the app's own answers.
    if cache_bytes > 0:
        app.add_middleware(ReadCache, store=store, max_bytes=cache_bytes)
    app.add_middleware(InternalErrors)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders, online_tiles=online_tiles)
    return app
