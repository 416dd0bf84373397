"""Given names of many countries (``data/given_names.tsv``): Hector, Ignacio, Todd, Wanjiru.

The events stage reads a run of capitalised words, or of any words in wire caps, as a
person's name when a given name opens it ("HECTOR OQUELI COLINDRES"); our own
``person_names.tsv`` holds only a few hundred names, too few for the victims of a year of
reports.

The file is built by ``python -m sitrep.resources.given_names`` from the name table of
the ``gender-guesser`` wheel (``nam_dict.txt``: about 48,000 names, each with how common
it is in some 55 countries, 1 = rare to 13 = very common), fetched from the package index
and never installed. It keeps one-word names of Latin letters common somewhere
(``MIN_FREQUENCY``) that are not everyday English words: a word from wordfreq's list at
Zipf ``MAX_WORD_ZIPF`` or more stays only if it is a very common name (``COMMON_NAME``:
John, David, Maria), and never if it is a stop word or in ``NOT_NAMES``
("May", "Hope", "San"). Building needs ``wordfreq`` (the ``build`` extra); reading it
needs nothing.
"""

from __future__ import annotations

import re
import zipfile
from functools import lru_cache
from pathlib import Path

from . import built_path, data_path, fetch_wheel, read_tsv

FILENAME = "given_names.tsv"
PACKAGE = "gender-guesser==0.4.0"
WHEEL = "gender_guesser-0.4.0-py2.py3-none-any.whl"
TABLE = "gender_guesser/data/nam_dict.txt"
MIN_FREQUENCY = 2  # 1 is "rare" in every country: too many words are someone's name
MAX_WORD_ZIPF = 4.0  # once in 100,000 English words
COMMON_NAME = 7
# Names that are words of the news, or open place names, more often than they open a name.
NOT_NAMES = frozenset(
    """
    said may man long young guy else soon son song june april august won ok uk beat hi sun
    gun christian ran rose tea moon joke loan ah un hang marine gang tone angel odd tho edit
    ton pat thai ion nato tan bo xi il mi li ai ba ho ha min hung sang jordan georgia
    victoria milan roman le bin hong mate chan san santa santo el la los las puerto villa
    ciudad general major hope grace faith joy will mark bill art king prince chance summer
    dawn
    """.split()  # noqa: SIM905 - a word list reads best as words
)
_LINE = re.compile(r"^[MF?=1 ]{2} (?P<name>[A-Za-z]+) +(?P<counts>[0-9A-D ]*)$")
HEADER = """\
# Given names, built by `python -m sitrep.resources.given_names` from the name table of the
# gender-guesser wheel (nam_dict.txt, GNU FDL; names are facts) and English word
# frequencies (package wordfreq). Do not edit by hand: rebuild.
name
"""


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """The given names, lower-cased."""
    return frozenset(row["name"] for row in read_tsv(data_path(FILENAME)))


def _frequencies(wheel: Path) -> dict[str, int]:
    """Each one-word name of the wheel's table -> how common it is where most common."""
    with zipfile.ZipFile(wheel) as archive:
        lines = archive.read(TABLE).decode("iso-8859-1").splitlines()
    found: dict[str, int] = {}
    for line in lines:
        match = _LINE.match(line.rstrip("$ "))
        if match is None:
            continue
        counts = [int(c, 16) for c in match["counts"] if c != " "]
        name = match["name"].lower()
        found[name] = max(found.get(name, 0), max(counts, default=0))
    return found


def build(path: Path | None = None) -> Path:
    """Write the table from package data; return the file written."""
    from spacy.lang.en.stop_words import STOP_WORDS
    from wordfreq import zipf_frequency

    path = path or data_path(FILENAME)
    wheel = fetch_wheel(PACKAGE, WHEEL, built_path(WHEEL).parent)
    names = sorted(
        name
        for name, frequency in _frequencies(wheel).items()
        if frequency >= MIN_FREQUENCY
        and len(name) > 2
        and name not in STOP_WORDS | NOT_NAMES
        and (frequency >= COMMON_NAME or zipf_frequency(name, "en") < MAX_WORD_ZIPF)
    )
    path.write_text(HEADER + "\n".join(names) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(build())
