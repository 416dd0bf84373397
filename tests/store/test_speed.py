"""What keeps list pages fast (docs/store.md, Speed): the place precision as a column,
filled on write and by migration 0003, keyset indexes that carry every filtered column
(0004), and planner statistics refreshed by optimize()."""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.sql import visitors

from sitrep.store import EventQuery, Store, aggregates, open_store
from sitrep.store.connect import MIGRATIONS, make_engine
from sitrep.store.connect import store_url as parsed_url
from tests.examples import sample_extractions


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


HEAD = ScriptDirectory.from_config(_config()).get_current_head()


def _precisions(store: Store) -> dict[str, str | None]:
    """The place precision of every stored event as a list page shows it, by event id."""
    rows, _ = aggregates.event_page(store, EventQuery(), limit=1000)
    shown = [json.loads(row) for row in rows]
    return {row["id"]: row["precision"] for row in shown}


def _expected(extractions: list) -> dict[str, str | None]:
    return {
        f"{extraction.article.id}#{event.id}": event.place.precision if event.place else None
        for extraction in extractions
        for event in extraction.events
    }


def test_list_pages_read_the_place_precision_column(store: Store) -> None:
    extractions = sample_extractions()[:10]
    store.add_many(extractions)
    expected = _expected(extractions)
    assert any(expected.values())
    assert _precisions(store) == expected


def test_migration_0003_fills_the_precision_of_events_stored_before_it(store_url: str) -> None:
    extractions = sample_extractions()[:10]
    with open_store(store_url) as store:
        store.add_many(extractions)
    config = _config()
    engine = make_engine(parsed_url(store_url))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
        assert "place_precision" not in {
            column["name"] for column in sa.inspect(connection).get_columns("events")
        }
    engine.dispose()
    with open_store(store_url) as store:  # upgrades to the newest revision again
        assert store.revision == HEAD
        assert _precisions(store) == _expected(extractions)


def test_optimize_gives_the_planner_statistics_of_what_was_written(store: Store) -> None:
    extractions = sample_extractions()
    store.add_many(extractions)
    written = sum(len(extraction.events) for extraction in extractions)
    store.optimize()
    with store.reading() as connection:
        if store.backend == "sqlite":
            # sqlite_stat1: "rows in the index, rows per distinct mode, ..."
            statement = "SELECT stat FROM sqlite_stat1 WHERE idx = 'ix_events_mode_date'"
            counted = int(connection.exec_driver_sql(statement).scalar_one().split()[0])
        else:
            statement = "SELECT reltuples FROM pg_class WHERE relname = 'events'"
            counted = int(connection.exec_driver_sql(statement).scalar_one())
    assert counted == written


EVERY_FILTER = EventQuery(
    date_from=dt.date(2020, 1, 1),
    date_to=dt.date(2021, 1, 1),
    countries=("IQ",),
    admin1=("Nineveh",),
    event_types=("Battles",),
    actor="islamic state",
    modes=("asserted",),
    outlet="Reuters",
    min_fatalities=1,
    bbox=(38.8, 29.0, 48.6, 37.4),
    main_only=True,
)


def test_the_keyset_indexes_carry_every_column_a_filter_tests(store: Store) -> None:
    # A filter on a column the index lacks sends every walked entry to its table row.
    with store.reading() as connection:
        conditions = store.event_conditions(connection, EVERY_FILTER)
        tested = {
            column.name
            for condition in conditions
            for column in visitors.iterate(condition)
            if isinstance(column, sa.Column)
        }
        indexes = {
            index["name"]: set(index["column_names"])
            | {str(expression).split()[0] for expression in index.get("expressions") or ()}
            for index in sa.inspect(connection).get_indexes("events")
        }
    assert {"actor1", "outlet", "lat", "main", "date_end", "mode"} <= tested
    for name in ("ix_events_date", "ix_events_mode_date", "ix_events_country_code_date"):
        assert tested <= indexes[name], (name, tested - indexes[name])


def test_a_one_statement_read_runs_outside_a_transaction_on_sqlite(tmp_path) -> None:
    """SQLite: a lone read skips BEGIN/ROLLBACK (its statement is its own snapshot); a
    plain read connection keeps one snapshot for all its statements."""
    query = sa.select(sa.func.count()).select_from(sa.table("events"))
    with open_store(str(tmp_path / "reads.db")) as store:
        store.add_many(sample_extractions()[:2])
        with store.reading(one_statement=True) as connection:
            assert connection.execute(query).scalar() > 0
            assert not connection.connection.driver_connection.in_transaction
        with store.reading() as connection:
            connection.execute(query)
            assert connection.connection.driver_connection.in_transaction


def test_bulk_jobs_read_sqlite_without_a_memory_map(tmp_path) -> None:
    """A served store maps the file (pages cost half); ingest and reprocess do not, so
    their resident memory does not grow with the file (benchmarks/ingest.py)."""
    from sitrep.store.commands import open_for_command
    from sitrep.store.connect import SQLITE_MMAP_BYTES

    def mapped(store: Store) -> int:
        with store.reading() as connection:
            return connection.exec_driver_sql("PRAGMA mmap_size").scalar()

    path = str(tmp_path / "bulk.db")
    with open_store(path) as served, open_for_command(path, bulk=True) as bulk:
        assert mapped(served) == SQLITE_MMAP_BYTES
        assert mapped(bulk) == 0
