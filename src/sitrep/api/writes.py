"""POST /api/articles: add stories (bearer token required), extract them with the default
pipeline, store them, and cluster the new ones into incidents.

Writes are never open by default: with no token configured every write is 401. Tokens
are compared in constant time. One write runs at a time (a lock), because the pipeline
is built once and is not meant to be shared between threads; incidents are brought up to
date from the store after each write, as ``sitrep ingest`` does.
"""

from __future__ import annotations

import datetime as dt
import hmac
import threading
from typing import TYPE_CHECKING, Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Body, Depends, Request
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import Discriminator, Field, Tag

from ..errors import Errors, InputError
from ..ingest import FUTURE_GRACE, IncidentSync
from ..model import Article, Extraction
from ..readers.jsonl import record_to_article
from ..readers.language import with_language
from ..settings import Settings
from ..store import Store, aggregates, content_hash
from .errors import ApiError, InvalidParameter, documented
from .schemas import Added, AddedList, StoryIn

if TYPE_CHECKING:
    from ..pipeline import Pipeline

# Stories per request: each one is extracted while the client waits.
MAX_STORIES = 100
SOURCE = "POST /api/articles"

router = APIRouter(prefix="/api")
bearer = HTTPBearer(auto_error=False, description="The server's SITREP_API_TOKEN.")


def _unauthorized(reason: str) -> ApiError:
    return ApiError(401, Errors.E062.format(reason=reason), headers={"WWW-Authenticate": "Bearer"})


async def require_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """Let the request through only with the server's token (compared in constant time)."""
    token: str | None = request.app.state.token
    if not token:
        raise _unauthorized("this server takes no writes (start it with SITREP_API_TOKEN set)")
    if credentials is None:
        raise _unauthorized("no bearer token was sent")
    if not hmac.compare_digest(credentials.credentials.encode(), token.encode()):
        raise _unauthorized("the token does not match")


class Writer:
    """Extracts and stores posted stories, one request at a time."""

    def __init__(self, store: Store, *, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or Settings()
        self._lock = threading.Lock()
        self._pipeline: Pipeline | None = None
        # The incident index is kept between writes; reloaded only after another writer.
        self._incidents = IncidentSync(store, settings=self.settings)

    def articles(self, stories: StoryIn | list[StoryIn]) -> list[Article]:
        """The stories as Articles (id from the text), or a 422 naming the first bad one
        as FastAPI names body fields: 'story.text', or 'stories.3.text' in a list."""
        latest = dt.date.today() + FUTURE_GRACE
        many = isinstance(stories, list)
        found = []
        for number, story in enumerate(stories if many else [stories]):
            where = f"stories.{number}" if many else "story"
            try:
                article = record_to_article(
                    story.record(),
                    SOURCE,
                    number + 1,  # messages count stories from 1, as a reader counts lines
                    published=None,
                    limit=self.settings.text.max_article_chars,
                )
            except InputError as exc:
                raise InvalidParameter(f"{where}.text", str(exc), location="body") from None
            if article.published and article.published > latest:
                message = Errors.E033.format(
                    source=f"{SOURCE}, story {number + 1}",
                    article=article.id,
                    published=article.published,
                    today=dt.date.today(),
                )
                raise InvalidParameter(f"{where}.published", message, location="body")
            found.append(with_language(article))
        return found

    def add(self, articles: list[Article]) -> list[Added]:
        """Extract and store the stories the store does not hold from this pipeline version,
        and cluster those new to it into incidents; say for each story its stored id,
        whether it was new and how many events it has."""
        with self._lock:
            pipeline = self._get_pipeline()
            digests = [content_hash(article.text) for article in articles]
            versions = self.store.versions(digests)
            stored_ids = aggregates.ids_by_hash(self.store, digests)
            answered: dict[str, Added] = {}
            results: list[Added] = []
            to_store: list[Extraction] = []
            for article, digest in zip(articles, digests, strict=True):
                if digest in answered:  # the same text twice in one request: one story
                    results.append(answered[digest].model_copy(update={"new": False}))
                    continue
                stored_id = stored_ids.get(digest)
                if stored_id is not None and versions.get(digest) == pipeline.version:
                    added = Added(article_id=stored_id, new=False, events=self._events(stored_id))
                else:
                    extraction = pipeline.extract(article)
                    to_store.append(extraction)
                    added = Added(
                        article_id=stored_id or article.id,
                        new=stored_id is None,
                        events=len(extraction.events),
                    )
                answered[digest] = added
                results.append(added)
            if to_store:
                written = self.store.write(to_store, sources=[SOURCE] * len(to_store))
                # Shared with ingest: what this or any other process stored and did not
                # cluster yet joins the stored incidents, resumably.
                self._incidents.update(fresh=written)
            return results

    def _get_pipeline(self) -> Pipeline:
        if self._pipeline is None:
            from ..pipeline import Pipeline

            self._pipeline = Pipeline(settings=self.settings)
        return self._pipeline

    def _events(self, article_id: str) -> int:
        stored = self.store.article(article_id)
        return len(stored.events) if stored else 0


def _shape(body: Any) -> str | None:
    # Tags name the two shapes in validation errors: 'story.text', 'stories.2.text'.
    if isinstance(body, list):
        return "stories"
    return "story" if isinstance(body, dict) else None


Stories = Annotated[
    Annotated[StoryIn, Tag("story")]
    | Annotated[list[StoryIn], Field(min_length=1, max_length=MAX_STORIES), Tag("stories")],
    Discriminator(_shape),
    Body(description=f"One story, or a list of at most {MAX_STORIES}."),
]


@router.post(
    "/articles",
    status_code=201,
    response_model=AddedList,
    responses=documented(400, 401, 413, 422, 503),
    dependencies=[Depends(require_token)],
)
async def add_articles(request: Request, stories: Stories) -> Response:
    """Add stories: each is extracted with the default pipeline, stored, and clustered
    into incidents. Needs 'Authorization: Bearer <token>'."""
    writer: Writer = request.app.state.writer

    def write() -> list[Added]:
        return writer.add(writer.articles(stories))

    try:
        added = await anyio.to_thread.run_sync(write, limiter=request.app.state.write_limiter)
    except InputError as exc:  # an id another text holds (E032): nothing was stored
        raise ApiError(400, str(exc)) from None
    return Response(
        AddedList(items=added).model_dump_json(), status_code=201, media_type="application/json"
    )
