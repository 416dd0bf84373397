"""The places stage on hand-made Documents."""

from __future__ import annotations

import pytest

from sitrep.document import Document
from sitrep.model import PlaceMention
from sitrep.settings import Settings
from sitrep.stages.places import PlaceStage

SEED = (
    "Two rockets hit near an Iraqi airbase hosting US soldiers North of Baghdad on Sunday, "
    "a security source told The AFP.\n\n"
    "According to Iraqi security officials, the purpose of the attack was to strike Balad air "
    "field, but the rockets fell short.\n\n"
    "In early march, Iraqi security forces announced a barrage of rockets have struck the Ein "
    "Al-Assad airbase hosting American forces in the Western province of Anbar. Several rockets "
    "had hit the base, located West of the capital Baghdad.\n\n"
    "The US military conducted an air raid on the Iraqi-Syrian border.\n\n"
    "The decision came days after the assassination of Qassem Soleimani in Baghdad in a drone "
    "strike."
)


@pytest.fixture(scope="module")
def places() -> PlaceStage:
    return PlaceStage(Settings())


def run(places: PlaceStage, text: str) -> tuple[Document, list[PlaceMention]]:
    doc = Document(text)
    places(doc)
    return doc, doc.layer("places")


def by_text(mentions: list[PlaceMention], surface: str) -> list[PlaceMention]:
    return [m for m in mentions if m.value.evidence[0].text == surface]


def test_seed_story(places) -> None:
    doc, mentions = run(places, SEED)
    iraqi = by_text(mentions, "Iraqi")[0]
    assert (iraqi.role, iraqi.value.country_code, iraqi.value.precision) == (
        "demonym",
        "IQ",
        "country",
    )
    assert iraqi.value.name == "Iraq"

    anchors = [m for m in by_text(mentions, "Baghdad") if m.role == "anchor"]
    assert [m.relation for m in anchors] == ["north of", "west of"]
    assert anchors[0].value.country_code == "IQ" and anchors[0].value.anchor == "Baghdad"

    balad = by_text(mentions, "Balad air field")[0]
    value = balad.value
    assert (value.name, value.country_code, value.admin1, value.feature) == (
        "Balad Air Base",
        "IQ",
        "Salah ad Din",
        "airbase",
    )
    assert (value.lat, value.lon, value.precision, balad.role) == (33.94, 44.362, "exact", "place")

    asad = by_text(mentions, "Ein Al-Assad airbase")[0].value
    assert (asad.name, asad.admin1) == ("Ain al-Asad Air Base", "Al Anbar")

    anbar = by_text(mentions, "Anbar")[0]
    assert (anbar.value.name, anbar.value.precision, anbar.value.feature) == (
        "Al Anbar",
        "admin1",
        "admin1",
    )
    assert anbar.relation == "in"
    assert not by_text(mentions, "Western province")  # Sri Lanka's, not this story's

    border = by_text(mentions, "Iraqi-Syrian border")[0].value
    assert (border.feature, border.precision) == ("border", "admin1")

    in_baghdad = [m for m in by_text(mentions, "Baghdad") if m.relation == "in"][0]
    assert (in_baghdad.role, in_baghdad.value.feature, in_baghdad.value.precision) == (
        "place",
        "city",
        "exact",
    )
    assert in_baghdad.value.country_code == "IQ" and in_baghdad.value.admin1 == "Baghdad"

    starts = [m.value.evidence[0].start for m in mentions]
    assert starts == sorted(starts)
    for mention in mentions:
        for ev in mention.value.evidence:
            assert doc.original[ev.start : ev.end] == ev.text


def test_distance_and_direction(places) -> None:
    text = "A bomb exploded 10 km south of Kabul on Monday."
    doc, mentions = run(places, text)
    (kabul,) = mentions
    value = kabul.value
    assert (kabul.role, kabul.relation, value.precision, value.anchor) == (
        "place",
        "10 km south of",
        "near",
        "Kabul",
    )
    assert value.evidence[0].text == "Kabul"
    assert value.evidence[0].start == text.index("Kabul")
    assert value.evidence[1].text == "10 km south of Kabul"
    assert 34.3 < value.lat < 34.48 and value.lon == pytest.approx(69.17, abs=0.05)


def test_near_and_between(places) -> None:
    _, mentions = run(places, "Clashes broke out near Garissa and between Mandera and Wajir.")
    garissa, mandera, wajir = mentions
    assert (garissa.relation, garissa.value.precision, garissa.value.anchor) == (
        "near",
        "near",
        "Garissa",
    )
    assert garissa.value.country_code == "KE"
    assert mandera.relation == wajir.relation == "between"


def test_outskirts(places) -> None:
    _, mentions = run(places, "Gunmen attacked a checkpoint on the outskirts of Jalalabad.")
    assert [(m.relation, m.value.precision) for m in mentions] == [("outskirts of", "near")]


def test_district_and_province_cues(places) -> None:
    _, mentions = run(
        places, "Taliban militants attacked a check point in Alingar district, Laghman."
    )
    laghman = by_text(mentions, "Laghman")[0].value
    assert (laghman.country_code, laghman.precision) == ("AF", "admin1")
    _, mentions = run(places, "Fighting continued in Kandahar province.")
    assert by_text(mentions, "Kandahar")[0].value.precision == "admin1"
    _, mentions = run(places, "A bomb went off in Kandahar city.")
    assert by_text(mentions, "Kandahar")[0].value.feature == "city"


def test_story_focus_decides_between_countries(places) -> None:
    _, mentions = run(places, "Iraqi forces said rockets landed in Anbar.")
    assert by_text(mentions, "Anbar")[0].value.country_code == "IQ"


@pytest.mark.parametrize(
    "text",
    [
        "The ambassador said the meeting went well.",
        "Nice weather helped the rescue teams.",
        "Will said nothing about the attack.",
        "Police said the union would strike.",
        "Jordan Peterson spoke in the hall.",
        "Riots followed the beheading of Virginia Nyaiko, a Mungiki leader's wife.",
        "Mr Hamid was arrested on Monday.",
        "The UN condemned the killing.",
        "Lawyers clashed with police at the Supreme Court during the Bar Association vote.",
        "Orange youths attack a pro-constitution rally.",
        "A Red Cross volunteer was shot dead by police.",
        "Gunmen storm a village, battle police in Christmas attack.",
    ],
)
def test_guards(places, text) -> None:
    _, mentions = run(places, text)
    assert mentions == []


def test_jordan_the_country_is_kept(places) -> None:
    _, mentions = run(places, "The refugees fled to Jordan in 2013.")
    assert [(m.value.name, m.value.country_code) for m in mentions] == [("Jordan", "JO")]


def test_all_caps_copy(places) -> None:
    text = (
        "SAN SALVADOR, 3 JAN 90 -- ABOUT 50 PEASANTS HAVE BEEN KIDNAPPED BY TERRORISTS OF THE "
        "FMLN IN SAN MIGUEL DEPARTMENT. THE SALVADORAN ARMY SAID IT WILL ACT."
    )
    doc, mentions = run(places, text)
    assert doc.all_caps
    names = [(m.value.evidence[0].text, m.value.country_code, m.role) for m in mentions]
    assert ("SAN SALVADOR", "SV", "place") in names
    assert ("SAN MIGUEL", "SV", "place") in names
    assert ("SALVADORAN", "SV", "demonym") in names
    assert not any(text in ("WILL", "SAID", "IT", "ACT", "ARMY") for text, _, _ in names)
    miguel = by_text(mentions, "SAN MIGUEL")[0].value
    assert miguel.precision == "admin1"


def test_non_ascii_text_maps_back(places) -> None:
    text = "Rockets struck the \u201cEin Al\u2011Assad airbase\u201d in\u00a0Anbar\u00a0province; Şalāḩ ad Dīn too."
    doc, mentions = run(places, text)
    asad = by_text(mentions, "Ein Al\u2011Assad airbase")[0]
    assert asad.value.name == "Ain al-Asad Air Base"
    anbar = by_text(mentions, "Anbar\u00a0province")[0]  # "Anbar province" is an alias
    assert anbar.value.name == "Al Anbar"
    assert anbar.value.evidence[0].start == text.index("Anbar")
    salah = by_text(mentions, "Şalāḩ ad Dīn")[0]
    assert salah.value.name == "Salah ad Din"
    for mention in mentions:
        for ev in mention.value.evidence:
            assert doc.original[ev.start : ev.end] == ev.text


def test_stage_declaration() -> None:
    assert PlaceStage.name == "places"
    assert PlaceStage.reads == frozenset({"text", "sentences"})
    assert PlaceStage.writes == frozenset({"places"})


def test_empty_text(places) -> None:
    _, mentions = run(places, "Nothing happened here today at all, officials said.")
    assert mentions == []


# -- issue 3: units around a place, unknown names, guards, story focus -----------------------


def test_a_local_unit_is_kept_under_its_parents(places) -> None:
    text = (
        "On 30 January 2023, locals staged a protest in Kumarkhali upazila (Kushtia, Khulna), "
        "against the death of a schoolgirl."
    )
    doc, mentions = run(places, text)
    local = by_text(mentions, "Kumarkhali")[0]
    value = local.value
    assert (value.name, value.country_code, value.admin1, value.admin2) == (
        "Kumarkhali",
        "BD",
        "Khulna",
        "Kushtia",
    )
    # The point is the upazila's centre, and the precision says so: never a town's point.
    assert value.precision == "admin2" and value.feature == "local unit"
    assert 23.8 < value.lat < 24.0 and 89.1 < value.lon < 89.3
    assert doc.original[value.evidence[0].start : value.evidence[0].end] == "Kumarkhali"
    parents = [m for m in mentions if m.relation == "parent"]
    assert {m.value.evidence[0].text for m in parents} == {"Kushtia", "Khulna"}
    assert all(m.role == "anchor" for m in parents)


def test_known_place_adopts_its_district(places) -> None:
    text = "Rivals killed a man in Keshabpur municipality (Jessore, Khulna) over a land dispute."
    _, mentions = run(places, text)
    value = by_text(mentions, "Keshabpur")[0].value
    assert (value.admin1, value.admin2, value.precision) == ("Khulna", "Jessore", "exact")


def test_unknown_name_without_parent_is_kept_with_precision_unknown(places) -> None:
    doc, mentions = run(places, "Clashes in Zzyzzqa district killed two people.")
    [mention] = mentions
    value = mention.value
    # Kept by its name and kind: no point, no country of its own, no namesake's.
    assert (value.name, value.precision, value.feature) == ("Zzyzzqa", "unknown", "district")
    assert (value.lat, value.lon, value.country_code) == (None, None, None)
    assert (value.geo_precision, value.gtd_specificity) == (None, 5)
    assert value.evidence[0].text == "Zzyzzqa"
    notes = [note for note in doc.notes if note.code == "places.unknown"]
    assert notes and notes[0].evidence.text.startswith("Zzyzzqa")


def test_part_of_a_town_is_not_a_new_place(places) -> None:
    _, mentions = run(places, "A bomb exploded in the Zyxwabad area of Istanbul.")
    assert [m.value.name for m in mentions if m.role == "place"] == ["Istanbul"]
    # A district of the city the local units know is that district, in the city's province.
    _, mentions = run(places, "A bomb exploded in the Besiktas area of Istanbul.")
    besiktas = by_text(mentions, "Besiktas")[0].value
    assert (besiktas.feature, besiktas.admin1) == ("local unit", "Istanbul")


def test_a_neighbourhood_of_a_town_is_that_part_of_it(places) -> None:
    _, mentions = run(places, "A bomb exploded in the Besiktas neighborhood of Istanbul.")
    [part] = [m.value for m in mentions if m.role == "place"]
    assert (part.name, part.feature, part.anchor) == (
        "Istanbul - Besiktas",
        "city part",
        "Istanbul",
    )
    assert [m.relation for m in mentions if m.role == "anchor"] == ["parent"]


def test_city_part_written_with_a_dash(places) -> None:
    _, mentions = run(places, "Members of BNP staged a rally in Dhaka - Paltan (Paltan).")
    first = mentions[0].value
    assert (first.name, first.admin1, first.precision) == ("Dhaka - Paltan", "Dhaka", "exact")
    assert first.evidence[0].text == "Dhaka - Paltan"
    # anchored to its town, as every part of a town is ("Istanbul - Uskudar")
    assert (first.feature, first.anchor) == ("city part", "Dhaka")


def test_towns_naming_a_road_are_anchors(places) -> None:
    _, mentions = run(places, "Locals blocked the Webuye-Malaba road at Chekulo, Bungoma.")
    roads = [m for m in mentions if m.relation == "road"]
    assert {m.value.evidence[0].text for m in roads} == {"Webuye", "Malaba"}
    chekulo = by_text(mentions, "Chekulo")[0].value
    assert (chekulo.country_code, chekulo.admin1) == ("KE", "Bungoma")


def test_town_inside_a_longer_name_is_not_a_place(places) -> None:
    _, mentions = run(places, "Gunmen tried to kidnap legislator Asker Abrekov in Kizlyar.")
    assert not by_text(mentions, "Asker")
    assert by_text(mentions, "Kizlyar")[0].value.country_code == "RU"


def test_towns_abroad_inside_a_local_name_are_not_places(places) -> None:
    # two towns abroad side by side, neither holding the other: one Kenyan name
    _, mentions = run(places, "Residents in Maili Saba, in Dandora, protested against banditry.")
    assert not by_text(mentions, "Maili") and not by_text(mentions, "Saba")
    assert by_text(mentions, "Dandora")[0].value.country_code == "KE"
    # a large town inside a building's name, known only by its own name
    _, mentions = run(places, "Protesters gathered at the Belle Vista Club, the site of a blast.")
    assert not by_text(mentions, "Vista")


def test_a_name_beside_the_unit_that_holds_it_is_two_places(places) -> None:
    _, mentions = run(places, "Three people were killed in Witu Lamu County on Monday.")
    witu = by_text(mentions, "Witu")[0].value
    assert (witu.country_code, witu.admin1) == ("KE", "Lamu")


def test_small_town_abroad_dropped_when_story_country_known(places) -> None:
    doc, mentions = run(places, "One is dead after a fight at Kuri village, Isiolo County, Kenya.")
    # Not the South Korean namesake: a local name kept under the county the story names.
    kuri = by_text(mentions, "Kuri")[0].value
    assert (kuri.country_code, kuri.admin1, kuri.precision) == ("KE", "Isiolo", "admin1")
    assert any(note.code == "places.outside_focus" for note in doc.notes)


def test_dateline_country_decides_the_namesake(places) -> None:
    _, mentions = run(places, "SPAIN.  An ETA bomb ripped through the offices in Durango.")
    assert mentions[0].relation == "dateline"
    assert by_text(mentions, "Durango")[0].value.country_code == "ES"


def test_possessive_inside_a_name(places) -> None:
    _, mentions = run(places, "Journalists formed a human chain in Cox's Bazar city.")
    assert by_text(mentions, "Cox's Bazar")[0].value.country_code == "BD"


def test_district_named_after_its_town_is_the_district(places) -> None:
    _, mentions = run(places, "A bomb exploded in Khost district, Khost.")
    value = mentions[0].value
    assert (value.name, value.admin1, value.feature) == ("Khost", "Khost", "district")
    # The district, not the town: its point is the town's, good to the district.
    assert value.precision == "admin2"


def test_namesake_in_another_province_gives_way_to_the_parent(places) -> None:
    _, mentions = run(places, "A blast in the Qala Nasro area of Qarabagh district, Kabul.")
    district = by_text(mentions, "Qarabagh")[0]
    value = district.value
    # Not the Qarabagh of Herat: Kabul's district of that name, found by its consonants
    # among the province's units (about 25 km north of Kabul).
    assert (value.admin1, value.precision, value.feature) == ("Kabul", "admin2", "local unit")
    assert 34.7 < value.lat < 35.0 and 69.0 < value.lon < 69.4
    assert district.role == "anchor" and district.relation == "parent"
    area = by_text(mentions, "Qala Nasro")[0].value
    assert (area.admin1, area.precision, area.anchor) == ("Kabul", "admin2", "Qarabagh")
    assert not by_text(mentions, "Qala")


# -- names that are not the place here, regions the press names, qualifiers (RAND traps) ------
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # weapons named after places
        ("Two Molotov cocktails were hurled at the office in Bilbao.", "Molotov"),
        ("Hamas launched two Grad rockets at Netivot.", "Grad"),
        # a name inside a street's name: the street is in Quetta
        ("Bombs exploded at Arbab Ghulam Ali Road in Quetta.", "Ghulam Ali"),
    ],
)
def test_names_that_are_not_places_here(places, text, absent) -> None:
    _, mentions = run(places, text)
    assert by_text(mentions, absent) == []
    assert mentions, "the real place is still found"


@pytest.mark.parametrize(
    ("text", "surface", "country", "admin1"),
    [
        ("A bomb exploded in a bar on the island of Corsica.", "Corsica", "FR", "Corsica"),
        ("Militants shot dead a party worker in Kashmir.", "Kashmir", "IN", "Jammu and Kashmir"),
        ("Rebels attacked a convoy in Chechnya.", "Chechnya", "RU", "Chechnya"),
        ("A car bomb exploded in the Basque Country.", "Basque Country", "ES", "Basque Country"),
        ("The bombing was the worst in Ulster this year.", "Ulster", "GB", "Northern Ireland"),
    ],
)
def test_regions_the_press_names(places, text, surface, country, admin1) -> None:
    _, mentions = run(places, text)
    value = by_text(mentions, surface)[0].value
    assert (value.country_code, value.admin1, value.precision) == (country, admin1, "admin1")


def test_a_unit_shared_with_a_large_town_abroad_is_no_sign_of_the_country(places) -> None:
    # Jerusalem is also a Palestinian governorate's name; the city is the larger reading.
    _, mentions = run(places, "An explosive charge was planted behind a Jerusalem building.")
    value = by_text(mentions, "Jerusalem")[0].value
    assert (value.country_code, value.precision) == ("IL", "exact")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Gunmen fired at a car with US license plates in Athens.", "US"),
        ("A bomb damaged the US embassy warehouse in Tegucigalpa.", "US"),
    ],
)
def test_a_country_qualifying_a_noun_is_a_nationality(places, text, surface) -> None:
    _, mentions = run(places, text)
    assert by_text(mentions, surface)[0].role == "demonym"


def test_a_country_in_brackets_after_a_caps_dateline_is_the_dateline(places) -> None:
    _, mentions = run(places, "MADRID (SPAIN), 28 AUG 89 (EFE) -- [TEXT] A BOMB EXPLODED.")
    assert [(m.value.name, m.relation) for m in mentions] == [
        ("Madrid", "dateline"),
        ("Spain", "dateline"),
    ]


@pytest.mark.parametrize(
    ("text", "surface", "role"),
    [
        ("Panama's archbishop condemned the killings.", "Panama", "demonym"),
        ("Kenya's interior minister said two suspects were shot.", "Kenya", "demonym"),
        ("Fighting went on in Iraq's Anbar province.", "Iraq", "place"),
        ("Gunmen attacked a village in Kenya's north.", "Kenya", "place"),
        ("A bomb exploded in Kenya's coastal county of Lamu.", "Kenya", "place"),
    ],
)
def test_a_possessive_country_says_who_unless_a_place_follows(places, text, surface, role):
    _, mentions = run(places, text)
    assert by_text(mentions, surface)[0].role == role


def test_a_town_abroad_known_here_only_by_another_name_is_not_taken(places) -> None:
    # Plovdiv (Bulgaria, 340,000 people) lists "Julia" among its names.
    doc, mentions = run(
        places,
        "SAN SALVADOR, 15 DEC 89 (TCS) -- [TEXT] THE DIRECTOR OF THE ARCHBISHOPRIC LEGAL "
        "OFFICE, JULIA, MADE STATEMENTS BEFORE THE SALVADORAN COURT.",
    )
    assert "BG" not in {m.value.country_code for m in mentions}
    assert any(note.code == "places.outside_focus" for note in doc.notes)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("THE MURDER OF ROBERTO ARMANDO RIVERA, DIRECTOR OF THE FIRE DEPARTMENT.", "RIVERA"),
        ("BY THE FMLN'S MODESTO RAMIREZ URBAN COMMANDOS.", "MODESTO"),
        ("EDGARD CHACON, IDEOLOGIST OF THE ORLANDO DE SOLA GROUP, WAS KILLED.", "ORLANDO"),
        ("EL ESPECTADOR PRESIDENT LUIS GABRIEL CANO SAID HE RECEIVED THE CALL.", "CANO"),
        ("ARCHBISHOP ARTURO RIVERA Y DAMAS BLAMED THE ARMY FOR THE MURDER.", "DAMAS"),
        ("THE ASSASSINATION OF HECTOR OQUELI COLINDRES IN GUATEMALA.", "HECTOR"),
        ("THE DEATH OF GUATEMALAN LAWYER HILDA AMPARO FLORES AREVALO.", "FLORES"),
    ],
)
def test_a_town_named_like_a_person_beside_another_name_is_the_person(places, text, person):
    _, mentions = run(places, text)
    assert not by_text(mentions, person)


def test_once_part_of_a_full_name_always_the_person(places) -> None:
    text = (
        "SAN SALVADOR, 10 DEC 89 (DPA) -- [TEXT] MSGR ARTURO RIVERA Y DAMAS STATED TODAY THAT "
        "THE ARMY IS RESPONSIBLE. RIVERA SAID THE INVESTIGATION MUST GO ON."
    )
    _, mentions = run(places, text)
    assert not by_text(mentions, "RIVERA")


def test_a_stop_word_is_no_town_without_a_unit_word(places) -> None:
    _, mentions = run(places, "WE ARE HEARING HEAVY SHOOTING NEAR TO THE PRESIDENTIAL RESIDENCE.")
    assert not by_text(mentions, "TO")


def test_towns_named_like_people_listed_as_places_stay_places(places) -> None:
    _, mentions = run(places, "Gunmen attacked buses in Rivera, Salto and Artigas.")
    assert by_text(mentions, "Rivera")[0].value.country_code == "UY"


def test_a_large_city_by_its_old_name_is_still_taken(places) -> None:
    _, mentions = run(places, "Pakistan said Pakistan would help after the Bombay attacks.")
    assert by_text(mentions, "Bombay")[0].value.country_code == "IN"


def test_a_country_named_as_the_place_keeps_its_role(places) -> None:
    _, mentions = run(places, "Three soldiers were killed in Iraq on Sunday.")
    assert by_text(mentions, "Iraq")[0].role == "place"


@pytest.mark.parametrize(
    ("text", "surface", "name", "country"),
    [
        (
            "Mortar shells were fired at Neve Deqalim in the Qatif Bloc.",
            "Neve Deqalim",
            "Neve Dekalim",
            "PS",
        ),
        ("Two Qassam rockets struck the western Negev.", "western Negev", "Western Negev", "IL"),
        (
            "A roadside bomb exploded near Madain, killing two officers.",
            "Madain",
            "Al-Mada'in",
            "IQ",
        ),
    ],
)
def test_curated_settlements_and_regions(places, text, surface, name, country) -> None:
    _, mentions = run(places, text)
    value = by_text(mentions, surface)[0].value
    assert (value.name, value.country_code) == (name, country)


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        # a town named as written beats a like-sized one listing the word as an alternate name
        ("A bomb exploded at a restaurant in Yala, injuring four.", "Yala", "TH"),
        # ... but a far larger town known by that name keeps it
        ("Molotov cocktails were thrown at ATMs in San Sebastian.", "San Sebastian", "ES"),
        ("Two petrol bombs were thrown at a home in Londonderry.", "Londonderry", "GB"),
        # Iraqi reporting's Iskandariyah, not Alexandria
        ("A roadside bomb exploded near a police patrol in Iskandariyah.", "Iskandariyah", "IQ"),
    ],
)
def test_town_named_as_written(places, text, surface, country) -> None:
    _, mentions = run(places, text)
    assert by_text(mentions, surface)[0].value.country_code == country


@pytest.mark.parametrize(
    ("text", "surface", "country", "precision"),
    [
        (
            "Four cash dispensers were set on fire in the Vizcaya Province.",
            "Vizcaya Province",
            "ES",
            "admin2",
        ),
        ("A policeman was wounded in Ingushetia.", "Ingushetia", "RU", "admin1"),
        (
            "Militants killed a man in Azmatabad in Rajouri district.",
            "Rajouri district",
            "IN",
            "admin2",
        ),
    ],
)
def test_units_by_their_english_and_spanish_names(
    places, text, surface, country, precision
) -> None:
    _, mentions = run(places, text)
    value = by_text(mentions, surface)[0].value
    assert (value.country_code, value.precision) == (country, precision)


def test_a_nationality_abroad_is_no_place_of_the_event() -> None:
    from sitrep.model import Article
    from sitrep.pipeline import Pipeline

    text = "A remote-detonated mine exploded outside of the Iranian consulate in Kandahar."
    extraction = Pipeline().extract(Article(id="t", text=text))
    [iranian] = [m for m in extraction.places if m.value.evidence[0].text == "Iranian"]
    assert (iranian.role, iranian.relation) == ("demonym", "nationality")
    [event] = extraction.events
    assert (event.place.name, event.place.country_code) == ("Kandahar", "AF")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Sudanese tribesmen raid Kenyan village", "KE"),
        ("Suspected Somali bandits shoot two Somali refugees in a Kenyan refugee camp.", "KE"),
        ("Ugandan troops shelled armed herders on Kenyan soil on Monday.", "KE"),
    ],
)
def test_a_nationality_before_a_word_for_land_is_where_it_happened(text, country) -> None:
    from sitrep.model import Article
    from sitrep.pipeline import Pipeline

    extraction = Pipeline().extract(Article(id="t", text=text))
    [kenyan] = [m for m in extraction.places if m.value.country_code == country]
    assert (kenyan.role, kenyan.value.precision) == ("place", "country")
    assert [event.place.country_code for event in extraction.events] == [country]


def test_a_nationality_before_people_or_a_border_still_says_who(places) -> None:
    _, mentions = run(places, "Ethiopian raiders attacked Kenyan villagers near the Kenyan border.")
    assert {m.role for m in mentions if m.value.country_code == "KE"} == {"demonym"}


@pytest.mark.parametrize(
    ("text", "surface", "admin1"),
    [
        (
            "Post election riots continue with the burning of a church at Kibera slum.",
            "Kibera slum",
            "Nairobi",
        ),
        ("Residents of Trans Mara protested over land.", "Trans Mara", "Narok"),
        ("Police clashed with SLDF militia in Mt Elgon.", "Mt Elgon", "Bungoma"),
    ],
)
def test_kenyan_places_the_gazetteer_lacks(places, text, surface, admin1) -> None:
    _, mentions = run(places, text)
    value = by_text(mentions, surface)[0].value
    assert (value.country_code, value.admin1) == ("KE", admin1)


def test_a_name_once_a_person_is_no_town_later(places) -> None:
    text = (
        "SAN SALVADOR, 12 DEC 89 -- COLONEL PONCE MET THE ARMY COMMAND TODAY. "
        "PONCE SAID THE ATTACKS IN USULUTAN WOULD BE ANSWERED."
    )
    _, mentions = run(places, text)
    assert by_text(mentions, "PONCE") == []
    assert by_text(mentions, "USULUTAN")


def test_drug_traffickers_are_not_in_durg(places) -> None:
    _, mentions = run(places, "POLICE ARRESTED TWO DRUG TRAFFICKERS IN BOGOTA TODAY.")
    assert by_text(mentions, "DRUG") == []


def test_a_sadar_sub_district_is_its_headquarters_town(places) -> None:
    text = "Two groups clashed in Madaripur Sadar upazila (Dhaka), over a land dispute."
    _, mentions = run(places, text)
    [town] = [m for m in mentions if m.role == "place"]
    value = town.value
    assert (value.name, value.feature, value.precision, value.admin1) == (
        "Madaripur",
        "city",
        "exact",
        "Dhaka",
    )
    assert [(m.value.name, m.relation) for m in mentions if m.role == "anchor"] == [
        ("Dhaka", "parent")
    ]


def test_units_after_a_sadar_name_contain_it(places) -> None:
    text = "BNP men rallied at Munshiganj Press Club (Munshiganj Sadar, Dhaka) on Friday."
    _, mentions = run(places, text)
    assert [(m.value.name, m.relation) for m in mentions if m.role == "anchor"] == [
        ("Dhaka", "parent")
    ]
    assert {m.value.name for m in mentions if m.role == "place"} == {"Munshiganj"}


def test_a_town_spelled_another_way_is_found_by_its_consonants(places) -> None:
    text = "A car bomb exploded in a market in Mahmoudiya, killing one person, Iraqi police said."
    _, mentions = run(places, text)
    [town] = [m for m in mentions if m.role == "place"]
    assert (town.value.name, town.value.country_code, town.value.precision) == (
        "Al Mahmudiyah",
        "IQ",
        "exact",
    )
    assert town.value.evidence[0].text == "Mahmoudiya"  # the words as written


def test_a_spelling_without_its_arabic_article_before_a_verb_is_the_town(places) -> None:
    text = "A roadside bomb in Hawija wounded three policemen. Attacks are frequent in Iraq."
    _, mentions = run(places, text)
    assert [m.value.name for m in mentions if m.value.precision == "exact"] == ["Al Hawijah"]
    text = "Gunmen stormed a school in Muqdadiya just as classes began. Such attacks hit Iraq."
    _, mentions = run(places, text)
    assert [m.value.name for m in mentions if m.value.precision == "exact"] == ["Al Miqdadiyah"]


def test_a_spelling_match_needs_the_storys_country_and_a_clause_end(places) -> None:
    # No country named: nothing to tell Iraq's town from a namesake elsewhere (Al Mahmudiyah
    # is a town of Iraq and of Egypt).
    # The name is kept as written, with no country and no point (a cued unknown name).
    _, mentions = run(places, "A car bomb exploded in a market in Mahmoudiya on Sunday.")
    assert [(m.value.name, m.value.precision, m.value.country_code) for m in mentions] == [
        ("Mahmoudiya", "unknown", None)
    ]
    # A unit word or a containing unit after it: a local place the gazetteer lacks.
    text = "Iraqi police said a bomb exploded in Mahmoudiya district, Babil."
    _, mentions = run(places, text)
    assert all(m.value.name != "Al Mahmudiyah" for m in mentions)


def test_a_guarded_name_in_a_place_slot_of_a_named_country_is_the_town(places) -> None:
    text = "FRANCE.  A refugee was killed in Nice when a bomb exploded in his car."
    _, mentions = run(places, text)
    [town] = [m for m in mentions if m.role == "place" and m.value.precision != "country"]
    assert (town.value.name, town.value.country_code, town.value.admin1) == (
        "Nice",
        "FR",
        "Provence-Alpes-Cote d'Azur",
    )
    # Out of a place's slot, or with no country of its own named, it stays a word.
    _, mentions = run(places, "The French minister said it was nice to be in Paris.")
    assert [m.value.name for m in mentions if m.role == "place"] == ["Paris"]
    _, mentions = run(places, "A bomb exploded in Nice when the market opened.")
    assert not mentions
    _, mentions = run(places, "FRANCE.  Two bombs exploded in May in Lyon.")
    towns = [m.value.name for m in mentions if m.role == "place" and m.relation != "dateline"]
    assert towns == ["Lyon"]


@pytest.mark.parametrize(
    ("text", "surface", "city"),
    [
        ("A car bomb exploded in the Iraqi capital on Sunday.", "Iraqi capital", "Baghdad"),
        ("Thousands marched through Kenya's capital on Monday.", "Kenya's capital", "Nairobi"),
        ("BOMBS EXPLODED IN THE HONDURAN CAPITAL TODAY.", "HONDURAN CAPITAL", "Tegucigalpa"),
    ],
)
def test_a_capital_named_by_its_role_is_the_city(places, text, surface, city) -> None:
    _, mentions = run(places, text)
    [mention] = by_text(mentions, surface)
    assert (mention.value.name, mention.value.precision) == (city, "exact")


@pytest.mark.parametrize(
    "text",
    [
        "Iraqi capital flight worried the bankers.",  # no "the": not the city
        "The Kenyan capital markets fell on Monday.",
        "The Iraqi capital punishment law was debated.",
        # where someone is going is not where anything happened
        "Rockets hit a base hours before a delegation was due to arrive in the Iraqi capital.",
    ],
)
def test_capital_in_other_senses_names_no_city(places, text) -> None:
    _, mentions = run(places, text)
    assert not [m for m in mentions if "capital" in m.value.evidence[0].text.lower()]
    assert all(m.value.feature != "city" for m in mentions)


def test_the_capital_unnamed_is_the_capital_of_the_story_s_country(places) -> None:
    _, mentions = run(places, "SOMALIA.  Gunmen kidnapped an aid worker outside the capital.")
    [mention] = by_text(mentions, "the capital")
    assert (mention.value.name, mention.value.country_code) == ("Mogadishu", "SO")
    # Named after it, or a capital of something else: the name says where.
    for text in (
        "SOMALIA.  Gunmen struck in the capital, Mogadishu, on Friday.",
        "RUSSIA.  A mufti was killed in the capital city of Makhachkala.",
        "Gunmen kidnapped an aid worker outside the capital.",  # no country named
    ):
        _, mentions = run(places, text)
        assert not by_text(mentions, "the capital"), text


def test_a_grenade_is_no_town(places) -> None:
    # "Grenade" is also Granada's French name: the weapon leads the headline, not a place.
    _, mentions = run(places, "Grenade attack on a restaurant in Wajir kills two.")
    assert [m.value.name for m in mentions] == ["Wajir"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Security forces raided militant camps in Boni Forest.", "Boni Forest"),
        (
            "Protesters blocked a road into the Masai Mara game reserve.",
            "Maasai Mara National Reserve",
        ),
        ("Gunmen shot dead a herder in the Tana Delta.", "Tana Delta"),
    ],
)
def test_curated_kenyan_places_the_packages_lack(places, text, name) -> None:
    # "Boni" is also an old name of Bonn, "Mara" a region of Tanzania.
    _, mentions = run(places, text)
    assert [(m.value.name, m.value.country_code) for m in mentions] == [(name, "KE")]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # War (West Virginia), Concrete (Washington), Liberal (Kansas), English (Indiana)
        ("SAN SALVADOR, 3 DEC 89 -- IN THIS COUNTRY, WHICH IS AT WAR, THE ARMY STAYS.", "WAR"),
        ("NOT A CLEAR AND CONCRETE ADVERTISEMENT, BUT AN ANONYMOUS CALL.", "CONCRETE"),
        ("THE ASSASSINATION OF SENATOR AND LIBERAL PARTY CANDIDATE GALAN.", "LIBERAL"),
        ("THE COMMUNIQUE, WRITTEN IN ENGLISH, WAS SENT TO THE PRESS.", "ENGLISH"),
    ],
)
def test_a_small_town_named_by_an_everyday_word_needs_more_in_caps(places, text, word):
    _, mentions = run(places, text)
    assert not by_text(mentions, word)


def test_a_town_named_by_a_word_is_still_taken_with_its_cue(places) -> None:
    # "concrete" is frequent, not everyday: "IN CONCRETE" is the cue it needs; "war" needs a
    # unit word.
    _, mentions = run(places, "A BOMB EXPLODED IN CONCRETE, WASHINGTON, TODAY.")
    assert by_text(mentions, "CONCRETE")[0].value.country_code == "US"
    _, mentions = run(places, "A BOMB EXPLODED IN WAR TOWN, WEST VIRGINIA, TODAY.")
    assert by_text(mentions, "WAR")[0].value.country_code == "US"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # Moundridge (Kansas) lists "Christian" among its names; Liberal (Kansas) has 20,000 people
        ("Muslims protest at the trial of Christian missionaries.", "Christian"),
        ("Police dispersed Liberal supporters, the party said.", "Liberal"),
    ],
)
def test_a_small_town_named_by_an_everyday_word_needs_a_locative_cue_in_mixed_case(
    places, text, word
):
    _, mentions = run(places, text)
    assert not by_text(mentions, word)
    _, mentions = run(places, "Police fired tear gas at protesters in Orange, New South Wales.")
    assert by_text(mentions, "Orange")[0].value.country_code == "AU"


@pytest.mark.parametrize(
    "text",
    [
        "Crowds protested against the failure of Kibaki to announce pay raises.",
        "Leaders urged voters to reject the re-election of Kibaki.",
    ],
)
def test_a_public_figure_is_not_a_town_of_that_name(places, text) -> None:
    # The Ukrainian village Kybaky lists "Kibaki" among its names.
    _, mentions = run(places, text)
    assert not by_text(mentions, "Kibaki")


@pytest.mark.parametrize("region", ["CENTRAL", "LATIN", "SOUTH", "PAN-"])
def test_american_of_a_region_is_not_the_united_states(places, region) -> None:
    text = f"THE BOMB ATTACK ON THE {region} AMERICAN UNIVERSITY IN SAN SALVADOR."
    _, mentions = run(places, text.replace("PAN- ", "PAN-"))
    assert "US" not in {m.value.country_code for m in mentions}
    _, mentions = run(places, "THE BOMB ATTACK ON THE AMERICAN EMBASSY IN SAN SALVADOR.")
    assert "US" in {m.value.country_code for m in mentions}


def test_a_town_named_as_written_in_the_story_country_beats_another_name_abroad(places):
    # San Diego (1.4 million people) lists "San Miguel" among its names.
    text = (
        "SAN SALVADOR, 12 NOV 89 -- [TEXT] THE UNITED STATES WILL HELP EL SALVADOR, THE "
        "UNITED STATES SAID. U.S. AID REACHED THE UNITED STATES EMBASSY. SALVADORAN TROOPS "
        "CLASHED WITH REBELS IN SAN MIGUEL TODAY."
    )
    _, mentions = run(places, text)
    assert by_text(mentions, "SAN MIGUEL")[0].value.country_code == "SV"


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("A mob lynched two cattle thieves in Likuyani subcounty, Kakamega.", "Kakamega"),
        ("In Kenya, a mob lynched two cattle thieves in Likuyani.", None),
        ("Taliban attacked a checkpoint in Charbolak district of Balkh province.", "Balkh"),
    ],
)
def test_a_local_unit_in_the_storys_country_is_a_place_with_its_cue(places, text, admin1):
    _, mentions = run(places, text)
    [unit] = [m.value for m in mentions if m.value.feature == "local unit"]
    assert unit.precision == "admin2" and unit.geo_precision == 2
    if admin1:
        assert unit.admin1 == admin1  # the text's province, not the nearest town's


@pytest.mark.parametrize(
    "text",
    [
        "Police said Likuyani was quiet after the raid in Kakamega.",  # no locative cue
        "Ugandan protesters gathered in Likuyani on Monday.",  # another country's story
        "Police in Arusha, Tanzania, patrolled in Central.",  # an English word, no unit word
    ],
)
def test_a_local_unit_needs_a_cue_and_no_other_country(places, text) -> None:
    _, mentions = run(places, text)
    assert not [m for m in mentions if m.value.feature == "local unit"]


def test_a_local_unit_never_beats_a_large_town_so_named(places) -> None:
    # The US has a unit called San Salvador; a story naming the US more still means the
    # Salvadoran capital.
    text = (
        "THE U.S. AMBASSADOR AND THE U.S. ADVISERS SPOKE. 13 PERSONS DIED IN SAN SALVADOR AS "
        "A RESULT OF A BOMB EXPLOSION."
    )
    _, mentions = run(places, text)
    [city] = by_text(mentions, "SAN SALVADOR")
    assert (city.value.country_code, city.value.feature) == ("SV", "city")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Bijoynagar upazila lies 85 km from Dhaka: here it is a part of the city
        ("Rioters set fire to a bus in Bijoynagar area, Dhaka city, during the blockade.", "Dhaka"),
        # Fakirhat upazila lies 200 km from Feni: a bazaar's name, not that unit
        (
            "BCL members assaulted a prayer leader at Fakirhat Bazar Madrasah Jame Masjid, Feni "
            "Sadar upazila, for seeking prayers.",
            "Feni",
        ),
    ],
)
def test_a_local_unit_far_from_the_place_the_text_puts_it_in_is_a_namesake(
    places, text, name
) -> None:
    _, mentions = run(places, text)
    assert not [m for m in mentions if m.value.feature == "local unit"]
    assert name in {m.value.name for m in mentions}


def test_a_second_level_unit_is_named_as_the_text_writes_it(places) -> None:
    # The gazetteer spells the district Kishoreganj; the text (and ACLED) Kishoregonj.
    text = "Locals staged a protest in Kuliarchar upazila (Kishoregonj, Dhaka) on Sunday."
    _, mentions = run(places, text)
    [unit] = by_text(mentions, "Kuliarchar")
    assert (unit.value.admin2, unit.value.admin1) == ("Kishoregonj", "Dhaka")
    # a local unit named as a district is its own second-level unit, as written
    _, mentions = run(places, "Taliban attacked a checkpoint in Charbolak district, Balkh.")
    [unit] = by_text(mentions, "Charbolak")
    assert (unit.value.name, unit.value.admin2) == ("Chahar Bolak", "Charbolak")


def test_a_group_of_the_actor_dictionary_is_not_a_town_abroad(places) -> None:
    # Gare (France, 75,580) is also how the press spells the Garre clan of Kenya.
    _, mentions = run(places, "Gare ethnic group attacks Marule civilians in revenge attack")
    assert not by_text(mentions, "Gare")
    # a group named like a unit of its own country is still that unit
    _, mentions = run(places, "Turkana raiders attacked a village, killing three.")
    assert by_text(mentions, "Turkana")[0].value.country_code == "KE"
    # but not a town of its own country: the Kikuyu community, not the town of Kikuyu
    _, mentions = run(places, "Kikuyu youths attack civilians, burn house belonging to Kalenjins")
    assert not by_text(mentions, "Kikuyu")
    _, mentions = run(places, "Police patrolled the streets in Kikuyu on Monday.")
    assert by_text(mentions, "Kikuyu")[0].value.country_code == "KE"
    # a community's name gives its own town no group bonus: "in Samburu" is the county
    _, mentions = run(places, "Two police were injured in clashes with herders in Samburu.")
    assert by_text(mentions, "Samburu")[0].value.precision == "admin1"
    # and with a locative cue the town abroad is read
    _, mentions = run(places, "A bomb exploded in Gare, near Paris.")
    assert by_text(mentions, "Gare")[0].value.country_code == "FR"


def test_kenyas_former_provinces_are_regions(places) -> None:
    _, mentions = run(places, "LOCATION: Salama village in the Endebes area, Rift Valley Province")
    [region] = by_text(mentions, "Rift Valley Province")
    assert (region.value.country_code, region.value.precision) == ("KE", "admin1")
    assert {m.value.country_code for m in mentions} == {"KE"}


def test_a_building_named_before_its_town_is_not_a_place(places) -> None:
    text = "A bomb exploded near Abderrahmane Khaouadji School in Bouira, killing two."
    _, mentions = run(places, text)
    assert not [m for m in mentions if "School" in m.value.name]
    assert "Bouira" in {m.value.name for m in mentions}


def test_cold_war_berlin_halves_are_places_of_their_own(places) -> None:
    text = "FEDERAL REPUBLIC OF GERMANY.  A Croatian nationalist wounded a diplomat in West Berlin."
    _, mentions = run(places, text)
    [west] = by_text(mentions, "West Berlin")
    assert (west.value.name, west.value.country_code, west.value.precision) == (
        "West Berlin",
        "DE",
        "exact",
    )


def test_a_town_inside_a_groups_name_is_not_a_place(places) -> None:
    text = (
        "The al-Aqsa Martyrs Brigades and al-Nasir Salah al-Din Brigades claimed responsibility "
        "for blowing up an Israeli bulldozer in Rafah."
    )
    _, mentions = run(places, text)
    assert not by_text(mentions, "Salah al-Din")
    assert by_text(mentions, "Rafah")[0].value.country_code == "PS"
    # a country inside a group's name still tells where the story is
    _, mentions = run(places, "The Revolutionary Armed Forces of Colombia attacked a post.")
    assert "CO" in {m.value.country_code for m in mentions}


def test_a_group_of_the_story_breaks_a_tie_between_namesake_towns(places) -> None:
    # Vitoria, Brazil is the larger town; ETA is a Spanish group.
    bare, with_group = (
        run(places, text)[1]
        for text in (
            "A bomb exploded outside a bank in Vitoria overnight.",
            "A bomb exploded outside a bank in Vitoria overnight. ETA claimed the attack.",
        )
    )
    assert [m.value.country_code for m in bare] == ["BR"]
    vitoria = by_text(with_group, "Vitoria")[0].value
    assert (vitoria.country_code, vitoria.admin1) == ("ES", "Basque Country")


def test_a_group_places_a_story_that_names_no_country(places) -> None:
    # Martinez is a small Californian town; with no group named it is read as one.
    text = "Gunmen of the {} shot dead Martinez, a local councillor."
    _, alone = run(places, text.format("gang"))
    assert [m.value.country_code for m in alone] == ["US"]
    _, with_group = run(places, text.format("FARC"))
    assert with_group == []


def test_a_group_does_not_move_a_town_the_story_places(places) -> None:
    # Hamas is Palestinian; the rockets fell in Israel, which the story names.
    _, mentions = run(places, "Hamas fired rockets at Sderot, in southern Israel.")
    assert by_text(mentions, "Sderot")[0].value.country_code == "IL"


def test_a_curated_quarter_is_a_part_of_its_town(places) -> None:
    _, mentions = run(places, "A car bomb exploded in Karrada on Tuesday.")
    karrada = by_text(mentions, "Karrada")[0].value
    assert (karrada.name, karrada.feature, karrada.anchor) == (
        "Baghdad - Karrada",
        "city part",
        "Baghdad",
    )
    assert (karrada.country_code, karrada.admin1, karrada.precision) == ("IQ", "Baghdad", "exact")
    # its own point, a few km from the city's
    assert (karrada.lat, karrada.lon) == pytest.approx((33.300, 44.425))


def test_an_oil_pipeline_is_given_at_first_level_precision(places) -> None:
    # "Cano" alone is also an alternate name of Kano, Nigeria.
    _, mentions = run(places, "Rebels blew up a section of the Cano Limon-Covenas pipeline.")
    (pipeline,) = mentions
    assert (pipeline.value.country_code, pipeline.value.precision) == ("CO", "admin1")


def test_a_name_a_country_gives_a_town_and_a_unit_is_not_an_alias_abroad(places) -> None:
    # Belem, Brazil (1.5 million) lists "Bethlehem" among its other names.
    _, mentions = run(places, "A bomb went off at a military headquarters in Bethlehem.")
    assert all(m.value.country_code != "BR" for m in mentions)


def test_an_afghan_province_in_another_spelling(places) -> None:
    # Zabol is also a town of 120,000 in Iran; the unit word says which.
    _, mentions = run(places, "Gunmen fired on a convoy in Zabol Province on Monday.")
    zabul = by_text(mentions, "Zabol")[0].value
    assert (zabul.name, zabul.country_code, zabul.precision) == ("Zabul", "AF", "admin1")


def test_a_university_in_wire_capitals_is_a_part_of_its_city(places) -> None:
    text = "SAN SALVADOR, 16 NOV 89 -- SIX JESUIT PRIESTS WERE MURDERED AT THE CENTRAL AMERICAN UNIVERSITY."
    _, mentions = run(places, text)
    uca = by_text(mentions, "CENTRAL AMERICAN UNIVERSITY")[0].value
    assert (uca.name, uca.anchor, uca.country_code) == (
        "San Salvador - Central American University",
        "San Salvador",
        "SV",
    )


def test_near_a_quarter_is_still_in_its_town(places) -> None:
    _, mentions = run(places, "Several mortar shells landed near the Green Zone today.")
    zone = by_text(mentions, "Green Zone")[0].value
    assert (zone.name, zone.precision, zone.anchor) == ("Baghdad - Green Zone", "near", "Baghdad")


def test_a_name_read_as_a_person_is_still_a_place_with_a_unit_word(places) -> None:
    text = (
        "Archbishop Arturo Rivera y Damas condemned the attack. Rivera said the army was to "
        "blame. Later a bomb exploded in Rivera department."
    )
    _, mentions = run(places, text)
    assert [(m.value.name, m.value.country_code, m.value.precision) for m in mentions] == [
        ("Rivera", "UY", "admin1")
    ]
    assert mentions[0].value.evidence[0].start == text.index("Rivera department")


def test_fire_aimed_across_a_border_names_the_town_it_falls_on(places) -> None:
    # The story is about Palestinians; Sderot, a small town, is in Israel.
    text = "Palestinians in Gaza fired five Qassam rockets at Sederot. No one was injured."
    _, mentions = run(places, text)
    sderot = by_text(mentions, "Sederot")[0].value
    assert (sderot.name, sderot.country_code) == ("Sderot", "IL")
    # Fired on "the town of" it, or landing "in an open area near" it, the same.
    for text in (
        "Rockets were fired on the town of Sederot from the Gaza Strip by Hamas.",
        "Hamas fired a rocket from the Gaza Strip that landed in an open area near Sederot.",
    ):
        _, mentions = run(places, text)
        assert by_text(mentions, "Sederot")[0].value.country_code == "IL", text


def test_a_story_naming_no_country_takes_a_local_unit_only_one_country_has(places) -> None:
    # With no country named, the district is still the only reading of the name.
    _, mentions = run(places, "A policeman was kidnapped in Budgam on Monday.")
    value = by_text(mentions, "Budgam")[0].value
    assert (value.country_code, value.precision, value.feature) == ("IN", "admin2", "local unit")
    # With a country named, a district of another country is not taken.
    _, mentions = run(places, "A policeman from Pakistan was kidnapped in Budgam on Monday.")
    assert not any(m.value.country_code == "IN" for m in by_text(mentions, "Budgam"))


def test_a_group_stands_for_the_country_only_until_a_local_unit_names_another(places) -> None:
    # Al Shabaab is Somali, but the ward of Bamburi is only in Kenya (Mombasa).
    text = "Police shot dead an Al Shabaab member at his hideout in Bamburi on Monday."
    _, mentions = run(places, text)
    value = by_text(mentions, "Bamburi")[0].value
    assert (value.country_code, value.admin1, value.precision) == ("KE", "Mombasa", "admin2")
    # A country the text names is more than a group's home: the ward is not taken.
    _, mentions = run(places, "Somali police shot dead an Al Shabaab member in Bamburi.")
    assert not any(m.value.country_code == "KE" for m in by_text(mentions, "Bamburi"))


def test_a_spelling_in_a_story_naming_no_country_is_the_one_country_town(places) -> None:
    _, mentions = run(places, "Gunmen stormed the homes of three Shiites in Hawija.")
    value = by_text(mentions, "Hawija")[0].value
    assert (value.name, value.country_code) == ("Al Hawijah", "IQ")
    # Another place named, the spelling is not guessed: "Ambelokipi, Athens" is a part of
    # Athens, not Ambelokipoi on Zakynthos.
    _, mentions = run(places, "A device detonated at a company in Ambelokipi, Athens.")
    assert all(m.value.name != "Ambelokipoi" for m in mentions)
    # The groups the story names say which country: the Awami League is Bangladeshi, so
    # "Mohakhali" is not Mek'ele, Ethiopia.
    _, mentions = run(places, "Awami League supporters assaulted a candidate in Mohakhali.")
    assert all(m.value.country_code != "ET" for m in mentions)


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("ZAIRE.  The house of aid workers on Lake Kivu was attacked.", "ZAIRE", "CD"),
        ("RHODESIA.  A farmhouse was attacked by guerrillas.", "RHODESIA", "ZW"),
        ("Unknown attackers threw grenades at a company in FYROM.", "FYROM", "MK"),
        ("A bag of explosives was defused outside a building in Kosovo.", "Kosovo", "XK"),
    ],
)
def test_former_country_names_and_kosovo(places, text, surface, code) -> None:
    _, mentions = run(places, text)
    value = by_text(mentions, surface)[0].value
    assert (value.country_code, value.precision) == (code, "country")


def test_a_dateline_country_is_not_qualifying_the_next_sentence(places) -> None:
    # "URUGUAY.  Argentine-born ...": the dateline names where, not whose.
    _, mentions = run(places, "URUGUAY.  Argentine-born Jorge Berembau was kidnapped.")
    uruguay = by_text(mentions, "URUGUAY")[0]
    assert (uruguay.role, uruguay.relation, uruguay.value.country_code) == (
        "place",
        "dateline",
        "UY",
    )


def test_a_local_unit_in_the_province_the_text_names_beats_a_namesake_district(places) -> None:
    # Sherpur is a district of Mymensingh and an upazila of Bogra (Rajshahi): the text says
    # which.
    text = "Locals staged a protest in Sherpur upazila (Bogra, Rajshahi), over a land dispute."
    _, mentions = run(places, text)
    value = by_text(mentions, "Sherpur")[0].value
    assert (value.admin1, value.feature) == ("Rajshahi", "local unit")
    # the country of the groups named does not outweigh the province named
    text = "Awami League and BNP members clashed in Sherpur upazila (Bogra, Rajshahi)."
    _, mentions = run(places, text)
    assert by_text(mentions, "Sherpur")[0].value.admin1 == "Rajshahi"


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        (
            "A drone strike killed four militants in North Waziristan on Monday.",
            "North Waziristan",
            ("PK", "Khyber Pakhtunkhwa", "admin2"),
        ),
        (
            "Gunmen fired at settlers' cars at the Kissufim crossing.",
            "Kissufim crossing",
            ("PS", "Deir El Balah", "exact"),
        ),
        (
            "A bomb exploded in a market in Tuz Khormato.",
            "Tuz Khormato",
            ("IQ", "Salah ad Din", "exact"),
        ),
    ],
)
def test_curated_places_and_spellings(places, text, surface, expected) -> None:
    _, mentions = run(places, text)
    value = by_text(mentions, surface)[0].value
    assert (value.country_code, value.admin1, value.precision) == expected


def test_half_of_a_hyphenated_name_is_no_town(places) -> None:
    _, mentions = run(places, "The head of the administration of Urus-Martanovskiy was seized.")
    assert not by_text(mentions, "Urus")
    _, mentions = run(places, "Shots were fired at a bus on the Qarni-Netzarim road.")
    assert by_text(mentions, "Netzarim")[0].value.country_code == "PS"  # a road's two ends
    _, mentions = run(places, "Rebels of the Communist Party of Nepal-Maoists torched buses.")
    assert by_text(mentions, "Nepal")[0].value.country_code == "NP"  # a country stays


def test_a_town_abroad_inside_an_organisations_name_is_no_place(places) -> None:
    text = "A former member of the Naga National Council was shot dead in Kohima."
    _, mentions = run(places, text)
    assert not by_text(mentions, "Naga")  # not Naga in the Philippines
    assert by_text(mentions, "Kohima")[0].value.country_code == "IN"


def test_a_curated_place_far_from_the_town_the_text_puts_it_in_is_a_namesake(places) -> None:
    _, mentions = run(places, "Kasarani area, Eldoret was attacked by an armed group.")
    kasarani = by_text(mentions, "Kasarani")[0].value  # not the estate of Nairobi
    assert (kasarani.country_code, kasarani.admin1) == ("KE", "Uasin Gishu")


def test_a_name_with_an_apostrophe_no_key_spells_so_is_read_without_it(places) -> None:
    _, mentions = run(places, "Shots were fired at a bus near Giv'at Ze'ev on Sunday.")
    value = by_text(mentions, "Giv'at Ze'ev")[0].value
    assert (value.name, value.country_code) == ("Givat Zeev", "PS")
    # A key spelt with the apostrophe keeps its reading: Sa'da is Sa'dah, not Sada (Spain).
    _, mentions = run(places, "A bomber blew himself up at a post office in Sa'da city.")
    assert by_text(mentions, "Sa'da")[0].value.country_code == "YE"


def test_a_name_an_institutions_name_goes_on_with_is_no_town_abroad(places) -> None:
    text = (
        "A man with an iron bar attacked boys from St. Gabriel's Secondary School on the "
        "Crumlin Road in Belfast."
    )
    _, mentions = run(places, text)
    assert not any(m.value.country_code == "US" for m in mentions)  # St. Gabriel, Louisiana
    assert by_text(mentions, "Belfast")[0].value.country_code == "GB"


def test_a_country_inside_a_groups_name_tells_where_only_when_it_is_the_groups_own(
    places,
) -> None:
    # The Irish Republican Army is a group of Northern Ireland: its "Irish" is no place.
    text = "The Irish Republican Army claimed a bomb attack on police during the parades."
    _, mentions = run(places, text)
    assert not any(m.value.country_code == "IE" for m in mentions)
    # Colombia inside the FARC's name still says where.
    text = "Revolutionary Armed Forces of Colombia rebels attacked a police post."
    _, mentions = run(places, text)
    assert by_text(mentions, "Colombia")[0].value.country_code == "CO"


def test_islamabad_district_is_kashmirs_anantnag_not_pakistans_capital(places) -> None:
    text = "Gunmen shot a woman at Ahlan-Gadol in the Kokernag area of Islamabad district."
    _, mentions = run(places, text)
    assert {m.value.country_code for m in mentions} == {"IN"}
    _, mentions = run(places, "A bomb exploded in a market in Islamabad on Friday.")
    assert by_text(mentions, "Islamabad")[0].value.country_code == "PK"


def test_a_nationality_of_people_abroad_is_no_sign_of_the_storys_country(places) -> None:
    # Two mentions of Turkish truck drivers do not make Samarra a small town abroad.
    text = (
        "Gunmen attacked a convoy of Turkish trucks in Samarra. Three Turkish truck drivers "
        "were wounded."
    )
    _, mentions = run(places, text)
    assert by_text(mentions, "Samarra")[0].value.country_code == "IQ"


def test_an_area_of_a_city_is_no_namesake_town_far_from_it(places) -> None:
    # "Iskan" is also another name of Kumlu, Turkey: as an area of Baghdad, it is in Baghdad.
    text = "A mortar shell fell on a house in Iskan area of Baghdad, wounding four civilians."
    _, mentions = run(places, text)
    assert {m.value.country_code for m in mentions} == {"IQ"}


def test_forces_of_a_country_are_a_nationality_when_the_places_named_are_elsewhere(
    places,
) -> None:
    text = "Ugandan soldiers crossed into Kenya and attacked herders in Turkana county."
    _, mentions = run(places, text)
    assert by_text(mentions, "Ugandan")[0].relation == "nationality"
    # With no place named, the forces' country is the story's.
    _, mentions = run(places, "Nigerian troops killed 20 Boko Haram fighters on Monday.")
    nigerian = by_text(mentions, "Nigerian")[0]
    assert nigerian.relation != "nationality" and nigerian.value.country_code == "NG"


def test_a_directional_name_with_one_reading_is_kept_in_a_story_naming_no_country(
    places,
) -> None:
    _, mentions = run(places, "A bomb damaged a bus in central Algiers. Thirteen were injured.")
    assert by_text(mentions, "central Algiers")[0].value.country_code == "DZ"


def test_a_unit_word_with_a_number_is_a_numbered_unit_not_a_town(places) -> None:
    # Not Ward, Arkansas (nor the Yangon ward GeoNames calls "Ward 5").
    _, mentions = run(places, "A police vehicle was blown up in Ward 5 of Kandahar on Sunday.")
    assert {m.value.country_code for m in mentions} == {"AF"}
    _, mentions = run(places, "A bomb exploded in Ward, Arkansas, on Monday.")
    assert by_text(mentions, "Ward")[0].value.country_code == "US"


def test_a_town_named_like_the_end_of_an_organisations_name_is_part_of_it(places) -> None:
    text = (
        "A bomb exploded at an office of the National Communications Enterprise in Santa "
        "Marta, injuring three people."
    )
    _, mentions = run(places, text)
    assert {m.value.country_code for m in mentions} == {"CO"}
    _, mentions = run(places, "A bomb exploded in Enterprise, Alabama, on Monday.")
    assert by_text(mentions, "Enterprise")[0].value.country_code == "US"


def test_a_name_after_a_given_name_is_a_persons(places) -> None:
    _, mentions = run(places, "A tribal chief, Hazem Daraa, was killed by gunmen in Tikrit.")
    assert {m.value.country_code for m in mentions} == {"IQ"}
    text = "A French reporter, Florence Aubenas, was abducted by an unknown group in Baghdad."
    _, mentions = run(places, text)
    assert not by_text(mentions, "Aubenas")
    # Named as a place, the town stays one.
    _, mentions = run(places, "A bomb exploded in Aubenas, France, on Monday.")
    assert by_text(mentions, "Aubenas")[0].value.country_code == "FR"


def test_the_first_of_two_streets_named_together_is_a_street(places) -> None:
    text = "A bomb went off between San Diego and Arturo Prat streets in Santiago, Chile."
    _, mentions = run(places, text)
    assert {m.value.country_code for m in mentions} == {"CL"}
    # Not when the words before "roads" are no names.
    text = "Rioters firebombed a church in Mathare and barricaded roads leading to the polls."
    _, mentions = run(places, text)
    assert by_text(mentions, "Mathare")[0].value.country_code == "KE"


def test_a_kind_of_neighbourhood_is_no_named_part_of_a_town(places) -> None:
    text = (
        "BOGOTA, 4 JAN 90 (EFE) -- [TEXT] THE EXTRADITABLES ORDERED THEIR LEADERS IN "
        "LOW-INCOME NEIGHBORHOODS TO TAKE HOSTAGES."
    )
    _, mentions = run(places, text)
    assert [m.value.name for m in mentions] == ["Bogota"]


def test_a_name_after_a_reporters_title_is_a_persons(places) -> None:
    text = (
        "SANTIAGO, 27 NOV 89 (DOMESTIC SERVICE) -- [TEXT] THE BOMB WAS PLACED IN THE "
        "OFFICE OF POLITICAL COMMENTATOR GERMAN GAMONAL."
    )
    _, mentions = run(places, text)
    assert {m.value.country_code for m in mentions} == {"CL"}


def test_a_town_found_by_its_consonants_is_in_a_region_the_story_names(places) -> None:
    # "Mlango" is spelled like Mlolongo (Machakos), 250 km from the Isiolo the story names.
    text = "Raiders attacked a police camp at Mlango, about 30 kilometres from Isiolo town."
    _, mentions = run(places, text)
    assert not [m for m in mentions if m.value.admin1 == "Machakos"]
    # Al Mahmudiyah is in the Baghdad governorate the story names.
    text = "A bomb exploded in a market in Mahmoudiya, south of Baghdad, killing four."
    _, mentions = run(places, text)
    assert by_text(mentions, "Mahmoudiya")[0].value.name == "Al Mahmudiyah"
