"""WARC reader: HTML responses become articles; a damaged archive keeps what came before."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.errors import InputError
from sitrep.model import Article
from sitrep.readers import read_source

STORIES = [
    "Gunmen on motorbikes killed three civilians in the village of Boni in central Mali,"
    " local officials said.",
    "Police fired tear gas at hundreds of protesters in Lagos and arrested twelve people,"
    " witnesses said.",
    "A roadside bomb killed two soldiers near Kismayo in southern Somalia, the army said.",
]


def _page(number: int) -> bytes:
    return (
        f"<html><head><title>Story {number}</title></head><body>"
        f"<article><p>{STORIES[number]}</p></article></body></html>"
    ).encode()


def _archive(*, gzip: bool) -> bytes:
    """Three HTML responses with a request, an image and a redirect among them."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)

    def response(uri: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2021-04-07T10:00:00Z"},
            )
        )

    request = StatusAndHeaders("GET /0 HTTP/1.1", [("Host", "news.example")], is_http_request=True)
    writer.write_record(
        writer.create_warc_record("https://news.example/0", "request", http_headers=request)
    )
    response("https://news.example/0", _page(0), "text/html; charset=utf-8")
    response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
    response("https://news.example/old", b"moved", "text/html", status="301 Moved Permanently")
    response("https://news.example/1", _page(1), "text/html")
    response("https://news.example/2.txt", STORIES[2].encode(), "text/plain")
    return buffer.getvalue()


def _read(path: Path, **kwargs) -> list:
    return list(read_source(str(path), **kwargs))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_html_and_text_responses_become_articles(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(_archive(gzip=name.endswith(".gz")))
    articles = _read(path, published=dt.date(2021, 4, 1))
    assert all(isinstance(article, Article) for article in articles)
    assert [article.text for article in articles] == STORIES
    assert [article.url for article in articles] == [
        "https://news.example/0",
        "https://news.example/1",
        "https://news.example/2.txt",
    ]
    # no date in the pages: the capture date stands in, not the one passed in
    assert {article.published for article in articles} == {dt.date(2021, 4, 7)}
    assert articles[0].title == "Story 0"


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_archive_cut_short_keeps_the_records_before_the_cut(tmp_path: Path, gzip: bool) -> None:
    data = _archive(gzip=gzip)
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    path.write_bytes(data[: len(data) - 40])  # inside the last record's payload
    *articles, problem = _read(path)
    assert [article.text for article in articles] == STORIES[:2]
    assert isinstance(problem, InputError)
    message = str(problem)
    assert str(path) in message and "damaged at offset" in message
    assert "records before it were read" in message


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty input"),
        (b"this is not an archive at all\n" * 10, "damaged at offset 0"),
        (b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4, "damaged at offset 0"),
    ],
    ids=["empty", "not-warc", "junk-gzip"],
)
def test_unreadable_archives_are_named_errors(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(content)
    [problem] = _read(path)
    assert isinstance(problem, InputError)
    assert str(path) in str(problem) and reason in str(problem)


def test_a_boilerplate_page_in_an_archive_names_its_record(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    body = b"<html><body><nav><a href='/'>Home</a></nav></body></html>"
    writer.write_record(
        writer.create_warc_record(
            "https://news.example/menu", "response", payload=io.BytesIO(body), http_headers=headers
        )
    )
    path = tmp_path / "menu.warc.gz"
    path.write_bytes(buffer.getvalue())
    [problem] = _read(path)
    assert isinstance(problem, InputError)
    assert "record at offset 0 (https://news.example/menu)" in str(problem)
    assert "no story text" in str(problem)


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_wherever_an_archive_is_cut_no_record_is_lost_silently(tmp_path: Path, gzip: bool) -> None:
    """Cut inside a record: an error, and no partial story; cut between records: no error."""
    data = _archive(gzip=gzip)
    records = ArchiveIterator(io.BytesIO(data))
    spans = [(records.get_record_offset(), records.get_record_length()) for _ in records]
    # A gzip member cut in its last bytes (the checksum trailer) may still hold its whole
    # record: there either outcome is right, as long as no partial story comes out.
    trailer = 12 if gzip else 0
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    for cut in range(1, len(data), 41):
        path.write_bytes(data[:cut])
        items = _read(path)
        texts = [item.text for item in items if isinstance(item, Article)]
        problems = [str(item) for item in items if isinstance(item, InputError)]
        assert set(texts) <= set(STORIES), cut
        if any(start + length - trailer <= cut < start + length for start, length in spans):
            continue
        inside = any(start < cut < start + length for start, length in spans)
        assert bool(problems) == inside, (cut, problems)
