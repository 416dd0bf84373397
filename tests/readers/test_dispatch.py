"""read_source picks the reader by suffix (any case, .warc.gz as one) and by URL scheme."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.readers import csvfile, feed, html, jsonl, reader_for, text, warc
from sitrep.readers.url import is_url


@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("story.HTML", html.read),
        ("story.htm", html.read),
        ("news.rss", feed.read),
        ("news.atom", feed.read),
        ("news.xml", feed.read),
        ("table.csv", csvfile.read),
        ("crawl.warc", warc.read),
        ("crawl-2021.04.WARC.GZ", warc.read),
        ("batch.2021.jsonl", jsonl.read),
        ("notes.gz", text.read),
        ("story.txt", text.read),
        ("README", text.read),
    ],
)
def test_reader_by_suffix(name: str, reader: object) -> None:
    assert reader_for(Path(name)) is reader


def test_only_http_and_https_are_urls() -> None:
    assert is_url("https://example.org/a") and is_url("HTTP://example.org/")
    assert not is_url("ftp://example.org/a")
    assert not is_url("stories/http-notes.txt")
    assert not is_url("C:/stories/a.html")
