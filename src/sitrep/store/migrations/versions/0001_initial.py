"""The first schema: articles, extractions, events, incidents, quarantine, full-text index.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Frozen copies of the column types (a migration never imports the live schema).
SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
UTC = sa.DateTime(timezone=True)
JSON = sa.Text().with_variant(postgresql.JSONB(), "postgresql")
# PostgreSQL refuses a tsvector over 1 MB: index the first 200,000 characters of a story.
PG_FTS_CHARS = 200_000


def _seq() -> sa.Column:
    return sa.Column("seq", SEQ, primary_key=True, autoincrement=True)


def upgrade() -> None:
    op.create_table(
        "articles",
        _seq(),
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
    op.create_table(
        "extractions",
        _seq(),
        sa.Column(
            "article_id",
            sa.Text,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("pipeline_version", sa.Text, nullable=False),
        sa.Column("extracted_at", UTC, nullable=False),
        sa.Column("data", JSON, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_extractions_pipeline_version", "extractions", ["pipeline_version"])
    op.create_table(
        "events",
        _seq(),
        sa.Column(
            "article_id",
            sa.Text,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("event_type", sa.Text),
        sa.Column("sub_event_type", sa.Text),
        sa.Column("disorder_type", sa.Text),
        sa.Column("mode", sa.Text, nullable=False),
        sa.Column("main", sa.Boolean, nullable=False),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("date_precision", sa.Text),
        sa.Column("country_code", sa.String(2)),
        sa.Column("admin1", sa.Text),
        sa.Column("admin2", sa.Text),
        sa.Column("location", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("actor1", sa.Text),
        sa.Column("actor2", sa.Text),
        sa.Column("fatalities_best", sa.Integer),
        sa.Column("injuries_best", sa.Integer),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("pipeline_version", sa.Text, nullable=False),
        sa.Column("data", JSON, nullable=False),
        sa.UniqueConstraint("article_id", "event_id", name="uq_events_article_event"),
        sqlite_autoincrement=True,
    )
    for column in ("event_type", "mode", "country_code", "admin1", "fatalities_best", "outlet"):
        op.create_index(f"ix_events_{column}", "events", [column])
    op.create_index("ix_events_date", "events", ["date_start", "seq"])
    op.create_index("ix_events_lat_lon", "events", ["lat", "lon"])
    op.create_table(
        "incidents",
        _seq(),
        sa.Column("id", sa.Text, nullable=False, unique=True),
        sa.Column("event_type", sa.Text),
        sa.Column("sub_event_type", sa.Text),
        sa.Column("disorder_type", sa.Text),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("country_code", sa.String(2)),
        sa.Column("admin1", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("actor1", sa.Text),
        sa.Column("actor2", sa.Text),
        sa.Column("fatalities_best", sa.Integer),
        sa.Column("source_count", sa.Integer, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.Column("data", JSON, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_incidents_event_type", "incidents", ["event_type"])
    op.create_index("ix_incidents_country_code", "incidents", ["country_code"])
    op.create_index("ix_incidents_date", "incidents", ["date_start", "seq"])
    op.create_table(
        "incident_sources",
        sa.Column(
            "incident_id",
            sa.Text,
            sa.ForeignKey("incidents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.Date),
    )
    op.create_index("ix_incident_sources_article_id", "incident_sources", ["article_id"])
    op.create_index("ix_incident_sources_outlet", "incident_sources", ["outlet"])
    op.create_table(
        "quarantine",
        _seq(),
        sa.Column("key", sa.String(64), nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("first_at", UTC, nullable=False),
        sa.Column("at", UTC, nullable=False),
        sa.Column("seen", sa.Integer, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_quarantine_at", "quarantine", ["at"])
    if op.get_bind().dialect.name == "postgresql":
        _fulltext_postgresql()
    else:
        _fulltext_sqlite()


def _fulltext_sqlite() -> None:
    # FTS5 over the articles table itself (external content), kept in step by triggers.
    op.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',"
        " content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
        " INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);"
        " END"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
        " INSERT INTO articles_fts(articles_fts, rowid, title, text)"
        " VALUES ('delete', old.seq, old.title, old.text);"
        " END"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN"
        " INSERT INTO articles_fts(articles_fts, rowid, title, text)"
        " VALUES ('delete', old.seq, old.title, old.text);"
        " INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);"
        " END"
    )


def _fulltext_postgresql() -> None:
    op.execute(
        "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS"
        f" (to_tsvector('english', coalesce(title, '') || ' ' || left(text, {PG_FTS_CHARS})))"
        " STORED"
    )
    op.execute("CREATE INDEX ix_articles_search ON articles USING GIN (search)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("articles_fts_insert", "articles_fts_delete", "articles_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in ("quarantine", "incident_sources", "incidents", "events", "extractions"):
        op.drop_table(table)
    op.drop_table("articles")
