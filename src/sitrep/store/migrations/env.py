"""Alembic environment: sitrep runs its migrations itself, on the connection it opened.

``sitrep.store.connect.migrate`` passes that connection in ``config.attributes``; there
is no alembic.ini and no offline (SQL script) mode.
"""

from __future__ import annotations

from alembic import context

from sitrep.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things: later migrations copy-and-move tables instead.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
