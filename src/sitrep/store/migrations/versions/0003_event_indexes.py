"""Event list speed: keyset indexes per mode and per country, and the place precision as
a column (filled from the JSON) so list pages never parse it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

KEYSET_COLUMNS = ("mode", "country_code")


def upgrade() -> None:
    op.add_column("events", sa.Column("place_precision", sa.Text))
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute("UPDATE events SET place_precision = data #>> '{place,precision}'")
    else:
        op.execute("UPDATE events SET place_precision = json_extract(data, '$.place.precision')")
    # Pages come newest first: date_start DESC NULLS LAST, seq DESC. PostgreSQL's DESC puts
    # nulls first, so its index spells the order out; SQLite's DESC already puts nulls last
    # (and it refuses NULLS LAST in an index): it walks the plain columns backwards.
    order = "date_start DESC NULLS LAST, seq DESC" if postgresql else "date_start, seq"
    for column in KEYSET_COLUMNS:
        op.execute(f"CREATE INDEX ix_events_{column}_date ON events ({column}, {order})")
    # Statistics, so the planner picks these indexes over the single-column ones.
    op.execute("ANALYZE")


def downgrade() -> None:
    for column in KEYSET_COLUMNS:
        op.drop_index(f"ix_events_{column}_date", table_name="events")
    op.drop_column("events", "place_precision")
