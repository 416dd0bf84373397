"""Answers to reads kept while the store is unchanged, and entity tags for them.

Every GET under /api is a function of the store and the request's path and query, so an
answer stays right until the next committed write (``Store.content_version``). Many
dashboards open on the same views (the whole map, the first page of events): the first
request of a view pays for it, the others are answered from memory, and a browser that
already holds the answer gets a 304 (``ETag``, ``If-None-Match``).

On a one-core server the dashboard's whole-map layer (5,000 features a page) costs
about 50 ms to compute and about a millisecond to answer from here
(benchmarks/api_load.py).
"""

from __future__ import annotations

import hashlib
import os
from collections import OrderedDict
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..store import Store

DEFAULT_CACHE_BYTES = 64 << 20
# One answer may take at most this share of the cache: a few huge pages never push out
# every other view.
LARGEST_SHARE = 4
CACHED_PREFIX = "/api/"


@dataclass(frozen=True)
class Answer:
    """A whole 200 answer: the app's headers (with Cache-Control) and its body."""

    headers: list[tuple[bytes, bytes]]
    body: bytes


class Answers:
    """Answers by request, the least recently used dropped first to stay within
    ``max_bytes``; all of them dropped when the store's content version changes.

    The entity tag of every answer is the version's: one request under one version has
    one answer. The version is mixed with a number drawn when the server starts, as
    SQLite's version counts from zero again in a new process.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.version: str | None = None
        self.etag = b""
        self.size = 0
        self._items: OrderedDict[bytes, Answer] = OrderedDict()
        self._started = os.urandom(16)

    def __len__(self) -> int:
        return len(self._items)

    def at(self, version: str) -> bytes:
        """The store is at ``version`` now: what was kept under another is dropped.
        Returns the version's entity tag."""
        if version != self.version:
            self._items.clear()
            self.size = 0
            self.version = version
            digest = hashlib.blake2b(version.encode(), key=self._started, digest_size=12)
            self.etag = b'"' + digest.hexdigest().encode() + b'"'
        return self.etag

    def get(self, key: bytes) -> Answer | None:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def put(self, key: bytes, answer: Answer, version: str) -> None:
        """Keep ``answer``, computed when the store was at ``version``: unless the store
        has moved on since, or it is too large to keep."""
        if version != self.version or len(answer.body) * LARGEST_SHARE > self.max_bytes:
            return
        old = self._items.pop(key, None)
        if old is not None:
            self.size -= len(old.body)
        self._items[key] = answer
        self.size += len(answer.body)
        while self.size > self.max_bytes:
            _, dropped = self._items.popitem(last=False)
            self.size -= len(dropped.body)


def _matches(if_none_match: bytes | None, etag: bytes) -> bool:
    """Whether an If-None-Match header names ``etag`` (weakly compared, RFC 9110 13.1.2)."""
    if if_none_match is None:
        return False
    for tag in if_none_match.split(b","):
        tag = tag.strip()
        if tag == b"*" or tag.removeprefix(b"W/") == etag:
            return True
    return False


class ReadCache:
    """ASGI middleware: GETs under /api answered from ``Answers`` while the store is
    unchanged; every whole 200 answer to one gets an ``ETag`` and ``Cache-Control:
    no-cache`` (a browser asks again, and gets a 304 when it still holds the answer).
    ``X-Cache`` says whether the answer came from memory (hit) or not (miss)."""

    def __init__(self, app: ASGIApp, *, store: Store, max_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.app = app
        self.store = store
        self.answers = Answers(max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or not scope["path"].startswith(CACHED_PREFIX)
        ):
            await self.app(scope, receive, send)
            return
        if_none_match = dict(scope["headers"]).get(b"if-none-match")
        key = scope["path"].encode() + b"?" + scope["query_string"]
        version = self.store.content_version()
        etag = self.answers.at(version)
        found = self.answers.get(key)
        if found is not None:
            await _send(send, found, etag, if_none_match, b"hit")
            return
        held: Message | None = None

        async def tagging_send(message: Message) -> None:
            nonlocal held
            if message["type"] == "http.response.start" and message["status"] == 200:
                held = message  # sent with the body: kept whole, or a 304 instead
                return
            if held is None or message["type"] != "http.response.body":
                await send(message)
                return
            start, held = held, None
            if message.get("more_body", False):  # a streamed answer: passed on untouched
                await send(start)
                await send(message)
                return
            answer = Answer(
                headers=[*start.get("headers", []), (b"cache-control", b"no-cache")],
                body=message.get("body", b""),
            )
            self.answers.put(key, answer, version)
            await _send(send, answer, etag, if_none_match, b"miss")

        await self.app(scope, receive, tagging_send)


async def _send(
    send: Send, answer: Answer, etag: bytes, if_none_match: bytes | None, cache: bytes
) -> None:
    extra = [(b"etag", etag), (b"x-cache", cache)]
    if _matches(if_none_match, etag):
        headers = [
            (name, value)
            for name, value in answer.headers
            if name.lower() not in (b"content-length", b"content-type")
        ]
        await send({"type": "http.response.start", "status": 304, "headers": headers + extra})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": 200, "headers": answer.headers + extra})
    await send({"type": "http.response.body", "body": answer.body})
