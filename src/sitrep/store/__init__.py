"""The store: SQLite by default, PostgreSQL for teams, behind one interface.

``open_store(url)`` opens (and migrates) a store; see docs/store.md for the schema, the
URLs, migrations, and the idempotence and resume rules.
"""

from __future__ import annotations

from .query import EventQuery, EventRow, QuarantineRow, SearchHit
from .rows import content_hash
from .store import Store, open_store

__all__ = [
    "EventQuery",
    "EventRow",
    "QuarantineRow",
    "SearchHit",
    "Store",
    "content_hash",
    "open_store",
]
