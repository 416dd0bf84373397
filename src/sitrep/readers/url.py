"""Stories on the web: ``http://`` and ``https://`` sources, fetched with the standard library.

The fetch has a time limit per network step, one for the whole transfer, and a size cap
(at most cap + 1 bytes are read). The response's content type decides how it is read:
HTML page, feed, or plain text.
"""

from __future__ import annotations

import datetime as dt
import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from .. import __version__
from ..errors import Errors, InputError
from ..model import Article
from ..settings import Settings
from .feed import FEED_TYPES, read_feed
from .html import HTML_TYPES, read_page
from .text import read_bytes

# Seconds to connect, and to wait for each read.
TIMEOUT_S = 10.0
# Seconds for the whole transfer, so a server trickling bytes cannot hold up a batch.
TRANSFER_S = 60.0
# Largest response body, in bytes.
MAX_BYTES = 10 * 1024 * 1024
USER_AGENT = f"sitrep/{__version__}"
_ACCEPT = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml,"
    " application/xml;q=0.9, text/plain;q=0.8, */*;q=0.1"
)
_CHUNK = 1 << 16
# Types a server sends when it does not know: the body's first bytes decide.
_UNKNOWN_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})


@dataclass(frozen=True)
class Response:
    body: bytes
    content_type: str  # the whole header, parameters included
    url: str  # after redirects

    @property
    def media_type(self) -> str:
        return self.content_type.partition(";")[0].strip().lower()


def is_url(source: str) -> bool:
    return urlsplit(source).scheme.lower() in ("http", "https")


def fetch(
    url: str,
    *,
    timeout: float = TIMEOUT_S,
    transfer: float = TRANSFER_S,
    max_bytes: int = MAX_BYTES,
) -> Response:
    """The body of ``url``; InputError (E026, E027) says why when it cannot be had."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise InputError(Errors.E027.format(source=url, limit=max_bytes))
            body = _read_capped(response, url, transfer=transfer, max_bytes=max_bytes)
            return Response(body, response.headers.get("Content-Type", ""), response.geturl())
    except urllib.error.HTTPError as exc:
        exc.close()
        reason = f"HTTP {exc.code} {exc.reason}"
    except urllib.error.URLError as exc:
        reason = _network_reason(exc.reason, url, timeout)
    except (OSError, http.client.HTTPException) as exc:  # a timeout or reset mid-response
        reason = _network_reason(exc, url, timeout)
    raise InputError(Errors.E026.format(source=url, reason=reason))


def _read_capped(
    response: http.client.HTTPResponse, url: str, *, transfer: float, max_bytes: int
) -> bytes:
    deadline = time.monotonic() + transfer
    chunks: list[bytes] = []
    size = 0
    # read1 returns what one network read brings, so the deadline is checked while bytes trickle.
    while chunk := response.read1(min(_CHUNK, max_bytes + 1 - size)):
        size += len(chunk)
        if size > max_bytes:
            raise InputError(Errors.E027.format(source=url, limit=max_bytes))
        if time.monotonic() > deadline:
            raise InputError(
                Errors.E026.format(source=url, reason=f"the transfer took over {transfer:g} s")
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _network_reason(error: object, url: str, timeout: float) -> str:
    if isinstance(error, socket.gaierror):
        return f"cannot resolve host '{urlsplit(url).hostname}' ({error.strerror})"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(error, ssl.SSLError):
        return f"TLS failed ({error.reason or error})"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def _kind(response: Response) -> str | None:
    """'html', 'feed' or 'text' by the content type, or by the first bytes when it is unknown."""
    media = response.media_type
    if media in HTML_TYPES:
        return "html"
    if media in FEED_TYPES:
        return "feed"
    if media == "text/plain":
        return "text"
    if media in _UNKNOWN_TYPES:
        head = response.body[:512].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")):
            return "html"
        if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
            return "feed"
    return None


def read_url(
    url: str,
    *,
    published: dt.date | None,
    settings: Settings,
    timeout: float = TIMEOUT_S,
    transfer: float = TRANSFER_S,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Article | InputError]:
    """Articles from one URL: a page gives one, a feed one per entry."""
    try:
        response = fetch(url, timeout=timeout, transfer=transfer, max_bytes=max_bytes)
    except InputError as problem:
        yield problem
        return
    kind = _kind(response)
    if kind == "feed":
        yield from read_feed(
            response.body,
            url,
            published=published,
            settings=settings,
            content_type=response.content_type,
        )
    elif kind == "text":
        yield from read_bytes(
            response.body, url, published=published, settings=settings, url=response.url
        )
    elif kind == "html":
        try:
            yield read_page(
                response.body, url, url=response.url, published=published, settings=settings
            )
        except InputError as problem:
            yield problem
    else:
        yield InputError(Errors.E028.format(source=url, content_type=response.media_type))
