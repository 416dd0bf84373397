"""JSON Lines: one record per line in the reference-data format (id, title, text, published,
source, url); a bad line is reported with its number and the rest is read.

The file is streamed a line at a time, so memory stays flat however big it is; a line
longer than twice the story limit is skipped with an error (E008) without being held.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import Errors, InputError
from ..model import Article
from ..settings import Settings
from .text import Lines, line_limit, open_text

# What json.loads gives for a line that holds a JSON value other than an object.
_JSON_KINDS = {
    list: "a JSON array",
    str: "a JSON string",
    int: "a JSON number",
    float: "a JSON number",
    bool: "a JSON true or false",
    type(None): "JSON null",
}


def parse_date(value: object) -> dt.date | None:
    if value in (None, ""):
        return None
    return dt.date.fromisoformat(str(value)[:10])


def record_to_article(
    record: dict, source: str, line: int, *, published: dt.date | None, limit: int
) -> Article:
    """One reference-format record as an Article; InputError names the line when it is unusable."""
    if not isinstance(record, dict):
        kind = _JSON_KINDS.get(type(record), type(record).__name__)
        reason = f"{kind}, not an object with a 'text' field"
        raise InputError(Errors.E013.format(source=f"{source}, line {line}", reason=reason))
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(Errors.E011.format(source=source, line=line))
    if len(text) > limit:
        raise InputError(
            Errors.E008.format(source=f"{source}, line {line}", size=len(text), limit=limit)
        )
    try:
        record_date = parse_date(record.get("published"))
    except ValueError as exc:
        raise InputError(
            Errors.E013.format(source=f"{source}, line {line}", reason=f"published: {exc}")
        ) from exc
    return Article(
        id=str(record.get("id") or Article.content_id(text)),
        url=record.get("url"),
        title=record.get("title"),
        text=text,
        published=record_date or published,
        outlet=record.get("source") or record.get("outlet"),
        language=record.get("language"),
    )


def read(
    path: Path, *, published: dt.date | None, settings: Settings
) -> Iterator[Article | InputError]:
    try:
        text = open_text(path)
    except InputError as problem:
        yield problem
        return
    with text:
        lines = Lines(text, str(path), limit=line_limit(settings))
        for number, line in lines.numbered():
            if isinstance(line, InputError):
                yield line
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputError(Errors.E010.format(source=path, line=number, reason=exc.msg))
                continue
            try:
                yield record_to_article(
                    record,
                    str(path),
                    number,
                    published=published,
                    limit=settings.text.max_article_chars,
                )
            except InputError as problem:
                yield problem
