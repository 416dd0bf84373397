"""Store URLs, engines, write transactions and schema migrations: the one module that
knows SQLite from PostgreSQL at the connection level."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from ..errors import Errors, SitrepError

DEFAULT_FILE = "sitrep.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Key of the PostgreSQL advisory lock that serialises writers (any constant bigint).
WRITE_LOCK = 0x73697472
SQLITE_BUSY_TIMEOUT_MS = 30_000
SQLITE_MMAP_BYTES = 1 << 30
SQLITE_CACHE_KIB = 65_536


def store_url(url: str | Path | None) -> sa.URL:
    """The SQLAlchemy URL for a store: None is ./sitrep.db, a plain path a SQLite file."""
    if url is None:
        url = Path.cwd() / DEFAULT_FILE
    if isinstance(url, Path) or "://" not in url:
        return sa.URL.create("sqlite", database=str(Path(url).expanduser().resolve()))
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        raise SitrepError(Errors.E031.format(url=url)) from None
    backend, _, driver = parsed.drivername.partition("+")
    if backend in ("postgresql", "postgres") and driver in ("", "psycopg"):
        return parsed.set(drivername="postgresql+psycopg")
    # An in-memory SQLite database would be a different, empty one on every connection.
    if (
        backend == "sqlite"
        and driver in ("", "pysqlite")
        and parsed.database not in (None, "", ":memory:")
    ):
        return parsed.set(drivername="sqlite")
    raise SitrepError(Errors.E031.format(url=url))


def display(url: sa.URL) -> str:
    """The URL for messages, its password masked."""
    return url.render_as_string(hide_password=True)


def make_engine(url: sa.URL) -> Engine:
    if url.get_backend_name() == "postgresql":
        return sa.create_engine(url, pool_pre_ping=True)
    engine = sa.create_engine(url)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: object, _record: object) -> None:
    # sqlite3's own transaction handling is switched off: SQLAlchemy's "begin" event
    # emits BEGIN itself, so DDL is transactional and writers can take the lock up front.
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    # WAL: readers never block the writer, and a killed process loses no committed batch.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    # Pages read through a memory map, not one read() call each: a page of events
    # touches hundreds of rows scattered over the file.
    cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # A writer takes the write lock before it reads, so check-then-insert cannot race.
    writer = connection.get_execution_options().get("sitrep_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction, one writer at a time: committed whole, or rolled back whole."""
    with engine.connect() as connection:
        connection.execution_options(sitrep_write=True)
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(
                    sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK}
                )
            yield connection


def migrate(engine: Engine) -> str:
    """Bring the schema to the newest revision this sitrep ships; return that revision."""
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    url = display(engine.url)
    with writing(engine) as connection:
        current = current_revision(connection)
        if current == head:
            return head
        known = {revision.revision for revision in script.walk_revisions()}
        if current is not None and current not in known:
            raise SitrepError(Errors.E035.format(url=url, found=current, head=head))
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, "head")
        except sa.exc.SQLAlchemyError as exc:
            raise SitrepError(
                Errors.E039.format(url=url, head=head, reason=getattr(exc, "orig", None) or exc)
            ) from exc
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision in the store's version table (alembic_version), None when unmigrated."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()
