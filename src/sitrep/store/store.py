"""The Store: one interface over SQLite and PostgreSQL for stories, their extractions and
events, incidents, and the inputs that were quarantined."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from ..errors import Errors, SitrepError
from ..model import Article, Event, Extraction, Incident
from . import fulltext
from .casefold import folded
from .connect import (
    ONE_STATEMENT,
    ContentWatch,
    current_revision,
    display,
    make_engine,
    migrate,
    report_failures,
    store_url,
    writing,
)
from .query import (
    Conditions,
    EventQuery,
    EventRow,
    QuarantineRow,
    SearchHit,
    after_key,
    common_conditions,
    decode_cursor,
    encode_cursor,
    filter_conditions,
    keyset_order,
)
from .rows import article_from_row, as_utc, incident_rows, now
from .schema import articles, events, extractions, incident_sources, progress, quarantine
from .schema import incidents as incident_table
from .writes import chunked, hashes_by_id, stored_by_hash, write_extractions

# Rows fetched per round trip when streaming: memory stays flat however big the store.
PAGE = 500
# Rows SQLite's ANALYZE reads per index: estimates good enough to pick an index, cheaply.
ANALYSIS_LIMIT = 2000


def open_store(url: str | Path | None = None, *, bulk: bool = False) -> Store:
    """Open (creating and migrating to the newest schema) the store at ``url``.

    ``None`` is ``sitrep.db`` in the working directory, a plain path a SQLite file;
    ``sqlite:///PATH`` and ``postgresql://USER@HOST:PORT/DB`` URLs are accepted.
    ``bulk``: SQLite reads without a memory map, so a bulk job's resident memory does
    not grow with the file (ingest, reprocess; connect.py).
    Raises SitrepError: E031 for an unusable URL, E030 when the database cannot be
    reached, E035/E039 when its schema cannot be brought up to date.
    """
    parsed = store_url(url)
    engine = make_engine(parsed, bulk=bulk)
    try:
        migrate(engine)
    except sa.exc.DBAPIError as exc:
        engine.dispose()
        reason = (str(exc.orig).strip().splitlines() or [repr(exc)])[0]
        raise SitrepError(Errors.E030.format(url=display(parsed), reason=reason)) from exc
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)


class Store:
    """Stories, extractions, events, incidents and quarantined inputs in one database.

    ``url`` names the database for messages (its password masked). Every write is one
    transaction: a batch is stored whole or not at all. A failure of the database itself
    (locked, full, gone) raises SitrepError (E029) naming it; what was committed stays.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        report_failures(engine)
        self.url = display(engine.url)
        self.backend = engine.dialect.name
        self._watch = ContentWatch(engine)

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._watch.close()
        self._engine.dispose()

    def content_version(self) -> str:
        """A token that changes whenever a write is committed to the store, by any process
        (and may change without one): an answer read under one token is still the answer
        while the token is the same. Microseconds on SQLite, one round trip on PostgreSQL.
        """
        return self._watch.token()

    def reading(self, *, one_statement: bool = False) -> Connection:
        """A read connection, for queries the Store has no method for (``aggregates``);
        use it as a context manager, which hands it back to the pool.

        Its statements share one snapshot of the store (a transaction), unless
        ``one_statement``: then SQLite skips BEGIN and ROLLBACK around a lone read, which
        is its own snapshot anyway (a tenth of a list page's work besides the query).
        """
        connection = self._engine.connect()
        if one_statement:
            connection.execution_options(**{ONE_STATEMENT: True})
        return connection

    @property
    def revision(self) -> str | None:
        """The schema revision recorded in the store's version table (alembic_version)."""
        with self.reading() as connection:
            return current_revision(connection)

    def optimize(self) -> None:
        """Refresh the query planner's statistics (``ANALYZE``) after a batch of writes.

        Without them SQLite filters a page of one mode through the bare mode index and
        sorts every match (seconds at 100,000 events) instead of walking the keyset index.
        SQLite samples at most ANALYSIS_LIMIT rows per index (under a second at any size).
        """
        with writing(self._engine) as connection:
            if self.backend == "sqlite":
                connection.exec_driver_sql(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
            connection.exec_driver_sql("ANALYZE")

    # ------------------------------------------------------------------ articles

    def add(self, extraction: Extraction, *, source: str | None = None) -> bool:
        """Store one extraction; False when its text is already stored by this pipeline version.

        A story stored by another pipeline version is re-extracted: its extraction and
        events are replaced. Raises InputError (E032) when the article id is taken by
        a different text, SitrepError (E029) when the database fails.
        """
        return self.add_many([extraction], sources=[source]) == 1

    def add_many(
        self, extractions: Iterable[Extraction], *, sources: Iterable[str | None] | None = None
    ) -> int:
        """Store a batch in one transaction; return how many were new or re-extracted.

        ``sources`` names the input of each extraction, in the same order.
        """
        return len(self.write(extractions, sources=sources))

    def write(
        self, extractions: Iterable[Extraction], *, sources: Iterable[str | None] | None = None
    ) -> list[Extraction]:
        """``add_many``, returning the extractions written (new or re-extracted) as stored:
        a writer that clusters them next need not read them back."""
        batch = list(extractions)
        labels = list(sources) if sources is not None else [None] * len(batch)
        if not batch:
            return []
        with writing(self._engine) as connection:
            return write_extractions(connection, list(zip(batch, labels, strict=True)))

    def has(self, content_hash: str) -> bool:
        with self.reading() as connection:
            statement = sa.select(articles.c.seq).where(articles.c.content_hash == content_hash)
            return connection.execute(statement).first() is not None

    def known_hashes(self) -> set[str]:
        with self.reading() as connection:
            return set(connection.execute(sa.select(articles.c.content_hash)).scalars())

    def versions(self, content_hashes: Iterable[str]) -> dict[str, str | None]:
        """The pipeline version that extracted each of these texts, for those stored."""
        with self.reading() as connection:
            stored = stored_by_hash(connection, content_hashes)
        return {digest: row.pipeline_version for digest, row in stored.items()}

    def hashes(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The content hash stored under each of these article ids, for those stored."""
        with self.reading() as connection:
            return hashes_by_id(connection, article_ids)

    def article(self, article_id: str) -> Extraction | None:
        with self.reading() as connection:
            statement = sa.select(extractions.c.data).where(extractions.c.article_id == article_id)
            data = connection.execute(statement).scalar()
        return Extraction.model_validate_json(data) if data is not None else None

    def extractions(self, *, since_id: str | None = None) -> Iterator[Extraction]:
        """Every stored extraction in the order written (a re-extraction moves to the end),
        streamed; with ``since_id``, only those written after that article's."""
        last = 0
        if since_id is not None:
            with self.reading() as connection:
                statement = sa.select(extractions.c.seq).where(extractions.c.article_id == since_id)
                found = connection.execute(statement).scalar()
            if found is None:
                raise SitrepError(Errors.E036.format(article=since_id))
            last = found
        for _, extraction in self._extractions_after(last, {}):
            yield extraction

    def stale(self, pipeline_version: str) -> Iterator[Article]:
        """Stored stories whose extraction comes from another pipeline version, streamed."""
        joined = articles.outerjoin(extractions, extractions.c.article_id == articles.c.id)
        version = extractions.c.pipeline_version
        last = 0
        while True:
            statement = (
                sa.select(articles)
                .select_from(joined)
                .where(articles.c.seq > last)
                .where(sa.or_(version.is_(None), version != pipeline_version))
                .order_by(articles.c.seq)
                .limit(PAGE)
            )
            with self.reading() as connection:
                rows = connection.execute(statement).all()
            for row in rows:
                yield article_from_row(row)
            if len(rows) < PAGE:
                return
            last = rows[-1].seq

    # ------------------------------------------------------------------ events and search

    def event_conditions(self, connection: Connection, filters: EventQuery) -> list[Any]:
        """The WHERE conditions on the events table for ``filters`` (a full-text query
        reads ``connection``'s dialect)."""
        return self.event_filter(connection, filters).clauses

    def event_filter(self, connection: Connection, filters: EventQuery) -> Conditions:
        """``event_conditions`` with their shape and named values (``query.Conditions``)."""
        conditions = filter_conditions(events, filters)
        if filters.modes:
            modes = list(filters.modes)
            parameter = sa.bindparam("modes", modes, expanding=True)
            conditions.add("modes", events.c.mode.in_(parameter), modes=modes)
        if filters.outlet:
            outlet = filters.outlet.lower()
            parameter = sa.bindparam("outlet", outlet)
            conditions.add("outlet", folded(events.c.outlet) == parameter, outlet=outlet)
        if filters.main_only:
            conditions.add("main_only", events.c.main.is_(True))
        if filters.text:
            matching = sa.select(articles.c.id).where(
                fulltext.matching_articles(connection, filters.text)
            )
            conditions.add_fixed("text", events.c.article_id.in_(matching))
        return conditions

    def events(
        self, filters: EventQuery, *, limit: int = 100, cursor: str | None = None
    ) -> tuple[list[EventRow], str | None]:
        """One page of matching events, newest first, and the cursor of the next page
        (None on the last). Pages never overlap or skip, however many rows are added."""
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        c = events.c
        with self.reading() as connection:
            statement = sa.select(
                c.seq, c.date_start, c.article_id, c.outlet, c.published, c.pipeline_version, c.data
            ).where(*self.event_conditions(connection, filters))
            if cursor is not None:
                statement = statement.where(after_key(events, *decode_cursor(cursor)))
            statement = statement.order_by(*keyset_order(events)).limit(limit + 1)
            rows = connection.execute(statement).all()
        page = [
            EventRow(
                article_id=row.article_id,
                outlet=row.outlet,
                published=row.published,
                pipeline_version=row.pipeline_version,
                event=Event.model_validate_json(row.data),
            )
            for row in rows[:limit]
        ]
        following = None
        if len(rows) > limit:
            last = rows[limit - 1]
            following = encode_cursor(last.date_start, last.seq)
        return page, following

    def count_events(self, filters: EventQuery) -> int:
        with self.reading() as connection:
            statement = (
                sa.select(sa.func.count())
                .select_from(events)
                .where(*self.event_conditions(connection, filters))
            )
            return int(connection.execute(statement).scalar_one())

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Stories matching ``query`` (words and "quoted phrases", all required), best first."""
        with self.reading() as connection:
            return fulltext.search(connection, query, limit=limit)

    # ------------------------------------------------------------------ quarantine

    def record_error(self, source: str, reason: str, *, content_hash: str | None = None) -> None:
        """Quarantine an input that was not stored; the same problem again is counted, not
        repeated, so a resumed run adds no duplicate rows."""
        key = hashlib.sha256(f"{source}\0{reason}\0{content_hash or ''}".encode()).hexdigest()
        dialect = postgresql if self.backend == "postgresql" else sqlite
        at = now()
        statement = dialect.insert(quarantine).values(
            key=key,
            source=source,
            reason=reason,
            content_hash=content_hash,
            first_at=at,
            at=at,
            seen=1,
        )
        statement = statement.on_conflict_do_update(
            index_elements=[quarantine.c.key],
            set_={"at": statement.excluded.at, "seen": quarantine.c.seen + 1},
        )
        with writing(self._engine) as connection:
            connection.execute(statement)

    def errors(self, *, limit: int | None = None) -> list[QuarantineRow]:
        """Quarantined inputs, the most recently seen first."""
        statement = sa.select(quarantine).order_by(quarantine.c.at.desc(), quarantine.c.seq.desc())
        if limit is not None:
            statement = statement.limit(limit)
        with self.reading() as connection:
            rows = connection.execute(statement).all()
        return [
            QuarantineRow(
                source=row.source,
                reason=row.reason,
                content_hash=row.content_hash,
                first_at=as_utc(row.first_at),
                at=as_utc(row.at),
                seen=row.seen,
            )
            for row in rows
        ]

    # ------------------------------------------------------------------ incidents

    def save_incidents(
        self,
        incidents: Iterable[Incident],
        *,
        clustered_through: int | None = None,
        replace_all: bool = False,
        removed: Iterable[str] = (),
    ) -> None:
        """Store incidents in one transaction; one with a stored id replaces it. With
        ``clustered_through``, record in that same transaction that every extraction up to
        that seq has been clustered (see ``unclustered``); with ``replace_all``, the stored
        incidents are dropped first (a re-clustering from scratch); the ``removed`` ids
        (incidents merged into others) are dropped in the same transaction."""
        rows, sources = [], []
        for incident in incidents:
            row, incident_source_rows = incident_rows(incident)
            rows.append(row)
            sources.extend(incident_source_rows)
        gone = list(removed)
        if not rows and not gone and clustered_through is None and not replace_all:
            return
        ids = [row["id"] for row in rows] + gone
        with writing(self._engine) as connection:
            if replace_all:
                connection.execute(sa.delete(incident_sources))
                connection.execute(sa.delete(incident_table))
            if clustered_through is not None:
                self._set_progress(connection, "incidents", clustered_through)
            if not ids:
                return
            for part in chunked(ids):
                connection.execute(
                    sa.delete(incident_sources).where(incident_sources.c.incident_id.in_(part))
                )
                connection.execute(sa.delete(incident_table).where(incident_table.c.id.in_(part)))
            if rows:
                connection.execute(sa.insert(incident_table), rows)
            if sources:
                connection.execute(sa.insert(incident_sources), sources)

    def _set_progress(self, connection: Connection, name: str, value: int) -> None:
        updated = connection.execute(
            sa.update(progress).where(progress.c.name == name).values(value=value)
        )
        if not updated.rowcount:
            connection.execute(sa.insert(progress).values(name=name, value=value))

    def clustered_through(self) -> int:
        """The seq of the last extraction incident clustering has seen (0: none yet)."""
        with self.reading() as connection:
            statement = sa.select(progress.c.value).where(progress.c.name == "incidents")
            return connection.execute(statement).scalar() or 0

    def unclustered(
        self, *, after: int | None = None, known: Mapping[str, Extraction] | None = None
    ) -> Iterator[tuple[int, Extraction]]:
        """(seq, extraction) of every extraction written after ``clustered_through()`` (or
        after seq ``after``; 0 for all), in order, streamed: what a killed run stored but
        never clustered is found again.

        ``known`` maps article ids to extractions just stored (as :meth:`write` returned
        them): those are taken as they are, not parsed again. A story has one stored
        extraction, so its id names it."""
        yield from self._extractions_after(
            self.clustered_through() if after is None else after, known or {}
        )

    def _extractions_after(
        self, last: int, known: Mapping[str, Extraction]
    ) -> Iterator[tuple[int, Extraction]]:
        """(seq, extraction) after seq ``last``, in order, a page per read transaction."""
        while True:
            statement = (
                sa.select(extractions.c.seq, extractions.c.article_id, extractions.c.data)
                .where(extractions.c.seq > last)
                .order_by(extractions.c.seq)
                .limit(PAGE)
            )
            with self.reading() as connection:
                rows = connection.execute(statement).all()
            for row in rows:
                extraction = known.get(row.article_id)
                if extraction is None:
                    extraction = Extraction.model_validate_json(row.data)
                yield row.seq, extraction
            if len(rows) < PAGE:
                return
            last = rows[-1].seq

    def incident(self, incident_id: str) -> Incident | None:
        with self.reading() as connection:
            statement = sa.select(incident_table.c.data).where(incident_table.c.id == incident_id)
            data = connection.execute(statement).scalar()
        return Incident.model_validate_json(data) if data is not None else None

    def incidents_dated(
        self,
        *,
        start_from: dt.date | None = None,
        start_to: dt.date | None = None,
        end_from: dt.date | None = None,
        countries: Iterable[str | None] | None = None,
        wider_than: int | None = None,
    ) -> Iterator[tuple[str, str]]:
        """(id, JSON) of stored incidents, in seq order, streamed: for incident clustering
        to read back the incidents it does not hold (see ``sitrep.incidents.window``).

        Each filter given narrows the result: ``date_start`` in start_from..start_to,
        ``date_end`` on or after end_from, the country one of ``countries`` (None: no
        country); ``wider_than``: no date, or dates spanning more than that many days
        (which no range of start dates finds). The JSON is handed over unread, so that a
        caller can skip what it holds and read the rest into a model of fewer fields.
        """
        c = incident_table.c
        conditions = []
        if start_from is not None:
            conditions.append(c.date_start >= start_from)
        if start_to is not None:
            conditions.append(c.date_start <= start_to)
        if end_from is not None:
            conditions.append(c.date_end >= end_from)
        if countries is not None:
            codes = set(countries)
            named = c.country_code.in_(sorted(code for code in codes if code is not None))
            conditions.append(sa.or_(named, c.country_code.is_(None)) if None in codes else named)
        if wider_than is not None:
            span = (
                sa.func.julianday(c.date_end) - sa.func.julianday(c.date_start)
                if self.backend == "sqlite"
                else c.date_end - c.date_start
            )
            conditions.append(sa.or_(c.date_start.is_(None), span > wider_than))
        last = 0
        while True:
            statement = (
                sa.select(c.seq, c.id, c.data)
                .where(c.seq > last, *conditions)
                .order_by(c.seq)
                .limit(PAGE)
            )
            with self.reading() as connection:
                rows = connection.execute(statement).all()
            for row in rows:
                yield row.id, row.data
            if len(rows) < PAGE:
                return
            last = rows[-1].seq

    def cited_articles(self, article_ids: Iterable[str]) -> set[str]:
        """Those of ``article_ids`` that some stored incident has as a source."""
        found: set[str] = set()
        with self.reading() as connection:
            for part in chunked(sorted(set(article_ids))):
                statement = (
                    sa.select(incident_sources.c.article_id)
                    .where(incident_sources.c.article_id.in_(part))
                    .distinct()
                )
                found.update(connection.execute(statement).scalars())
        return found

    def incidents(
        self, filters: EventQuery | None = None, *, limit: int | None = None
    ) -> Iterator[Incident]:
        """Stored incidents, newest first, streamed; ``filters`` as for events, except the
        story-level ones (modes, main_only, text), which raise SitrepError (E037)."""
        conditions = self.incident_conditions(filters or EventQuery())
        key: tuple | None = None
        remaining = limit
        while remaining is None or remaining > 0:
            size = PAGE if remaining is None else min(PAGE, remaining)
            c = incident_table.c
            statement = sa.select(c.seq, c.date_start, c.data).where(*conditions)
            if key is not None:
                statement = statement.where(after_key(incident_table, *key))
            statement = statement.order_by(*keyset_order(incident_table)).limit(size)
            with self.reading() as connection:
                rows = connection.execute(statement).all()
            for row in rows:
                yield Incident.model_validate_json(row.data)
            if len(rows) < size:
                return
            if remaining is not None:
                remaining -= len(rows)
            key = (rows[-1].date_start, rows[-1].seq)

    def incident_conditions(self, filters: EventQuery) -> list[Any]:
        """The WHERE conditions on the incidents table for ``filters``; the story-level
        ones (modes, main_only, text) raise SitrepError (E037)."""
        for name in ("modes", "main_only", "text"):
            if getattr(filters, name):
                raise SitrepError(Errors.E037.format(name=name))
        conditions = common_conditions(incident_table, filters)
        if filters.outlet:
            reported = sa.select(incident_sources.c.incident_id).where(
                folded(incident_sources.c.outlet) == filters.outlet.lower()
            )
            conditions.append(incident_table.c.id.in_(reported))
        return conditions
