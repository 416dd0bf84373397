"""CSV reader: one article per row; a bad row is named by row and line, the rest is read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitrep.errors import InputError
from sitrep.model import Article
from sitrep.readers import read_source
from sitrep.settings import Settings


def _read(path: Path, **kwargs) -> list:
    return list(read_source(str(path), **kwargs))


def test_rows_with_quoted_multiline_text_bom_and_column_aliases(tmp_path: Path) -> None:
    path = tmp_path / "stories.csv"
    path.write_text(
        "\ufeffID,Title,Date,Outlet,URL,Text\n"
        'a1,Clashes in Kismayo,2021-04-05,Garowe Online,https://g.example/1,"Two soldiers were'
        ' killed.\n\nThe army said ""the attackers fled""."\n'
        "\n"
        "a2,,,,,Police fired tear gas in Lagos.\n",
        encoding="utf-8",
    )
    first, second = _read(path, published=dt.date(2021, 4, 9))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == "a1" and first.title == "Clashes in Kismayo"
    assert first.text == 'Two soldiers were killed.\n\nThe army said "the attackers fled".'
    assert first.published == dt.date(2021, 4, 5)
    assert first.outlet == "Garowe Online" and first.url == "https://g.example/1"
    assert second.id == "a2" and second.title is None
    assert second.published == dt.date(2021, 4, 9)


def test_bad_rows_are_named_by_row_and_line_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "batch.csv"
    path.write_text(
        "id,text,published,language\n"
        'r2,"A bomb exploded in Mogadishu,\nkilling four.",2021-04-05,\n'
        "r3,,2021-04-05,\n"
        "r4,Gunmen attacked a convoy.,yesterday,\n"
        "r5,Too,many,fields,here\n"
        "r6,Hundreds marched in Khartoum.,,en\n",
        encoding="utf-8",
    )
    items = _read(path)
    good = [item for item in items if isinstance(item, Article)]
    bad = [str(item) for item in items if isinstance(item, InputError)]
    assert [article.id for article in good] == ["r2", "r6"]
    assert good[0].text == "A bomb exploded in Mogadishu,\nkilling four."
    assert len(bad) == 3
    # row 2 spans lines 2-3, so row 3 starts on line 4
    assert "row 3, line 4" in bad[0] and "'text'" in bad[0]
    assert "row 4, line 5" in bad[1] and "published" in bad[1]
    assert "row 5, line 6" in bad[2] and "5 fields where the header has 4" in bad[2]
    assert all(str(path) in message for message in bad)


def test_missing_text_column_is_one_error_listing_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("id,headline,body\n1,Attack,Gunmen attacked a convoy.\n", encoding="utf-8")
    [problem] = _read(path)
    assert isinstance(problem, InputError)
    assert "no 'text' column" in str(problem) and "'headline', 'body'" in str(problem)


def test_semicolons_and_latin1_are_read(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(
        "id;text\n1;La policía informó que dos personas murieron en Bogotá el martes.\n".encode(
            "latin-1"
        )
    )
    [article] = _read(path)
    assert article.text == "La policía informó que dos personas murieron en Bogotá el martes."
    assert article.language == "es"


def test_a_story_longer_than_the_csv_module_field_limit_is_read(tmp_path: Path) -> None:
    story = "Gunmen attacked a convoy near Gao. " * 5_000  # 175,000 characters
    path = tmp_path / "long.csv"
    path.write_text(f'id,text\nlong,"{story}"\n', encoding="utf-8")
    [article] = _read(path)
    assert article.text == story
    small = Settings.from_env({}, text__max_article_chars=100_000)
    [problem] = _read(path, settings=small)
    assert isinstance(problem, InputError) and "row 2, line 2" in str(problem)
    assert "limit" in str(problem)
