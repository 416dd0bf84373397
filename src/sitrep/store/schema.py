"""The store's tables as SQLAlchemy Core metadata: what the queries are written against.

The migrations in ``migrations/versions`` create these tables; a test checks that a
migrated database and this metadata agree, so the two cannot drift apart.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator, UserDefinedType


class _JSONB(UserDefinedType):
    """PostgreSQL JSONB, written and read as JSON text (pydantic parses and dumps it)."""

    cache_ok = True

    def get_col_spec(self, **kw: object) -> str:
        return "JSONB"

    def column_expression(self, colexpr: sa.ColumnElement) -> sa.ColumnElement:
        # Read back as text: model_validate_json is faster than a dict round trip.
        return sa.cast(colexpr, sa.Text)


class JSONText(TypeDecorator):
    """A record's JSON: text in SQLite, JSONB in PostgreSQL; Python sees a JSON string."""

    impl = sa.Text
    cache_ok = True

    def load_dialect_impl(self, dialect: sa.Dialect) -> sa.types.TypeEngine:
        return dialect.type_descriptor(_JSONB() if dialect.name == "postgresql" else sa.Text())


# SQLite needs exactly INTEGER PRIMARY KEY for a rowid alias; PostgreSQL gets a bigint.
Seq = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
UTC = sa.DateTime(timezone=True)

metadata = sa.MetaData()

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("seq", Seq, primary_key=True, autoincrement=True),
    sa.Column("id", sa.Text, nullable=False, unique=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("published", sa.Date),
    sa.Column("outlet", sa.Text),
    sa.Column("language", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("added_at", UTC, nullable=False),
    sqlite_autoincrement=True,
)

extractions = sa.Table(
    "extractions",
    metadata,
    sa.Column("seq", Seq, primary_key=True, autoincrement=True),
    sa.Column(
        "article_id",
        sa.Text,
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    sa.Column("pipeline_version", sa.Text, nullable=False, index=True),
    sa.Column("extracted_at", UTC, nullable=False),
    sa.Column("data", JSONText, nullable=False),
    sqlite_autoincrement=True,
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("seq", Seq, primary_key=True, autoincrement=True),
    sa.Column(
        "article_id", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("event_id", sa.Text, nullable=False),
    sa.Column("event_type", sa.Text, index=True),
    sa.Column("sub_event_type", sa.Text),
    sa.Column("disorder_type", sa.Text),
    sa.Column("mode", sa.Text, nullable=False),
    sa.Column("main", sa.Boolean, nullable=False),
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("date_precision", sa.Text),
    sa.Column("country_code", sa.String(2)),
    sa.Column("admin1", sa.Text, index=True),
    sa.Column("admin2", sa.Text),
    sa.Column("location", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("geo_precision", sa.Integer),
    # The place's precision word (exact, admin1, ...): list pages need it without the JSON.
    sa.Column("place_precision", sa.Text),
    sa.Column("actor1", sa.Text),
    sa.Column("actor2", sa.Text),
    sa.Column("fatalities_best", sa.Integer, index=True),
    sa.Column("injuries_best", sa.Integer),
    sa.Column("outlet", sa.Text, index=True),
    sa.Column("published", sa.Date),
    sa.Column("pipeline_version", sa.Text, nullable=False),
    sa.Column("data", JSONText, nullable=False),
    sa.UniqueConstraint("article_id", "event_id", name="uq_events_article_event"),
    sa.Index("ix_events_lat_lon", "lat", "lon"),
    sqlite_autoincrement=True,
)
# The columns list filters test (store.query.common_conditions, Store.event_conditions).
# The keyset indexes carry them after their key, so SQLite tests a row's filters on the
# index entry and reads the table row only for a match: a page of an actor named in one
# event in twenty walks ~2,000 entries, 14 ms through table rows, 1.7 ms without.
FILTERED_COLUMNS = (
    "mode",
    "date_end",
    "country_code",
    "admin1",
    "event_type",
    "fatalities_best",
    "main",
) + ("lat", "lon", "outlet", "actor1", "actor2")
# Keyset pages (newest first) walk these in order instead of sorting every match: all
# events, one mode's, one country's. PostgreSQL needs the page order spelled out (its DESC
# puts nulls first); SQLite's DESC already puts nulls last and it refuses NULLS LAST in an
# index, so it walks the plain columns backwards (migrations 0003-0004 create each form).
for _name, _leading in (
    ("date", ()),
    ("mode_date", ("mode",)),
    ("country_code_date", ("country_code",)),
):
    sa.Index(
        f"ix_events_{_name}",
        *(events.c[column] for column in _leading),
        events.c.date_start.desc().nulls_last(),
        events.c.seq.desc(),
        *(events.c[column] for column in FILTERED_COLUMNS if column not in _leading),
    )

incidents = sa.Table(
    "incidents",
    metadata,
    sa.Column("seq", Seq, primary_key=True, autoincrement=True),
    sa.Column("id", sa.Text, nullable=False, unique=True),
    sa.Column("event_type", sa.Text, index=True),
    sa.Column("sub_event_type", sa.Text),
    sa.Column("disorder_type", sa.Text),
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("country_code", sa.String(2), index=True),
    sa.Column("admin1", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("actor1", sa.Text),
    sa.Column("actor2", sa.Text),
    sa.Column("fatalities_best", sa.Integer),
    sa.Column("source_count", sa.Integer, nullable=False),
    sa.Column("updated_at", UTC, nullable=False),
    sa.Column("data", JSONText, nullable=False),
    sa.Index("ix_incidents_date", "date_start", "seq"),
    sqlite_autoincrement=True,
)

incident_sources = sa.Table(
    "incident_sources",
    metadata,
    sa.Column(
        "incident_id",
        sa.Text,
        sa.ForeignKey("incidents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("position", sa.Integer, primary_key=True),
    # No foreign key to articles: an incident may cite a story this store does not hold.
    sa.Column("article_id", sa.Text, nullable=False, index=True),
    sa.Column("event_id", sa.Text, nullable=False),
    sa.Column("outlet", sa.Text, index=True),
    sa.Column("published", sa.Date),
)

quarantine = sa.Table(
    "quarantine",
    metadata,
    sa.Column("seq", Seq, primary_key=True, autoincrement=True),
    # sha256 of source, reason and content hash: the same problem seen again is one row.
    sa.Column("key", sa.String(64), nullable=False, unique=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64)),
    sa.Column("first_at", UTC, nullable=False),
    sa.Column("at", UTC, nullable=False, index=True),
    sa.Column("seen", sa.Integer, nullable=False),
    sqlite_autoincrement=True,
)

# How far a derived job has got, as the last article seq it covered: incident clustering
# records here, in the same transaction as the incidents it saved, which stories it has seen.
progress = sa.Table(
    "progress",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)
