"""Readers: turn input files into Articles, one module per format.

Every reader yields either an :class:`~sitrep.model.Article` or an
:class:`~sitrep.errors.InputError` naming the input and the reason, so one bad input
never stops a batch. :func:`read_source` picks the reader and labels each article's
language, so every format gets it in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from . import csvfile, feed, html, jsonl, text, warc
from .language import with_language
from .url import is_url, read_url

Reader = Callable[..., Iterator[Article | InputError]]

READERS: dict[str, Reader] = {
    ".jsonl": jsonl.read,
    ".ndjson": jsonl.read,
    ".html": html.read,
    ".htm": html.read,
    ".xhtml": html.read,
    ".xml": feed.read,
    ".rss": feed.read,
    ".atom": feed.read,
    ".csv": csvfile.read,
    ".warc": warc.read,
    ".warc.gz": warc.read,
}


def reader_for(path: Path) -> Reader:
    """The reader for a file, by its suffix (``.warc.gz`` counts as one); text by default."""
    suffixes = "".join(path.suffixes[-2:]).lower()
    return READERS.get(suffixes) or READERS.get(path.suffix.lower(), text.read)


def read_source(
    source: str,
    *,
    published: dt.date | None = None,
    settings: Settings | None = None,
    stdin: bytes | None = None,
) -> Iterator[Article | InputError]:
    """Articles from one input: a path, an http(s) URL, or ``-`` with the bytes of standard input."""
    settings = settings or Settings()
    for item in _items(source, published=published, settings=settings, stdin=stdin):
        yield item if isinstance(item, InputError) else with_language(item)


def _items(
    source: str, *, published: dt.date | None, settings: Settings, stdin: bytes | None
) -> Iterator[Article | InputError]:
    if source == "-":
        return text.read_bytes(stdin or b"", "<stdin>", published=published, settings=settings)
    if is_url(source):
        return read_url(source, published=published, settings=settings)
    path = Path(source)
    return reader_for(path)(path, published=published, settings=settings)
