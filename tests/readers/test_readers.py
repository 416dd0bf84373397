"""Readers: every bad input gives one clear error naming it; good inputs still come through."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sitrep.errors import InputError
from sitrep.model import Article
from sitrep.readers import read_source
from sitrep.settings import Settings


def _read(path: Path, **kwargs) -> list:
    return list(read_source(str(path), **kwargs))


def test_text_file_title_is_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Clashes in Kismayo\n\nTwo soldiers were killed on Monday.\n", encoding="utf-8")
    [article] = _read(path, published=dt.date(2020, 5, 6))
    assert isinstance(article, Article)
    assert article.title == "Clashes in Kismayo"
    assert article.text.startswith("Two soldiers")
    assert article.published == dt.date(2020, 5, 6)


def test_empty_binary_and_missing_files_are_named_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    for path, reason in (
        (empty, "empty"),
        (binary, "binary"),
        (tmp_path / "nope.txt", "no such file"),
    ):
        [problem] = _read(path)
        assert isinstance(problem, InputError)
        assert str(path) in str(problem) and reason in str(problem)


def test_latin1_and_utf16_text_are_decoded(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes(
        "Ataque en Bogot\u00e1\n\nLa polic\u00eda inform\u00f3 que dos personas murieron en Bogot\u00e1 el martes por la noche.".encode(
            "latin-1"
        )
    )
    [article] = _read(latin)
    assert "Bogot\u00e1" in article.text
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Title\n\nThree people were injured in Kano.".encode("utf-16"))
    [article] = _read(utf16)
    assert article.text == "Three people were injured in Kano."


def test_oversized_story_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 200_000)
    settings = Settings.from_env({}, text__max_article_chars=100_000)
    [problem] = _read(path, settings=settings)
    assert isinstance(problem, InputError) and "limit" in str(problem)


def test_jsonl_bad_lines_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps(
            {
                "id": "a",
                "text": "Five rioters were arrested.",
                "published": "2020-01-02",
                "source": "Dawn",
            }
        ),
        "{not json",
        json.dumps({"id": "b", "text": ""}),
        json.dumps({"id": "c", "text": "A bomb exploded.", "published": "yesterday"}),
        json.dumps({"id": "d", "text": "Police fired tear gas."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(path)
    good = [item for item in items if isinstance(item, Article)]
    bad = [str(item) for item in items if isinstance(item, InputError)]
    assert [article.id for article in good] == ["a", "d"]
    assert good[0].outlet == "Dawn" and good[0].published == dt.date(2020, 1, 2)
    assert len(bad) == 3
    assert "line 2" in bad[0] and "not valid JSON" in bad[0]
    assert "line 3" in bad[1] and "text" in bad[1]
    assert "line 4" in bad[2] and "published" in bad[2]


def test_stdin_is_read_like_a_text_file() -> None:
    [article] = list(read_source("-", stdin=b"Headline\nGunmen killed two traders in Maiduguri."))
    assert article.title == "Headline"
    assert article.text == "Gunmen killed two traders in Maiduguri."
