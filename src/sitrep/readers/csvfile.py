"""CSV: a header row naming the columns, at least ``text``; one Article per row.

Named ``csvfile`` so it does not shadow the standard library's ``csv``. A bad row is
reported with its row and line number (a quoted field may span lines) and the rest is read.
The file is streamed a line at a time (as JSONL is), so memory stays flat however big it is.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from ..errors import Errors, InputError
from ..model import Article
from ..settings import Settings
from .jsonl import record_to_article
from .text import Lines, line_limit, open_text

# Header names (any case) and the reference-format field each fills.
COLUMNS = {
    "text": "text",
    "title": "title",
    "published": "published",
    "date": "published",
    "source": "source",
    "outlet": "source",
    "url": "url",
    "id": "id",
    "language": "language",
}
# Spreadsheets save with ';' or tabs where ',' is the decimal mark: the one that splits
# the header into a 'text' column is the one in use.
_DELIMITERS = (",", ";", "\t")


def read_csv(
    text: TextIO, source: str, *, published: dt.date | None, settings: Settings
) -> Iterator[Article | InputError]:
    """Articles from CSV text (a stream from :func:`~sitrep.readers.text.open_text`), one
    per row after the header."""
    lines = Lines(text, source, limit=line_limit(settings))
    try:
        header_line = next(lines, "").lstrip("\ufeff")
    except InputError as problem:  # a header line over the limit
        yield problem
        return
    delimiter = next(
        (mark for mark in _DELIMITERS if "text" in _names(header_line, mark)), _DELIMITERS[0]
    )
    # Long stories are longer than the csv module's default field limit (128 KiB).
    csv.field_size_limit(max(csv.field_size_limit(), settings.text.max_article_chars))
    header = _names(header_line, delimiter)
    if "text" not in header:
        columns = ", ".join(repr(name) for name in header) or "none"
        yield InputError(Errors.E023.format(source=source, columns=columns))
        return
    rows = csv.reader(lines, delimiter=delimiter)
    row_number, last_line = 1, lines.number
    while True:
        first_line = last_line + 1
        try:
            row = next(rows, None)
        except csv.Error as exc:
            row_number, last_line = row_number + 1, lines.number
            yield InputError(
                Errors.E024.format(source=source, row=row_number, line=first_line, reason=exc)
            )
            continue
        except InputError as problem:  # a line over the limit, or undecodable: it names it
            row_number, last_line = row_number + 1, lines.number
            yield problem
            continue
        if row is None:
            return
        last_line = lines.number
        if not any(field.strip() for field in row):
            continue  # a blank line between rows
        row_number += 1
        if len(row) > len(header):
            reason = (
                f"{len(row)} fields where the header has {len(header)} (an unquoted '{delimiter}'?)"
            )
            yield InputError(
                Errors.E024.format(source=source, row=row_number, line=first_line, reason=reason)
            )
            continue
        record: dict[str, str] = {}
        for name, value in zip(header, row, strict=False):
            field = COLUMNS.get(name)
            if field and value.strip() and field not in record:
                record[field] = value
        try:
            yield record_to_article(
                record,
                f"{source}, row {row_number}",
                first_line,
                published=published,
                limit=settings.text.max_article_chars,
            )
        except InputError as problem:
            yield problem


def _names(header_line: str, delimiter: str) -> list[str]:
    return [name.strip().lower() for name in next(csv.reader([header_line], delimiter=delimiter))]


def read(
    path: Path, *, published: dt.date | None, settings: Settings
) -> Iterator[Article | InputError]:
    try:
        text = open_text(path)
    except InputError as problem:
        yield problem
        return
    with text:
        yield from read_csv(text, str(path), published=published, settings=settings)
