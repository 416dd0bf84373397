"""Named targets: the people an event struck, through the whole default pipeline."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.model import Article, Event
from sitrep.pipeline import Pipeline
from sitrep.resources.given_names import given_names


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def events(pipeline: Pipeline, text: str) -> list[Event]:
    return pipeline.extract(Article(id="t", text=text, published=date(1989, 12, 1))).events


def targets(pipeline: Pipeline, text: str) -> list[tuple[str, str | None]]:
    return [(t.name, t.title) for event in events(pipeline, text) for t in event.named_targets]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # wire caps: a given name opens the name, the title is kept apart
        (
            "SAN SALVADOR, 19 APR 89 -- ATTORNEY GENERAL ROBERTO GARCIA ALVARADO WAS KILLED "
            "TODAY WHEN A BOMB EXPLODED ON HIS CAR.",
            [("ROBERTO GARCIA ALVARADO", "ATTORNEY GENERAL")],
        ),
        # the object of a harm verb, with an apposition after it
        (
            "Gunmen shot dead Jose Antonio Rodriguez Porth, the presidency minister, on Friday.",
            [("Jose Antonio Rodriguez Porth", None)],
        ),
        # a list after "the murders of": every name of it, each with its own title
        (
            "THE GOVERNMENT CONDEMNED THE MURDERS OF CARLOS VALENCIA GARCIA, COLONEL VALDEMAR "
            "FRANKLIN QUINTERO, AND SENATOR LUIS CARLOS GALAN SARMIENTO.",
            [
                ("CARLOS VALENCIA GARCIA", None),
                ("VALDEMAR FRANKLIN QUINTERO", "COLONEL"),
                ("LUIS CARLOS GALAN SARMIENTO", "SENATOR"),
            ],
        ),
        # a survivor of an attack is its target too
        (
            "Miguel Maza Marquez, the head of the security police, survived a bomb attack.",
            [("Miguel Maza Marquez", None)],
        ),
        # "including" after the toll
        (
            "A bomb killed nine people at the union office, including the union leader "
            "Febe Elizabeth Velasquez.",
            [("Febe Elizabeth Velasquez", "union leader")],
        ),
    ],
)
def test_named_targets_in_a_victims_slot(pipeline: Pipeline, text: str, expected: list) -> None:
    assert targets(pipeline, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # who speaks, or who attacks, is no target
        "President Alfredo Cristiani said that rebels attacked a police post in the capital.",
        "Rebel leader Joaquin Villalobos ordered an attack on the army barracks.",
        # a place or a building named like a person
        "GUERRILLAS ATTACKED SANTA ROSA DE LIMA AND KILLED THREE SOLDIERS.",
        "Rebels attacked Rosario Island on Sunday, killing two guards.",
        # in wire caps a title alone does not make a name
        "REBELS ATTACKED THE NATIONAL GUARD HEADQUARTERS, KILLING TWO SOLDIERS.",
    ],
)
def test_no_named_target_without_a_person_in_a_victims_slot(pipeline: Pipeline, text: str) -> None:
    assert targets(pipeline, text) == []


def test_the_given_names_table_holds_names_and_leaves_out_news_words() -> None:
    names = given_names()
    assert {"hector", "ignacio", "john", "maria", "mohammed"} <= names
    assert not {"may", "will", "hope", "san", "general", "said", "the"} & names
