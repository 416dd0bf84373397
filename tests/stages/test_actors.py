"""The actors stage on hand-made Documents, run through the real places -> actors stages."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.document import Document
from sitrep.model import Actor
from sitrep.pipeline import Pipeline
from sitrep.resources.actors import load_actor_dictionary

PUBLISHED = date(2021, 3, 15)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.only(["places", "actors"])


def actors_of(pipeline: Pipeline, text: str) -> tuple[Document, list[Actor]]:
    doc = Document(text, published=PUBLISHED)
    for current in pipeline.stages:
        current(doc)
    return doc, doc.layer("actors")


def by_text(actors: list[Actor], surface: str) -> Actor:
    [actor] = [actor for actor in actors if actor.text == surface]
    return actor


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("PMU", "Popular Mobilization Forces"),
        ("PMF", "Popular Mobilization Forces"),
        ("Hashd al-Sha'abi", "Popular Mobilization Forces"),
        ("Popular Mobilization Units", "Popular Mobilization Forces"),
        ("Popular Mobilisation Forces", "Popular Mobilization Forces"),
        ("Daesh", "Islamic State"),
        ("ISIL", "Islamic State"),
        ("ISIS", "Islamic State"),
        ("Islamic State group", "Islamic State"),
        ("Ansar Allah", "Houthis"),
        ("Houthi rebels", "Houthis"),
        ("Kata'ib Hizballah", "Kataib Hezbollah"),
        ("al-Shabab", "al-Shabaab"),
        ("Iraqi security forces", "Military Forces of Iraq"),
    ],
)
def test_alias_normalises_to_canonical_name(pipeline: Pipeline, alias: str, canonical: str) -> None:
    _, actors = actors_of(pipeline, f"A statement by {alias} was read out on Monday.")
    actor = by_text(actors, alias)
    assert actor.name == canonical
    assert actor.evidence[0].text == alias


def test_longest_alias_wins(pipeline: Pipeline) -> None:
    text = "Islamic State West Africa Province and the Hezbollah Brigades claimed the attacks."
    _, actors = actors_of(pipeline, text)
    assert [actor.name for actor in actors] == [
        "Islamic State West Africa Province",
        "Kataib Hezbollah",
    ]


def test_acronym_is_case_sensitive_in_mixed_case(pipeline: Pipeline) -> None:
    _, actors = actors_of(pipeline, "This is not what IS wanted, a resident said of the crisis.")
    assert [(actor.name, actor.text) for actor in actors] == [("Islamic State", "IS")]


def test_lower_case_acronym_is_a_plain_word(pipeline: Pipeline) -> None:
    _, actors = actors_of(pipeline, "It is what it is, and al said ana was there.")
    assert actors == []


def test_two_letter_acronym_is_skipped_in_wire_caps(pipeline: Pipeline) -> None:
    doc, actors = actors_of(
        pipeline, "THE IS FIGHTERS ATTACKED THE TOWN OF MOSUL, IRAQI FORCES SAID."
    )
    assert doc.all_caps
    assert [actor.name for actor in actors] == ["Military Forces of Iraq"]


def test_alias_never_matches_inside_a_word(pipeline: Pipeline) -> None:
    _, actors = actors_of(
        pipeline, "The crisis deepened as Hashdi traders and Talibanistan fans met."
    )
    assert actors == []


def test_role_word_takes_the_story_country(pipeline: Pipeline) -> None:
    text = "Gunmen killed five villagers in Zamfara state, Nigeria, on Sunday."
    _, actors = actors_of(pipeline, text)
    gunmen = by_text(actors, "Gunmen")
    assert (gunmen.name, gunmen.kind, gunmen.inter, gunmen.country_code) == (
        "Unidentified Armed Group (Nigeria)",
        "generic",
        2,
        "NG",
    )
    villagers = by_text(actors, "villagers")
    assert (villagers.name, villagers.inter) == ("Civilians (Nigeria)", 7)


def test_role_word_without_a_country_keeps_a_bare_name(pipeline: Pipeline) -> None:
    _, actors = actors_of(pipeline, "Gunmen attacked the town and police arrived later.")
    assert [(actor.name, actor.country_code) for actor in actors] == [
        ("Unidentified Armed Group", None),
        ("Police Forces", None),
    ]


def test_demonym_alias_names_the_state_force(pipeline: Pipeline) -> None:
    _, actors = actors_of(pipeline, "Kenyan police fired tear gas at protesters in Nairobi.")
    police = by_text(actors, "Kenyan police")
    assert (police.name, police.kind, police.inter, police.country_code) == (
        "Police Forces of Kenya",
        "state",
        1,
        "KE",
    )
    assert by_text(actors, "protesters").name == "Protesters (Kenya)"


def test_demonym_before_role_word_beats_the_story_country(pipeline: Pipeline) -> None:
    # The story is set in Kenya, but "Somali" right before "police" names that force's country.
    text = (
        "Somali police handed two suspects to officers in Nairobi, Kenya, and Kenyan police said."
    )
    _, actors = actors_of(pipeline, text)
    assert by_text(actors, "police").name == "Police Forces of Somalia"
    assert by_text(actors, "Kenyan police").name == "Police Forces of Kenya"


@pytest.mark.parametrize(
    ("text", "surface", "inter", "kind"),
    [
        ("Islamic State fighters fled.", "Islamic State", 2, "rebel"),
        ("The PMF deployed.", "PMF", 3, "militia"),
        ("Iraqi troops deployed.", "Iraqi troops", 1, "state"),
        ("Wagner fighters deployed.", "Wagner", 8, "external"),
        ("Rioters gathered.", "Rioters", 5, "generic"),
        ("Protesters gathered.", "Protesters", 6, "generic"),
        ("Civilians gathered.", "Civilians", 7, "generic"),
    ],
)
def test_inter_codes(pipeline: Pipeline, text: str, surface: str, inter: int, kind: str) -> None:
    _, actors = actors_of(pipeline, text)
    actor = by_text(actors, surface)
    assert (actor.inter, actor.kind) == (inter, kind)


def test_evidence_is_the_original_slice_with_curly_apostrophes(pipeline: Pipeline) -> None:
    # Curly apostrophes, a non-breaking hyphen and em dashes: the normalised view differs.
    text = (
        "Iraq\u2019s Popular Mobilization Forces \u2014 known as Hashd al\u2011Sha\u2019abi "
        "\u2014 said gunmen attacked a checkpoint in Diyala."
    )
    doc, actors = actors_of(pipeline, text)
    assert doc.text != text
    assert [actor.name for actor in actors] == [
        "Popular Mobilization Forces",
        "Popular Mobilization Forces",
        "Unidentified Armed Group (Iraq)",
    ]
    hashd = actors[1]
    assert hashd.text == "Hashd al\u2011Sha\u2019abi"
    for actor in actors:
        [ev] = actor.evidence
        assert text[ev.start : ev.end] == ev.text == actor.text


def test_evidence_offsets_are_exact_in_plain_ascii(pipeline: Pipeline) -> None:
    text = "On Monday, Houthis fired missiles; the Saudi-led coalition replied."
    _, actors = actors_of(pipeline, text)
    assert [(actor.name, actor.evidence[0].start) for actor in actors] == [
        ("Houthis", text.index("Houthis")),
        ("Military Forces of Saudi Arabia", text.index("Saudi-led coalition")),
    ]


# -- groups the dev notes name, and aliases shared between countries (issue 4) ---------------
@pytest.mark.parametrize(
    ("text", "surface", "canonical", "inter"),
    [
        ("Pokot raiders attacked a village.", "Pokot raiders", "Pokot Ethnic Militia (Kenya)", 4),
        ("Borana and Somalis clashed.", "Borana", "Borana Ethnic Militia (Kenya)", 4),
        ("Suspected SLDF members fled.", "SLDF", "Sabaot Land Defence Force", 3),
        ("The Tamil Tigers denied it.", "Tamil Tigers", "Liberation Tigers of Tamil Eelam", 2),
        ("Arbaki fighters held the post.", "Arbaki", "Militia (Pro-Government)", 3),
        ("ETA set off a car bomb.", "ETA", "Basque Fatherland and Freedom", 2),
    ],
)
def test_group_names(
    pipeline: Pipeline, text: str, surface: str, canonical: str, inter: int
) -> None:
    _, actors = actors_of(pipeline, text)
    actor = by_text(actors, surface)
    assert (actor.name, actor.inter) == (canonical, inter)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Maoists blew up a tower in Kavre district, Nepal.", "Communist Party of Nepal-Maoists"),
        ("Maoists blew up a railway line in Jharkhand, India.", "Communist Party of India-Maoists"),
    ],
)
def test_shared_alias_goes_to_the_story_country(
    pipeline: Pipeline, text: str, canonical: str
) -> None:
    _, actors = actors_of(pipeline, text)
    assert by_text(actors, "Maoists").name == canonical


def test_generic_herders_are_an_unidentified_ethnic_militia(pipeline: Pipeline) -> None:
    _, actors = actors_of(pipeline, "Cattle rustlers from Kenya struck at dawn in Turkana county.")
    actor = by_text(actors, "Cattle rustlers")
    assert (actor.name, actor.inter) == ("Unidentified Ethnic Militia (Kenya)", 4)


def test_party_is_not_an_armed_group(pipeline: Pipeline) -> None:
    _, actors = actors_of(pipeline, "BNP supporters marched in Dhaka.")
    assert by_text(actors, "BNP").kind == "party"


@pytest.mark.parametrize(
    ("text", "community"),
    [
        ("CORD protesters clash with police in Kisii on 16 May.", None),
        ("Meru University students riot over fees.", None),
        ("Kisii youths clashed with Maasai herders in Transmara.", "Kisii Ethnic Militia (Kenya)"),
        ("700 rustlers from Samburu raided cattle.", "Samburu Ethnic Militia (Kenya)"),
    ],
)
def test_a_communitys_town_is_not_the_community(
    pipeline: Pipeline, text: str, community: str | None
) -> None:
    _, actors = actors_of(pipeline, text)
    militias = [a.name for a in actors if a.kind == "identity_militia"]
    assert (militias[0] if militias else None) == community


def test_a_role_word_after_a_named_group_is_that_group(pipeline: Pipeline) -> None:
    _, actors = actors_of(
        pipeline, "Three people were kidnapped by suspected Al Shabaab militants."
    )
    assert [a.name for a in actors] == ["al-Shabaab"]


def test_a_story_is_scanned_once_and_names_are_read_whole() -> None:
    dictionary = load_actor_dictionary()
    first = "Mungiki members clashed with police."
    second = "HAMAS FIGHTERS CLASHED WITH THE IDF."
    hits = dictionary.scan_story(first, caseless=False)
    assert dictionary.scan_story(first, caseless=False) is hits  # kept for the next stage
    assert [h.entry.canonical for h in hits][0] == "Mungiki"
    other = dictionary.scan_story(second, caseless=True)
    assert [h.entry.canonical for h in other][0] == "Hamas"
    assert dictionary.scan_story(first, caseless=False) is not hits  # scanned afresh
    assert dictionary.named("Degodia").canonical == "Degodia Ethnic Militia (Kenya)"
    assert dictionary.named("Degodia clan members") is None
