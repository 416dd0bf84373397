"""Writing a batch of extractions inside one transaction: new stories are inserted, a story
already stored by another pipeline version is re-extracted, an identical one is left alone."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import Errors, InputError
from ..model import Extraction
from .rows import article_values, content_hash, extraction_rows, now
from .schema import articles, events, extractions

T = TypeVar("T")
# Keep IN lists well under SQLite's bound-parameter limit whatever the batch size.
IN_CHUNK = 500


def chunked(items: Sequence[T], size: int = IN_CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def stored_by_hash(connection: Connection, digests: Iterable[str]) -> dict[str, Any]:
    """Stored articles by content hash: their id and the pipeline version that extracted them."""
    found: dict[str, Any] = {}
    joined = articles.outerjoin(extractions, extractions.c.article_id == articles.c.id)
    for part in chunked(sorted(set(digests))):
        statement = (
            sa.select(articles.c.id, articles.c.content_hash, extractions.c.pipeline_version)
            .select_from(joined)
            .where(articles.c.content_hash.in_(part))
        )
        found.update((row.content_hash, row) for row in connection.execute(statement))
    return found


def hashes_by_id(connection: Connection, article_ids: Iterable[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for part in chunked(sorted(set(article_ids))):
        statement = sa.select(articles.c.id, articles.c.content_hash).where(articles.c.id.in_(part))
        found.update((row.id, row.content_hash) for row in connection.execute(statement))
    return found


def write_extractions(
    connection: Connection, batch: Sequence[tuple[Extraction, str | None]]
) -> list[Extraction]:
    """Store ``batch`` (extraction, source) in the open transaction; return the extractions
    written (new, or re-extracted by another pipeline version) as they were stored.

    Raises InputError (E032) when a new story's id is already taken by a different text:
    that one input is the problem; the caller's transaction rolls the whole batch back.
    """
    digests = [content_hash(extraction.article.text) for extraction, _ in batch]
    stored = stored_by_hash(connection, digests)
    taken = hashes_by_id(connection, (extraction.article.id for extraction, _ in batch))
    added_at = now()
    new_articles: list[dict[str, Any]] = []
    updated_articles: list[dict[str, Any]] = []
    extraction_values: list[dict[str, Any]] = []
    event_values: list[dict[str, Any]] = []
    written: list[Extraction] = []
    seen: set[str] = set()
    for (extraction, source), digest in zip(batch, digests, strict=True):
        if digest in seen:  # the same text twice in one batch: the first one counts
            continue
        seen.add(digest)
        known = stored.get(digest)
        if known is not None and known.pipeline_version == extraction.pipeline_version:
            continue
        article = extraction.article
        if known is None:
            other = taken.setdefault(article.id, digest)
            if other != digest:
                raise InputError(Errors.E032.format(article=article.id, stored=other, new=digest))
            new_articles.append(
                {**article_values(article, digest=digest, source=source), "added_at": added_at}
            )
        else:
            if known.id != article.id:  # the same text stored under another id: that id stays
                article = article.model_copy(update={"id": known.id})
                extraction = extraction.model_copy(update={"article": article})
            values = article_values(article, digest=digest, source=source)
            refreshed = {f"new_{name}": values[name] for name in _REFRESHED}
            updated_articles.append({"key": known.id, **refreshed})
        row, rows = extraction_rows(extraction)
        written.append(extraction)
        extraction_values.append(row)
        event_values.extend(rows)
    replaced = [row["key"] for row in updated_articles]
    for part in chunked(replaced):
        connection.execute(sa.delete(events).where(events.c.article_id.in_(part)))
        connection.execute(sa.delete(extractions).where(extractions.c.article_id.in_(part)))
    if updated_articles:
        connection.execute(_UPDATE_ARTICLE, updated_articles)
    for table, values in (
        (articles, new_articles),
        (extractions, extraction_values),
        (events, event_values),
    ):
        if values:
            connection.execute(sa.insert(table), values)
    return written


# A re-extracted story keeps its text, hash, id and first-seen time; the rest is refreshed
# from the newer read, and its source only when the newer read names one.
_REFRESHED = ("url", "title", "published", "outlet", "language", "source")
_UPDATE_ARTICLE = (
    sa.update(articles)
    .where(articles.c.id == sa.bindparam("key"))
    .values(
        {name: sa.bindparam(f"new_{name}", type_=articles.c[name].type) for name in _REFRESHED}
        | {"source": sa.func.coalesce(sa.bindparam("new_source", type_=sa.Text), articles.c.source)}
    )
)
