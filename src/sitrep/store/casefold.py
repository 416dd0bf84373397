"""Case-insensitive comparisons that cost each backend least.

``folded(column)`` is ``lower(column)`` on PostgreSQL. On SQLite it is the column with the
NOCASE collation: SQLite's own ``lower()``, its LIKE and NOCASE all fold ASCII letters
only, so the answers are the same, but a filter on a page walks thousands of index
entries, and a call to ``lower()`` on each doubled the cost of an actor filter
(benchmarks/api_load.py). Compare it with an already lowercased value.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement


class folded(FunctionElement):  # noqa: N801 - used like a SQL function
    type = sa.Text()
    inherit_cache = True


@compiles(folded)
def _lowered(element: folded, compiler: Any, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(folded, "sqlite")
def _nocase(element: folded, compiler: Any, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)} COLLATE NOCASE)"
