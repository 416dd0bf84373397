"""Country codes to ACLED and GTD regions, and ISO 3166 numeric codes from pycountry.

ACLED groups countries into 17 regions (its ``region`` column); GTD into 12 (``region_txt``).
The tables are ours, written from the two codebooks' region lists; a territory either
project files differently is the rare case, and the country columns stay authoritative.
"""

from __future__ import annotations

from functools import lru_cache

_ACLED_REGIONS = {
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG",
    "Middle Africa": "AO CD CF CG CM GA GQ ST TD",
    "Eastern Africa": "BI DJ ER ET IO KE KM MG MU MW MZ RE RW SC SO SS TF TZ UG YT ZM ZW",
    "Southern Africa": "BW LS NA SZ ZA",
    "Northern Africa": "DZ EG EH LY MA SD TN",
    "Middle East": "AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "South Asia": "AF BD BT IN LK MV NP PK",
    "Southeast Asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Caucasus and Central Asia": "AM AZ GE KG KZ TJ TM UZ",
    "Europe": (
        "AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE"
        " LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK"
    ),
    "North America": "BM CA GL PM US",
    "Central America": "BZ CR GT HN MX NI PA SV",
    "Caribbean": (
        "AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI"
    ),
    "South America": "AR BO BR CL CO EC FK GF GY PE PY SR UY VE",
    "Oceania": "AS AU CC CK CX FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS",
    "Antarctica": "AQ BV GS HM",
}
ACLED_REGION = {code: region for region, codes in _ACLED_REGIONS.items() for code in codes.split()}

# GTD's regions mostly merge or split ACLED's; these countries sit elsewhere in GTD.
_GTD_FROM_ACLED = {
    "Western Africa": "Sub-Saharan Africa",
    "Middle Africa": "Sub-Saharan Africa",
    "Eastern Africa": "Sub-Saharan Africa",
    "Southern Africa": "Sub-Saharan Africa",
    "Northern Africa": "Middle East & North Africa",
    "Middle East": "Middle East & North Africa",
    "South Asia": "South Asia",
    "Southeast Asia": "Southeast Asia",
    "East Asia": "East Asia",
    "Caucasus and Central Asia": "Central Asia",
    "Europe": "Western Europe",
    "North America": "North America",
    "Central America": "Central America & Caribbean",
    "Caribbean": "Central America & Caribbean",
    "South America": "South America",
    "Oceania": "Australasia & Oceania",
    "Antarctica": "Australasia & Oceania",
}
_GTD_EASTERN_EUROPE = "AL BA BG BY CZ EE HR HU LT LV MD ME MK PL RO RS RU SI SK UA XK"
_GTD_OVERRIDES = {
    **{code: "Eastern Europe" for code in _GTD_EASTERN_EUROPE.split()},
    "MX": "North America",
    "SD": "Sub-Saharan Africa",
}


def acled_region(country_code: str | None) -> str | None:
    """ACLED's region name for an ISO 3166-1 alpha-2 code, or None when unknown."""
    return ACLED_REGION.get((country_code or "").upper())


def gtd_region(country_code: str | None) -> str | None:
    """GTD's ``region_txt`` for an ISO 3166-1 alpha-2 code, or None when unknown."""
    code = (country_code or "").upper()
    if code in _GTD_OVERRIDES:
        return _GTD_OVERRIDES[code]
    region = ACLED_REGION.get(code)
    return _GTD_FROM_ACLED[region] if region else None


@lru_cache(maxsize=512)
def iso_numeric(country_code: str | None) -> int | None:
    """ISO 3166-1 numeric code (Iraq: 368), as ACLED's ``iso`` column writes it."""
    import pycountry

    country = (
        pycountry.countries.get(alpha_2=(country_code or "").upper()) if country_code else None
    )
    return int(country.numeric) if country else None
