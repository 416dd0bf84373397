"""Store URLs, engines, write transactions and schema migrations: the one module that
knows SQLite from PostgreSQL at the connection level."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, ExceptionContext

from ..errors import Errors, SitrepError, StoreError

DEFAULT_FILE = "sitrep.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Key of the PostgreSQL advisory lock that serialises writers (any constant bigint).
WRITE_LOCK = 0x73697472
# How long a SQLite writer waits for another's write lock before giving up (E029); a
# store URL may say otherwise: sqlite:///PATH?timeout=SECONDS.
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Reads through a memory map (a served store: pages scattered over the file cost half);
# a bulk job (ingest, reprocess) maps nothing, or its resident memory would grow with the
# file up to this size (pages of the file, not memory of its own, but counted as such).
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
        parsed = parsed.set(drivername="sqlite")
        busy_timeout_ms(parsed)  # a timeout that is not a number makes this no store URL
        return parsed
    raise SitrepError(Errors.E031.format(url=url))


def display(url: sa.URL) -> str:
    """The URL for messages, its password masked."""
    return url.render_as_string(hide_password=True)


def make_engine(url: sa.URL, *, bulk: bool = False) -> Engine:
    if url.get_backend_name() == "postgresql":
        return sa.create_engine(url, pool_pre_ping=True)
    engine = sa.create_engine(url)
    busy_ms = busy_timeout_ms(url)
    mmap_bytes = 0 if bulk else SQLITE_MMAP_BYTES
    event.listen(
        engine, "connect", lambda dbapi, _record: _sqlite_connect(dbapi, busy_ms, mmap_bytes)
    )
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def busy_timeout_ms(url: sa.URL) -> int:
    """How long a SQLite connection waits for a lock: the URL's ``timeout`` (seconds), else
    SQLITE_BUSY_TIMEOUT_MS."""
    value = url.query.get("timeout")
    try:
        return round(float(value) * 1000) if isinstance(value, str) else SQLITE_BUSY_TIMEOUT_MS
    except ValueError:
        raise SitrepError(Errors.E031.format(url=display(url))) from None


def _sqlite_connect(dbapi_connection: object, busy_ms: int, mmap_bytes: int) -> None:
    # sqlite3's own transaction handling is switched off: SQLAlchemy's "begin" event
    # emits BEGIN itself, so DDL is transactional and writers can take the lock up front.
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    # WAL: readers never block the writer, and a killed process loses no committed batch.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
    # Pages read through a memory map, not one read() call each: a page of events
    # touches hundreds of rows scattered over the file.
    cursor.execute(f"PRAGMA mmap_size={mmap_bytes}")
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.close()


# The execution option of a connection that runs one read statement (Store.reading).
ONE_STATEMENT = "sitrep_one_statement"


def _sqlite_begin(connection: Connection) -> None:
    options = connection.get_execution_options()
    if options.get(ONE_STATEMENT, False):
        return  # SQLite runs a statement outside BEGIN as a transaction of its own
    # A writer takes the write lock before it reads, so check-then-insert cannot race.
    writer = options.get("sitrep_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


# SQLite primary result codes that mean the database itself failed (busy, locked, out of
# memory, read-only, I/O error, corrupt, full, cannot open, not a database), as against a
# statement it refused (an FTS5 query's syntax, say, which is SQLITE_ERROR).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_FULL = 5, 6, 13
_SQLITE_FAILURES = frozenset({_SQLITE_BUSY, _SQLITE_LOCKED, 7, 8, 10, 11, _SQLITE_FULL, 14, 26})


def report_failures(engine: Engine) -> None:
    """From now on, a failure of the database under ``engine`` (SQLite locked past its busy
    timeout, full, unreadable; PostgreSQL gone, out of disk, its connection ended) raises
    StoreError (E029) naming the store and the reason. The transaction it hit is rolled
    back whole; what was committed before stays.

    Installed once the store is open, so opening still fails with E030/E039.
    """
    url = display(engine.url)
    busy_s = busy_timeout_ms(engine.url) / 1000 if engine.dialect.name == "sqlite" else 0.0

    def translate(context: ExceptionContext) -> BaseException | None:
        if context.is_pre_ping:  # a dead pooled connection: the pool reconnects by itself
            return None
        reason = _failure(context, busy_s)
        if reason is None:
            return None
        return StoreError(Errors.E029.format(url=url, reason=reason))

    event.listen(engine, "handle_error", translate, retval=True)


def _failure(context: ExceptionContext, busy_s: float) -> str | None:
    """Why the database failed, in words, or None when the error is the statement's."""
    error = context.original_exception
    first = (str(error).strip().splitlines() or [type(error).__name__])[0]
    if context.is_disconnect:
        return f"the connection to the server was lost ({first})"
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        primary = code & 0xFF
        if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return f"{first}: another connection held its lock for more than {busy_s:g} s"
        return first if primary in _SQLITE_FAILURES else None
    if isinstance(context.sqlalchemy_exception, sa.exc.OperationalError):
        return first  # PostgreSQL: out of disk, refused connection, a cancelled statement
    return None


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


class ContentWatch:
    """A token that changes whenever a write is committed to the store, by this process
    or any other; it may also change without one (never the other way round), so an
    answer computed under one token holds for as long as the token does.

    SQLite: ``PRAGMA data_version`` on a connection of the watch's own, which never
    writes: its value changes when any other connection commits (microseconds, no I/O
    but the shared-memory index). PostgreSQL: the current snapshot (``xmin:xmax:running
    transactions``), which changes when any transaction of the cluster that writes begins
    or ends (one round trip).
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._sqlite: sqlite3.Connection | None = None

    def token(self) -> str:
        if self._engine.dialect.name != "sqlite":
            with self._engine.connect() as connection:
                return connection.exec_driver_sql("SELECT pg_current_snapshot()::text").scalar_one()
        with self._lock:
            if self._sqlite is None:
                self._sqlite = sqlite3.connect(
                    self._engine.url.database or "", check_same_thread=False, isolation_level=None
                )
            return str(self._sqlite.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            if self._sqlite is not None:
                self._sqlite.close()
                self._sqlite = None


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
    # Read first: a store at the newest revision opens without waiting for the write lock.
    with engine.connect() as connection:
        if current_revision(connection) == head:
            return head
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
