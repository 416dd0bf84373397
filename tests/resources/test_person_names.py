"""The curated personal-names file."""

from __future__ import annotations

from sitrep.resources import gazetteer as gz
from sitrep.resources.person_names import person_names


def test_every_name_is_a_folded_key_of_a_known_kind() -> None:
    names = person_names()
    assert len(names) > 200
    assert set(names.values()) == {"given", "family"}
    assert all(key == gz.name_key(key) and " " not in key for key in names)
    assert names["rivera"] == "family" and names["jose"] == "given"
