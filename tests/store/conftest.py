"""Store fixtures: every store test runs on a SQLite file and on a real PostgreSQL server.

The PostgreSQL backend gets a fresh database per test session (``sitrep_test_<pid>`` on
``$SITREP_TEST_PG``, default ``postgresql://postgres@127.0.0.1:5432/postgres``), emptied
before each test and dropped at the end. When the server cannot be reached the tests
fail, never skip: ``make test`` starts PostgreSQL (``make postgres``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa

from sitrep.store import Store, open_store
from sitrep.store.schema import metadata

ADMIN_URL = os.environ.get("SITREP_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    name = f"sitrep_test_{os.getpid()}"
    try:
        admin = psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.fail(
            f"PostgreSQL is not reachable at {ADMIN_URL} ({exc}). The store tests need a real"
            " server: start it with `make postgres`, or point SITREP_TEST_PG at one.",
            pytrace=False,
        )
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        yield str(sa.make_url(ADMIN_URL).set(database=name))
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def empty_postgres(url: str) -> None:
    """Delete every row (the schema stays): a clean store for the next test."""
    engine = sa.create_engine(sa.make_url(url).set(drivername="postgresql+psycopg"))
    with engine.begin() as connection:
        present = set(sa.inspect(connection).get_table_names())
        tables = [table.name for table in metadata.sorted_tables if table.name in present]
        if tables:
            connection.exec_driver_sql(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty store on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    url = request.getfixturevalue("pg_url")
    empty_postgres(url)
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened
