"""An outlet's home country, from its name or our curated list."""

from __future__ import annotations

import pytest

from sitrep.resources.outlets import outlet_country


@pytest.mark.parametrize(
    ("outlet", "code"),
    [
        ("Star (Kenya)", "KE"),
        ("Dhaka Tribune", "BD"),
        ("United News of Bangladesh", "BD"),
        ("Prothom Alo", "BD"),
        ("Voice of Jihad", "AF"),
        ("East African Standard", "KE"),
        ("Daily Manab Zamin", "BD"),
        ("Radio Kulmiye", "SO"),
        ("AFP; Daily Nation (Kenya)", "KE"),
        ("New York Times; Voice of Jihad", "AF"),
        ("New York Times", None),
        ("AFP", None),
        ("Local Source", None),
        ("", None),
        (None, None),
    ],
)
def test_outlet_country(outlet, code) -> None:
    assert outlet_country(outlet) == code
