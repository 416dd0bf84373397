"""Case-insensitive comparisons that cost each backend least.

``folded(column)`` is ``lower(column)`` on PostgreSQL. On SQLite it is the column with the
NOCASE collation: SQLite's own ``lower()``, its LIKE and NOCASE all fold ASCII letters
only, so the answers are the same, but a filter on a page walks thousands of index
entries, and a call to ``lower()`` on each doubled the cost of an actor filter
(benchmarks/api_load.py). Compare it with an already lowercased value.
"""

from __future__ import annotations

import sqlalchemy as sa

from .backend_sql import sql_function

folded = sql_function(
    "folded",
    "A text column to compare case-insensitively with a lowercased value.",
    sa.Text(),
    default="lower({0})",
    sqlite="({0} COLLATE NOCASE)",
)
