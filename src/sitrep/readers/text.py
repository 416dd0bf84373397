"""Plain text: the first line is the title, the rest the story.

Also the text layer of the formats with many stories (JSONL, CSV): :func:`open_text` and
:class:`Lines` stream a file line by line, so its size never decides the memory it takes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

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


# Bytes of a file's head that choose its encoding and tell text from binary data.
SNIFF_BYTES = 1 << 16
# Characters read at a time while skipping the rest of an over-long line.
_SKIP_CHARS = 1 << 16
_LINE_ENDS = ("\n", "\r")


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
    _refuse_binary(data[:SNIFF_BYTES], source)
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise InputError(Errors.E009.format(source=source, reason=str(exc))) from exc
        decoded = str(best)
    return _within_limit(decoded, source, limit)


def _refuse_binary(sample: bytes, source: str) -> None:
    if b"\x00" in sample:
        raise InputError(Errors.E007.format(source=source, reason="it contains NUL bytes"))
    control = sum(sample.count(bytes([b])) for b in _CONTROL)
    if control > max(8, len(sample) // 100):
        raise InputError(Errors.E007.format(source=source, reason=f"{control} control bytes"))


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


def line_limit(settings: Settings) -> int:
    """Longest line of a file of many stories, in characters: a line (a JSON record, a CSV
    row) holds one story plus its other fields, escaped, so twice the story limit."""
    return settings.text.max_article_chars * 2


def stdin_bytes(stream: BinaryIO, settings: Settings) -> bytes:
    """Standard input as one story: at most one byte past the cap of :func:`read`, so a
    story too large is refused (E008) without the rest being read."""
    return stream.read(settings.text.max_article_chars * 4 + 1)


def file_size(path: Path) -> int:
    """The file's size in bytes; InputError names the file when it is missing or unreadable."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        raise InputError(Errors.E012.format(source=path)) from None
    except OSError as exc:
        raise InputError(Errors.E013.format(source=path, reason=exc.strerror or str(exc))) from exc


def file_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The file's bytes; InputError names the file when it is missing, unreadable or too big
    (refused from its size, before it is read)."""
    size = file_size(path)
    if size > max_bytes:
        raise InputError(Errors.E008.format(source=path, size=size, limit=max_bytes // 4))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(Errors.E013.format(source=path, reason=exc.strerror or str(exc))) from exc


def open_text(path: Path) -> TextIO:
    """``path`` opened as text, to be read line by line (:class:`Lines`).

    The encoding is chosen from the first SNIFF_BYTES: a byte-order mark, else UTF-8, else
    what charset-normalizer detects. Bytes that encoding cannot read come through as lone
    surrogates, for :class:`Lines` to decode line by line. InputError names the file when
    it is missing, unreadable, empty or binary.
    """
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise InputError(Errors.E012.format(source=path)) from None
    except OSError as exc:
        raise InputError(Errors.E013.format(source=path, reason=exc.strerror or str(exc))) from exc
    try:
        head = handle.read(SNIFF_BYTES)
        handle.seek(0)
        encoding = _stream_encoding(head, str(path))
    except OSError as exc:
        handle.close()
        raise InputError(Errors.E013.format(source=path, reason=exc.strerror or str(exc))) from exc
    except BaseException:
        handle.close()
        raise
    # UTF-16 and UTF-32 have no byte-for-byte escape: what they cannot read is damage (E009).
    errors = "strict" if encoding in ("utf-16", "utf-32") else "surrogateescape"
    return io.TextIOWrapper(handle, encoding=encoding, errors=errors, newline="")


def _stream_encoding(head: bytes, source: str) -> str:
    if not head.strip() and len(head) < SNIFF_BYTES:
        raise InputError(Errors.E006.format(source=source))
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    _refuse_binary(head, source)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        cut = exc.reason == "unexpected end of data" and len(head) == SNIFF_BYTES
        if not cut:  # not merely a character cut at the end of the sample
            from charset_normalizer import from_bytes

            best = from_bytes(head).best()
            if best is None:
                raise InputError(Errors.E009.format(source=source, reason=str(exc))) from exc
            return best.encoding
    return "utf-8"


def _escaped(line: str) -> bool:
    """Whether the line holds bytes its stream could not decode: surrogateescape keeps them
    as lone surrogates, which UTF-8 refuses to encode (much cheaper than a regex search)."""
    if line.isascii():
        return False
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class Lines:
    """The lines of a text stream from :func:`open_text`, read one at a time, each at most
    ``limit`` characters (line ends kept); ``number`` is the last line's number.

    A line over the limit is skipped a block at a time and raises InputError (E008); a line
    the stream's encoding cannot read is decoded alone (as :func:`decode` does) or raises
    InputError (E009). Iteration then goes on with the next line, so a reader (or the csv
    module) reports it and reads the rest.
    """

    def __init__(self, text: TextIO, source: str, *, limit: int) -> None:
        self.text, self.source, self.limit = text, source, limit
        self.number = 0
        self._broken = False

    def __iter__(self) -> Lines:
        return self

    def __next__(self) -> str:
        if self._broken:
            raise StopIteration
        number = self.number + 1
        where = f"{self.source}, line {number}"
        try:
            line = self.text.readline(self.limit + 1)
            if not line:
                raise StopIteration
            self.number = number
            if len(line) > self.limit and not line.endswith(_LINE_ENDS):
                size = len(line) + self._skip()
                raise InputError(Errors.E008.format(source=where, size=size, limit=self.limit))
        except UnicodeDecodeError as exc:
            # UTF-16 or -32 (strict), decoded a block at a time: the block holding this
            # line cannot be read, nor anything after it.
            self.number, self._broken = number, True
            reason = f"from line {number} on: {exc}"
            raise InputError(Errors.E009.format(source=self.source, reason=reason)) from exc
        if _escaped(line):
            encoding = "utf-8" if self.text.encoding == "utf-8-sig" else self.text.encoding
            line = decode(line.encode(encoding, "surrogateescape"), where, limit=self.limit)
        return line

    def numbered(self) -> Iterator[tuple[int, str | InputError]]:
        """(line number, line or the InputError for it) for every line left."""
        while True:
            try:
                line = next(self)
            except StopIteration:
                return
            except InputError as problem:
                yield self.number, problem
                continue
            yield self.number, line

    def _skip(self) -> int:
        """Read past the rest of the current line; the characters skipped."""
        skipped = 0
        while block := self.text.readline(_SKIP_CHARS):
            skipped += len(block)
            if block.endswith(_LINE_ENDS):
                break
        return skipped


def read(
    path: Path, *, published: dt.date | None, settings: Settings
) -> Iterator[Article | InputError]:
    try:
        data = file_bytes(path, max_bytes=settings.text.max_article_chars * 4)
    except InputError as problem:
        yield problem
        return
    yield from read_bytes(data, str(path), published=published, settings=settings)
