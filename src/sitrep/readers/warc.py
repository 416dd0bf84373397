"""Web archives (``.warc``, ``.warc.gz``), by warcio: each HTML or text response is a story.

The archive is streamed, never loaded whole. The URL comes from ``WARC-Target-URI``; the
capture date (``WARC-Date``) stands in for the publication date when the page gives none.
Requests, metadata, redirects, errors and non-text payloads are skipped. A damaged archive
ends with one error naming the offset; the records before it are kept.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import Errors, InputError
from ..model import Article
from ..settings import Settings
from .html import HTML_TYPES, markup_limit, read_page
from .text import read_bytes

_CHUNK = 1 << 16
# A WARC file starts with its version line, whole or in the first gzip member; anything
# else is refused before warcio reads it (it reads a first line of any length whole).
_MAGIC = b"WARC/"
_GZIP = b"\x1f\x8b"
_HEAD = 4096
# Longest reason quoted from warcio: its messages quote the bad line, whatever its size.
_REASON_CHARS = 200


def read(
    path: Path, *, published: dt.date | None, settings: Settings
) -> Iterator[Article | InputError]:
    try:
        size = path.stat().st_size
        handle = path.open("rb")
    except FileNotFoundError:
        yield InputError(Errors.E012.format(source=path))
        return
    except OSError as exc:
        yield InputError(Errors.E013.format(source=path, reason=exc.strerror or str(exc)))
        return
    with handle:
        if not size:
            yield InputError(Errors.E006.format(source=path))
            return
        reason = _not_warc(handle.read(_HEAD))
        handle.seek(0)
        if reason:
            yield InputError(Errors.E025.format(source=path, offset=0, reason=reason))
            return
        yield from _read_records(handle, size, str(path), published=published, settings=settings)


def _not_warc(head: bytes) -> str | None:
    """Why a file is not a WARC archive, from its first bytes (gunzipped when it is
    gzipped); None when it is one."""
    if head.startswith(_GZIP):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, len(_MAGIC))
        except zlib.error as exc:
            return f"not gzip data ({exc})"
    if head.startswith(_MAGIC):
        return None
    return f"not a WARC file: it starts with {head[:16]!r}"


def _read_records(
    handle: BinaryIO, size: int, source: str, *, published: dt.date | None, settings: Settings
) -> Iterator[Article | InputError]:
    from warcio.archiveiterator import WARCIterator
    from warcio.exceptions import ArchiveLoadFailed

    # warcio raises assorted errors on a damaged archive (even AttributeError on a cut
    # header); around its reads, any of them means the archive ends here.
    damage = (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError, AttributeError)
    records = WARCIterator(handle)  # WARC only: an ARC or any other file is an error
    cap = markup_limit(settings) * 4
    while True:
        try:
            record = next(records, None)
            if record is None:
                break
            payload = _payload(record, cap)
            shortfall = _shortfall(record)
        except damage as exc:
            reason = str(exc)[:_REASON_CHARS]
            yield InputError(
                Errors.E025.format(source=source, offset=records.offset, reason=reason)
            )
            return
        offset = records.offset  # where this record starts, once next() has reached it
        uri = record.rec_headers.get_header("WARC-Target-URI")
        if shortfall:
            reason = f"the record for {uri} {shortfall}"
            yield InputError(Errors.E025.format(source=source, offset=offset, reason=reason))
            return
        if payload is None:
            continue
        where = f"{source}, record at offset {offset} ({uri})"
        if len(payload) > cap:
            yield InputError(Errors.E008.format(source=where, size=len(payload), limit=cap // 4))
            continue
        yield from _items(
            record,
            payload,
            where,
            url=uri,
            published=_capture_date(record) or published,
            settings=settings,
        )
    # warcio also ends quietly on a record cut inside its header: bytes are left over.
    if records.offset < size:
        left = size - records.offset
        reason = f"{left:,} bytes after the last complete record are not a whole record"
        yield InputError(Errors.E025.format(source=source, offset=records.offset, reason=reason))


def _payload(record: Any, cap: int) -> bytes | None:
    """At most ``cap + 1`` bytes of a 2xx HTML or text response; None for any other record."""
    if record.rec_type != "response" or not record.http_headers:
        return None
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2") or _media_type(record) not in HTML_TYPES | {"text/plain"}:
        return None
    stream = record.content_stream()
    chunks: list[bytes] = []
    size = 0
    while size <= cap and (chunk := stream.read(min(_CHUNK, cap + 1 - size))):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _shortfall(record: Any) -> str | None:
    """Read the record to its end; how it falls short of its Content-Length, if it does.

    warcio stops quietly where a file is cut, so the promised length is the only witness.
    """
    raw = record.raw_stream
    while raw.read(_CHUNK):
        pass
    if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
        return "has no Content-Length (its header is cut)"
    # warcio reads a record's block through a LimitReader that counts down to zero.
    missing = getattr(raw, "limit", 0)
    return f"ends {missing:,} bytes short" if missing else None


def _media_type(record: Any) -> str:
    header = record.http_headers.get_header("Content-Type") or ""
    return header.partition(";")[0].strip().lower()


def _capture_date(record: Any) -> dt.date | None:
    stamp = record.rec_headers.get_header("WARC-Date") or ""
    try:
        return dt.date.fromisoformat(stamp[:10])
    except ValueError:
        return None


def _items(
    record: Any,
    payload: bytes,
    where: str,
    *,
    url: str | None,
    published: dt.date | None,
    settings: Settings,
) -> Iterator[Article | InputError]:
    if _media_type(record) not in HTML_TYPES:
        yield from read_bytes(payload, where, published=published, settings=settings, url=url)
        return
    try:
        yield read_page(payload, where, url=url, published=published, settings=settings)
    except InputError as problem:
        yield problem
