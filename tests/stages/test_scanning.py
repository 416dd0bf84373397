"""Tests for the fast scans: each finds exactly what its plain pattern finds."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sitrep.stages
from sitrep.document import Document
from sitrep.stages import event_rules, events, scanning
from sitrep.stages.scanning import Caseless, may_match, readable, required
from tests.examples import example_articles

MODULES = [
    importlib.import_module(f"sitrep.stages.{info.name}")
    for info in pkgutil.iter_modules(sitrep.stages.__path__)
]
SCANS: dict[str, Caseless] = {
    f"{module.__name__.rsplit('.', 1)[1]}.{name}": value
    for module in MODULES
    for name, value in vars(module).items()
    if isinstance(value, Caseless)
}
SCANS.update({f"events._WEAPONS[{i}]": item[0] for i, item in enumerate(events._WEAPONS)})
SCANS.update({f"events._TARGETS[{i}]": item[0] for i, item in enumerate(events._TARGETS)})
# Every pattern a stage asks may_match about: the scans' and the trigger lexicon's.
GATED = {name: scan.pattern for name, scan in SCANS.items()}
GATED.update({f"TRIGGERS[{i}]": item[0] for i, item in enumerate(event_rules.TRIGGERS)})

TRICKY = [
    "Three soldiers were KILLED on 3 May 2021; Police said 12 were wounded.",
    "ISTANBUL, 9 JAN 90 (EFE) -- TWO ROCKETS HIT THE AIRPORT ON SUNDAY.",
    "\u0130stanbul: \u0131 \u017foldiers \u017faid \u212aabul was hit by rockets on Monday",
    "\u00c9ric was killed on 3 May in Z\u00fcrich; \u00c7A said 5 soldiers were wounded.",
    "\u039f\u0394\u039f\u03a3 killed 3 people last week, according to police",
    "between 3 and 5 May 2021, at least 12 civilians died in air strikes",
    "",
]


def _texts() -> list[str]:
    texts = list(TRICKY)
    for article in example_articles():
        texts += [article.text, Document(article.text).text, article.text.upper()]
    return texts


TEXTS = _texts()


def _found(matches: list[re.Match[str]]) -> list[tuple]:
    return [(m.span(), m.groups(), m.group(0)) for m in matches]


@pytest.mark.parametrize("name", sorted(SCANS))
def test_a_scan_finds_what_its_pattern_finds(name: str) -> None:
    scan = SCANS[name]
    for text in TEXTS:
        lowered = text.lower()
        assert _found(scan.finditer(text, lowered)) == _found(scan.pattern.finditer(text))
        middle = len(text) // 3, len(text) - len(text) // 3
        plain = scan.pattern.search(text, *middle)
        fast = scan.search(text, lowered, *middle)
        assert _found([fast] if fast else []) == _found([plain] if plain else [])
        plain = scan.pattern.search(text[middle[0] : middle[1]])
        fast = scan.search_slice(text, lowered, *middle)
        assert _found([fast] if fast else []) == _found([plain] if plain else [])


def test_every_scan_has_its_twin() -> None:
    # A scan without a twin is still right but slow: upper case or a scoped flag in its
    # pattern is the usual reason.
    assert [name for name, scan in SCANS.items() if scan.twin is None] == []


@pytest.mark.parametrize("name", sorted(GATED))
def test_may_match_is_false_only_where_the_pattern_cannot_match(name: str) -> None:
    pattern = GATED[name]
    for text in TEXTS:
        for probe in (text, text.lower()):
            if not may_match(pattern, probe):
                assert pattern.search(probe) is None, (name, probe[:80])


_PIECES = st.sampled_from(
    [
        "killed",
        "Killed",
        "KILLED",
        "3",
        "12",
        "2021",
        "May",
        "MAY",
        "Sunday",
        "on",
        "the",
        "two",
        "soldiers",
        "were",
        "wounded",
        "said",
        "according",
        "to",
        "police",
        "rocket",
        "ROCKETS",
        "dozens",
        "of",
        "at",
        "least",
        "between",
        "and",
        "claimed",
        "responsibility",
        "Kabul",
        "near",
        "km",
        "bomb",
        "protest",
        "students",
        "ago",
        "last",
        "year",
    ]
    + [" ", ", ", ". ", "\n\n", "-", "/", "\u00e9", "\u00dc", "\u03a3", "\u0130", "\u0131"]
    + ["\u017f", "\u212a", "\u01c5", "\u0301"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=30))
def test_scans_agree_with_their_patterns_on_any_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    lowered = text.lower()
    for scan in SCANS.values():
        assert _found(scan.finditer(text, lowered)) == _found(scan.pattern.finditer(text))
        if not may_match(scan.pattern, text, lowered):
            assert scan.pattern.search(text) is None


@pytest.mark.parametrize(
    ("source", "flags", "words"),
    [
        (
            r"\b(?:rockets?|mortars?(?: rounds?)?|shell(?:ing|ed|s))\b",
            0,
            ("rocket", "mortar", "shell"),
        ),
        (r"\bKilled|Dead\b", re.IGNORECASE, ("killed", "dead")),
        (r"(?:no|not)\s+(?:killed|wounded)", 0, ("killed", "wounded")),
        (r"(?:killed)?dead|x{2}died", 0, ("dead", "died")),
        (r"(?P<who>\w+) was (?:shot|hit)", 0, (" was ",)),
        (r"kill\.ed|[abc]def", 0, ("kill.ed", "def")),
    ],
)
def test_required_words_are_read_from_the_source(source: str, flags: int, words) -> None:
    need = required(re.compile(source, flags))
    assert need is not None
    assert sorted(need.words) == sorted(words)
    assert need.fold == bool(flags & re.IGNORECASE)


@pytest.mark.parametrize(
    "source",
    [
        r"ab|cd",  # too short to be worth a look-up
        r"(?i:killed)",  # scoped flags are not followed
        r"kill\x65d",  # nor escapes that stand for a letter
        r"(?:killed)?|dead",  # one branch needs no word
        r"killed|\w+",
    ],
)
def test_patterns_without_readable_words_are_always_scanned(source: str) -> None:
    pattern = re.compile(source)
    assert required(pattern) is None
    assert may_match(pattern, "nothing here")


def test_a_pattern_with_upper_case_gets_no_twin_and_is_scanned_as_it_is() -> None:
    scan = Caseless(re.compile(r"\b[A-Z]\w+ said\b", re.IGNORECASE))
    assert scan.twin is None
    assert [m.group(0) for m in scan.finditer("Police said", "police said")] == ["Police said"]


def test_readable_refuses_letters_that_fold_to_ascii_or_grow_when_lower_cased() -> None:
    assert readable("Kabul", "kabul")
    assert readable("Z\u00fcrich", "z\u00fcrich")
    assert not readable("\u017foldiers", "\u017foldiers")  # a long s is an "s" to IGNORECASE
    assert not readable("\u0130stanbul", "\u0130stanbul".lower())  # two characters lower-cased


def test_the_ascii_folds_are_every_non_ascii_letter_ignorecase_reads_as_ascii() -> None:
    ascii_letter = re.compile("[a-z]", re.IGNORECASE)
    folding = {chr(c) for c in range(128, 0x110000) if ascii_letter.fullmatch(chr(c))}
    assert folding == set(scanning._ASCII_FOLDS.pattern.strip("[]"))
