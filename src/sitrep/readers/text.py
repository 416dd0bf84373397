"""Plain text: the first line is the title, the rest the story."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from ..errors import Errors, InputError
from ..model import Article
from ..settings import Settings

# Bytes that never appear in text: a few of them mean binary data.
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))
# A byte-order mark names the encoding outright (UTF-32 before UTF-16: its BOM is longer).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
)


def decode(data: bytes, source: str, *, limit: int) -> str:
    """Bytes to text: UTF-8 first, then the encoding charset-normalizer detects."""
    if not data.strip():
        raise InputError(Errors.E006.format(source=source))
    if len(data) > limit * 4:
        raise InputError(Errors.E008.format(source=source, size=len(data), limit=limit))
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _within_limit(data.decode(encoding), source, limit)
            except UnicodeDecodeError as exc:
                raise InputError(Errors.E009.format(source=source, reason=str(exc))) from exc
    sample = data[:65536]
    if b"\x00" in sample:
        raise InputError(Errors.E007.format(source=source, reason="it contains NUL bytes"))
    control = sum(sample.count(bytes([b])) for b in _CONTROL)
    if control > max(8, len(sample) // 100):
        raise InputError(Errors.E007.format(source=source, reason=f"{control} control bytes"))
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise InputError(Errors.E009.format(source=source, reason=str(exc))) from exc
        decoded = str(best)
    return _within_limit(decoded, source, limit)


def _within_limit(decoded: str, source: str, limit: int) -> str:
    if len(decoded) > limit:
        raise InputError(Errors.E008.format(source=source, size=len(decoded), limit=limit))
    return decoded


def to_article(
    content: str, source: str, *, published: dt.date | None, url: str | None = None
) -> Article:
    title, _, body = content.lstrip("\ufeff").partition("\n")
    if not body.strip():  # a one-line file is all story, no title
        title, body = "", title
    return Article(
        id=Article.content_id(body),
        url=url,
        title=title.strip() or None,
        text=body.lstrip("\r\n"),
        published=published,
    )


def read_bytes(
    data: bytes,
    source: str,
    *,
    published: dt.date | None,
    settings: Settings,
    url: str | None = None,
) -> Iterator[Article | InputError]:
    try:
        content = decode(data, source, limit=settings.text.max_article_chars)
    except InputError as problem:
        yield problem
        return
    if not content.strip():
        yield InputError(Errors.E006.format(source=source))
        return
    yield to_article(content, source, published=published, url=url)


def batch_limit(settings: Settings) -> int:
    """Largest file of many stories (JSONL, CSV, a feed), in characters: a thousand stories."""
    return settings.text.max_article_chars * 1000


def batch_text(path: Path, settings: Settings) -> str:
    """The decoded text of a file of many stories; InputError names the file and why not."""
    limit = batch_limit(settings)
    return decode(file_bytes(path, max_bytes=limit * 4), str(path), limit=limit)


def file_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The file's bytes; InputError names the file when it is missing, unreadable or too big."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(Errors.E008.format(source=path, size=size, limit=max_bytes // 4))
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(Errors.E012.format(source=path)) from None
    except OSError as exc:
        raise InputError(Errors.E013.format(source=path, reason=exc.strerror or str(exc))) from exc


def read(
    path: Path, *, published: dt.date | None, settings: Settings
) -> Iterator[Article | InputError]:
    try:
        data = file_bytes(path, max_bytes=settings.text.max_article_chars * 4)
    except InputError as problem:
        yield problem
        return
    yield from read_bytes(data, str(path), published=published, settings=settings)
