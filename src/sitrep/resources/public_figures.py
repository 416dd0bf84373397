"""Public figures who tie a story to one country (``data/public_figures.tsv``, ours).

Heads of state and government, opposition leaders and a few other national figures. The
events stage places a story that names no place and no actor of a country in the country
of the figure it names ("Riots broke out after the announcement of Kibaki's win"); the
places stage does not read a figure's one-word name as a town ("Kibaki" is not Kybaky).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from . import data_path, read_tsv
from . import gazetteer as gz


class FigureHit(NamedTuple):
    """A figure named in a text: where, and the country the figure belongs to."""

    start: int
    end: int
    country_code: str


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Each written name of a figure -> the figure's country."""
    names: dict[str, str] = {}
    for row in read_tsv(data_path("public_figures.tsv")):
        for name in [row["name"], *row["aliases"].split("|")]:
            if name.strip():
                names[name.strip()] = row["country"]
    return names


@lru_cache(maxsize=2)
def _pattern(caseless: bool) -> re.Pattern[str]:
    # Longest first, so "Uhuru Kenyatta" wins over "Kenyatta".
    names = sorted(_names(), key=len, reverse=True)
    alternation = "|".join(re.escape(name) for name in names)
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE if caseless else 0)


@lru_cache(maxsize=1)
def _countries_by_key() -> dict[str, str]:
    return {name.lower(): code for name, code in _names().items()}


def find_figures(text: str, *, caseless: bool = False) -> list[FigureHit]:
    """The figures named in ``text``; ``caseless`` for text whose capitals say nothing
    (wire copy in capitals), else names match with their capitals only."""
    countries = _countries_by_key()
    return [
        FigureHit(match.start(), match.end(), countries[match.group(0).lower()])
        for match in _pattern(caseless).finditer(text)
    ]


@lru_cache(maxsize=1)
def figure_name_keys() -> frozenset[str]:
    """Name keys (``gazetteer.name_key``) of the one-word names of figures ("kibaki")."""
    return frozenset(gz.name_key(name) for name in _names() if " " not in name.strip())
