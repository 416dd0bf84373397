"""RSS and Atom feeds, by feedparser: one Article per entry, the feed's title as the outlet.

An entry with no text is reported with its number and the other entries are read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import Errors, InputError
from ..model import Article
from ..settings import Settings
from .html import markup_text
from .text import file_bytes, file_size

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
_MARKUP_TYPES = ("text/html", "application/xhtml+xml")
# Largest feed file read, in bytes. feedparser holds the whole document, and several times
# its size in parsed entries, so a feed cannot be streamed; real feeds are kilobytes to a
# few megabytes, and a bigger file is refused from its size, before it is read (E021).
MAX_FEED_BYTES = 64 * 1024 * 1024


def read_feed(
    data: bytes,
    source: str,
    *,
    published: dt.date | None,
    settings: Settings,
    content_type: str | None = None,
) -> Iterator[Article | InputError]:
    """Articles from a feed's bytes; ``content_type`` is the HTTP header, when fetched."""
    if not data.strip():
        yield InputError(Errors.E006.format(source=source))
        return
    import feedparser  # loaded with the first feed, not with sitrep

    # Bytes, never a string: given a string, feedparser would fetch it as a URL or open it as a path.
    parsed = feedparser.parse(
        data, response_headers={"content-type": content_type} if content_type else None
    )
    if not parsed.entries:
        yield InputError(Errors.E021.format(source=source, reason=_why_no_entries(parsed)))
        return
    outlet = _plain(parsed.feed.get("title_detail")) or None
    for number, entry in enumerate(parsed.entries, 1):
        try:
            yield entry_to_article(
                entry,
                source,
                number,
                outlet=outlet,
                published=published,
                limit=settings.text.max_article_chars,
            )
        except InputError as problem:
            yield problem


def _why_no_entries(parsed: Any) -> str:
    # bozo is also set for harmless things (an encoding override): it matters with no entries.
    if parsed.bozo:
        return f"not well-formed: {parsed.bozo_exception}"
    if not parsed.version:
        return "no RSS or Atom root element"
    return "the feed has no entries"


def entry_to_article(
    entry: Any,
    source: str,
    number: int,
    *,
    outlet: str | None,
    published: dt.date | None,
    limit: int,
) -> Article:
    """One feed entry as an Article: its content (else its summary) as plain text."""
    text = _entry_text(entry)
    if not text:
        name = entry.get("link") or entry.get("title") or "no title or link"
        raise InputError(Errors.E022.format(source=source, number=number, name=name))
    if len(text) > limit:
        raise InputError(
            Errors.E008.format(source=f"{source}, entry {number}", size=len(text), limit=limit)
        )
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return Article(
        id=entry.get("id") or Article.content_id(text),
        url=entry.get("link"),
        title=_plain(entry.get("title_detail")) or None,
        text=text,
        published=dt.date(*stamp[:3]) if stamp else published,
        outlet=outlet,
    )


def _entry_text(entry: Any) -> str:
    """The longest of the entry's contents, else its summary, as plain text."""
    parts = list(entry.get("content") or [])
    if not any(part.get("value", "").strip() for part in parts) and entry.get("summary_detail"):
        parts = [entry["summary_detail"]]
    return max((_plain(part) for part in parts), key=len, default="")


def _plain(detail: Any) -> str:
    """The text of a feedparser value (a title, a summary, a content part), tags removed."""
    detail = detail or {}
    value = detail.get("value") or ""
    return markup_text(value) if detail.get("type") in _MARKUP_TYPES else value.strip()


def read(
    path: Path, *, published: dt.date | None, settings: Settings
) -> Iterator[Article | InputError]:
    try:
        size = file_size(path)
        if size > MAX_FEED_BYTES:
            reason = f"{size:,} bytes; a feed is parsed whole, and may have {MAX_FEED_BYTES:,}"
            raise InputError(Errors.E021.format(source=path, reason=reason))
        data = file_bytes(path, max_bytes=MAX_FEED_BYTES)
    except InputError as problem:
        yield problem
        return
    yield from read_feed(data, str(path), published=published, settings=settings)
