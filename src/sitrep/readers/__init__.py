"""Readers: turn input files into Articles, one module per format.

Every reader yields either an :class:`~sitrep.model.Article` or an
:class:`~sitrep.errors.InputError` naming the input and the reason, so one bad input
never stops a batch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from . import jsonl, text

READERS = {".jsonl": jsonl.read, ".ndjson": jsonl.read}


def read_source(
    source: str,
    *,
    published: dt.date | None = None,
    settings: Settings | None = None,
    stdin: bytes | None = None,
) -> Iterator[Article | InputError]:
    """Articles from one input: a path, or ``-`` with the bytes of standard input."""
    settings = settings or Settings()
    if source == "-":
        yield from text.read_bytes(stdin or b"", "<stdin>", published=published, settings=settings)
        return
    path = Path(source)
    reader = READERS.get(path.suffix.lower(), text.read)
    yield from reader(path, published=published, settings=settings)
