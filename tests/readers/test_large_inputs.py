"""Large inputs: files of many stories are streamed a line at a time, a file too big for one
story (or one feed) is refused from its size, and an over-long line is named while the rest
is read. Memory is measured with tracemalloc: a reader that loads a file whole shows it."""

from __future__ import annotations

import io
import json
import tracemalloc
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.model import Article
from sitrep.readers import read_source
from sitrep.readers.text import SNIFF_BYTES, stdin_bytes
from sitrep.settings import Settings

GIB = 1 << 30
# Far less than any of the files below: what a streaming reader may allocate at its peak.
PEAK_LIMIT = 16 << 20


def _sparse(path: Path, size: int, head: bytes = b"") -> Path:
    """A file of ``size`` bytes: ``head``, then a hole of zero bytes that takes no disk."""
    with path.open("wb") as handle:
        handle.write(head)
        handle.truncate(size)
    return path


def _peak(items: Iterator) -> tuple[list, int]:
    """The items taken from ``items`` and the most memory Python held meanwhile."""
    tracemalloc.start()
    try:
        taken = list(items)
        return taken, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _record(number: int, text: str) -> str:
    return json.dumps({"id": f"s{number}", "text": text, "published": "2021-03-04"})


def _small(max_article_chars: int) -> Settings:
    return Settings.from_env({}, text__max_article_chars=max_article_chars)


def test_a_1_gib_jsonl_file_gives_its_first_stories_without_being_read_whole(
    tmp_path: Path,
) -> None:
    lines = [_record(n, f"Gunmen attacked a market in Gao on Monday ({n}).") for n in range(2000)]
    head = ("\n".join(lines) + "\n").encode()
    assert len(head) > SNIFF_BYTES  # the encoding is chosen from text, not from the hole
    path = _sparse(tmp_path / "huge.jsonl", GIB, head)
    stream = read_source(str(path))
    first, peak = _peak(islice(stream, 50))
    stream.close()
    assert [item.id for item in first] == [f"s{n}" for n in range(50)]
    assert peak < PEAK_LIMIT, f"{peak:,} bytes held to read 50 lines of a 1 GiB file"


def test_a_jsonl_file_of_more_than_a_thousand_stories_worth_is_read_whole(
    tmp_path: Path,
) -> None:
    # Before streaming, a file over 1,000 times the story limit was refused outright.
    settings = _small(200)
    path = tmp_path / "many.jsonl"
    path.write_text(
        "".join(_record(n, f"Police arrested {n} protesters in Dakar.") + "\n" for n in range(3000))
    )
    assert path.stat().st_size > 1000 * 200
    items = list(read_source(str(path), settings=settings))
    assert len(items) == 3000 and all(isinstance(item, Article) for item in items)
    assert items[-1].id == "s2999"


def test_an_over_long_line_and_values_that_are_not_objects_are_named_and_the_rest_read(
    tmp_path: Path,
) -> None:
    settings = _small(1000)  # a line may hold 2,000 characters
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join(
            [
                _record(1, "A bomb exploded in Kabul."),
                _record(2, "x" * 50_000),
                _record(3, "Troops shelled a village."),
                json.dumps(["text", "a list"]),
                json.dumps("a string"),
                "null",
                _record(7, "Rioters burned tyres in Lagos."),
            ]
        )
        + "\n"
    )
    items = list(read_source(str(path), settings=settings))
    assert [item.id for item in items if isinstance(item, Article)] == ["s1", "s3", "s7"]
    problems = [str(item) for item in items if isinstance(item, InputError)]
    assert len(problems) == 4
    too_long, array, string, null = problems
    assert too_long.startswith(f"[E008] {path}, line 2: 50,")
    assert "more than the limit of 2,000" in too_long
    assert array == f"[E013] {path}, line 4: a JSON array, not an object with a 'text' field"
    assert f"{path}, line 5: a JSON string, not an object" in string
    assert f"{path}, line 6: JSON null, not an object" in null


def test_an_over_long_line_is_skipped_holding_no_more_than_the_limit(tmp_path: Path) -> None:
    settings = _small(1000)
    path = tmp_path / "long.jsonl"
    long_line = _record(2, "y" * (24 << 20)) + "\n"
    with path.open("w") as handle:
        handle.write(_record(1, "A bomb exploded in Kabul.") + "\n")
        handle.write(long_line)
        handle.write(_record(3, "Troops shelled a village.") + "\n")
    items, peak = _peak(read_source(str(path), settings=settings))
    assert [item.id for item in items if isinstance(item, Article)] == ["s1", "s3"]
    [problem] = [item for item in items if isinstance(item, InputError)]
    assert f"{path}, line 2: {len(long_line):,} characters" in str(problem)
    assert peak < PEAK_LIMIT, f"{peak:,} bytes held to skip a 24 MiB line"


def test_streamed_jsonl_keeps_its_encodings(tmp_path: Path) -> None:
    utf16 = tmp_path / "utf16.jsonl"
    utf16.write_text(_record(1, "Zwei Soldaten wurden in Gao getötet.") + "\n", encoding="utf-16")
    latin1 = tmp_path / "latin1.jsonl"
    latin1.write_bytes((_record(1, "Deux soldats ont été tués à Gao.") + "\n").encode("latin-1"))
    # Mostly UTF-8 with one Windows-1252 line far into the file: that line is decoded alone.
    mixed = tmp_path / "mixed.jsonl"
    good = "".join(_record(n, "Two soldiers were killed in Gao.") + "\n" for n in range(2000))
    odd = _record(0, "Soldats tués à Gao “hier”").encode("cp1252") + b"\n"
    mixed.write_bytes(good.encode() + odd)
    [german] = read_source(str(utf16))
    assert german.text == "Zwei Soldaten wurden in Gao getötet."
    [french] = read_source(str(latin1))
    assert french.text == "Deux soldats ont été tués à Gao."
    *_, last = read_source(str(mixed))
    assert isinstance(last, Article) and last.text == "Soldats tués à Gao “hier”"


def test_csv_is_streamed_and_an_over_long_line_names_its_row_and_line(tmp_path: Path) -> None:
    settings = _small(1000)
    path = tmp_path / "rows.csv"
    path.write_text(
        "id,text\n"
        "a,A bomb exploded in Kabul.\n"
        f"b,{'z' * 50_000}\n"
        'c,"Troops shelled\na village."\n'
        "d,,\n"
    )
    items = list(read_source(str(path), settings=settings))
    assert [item.id for item in items if isinstance(item, Article)] == ["a", "c"]
    too_long, no_text = (str(item) for item in items if isinstance(item, InputError))
    assert too_long.startswith(f"[E008] {path}, line 3: 50,00")
    # Row and line numbers still count the skipped line and the two lines of row 4.
    assert f"{path}, row 5, line 6" in no_text


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("story.txt", "[E008] {path}: 1,073,741,824 characters is more than the limit"),
        ("page.html", "[E008] {path}: 1,073,741,824 characters is more than the limit"),
        ("feed.xml", "[E021] {path}: not a readable RSS or Atom feed (1,073,741,824 bytes;"),
        ("stories.jsonl", "[E007] {path}: looks like binary data"),
        ("rows.csv", "[E007] {path}: looks like binary data"),
        ("archive.warc", "[E025] {path}: the archive is damaged at offset 0 (not a WARC file"),
        ("archive.warc.gz", "[E025] {path}: the archive is damaged at offset 0 (not a WARC file"),
    ],
)
def test_a_1_gib_file_is_refused_without_being_read(
    tmp_path: Path, name: str, message: str
) -> None:
    path = _sparse(tmp_path / name, GIB)
    [problem], peak = _peak(read_source(str(path)))
    assert isinstance(problem, InputError)
    assert str(problem).startswith(message.format(path=path))
    assert len(str(problem)) < 300
    assert peak < PEAK_LIMIT, f"{peak:,} bytes held to refuse a 1 GiB {name}"


def test_stdin_is_read_no_further_than_one_story_can_be() -> None:
    settings = _small(1000)
    stream = io.BytesIO(b"word " * 1_000_000)
    data = stdin_bytes(stream, settings)
    assert len(data) == stream.tell() == 4001  # the cap of a story's bytes, and one more
    [problem] = read_source("-", stdin=data, settings=settings)
    assert isinstance(problem, InputError) and str(problem).startswith("[E008] <stdin>:")
