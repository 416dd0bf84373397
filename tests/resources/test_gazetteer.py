"""The gazetteer: built from package data and our curated files, loaded lazily."""

from __future__ import annotations

import math
import pickle

import pytest

from sitrep.resources import build as build_module
from sitrep.resources import gazetteer as gz


@pytest.fixture(scope="module")
def gazetteer() -> gz.Gazetteer:
    return gz.load()


def one(gazetteer: gz.Gazetteer, name: str, kind: int) -> gz.Entry:
    found = [e for e in gazetteer.lookup(name) if e.kind == kind]
    assert found, f"{name!r} not found as kind {kind}"
    return found[0]


def test_scan_view_keeps_length_and_folds() -> None:
    text = "Şalāḩ ad Dīn – Ḩalab\u00a0İzmir"
    view = gz.scan_view(text)
    assert len(view) == len(text)
    assert view.startswith("salah ad din")


def test_name_key_joins_words() -> None:
    assert gz.name_key("Ein Al-Assad  airbase") == "ein al assad airbase"
    assert gz.name_key("Murang’a") == "murang'a"


@pytest.mark.parametrize(
    ("alias", "name", "admin1", "lat", "lon", "feature"),
    [
        ("Balad air field", "Balad Air Base", "Salah ad Din", 33.94, 44.362, "airbase"),
        ("Joint Base Balad", "Balad Air Base", "Salah ad Din", 33.94, 44.362, "airbase"),
        ("Ein Al-Assad airbase", "Ain al-Asad Air Base", "Al Anbar", 33.8, 42.44, "airbase"),
        ("Al Asad Airbase", "Ain al-Asad Air Base", "Al Anbar", 33.8, 42.44, "airbase"),
        ("Taji base", "Camp Taji", "Baghdad", 33.53, 44.26, "base"),
        ("Victory Base", "Baghdad International Airport", "Baghdad", 33.262, 44.235, "airport"),
    ],
)
def test_curated_facilities_and_aliases(gazetteer, alias, name, admin1, lat, lon, feature) -> None:
    entry = one(gazetteer, alias, gz.FACILITY)
    assert (entry.name, entry.country_code, entry.admin1, entry.feature) == (
        name,
        "IQ",
        admin1,
        feature,
    )
    assert entry.lat == pytest.approx(lat) and entry.lon == pytest.approx(lon)


def test_every_facility_row_loads(gazetteer) -> None:
    rows = gz._rows("facilities.tsv")
    assert len(rows) >= 19
    for row in rows:
        entry = one(gazetteer, row["name"], gz.FACILITY)
        assert -90 <= entry.lat <= 90 and -180 <= entry.lon <= 180
        assert row["source"].strip(), row["name"]
    border = one(gazetteer, "Iraqi-Syrian border", gz.FACILITY)
    assert border.feature == "border"


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("Iraqi", "IQ"),
        ("Syrian", "SY"),
        ("Afghan", "AF"),
        ("Kenyan", "KE"),
        ("Salvadoran", "SV"),
        ("Peruvian", "PE"),
        ("Colombian", "CO"),
        ("Somali", "SO"),
        ("Nigerian", "NG"),
        ("Bangladeshi", "BD"),
        ("Afghans", "AF"),
        ("Iraqis", "IQ"),
    ],
)
def test_demonyms(gazetteer, form, code) -> None:
    assert one(gazetteer, form, gz.DEMONYM).country_code == code


@pytest.mark.parametrize(
    ("spelling", "code", "canonical"),
    [
        ("Salah ad Din", "IQ", "Salah ad Din"),
        ("Salahuddin", "IQ", "Salah ad Din"),
        ("Saladin", "IQ", "Salah ad Din"),
        ("Anbar", "IQ", "Al Anbar"),
        ("Al Anbar", "IQ", "Al Anbar"),
        ("Ninawa", "IQ", "Nineveh"),
        ("Nineveh", "IQ", "Nineveh"),
        ("Taita Taveta", "KE", "Taita Taveta"),
        ("Elgeyo Marakwet", "KE", "Elgeyo-Marakwet"),
        ("Muranga", "KE", "Murang'a"),
        ("Garissa", "KE", "Garissa"),
        ("Nangarhar", "AF", "Nangarhar"),
        ("Paktiya", "AF", "Paktia"),
        ("Uruzgan", "AF", "Urozgan"),
        ("Chattogram", "BD", "Chittagong"),
        ("Barishal", "BD", "Barisal"),
        ("North-West Frontier Province", "PK", "Khyber Pakhtunkhwa"),
        ("Baluchistan", "PK", "Balochistan"),
        ("Wardag", "AF", "Wardak"),
        ("Nurestan", "AF", "Nuristan"),
    ],
)
def test_admin1_spellings(gazetteer, spelling, code, canonical) -> None:
    entry = one(gazetteer, spelling, gz.ADMIN1)
    assert (entry.country_code, entry.name) == (code, canonical)


def test_admin1_centroids_come_from_their_cities(gazetteer) -> None:
    anbar = gazetteer.admin1("IQ", "Al Anbar")
    assert anbar is not None and 32.5 < anbar.lat < 35 and 39 < anbar.lon < 44.5
    salah = gazetteer.admin1("IQ", "Salah ad Din")
    assert salah is not None and 33.5 < salah.lat < 35.5 and 43 < salah.lon < 45


def test_cities_carry_mapped_admin1(gazetteer) -> None:
    balad = [e for e in gazetteer.lookup("Balad") if e.kind == gz.CITY and e.country_code == "IQ"]
    assert balad and balad[0].admin1 == "Salah ad Din"
    garissa = [e for e in gazetteer.lookup("Garissa") if e.kind == gz.CITY]
    assert garissa[0].admin1 == "Garissa" and garissa[0].population > 50_000


def test_bangladesh_districts_are_admin2(gazetteer) -> None:
    district = one(gazetteer, "Cox's Bazar", gz.ADMIN2)
    assert (district.country_code, district.admin1) == ("BD", "Chittagong")


def test_countries(gazetteer) -> None:
    assert one(gazetteer, "Syria", gz.COUNTRY).country_code == "SY"
    assert one(gazetteer, "U.S.", gz.COUNTRY).country_code == "US"
    assert gazetteer.country_names["IQ"] == "Iraq"


@pytest.mark.parametrize(
    ("code", "city", "admin1"),
    [("IQ", "Baghdad", "Baghdad"), ("KE", "Nairobi", "Nairobi"), ("HN", "Tegucigalpa", None)],
)
def test_each_country_knows_its_capital_city(gazetteer, code, city, admin1) -> None:
    capital = gazetteer.capital(code)
    assert (capital.name, capital.kind, capital.country_code) == (city, gz.CITY, code)
    assert admin1 is None or capital.admin1 == admin1
    assert gazetteer.capital("XX") is None


def test_common_words_are_not_city_keys(gazetteer) -> None:
    for word in ("said", "police", "will", "union"):
        assert not [e for e in gazetteer.lookup(word) if e.kind == gz.CITY]


def test_numbered_designations_are_not_town_keys(gazetteer) -> None:
    # "Ward 5" (Yangon), "Sector 3" (Bucharest), "Harare 12" (a ward): no press name, and
    # "in Harare 12 people were held" is Harare and a count.
    for name in ("Ward 5", "Sector 3", "Harare 12", "Marseille 13"):
        assert not any(e.feature in ("city", gz.LOCAL_UNIT) for e in gazetteer.lookup(name))
    # The towns themselves, and curated names with a number, are kept.
    assert one(gazetteer, "Harare", gz.CITY).country_code == "ZW"
    assert one(gazetteer, "Githurai 45", gz.FACILITY).country_code == "KE"


def test_scan_respects_word_boundaries(gazetteer) -> None:
    view = gz.scan_view("The ambassador met Assad's envoy in Balad air field.")
    spans = {(s, e) for s, e, _ in gazetteer.scan(view)}
    keys = {view[s:e] for s, e in spans}
    assert "balad air field" in keys
    assert not any(s > 0 and view[s - 1].isalpha() for s, _ in spans)


def test_load_is_cached(gazetteer) -> None:
    assert gz.load() is gazetteer


def test_missing_file_is_built_with_warning(tmp_path, monkeypatch) -> None:
    target = tmp_path / "gazetteer.pkl"
    calls = []

    def fake_build(path=None):
        calls.append(path)
        with open(path, "wb") as handle:
            pickle.dump({"format": -1}, handle)
        return path

    monkeypatch.setattr(gz, "build", fake_build)
    monkeypatch.setattr(gz, "Gazetteer", lambda data: data)
    with pytest.warns(UserWarning, match="W002"):
        gz.load.__wrapped__(target)
    assert calls and calls[0] == target


def test_build_registry_names_the_gazetteer() -> None:
    assert "gazetteer" in build_module.BUILDERS
    assert build_module.main(["no-such-resource"]) == 2


@pytest.mark.slow
def test_build_is_deterministic(tmp_path) -> None:
    first = gz.build(tmp_path / "a.pkl").read_bytes()
    second = gz.build(tmp_path / "b.pkl").read_bytes()
    assert first == second
    loaded = gz.load.__wrapped__(tmp_path / "a.pkl")
    assert len(loaded) > 200_000


def test_article_and_run_together_variants(gazetteer) -> None:
    assert any(e.country_code == "IQ" for e in gazetteer.lookup("Kut"))
    assert one(gazetteer, "Lashkargah", gz.CITY).name == "Lashkar Gah"


def test_scan_keeps_possessive_inside_a_name(gazetteer) -> None:
    view = gz.scan_view("in Cox's Bazar city and Kabul's outskirts")
    spans = {view[start:end] for start, end, _ in gazetteer.scan(view)}
    assert "cox's bazar" in spans and "kabul" in spans


def test_second_level_units_keep_press_spellings(gazetteer) -> None:
    jessore = one(gazetteer, "Jashore", gz.ADMIN2)
    assert (jessore.name, jessore.admin1, jessore.country_code) == ("Jessore", "Khulna", "BD")
    assert one(gazetteer, "Kishoregonj", gz.ADMIN2).admin2 == "Kishoreganj"


def test_every_bangladesh_district_has_its_seats_point(gazetteer) -> None:
    entries = (gazetteer.entry(i) for i in range(len(gazetteer)))
    bangladesh = [
        e
        for e in entries
        if e.kind == gz.ADMIN2 and e.country_code == "BD" and e.feature != gz.LOCAL_UNIT
    ]
    assert len(bangladesh) == 64
    assert [d.name for d in bangladesh if d.lat is None or d.lon is None] == []
    # A seat GeoNames names otherwise ("Maulavi Bazar") lends the district its point ...
    seat = one(gazetteer, "Maulavi Bazar", gz.CITY)
    district = one(gazetteer, "Moulvibazar", gz.ADMIN2)
    assert (district.lat, district.lon) == (seat.lat, seat.lon)
    # ... and one GeoNames lacks has a curated point within the district's division.
    munshiganj = one(gazetteer, "Munshiganj", gz.ADMIN2)
    assert 23.3 < munshiganj.lat < 23.8 and 90.3 < munshiganj.lon < 90.8


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("Mahmoudiya", "Al Mahmudiyah"),
        ("Sederot", "Sderot"),
        ("Huwaija", "Al Hawijah"),
        ("Ashqelon", "Ashkelon"),
        ("Mussayab", "Al-Musayab"),
        ("Tuz Khormato", "Tuz Khurmatu"),
    ],
)
def test_transliterations_share_a_spelling_key(written, stored) -> None:
    assert gz.spelling_key(gz.name_key(written)) == gz.spelling_key(gz.name_key(stored))


def test_spelling_keys_need_three_consonants() -> None:
    assert gz.spelling_key("baiji") is None
    assert gz.spelling_key("al kut") is None
    assert gz.spelling_key("hawija") == "hwj"


def test_towns_are_found_by_their_consonants(gazetteer) -> None:
    found = {(e.name, e.country_code) for e in gazetteer.spelled_like("Mahmoudiya")}
    assert ("Al Mahmudiyah", "IQ") in found
    assert all(
        e.kind == gz.CITY or e.feature == gz.LOCAL_UNIT for e in gazetteer.spelled_like("Sederot")
    )
    # a district spelled another way: "Charbolak" is Chahar Bolak (Balkh)
    assert ("Chahar Bolak", "AF") in {
        (e.name, e.country_code) for e in gazetteer.spelled_like("Charbolak")
    }


def test_french_towns_carry_their_region(gazetteer) -> None:
    marseille = max(
        (e for e in gazetteer.lookup("Marseille") if e.kind == gz.CITY), key=lambda e: e.population
    )
    assert (marseille.country_code, marseille.admin1) == ("FR", "Provence-Alpes-Cote d'Azur")
    [nice] = [e for e in gazetteer.guarded_towns("Nice") if e.country_code == "FR"]
    assert nice.admin1 == "Provence-Alpes-Cote d'Azur"


@pytest.mark.parametrize(
    ("town", "code", "admin1"),
    [
        # tied by the local units' provinces around their towns (no town there is named
        # like its province)
        ("Lahore", "PK", "Punjab"),
        ("Karachi", "PK", "Sindh"),
        ("Mumbai", "IN", "Maharashtra"),
        ("Tijuana", "MX", "Baja California"),  # was Nuevo Leon, by a town's name
        ("Belo Horizonte", "BR", "Minas Gerais"),  # was Santa Catarina
        ("Bilbao", "ES", "Basque Country"),  # the table names its province, Bizkaia
        ("Coban", "GT", "Alta Verapaz"),
        # tied by their capitals (subdivisions.tsv): Munich was in Saxony, a village
        # Sachsen being in Bavaria
        ("Munich", "DE", "Bayern"),
        ("Milan", "IT", "Lombardia"),
        ("Eindhoven", "NL", "Noord-Brabant"),
        # filed by the nearest governorate seat (GeoNames has only West Bank and Gaza)
        ("Nablus", "PS", "Nablus"),
        ("Ramallah", "PS", "Ramallah"),
        ("Janin", "PS", "Jenin"),
        ("Khan Yunis", "PS", "Khan Yunis"),
        ("Bayt Lahya", "PS", "North Gaza"),
        # tied last, by the local units' provinces named otherwise ("Norrbotten County")
        ("Kiruna", "SE", "Norrbottens lan"),
        ("Rostov-na-Donu", "RU", "Rostovskaya oblast'"),
        ("Dori", "BF", "Sahel"),
        ("Barcelona", "ES", "Catalunya"),
        ("Kunming", "CN", "Yunnan Sheng"),
        ("La Paz", "BO", "La Paz"),  # not Oruro: the table lacks La Paz department
    ],
)
def test_towns_carry_their_first_level_unit(gazetteer, town, code, admin1) -> None:
    found = max(
        (
            e
            for e in gazetteer.lookup(gz.name_key(town))
            if e.kind == gz.CITY and e.country_code == code
        ),
        key=lambda e: e.population,
    )
    assert found.admin1 == admin1


def test_english_names_of_german_and_italian_units(gazetteer) -> None:
    assert one(gazetteer, "bavaria", gz.ADMIN1).name == "Bayern"
    assert one(gazetteer, "lombardy", gz.ADMIN1).name == "Lombardia"


def test_towns_inside_a_large_city_are_its_parts(gazetteer) -> None:
    def largest(name: str, code: str) -> gz.Entry:
        return max(
            (e for e in gazetteer.lookup(name) if e.kind == gz.CITY and e.country_code == code),
            key=lambda e: e.population,
        )

    assert largest("uskudar", "TR").town == "Istanbul"
    assert largest("sadr city", "IQ").town == "Baghdad"
    assert largest("queens", "US").town == "New York City"
    # a large city is no part of another, and a town beyond a city's reach neither
    assert largest("istanbul", "TR").town is None
    assert largest("baqubah", "IQ").town is None
    assert gz.city_reach_km(1_000_000) == 10 and gz.city_reach_km(50_000_000) == 20


def test_a_two_language_name_is_named_by_either_half(gazetteer) -> None:
    (vitoria,) = [e for e in gazetteer.lookup("vitoria") if e.country_code == "ES"]
    assert vitoria.name == "Gasteiz / Vitoria"
    assert gz.is_named(vitoria, "vitoria") and gz.is_named(vitoria, "gasteiz")
    assert not gz.is_named(vitoria, "vitoria gasteiz") and not gz.is_named(vitoria, None)


def test_a_full_stop_with_no_space_after_it_ends_a_name(gazetteer) -> None:
    # Incident notes run sentences together: "in northern Baghdad.The group ..."
    view = gz.scan_view("It went off in northern Baghdad.The group is unknown; U.S. forces left.")
    names = [view[start:end] for start, end, _ in gazetteer.scan(view)]
    assert "baghdad" in names and "u.s" in names


def test_bosnia_alone_names_the_country(gazetteer) -> None:
    (bosnia,) = [e for e in gazetteer.lookup("bosnia") if e.kind == gz.COUNTRY]
    assert bosnia.country_code == "BA"


@pytest.mark.parametrize(
    ("spelling", "code", "town"),
    [
        ("Baqouba", "IQ", "Baqubah"),
        ("Hawija", "IQ", "Al Hawijah"),
        ("Miramshah", "PK", "Miran Shah"),
    ],
)
def test_town_spellings_name_their_towns(gazetteer, spelling, code, town) -> None:
    found = [e for e in gazetteer.lookup(spelling) if e.kind == gz.CITY]
    assert [(e.country_code, e.name) for e in found] == [(code, town)]


def test_every_town_spelling_row_names_a_town(gazetteer) -> None:
    for row in gz._rows("town_spellings.tsv"):
        for spelling in row["spellings"].split("|"):
            names = {e.name for e in gazetteer.lookup(spelling) if e.kind == gz.CITY}
            assert row["town"] in names, spelling


def test_region_names_in_another_form_match_one_unit() -> None:
    units = {
        "RU-ROS": {"name": "Rostovskaya oblast'", "keys": {"rostovskaya oblast'"}},
        "RU-NGR": {"name": "Novgorodskaya oblast'", "keys": {"novgorodskaya oblast'"}},
        "RU-NIZ": {"name": "Nizhegorodskaya oblast'", "keys": {"nizhegorodskaya oblast'"}},
        "BF-01": {"name": "Nord", "keys": {"nord"}},
        "BF-02": {"name": "Centre-Nord", "keys": {"centre nord"}},
    }
    loose = gz._region_matcher(units, [])
    assert loose("RU", "Rostov Oblast") == "RU-ROS"
    assert loose("RU", "Novgorod Oblast") == "RU-NGR"
    assert loose("RU", "Nizhny Novgorod Oblast") is None  # no stem begins alike enough
    assert loose("BF", "Nord Region, Burkina Faso") == "BF-01"  # the same stem first
    assert gz._region_matcher(units, [], loose=False)("RU", "Rostov Oblast") is None


def test_a_table_with_one_region_for_a_country_gives_no_vote() -> None:
    unit = gz.local_units.LocalUnit
    found = [unit("A", "MG", -12.3, 49.3, "X Province"), unit("B", "MG", -18.9, 47.5, "X Province")]
    found += [unit("C", "KE", 0.5, 35.3, "Uasin Gishu"), unit("D", "KE", -1.3, 36.8, "Nairobi")]
    assert gz._one_region_countries(found) == {"MG"}


def test_first_level_units_have_points(gazetteer) -> None:
    for code in ("RU", "CN", "SE", "BF", "KE", "BD", "IQ"):
        units = [
            gazetteer.entry(i)
            for i in range(len(gazetteer))
            if gazetteer.entry(i).kind == gz.ADMIN1 and gazetteer.entry(i).country_code == code
        ]
        drawn = [u for u in units if u.lat is not None and not math.isnan(u.lat)]
        assert len(drawn) >= 0.75 * len(units), code


def test_west_bank_settlements_geonames_files_under_israel_are_in_palestine(gazetteer) -> None:
    def towns(name: str, code: str) -> list[gz.Entry]:
        return [e for e in gazetteer.lookup(name) if e.kind == gz.CITY and e.country_code == code]

    for name in ("Ariel", "Talmon", "Dolev"):
        [settlement] = towns(name, "PS")
        assert settlement.admin1 is not None  # filed under a governorate by its seat
    assert towns("Shilat", "IL")  # inside the Green Line
    assert towns("Katzrin", "IL")  # the Golan: not West Bank


def test_kenyan_constituencies_are_units_of_their_county(gazetteer) -> None:
    found = one(gazetteer, "Kipkelion East", gz.ADMIN2)
    assert (found.admin1, found.feature, found.admin2) == ("Kericho", gz.CONSTITUENCY, None)
    county = one(gazetteer, "Kericho", gz.ADMIN1)
    assert (found.lat, found.lon) == (county.lat, county.lon)  # the county's point
    assert one(gazetteer, "Imenti South", gz.ADMIN2).name == "South Imenti"  # older order
    # A name a town or county bears stays theirs; a town's own constituency is no key.
    for taken in ("Kiambu", "Chuka"):  # a county and town; a town named as an alias
        assert not [e for e in gazetteer.lookup(taken) if e.feature == gz.CONSTITUENCY]
    assert not gazetteer.lookup("Nyeri Town")
