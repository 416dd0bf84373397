"""Pipeline and stage registry: order checks, --only, errors recorded as notes."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep import registry
from sitrep.errors import SitrepError
from sitrep.model import Article
from sitrep.pipeline import DEFAULT_STAGES, Pipeline, process_batch
from sitrep.settings import Settings


def test_every_default_stage_is_registered_through_entry_points() -> None:
    for name in DEFAULT_STAGES:
        cls = registry.load(name)
        assert cls.name == name
        assert cls.writes, name


def test_a_stage_whose_input_nothing_writes_is_refused() -> None:
    with pytest.raises(SitrepError, match="E001"):
        Pipeline(["events"])


def test_only_keeps_pipeline_order() -> None:
    pipeline = Pipeline.only(["quantities", "dates"])
    assert pipeline.stage_names == ["dates", "quantities"]
    extraction = pipeline.extract(
        Article(id="a", text="Two rockets hit the base on Sunday.", published=dt.date(2021, 4, 5))
    )
    assert extraction.events == []
    assert extraction.dates[0].start == dt.date(2021, 4, 4)


def test_unknown_stage_is_named_in_the_error() -> None:
    with pytest.raises(SitrepError, match="nonsense"):
        Pipeline.only(["nonsense"])


class _Exploding:
    name = "exploding"
    reads = frozenset()
    writes = frozenset({"boom"})
    description = "fails on purpose"

    def __init__(self, settings: Settings) -> None:
        pass

    def __call__(self, doc) -> None:
        raise RuntimeError("kaboom")


def test_a_failing_stage_becomes_a_note_or_raises() -> None:
    article = Article(id="a", text="Two rockets hit the base.")
    extraction = Pipeline(["dates", _Exploding]).extract(article)
    assert [note.code for note in extraction.notes] == ["stage.failed"]
    assert "kaboom" in extraction.notes[0].message
    strict = Pipeline(
        ["dates", _Exploding], settings=Settings.from_env({}, pipeline__on_error="raise")
    )
    with pytest.raises(RuntimeError):
        strict.extract(article)


def test_process_batch_returns_one_extraction_per_article() -> None:
    articles = [
        Article(id=str(i), text=f"{i} soldiers were killed in a clash.") for i in range(2, 5)
    ]
    extractions = process_batch(articles)
    assert [e.article.id for e in extractions] == ["2", "3", "4"]
    assert [e.events[0].fatalities.best for e in extractions] == [2, 3, 4]


def test_settings_from_environment() -> None:
    settings = Settings.from_env({"SITREP_TEXT__MAX_ARTICLE_CHARS": "123"})
    assert settings.text.max_article_chars == 123
