"""GTD-style CSV: the Global Terrorism Database's column names, in its order, for the
fields sitrep codes in GTD's vocabulary (attack, target and weapon types, specificity).

GTD writes an unknown month or day as 0 and describes an approximate date in
``approxdate``; ``eventid`` is GTD's 12 digits, YYYYMMDD and a 4-digit case number for
that day (numbered within this export); ``addnotes`` names the sitrep record each row
comes from.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from ..model import Event, Extraction
from .fields import EventPair, event_date, event_sentence, outlet_name
from .regions import gtd_region

COLUMNS = (
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "approxdate",
    "extended",
    "country_txt",
    "region_txt",
    "provstate",
    "city",
    "latitude",
    "longitude",
    "specificity",
    "vicinity",
    "summary",
    "attacktype1_txt",
    "targtype1_txt",
    "target1",
    "gname",
    "claimed",
    "weaptype1_txt",
    "weapdetail",
    "nkill",
    "nwound",
    "addnotes",
    "scite1",
    "dbsource",
)
# A place at this precision is a town GTD would name in ``city``; coarser ones leave it empty.
# An unknown place is a locality named in the text that the gazetteer lacks: GTD names it too.
CITY_PRECISIONS = {"exact", "near", "unknown"}


def row(extraction: Extraction, event: Event, *, case: int) -> dict[str, object]:
    """One event as a GTD row; ``case`` is its number among this export's events of that day."""
    place = event.place
    year, month, day = _date_parts(event)
    article = extraction.article
    citation = "; ".join(
        part for part in (outlet_name(extraction), article.title, article.url) if part
    )
    return {
        "eventid": f"{year:04d}{month:02d}{day:02d}{case:04d}",
        "iyear": year or None,
        "imonth": month if year else None,
        "iday": day if year else None,
        "approxdate": _approximate(event),
        "extended": None,
        "country_txt": place.country if place else None,
        "region_txt": gtd_region(place.country_code) if place else None,
        "provstate": place.admin1 if place else None,
        "city": place.name if place and place.precision in CITY_PRECISIONS else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "specificity": place.gtd_specificity if place else None,
        "vicinity": int(place.precision == "near") if place and place.precision else None,
        "summary": event_sentence(extraction, event),
        "attacktype1_txt": event.attack_type,
        "targtype1_txt": event.target_type,
        "target1": event.targets[0].text if event.targets else None,
        "gname": event.actor1.name if event.actor1 else "Unknown",
        "claimed": None if event.claimed is None else int(event.claimed),
        "weaptype1_txt": event.weapon_type,
        "weapdetail": "; ".join(w.subtype for w in event.weapons if w.subtype) or None,
        "nkill": event.fatalities.best if event.fatalities else None,
        "nwound": event.injuries.best if event.injuries else None,
        "addnotes": f"sitrep {article.id}#{event.id}; mode={event.mode}",
        "scite1": citation or None,
        "dbsource": "sitrep",
    }


def _date_parts(event: Event) -> tuple[int, int, int]:
    """(year, month, day) with 0 for what the date does not pin down, as GTD writes them."""
    day = event_date(event.date)
    if day is None or event.date is None:
        return 0, 0, 0
    if event.date.precision == "year":
        return day.year, 0, 0
    if event.date.precision in ("week", "month"):
        return day.year, day.month, 0
    return day.year, day.month, day.day


def _approximate(event: Event) -> str | None:
    date = event.date
    if date is None or date.start is None or date.precision == "day":
        return None
    return f"{date.start.isoformat()} to {(date.end or date.start).isoformat()}"


def write(events: Iterable[EventPair], out: TextIO) -> int:
    """Write a header and one row per event to ``out``; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    cases: Counter[tuple[int, int, int]] = Counter()
    for extraction, event in events:
        parts = _date_parts(event)
        cases[parts] += 1
        writer.writerow(row(extraction, event, case=cases[parts]))
    return sum(cases.values())
