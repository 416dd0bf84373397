"""The table of public figures who tie a story to one country."""

from __future__ import annotations

from sitrep.resources import data_path, read_tsv
from sitrep.resources.public_figures import figure_name_keys, find_figures


def test_every_row_names_a_country_and_a_role() -> None:
    rows = read_tsv(data_path("public_figures.tsv"))
    assert len(rows) > 150
    for row in rows:
        assert len(row["country"]) == 2 and row["country"].isupper(), row
        assert row["name"].strip() and row["role"].strip(), row


def test_the_longest_name_wins_and_capitals_count_in_mixed_case() -> None:
    text = "Uhuru Kenyatta met Museveni; kibaki in lower case is no name here."
    hits = find_figures(text)
    assert [(text[h.start : h.end], h.country_code) for h in hits] == [
        ("Uhuru Kenyatta", "KE"),
        ("Museveni", "UG"),
    ]


def test_wire_caps_match_without_capitals() -> None:
    text = "RIOTS AFTER KIBAKI'S WIN".lower()
    assert [h.country_code for h in find_figures(text, caseless=True)] == ["KE"]
    assert find_figures(text) == []


def test_names_inside_words_are_not_figures() -> None:
    assert find_figures("The Kibakists marched.") == []


def test_one_word_names_are_keys_for_the_places_stage() -> None:
    keys = figure_name_keys()
    assert {"kibaki", "museveni", "karzai"} <= keys
    assert "mwai kibaki" not in keys
