"""SQL functions written differently on each backend (SQLite, PostgreSQL)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement


def sql_function(name: str, doc: str, kind: sa.types.TypeEngine, **forms: str) -> type:
    """A SQL function class written per backend: ``forms`` maps a dialect name (or
    ``default``) to its SQL, with ``{0}`` where the arguments go."""
    function = type(name, (FunctionElement,), {"__doc__": doc, "type": kind, "inherit_cache": True})
    for dialect, form in forms.items():

        def render(element: Any, compiler: Any, form: str = form, **kw: Any) -> str:
            return form.format(compiler.process(element.clauses, **kw))

        compiles(function, *(() if dialect == "default" else (dialect,)))(render)
    return function
