"""Event-argument linking: which of the story's places is the event's."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.model import Article, Extraction, PlaceMention, PlaceValue
from sitrep.pipeline import Pipeline
from sitrep.stages.event_place import story_focus


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def extract(pipeline: Pipeline, text: str, outlet: str | None = None) -> Extraction:
    return pipeline.extract(Article(id="t", text=text, outlet=outlet))


def first_place(extraction: Extraction) -> PlaceValue:
    assert extraction.events, "no event found"
    place = extraction.events[0].place
    assert place is not None
    return place


def test_dateline_country_beats_a_namesake_abroad(pipeline) -> None:
    text = (
        "CHILE.  The Manuel Rodriguez Patriotic Front was responsible for car bombs which went "
        "off at IBM, the Bank of Boston and Citibank."
    )
    place = first_place(extract(pipeline, text))
    assert place.country_code == "CL"


@pytest.mark.parametrize(
    "text",
    [
        "PANAMA CITY (PANAMA), 16 NOV 89 (ACAN-EFE) -- [TEXT] PANAMA'S ARCHBISHOP HAS CONDEMNED "
        "THE ASSASSINATION OF SIX JESUITS IN EL SALVADOR AT DAWN TODAY.",
        "PANAMA CITY (PANAMA), 16 NOV 89 (ACAN-EFE) -- Panama's archbishop has condemned the "
        "assassination of six Jesuits in El Salvador at dawn today.",
    ],
)
def test_the_events_own_in_beats_the_dateline(pipeline, text) -> None:
    place = first_place(extract(pipeline, text))
    assert (place.name, place.precision) == ("El Salvador", "country")


def test_the_dateline_stays_the_place_when_the_sentence_names_none(pipeline) -> None:
    text = "SAN SALVADOR, 16 NOV 89 (AFP) -- Six Jesuit priests were murdered at dawn today."
    place = first_place(extract(pipeline, text))
    assert place.name == "San Salvador"


def test_outlet_country_is_a_marked_default(pipeline) -> None:
    text = "Police officer injured when unknown group throws grenade at police station"
    place = first_place(extract(pipeline, text, outlet="Star (Kenya)"))
    assert (place.country_code, place.precision, place.default) == ("KE", "country", True)
    assert place.evidence == []


def test_wire_outlet_gives_no_country(pipeline) -> None:
    text = "Police officer injured when unknown group throws grenade at police station"
    place = extract(pipeline, text, outlet="AFP").events[0].place
    assert place is None or place.country_code != "FR"


def test_unknown_upazila_is_the_event_place(pipeline) -> None:
    text = (
        "On 30 January 2023, locals staged a protest at Kushtia-Rajbari highway in Kumarkhali "
        "upazila (Kushtia, Khulna), against the death of a schoolgirl in a road accident."
    )
    place = first_place(extract(pipeline, text))
    assert (place.name, place.admin1, place.admin2, place.precision) == (
        "Kumarkhali",
        "Khulna",
        "Kushtia",
        "admin2",
    )
    assert place.geo_precision == 2


def test_a_town_known_only_as_its_district_keeps_district_precision(pipeline) -> None:
    # GeoNames' cities500 lacks Puli Alam; the local units know its district, by its centre.
    text = (
        "On 19 March 2020, 1 soldier was killed by Taliban militants while on foot in "
        "Puli Alam city, Logar."
    )
    place = first_place(extract(pipeline, text))
    assert (place.name, place.admin1, place.precision) == ("Puli Alam", "Logar", "admin2")
    assert place.geo_precision == 2


def mention(code: str, precision: str = "country", relation: str | None = None) -> PlaceMention:
    value = PlaceValue(name=code, country_code=code, precision=precision)
    return PlaceMention(value=value, relation=relation)


def test_story_focus_counts_dateline_and_outlet() -> None:
    places = [mention("US"), mention("US"), mention("IT", relation="dateline")]
    assert story_focus(places) == "IT"
    assert story_focus([mention("UG"), mention("KE")], home="KE") == "KE"
    assert story_focus([mention("UG"), mention("KE")]) == "UG"
    assert story_focus([]) is None
    assert story_focus([], home="BD") == "BD"


def test_story_only_place_outside_the_event_sentence(pipeline) -> None:
    text = (
        "Residents of Kisumu marched on Monday over the price of maize. "
        "Police fired tear gas and two people were injured."
    )
    extraction = extract(pipeline, text, outlet="Star (Kenya)")
    places = {event.place.name for event in extraction.events if event.place}
    assert places == {"Kisumu"}


def test_named_facility_beats_its_province(pipeline) -> None:
    text = (
        "In early March, Iraqi security forces announced a barrage of rockets have struck the "
        "Ein Al-Assad airbase hosting American forces in the Western province of Anbar."
    )
    place = first_place(extract(pipeline, text))
    assert (place.name, place.admin1, place.feature) == (
        "Ain al-Asad Air Base",
        "Al Anbar",
        "airbase",
    )


def test_direction_anchor_is_the_place_when_nothing_finer_is_named() -> None:
    from sitrep.model import Article
    from sitrep.pipeline import Pipeline

    text = (
        "HONDURAS.  The Morazanista Patriotic Liberation Front claimed responsibility for "
        "firing on a bus carrying U.S. servicemen northwest of Tegucigalpa."
    )
    [event] = Pipeline().extract(Article(id="t", text=text)).events
    place = event.place
    assert (place.name, place.country_code, place.precision, place.anchor) == (
        "Tegucigalpa",
        "HN",
        "near",
        "Tegucigalpa",
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the part's town named after it, with a direction between
        (
            "SAN SALVADOR, 3 DEC 89 -- [TEXT] A BOMB EXPLODED AT A HOUSE IN THE EXCLUSIVE "
            "ESCALON NEIGHBORHOOD IN NORTHWESTERN SAN SALVADOR TODAY.",
            "San Salvador - Escalon",
        ),
        # ... or as its owner
        (
            "TEGUCIGALPA, 3 DEC 89 -- GUNMEN ATTACKED A RESIDENCE IN TEGUCIGALPA'S FLORENCIA "
            "DEL ESTE NEIGHBORHOOD.",
            "Tegucigalpa - Florencia Del Este",
        ),
        ("A bomb exploded in the Besiktas neighborhood of Istanbul.", "Istanbul - Besiktas"),
        # ... or only as the event's town
        (
            "SAN SALVADOR, 3 DEC 89 -- A CAR BOMB EXPLODED IN SAN SALVADOR LAST NIGHT IN THE "
            "ZACAMIL NEIGHBORHOOD, WOUNDING TWO.",
            "San Salvador - Zacamil",
        ),
        # ... or not named with it at all: the dateline's city, over a namesake abroad
        # (San Miguelito, Panama; Normandy)
        (
            "SAN SALVADOR, 20 NOV 89 -- A COLONEL WAS KILLED AS HIS VEHICLE STOPPED AT AN "
            "INTERSECTION IN SAN MIGUELITO NEIGHBORHOOD, NORTH OF THE CAPITAL.",
            "San Salvador - San Miguelito",
        ),
        (
            "BOGOTA, 20 NOV 89 -- A BOMB EXPLODED AT THE TELEPHONE COMPANY SUBSTATION IN THE "
            "NORMANDY NEIGHBORHOOD.",
            "Bogota - Normandy",
        ),
        # "the city of" between the part and its town
        (
            "BOGOTA, 7 SEP 89 -- A 20-KG BOMB WENT OFF AT A BANK LOCATED IN THE BELEN "
            "NEIGHBORHOOD OF THE CITY OF MEDELLIN LAST NIGHT.",
            "Medellin - Belen",
        ),
        # a town of the name within the city is that town, a part of the city
        (
            "A bomb exploded in the Mejicanos neighborhood, San Salvador police said.",
            "San Salvador - Mejicanos",
        ),
    ],
)
def test_a_neighbourhood_is_a_part_of_its_town(pipeline, text, name) -> None:
    place = first_place(extract(pipeline, text))
    assert (place.name, place.feature, place.precision) == (name, "city part", "exact")
    town = name.split(" - ")[0]
    assert place.anchor == town


def test_an_event_naming_no_place_is_at_the_last_town_named_before_it(pipeline) -> None:
    text = (
        "TEGUCIGALPA, 3 DEC 89 -- [TEXT] A BOMB EXPLODED AT THE CENTRAL PARK IN TEGUCIGALPA "
        "TODAY. THE POLICE LATER SEIZED WEAPONS IN LA CEIBA.\n\n"
        "IN ANOTHER INCIDENT, UNIDENTIFIED MEN MURDERED A JUDGE LAST NIGHT."
    )
    murder = next(e for e in extract(pipeline, text).events if e.trigger.text == "MURDERED")
    assert (murder.place.name, murder.place.precision) == ("La Ceiba", "exact")
    assert murder.place.confidence <= 0.5 and murder.place.default  # not stated for it


def test_a_town_named_long_before_the_event_is_not_its_place(pipeline) -> None:
    filler = " ".join(f"THE MINISTER SPOKE OF THE ECONOMY FOR THE {n}TH TIME." for n in range(5))
    text = (
        "TEGUCIGALPA, 3 DEC 89 -- [TEXT] A BOMB EXPLODED AT THE CENTRAL PARK IN TEGUCIGALPA "
        f"TODAY. THE POLICE LATER SEIZED WEAPONS IN LA CEIBA. {filler}\n\n"
        "IN ANOTHER INCIDENT, UNIDENTIFIED MEN MURDERED A JUDGE LAST NIGHT."
    )
    murder = next(e for e in extract(pipeline, text).events if e.trigger.text == "MURDERED")
    assert murder.place.precision == "country"


def test_an_event_told_with_only_its_country_is_at_the_town_named_before(pipeline) -> None:
    text = (
        "CYPRUS.  A British military vehicle was riddled with machine-gun fire in Nicosia, "
        "seriously wounding a serviceman.  Four people arrested in connection with this "
        "attack are members of a pro-Libyan organization."
    )
    place = first_place(extract(pipeline, text))
    assert (place.name, place.precision) == ("Nicosia", "exact")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A bomb was defused in Tibergoumine.", "Tibergoumine"),
        ("A bomb exploded near the town hall in Kniss on Monday.", "Kniss"),
        ("A firebomb damaged a post office in the village of Vilarreiro.", "Vilarreiro"),
        ("A roadside bomb exploded in the Shiite neighborhood of Zaafarnaiya.", "Zaafarnaiya"),
        # a containing unit the gazetteer lacks as well (a misspelt Ganderbal)
        ("A village leader was shot to death in Akhal Bhatpora, Gandubal.", "Akhal Bhatpora"),
    ],
)
def test_a_cued_name_the_gazetteer_lacks_is_kept_as_the_events_place(pipeline, text, name):
    place = first_place(extract(pipeline, text))
    assert (place.name, place.precision, place.lat) == (name, "unknown", None)
    assert place.evidence[0].text == name


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a convoy in March.",
        "Two bombs exploded in Parliament.",
        "Gunmen attacked a convoy, officials said in Washington Post interviews.",
    ],
)
def test_months_institutions_and_longer_names_are_no_unknown_place(pipeline, text) -> None:
    events = extract(pipeline, text).events
    assert all(e.place is None or e.place.precision != "unknown" for e in events)


def test_a_cued_unknown_name_gives_way_to_a_known_town(pipeline) -> None:
    place = first_place(extract(pipeline, "A bomb exploded in Kniss, killing two in Algiers."))
    assert place.name == "Algiers"


def test_a_town_the_gazetteer_lacks_is_placed_at_the_unit_named_with_it(pipeline) -> None:
    text = (
        "An explosion at a post office in Porticcio caused minor damage.  The Corsican "
        "Patriotic Front later claimed this attack and four others in southern Corsica."
    )
    place = first_place(extract(pipeline, text))
    assert (place.name, place.country_code, place.admin1) == ("Porticcio", "FR", "Corsica")
    assert (place.precision, place.anchor) == ("admin1", "Corsica")
    assert [ev.text for ev in place.evidence][:1] == ["Porticcio"]


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        (
            "Militants opened fire in the village of Mesepinari, in Samsun Province.",
            "Mesepinari",
            "Samsun",
        ),
        ("Gunmen attacked a bus in Kagithane in Istanbul Province.", "Kagithane", "Istanbul"),
    ],
)
def test_a_cued_name_before_its_province_is_placed_there(pipeline, text, name, admin1) -> None:
    place = first_place(extract(pipeline, text))
    assert (place.name, place.country_code, place.admin1) == (name, "TR", admin1)


@pytest.mark.parametrize(
    ("text", "published", "town"),
    [
        ("IRAN.  Shots were fired at the Japanese embassy.", "1979-12-13", "Tehran"),
        (
            "BOLIVIA.  Dynamite was tossed over the wall of the U.S. Embassy.",
            "1988-08-08",
            "La Paz",
        ),
        ("WEST GERMANY.  A bomb exploded in front of the Zairean embassy.", "1978-03-26", "Bonn"),
        ("GERMANY.  A bomb exploded in front of the Zairean embassy.", "2005-03-26", "Berlin"),
    ],
)
def test_an_embassy_in_a_country_is_in_the_city_of_its_embassies(pipeline, text, published, town):
    article = Article(id="t", text=text, published=dt.date.fromisoformat(published))
    place = first_place(pipeline.extract(article))
    assert (place.name, place.precision, place.default) == (town, "exact", True)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed five people in Iraq, the US embassy said.",
        "PAKISTAN.  Two bombs were thrown into the building of the U.S. consulate.",
    ],
)
def test_an_embassy_as_a_source_or_a_consulate_says_no_town(pipeline, text) -> None:
    assert first_place(extract(pipeline, text)).precision == "country"


@pytest.mark.parametrize(
    "words", ["OF SPANISH BACKGROUND", "OF SPANISH ORIGIN", "OF SPANISH DESCENT", "SPANISH-BORN"]
)
def test_a_nationality_of_origin_says_who_not_where(pipeline, words) -> None:
    text = (
        "SAN SALVADOR, 18 NOV 89 (ACAN-EFE) -- [TEXT] A DELEGATION ARRIVED TODAY AT COMALAPA "
        f"AIRPORT.  SIX JESUITS, FIVE OF THEM {words}, WERE ASSASSINATED ON 16 NOVEMBER BY "
        "MEN WEARING MILITARY UNIFORMS."
    )
    assert first_place(extract(pipeline, text)).country_code == "SV"


@pytest.mark.parametrize(
    ("text", "name", "admin1", "precision"),
    [
        (
            "4 killed (machetes) during post-election ethnic violence. FATALITIES - NOT ACTOR "
            "SPECIFIC. LOCATION: Chepilat Near Eldoret, Uasin Gishu District",
            "Eldoret",
            "Uasin Gishu",
            "near",
        ),
        (
            "7 SLDF men were detained by police and later found dead. LOCATION: Teldet Forest "
            "(part of Mount Elgon forest park), Trans Nzoia District",
            "Trans Nzoia",
            "Trans Nzoia",
            "admin1",
        ),
        (
            "Raiders attack a village, killing 3. LOCATION: Unspecified location in Trans Nzoia "
            "District (district capital = Kitale)",
            "Trans Nzoia",
            "Trans Nzoia",
            "admin1",
        ),
    ],
)
def test_the_notes_location_line_places_an_event_that_names_no_place(
    pipeline, text, name, admin1, precision
) -> None:
    place = first_place(extract(pipeline, text))
    assert (place.name, place.admin1, place.precision, place.default) == (
        name,
        admin1,
        precision,
        False,
    )


def test_the_location_line_does_not_override_the_events_own_place(pipeline) -> None:
    text = "Raiders attacked a village in Kitale. LOCATION: Turkana District"
    assert first_place(extract(pipeline, text)).name == "Kitale"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Riots broke out after the controversial announcement of Kibakis presidential win.", "KE"),
        ("Protesters marched against Museveni's bid for another term.", "UG"),
        ("RIOTS BROKE OUT AFTER THE ANNOUNCEMENT OF KIBAKI'S WIN.", "KE"),
    ],
)
def test_a_story_naming_only_a_public_figure_is_in_the_figures_country(
    pipeline, text, country
) -> None:
    place = first_place(extract(pipeline, text))
    assert (place.country_code, place.precision, place.default) == (country, "country", True)


def test_a_named_place_beats_a_public_figure(pipeline) -> None:
    text = "Protesters in Kampala demanded that Kibaki withdraw Kenyan troops."
    assert first_place(extract(pipeline, text)).country_code == "UG"


def test_a_unit_capital_in_an_aside_is_never_the_events_place(pipeline) -> None:
    text = (
        "Armed fighters from the Pokot tribe attacked members of the Turkana tribe - 8 people "
        "were killed in the attack LOCATION: Kataluk, Turkana District (district capital = "
        "Lodwar)"
    )
    place = first_place(extract(pipeline, text))
    assert place.name != "Lodwar" and place.admin1 == "Turkana"


@pytest.mark.parametrize(
    ("text", "name", "town"),
    [
        (
            "Militants fired rockets at Kabul airport on Sunday.",
            "Kabul International Airport",
            "Kabul",
        ),
        (
            "BOGOTA, 27 NOV 89 -- A BOMB EXPLODED TODAY AT EL DORADO INTERNATIONAL AIRPORT.",
            "El Dorado International Airport",
            "Bogota",
        ),
    ],
)
def test_an_airport_is_the_place_in_its_town(pipeline, text, name, town) -> None:
    place = first_place(extract(pipeline, text))
    assert (place.name, place.feature, place.anchor, place.precision) == (
        name,
        "airport",
        town,
        "exact",
    )
    assert place.admin1 == town


def test_a_town_inside_a_large_city_is_its_part_at_its_own_point(pipeline) -> None:
    place = first_place(extract(pipeline, "A car bomb exploded in Sadr City on Sunday."))
    assert (place.name, place.feature, place.anchor) == (
        "Baghdad - Sadr City",
        "city part",
        "Baghdad",
    )
    assert place.precision == "exact" and place.evidence[0].text == "Sadr City"
    assert abs(place.lat - 33.39) < 0.05  # Sadr City's point, not Baghdad's (33.34)


def test_a_high_commission_is_an_embassy_in_the_story_country(pipeline) -> None:
    text = (
        "Mau Mau war veterans stormed the British High Commission earlier today demanding "
        "compensation for torture they underwent during the struggle for independence."
    )
    place = first_place(extract(pipeline, text))
    assert (place.name, place.country_code, place.default) == ("Nairobi", "KE", True)


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        # "Khogyani" is also another name of a town in Ghazni; the district is Khogayani
        (
            "Taliban militants attacked a check point in Khogyani district, Nangarhar.",
            "Khogayani",
            "Nangarhar",
        ),
        # "Abad" alone is an Iranian town's other name; the district is Dowlatabad
        (
            "Afghan forces repulsed their attack in Dawlat Abad district, Balkh.",
            "Dowlatabad",
            "Balkh",
        ),
    ],
)
def test_a_district_spelled_otherwise_is_found_in_its_province(pipeline, text, name, admin1):
    place = first_place(extract(pipeline, text))
    assert (place.name, place.admin1, place.precision) == (name, admin1, "admin2")
    assert place.evidence[0].text in text


@pytest.mark.parametrize(
    ("text", "name", "admin2"),
    [
        (
            "A powerful explosion occurred in the shopping mall in Manezhnaya Square in Moscow.",
            "Moscow - Manezhnaya Square",
            None,
        ),
        (
            "BCL members vandalized the residence of a rival leader in Agargaon, Dhaka city.",
            "Dhaka - Agargaon",
            "Dhaka",
        ),
    ],
)
def test_an_unknown_name_in_a_large_city_is_a_part_of_it(pipeline, text, name, admin2) -> None:
    place = first_place(extract(pipeline, text))
    assert (place.name, place.feature, place.admin2) == (name, "city part", admin2)
    assert place.anchor == name.split(" - ")[0]


def test_an_unknown_name_in_a_small_town_stays_a_place_of_its_own(pipeline) -> None:
    # Bungoma has fewer than PART_CITY_POPULATION people: Chekulo is a village beside it
    place = first_place(extract(pipeline, "Two men were killed by a mob at Chekulo, Bungoma."))
    assert place.feature != "city part" and place.name == "Chekulo"


def test_a_place_near_a_part_of_a_city_is_anchored_to_the_part(pipeline) -> None:
    # Uskudar is a part of Istanbul, but "near Uskudar" is measured from Uskudar
    place = first_place(extract(pipeline, "A bomb exploded near Uskudar on Monday."))
    assert (place.precision, place.anchor) == ("near", "Uskudar")


def test_a_town_and_its_county_are_one_place_of_the_story(pipeline) -> None:
    text = (
        "Silent protests against Kenyatta and Ruto over the results of the Jubilee primaries. "
        "Hundreds of residents carried banners. Ol Kalou in Nyandarua County was calm."
    )
    place = first_place(extract(pipeline, text))
    assert (place.name, place.admin1, place.default) == ("Ol Kalou", "Nyandarua", True)


def test_the_next_sentence_places_an_event_whose_own_names_none(pipeline) -> None:
    text = (
        "Residents protested against insecurity on Monday. In Eldoret, they blocked a road, "
        "and the next day traders in Kitale joined them."
    )
    extraction = pipeline.extract(Article(id="t", text=text, published=dt.date(2017, 5, 2)))
    (protest,) = [e for e in extraction.events if e.trigger.text == "protested"]
    assert (protest.place.name, protest.place.default) == ("Eldoret", True)


def test_a_part_the_text_puts_in_its_town_beats_the_town(pipeline) -> None:
    text = (
        "On 20 January 2023, job applicants staged a human chain protest at Dhaka university, "
        "Dhaka - Shahbagh (Shahbagh), demanding a higher age limit for government jobs."
    )
    assert first_place(extract(pipeline, text)).name == "Dhaka - Shahbagh"


def test_a_town_filed_inside_a_city_does_not_displace_the_city(pipeline) -> None:
    # Hathazari is filed as a part of Chattogram by the gazetteer, not by the text.
    text = (
        "On 9 February 2023, BCL members obstructed a protest of students in Chattogram city, "
        "who demanded moving the campus to Hathazari."
    )
    place = first_place(extract(pipeline, text))
    assert place.name == "Chattogram"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # where raiders come from is not where they strike
        ("Ethiopian raiders attack Kenyan civilians", "KE"),
        ("Raiders from Ethiopia attack Kenyan village", "KE"),
        (
            "Suspected Somali bandits shoot and kill two Somali refugees in Kenyan refugee camp",
            "KE",
        ),
        # "from COUNTRY" that is where the event is
        ("Activists protest the deportation of suspected militants from Kenya.", "KE"),
        # fled there afterwards
        (
            "Al Shabaab attacked Haluqa, outside of Garissa. The attackers abducted several "
            "workers and took them into Somalia.",
            "KE",
        ),
        # a border town, or within the border, is on its country's side
        ("Al Shabaab raids a desolate Kenyan border town, attacking two hotels.", "KE"),
        ("A civilian was killed in a bombing of Pokot herders within the Kenyan border.", "KE"),
        # a nationality on gunmen or militants is no sign of a raid from abroad
        ("Somali militants attacked Kismayo.", "SO"),
    ],
)
def test_where_people_come_from_or_go_is_not_the_event_place(pipeline, text, country) -> None:
    assert first_place(extract(pipeline, text)).country_code == country


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("Ethiopian raiders steal cattle", "origin"),
        ("Police battle Toposa raiders from Sudan", "origin"),
        ("A gunman killed a man before fleeing into Somalia.", "destination"),
        ("Gunmen kill three police officers near the Somali border.", "border"),
        ("Gunmen killed a police officer near the border with Somalia.", "border"),
    ],
)
def test_origin_destination_and_border_mentions(pipeline, text, relation) -> None:
    extraction = extract(pipeline, text)
    countries = [m for m in extraction.places if m.value.precision == "country"]
    assert [m.relation for m in countries] == [relation]
    place = extraction.events[0].place
    # with nothing else named, the event is at most given that country as a default
    assert place is None or place.default or place.country_code != countries[0].value.country_code


def test_a_border_still_leans_the_story_to_its_country(pipeline) -> None:
    story_places = extract(
        pipeline, "Gunmen kill three police officers near the Somali border."
    ).places
    assert story_focus(story_places) == "SO"


def test_wire_caps_cue_and_descriptive_words_are_no_part_of_a_name(pipeline) -> None:
    near = (
        "BOGOTA, 21 JAN 89 (DPA) -- TWO LEADERS OF THE PATRIOTIC UNION WERE KILLED BY UNKNOWN "
        "PERSONS NEAR RIO BLANCO MUNICIPALITY, TOLIMA DEPARTMENT."
    )
    place = first_place(extract(pipeline, near))
    assert (place.name, place.precision, place.admin1) == ("Rioblanco", "near", "Tolima")
    crowded = (
        "MEDELLIN, 20 APR 90 -- A CAR LOADED WITH 200 KG OF DYNAMITE EXPLODED IN A HEAVILY "
        "POPULATED DISTRICT IN MEDELLIN."
    )
    place = first_place(extract(pipeline, crowded))
    assert (place.name, place.precision) == ("Medellin", "exact")


def test_a_unit_named_as_written_beats_a_town_abroad_that_lists_the_name(pipeline) -> None:
    # Antakya, Turkey lists "Antioquia" among its other names; Colombia's department is so named
    place = first_place(extract(pipeline, "Guerrillas attacked a police post in Antioquia."))
    assert place.country_code == "CO"


def test_a_unit_said_to_lie_in_an_unknown_place_keeps_its_own_name(pipeline) -> None:
    # "Chemosot, a trading centre in Bureti": Bureti holds Chemosot, not the reverse.
    text = "Rioters looted shops at Chemosot, a trading centre in Bureti."
    place = first_place(extract(pipeline, text))
    assert (place.name, place.country_code, place.precision) == ("Chemosot", "KE", "admin2")


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("An outspoken cleric was assassinated outside his mosque in Mombasa.", "exact"),
        ("Protesters gathered near Dhaka university in Shahbagh, Dhaka.", "exact"),
        ("A prominent cleric and three others were assassinated outside Mombasa.", "near"),
    ],
)
def test_near_a_building_is_in_its_town(pipeline, text, precision) -> None:
    assert first_place(extract(pipeline, text)).precision == precision


def test_the_one_part_of_its_town_the_story_names_is_the_events_place(pipeline) -> None:
    text = (
        "LIMA, 9 JAN 90 (EFE) -- [TEXT] FORMER DEFENSE MINISTER ENRIQUE LOPEZ ALBUJAR DIED "
        "TODAY IN LIMA AS A CONSEQUENCE OF A TERRORIST ATTACK.  HE WAS RIDDLED WITH BULLETS "
        "IN A PARKING LOT IN THE RESIDENTIAL NEIGHBORHOOD OF SAN ISIDRO."
    )
    place = first_place(extract(pipeline, text))
    assert (place.name, place.anchor, place.precision) == ("Lima - San Isidro", "Lima", "exact")
    # Two parts named: which one is the event's is not guessed.
    text = (
        "A bomb exploded today in Lima. Police patrolled the neighborhood of San Isidro and "
        "the district of Miraflores."
    )
    assert first_place(extract(pipeline, text)).name == "Lima"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A firebomb was thrown at the home of a Popular Party (PP) councilor.", "ES"),
        ("Militants with the Union of Islamic Courts shelled the homes of four MPs.", "SO"),
        ("A pipe bomb damaged the home of a Social Democratic and Labour Party councillor.", "GB"),
    ],
)
def test_a_story_naming_only_a_group_is_in_the_groups_country(pipeline, text, country) -> None:
    place = first_place(extract(pipeline, text))
    # the group's country stands in for the place, marked as a default
    assert (place.country_code, place.precision, place.default) == (country, "country", True)


def test_a_town_the_gazetteer_lacks_near_an_anchor_keeps_its_name(pipeline) -> None:
    text = "A car bomb exploded in a Shiite market east of Baghdad, in Nahrwan, killing 30."
    place = first_place(extract(pipeline, text))
    assert (place.name, place.precision, place.anchor) == ("Nahrwan", "near", "Baghdad")
    assert place.country_code == "IQ" and place.lat is not None  # the anchor's point
    # An area of a town is a part of it; a crossing near a town is a site, no place.
    text = (
        "Loyalists planted an explosive device at a home in north Belfast, near the Oldpark area."
    )
    place = first_place(extract(pipeline, text))
    assert (place.name, place.feature) == ("Belfast - Oldpark", "city part")
    text = "Two Palestinians carrying pipe bombs were detained at the Reihan crossing near Jenin."
    assert first_place(extract(pipeline, text)).name == "Janin"


def test_a_constituency_places_the_event_in_its_county(pipeline) -> None:
    text = "Farmers protested against the illegal sale of land in Ikolomani on Monday."
    place = first_place(extract(pipeline, text))
    assert (place.name, place.country_code, place.admin1) == ("Ikolomani", "KE", "Kakamega")
    assert place.precision == "admin2"
