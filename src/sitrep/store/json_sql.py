"""JSON made by the database: ``json_object`` and ``json_array`` in SQLite,
``json_build_object`` and ``json_build_array`` in PostgreSQL; ``json_text`` hands the
outermost value back as text.

A list page of a hundred rows of thirty values each is three thousand Python objects read,
converted (dates parsed, booleans made) and turned back into text; made by the database
it is a hundred strings joined (benchmarks/api_load.py: a third of a page's cost).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement


class json_object(FunctionElement):  # noqa: N801 - named like the SQL function it stands for
    """``json_object(key, value, ...)``; keys keep their order."""

    type = sa.JSON()
    inherit_cache = True


class json_array(FunctionElement):  # noqa: N801
    type = sa.JSON()
    inherit_cache = True


class json_boolean(FunctionElement):  # noqa: N801
    """A boolean column as a JSON true/false (SQLite stores booleans as 0 and 1)."""

    type = sa.JSON()
    inherit_cache = True


class json_text(FunctionElement):  # noqa: N801
    """A JSON value as its text (psycopg would parse a json value into Python objects)."""

    type = sa.Text()
    inherit_cache = True


class json_quoted(FunctionElement):  # noqa: N801
    """A text value as a JSON string (quoted and escaped), as text."""

    type = sa.Text()
    inherit_cache = True


def _arguments(element: FunctionElement, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(json_object, "sqlite")
def _sqlite_object(element: json_object, compiler: Any, **kw: Any) -> str:
    return f"json_object({_arguments(element, compiler, **kw)})"


@compiles(json_object, "postgresql")
def _postgresql_object(element: json_object, compiler: Any, **kw: Any) -> str:
    return f"json_build_object({_arguments(element, compiler, **kw)})"


@compiles(json_array, "sqlite")
def _sqlite_array(element: json_array, compiler: Any, **kw: Any) -> str:
    return f"json_array({_arguments(element, compiler, **kw)})"


@compiles(json_array, "postgresql")
def _postgresql_array(element: json_array, compiler: Any, **kw: Any) -> str:
    return f"json_build_array({_arguments(element, compiler, **kw)})"


@compiles(json_boolean, "sqlite")
def _sqlite_boolean(element: json_boolean, compiler: Any, **kw: Any) -> str:
    column = _arguments(element, compiler, **kw)
    true_false = (
        f"CASE WHEN {column} THEN 'true' WHEN {column} IS NULL THEN 'null' ELSE 'false' END"
    )
    return f"json({true_false})"


@compiles(json_boolean, "postgresql")
def _postgresql_boolean(element: json_boolean, compiler: Any, **kw: Any) -> str:
    return _arguments(element, compiler, **kw)


@compiles(json_text, "sqlite")
def _sqlite_text(element: json_text, compiler: Any, **kw: Any) -> str:
    return _arguments(element, compiler, **kw)


@compiles(json_text, "postgresql")
def _postgresql_text(element: json_text, compiler: Any, **kw: Any) -> str:
    return f"CAST({_arguments(element, compiler, **kw)} AS TEXT)"


@compiles(json_quoted, "sqlite")
def _sqlite_quoted(element: json_quoted, compiler: Any, **kw: Any) -> str:
    return f"json_quote({_arguments(element, compiler, **kw)})"


@compiles(json_quoted, "postgresql")
def _postgresql_quoted(element: json_quoted, compiler: Any, **kw: Any) -> str:
    return f"CAST(to_json({_arguments(element, compiler, **kw)}) AS TEXT)"


def object_of(fields: dict[str, sa.ColumnElement | str]) -> json_object:
    """One JSON object with ``fields`` (name: column, or a constant string) in order;
    boolean columns become true/false on every backend."""
    arguments: list[Any] = []
    for name, value in fields.items():
        if isinstance(value, str):
            value = sa.literal_column(_quoted(value))
        elif isinstance(value.type, sa.Boolean):
            value = json_boolean(value)
        arguments += [sa.literal_column(_quoted(name)), value]
    return json_object(*arguments)


def _quoted(word: str) -> str:
    # Names and constants are ours, written into the SQL: a quote in one would be a bug.
    if not word.isidentifier():
        raise ValueError(f"not a plain word: {word!r}")
    return f"'{word}'"
