"""Schema migrations run on open: from an empty database to the newest revision, and back."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from sitrep.errors import SitrepError
from sitrep.store import open_store
from sitrep.store.connect import MIGRATIONS, make_engine, store_url
from sitrep.store.schema import metadata
from tests.examples import sample_extractions


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


HEAD = ScriptDirectory.from_config(_config()).get_current_head()


def _engine(url: str) -> sa.Engine:
    return make_engine(store_url(url))


def _drop_everything(url: str) -> None:
    engine = _engine(url)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql("DROP SCHEMA public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


def _fulltext_objects(obj: object, name: str | None, type_: str, *_: object) -> bool:
    # The full-text index (FTS5 tables, the tsvector column) lives outside the metadata.
    return not (name or "").startswith("articles_fts") and name not in (
        "search",
        "ix_articles_search",
    )


def test_an_empty_database_is_migrated_to_the_newest_revision(store_url: str) -> None:
    _drop_everything(store_url)
    with open_store(store_url) as store:
        assert store.revision == HEAD
        assert store.add_many(sample_extractions()[:2]) == 2
    engine = _engine(store_url)
    with engine.connect() as connection:
        tables = set(sa.inspect(connection).get_table_names())
        assert {table.name for table in metadata.sorted_tables} | {"alembic_version"} <= tables
        context = MigrationContext.configure(
            connection, opts={"include_object": _fulltext_objects, "compare_type": False}
        )
        assert compare_metadata(context, metadata) == []
    engine.dispose()


def test_the_schema_goes_down_to_nothing_and_back_up(store_url: str) -> None:
    open_store(store_url).close()
    engine = _engine(store_url)
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    with engine.connect() as connection:
        assert set(sa.inspect(connection).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    extraction = sample_extractions()[0]
    word = max(extraction.article.text.split(), key=len).strip(".,;:'\"()")
    with open_store(store_url) as store:
        assert store.revision == HEAD
        assert store.add(extraction)
        # The full-text index came back too.
        assert [hit.article_id for hit in store.search(word)] == [extraction.article.id]


def test_a_schema_newer_than_this_sitrep_is_refused(store_url: str) -> None:
    open_store(store_url).close()
    engine = _engine(store_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = 'f00d'")
    try:
        with pytest.raises(SitrepError, match=r"E035.*f00d"):
            open_store(store_url)
    finally:  # the PostgreSQL database serves the whole session
        with engine.begin() as connection:
            connection.exec_driver_sql(f"UPDATE alembic_version SET version_num = '{HEAD}'")
        engine.dispose()


def test_no_url_means_sitrep_db_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store() as store:
        assert store.url.endswith("/sitrep.db")
    assert (tmp_path / "sitrep.db").is_file()
    with open_store(f"sqlite:///{tmp_path / 'other.db'}") as store:
        assert store.backend == "sqlite"


@pytest.mark.parametrize(
    "url", ["mysql://root@localhost/db", "sqlite://", "postgresql+psycopg2://x/y"]
)
def test_a_url_that_is_not_a_store_is_refused(url: str) -> None:
    with pytest.raises(SitrepError, match="E031"):
        open_store(url)


def test_a_store_that_cannot_be_reached_says_so(tmp_path: Path) -> None:
    with pytest.raises(SitrepError, match=r"E030.*127\.0\.0\.1:1/"):
        open_store("postgresql://postgres:secret@127.0.0.1:1/nothing")
    with pytest.raises(SitrepError, match="E030"):
        open_store(tmp_path / "no-such-dir" / "store.db")


def test_the_password_never_shows(pg_url: str) -> None:
    url = str(sa.make_url(pg_url).set(password="hunter2"))
    with open_store(url) as store:  # trust auth: the password is not checked
        assert "hunter2" not in store.url and "hunter2" not in repr(store)
