"""What keeps list pages fast (docs/store.md, Speed): the place precision as a column,
filled on write and by migration 0003, and planner statistics refreshed by optimize()."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from sitrep.store import EventQuery, Store, aggregates, open_store
from sitrep.store.connect import MIGRATIONS, make_engine
from sitrep.store.connect import store_url as parsed_url
from tests.examples import sample_extractions


def _precisions(store: Store) -> dict[str, str | None]:
    """The place precision of every stored event as a list page shows it, by event id."""
    rows, _ = aggregates.event_page(store, EventQuery(), limit=1000)
    return {row["id"]: row["precision"] for row in rows}


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
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = make_engine(parsed_url(store_url))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
        assert "place_precision" not in {
            column["name"] for column in sa.inspect(connection).get_columns("events")
        }
    engine.dispose()
    with open_store(store_url) as store:  # upgrades to 0003 again
        assert store.revision == "0003"
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
