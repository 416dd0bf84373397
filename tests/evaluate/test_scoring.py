"""The scorer: normalisation, field comparisons and the matching of events to gold."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.evaluate.datasets import GoldRecord
from sitrep.evaluate.scoring import (
    MUC_INCIDENT_TYPES,
    Scorer,
    actor_names_match,
    country_code,
    filler_matches,
    haversine_km,
    match_events,
    muc_incident_type,
    normalise_place,
    normalise_text,
    perpetrator_matches,
    places_equal,
    predicted_fillers,
)
from sitrep.model import (
    Actor,
    Article,
    Count,
    DateValue,
    Event,
    Evidence,
    Extraction,
    PlaceValue,
    Target,
    Weapon,
)


def make_event(id: str = "e1", **kw) -> Event:
    return Event(id=id, **kw)


def make_extraction(*events: Event, text: str = "text") -> Extraction:
    return Extraction(
        article=Article(id="a1", text=text), pipeline_version="test", events=list(events)
    )


def record(*gold_events: dict, published: dt.date | None = None) -> GoldRecord:
    return GoldRecord(id="r1", text="text", events=list(gold_events), published=published)


def score(gold_events: list[dict], extraction: Extraction | None, **kw) -> dict:
    scorer = Scorer()
    scorer.add(record(*gold_events, **kw), extraction)
    return scorer.result()


ACLED_GOLD = {
    "id": "KEN1",
    "date": "2019-05-03",
    "time_precision": 1,
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "actor1": "Military Forces of Kenya (2013-)",
    "inter1": 1,
    "actor2": "Al Shabaab",
    "inter2": 2,
    "country": "Kenya",
    "country_code": "KE",
    "admin1": "Lamu",
    "admin2": "Lamu West",
    "location": "Mpeketoni",
    "latitude": -2.39,
    "longitude": 40.70,
    "geo_precision": 1,
    "fatalities": 4,
    "sources": ["Daily Nation"],
}


def acled_event(**changes) -> Event:
    values = dict(
        event_type="battles",
        sub_event_type="Armed clash",
        date=DateValue(start=dt.date(2019, 5, 3), end=dt.date(2019, 5, 3), precision="day"),
        place=PlaceValue(
            name="Mpeketoni Town",
            country="Kenya",
            country_code="KE",
            admin1="Lamu County",
            admin2="Lamu West",
            lat=-2.40,
            lon=40.69,
            precision="exact",
        ),
        actor1=Actor(name="Military Forces of Kenya (2022-)", inter=1),
        actor2=Actor(name="Al Shabaab", inter=2),
        fatalities=Count(best=4),
        main=True,
    )
    values.update(changes)
    return make_event(**values)


# ----------------------------------------------------------------------------- helpers


def test_normalise_text_strips_accents_punctuation_and_articles():
    assert normalise_text("  The Côte-d'Ivoire,  Army! ") == "cote divoire army"
    assert normalise_text("A  bomb") == "bomb"


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("Al Anbar", "Anbar Governorate"),
        ("al-Anbar", "El Anbar"),
        ("Ta'izz", "Taizz"),
        ("Salah ad Din", "Salahaddin"),
        ("Kunar", "Kunar Province"),
        ("Zürich", "zurich"),
    ],
)
def test_places_equal_after_normalisation(gold, predicted):
    assert places_equal(gold, predicted)


def test_places_differ():
    assert not places_equal("Kunar", "Kandahar")
    assert not places_equal("Kunar", None)
    # Nothing left after dropping admin words: the words are kept, not matched to anything.
    assert normalise_place("Province") == "province"


def test_haversine():
    assert haversine_km(10.0, 20.0, 10.0, 20.0) == 0.0
    assert haversine_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.195, abs=0.01)
    # Baghdad to Balad Air Base, about 70 km.
    assert haversine_km(33.34, 44.40, 33.94, 44.362) == pytest.approx(66.8, abs=1.0)


def test_actor_names_match_rules():
    assert actor_names_match("Taliban", Actor(name="taliban"))
    assert actor_names_match(
        "Military Forces of Afghanistan (2014-)",
        Actor(name="Military Forces of Afghanistan (2021-)"),
    )
    assert actor_names_match(
        "Unidentified Armed Group (Iraq)", Actor(name="Unidentified Armed Group")
    )
    assert not actor_names_match("Taliban", Actor(name="Al Shabaab"))
    assert not actor_names_match("Taliban", None)


def test_perpetrator_unknown():
    assert perpetrator_matches("Unknown", None)
    assert perpetrator_matches("Unknown", Actor(name="Unidentified Armed Group (Iraq)"))
    assert not perpetrator_matches("Unknown", Actor(name="Hezbollah"))
    assert perpetrator_matches("Hezbollah", Actor(name="Hezbollah"))
    assert not perpetrator_matches("Hezbollah", None)


def test_country_code_spellings():
    assert country_code("Burma (Myanmar)") == "MM"
    assert country_code("Korea, South") == "KR"
    assert country_code("EL SALVADOR") == "SV"
    assert country_code("Atlantis") is None


def test_filler_matching_whole_words():
    assert filler_matches("FMLN", ("Farabundo Marti National Liberation Front", "the FMLN"))
    assert filler_matches("BOMBS", ("bomb",))
    assert filler_matches("DYNAMITE", ("Explosives", "two sticks of dynamite"))
    assert not filler_matches("ARMY", ("armyworm",))


def test_muc_incident_types():
    assert muc_incident_type(make_event(attack_type="Bombing/Explosion")) == "BOMBING"
    assert (
        muc_incident_type(make_event(sub_event_type="Abduction/forced disappearance"))
        == "KIDNAPPING"
    )
    assert muc_incident_type(make_event(weapon_type="Incendiary")) == "ARSON"
    torched = make_event(event_type="Riots", trigger=Evidence(start=0, end=7, text="torched"))
    assert muc_incident_type(torched) == "ARSON"
    assert muc_incident_type(make_event(attack_type="Robbery")) == "ROBBERY"
    assert muc_incident_type(make_event(event_type="Battles")) == "ATTACK"
    assert muc_incident_type(make_event(event_type="Protests")) is None
    assert set(MUC_INCIDENT_TYPES.values()) == {"BOMBING", "KIDNAPPING", "ARSON", "ROBBERY"}


# ----------------------------------------------------------------------------- field scores


def test_every_acled_field_scored_correct():
    fields = score([ACLED_GOLD], make_extraction(acled_event()))["fields"]
    for name in (
        "date",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "inter1",
        "inter2",
        "country",
        "country_code",
        "admin1",
        "admin2",
        "location_name",
        "location",
        "geo_precision",
        "fatalities",
    ):
        assert fields[name]["n"] == 1, name
        assert fields[name]["accuracy"] == 1.0, name
        assert fields[name]["coverage"] == 1.0, name
    assert fields["location"]["within_25km"] == 1.0
    assert fields["location"]["median_km"] == pytest.approx(1.56, abs=0.05)
    assert "sources" not in fields  # not scored yet


def test_near_misses_and_extras():
    event = acled_event(
        date=DateValue(start=dt.date(2019, 5, 2), precision="day"),
        fatalities=Count(best=5),
        place=PlaceValue(name="Lamu", lat=-2.27, lon=40.90, admin1="Lamu", precision="exact"),
        actor1=Actor(name="Police Forces of Kenya (2013-)", inter=1),
    )
    fields = score([ACLED_GOLD], make_extraction(event))["fields"]
    assert fields["date"]["accuracy"] == 0.0
    assert fields["date"]["within_1_day"] == 1.0
    assert fields["fatalities"]["accuracy"] == 0.0
    assert fields["fatalities"]["within_1"] == 1.0
    assert fields["location"]["within_25km"] == 0.0
    assert fields["location"]["within_100km"] == 1.0
    assert 20 < fields["location"]["median_km"] < 40
    assert fields["location_name"]["accuracy"] == 0.0
    assert fields["actor1"]["accuracy"] == 0.0
    assert fields["inter1"]["accuracy"] == 1.0
    # The place gave no country: no value, which is coverage 0, and precision is undefined.
    assert fields["country"]["coverage"] == 0.0
    assert fields["country"]["precision"] is None


def test_missing_prediction_counts_as_no_value():
    result = score([ACLED_GOLD], make_extraction())
    fields = result["fields"]
    assert fields["date"] == {
        **fields["date"],
        "n": 1,
        "answered": 0,
        "coverage": 0.0,
        "accuracy": 0.0,
    }
    assert fields["inter2"]["accuracy"] == 0.0
    assert result["events"]["matched"]["none"] == 1
    # A crash (no extraction at all) scores the same way.
    assert score([ACLED_GOLD], None)["fields"] == fields


def test_null_gold_is_counted_apart_and_absent_keys_not_scored():
    gold = {"date": None, "actor2": None, "inter2": 0, "fatalities": 2}
    fields = score([gold], make_extraction(acled_event(actor2=None)))["fields"]
    assert fields["date"]["n"] == 0 and fields["date"]["gold_null"] == 1
    assert fields["date"]["accuracy"] is None
    assert fields["actor2"]["gold_null"] == 1
    # ACLED codes a missing actor2 as inter2 0.
    assert fields["inter2"]["accuracy"] == 1.0
    assert set(fields) == {"date", "actor2", "inter2", "fatalities"}


def test_rand_fields():
    gold = {
        "date": "1968-02-13",
        "country": "Uruguay",
        "country_code": "UY",
        "location": "Montevideo",
        "perpetrator": "Unknown",
        "weapon_type": "Fire or Firebomb",
        "fatalities": 0,
        "injuries": 0,
    }
    event = make_event(
        weapon_type="Incendiary",
        place=PlaceValue(name="Montevideo", country_code="UY"),
        date=DateValue(start=dt.date(1968, 2, 13)),
        fatalities=Count(best=0),
    )
    result = score([gold], make_extraction(event), published=dt.date(1968, 2, 13))
    fields = result["fields"]
    assert fields["weapon_type"]["accuracy"] == 1.0
    assert fields["weapon_type"]["per_value"]["incendiary"]["correct"] == 1
    assert fields["perpetrator"]["accuracy"] == 1.0  # Unknown, and no actor1 predicted
    assert fields["perpetrator"]["coverage"] == 0.0
    assert fields["country"]["accuracy"] == 1.0  # via the predicted country code
    assert fields["injuries"]["coverage"] == 0.0
    assert fields["date"]["baseline"] == {"method": "published date", "accuracy": 1.0}
    assert fields["injuries"]["baseline"]["accuracy"] == 1.0
    assert "baseline" not in fields["country"]


def test_location_name_matches_admin_unit_only_when_gold_is_that_unit():
    place = PlaceValue(admin2="Khwahan District", admin1="Badakhshan")
    gold = {"location": "Khwahan", "admin2": "Khwahan"}
    assert (
        score([gold], make_extraction(make_event(place=place)))["fields"]["location_name"][
            "accuracy"
        ]
        == 1.0
    )
    other = {"location": "Ziraki", "admin2": "Khwahan"}
    assert (
        score([other], make_extraction(make_event(place=place)))["fields"]["location_name"][
            "accuracy"
        ]
        == 0.0
    )


def test_location_name_matches_the_words_the_text_used_for_the_place():
    place = PlaceValue(
        name="Basrah",
        country_code="IQ",
        precision="exact",
        evidence=[Evidence(start=20, end=25, text="Basra")],
    )
    fields = score([{"location": "Basra"}], make_extraction(make_event(place=place)))["fields"]
    assert fields["location_name"]["accuracy"] == 1.0
    fields = score([{"location": "Mosul"}], make_extraction(make_event(place=place)))["fields"]
    assert fields["location_name"]["accuracy"] == 0.0


def test_muc_list_slots_micro_prf():
    gold = {
        "incident_type": "BOMBING",
        "stage": "ACCOMPLISHED",
        "optional": False,
        "perpetrators": ["FMLN", "URBAN COMMANDOS"],
        "instruments": ["DYNAMITE"],
        "human_targets": [],
        "physical_targets": ["POWER PYLON"],
    }
    event = make_event(
        attack_type="Bombing/Explosion",
        actor1=Actor(name="Farabundo Marti National Liberation Front", text="FMLN"),
        weapons=[Weapon(type="Explosives", subtype="Dynamite"), Weapon(type="Firearms")],
        targets=[
            Target(type="Utilities", text="power pylon"),
            Target(type="Military", text="soldiers"),
        ],
    )
    fields = score([gold], make_extraction(event))["fields"]
    assert fields["incident_type"]["accuracy"] == 1.0
    assert fields["stage"]["accuracy"] == 1.0
    assert fields["perpetrators"]["n"] == 2
    assert fields["perpetrators"]["recall"] == 0.5
    assert fields["perpetrators"]["precision"] == 1.0
    assert fields["perpetrators"]["f1"] == pytest.approx(0.6667, abs=1e-4)
    assert fields["instruments"]["precision"] == 0.5  # Firearms matches nothing
    assert fields["instruments"]["recall"] == 1.0
    assert fields["physical_targets"]["f1"] == 1.0
    # Empty gold list: no gold filler, but the predicted 'soldiers' is a false positive.
    assert fields["human_targets"]["n"] == 0 and fields["human_targets"]["gold_empty"] == 1
    assert fields["human_targets"]["precision"] == 0.0


# ----------------------------------------------------------------------------- matching


def test_single_gold_uses_main_event():
    background = make_event("b", event_type="Protests", main=False)
    main = make_event("m", event_type="Battles", main=True)
    pairs = match_events([{"event_type": "Battles"}], make_extraction(background, main))
    assert [(event.id, how) for _, event, how in pairs] == [("m", "primary")]
    # No main: the first asserted candidate; non-asserted events are never candidates.
    negated = make_event("n", mode="negated")
    first = make_event("f")
    pairs = match_events([{}], make_extraction(negated, first))
    assert pairs[0][1].id == "f"


def test_single_gold_by_similarity_takes_the_report_it_is_about():
    # A follow-up story: its main event is today's arrest; the template is the recalled
    # murder, a week before, which the incident scorer pairs it with.
    gold = {"event_type": "Violence against civilians", "date": "1989-11-16"}
    arrest = make_event(
        "a",
        event_type="Strategic developments",
        date=DateValue(start=dt.date(1989, 11, 23)),
        main=True,
    )
    murder = make_event(
        "m", event_type="Violence against civilians", date=DateValue(start=dt.date(1989, 11, 16))
    )
    extraction = make_extraction(arrest, murder)
    assert match_events([gold], extraction)[0][1].id == "a"  # the field scorer: main event
    [(_, event, how)] = match_events([gold], extraction, by_similarity=True)
    assert (event.id, how) == ("m", "assigned")


def test_several_gold_events_assigned_one_to_one():
    gold = [
        {"event_type": "Battles", "date": "2020-01-01", "actor1": "Taliban"},
        {"event_type": "Protests", "date": "2020-01-05"},
    ]
    protest = make_event(
        "p", event_type="Protests", date=DateValue(start=dt.date(2020, 1, 5)), main=True
    )
    battle = make_event(
        "b",
        event_type="Battles",
        date=DateValue(start=dt.date(2020, 1, 1)),
        actor1=Actor(name="Taliban"),
    )
    pairs = match_events(gold, make_extraction(protest, battle))
    assert [(event.id, how) for _, event, how in pairs] == [("b", "assigned"), ("p", "assigned")]
    fields = score(gold, make_extraction(protest, battle))["fields"]
    assert fields["event_type"]["accuracy"] == 1.0 and fields["date"]["accuracy"] == 1.0


def test_two_bombings_at_one_place_and_date_are_told_apart_by_their_weapon():
    # "The bombs went off ... men hurled a grenade": each template goes with its weapon.
    day = DateValue(start=dt.date(1989, 9, 9))
    gold = [
        {"incident_type": "BOMBING", "date": "1989-09-09", "instruments": ["BOMB"]},
        {"incident_type": "BOMBING", "date": "1989-09-09", "instruments": ["GRENADE"]},
    ]
    grenade = make_event(
        "g",
        attack_type="Bombing/Explosion",
        date=day,
        weapons=[Weapon(type="Explosives", subtype="grenade")],
        main=True,
    )
    said = [Evidence(start=0, end=4, text="bomb")]
    bomb = make_event(
        "b",
        attack_type="Bombing/Explosion",
        date=day,
        weapons=[Weapon(type="Explosives", evidence=said)],
    )
    pairs = match_events(gold, make_extraction(grenade, bomb))
    assert [event.id for _, event, _ in pairs] == ["b", "g"]


def test_houses_and_restaurants_are_physical_targets():
    event = make_event(
        targets=[
            Target(type="Private Citizens & Property", text=text)
            for text in ("13 houses", "a restaurant", "two women")
        ]
    )
    assert predicted_fillers(event, "physical_targets") == [("13 houses",), ("a restaurant",)]
    assert predicted_fillers(event, "human_targets") == [("two women",)]


def test_leftover_gold_compared_with_main():
    gold = [{"event_type": "Battles"}, {"event_type": "Protests"}, {"event_type": "Riots"}]
    main = make_event("m", event_type="Battles", main=True)
    other = make_event("o", event_type="Protests")
    pairs = match_events(gold, make_extraction(main, other))
    assert [(event.id, how) for _, event, how in pairs] == [
        ("m", "assigned"),
        ("o", "assigned"),
        ("m", "fallback"),
    ]
    result = score(gold, make_extraction(main, other))
    assert result["fields"]["event_type"]["accuracy"] == pytest.approx(0.6667, abs=1e-4)
    assert result["events"]["matched"] == {"primary": 0, "assigned": 2, "fallback": 1, "none": 0}


def test_threat_events_only_for_threat_gold():
    threat = make_event("t", mode="threat", attack_type="Bombing/Explosion")
    pairs = match_events([{"stage": "THREATENED"}], make_extraction(threat))
    assert pairs[0][1].id == "t"
    fields = score([{"stage": "THREATENED", "incident_type": "BOMBING"}], make_extraction(threat))[
        "fields"
    ]
    assert fields["stage"]["accuracy"] == 1.0 and fields["incident_type"]["accuracy"] == 1.0
    pairs = match_events([{"stage": "ACCOMPLISHED"}], make_extraction(threat))
    assert pairs[0][1:] == (None, "none")
    # Several gold events: a threat event is never assigned to an accomplished one.
    gold = [{"stage": "ACCOMPLISHED"}, {"stage": "THREATENED"}]
    pairs = match_events(gold, make_extraction(threat))
    assert [(e.id if e else None, how) for _, e, how in pairs] == [
        (None, "none"),
        ("t", "assigned"),
    ]


def test_optional_muc_templates_left_unmatched_are_not_penalised():
    gold = [
        {"incident_type": "ATTACK", "stage": "ACCOMPLISHED", "optional": False},
        {"incident_type": "BOMBING", "stage": "ACCOMPLISHED", "optional": True},
    ]
    event = make_event(event_type="Battles")
    result = score(gold, make_extraction(event))
    assert result["events"]["optional_skipped"] == 1
    assert result["fields"]["incident_type"]["n"] == 1
    assert result["fields"]["incident_type"]["accuracy"] == 1.0
    # A lone optional template with nothing predicted is skipped too.
    alone = score([gold[1]], make_extraction())
    assert alone["events"]["optional_skipped"] == 1
    assert "incident_type" not in alone["fields"]


def test_event_counts_and_no_event_records():
    scorer = Scorer()
    scorer.add(record(), make_extraction())
    scorer.add(record(), make_extraction(make_event()))
    scorer.add(record(), make_extraction(make_event(mode="negated")))
    scorer.add(record({"event_type": "Battles"}), make_extraction(make_event(), make_event("e2")))
    events = scorer.result()["events"]
    assert events["gold"] == 1
    assert events["predicted_asserted"] == 3
    assert events["no_event_records"] == {"n": 3, "predicted_none": 2, "accuracy": 0.6667}
    assert events["exact_count_share"] == 0.5


def test_per_value_breakdown_and_not_scored_keys():
    scorer = Scorer()
    scorer.add(
        record({"event_type": "Battles", "id": "x"}),
        make_extraction(make_event(event_type="Battles")),
    )
    scorer.add(
        record({"event_type": "Battles"}), make_extraction(make_event(event_type="Protests"))
    )
    result = scorer.result()
    per = result["fields"]["event_type"]["per_value"]
    assert per["battles"] == {
        "gold": 2,
        "predicted": 1,
        "correct": 1,
        "precision": 1.0,
        "recall": 0.5,
        "f1": 0.6667,
    }
    assert per["protests"]["precision"] == 0.0
    assert result["not_scored"] == {"id": 1}


def test_split_modules_are_reexported_from_scoring():
    """The scorer was split by job; its public names stay importable from scoring."""
    from sitrep.evaluate import fields, matching, normalise, scoring

    for module in (normalise, fields, matching):
        shared = set(scoring.__all__) & set(vars(module))
        assert shared
        for name in shared:
            assert getattr(scoring, name) is getattr(module, name), name
    assert scoring.muc_date_alternatives is fields.muc_date_alternatives
    assert scoring.match_events is matching.match_events
    assert scoring.normalise_text is normalise.normalise_text


def location_name_accuracy(gold: str, place: PlaceValue) -> float:
    extraction = make_extraction(make_event(place=place))
    return score([{"location": gold}], extraction)["fields"]["location_name"]["accuracy"]


def test_a_part_of_a_town_matches_its_town_and_its_own_name_only():
    part = PlaceValue(
        name="Baghdad - Karrada",
        country_code="IQ",
        precision="exact",
        feature="city part",
        anchor="Baghdad",
        evidence=[Evidence(start=20, end=27, text="Karrada")],
    )

    assert location_name_accuracy("Baghdad", part) == 1.0  # RAND names the town
    assert location_name_accuracy("KARRADA", part) == 1.0  # MUC names the part
    assert location_name_accuracy("Baghdad - Karrada", part) == 1.0  # ACLED names both
    assert location_name_accuracy("Mosul", part) == 0.0
    # the part's own name when the story's words take in the unit word
    worded = part.model_copy(
        update={"evidence": [Evidence(start=20, end=40, text="KARRADA NEIGHBORHOOD")]}
    )
    assert location_name_accuracy("KARRADA", worded) == 1.0
    assert location_name_accuracy("MANSOUR", worded) == 0.0
    # an anchor of a place that is no part of a town says only where it was measured from
    near = part.model_copy(update={"name": "Karrada", "feature": "city", "precision": "near"})
    assert location_name_accuracy("Baghdad", near) == 0.0


def test_an_airport_matches_its_town_its_name_and_the_words_for_it():
    airport = PlaceValue(
        name="El Dorado International Airport",
        country_code="CO",
        precision="exact",
        feature="airport",
        anchor="Bogota",
        evidence=[Evidence(start=30, end=44, text="BOGOTA AIRPORT")],
    )

    assert location_name_accuracy("Bogota", airport) == 1.0  # RAND and ACLED name the town
    assert (
        location_name_accuracy("EL DORADO INTERNATIONAL AIRPORT", airport) == 1.0
    )  # MUC the airport
    assert location_name_accuracy("BOGOTA AIRPORT", airport) == 1.0  # as the story wrote it
    assert location_name_accuracy("Medellin", airport) == 0.0
    # a base with a town of no such kind: only its own name
    base = airport.model_copy(update={"feature": "airbase"})
    assert location_name_accuracy("Bogota", base) == 0.0
