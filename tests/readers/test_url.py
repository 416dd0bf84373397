"""URL reader against a real HTTP server on 127.0.0.1: pages, feeds and every way a fetch fails."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sitrep.errors import InputError
from sitrep.model import Article
from sitrep.readers import read_source
from sitrep.readers.url import read_url
from sitrep.settings import Settings

from .test_feed import RSS
from .test_html import PAGE, STORY

BIG = 64 * 1024


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the http.server name)
        route = self.path.partition("?")[0]
        if route == "/slow":
            time.sleep(1.0)
            self._send(200, "text/html", PAGE.encode())
        elif route == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"word ")
                self.wfile.flush()
                time.sleep(0.05)
        elif route == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/story.txt")
            self.end_headers()
        elif route in _ROUTES:
            self._send(200, *_ROUTES[route])
        elif route == "/big-undeclared":
            # no Content-Length: only reading past the cap can tell the body is too big
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<p>" + b"x" * (BIG + 100) + b"</p>")
        else:
            self._send(404, "text/html", b"<html><body>Not here</body></html>")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


_ROUTES = {
    "/story.html": ("text/html; charset=utf-8", PAGE.encode()),
    "/feed": ("application/rss+xml", RSS),
    "/story.txt": ("text/plain; charset=utf-8", b"Headline\nRioters burned tyres in Dakar."),
    "/untyped": ("application/octet-stream", PAGE.encode()),
    "/logo.png": ("image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
    "/big": ("text/html", b"<p>" + b"x" * (BIG + 100) + b"</p>"),
}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False  # a test does not wait for the slow handler to finish
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_html_page_is_read_through_read_source(server: str) -> None:
    [article] = list(read_source(f"{server}/story.html"))
    assert isinstance(article, Article)
    assert article.text.startswith(STORY)
    assert article.title == "Gunmen kill three in Mali"
    assert article.url == "https://saheldaily.example/2021/04/mali-attack"  # canonical
    assert article.language == "en"


def test_feed_gives_one_article_per_entry(server: str) -> None:
    items = list(read_source(f"{server}/feed"))
    assert [type(item) for item in items] == [Article, InputError, Article]
    assert items[0].outlet == "Sahel Daily"
    assert f"{server}/feed, entry 2" in str(items[1])


def test_plain_text_keeps_the_url_after_redirects(server: str) -> None:
    [article] = list(read_source(f"{server}/redirect"))
    assert article.title == "Headline"
    assert article.text == "Rioters burned tyres in Dakar."
    assert article.url == f"{server}/story.txt"


def test_untyped_body_is_sniffed(server: str) -> None:
    [article] = list(read_source(f"{server}/untyped"))
    assert isinstance(article, Article) and article.text.startswith(STORY)


def _problem(url: str, **limits: float) -> str:
    [problem] = list(read_url(url, published=None, settings=Settings(), **limits))
    assert isinstance(problem, InputError)
    assert url in str(problem)
    return str(problem)


def test_http_status_is_named(server: str) -> None:
    assert "HTTP 404 Not Found" in _problem(f"{server}/missing")


def test_slow_server_times_out(server: str) -> None:
    started = time.monotonic()
    assert "no answer within 0.2 s" in _problem(f"{server}/slow", timeout=0.2)
    assert time.monotonic() - started < 1.0


def test_trickling_body_hits_the_transfer_limit(server: str) -> None:
    assert "the transfer took over 0.5 s" in _problem(f"{server}/trickle", transfer=0.5)


@pytest.mark.parametrize("route", ["/big", "/big-undeclared"])
def test_body_over_the_cap_is_refused(server: str, route: str) -> None:
    assert "larger than the limit of 65,536 bytes" in _problem(f"{server}{route}", max_bytes=BIG)


def test_unreadable_content_type_is_named(server: str) -> None:
    assert "content type 'image/png'" in _problem(f"{server}/logo.png")


def test_refused_connection_is_named() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert "connection refused" in _problem(f"http://127.0.0.1:{port}/story.html")


def test_unknown_host_is_named() -> None:
    # .invalid never resolves (RFC 2606)
    assert "cannot resolve host 'sitrep-test.invalid'" in _problem("http://sitrep-test.invalid/")
