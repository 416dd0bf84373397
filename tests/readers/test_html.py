"""HTML reader: the story, not the page; pages without one are named errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.model import Article
from sitrep.readers import read_source
from sitrep.readers.html import markup_text

STORY = (
    "Gunmen on motorbikes killed three civilians in the village of Boni in central Mali on"
    " Sunday, local officials said. The attack was the third in the area this month."
)
PAGE = f"""<!DOCTYPE html><html><head><title>Gunmen kill three in Mali | Sahel Daily</title>
<meta property="og:title" content="Gunmen kill three in Mali">
<meta property="og:site_name" content="Sahel Daily">
<link rel="canonical" href="https://saheldaily.example/2021/04/mali-attack">
<meta property="article:published_time" content="2021-04-05T10:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Gunmen kill three in Mali</h1><p>{STORY}</p>
<p>No group has claimed responsibility for the attack, which happened on 4 April 2021.</p>
</article>
<footer><p>Copyright 2021 Sahel Daily. All rights reserved.</p></footer>
</body></html>"""


def _read(path: Path, **kwargs) -> list:
    return list(read_source(str(path), **kwargs))


def test_page_gives_story_title_date_canonical_url_and_outlet(tmp_path: Path) -> None:
    path = tmp_path / "mali.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = _read(path, published=dt.date(2021, 4, 9))
    assert isinstance(article, Article)
    assert article.text.startswith("Gunmen on motorbikes killed three civilians")
    assert "Home" not in article.text and "Copyright" not in article.text
    assert article.title == "Gunmen kill three in Mali"
    # the metadata date wins over the one passed in; the canonical link is the URL
    assert article.published == dt.date(2021, 4, 5)
    assert article.url == "https://saheldaily.example/2021/04/mali-attack"
    assert article.outlet == "Sahel Daily"
    assert article.language == "en"


def test_page_without_a_date_takes_the_one_passed_in(tmp_path: Path) -> None:
    path = tmp_path / "undated.htm"
    path.write_text(f"<html><body><article><p>{STORY}</p></article></body></html>", "utf-8")
    [article] = _read(path, published=dt.date(2021, 4, 9))
    assert article.published == dt.date(2021, 4, 9)
    assert article.text == STORY


def test_windows_1252_page_without_a_charset_is_decoded(tmp_path: Path) -> None:
    story = (
        "Des hommes armés ont tué trois civils près de Ségou, au centre du Mali, a déclaré"
        " dimanche un responsable local. « C’est la troisième attaque ce mois-ci », a-t-il"
        " ajouté. L’armée malienne a dépêché des renforts dans la région."
    )
    path = tmp_path / "segou.html"
    path.write_bytes(
        f"<html><head><title>Attaque à Ségou</title></head><body><article><p>{story}</p>"
        "</article></body></html>".encode("cp1252")
    )
    [article] = _read(path)
    assert article.text == story
    assert article.title == "Attaque à Ségou"
    assert article.language == "fr"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty input"),
        (bytes(range(256)) * 40, "binary"),
        (
            b"<html><head><title>Sahel Daily</title></head><body><nav><a href='/'>Home</a>"
            b"<a href='/world'>World</a></nav><div class='cookies'>Accept cookies</div>"
            b"<footer>Copyright 2021</footer></body></html>",
            "word(s) outside navigation and boilerplate",
        ),
        (b"<html><head><title>Nothing</title></head><body></body></html>", "no text outside"),
    ],
    ids=["empty", "binary-junk", "boilerplate-only", "no-body"],
)
def test_pages_without_a_story_are_named_errors(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(content)
    [problem] = _read(path)
    assert isinstance(problem, InputError)
    assert str(path) in str(problem) and reason in str(problem)


def test_markup_text_keeps_paragraphs_and_decodes_entities() -> None:
    fragment = (
        "<p>Police fired <b>tear gas</b> in Lagos.</p>\x0c<p>Two people were hurt &amp; "
        "ten arrested.<br>More follows.</p><script>track()</script>"
    )
    assert markup_text(fragment) == (
        "Police fired tear gas in Lagos.\nTwo people were hurt & ten arrested.\nMore follows."
    )
    assert markup_text("Plain words stay as they are.") == "Plain words stay as they are."
    assert markup_text("<!-- nothing -->") == ""
