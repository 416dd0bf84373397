"""JSON made by the database: ``json_object`` and ``json_array`` in SQLite,
``json_build_object`` and ``json_build_array`` in PostgreSQL; ``json_text`` hands the outermost value back as text.

A list page of a hundred rows of thirty values each is three thousand Python objects read,
converted (dates parsed, booleans made) and turned back into text; made by the database
it is a hundred strings joined (benchmarks/api_load.py: a third of a page's cost).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from .backend_sql import sql_function

json_object = sql_function(
    "json_object",
    "``json_object(key, value, ...)``; keys keep their order.",
    sa.JSON(),
    sqlite="json_object({0})",
    postgresql="json_build_object({0})",
)
json_array = sql_function(
    "json_array",
    "``json_array(value, ...)``.",
    sa.JSON(),
    sqlite="json_array({0})",
    postgresql="json_build_array({0})",
)
json_boolean = sql_function(
    "json_boolean",
    "A boolean column as a JSON true/false (SQLite stores booleans as 0 and 1).",
    sa.JSON(),
    sqlite="json(CASE WHEN {0} THEN 'true' WHEN {0} IS NULL THEN 'null' ELSE 'false' END)",
    postgresql="{0}",
)
json_text = sql_function(
    "json_text",
    "A JSON value as its text (psycopg would parse a json value into Python objects).",
    sa.Text(),
    sqlite="{0}",
    postgresql="CAST({0} AS TEXT)",
)
json_quoted = sql_function(
    "json_quoted",
    "A text value as a JSON string (quoted and escaped), as text.",
    sa.Text(),
    sqlite="json_quote({0})",
    postgresql="CAST(to_json({0}) AS TEXT)",
)


def object_of(fields: dict[str, sa.ColumnElement | str]) -> sa.ColumnElement:
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
