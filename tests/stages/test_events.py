"""The events stage, through the whole default pipeline on hand-written stories."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.model import Article, Event, Extraction
from sitrep.pipeline import Pipeline

PUBLISHED = date(2021, 3, 15)  # a Monday
STORIES = Path(__file__).resolve().parents[2] / "examples" / "stories.jsonl"
ER = "Explosions/Remote violence"
VAC = "Violence against civilians"
SD = "Strategic developments"


VAC_TYPE = "Violence against civilians"
ER_TYPE = "Explosions/Remote violence"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def extract(pipeline: Pipeline, text: str) -> Extraction:
    return pipeline.extract(Article(id="test", text=text, published=PUBLISHED))


def only_event(pipeline: Pipeline, text: str) -> Event:
    [event] = extract(pipeline, text).events
    return event


def main_event(pipeline: Pipeline, text: str) -> Event:
    mains = [event for event in extract(pipeline, text).events if event.main]
    assert len(mains) == 1
    return mains[0]


def texts(evidence: list) -> list[str]:
    return [ev.text for ev in evidence]


# Notes written as analysts write them: the event is named by a verb phrase, not a noun.
@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type", "trigger"),
    [
        (
            "Residents in Nakuru set a suspected thief alight.",
            "Riots",
            "Mob violence",
            "set a suspected thief alight",
        ),
        (
            "Youth stone a suspected thief to death in Kisii.",
            "Riots",
            "Mob violence",
            "stone a suspected thief to death",
        ),
        (
            "In Homa Bay, opposition supporters lit bonfires as they demanded the removal of election officials.",
            "Riots",
            "Violent demonstration",
            "lit bonfires",
        ),
        (
            "Residents of Gitaru blocked the Gitaru-Wangige road over evictions.",
            "Protests",
            "Peaceful protest",
            "blocked the Gitaru-Wangige road",
        ),
        ("Three police officers gun down a suspect in Mombasa.", VAC, "Attack", "gun down"),
        (
            "Al Shabaab overtakes Bula Golol in Garissa County.",
            "Battles",
            "Non-state actor overtakes territory",
            "overtakes",
        ),
        (
            "Nigerian soldiers repelled militants at a checkpoint in Borno state.",
            "Battles",
            "Armed clash",
            "repelled",
        ),
    ],
)
def test_verb_phrase_names_the_event(
    pipeline: Pipeline, text: str, event_type: str, sub_event_type: str, trigger: str
) -> None:
    event = main_event(pipeline, text)
    assert (event.event_type, event.sub_event_type) == (event_type, sub_event_type)
    assert event.trigger.text == trigger


# -- types -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type", "disorder_type"),
    [
        (
            "Russian warplanes carried out air strikes on Idlib on Sunday.",
            ER,
            "Air/drone strike",
            "Political violence",
        ),
        (
            "Syrian army shelled the village of Kafr Nabl in Idlib province on Monday.",
            ER,
            "Shelling/artillery/missile attack",
            "Political violence",
        ),
        (
            "A roadside bomb exploded near a police patrol in Kandahar on Sunday.",
            ER,
            "Remote explosive/landmine/IED",
            "Political violence",
        ),
        (
            "A suicide bomber blew himself up at a mosque in Kabul on Friday, killing 20 worshippers.",
            ER,
            "Suicide bomb",
            "Political violence",
        ),
        (
            "Nigerian troops clashed with Boko Haram fighters in Borno state on Sunday.",
            "Battles",
            "Armed clash",
            "Political violence",
        ),
        (
            "Gunmen stormed a village in Zamfara state on Sunday and shot dead 10 villagers.",
            VAC,
            "Attack",
            "Political violence",
        ),
        (
            "Gunmen kidnapped 30 students from a school in Kaduna state on Thursday.",
            VAC,
            "Abduction/forced disappearance",
            "Political violence",
        ),
        (
            "Hundreds of teachers staged a peaceful protest in Lagos on Monday demanding unpaid "
            "salaries.",
            "Protests",
            "Peaceful protest",
            "Demonstrations",
        ),
        (
            "Police fired tear gas to disperse protesters in Nairobi on Tuesday.",
            "Protests",
            "Protest with intervention",
            "Demonstrations",
        ),
        (
            "Rioters torched cars and pelted police with stones in Dhaka on Monday.",
            "Riots",
            "Violent demonstration",
            "Demonstrations",
        ),
        (
            "Police arrested 12 suspected militants in Peshawar on Sunday.",
            SD,
            "Arrests",
            "Strategic developments",
        ),
    ],
)
def test_acled_type(
    pipeline: Pipeline, text: str, event_type: str, sub_event_type: str, disorder_type: str
) -> None:
    event = main_event(pipeline, text)
    assert (event.event_type, event.sub_event_type, event.disorder_type) == (
        event_type,
        sub_event_type,
        disorder_type,
    )
    assert event.mode == "asserted"
    assert texts(event.evidence["event_type"]) == [event.trigger.text]


def test_attack_on_armed_target_is_a_battle(pipeline: Pipeline) -> None:
    event = main_event(pipeline, "Al-Shabaab attacked a military base in Somalia on Sunday.")
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    assert event.target_type == "Military"


def test_protest_with_deaths_is_excessive_force(pipeline: Pipeline) -> None:
    event = main_event(
        pipeline, "Police fired on protesters in Nairobi on Tuesday, killing 3 demonstrators."
    )
    assert (event.event_type, event.sub_event_type) == (
        "Protests",
        "Excessive force against protesters",
    )
    assert event.fatalities.best == 3


# -- modes -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "mode", "cue"),
    [
        ("No rockets were fired at the base on Sunday, officials said.", "negated", "No"),
        ("The Houthis vowed to attack Saudi oil facilities.", "threat", "vowed"),
        ("The army denied shelling the village in Idlib on Monday.", "denied", "denied"),
        ("Officials warned that militants could attack the city.", "hypothetical", "could"),
        ("Teachers will protest in Lagos on Friday.", "future", "will"),
    ],
)
def test_mode_with_its_cue(pipeline: Pipeline, text: str, mode: str, cue: str) -> None:
    event = only_event(pipeline, text)
    assert event.mode == mode
    # The cue's evidence may carry the space after it ("No "): compare the words.
    assert [text.strip() for text in texts(event.evidence["mode"])] == [cue]
    assert not event.main  # only an asserted, current event is the story's event
    assert event.fatalities is None  # no default zero for what did not happen


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Two doctors of Doctors Without Borders were kidnapped in Malakal.", "asserted"),
        ("Two reporters of Reporters Without Borders were not kidnapped in Mosul.", "negated"),
        ("Police said No one was kidnapped in Mosul.", "negated"),
    ],
)
def test_a_negation_word_inside_a_name_negates_nothing(pipeline, text, mode) -> None:
    assert only_event(pipeline, text).mode == mode


def test_background_by_date(pipeline: Pipeline) -> None:
    text = (
        "Gunmen attacked a checkpoint in Diyala on Sunday. "
        "On 3 January, a car bomb exploded in Baghdad."
    )
    first, second = extract(pipeline, text).events
    assert (first.mode, first.main, first.date.start) == ("asserted", True, date(2021, 3, 14))
    assert (second.mode, second.main, second.date.start) == ("background", False, date(2021, 1, 3))
    assert second.trigger.text == "car bomb"


def test_background_by_comes_days_after(pipeline: Pipeline) -> None:
    text = (
        "Two rockets hit the base in Anbar on Sunday. "
        "It comes days after a drone strike killed Qassem Soleimani in Baghdad."
    )
    first, second = extract(pipeline, text).events
    assert (first.sub_event_type, first.mode, first.main) == (
        "Shelling/artillery/missile attack",
        "asserted",
        True,
    )
    assert (second.sub_event_type, second.mode, second.main) == (
        "Air/drone strike",
        "background",
        False,
    )
    assert second.place.name == "Baghdad"


def test_recalled_assassination_is_its_own_background_event(pipeline: Pipeline) -> None:
    text = (
        "Two rockets hit the base in Anbar on Sunday. The attack comes days after the "
        "assassination of Qassem Soleimani in Baghdad on January 3 last year."
    )
    events = extract(pipeline, text).events
    assert [(event.trigger.text, event.mode) for event in events] == [
        ("rockets", "asserted"),
        ("assassination", "background"),
    ]


def test_retaliation_pledge_is_a_threat_event(pipeline: Pipeline) -> None:
    text = (
        "Two rockets hit Baghdad airport on Sunday. "
        "Kataib Hezbollah pledged revenge for the killing of its commander."
    )
    events = extract(pipeline, text).events
    threat = next(event for event in events if event.mode == "threat")
    assert threat.trigger.text == "pledged revenge"
    assert sum(event.main for event in events) == 1


# -- main event ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a checkpoint in Diyala on Sunday. On 3 January, a car bomb exploded "
        "in Baghdad. Police arrested 12 suspects in Basra on Sunday.",
        "Officials feared militants could attack. A bomb exploded in a market in Kabul on "
        "Sunday. Separately, police arrested two men in Herat.",
    ],
)
def test_main_event_is_marked_exactly_once(pipeline: Pipeline, text: str) -> None:
    events = extract(pipeline, text).events
    assert len(events) >= 3
    mains = [event for event in events if event.main]
    assert len(mains) == 1
    first_asserted = next(event for event in events if event.mode == "asserted")
    assert mains[0] is first_asserted


def test_no_main_event_when_nothing_happened(pipeline: Pipeline) -> None:
    extraction = extract(pipeline, "No rockets were fired at the base on Sunday.")
    assert extraction.main_event is None


# -- claims ----------------------------------------------------------------------------------
def test_claimed_true_with_evidence(pipeline: Pipeline) -> None:
    event = main_event(
        pipeline,
        "A bomb exploded in a market in Kabul on Sunday. The Taliban claimed responsibility "
        "for the attack.",
    )
    assert event.claimed is True
    assert texts(event.evidence["claimed"]) == ["claimed responsibility"]


def test_claimed_false_with_evidence(pipeline: Pipeline) -> None:
    event = main_event(
        pipeline,
        "A bomb exploded in a market in Kabul on Sunday. No group has claimed responsibility.",
    )
    assert event.claimed is False
    assert texts(event.evidence["claimed"]) == ["No group has claimed"]


def test_claimed_unknown_when_not_said(pipeline: Pipeline) -> None:
    event = main_event(pipeline, "A bomb exploded in a market in Kabul on Sunday.")
    assert event.claimed is None
    assert "claimed" not in event.evidence


# -- casualties ------------------------------------------------------------------------------
def test_repeated_toll_is_not_double_counted(pipeline: Pipeline) -> None:
    text = (
        "Gunmen killed 3 soldiers in Diyala on Sunday. "
        "Police said 3 soldiers were killed in the attack."
    )
    event = main_event(pipeline, text)
    assert (event.fatalities.low, event.fatalities.best, event.fatalities.high) == (3, 3, 3)


def test_groups_in_one_sentence_add_up(pipeline: Pipeline) -> None:
    text = "Two soldiers were killed and three civilians were killed in the attack in Diyala."
    event = main_event(pipeline, text)
    assert event.fatalities.best == 5
    assert texts(event.fatalities.evidence) == [
        "Two soldiers were killed",
        "three civilians were killed",
    ]


def test_no_casualties_sets_zero_with_evidence(pipeline: Pipeline) -> None:
    event = main_event(
        pipeline, "Two rockets hit the base in Anbar on Sunday, causing no casualties."
    )
    assert (event.fatalities.best, event.injuries.best) == (0, 0)
    assert texts(event.fatalities.evidence) == texts(event.injuries.evidence) == ["no casualties"]


def test_silence_on_deaths_is_a_marked_default_zero(pipeline: Pipeline) -> None:
    event = main_event(pipeline, "Two rockets hit the base in Anbar on Sunday.")
    assert event.fatalities.best == 0
    assert event.fatalities.evidence == []  # marked as a default by its missing evidence
    assert event.fatalities.confidence < 0.5


def test_toll_sentence_joins_the_event(pipeline: Pipeline) -> None:
    text = "A car bomb exploded in Mogadishu on Sunday. The death toll rose to 40, officials said."
    event = main_event(pipeline, text)
    assert event.fatalities.best == 40
    assert texts(event.fatalities.evidence) == ["death toll rose to 40"]


def test_fatalities_after_a_weapon_subject(pipeline: Pipeline) -> None:
    event = main_event(pipeline, "A roadside bomb killed two soldiers in Helmand on Sunday.")
    assert event.fatalities.best == 2


# -- weapons and targets ---------------------------------------------------------------------
def test_weapon_with_count(pipeline: Pipeline) -> None:
    event = main_event(pipeline, "Two rockets hit the base in Anbar on Sunday.")
    [weapon] = event.weapons
    assert (weapon.type, weapon.subtype, weapon.count) == ("Explosives", "rocket", 2)
    assert texts(weapon.evidence) == ["Two rockets"]
    assert event.weapon_type == "Explosives"


def test_later_mention_gives_the_weapon_count(pipeline: Pipeline) -> None:
    text = "Rockets struck the Green Zone in Baghdad on Sunday. Several Katyusha rockets landed."
    event = main_event(pipeline, text)
    [weapon] = event.weapons
    assert (weapon.subtype, weapon.count) == ("rocket", 3)
    assert texts(weapon.evidence) == ["Several Katyusha rockets"]


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("Gunmen with automatic weapons killed two guards in Medellin.", "firearm"),
        ("Two submachineguns were used in the attack on the mayor in Cali.", "firearm"),
        ("A truck bomb exploded outside the police station in Bogota.", "vehicle bomb"),
        ("A booby trap killed a soldier near the barracks in Ayacucho.", "IED"),
        ("Artillery pounded rebel positions in Idlib on Sunday.", "shell"),
    ],
)
def test_weapons_named_by_their_kind(pipeline: Pipeline, text: str, subtype: str) -> None:
    assert [w.subtype for w in main_event(pipeline, text).weapons] == [subtype]


def test_weapon_without_count(pipeline: Pipeline) -> None:
    event = main_event(pipeline, "Rioters torched cars and pelted police with stones in Dhaka.")
    assert [(w.type, w.count, texts(w.evidence)) for w in event.weapons] == [
        ("Incendiary", None, ["torched"]),
        ("Melee", None, ["stones"]),
    ]


def test_one_device_is_one_weapon(pipeline: Pipeline) -> None:
    event = main_event(pipeline, "A roadside bomb exploded near a patrol in Kandahar on Sunday.")
    assert [(w.subtype, w.count) for w in event.weapons] == [("IED", 1)]


@pytest.mark.parametrize(
    ("text", "target_type", "surface"),
    [
        ("Gunmen attacked a police checkpoint in Kano on Sunday.", "Police", "police checkpoint"),
        (
            "A bomb exploded at a mosque in Kabul on Friday.",
            "Religious Figures/Institutions",
            "mosque",
        ),
        ("Gunmen attacked a school in Kaduna on Monday.", "Educational Institution", "school"),
        ("A bomb exploded in a market in Kabul on Sunday.", "Business", "market"),
        ("Gunmen opened fire on a bus in Kano on Sunday.", "Transportation", "bus"),
        ("Rockets hit the US embassy in Baghdad on Sunday.", "Government (Diplomatic)", "embassy"),
        (
            "Gunmen attacked villagers in Zamfara on Sunday.",
            "Private Citizens & Property",
            "villagers",
        ),
        # A refugee camp and a relief convoy are not forces.
        (
            "Gunmen attacked the Kakuma refugee camp on Sunday.",
            "Private Citizens & Property",
            "refugee",
        ),
        ("Armed bandits attacked a relief food convoy in Wajir.", "NGO", "food convoy"),
    ],
)
def test_target_mapped_to_gtd_type(
    pipeline: Pipeline, text: str, target_type: str, surface: str
) -> None:
    event = main_event(pipeline, text)
    assert event.target_type == target_type
    assert (event.targets[0].type, event.targets[0].text) == (target_type, surface)
    assert texts(event.targets[0].evidence) == [surface]


def test_speaker_is_not_a_target(pipeline: Pipeline) -> None:
    event = main_event(pipeline, "Police said gunmen attacked a bus in Kano on Sunday.")
    assert [target.type for target in event.targets] == ["Transportation"]


# -- actors ----------------------------------------------------------------------------------
def test_actor_attacked_actor(pipeline: Pipeline) -> None:
    event = main_event(
        pipeline, "Nigerian troops clashed with Boko Haram fighters in Borno on Sunday."
    )
    assert (event.actor1.name, event.actor2.name) == ("Military Forces of Nigeria", "Boko Haram")
    assert texts(event.actor1.evidence) == ["Nigerian troops"]


def test_passive_with_by_agent(pipeline: Pipeline) -> None:
    event = main_event(
        pipeline, "A patrol of Somali soldiers was attacked by al-Shabaab in Mogadishu on Sunday."
    )
    assert (event.actor1.name, event.actor2.name) == ("al-Shabaab", "Military Forces of Somalia")


def test_passive_without_agent_leaves_actor1_unknown(pipeline: Pipeline) -> None:
    event = main_event(pipeline, "Somali soldiers were attacked in Mogadishu on Sunday.")
    assert event.actor2.name == "Military Forces of Somalia"
    assert event.actor1.name == "Unidentified Armed Group (Somalia)"
    assert event.actor1.evidence == []  # a default, not a reading of the text


def test_speaker_is_not_a_party(pipeline: Pipeline) -> None:
    event = main_event(pipeline, "Police said gunmen attacked a bus in Kano on Sunday.")
    assert event.actor1.name == "Unidentified Armed Group (Nigeria)"
    assert texts(event.actor1.evidence) == ["gunmen"]
    assert event.actor2 is None


def test_actor_named_in_the_trigger_words(pipeline: Pipeline) -> None:
    event = main_event(pipeline, "Israeli warplanes carried out air strikes on Gaza on Sunday.")
    assert event.actor1.name == "Military Forces of Israel"


def test_kidnapped_students_are_not_protesters(pipeline: Pipeline) -> None:
    event = main_event(
        pipeline, "Gunmen kidnapped 30 students from a school in Kaduna on Thursday."
    )
    assert event.actor2 is None or event.actor2.inter == 7


# -- place -----------------------------------------------------------------------------------
def test_place_comes_from_the_events_own_sentences(pipeline: Pipeline) -> None:
    text = (
        "The governor of Basra spoke to reporters on Monday. "
        "Separately, a roadside bomb exploded in Kirkuk on Sunday."
    )
    event = main_event(pipeline, text)
    assert (event.place.name, event.place.precision, event.place.default) == (
        "Kirkuk",
        "exact",
        False,
    )
    assert texts(event.place.evidence) == ["Kirkuk"]


def test_near_lowers_place_precision(pipeline: Pipeline) -> None:
    event = main_event(pipeline, "Rockets landed near Baghdad airport on Sunday.")
    place = event.place
    assert (place.name, place.precision, place.geo_precision, place.gtd_specificity) == (
        "Baghdad International Airport",
        "near",
        2,
        2,
    )
    assert place.evidence[0].text == "Baghdad airport"


def test_direction_of_an_anchor_keeps_the_place_exact(pipeline: Pipeline) -> None:
    event = main_event(pipeline, "Two rockets hit Balad air base north of Baghdad on Sunday.")
    assert (event.place.name, event.place.precision) == ("Balad Air Base", "exact")


def test_country_only_story_place_is_a_marked_default(pipeline: Pipeline) -> None:
    text = "Iraqi officials met on Monday. Rockets were fired on Sunday."
    event = main_event(pipeline, text)
    assert (event.place.precision, event.place.country_code, event.place.default) == (
        "country",
        "IQ",
        True,
    )
    assert event.place.evidence == []


def test_an_unknown_place_keeps_its_name_in_the_storys_country(pipeline: Pipeline) -> None:
    text = (
        "Afghan officials said on Monday that Taliban fighters attacked a police post in "
        "Zzyzzqa district on Sunday, killing three policemen."
    )
    place = main_event(pipeline, text).place
    assert (place.name, place.precision, place.country_code) == ("Zzyzzqa", "unknown", "AF")
    assert (place.lat, place.lon, place.gtd_specificity) == (None, None, 5)
    assert "Zzyzzqa" in texts(place.evidence)


def test_an_unknown_place_never_outranks_a_known_one(pipeline: Pipeline) -> None:
    text = "Gunmen attacked a checkpoint in Zzyzzqa district of Kandahar province on Sunday."
    place = main_event(pipeline, text).place
    assert place.precision != "unknown" and place.admin1 == "Kandahar"
    text = "Gunmen attacked a checkpoint in Zzyzzqa district and in Kirkuk on Sunday."
    assert main_event(pipeline, text).place.name == "Kirkuk"


# -- evidence --------------------------------------------------------------------------------
def _stories() -> list[dict]:
    return [json.loads(line) for line in STORIES.read_text(encoding="utf-8").splitlines() if line]


def test_examples_corpus_has_68_stories() -> None:
    assert len(_stories()) == 68


def test_every_evidence_is_the_original_slice_over_the_examples(pipeline: Pipeline) -> None:
    checked = 0
    for record in _stories():
        article = Article(
            id=record["id"],
            text=record["text"],
            title=record.get("title"),
            published=record.get("published"),
        )
        extraction = pipeline.extract(article)
        assert not [note for note in extraction.notes if note.code == "stage.failed"], record["id"]
        assert sum(event.main for event in extraction.events) <= 1, record["id"]
        for event in extraction.events:
            for field, ev in event.field_evidence():
                assert 0 <= ev.start < ev.end <= len(article.text), (record["id"], field)
                assert article.text[ev.start : ev.end] == ev.text, (record["id"], event.id, field)
                checked += 1
    assert checked > 500


def test_non_ascii_story_evidence_is_the_original_slice(pipeline: Pipeline) -> None:
    text = (
        "Iraq\u2019s Popular Mobilization Forces said two rockets hit the base near "
        "Al\u2011Qaim on Sunday\u00a0\u2014 \u201cno casualties,\u201d an official said."
    )
    extraction = extract(pipeline, text)
    event = extraction.main_event
    pairs = event.field_evidence()
    assert {field for field, _ in pairs} >= {"trigger", "event_type", "date", "fatalities"}
    for _, ev in pairs:
        assert text[ev.start : ev.end] == ev.text


# -- who acts decides the type: ACLED's battles, riots and protests (issue 4) ----------------
@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type", "disorder_type"),
    [
        (
            "On 2 May 2024, two groups of villagers clashed using sharp weapons at Bhadra "
            "village in Tangail over a land dispute.",
            "Riots",
            "Mob violence",
            "Political violence",
        ),
        (
            "On 20 July 2024, student demonstrators clashed with police in Dhaka, demanding "
            "abolition of the quota system.",
            "Riots",
            "Violent demonstration",
            "Demonstrations",
        ),
        (
            "On 8 May 2024, supporters of an Awami League candidate assaulted a polling agent "
            "in Narayanganj.",
            "Riots",
            "Mob violence",
            "Political violence",
        ),
        (
            "On 29 November 2023, rioters exploded cocktail bombs in Dhaka during the blockade.",
            "Riots",
            "Violent demonstration",
            "Demonstrations",
        ),
        (
            "Students at the university in Kisumu burnt a dormitory in protest over fees on "
            "Monday.",
            "Riots",
            "Violent demonstration",
            "Demonstrations",
        ),
        (
            "A suspected thief was lynched by residents in Kisumu on Sunday.",
            "Riots",
            "Mob violence",
            "Political violence",
        ),
        (
            "Clashes between Pokot and Turkana herders left 5 dead near Kapedo on Sunday.",
            "Battles",
            "Armed clash",
            "Political violence",
        ),
        (
            "On 15 March 2020, a Taliban sniper shot and killed 1 Afghan soldier in Balkh.",
            "Battles",
            "Armed clash",
            "Political violence",
        ),
        (
            "Unknown attackers threw Molotov cocktails at a church in Talcahuano on Sunday.",
            VAC,
            "Attack",
            "Political violence",
        ),
    ],
)
def test_actors_decide_between_battle_riot_and_attack(
    pipeline: Pipeline, text: str, event_type: str, sub_event_type: str, disorder_type: str
) -> None:
    event = main_event(pipeline, text)
    assert (event.event_type, event.sub_event_type, event.disorder_type) == (
        event_type,
        sub_event_type,
        disorder_type,
    )


def test_protesters_attacked_by_others_is_intervention_not_riot(pipeline: Pipeline) -> None:
    event = main_event(
        pipeline,
        "On 8 April 2023, members of Awami League assaulted BNP demonstrators in Savar during "
        "a demonstration against rising prices.",
    )
    assert (event.event_type, event.sub_event_type) == ("Protests", "Protest with intervention")


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        (
            "Recruitment: MRC stages secret oath-taking sessions to recruit youth.",
            SD,
            "Change to group/activity",
        ),
        ("Non-violent activity: Police raid the house of a former senator.", SD, "Other"),
        (
            "Property destruction: Shops at Gorofani are set alight.",
            SD,
            "Looting/property destruction",
        ),
    ],
)
def test_analyst_label_opening_a_note_names_the_type(
    pipeline: Pipeline, text: str, event_type: str, sub_event_type: str
) -> None:
    event = main_event(pipeline, text)
    assert (event.event_type, event.sub_event_type) == (event_type, sub_event_type)


P = "Protests"
VD = ("Riots", "Violent demonstration")
PWI = (P, "Protest with intervention")
PEACEFUL = (P, "Peaceful protest")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A campaign rally others attack is mob violence, not the rally; the forces of order
        # breaking it up are an intervention; nobody attacking it, a protest.
        ("Youths heckle and throw stones at CORD political rally.", ("Riots", "Mob violence")),
        ("Rowdy youth disrupted Kenyatta's rally in Kisumu.", ("Riots", "Mob violence")),
        ("Police attacked a BNP rally in Dhaka.", PWI),
        ("Students staged a rally in Dhaka.", PEACEFUL),
        # What the crowd did, told after the protest or after its cause.
        (
            "Members of Jamaat-e-Islami staged a demonstration in Dhaka, demanding free "
            "elections. Demonstrators exploded crude bombs and vandalized vehicles.",
            VD,
        ),
        (
            "Following the death of a woman in an accident, hundreds of workers staged a "
            "demonstration by blocking a road and attempting to vandalize vehicles in Tongi.",
            VD,
        ),
        (
            "On 8 February, Samburu residents protested against Raila Odinga, burning posters "
            "and lighting bonfires.",
            VD,
        ),
        ("Students destroy property at a farm in Nakuru, protesting the withdrawal of food.", VD),
        (
            "A group of youths protest a restaurant's policy of refusing entry to local people. "
            "The protest turned violent, however, when the group began looting the restaurant.",
            VD,
        ),
        (
            "Students of a teachers college in Nandi held demonstrations following the death of "
            "their colleague. They also oppose a plan to upgrade the college. The students "
            "barricaded the Eldoret-Kapsabet highway with huge boulders.",
            VD,
        ),
        # What the crowd asks for or follows is no deed of its own.
        (
            "Members of Left Democratic Alliance staged a protest rally in Dhaka, demanding "
            "prevention of corruption, looting, money laundering and bank robberies.",
            PEACEFUL,
        ),
        (
            "Students staged a protest in Dhaka, demanding cancellation of the curriculum, "
            "calling it a 'curriculum for the destruction of science'.",
            PEACEFUL,
        ),
        (
            "On 29 October 2023, members of Awami League staged a protest rally in Dhaka, "
            "against the strike called by BNP, following prior clashes during the BNP's grand "
            "rally.",
            PEACEFUL,
        ),
        # The victims' part in a demonstration sets the assault; it is not the event.
        (
            "On 5 June 2023, members of Awami League assaulted 3 members of Ganatantra Mancha "
            "in Bogra city, for participating in the anti-government demonstration.",
            ("Riots", "Mob violence"),
        ),
        # Arrests and interventions the protest met, not the arrest it protests about.
        (
            "Members of Jamaat-e-Islami staged an anti-government protest in Noakhali. Police "
            "forces detained 9 activists during the protest.",
            PWI,
        ),
        (
            "Public service operators stage protest over government actions; police arrest "
            "several protesters.",
            PWI,
        ),
        (
            "ODM supporters held protests in Mombasa against the re-election of the president. "
            "Police intervened.",
            PWI,
        ),
        (
            "Members of Chhatra League staged a protest in Barisal, following the arrest of "
            "the university's leader.",
            PEACEFUL,
        ),
        ("Muslim clerics in Mombasa protest the arrest of a radio show host.", PEACEFUL),
    ],
)
def test_what_a_crowd_did_or_met_types_the_event(
    pipeline: Pipeline, text: str, expected: tuple[str, str]
) -> None:
    event = main_event(pipeline, text)
    assert (event.event_type, event.sub_event_type) == expected


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # Forces killed by others: their attackers fought armed men.
        ("Two Kenyan police officers were shot dead in Nairobi on Friday.", "Battles"),
        (
            "A police officer was hacked to death at Mangala by a group of sand harvesters.",
            "Battles",
        ),
        # Forces killing an armed gang or suspects, or fighting back: a clash.
        ("Police have shot dead five suspected carjackers in Ruiru.", "Battles"),
        (
            "07 March: Unidentified armed group stopped a police car and started firing at them. "
            "The police fired back and killed two of them in Limuru.",
            "Battles",
        ),
        (
            "5 knife-wielding men attacked a polling station in Galole. They killed 1 person, "
            "before police opened fire, killing 2 of the attackers.",
            "Battles",
        ),
        # Forces killing a civilian, or a civilian killed by the police: an attack.
        ("A human rights defender was shot and killed by police in Meru.", VAC_TYPE),
        ("Police shot dead a farmer in Meru.", VAC_TYPE),
        ("Two journalists assaulted by police while they were covering political riots", VAC_TYPE),
        # Crude bombs without an armed group are street violence.
        (
            "On 15 November 2023, unidentified persons exploded three crude bombs near Dhaka "
            "university.",
            "Riots",
        ),
        ("Militants of the Islamic State exploded crude bombs at a checkpoint.", ER_TYPE),
        # A counted group of people dealing blows is a mob; a headline's passive counts the
        # dead, not the doers.
        (
            "On 29 July 2023, at least 15 people, including security guards, assaulted and "
            "killed a person in Dhaka city, on suspicion of being a thief.",
            "Riots",
        ),
        ("At least 4-5 assailants hacked and injured a supporter at Umedia Bazar.", "Riots"),
        # Ordinary people at work are a crowd too.
        (
            "On 14 August 2023, several shopkeepers assaulted and injured a student of Khulna "
            "Medical College in Khulna city.",
            "Riots",
        ),
        ("Unknown assailants hacked a man to death at his home in Kilifi.", VAC_TYPE),
        ("2 people shot dead during raid", VAC_TYPE),
    ],
)
def test_who_acts_on_whom_types_the_event(pipeline: Pipeline, text: str, event_type: str) -> None:
    assert main_event(pipeline, text).event_type == event_type


def test_a_recalled_demonstration_does_not_stand_for_the_killing(pipeline: Pipeline) -> None:
    event = main_event(
        pipeline,
        "On 12 June 2023, members of Awami League assaulted and killed a street vendor in "
        "Dhaka, suspectedly for not attending the prior demonstration of Jubo League.",
    )
    assert (event.event_type, event.mode) == ("Riots", "asserted")


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("HIV activists stage march to plead with donors not to cut funding.", "Protests"),
        ("Environmentalists formed human chains in Dhaka, demanding clean rivers.", "Protests"),
        ("On April 30th, an anti-corruption march was held in Nairobi.", "Protests"),
        ("More than 350 traders in Watamu burnt down three villas.", "Riots"),
        ("Al Shabaab detonates an explosive at a Nairobi disco.", ER_TYPE),
        ("Hundreds of nurses march to demand better pay.", "Protests"),
        ("A group of rowdy youth were storming polling stations in Changamwe.", "Riots"),
        # The month is no march.
        ("Elections were held on March 5 in Nairobi.", None),
        (
            "The Brigades claimed responsibility for blowing up an Israeli bulldozer in Rafah.",
            "Explosions/Remote violence",
        ),
    ],
)
def test_more_ways_to_say_an_event(pipeline: Pipeline, text: str, event_type: str | None) -> None:
    events = extract(pipeline, text).events
    assert (events[0].event_type if events else None) == event_type


# -- ACLED's actor conventions, claims and victims (issue 4) ---------------------------------
def test_protest_actor1_is_protesters_and_the_party_is_associated(pipeline: Pipeline) -> None:
    event = main_event(
        pipeline,
        "On 8 September 2023, members of Jamaat-e-Islami staged a peaceful demonstration in "
        "Dhaka, Bangladesh, demanding free elections.",
    )
    assert event.event_type == "Protests"
    assert event.actor1.name == "Protesters (Bangladesh)"
    assert [actor.name for actor in event.assoc_actors] == ["Jamaat-e-Islami"]


def test_a_party_named_with_the_crowd_is_associated_not_the_opponent(pipeline) -> None:
    event = main_event(
        pipeline,
        "Protesting members of CORD are tear-gassed by police after they attempt to enter the "
        "offices of the electoral commission in Kisumu.",
    )
    assert (event.actor1.name, event.actor2.name) == (
        "Protesters (Kenya)",
        "Police Forces of Kenya",
    )
    assert [actor.name for actor in event.assoc_actors] == ["Coalition for Reforms and Democracy"]
    event = main_event(pipeline, "ODM supporters clashed with PNU supporters in Kisumu.")
    assert (event.actor1.name, event.actor2.name) == ("Rioters (Kenya)", "Rioters (Kenya)")
    assert {actor.name for actor in event.assoc_actors} == {
        "Orange Democratic Movement",
        "Party of National Unity",
    }


def test_riot_actor1_is_rioters_and_police_are_actor2(pipeline: Pipeline) -> None:
    event = main_event(
        pipeline, "On 2 July 2024, police clashed with rioters who torched buses in Gazipur."
    )
    assert event.event_type == "Riots"
    assert event.actor1.name.startswith("Rioters")
    assert event.actor2 is not None and event.actor2.name.startswith("Police Forces")


def test_claim_names_the_perpetrator(pipeline: Pipeline) -> None:
    event = main_event(
        pipeline,
        "Three mortar shells were fired at the Atzmona settlement on Sunday. The military wing "
        "of Hamas claimed responsibility for the attack.",
    )
    assert event.actor1.name == "Hamas"
    assert event.claimed is True
    assert texts(event.actor1.evidence) == ["Hamas"]


def test_attribution_names_the_perpetrator(pipeline: Pipeline) -> None:
    event = main_event(
        pipeline,
        "The Arroyolargo Bridge near Curumani was damaged by a bomb on Sunday. Authorities "
        "attribute the attack to the 41st Front of the FARC.",
    )
    assert event.actor1.name == "Revolutionary Armed Forces of Colombia"


def test_no_claim_leaves_the_attacker_unidentified(pipeline: Pipeline) -> None:
    event = main_event(
        pipeline,
        "A bomb exploded at a market in Kabul on Sunday. No group has claimed responsibility "
        "for the attack, which the Taliban condemned.",
    )
    assert event.actor1.name.startswith("Unidentified Armed Group")
    assert event.claimed is False


def test_victims_of_a_casualty_statement_are_not_the_agent(pipeline: Pipeline) -> None:
    event = main_event(
        pipeline, "Six police officers were killed in coordinated attacks in Baghdad on Sunday."
    )
    assert event.actor1 is None or not event.actor1.name.startswith("Police Forces")
    assert event.actor2 is not None and event.actor2.name.startswith("Police Forces")
    assert event.fatalities.best == 6


def test_clash_between_two_named_sides(pipeline: Pipeline) -> None:
    event = main_event(pipeline, "Ethnic clashes between Degodia and Garre clans in Mandera.")
    assert (event.actor1.name, event.actor2.name) == (
        "Degodia Ethnic Militia (Kenya)",
        "Garre Ethnic Militia (Kenya)",
    )


# -- casualties told in their own sentence; old events recalled (issue 4) --------------------
def test_toll_sentence_joins_the_event_before(pipeline: Pipeline) -> None:
    [event] = [
        e
        for e in extract(
            pipeline,
            "Police escorting a lorry in Kisii clashed with a group of armed men on Sunday. "
            "1 was shot dead.",
        ).events
        if e.mode == "asserted"
    ]
    assert event.fatalities.best == 1
    assert texts(event.fatalities.evidence) == ["1 was shot dead"]


def test_another_count_in_a_toll_is_more_of_the_same_toll(pipeline: Pipeline) -> None:
    """'another twenty one wounded' adds to the toll; 'another two car bombs' are a new
    event."""
    story = (
        "A truck loaded with explosives was driven by a suicide attacker into a police"
        " checkpoint in Ramadi. Four people were killed and another twenty one wounded in"
        " the attack."
    )
    [event] = [e for e in extract(pipeline, story).events if e.mode == "asserted"]
    assert (event.fatalities.best, event.injuries.best) == (4, 21)
    two = extract(
        pipeline,
        "A car bomb exploded at a police checkpoint in Ramadi on Sunday, killing four people."
        " Another two car bombs exploded near a market in Fallujah, wounding seven.",
    ).events
    assert len([e for e in two if e.mode == "asserted"]) == 2
    hyphenated = (
        "Militants detonated a bomb that targeted a police vehicle in Ratmalana. The ensuing"
        " explosion left eight policemen dead and another thirty-eight wounded."
    )
    [event] = [e for e in extract(pipeline, hyphenated).events if e.mode == "asserted"]
    assert (event.fatalities.best, event.injuries.best) == (8, 38)
    after_a_verb = (
        "A bomb exploded in a bakery in Baghdad on Monday. The explosion killed one police"
        " officer and injured another."
    )
    [event] = [e for e in extract(pipeline, after_a_verb).events if e.mode == "asserted"]
    assert event.fatalities.best == 1


def test_the_body_of_the_victim_just_told_is_that_events_toll(pipeline: Pipeline) -> None:
    story = (
        "A Swiss missionary was kidnapped by guerrillas in Selukwe on Sunday. His"
        " bullet-riddled body was found two days later."
    )
    [event] = [e for e in extract(pipeline, story).events if e.mode == "asserted"]
    assert event.sub_event_type == "Abduction/forced disappearance"
    assert event.fatalities.best == 1


def test_event_dated_years_before_the_report_is_background(pipeline: Pipeline) -> None:
    events = extract(
        pipeline,
        "In 2008, 1,300 people were killed in post-election violence in Kenya. On Sunday a man "
        "was injured in a clash between rival groups in Kisumu.",
    ).events
    [old] = [event for event in events if event.fatalities and event.fatalities.best == 1300]
    assert old.mode == "background" and not old.main
    [main] = [event for event in events if event.main]
    assert main.injuries.best == 1


def test_date_of_a_recalled_cause_is_not_the_event_date(pipeline: Pipeline) -> None:
    # ACLED: the protest's own day is not stated; "the previous day" times the attacks.
    event = main_event(
        pipeline, "Protest was staged against the attacks on ODM politicians the previous day."
    )
    assert event.sub_event_type == "Peaceful protest"
    assert event.date.default and event.date.start == PUBLISHED


def test_date_of_the_event_itself_is_kept_beside_a_cause(pipeline: Pipeline) -> None:
    event = main_event(pipeline, "Residents protested on Saturday over the killing of a trader.")
    assert not event.date.default and event.date.start == date(2021, 3, 13)


# -- what a protest is about does not type it (ACLED dev data) -------------------------------
@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        (
            "On 8 September 2023, members of the Hill Women's Federation staged a protest at "
            "Dhaka university, claiming that an ethnic girl has been raped in Khagrachhari.",
            "Protests",
            "Peaceful protest",
        ),
        (
            "On 4 May 2024, transport workers staged a protest in Barisal city, against the "
            "prior clash between transport workers.",
            "Protests",
            "Peaceful protest",
        ),
        (
            "On 17 December 2022, members of Jamaat-e-Islami staged a protest rally in Dhaka "
            "city, demanding unconditional release of detained party leader.",
            "Protests",
            "Peaceful protest",
        ),
        # the crowd meeting force is still told outside the cause
        (
            "Students protested in Dhaka against fee hikes, police fired tear gas to disperse "
            "them.",
            "Protests",
            "Protest with intervention",
        ),
    ],
)
def test_a_protests_cause_does_not_type_it(
    pipeline: Pipeline, text: str, event_type: str, sub_event_type: str
) -> None:
    event = only_event(pipeline, text)
    assert (event.event_type, event.sub_event_type) == (event_type, sub_event_type)


# -- events told without the usual verbs (RAND descriptions) ----------------------------------
@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        (
            "Unknown individuals doused flammable liquid on a bank ATM in San Sebastian, "
            "setting it on fire.",
            "Violence against civilians",
            "Attack",
        ),
        (
            "The Medellin airport runway was destroyed with explosives by FARC rebels.",
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        (
            "Tanks housed at a NATO military camp were sabotaged.",
            "Strategic developments",
            "Looting/property destruction",
        ),
        (
            "A voting center in the Gaza Strip came under fire on election day.",
            "Violence against civilians",
            "Attack",
        ),
        (
            "MNR guerrillas captured a Portuguese aid worker, his wife and child.",
            "Violence against civilians",
            "Abduction/forced disappearance",
        ),
    ],
)
def test_events_told_without_the_usual_verbs(
    pipeline: Pipeline, text: str, event_type: str, sub_event_type: str
) -> None:
    event = only_event(pipeline, text)
    assert (event.event_type, event.sub_event_type) == (event_type, sub_event_type)


def test_a_strangled_official_is_one_death(pipeline: Pipeline) -> None:
    event = only_event(pipeline, "Hadi Salih, a party official, was strangled at his home.")
    assert event.fatalities is not None and event.fatalities.best == 1


def test_the_doers_record_does_not_tell_the_attack_more_exactly(pipeline: Pipeline) -> None:
    text = (
        "Two students were shot to death last night by a group of terrorists in La Paz. "
        "The group also claimed credit for the January dynamite bombing in the Congress."
    )
    shooting = extract(pipeline, text).events[0]
    assert all(w.type != "Explosives" for w in shooting.weapons)


def test_an_attack_told_more_exactly_keeps_its_weapons(pipeline: Pipeline) -> None:
    text = (
        "An attack with explosives in front of a building in Lima has left one person "
        "injured. The terrorist attack was launched from a moving vehicle, from which "
        "unidentified individuals threw three dynamite charges."
    )
    events = [e for e in extract(pipeline, text).events if e.mode == "asserted"]
    assert len(events) == 1
    assert any(w.count == 3 for w in events[0].weapons)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Police exchange fire with raiders near Kapedo.", "Battles"),
        ("Residents pelt police officers with stones in Rongo.", "Riots"),
        (
            "Unidentified gunmen open fire on a senator's car in Nairobi.",
            "Violence against civilians",
        ),
        (
            "Al Shabaab executes 15 farmers by firing squad in Mado Gashi.",
            "Violence against civilians",
        ),
    ],
)
def test_headline_verbs_in_the_present(pipeline: Pipeline, text: str, event_type: str) -> None:
    assert only_event(pipeline, text).event_type == event_type


def test_a_riot_amid_demonstrations_elsewhere_is_mob_violence(pipeline: Pipeline) -> None:
    event = only_event(
        pipeline,
        "On 5 August 2024, a mob vandalized the offices of Awami League leaders in "
        "Baghaichhari upazila, amid the outbreak of violence after the resignation of the "
        "Prime Minister, following anti-government demonstrations.",
    )
    assert (event.event_type, event.sub_event_type) == ("Riots", "Mob violence")


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        # Raids on herds, in the words of pastoral reporting.
        ("Bandits from the hills steal 400 cattle near Kapedo.", VAC_TYPE, "Attack"),
        ("Rustlers struck two homesteads in Borabu at night.", VAC_TYPE, "Attack"),
        # Fights between communities are battles between their militias.
        ("Two died in a fight between herders and farmers near Garsen.", "Battles", "Armed clash"),
        ("A third man dies in a clan war over grazing land.", "Battles", "Armed clash"),
        # A crowd's blows and damage without a demonstration: mob violence.
        ("Youths destroy ballot boxes at a polling centre in Embu.", "Riots", "Mob violence"),
        ("Angry voters chased the local chief from the polling station.", "Riots", "Mob violence"),
        (
            "Villagers burnt a 30-year-old suspect to death for stealing a goat.",
            "Riots",
            "Mob violence",
        ),
        # Demonstrations in present-tense headlines and blockades.
        (
            "Veterans block roads near the border, demanding their pensions.",
            "Riots",
            "Violent demonstration",
        ),
        ("Delegates march against debt through the city centre.", "Protests", "Peaceful protest"),
        (
            "Police used tear gas to disperse crowds of opposition supporters in Kawangware.",
            "Protests",
            "Protest with intervention",
        ),
        # Weapons and territory.
        (
            "Militants detonate an explosive at a police post in Mandera.",
            ER_TYPE,
            "Remote explosive/landmine/IED",
        ),
        (
            "Police seize explosives from a truck in Garissa.",
            "Strategic developments",
            "Disrupted weapons use",
        ),
        (
            "Armed insurgents took over the village and hoisted their flag.",
            "Strategic developments",
            "Non-violent transfer of territory",
        ),
    ],
)
def test_events_told_in_the_words_of_terse_notes(
    pipeline: Pipeline, text: str, event_type: str, sub_event_type: str
) -> None:
    event = main_event(pipeline, text)
    assert (event.event_type, event.sub_event_type) == (event_type, sub_event_type)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # Guards are armed: an attack on them is a fight.
        ("Gunmen killed a night watchman at a petrol station in Mandera.", "Battles"),
        ("Three security guards were hacked to death by raiders.", "Battles"),
        # Guards who do the beating, and a crossing guard, are no armed side.
        ("Prison guards attacked dozens of residents in Nyeri.", VAC_TYPE),
        ("Raiders attack and kill a crossing guard near the school.", VAC_TYPE),
        # An attack that meets an armed response is one battle.
        (
            "Armed bandits attacked a village in Turkana East. Police reservists responded "
            "and exchanged fire with the bandits.",
            "Battles",
        ),
        (
            "An armed group attacked a village near Moyale. In the ensuing gunfight, three "
            "residents were killed, as was one of the attackers.",
            "Battles",
        ),
        # Forces burning a village: no crowd, no riot.
        ("Police set fire to a Pokot village during a crackdown on banditry.", VAC_TYPE),
        # Arson amid riots is the riot's.
        ("Riots broke out in Kisumu, with acts of arson and looting.", "Riots"),
        # A named armed group's members are no mob.
        ("Suspected members of the MRC kill a woman in Likoni.", VAC_TYPE),
    ],
)
def test_who_fights_whom_types_the_violence(pipeline: Pipeline, text: str, event_type: str) -> None:
    assert main_event(pipeline, text).event_type == event_type


def test_assailants_dealing_blows_are_a_mob(pipeline: Pipeline) -> None:
    beating = main_event(
        pipeline, "Assailants assaulted and injured a head teacher in Bera upazila."
    )
    shooting = main_event(pipeline, "Unknown assailants attack a village and kill one.")
    assert (beating.event_type, beating.sub_event_type) == ("Riots", "Mob violence")
    assert shooting.event_type == VAC_TYPE


def test_a_struck_rally_makes_mob_violence(pipeline: Pipeline) -> None:
    event = main_event(pipeline, "Youths heckle and throw stones at a political rally.")
    assert (event.event_type, event.sub_event_type) == ("Riots", "Mob violence")


@pytest.mark.parametrize(
    "text",
    [
        "Members of a disabled society in Machakos protest the rape of a woman in Kalama.",
        "Students at a university in Eldoret protested after a student was raped by a guard.",
        "Colleagues of a trader beheaded by militants protest in Maua, demanding arrests.",
    ],
)
def test_the_violence_a_crowd_protests_is_its_cause(pipeline: Pipeline, text: str) -> None:
    assert main_event(pipeline, text).event_type == "Protests"


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "The protest engaged in running battles with police in Kisumu.",
            "Violent demonstration",
        ),
        ("Lawyers of the Awami League and the BNP clashed at the bar association.", "Mob violence"),
    ],
)
def test_a_clash_without_an_armed_side_is_a_riot(
    pipeline: Pipeline, text: str, sub_event_type: str
) -> None:
    event = main_event(pipeline, text)
    assert (event.event_type, event.sub_event_type) == ("Riots", sub_event_type)


def test_herders_shot_by_militants_are_civilians(pipeline: Pipeline) -> None:
    event = main_event(pipeline, "Somali militants shot dead two herders in Inyanzae.")
    assert event.event_type == VAC_TYPE


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # The election violence a killing is tied to is its setting.
        (
            "One man killed by an arrow, assumed to be an extension of the post election violence.",
            VAC_TYPE,
        ),
        ("Students of a boys' school burnt down seven of their dormitories.", "Riots"),
        ("Angry youths disrupted a training for electoral officials in Vihiga.", "Riots"),
        ("Tea farmers gathered at the factory gate demanding better prices.", "Protests"),
        ("Police officers abused villagers in Mandera.", VAC_TYPE),
        ("A tanker was boarded by suspected pirates off the coast.", VAC_TYPE),
        # Tear gas with no crowd told is force on whoever it hit.
        ("Police fired tear gas into a nursery school, injuring three children.", VAC_TYPE),
        # Men with machetes are not a crowd for that.
        ("An assailant armed with a machete attacked three people on the road.", VAC_TYPE),
        # An armed group's vandalism is no riot.
        (
            "Suspected al-Shabaab militants vandalized a communication mast and killed two.",
            VAC_TYPE,
        ),
    ],
)
def test_more_words_of_terse_notes(pipeline: Pipeline, text: str, event_type: str) -> None:
    assert main_event(pipeline, text).event_type == event_type


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # "and another injured" tells more victims of the same blast, not another event.
        (
            "A bomb exploded outside a mosque in Jadida. One person was killed and another injured.",
            1,
        ),
        # A later sentence telling other dead adds to the toll; one repeating it does not.
        ("Gunmen assassinated a cleric in Baghdad. His nephew was also killed in the attack.", 2),
        ("Gunmen shot dead two policemen in Mosul. The two policemen were killed instantly.", 2),
        ("Gunmen broke into the home of the minister and shot him to death.", 1),
        ("Five passengers were wounded in the gunfight at the airport; one later died.", 1),
        ("On August 7, 2005 four persons were killed in an explosion at a bus stand in Boko.", 4),
        ("The police chief of Jisr Diyala, Col. Aiyad Abdul Razaq, was killed by gunmen.", 1),
    ],
)
def test_the_dead_told_across_sentences(pipeline: Pipeline, text: str, dead: int) -> None:
    event = main_event(pipeline, text)
    assert event.fatalities is not None and event.fatalities.best == dead


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Unidentified insurgents beheaded three highway policemen in Balaboluk.", 3),
        ("The attackers killed all twenty passengers of the bus.", 20),
        ("Eight people, mostly Afghan refugees, were killed when a bomb went off.", 8),
        ("Three U.S. Naval officers were shot and killed near the base.", 3),
        ("Gunmen stormed the home of a family, killing a woman and her four adult sons.", 5),
        # An age is no count; an executed attack is no execution.
        ("Gunmen shot and killed a father along with his twelve year old son in Pattani.", 2),
        ("Gunmen executed a drive-by shooting in Kirkuk, killing two policemen.", 2),
    ],
)
def test_counted_victims_in_more_shapes(pipeline: Pipeline, text: str, dead: int) -> None:
    event = main_event(pipeline, text)
    assert event.fatalities is not None and event.fatalities.best == dead


def test_a_claimed_toll_yields_to_a_reported_one(pipeline: Pipeline) -> None:
    reported = main_event(
        pipeline,
        "Three police were killed when a roadside bomb destroyed their vehicle in Ghazni. "
        "The Taliban claimed credit for the attack and claimed six policemen killed.",
    )
    claimed_only = main_event(
        pipeline, "The Taliban claimed to have killed three intelligence officers in Kandahar."
    )
    assert reported.fatalities is not None and reported.fatalities.best == 3
    assert claimed_only.fatalities is not None and claimed_only.fatalities.best == 3


def test_a_running_total_is_not_the_events_toll(pipeline: Pipeline) -> None:
    event = main_event(
        pipeline,
        "Two campaign aides were killed by gunmen in Manila. Over ninety people have been "
        "killed in the lead up to these elections.",
    )
    assert event.fatalities is not None and event.fatalities.best == 2


def test_a_list_of_the_dead_opening_a_later_sentence_is_counted_whole(
    pipeline: Pipeline,
) -> None:
    event = main_event(
        pipeline,
        "Unknown assailants attacked a police patrol in Laghman. Three officers and one "
        "assailant died.",
    )
    assert event.fatalities is not None and event.fatalities.best == 4


@pytest.mark.parametrize(
    ("text", "event_type", "trigger"),
    [
        (
            "An unknown man threw an explosive at the residence of the Swiss ambassador in Lima.",
            ER,
            "threw an explosive",
        ),
        (
            "Explosives were hurled from a moving car at the embassy in Lima.",
            ER,
            "Explosives were hurled",
        ),
        (
            "The Cuban embassy in Caracas was hit by eight bullets from a passing car.",
            VAC,
            "hit by eight bullets",
        ),
        (
            "Rebels set two buses from the Rapido Ochoa Company on fire near Medellin.",
            VAC,
            "set two buses from the Rapido Ochoa Company on fire",
        ),
        (
            "Two gunmen forced Frank Regier, an American professor, into a car in Beirut.",
            VAC,
            "forced Frank Regier, an American professor, into a car",
        ),
        (
            "A Swedish couple was captured by Polisario guerrillas off the coast of Morocco.",
            VAC,
            "captured by Polisario guerrillas",
        ),
        ("There were exchanges of fire in the Neve Dekalim area.", "Battles", "exchanges of fire"),
        (
            "Twelve gunmen seized a parked Kuwaiti jetliner after it landed at Beirut airport.",
            VAC,
            "seized a parked Kuwaiti jetliner",
        ),
        (
            "Republicans are blamed for throwing a crude device into a home in north Belfast.",
            ER,
            "throwing a crude device",
        ),
        (
            "A cash dispenser in Bilbao was damaged by a fire started by unknown individuals.",
            VAC,
            "fire started by",
        ),
    ],
)
def test_terse_incident_wording_is_an_event(
    pipeline: Pipeline, text: str, event_type: str, trigger: str
) -> None:
    # RAND-style one-line incident notes, which earlier named no event at all.
    event = only_event(pipeline, text)
    assert (event.event_type, event.mode, event.trigger.text) == (event_type, "asserted", trigger)


def test_a_happening_years_later_is_another_event(pipeline: Pipeline) -> None:
    text = (
        "An attack with explosives in front of the embassy in Lima injured one person. "
        "A car bomb exploded in front of the same embassy 3 years later."
    )
    events = pipeline.extract(Article(id="t", text=text)).events
    assert len(events) == 2
    assert [w.subtype for w in events[1].weapons] == ["vehicle bomb"]


def test_the_day_a_past_perfect_is_reported_does_not_date_it(pipeline: Pipeline) -> None:
    # "said today that ... had lost their lives": before the report, on a day not told
    text = "The army said today that two farmers had been killed by gunmen."
    event = only_event(pipeline, text)
    assert event.date is not None and event.date.default
    # told without the past perfect, the day is the event's
    event = only_event(pipeline, "The army said two farmers were killed by gunmen today.")
    assert event.date is not None and not event.date.default
