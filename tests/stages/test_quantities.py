"""The quantities stage on hand-made Documents, run through the real dates -> quantities stages."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.document import Document
from sitrep.model import Quantity
from sitrep.pipeline import Pipeline
from sitrep.stages.quantities import Casualty, parse_number

PUBLISHED = date(2021, 3, 15)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.only(["dates", "quantities"])


def run(pipeline: Pipeline, text: str) -> Document:
    doc = Document(text, published=PUBLISHED)
    for current in pipeline.stages:
        current(doc)
    return doc


def quantities_of(pipeline: Pipeline, text: str) -> list[Quantity]:
    return run(pipeline, text).layer("quantities")


def casualties_of(pipeline: Pipeline, text: str) -> dict[str, list[Casualty]]:
    found: dict[str, list[Casualty]] = {"killed": [], "injured": []}
    for casualty in run(pipeline, text).layer("casualties"):
        found[casualty.kind].append(casualty)
    return found


def only(quantities: list[Quantity]) -> Quantity:
    [quantity] = quantities
    return quantity


# -- counted things --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value", "unit", "surface"),
    [
        ("Militants fired 5 rockets at the base.", 5, "rocket", "5 rockets"),
        ("Two rockets hit the base.", 2, "rocket", "Two rockets"),
        ("Police detained a dozen soldiers.", 12, "soldier", "a dozen soldiers"),
        ("It killed twenty-five soldiers.", 25, "soldier", "twenty-five soldiers"),
        ("Some 2,500 American troops are in Iraq.", 2500, "troop", "Some 2,500 American troops"),
        ("He saw 2,500 troops.", 2500, "troop", "2,500 troops"),
        ("They fired several Katyusha rockets.", 3, "rocket", "several Katyusha rockets"),
        ("A roadside bomb went off.", 1, "bomb", "A roadside bomb"),
    ],
)
def test_counted_noun(pipeline: Pipeline, text: str, value: int, unit: str, surface: str) -> None:
    quantity = only(quantities_of(pipeline, text))
    assert (quantity.value, quantity.unit, quantity.evidence.text) == (value, unit, surface)
    assert text[quantity.evidence.start : quantity.evidence.end] == surface


def test_exact_number_has_equal_bounds(pipeline: Pipeline) -> None:
    quantity = only(quantities_of(pipeline, "Militants fired 5 rockets."))
    assert (quantity.low, quantity.value, quantity.high, quantity.vague) == (5, 5, 5, False)


def test_at_least_is_open_above(pipeline: Pipeline) -> None:
    quantity = only(quantities_of(pipeline, "At least 5 people were taken to hospital."))
    assert (quantity.low, quantity.value, quantity.high) == (5, 5, None)
    assert quantity.evidence.text == "At least 5 people"


def test_up_to_is_capped_above(pipeline: Pipeline) -> None:
    quantity = only(quantities_of(pipeline, "Up to 7 rockets were launched."))
    assert (quantity.value, quantity.high) == (7, 7)
    assert quantity.low is not None and quantity.low < 7  # never read as "at least 7"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Dozens of protesters gathered.", 12, "protester"),
        ("Hundreds of residents fled.", 100, "resident"),
        ("Thousands of students marched.", 1000, "student"),
        ("Several rockets landed.", 3, "rocket"),
    ],
)
def test_vague_amount_is_a_conservative_floor(
    pipeline: Pipeline, text: str, value: int, unit: str
) -> None:
    quantity = only(quantities_of(pipeline, text))
    assert (quantity.value, quantity.low, quantity.high, quantity.unit, quantity.vague) == (
        value,
        value,
        None,
        unit,
        True,
    )


@pytest.mark.parametrize(
    ("phrase", "modifier", "expected"),
    [
        ("2,500", None, (2500, 2500, 2500, False)),
        ("two", None, (2, 2, 2, False)),
        ("twenty-five", None, (25, 25, 25, False)),
        ("a dozen", None, (12, 12, 12, False)),
        ("5-7", None, (5, 5, 7, False)),
        ("5 to 7", None, (5, 5, 7, False)),
        ("dozens", None, (12, 12, None, True)),
        ("hundreds of", None, (100, 100, None, True)),
        ("5", "at least", (5, 5, None, False)),
        ("5", "more than", (5, 5, None, False)),
        ("30", "nearly", (0, 30, 30, False)),
        ("40", "about", (40, 40, 40, False)),
    ],
)
def test_parse_number(phrase: str, modifier: str | None, expected: tuple) -> None:
    assert parse_number(phrase, modifier) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The assassination of Soleimani on January 3 last year shocked the region.",
        "The law was passed on 3 March 2020.",
        "A convoy was hit 10 km north of the town 3 years ago.",
        "He issued a statement at 10 am.",
    ],
)
def test_no_quantity_in_dates_distances_and_articles(pipeline: Pipeline, text: str) -> None:
    assert quantities_of(pipeline, text) == []


def test_number_next_to_a_date_still_counts(pipeline: Pipeline) -> None:
    quantity = only(quantities_of(pipeline, "On 3 January, 4 soldiers were wounded."))
    assert (quantity.value, quantity.unit, quantity.evidence.text) == (4, "soldier", "4 soldiers")


def test_evidence_keeps_the_original_non_ascii_characters(pipeline: Pipeline) -> None:
    text = "Some 2,500\u00a0American troops are stationed at \u2018Ain al-Asad\u2019."
    quantity = only(quantities_of(pipeline, text))
    assert quantity.value == 2500
    ev = quantity.evidence
    assert ev.text == "Some 2,500\u00a0American troops" == text[ev.start : ev.end]


def test_unit_of_irregular_plural_is_singular(pipeline: Pipeline) -> None:
    quantity = only(quantities_of(pipeline, "A dozen gunmen arrived."))
    assert (quantity.value, quantity.unit) == (12, "gunman")


@pytest.mark.parametrize("text", ["No one was killed.", "Nearly 30 were injured."])
def test_a_verb_is_never_a_unit(pipeline: Pipeline, text: str) -> None:
    assert quantities_of(pipeline, text) == []


# -- casualties ------------------------------------------------------------------------------
def test_killed_and_wounded_in_one_sentence(pipeline: Pipeline) -> None:
    found = casualties_of(pipeline, "3 soldiers were killed and 7 wounded in the attack.")
    [killed], [injured] = found["killed"], found["injured"]
    assert (killed.count.best, killed.count.evidence[0].text) == (3, "3 soldiers were killed")
    assert (injured.count.best, injured.count.evidence[0].text) == (7, "7 wounded")


def test_a_number_of_attacks_is_not_a_count_of_the_dead(pipeline: Pipeline) -> None:
    found = casualties_of(
        pipeline,
        "Five suspects linked to the two Mpeketoni attacks have been shot dead by police.",
    )
    assert all(casualty.count.best != 2 for casualty in found.get("killed", []))


@pytest.mark.parametrize(
    ("text", "kind", "best", "surface"),
    [
        ("The gunmen opened fire, killing 12 civilians.", "killed", 12, "killing 12"),
        ("The blast left 5 dead in the market.", "killed", 5, "left 5 dead"),
        ("The blast left 5 wounded.", "injured", 5, "left 5 wounded"),
        ("The death toll rose to 40, officials said.", "killed", 40, "death toll rose to 40"),
        ("The death toll has risen to 40.", "killed", 40, "death toll has risen to 40"),
        ("Two people were killed.", "killed", 2, "Two people were killed"),
        ("Five soldiers died on 3 January.", "killed", 5, "Five soldiers died"),
        ("A fourth passenger was wounded.", "injured", 1, "A fourth passenger was wounded"),
        ("Four policemen were martyred.", "killed", 4, "Four policemen were martyred"),
        ("A bomb exploded in Paris, injuring another.", "injured", 1, "injuring another"),
        ("A car bomb exploded, wounding another 21.", "injured", 21, "wounding another 21"),
        (
            "Guerrillas fired on the guards, killing one and wounding another guard.",
            "injured",
            1,
            "wounding another guard",
        ),
        (
            "Five martyrs of the Islamic resistance were killed.",
            "killed",
            5,
            "Five martyrs of the Islamic resistance were killed",
        ),
        (
            "The death toll from Saturday's roadside bomb attack on an army patrol rose to seven.",
            "killed",
            7,
            "death toll from Saturday's roadside bomb attack on an army patrol rose to seven",
        ),
        (
            "Gunmen shot and killed the Councilor of Sopore Municipal Council on Sunday.",
            "killed",
            1,
            "killed the Councilor",
        ),
        (
            "The ambassador, Sir Richard Sykes, and his Dutch footman were shot to death.",
            "killed",
            2,
            "The ambassador, Sir Richard Sykes, and his Dutch footman were shot to death",
        ),
        (
            "The body of a policeman was found in central Diwaniya.",
            "killed",
            1,
            "The body of a policeman was found",
        ),
        (
            "Two electricity workers were attacked and killed in Baghdad.",
            "killed",
            2,
            "Two electricity workers were attacked and killed",
        ),
        (
            "Abdul Ghias, a district governor, was abducted and killed by gunmen.",
            "killed",
            1,
            "Abdul Ghias, a district governor, was abducted and killed",
        ),
        ("The attack claimed the lives of four Iraqis.", "killed", 4, "claimed the lives of four"),
        (
            "Taliban gunmen hanged an elderly woman in Musa Qala.",
            "killed",
            1,
            "hanged an elderly woman",
        ),
        (
            "Reports indicate that Rahim's father was killed in the shootout.",
            "killed",
            1,
            "Rahim's father was killed",
        ),
        (
            "Ministry employee, Jakrit Sahasata, was killed when his car was attacked.",
            "killed",
            1,
            "Jakrit Sahasata, was killed",
        ),
        (
            "A deputy village chief was ambushed and shot to death in Yala.",
            "killed",
            1,
            "A deputy village chief was ambushed and shot to death",
        ),
        (
            "Two guards of an Afghan road construction company were killed by a mine.",
            "killed",
            2,
            "Two guards of an Afghan road construction company were killed",
        ),
        (
            "Gunmen shot and killed police Lt. Col. Ali Sameen in Tuz Khormato.",
            "killed",
            1,
            "shot and killed police Lt. Col. Ali Sameen",
        ),
        ("A man blew  himself up at the gate.", "killed", 1, "blew  himself up"),
    ],
)
def test_casualty_statement(
    pipeline: Pipeline, text: str, kind: str, best: int, surface: str
) -> None:
    found = casualties_of(pipeline, text)
    [casualty] = found[kind]
    assert casualty.count.best == best
    [ev] = casualty.count.evidence
    assert ev.text == surface == text[ev.start : ev.end]


def test_at_least_killed_is_open_above(pipeline: Pipeline) -> None:
    [killed] = casualties_of(pipeline, "At least 5 people were killed.")["killed"]
    assert (killed.count.low, killed.count.best, killed.count.high) == (5, 5, None)


def test_no_casualties_is_zero_killed_and_zero_injured_with_evidence(pipeline: Pipeline) -> None:
    text = "The rockets landed in an empty field and caused no casualties."
    found = casualties_of(pipeline, text)
    [killed], [injured] = found["killed"], found["injured"]
    for casualty in (killed, injured):
        count = casualty.count
        assert (count.low, count.best, count.high) == (0, 0, 0)
        [ev] = count.evidence
        assert ev.text == "no casualties" == text[ev.start : ev.end]


def test_nobody_hurt_is_zero_injured_only(pipeline: Pipeline) -> None:
    found = casualties_of(pipeline, "Nobody was hurt in the attack.")
    assert found["killed"] == []
    [injured] = found["injured"]
    assert injured.count.best == 0
    assert injured.count.evidence[0].text == "Nobody was hurt"


def test_no_casualty_in_a_date(pipeline: Pipeline) -> None:
    found = casualties_of(pipeline, "Gunmen killed 3 people on January 3 last year.")
    assert [c.count.best for c in found["killed"]] == [3]


def test_article_before_the_weapon_is_not_a_death_toll(pipeline: Pipeline) -> None:
    found = casualties_of(pipeline, "A roadside bomb killed two soldiers in Helmand.")
    assert [c.count.best for c in found["killed"]] == [2]


def test_killed_and_wounded_counts_after_the_verbs(pipeline: Pipeline) -> None:
    found = casualties_of(pipeline, "The attack killed 9 and wounded 15.")
    assert [c.count.best for c in found["killed"]] == [9]
    assert [c.count.best for c in found["injured"]] == [15]


def test_shot_dead_before_the_count(pipeline: Pipeline) -> None:
    found = casualties_of(pipeline, "Gunmen stormed the village and shot dead 10 villagers.")
    assert [c.count.best for c in found["killed"]] == [10]


# -- one victim, named without a number (issue 4) --------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind", "surface"),
    [
        (
            "A Hizb-ul-Mujahideen member, allegedly about to surrender, was shot dead in Doda.",
            "killed",
            "A Hizb-ul-Mujahideen member, allegedly about to surrender, was shot dead",
        ),
        ("One police reservist has been killed in Wajir.", "killed", None),
        ("The settler later died of his injuries.", "killed", "The settler later died"),
        ("Tarsem Singh Toor was assassinated in London.", "killed", None),
        ("Mr Bernard Otieno, 43, was seriously injured at the market.", "injured", None),
        ("Gunmen kill police reservist in Garissa.", "killed", "kill police reservist"),
        ("Maoists murdered Madhu Shah in Dhanbari.", "killed", "murdered Madhu Shah"),
        ("A suspected thief has been lynched by a mob.", "killed", None),
    ],
)
def test_one_victim_without_a_number(
    pipeline: Pipeline, text: str, kind: str, surface: str | None
) -> None:
    found = casualties_of(pipeline, text)
    [casualty] = found[kind]
    assert casualty.count.best == 1
    [ev] = casualty.count.evidence
    assert ev.text == text[ev.start : ev.end]
    if surface is not None:
        assert ev.text == surface


def test_no_one_hurt_after_a_relative_clause_is_zero(pipeline: Pipeline) -> None:
    found = casualties_of(pipeline, "Shots hit the police post, in which no one was hurt.")
    assert [c.count.best for c in found["injured"]] == [0]


def test_named_group_after_a_killing_verb_is_not_one_victim(pipeline: Pipeline) -> None:
    found = casualties_of(pipeline, "The raid killed Iraqi Police Officers in Mosul.")
    assert found["killed"] == []


# -- numbers that are not casualties: traps met in the dev data (issue 4) ---------------------
@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # an age in commas beside the victim's name
        ("On May 7, Mr Bernard Otieno, 43, was seriously injured after he was attacked.", [], [1]),
        # an age as an adjective
        ("A 56-year-old man was killed in Yala.", [1], []),
        # a troop count in the same sentence as the toll
        ("The army deployed 2,500 troops after gunmen killed 3 villagers.", [3], []),
        # a phone number in a police appeal
        ("Anyone with information should call 0722 123 456; the attack killed two.", [2], []),
        # a year opening the sentence
        ("In 2008, 5 people were killed in Kisumu.", [5], []),
        # a unit's number and a rifle's name
        ("The 41st Front attacked with AK-47 rifles, killing 4 soldiers.", [4], []),
        # a road number and a clock time
        ("Gunmen killed 3 people on Highway 17 at 10 pm on Sunday.", [3], []),
        # a date written with slashes
        ("2 herders were killed on 20/12/08 near Hola.", [2], []),
    ],
)
def test_numbers_that_are_not_casualties(
    pipeline: Pipeline, text: str, killed: list[int], injured: list[int]
) -> None:
    found = casualties_of(pipeline, text)
    assert [c.count.best for c in found["killed"]] == killed
    assert [c.count.best for c in found["injured"]] == injured


# -- one victim by role, tolls after a passive, attempts and causes (dev-data traps) ----------
@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # a victim named by a role with a party's name before it
        ("Unidentified persons assaulted and killed an Awami League member of Baikari.", [1], []),
        ("Gunmen kill Italian missionary", [1], []),
        # a headline's passive, no verb after the victim
        ("Suspected Mungiki member killed at slum", [1], []),
        ("One police shot dead, three others seriously injured.", [1], [3]),
        # fighters as the dead, not the cause: "6 militants were killed"
        ("6 Taliban militants were killed during clashes with Afghan forces.", [6], []),
        # the cause stays out: "two bombs killed 5"
        ("Two bombs killed 5 people in the market.", [5], []),
        ("A vigilante group lynches two on suspicion of witchcraft.", [2], []),
        ("Youths attacked people; police intervened shooting dead 1.", [1], []),
        ("1 suspected Mungiki member was gunned down by police in Korogocho.", [1], []),
        (
            "The death toll in an attack on Sunday by Sudanese Toposa militia at a village in "
            "Turkana North district in northern Kenya has risen to 11.",
            [11],
            [],
        ),
        # bodies and deaths counted without a death verb
        ("The bodies of two policemen were discovered on the highway near Tikrit.", [2], []),
        ("The attack resulted in the death of two civilians.", [2], []),
        ("16 charred bodies were taken to the mortuary.", [16], []),
        # a second victim after the first
        ("A suicide car bomber killed a woman and a six-year old child in Tal Afar.", [2], []),
        ("A columnist and his wife were murdered in their home.", [2], []),
        ("Gunmen opened fire on the owner and his wife, killing them both.", [2], []),
        ("Gunmen killed an official in Baghdad, along with his granddaughter.", [2], []),
        ("Gunmen shot and killed Rahim al-Zamili, a party member.", [1], []),
        ("Gunmen killed the supervisor of the party's branch in Baghdad.", [1], []),
        # one death told with an initial, a parenthesis, a noun or a pronoun
        ("An American diplomat, William E. Bennett, was killed by an explosion.", [1], []),
        ("A French bishop (Pierre Claverie) was assassinated by a bomb blast.", [1], []),
        ("Richard Jameson, an Ulster Volunteer Force (UVF) commander, was shot dead.", [1], []),
        ("Maoist rebels are blamed for the murder of a community leader.", [1], []),
        ("He was shot by militants. He died the following day at the hospital.", [1], []),
        ("Police discovered the body of Sabri Abdul-Jabar in Kirkuk.", [1], []),
        ("The police officer later succumbed to his injuries.", [1], []),
        # the attacker's own death counts with the dead, as ACLED and RAND count it
        ("A suicide bomber blew himself up on a bus, killing 17 others.", [1, 17], []),
        ("A bomber detonated his explosives, killing himself and two police officers.", [3], []),
        ("Two suicide bombers attacked, killing themselves and five policemen.", [7], []),
        # lists of the dead, after the verb or as its subject
        ("Militants killed a policeman, two soldiers and four civilians.", [7], []),
        ("Two policemen and a civilian were killed in the attack.", [3], []),
        ("A car bomb killed five people and wounded 12 others.", [5], [12]),
        ("Gunmen killed a policeman and a soldier was injured.", [1], [1]),
        ("Gunmen shot and killed Rahim al-Zamili, a party member, in Baghdad.", [1], []),
        # ... but not one wounded after the dead, nor the death a crowd reacts to
        ("The attack killed the driver of the bus and wounded a policeman.", [1], [1]),
        ("A farm manager was killed and her son seriously wounded.", [1], []),
        ("Locals set fire to a bus following the death of a trader in custody.", [], []),
        ("Residents protested against the recent murder of a matatu driver.", [], []),
        ("Two suspects held for the murder of a priest said they were tortured.", [], []),
        # attempts, accusations and the killing a protest is about: no one died here
        ("Limuru residents tried to lynch a man suspected of theft.", [], []),
        ("Residents nearly lynched a pickpocket caught in the market.", [], []),
        ("Students protested against the killing of a security guard.", [], []),
        ("Locals vandalized the houses of men suspected of killing a herder.", [], []),
        ("Residents claim that police killed civilian matatu drivers.", [], []),
    ],
)
def test_victims_named_without_a_number(
    pipeline: Pipeline, text: str, killed: list[int], injured: list[int]
) -> None:
    found = casualties_of(pipeline, text)
    assert [c.count.best for c in found["killed"]] == killed
    assert [c.count.best for c in found["injured"]] == injured
    for casualty in found["killed"] + found["injured"]:
        [ev] = casualty.count.evidence
        assert ev.text == text[ev.start : ev.end]
