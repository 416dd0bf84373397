"""ASGI middleware every response goes through: security headers, a cap on request
bodies, and a JSON 500 (in the one error shape) for anything unexpected."""

from __future__ import annotations

import logging

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import Errors
from .errors import ApiError, error_response

log = logging.getLogger("sitrep.api")

# The one outside origin a server may allow, and only when started with --online-tiles.
TILE_ORIGIN = "https://tile.openstreetmap.org"


def security_headers(*, online_tiles: bool = False) -> dict[str, str]:
    """docs/api.md, "Security headers": no inline script, no outside origin (but the map
    tile server, images only, when online tiles are asked for), never framed."""
    images = f"'self' data: {TILE_ORIGIN}" if online_tiles else "'self' data:"
    return {
        "Content-Security-Policy": (
            f"default-src 'self'; script-src 'self'; style-src 'self'; img-src {images}; "
            "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'"
        ),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }


SECURITY_HEADERS = security_headers()
# The largest request body read: a batch of stories of the usual size fits many times.
MAX_BODY_BYTES = 10_000_000


class SecurityHeaders:
    """Put the security headers on every response, errors and static files included."""

    def __init__(self, app: ASGIApp, *, online_tiles: bool = False) -> None:
        self.app = app
        self.headers = security_headers(online_tiles=online_tiles)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _too_large(what: str) -> ApiError:
    reason = f"{what} is over the limit of {MAX_BODY_BYTES:,} bytes"
    return ApiError(413, Errors.E063.format(param="body", reason=reason))


class BodyLimit:
    """Refuse a body over MAX_BODY_BYTES with a 413: by its Content-Length before reading
    it, or, for a chunked body (no length), while reading it here, before the app sees
    any of it (the app would turn an error raised mid-read into a 400)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared is not None:
            if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
                too_large = _too_large(f"a body of {int(declared):,} bytes")
                await error_response(too_large)(scope, receive, send)
                return
            await self.app(scope, receive, send)  # the server holds the body to its length
            return
        if b"chunked" not in headers.get(b"transfer-encoding", b"").lower():
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                await error_response(_too_large("a chunked body"))(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


class InternalErrors:
    """Answer an unexpected exception with a 500 in the one error shape, and log it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            log.exception("%s %s failed", scope["method"], scope["path"])
            if started:
                raise
            message = Errors.E064.format(method=scope["method"], path=scope["path"])
            await error_response(ApiError(500, message))(scope, receive, send)
