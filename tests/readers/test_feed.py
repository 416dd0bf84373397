"""Feed reader: one article per entry; a broken feed or an empty entry is a named error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.model import Article
from sitrep.readers import read_source

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Sahel Daily</title><link>https://saheldaily.example/</link>
<item><title>Gunmen kill three in Mali</title><link>https://saheldaily.example/a</link>
<guid>https://saheldaily.example/?p=1</guid><pubDate>Mon, 05 Apr 2021 10:00:00 +0000</pubDate>
<description>&lt;p&gt;Gunmen killed three civilians in &lt;b&gt;Boni&lt;/b&gt;, central Mali.&lt;/p&gt;
&lt;p&gt;Officials blamed jihadists &amp;amp; called for calm.&lt;/p&gt;</description></item>
<item><title>Photo gallery</title><link>https://saheldaily.example/b</link></item>
<item><title>Protest in Niamey</title><link>https://saheldaily.example/c</link>
<description>Hundreds of people marched in Niamey on Saturday to protest against insecurity.</description>
</item></channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Lagos &amp;amp; Beyond</title>
<entry><title>Tear gas in Lagos</title><link href="https://lagos.example/1"/><id>urn:lagos:1</id>
<updated>2021-04-06T08:00:00Z</updated><summary>Police fired tear gas.</summary>
<content type="html">&lt;p&gt;Police fired tear gas at protesters in Lagos on Monday.&lt;/p&gt;
&lt;p&gt;Twelve people were arrested.&lt;/p&gt;</content></entry></feed>"""


def _read(path: Path, **kwargs) -> list:
    return list(read_source(str(path), **kwargs))


def test_rss_entries_become_articles_and_an_empty_entry_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "sahel.rss"
    path.write_bytes(RSS)
    first, problem, third = _read(path, published=dt.date(2021, 4, 9))
    assert isinstance(first, Article) and isinstance(third, Article)
    assert first.text == (
        "Gunmen killed three civilians in Boni, central Mali.\n"
        "Officials blamed jihadists & called for calm."
    )
    assert first.title == "Gunmen kill three in Mali"
    assert first.url == "https://saheldaily.example/a"
    assert first.id == "https://saheldaily.example/?p=1"
    assert first.outlet == third.outlet == "Sahel Daily"
    assert first.published == dt.date(2021, 4, 5)
    assert third.published == dt.date(2021, 4, 9)  # no pubDate: the date passed in
    assert third.text.startswith("Hundreds of people marched")
    assert isinstance(problem, InputError)
    assert "entry 2" in str(problem) and "https://saheldaily.example/b" in str(problem)
    assert str(path) in str(problem)


def test_atom_content_wins_over_summary(tmp_path: Path) -> None:
    path = tmp_path / "lagos.atom"
    path.write_bytes(ATOM)
    [article] = _read(path)
    assert article.text == (
        "Police fired tear gas at protesters in Lagos on Monday.\nTwelve people were arrested."
    )
    assert article.outlet == "Lagos & Beyond"
    assert article.published == dt.date(2021, 4, 6)
    assert article.id == "urn:lagos:1"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Cut", "not well-formed"),
        (b"<html><body><p>Not a feed.</p></body></html>", "no RSS or Atom root element"),
        (
            b"<?xml version='1.0'?><rss version='2.0'><channel><title>Quiet</title></channel></rss>",
            "the feed has no entries",
        ),
        (b"   \n", "empty input"),
    ],
    ids=["broken-xml", "html-not-feed", "no-entries", "empty"],
)
def test_unreadable_feeds_are_named_errors(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(content)
    [problem] = _read(path)
    assert isinstance(problem, InputError)
    assert str(path) in str(problem) and reason in str(problem)


def test_a_feed_cut_short_keeps_the_entries_it_has(tmp_path: Path) -> None:
    path = tmp_path / "cut.rss"
    path.write_bytes(RSS[: RSS.index(b"<item><title>Photo")] + b"<item><title>Ph")
    items = _read(path)
    assert isinstance(items[0], Article) and items[0].title == "Gunmen kill three in Mali"
