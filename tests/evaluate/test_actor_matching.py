"""The actor-name matching rule of the scorer (docs/evaluation.md, "Actors"; issue 4)."""

from __future__ import annotations

import pytest

from sitrep.evaluate.normalise import actor_names_match, perpetrator_matches
from sitrep.model import Actor


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        # ACLED's period qualifier, and a unit written after it
        ("Military Forces of Afghanistan (2014-)", "Military Forces of Afghanistan"),
        ("Police Forces of Kenya (2013-) General Service Unit", "Police Forces of Kenya"),
        # the gold's parenthesised second name or acronym, through the dictionary's aliases
        ("Revolutionary Armed Forces of Colombia (FARC)", "Revolutionary Armed Forces of Colombia"),
        ("Kurdish Workers Party (PKK)", "Kurdistan Workers' Party"),
        ("SLDF: Sabaot Land Defence Force", "Sabaot Land Defence Force"),
        ("Mungiki Militia", "Mungiki"),
        ("Al Shabaab", "al-Shabaab"),
        ("Hizballah", "Hezbollah"),
        # a predicted role with no country (the story named none)
        ("Protesters (Kenya)", "Protesters"),
        ("Police Forces of Kenya (2002-2013)", "Police Forces"),
    ],
)
def test_names_that_match(gold: str, predicted: str) -> None:
    assert actor_names_match(gold, Actor(name=predicted))


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        # the same role in another country is another actor
        ("Unidentified Armed Group (Kenya)", "Unidentified Armed Group (Canada)"),
        ("Police Forces of Kenya (2013-)", "Police Forces of Slovakia"),
        ("Protesters (Kenya)", "Rioters (Kenya)"),
        ("Taliban", "Al Shabaab"),
        # two dictionary entries are two actors, even when both are Maoist
        ("Communist Party of Nepal-Maoists (CPN-M)", "Communist Party of India-Maoists"),
    ],
)
def test_names_that_do_not_match(gold: str, predicted: str) -> None:
    assert not actor_names_match(gold, Actor(name=predicted))


def test_unknown_perpetrator_matches_unidentified_or_none() -> None:
    assert perpetrator_matches("Unknown", None)
    assert perpetrator_matches("Unknown", Actor(name="Unidentified Armed Group (Iraq)"))
    assert not perpetrator_matches("Unknown", Actor(name="Police Forces of Iraq"))
