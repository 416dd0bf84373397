"""The bundled sample stories as Articles, read through the project's own JSONL reader."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sitrep.model import Article
from sitrep.readers import read_source

STORIES = Path(__file__).resolve().parents[1] / "examples" / "stories.jsonl"


@lru_cache(maxsize=1)
def _stories() -> dict[str, Article]:
    return {item.id: item for item in read_source(str(STORIES)) if isinstance(item, Article)}


def example_articles() -> list[Article]:
    return list(_stories().values())


def example_article(story_id: str) -> Article:
    """The sample story whose id starts with ``story_id`` ("ex:001")."""
    for article_id, article in _stories().items():
        if article_id.startswith(story_id):
            return article
    raise KeyError(story_id)


@lru_cache(maxsize=1)
def _extractions() -> tuple:
    from sitrep.pipeline import Pipeline

    pipeline = Pipeline()
    return tuple(pipeline.extract(article) for article in example_articles())


def sample_extractions() -> list:
    """Every sample story through the default pipeline (computed once per test session)."""
    return list(_extractions())
