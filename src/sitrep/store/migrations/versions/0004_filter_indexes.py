"""Event list speed: the keyset indexes carry the columns list filters test, so a page
walks index entries and reads a table row only when it matches; the single-column mode
and country indexes, prefixes of the keyset ones, go.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Frozen copy of schema.FILTERED_COLUMNS (a migration never imports the live schema).
FILTERED_COLUMNS = (
    "mode",
    "date_end",
    "country_code",
    "admin1",
    "event_type",
    "fatalities_best",
    "main",
    "lat",
    "lon",
    "outlet",
    "actor1",
    "actor2",
)
KEYSETS = {"date": (), "mode_date": ("mode",), "country_code_date": ("country_code",)}


def _order() -> str:
    # PostgreSQL's DESC puts nulls first, so its index spells the page order out; SQLite
    # refuses NULLS LAST in an index and walks the plain columns backwards (see 0003).
    if op.get_bind().dialect.name == "postgresql":
        return "date_start DESC NULLS LAST, seq DESC"
    return "date_start, seq"


def upgrade() -> None:
    op.drop_index("ix_events_mode", table_name="events")
    op.drop_index("ix_events_country_code", table_name="events")
    for name, leading in KEYSETS.items():
        op.drop_index(f"ix_events_{name}", table_name="events")
        filtered = [column for column in FILTERED_COLUMNS if column not in leading]
        columns = ", ".join([*leading, _order(), *filtered])
        op.execute(f"CREATE INDEX ix_events_{name} ON events ({columns})")
    op.execute("ANALYZE")


def downgrade() -> None:
    for name, leading in KEYSETS.items():
        op.drop_index(f"ix_events_{name}", table_name="events")
        if leading:
            op.execute(f"CREATE INDEX ix_events_{name} ON events ({leading[0]}, {_order()})")
    op.create_index("ix_events_date", "events", ["date_start", "seq"])
    op.create_index("ix_events_mode", "events", ["mode"])
    op.create_index("ix_events_country_code", "events", ["country_code"])
