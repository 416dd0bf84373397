"""The table of towns named by an everyday English word."""

from __future__ import annotations

from sitrep.resources import gazetteer as gz
from sitrep.resources.word_towns import MIN_ZIPF, word_towns


def test_every_word_is_a_town_key_at_or_above_the_frequency_floor() -> None:
    words = word_towns()
    assert len(words) > 1000
    assert all(key == gz.name_key(key) and key.isalpha() for key in words)
    assert all(zipf >= MIN_ZIPF for zipf in words.values())
    assert gz.load().lookup("concrete") and words["concrete"] < words["war"]
    assert "soyapango" not in words and "apopa" not in words
