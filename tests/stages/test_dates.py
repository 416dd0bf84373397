"""Tests for the dates stage: every form it resolves, the false hits it avoids, bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.document import Document
from sitrep.model import DateMention
from sitrep.settings import Settings
from sitrep.stages.dates import DateStage

D = dt.date
# Wednesday 7 April 2021.
PUBLISHED = D(2021, 4, 7)
STAGE = DateStage(Settings())


def run(text: str, published: dt.date | None = PUBLISHED) -> Document:
    doc = Document(text, published=published)
    STAGE(doc)
    return doc


def mentions(text: str, published: dt.date | None = PUBLISHED) -> list[DateMention]:
    return run(text, published).layer("dates")


def only(text: str, published: dt.date | None = PUBLISHED) -> DateMention:
    found = mentions(text, published)
    assert len(found) == 1, [m.evidence[0].text for m in found]
    return found[0]


def span(mention: DateMention) -> tuple[dt.date | None, dt.date | None, str | None]:
    return mention.start, mention.end, mention.precision


@pytest.mark.parametrize(
    ("text", "expected", "evidence"),
    [
        ("Clashes broke out on 4 April 2021 in the city.", D(2021, 4, 4), "4 April 2021"),
        ("Clashes broke out on April 4 in the city.", D(2021, 4, 4), "April 4"),
        ("Clashes broke out on April 4th, 2021 in the city.", D(2021, 4, 4), "April 4th, 2021"),
        ("Clashes broke out on 04/04/2021 in the city.", D(2021, 4, 4), "04/04/2021"),
        ("Clashes broke out on 2021-04-04 in the city.", D(2021, 4, 4), "2021-04-04"),
        ("Clashes broke out on Oct 5th 2019 in the city.", D(2019, 10, 5), "Oct 5th 2019"),
        ("Clashes broke out on 5 Sept 2019 in the city.", D(2019, 9, 5), "5 Sept 2019"),
        ("Clashes broke out on the 4th of April.", D(2021, 4, 4), "4th of April"),
        ("Residents protested on 29/05/2017.", D(2017, 5, 29), "29/05/2017"),
        ("A mob attacked him on 15/03.", D(2021, 3, 15), "15/03"),
    ],
)
def test_absolute_dates(text: str, expected: dt.date, evidence: str) -> None:
    mention = only(text)
    assert span(mention) == (expected, expected, "day")
    assert mention.kind == "absolute"
    assert mention.evidence[0].text == evidence
    assert mention.time_precision == 1


def test_two_digit_year_pivots_before_reference() -> None:
    mention = only("THE ATTACK TOOK PLACE ON 09 JAN 90 (EFE).", published=D(1990, 1, 10))
    assert mention.start == D(1990, 1, 9)
    assert only("on 09 JAN 21 -- x", published=D(2021, 1, 10)).start == D(2021, 1, 9)


def test_hour_after_a_date_is_not_a_two_digit_year() -> None:
    # ACLED: "10 April, 23:00EAT" is 10 April at 23:00, not 10 April 1923.
    mention = only(
        "Non-violent activity: 10 April, 23:00EAT, Mandera: trucks were hijacked.",
        dt.date(2017, 4, 12),
    )
    assert (mention.start, mention.evidence[0].text) == (dt.date(2017, 4, 10), "10 April")


def test_no_year_date_rolls_back_when_after_reference() -> None:
    assert only("Gunmen attacked the village on 20 December.").start == D(2020, 12, 20)
    assert only("Gunmen attacked the village on 2 April.").start == D(2021, 4, 2)


def test_explicit_date_after_reference_is_kept_but_doubted() -> None:
    doc = run("Gunmen attacked the village on 20 December 2021.")
    (mention,) = doc.layer("dates")
    assert mention.start == D(2021, 12, 20)
    assert mention.confidence <= 0.3
    assert [note.code for note in doc.notes] == ["date.after_reference"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rockets hit the base on Sunday.", (D(2021, 4, 4), D(2021, 4, 4), "day")),
        ("Rockets hit the base on Wednesday.", (D(2021, 4, 7), D(2021, 4, 7), "day")),
        ("Rockets hit the base last Wednesday.", (D(2021, 3, 31), D(2021, 3, 31), "day")),
        ("Rockets hit the base last Tuesday.", (D(2021, 4, 6), D(2021, 4, 6), "day")),
        ("Rockets hit the base on Sunday night.", (D(2021, 4, 4), D(2021, 4, 4), "day")),
    ],
)
def test_weekdays(text: str, expected: tuple) -> None:
    mention = only(text)
    assert span(mention) == expected
    assert mention.kind == "weekday"
    assert not mention.future


def test_weekday_evidence_includes_time_of_day_not_preposition() -> None:
    assert only("Rockets hit the base on Sunday night.").evidence[0].text == "Sunday night"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police fired tear gas today.", (D(2021, 4, 7), D(2021, 4, 7), "day")),
        ("Police fired tear gas this morning.", (D(2021, 4, 7), D(2021, 4, 7), "day")),
        ("Police will fire tear gas tonight.", (D(2021, 4, 7), D(2021, 4, 7), "day")),
        ("Police fired tear gas yesterday.", (D(2021, 4, 6), D(2021, 4, 6), "day")),
        ("Police fired tear gas last night.", (D(2021, 4, 6), D(2021, 4, 6), "day")),
        ("Police fired tear gas the day before yesterday.", (D(2021, 4, 5), D(2021, 4, 5), "day")),
        ("Police fired tear gas last week.", (D(2021, 3, 29), D(2021, 4, 4), "week")),
        ("Police fired tear gas this week.", (D(2021, 4, 5), D(2021, 4, 7), "week")),
        ("Police fired tear gas last weekend.", (D(2021, 4, 3), D(2021, 4, 4), "week")),
        ("Police fired tear gas earlier this month.", (D(2021, 4, 1), D(2021, 4, 6), "month")),
        ("Police fired tear gas last month.", (D(2021, 3, 1), D(2021, 3, 31), "month")),
        ("Police fired tear gas two days ago.", (D(2021, 4, 5), D(2021, 4, 5), "day")),
    ],
)
def test_relative_expressions(text: str, expected: tuple) -> None:
    mention = only(text)
    assert span(mention) == expected
    assert mention.kind == "relative"
    assert mention.anchor == PUBLISHED


@pytest.mark.parametrize(
    ("text", "expected", "evidence"),
    [
        ("Fighting flared in early March.", (D(2021, 3, 1), D(2021, 3, 10), "week"), "early March"),
        (
            "Fighting flared in mid-March 2020.",
            (D(2020, 3, 11), D(2020, 3, 20), "week"),
            "mid-March 2020",
        ),
        ("Fighting flared in late March.", (D(2021, 3, 21), D(2021, 3, 31), "week"), "late March"),
        ("Fighting flared in March 2020.", (D(2020, 3, 1), D(2020, 3, 31), "month"), "March 2020"),
        ("Fighting flared in June.", (D(2020, 6, 1), D(2020, 6, 30), "month"), "June"),
        ("Fighting flared in 2019.", (D(2019, 1, 1), D(2019, 12, 31), "year"), "2019"),
        (
            "He was shot January 3 last year.",
            (D(2020, 1, 3), D(2020, 1, 3), "day"),
            "January 3 last year",
        ),
        (
            "He was shot in January last year.",
            (D(2020, 1, 1), D(2020, 1, 31), "month"),
            "January last year",
        ),
    ],
)
def test_months_and_years(text: str, expected: tuple, evidence: str) -> None:
    mention = only(text)
    assert span(mention) == expected
    assert mention.evidence[0].text == evidence


@pytest.mark.parametrize(
    ("text", "expected", "evidence"),
    [
        (
            "Riots raged between 3 and 5 March.",
            (D(2021, 3, 3), D(2021, 3, 5), "week"),
            "between 3 and 5 March",
        ),
        ("Riots raged 3-5 March 2021.", (D(2021, 3, 3), D(2021, 3, 5), "week"), "3-5 March 2021"),
        (
            "Riots raged from 3 to 5 March.",
            (D(2021, 3, 3), D(2021, 3, 5), "week"),
            "from 3 to 5 March",
        ),
        (
            "Riots raged between March 3 and March 5.",
            (D(2021, 3, 3), D(2021, 3, 5), "week"),
            "between March 3 and March 5",
        ),
        ("Riots raged on 3 and 4 March.", (D(2021, 3, 3), D(2021, 3, 4), "week"), "3 and 4 March"),
        (
            "A raid on the night of 3-4 March.",
            (D(2021, 3, 3), D(2021, 3, 4), "day"),
            "the night of 3-4 March",
        ),
        (
            "Riots raged 30 March - 2 April.",
            (D(2021, 3, 30), D(2021, 4, 2), "week"),
            "30 March - 2 April",
        ),
        ("Riots raged 1-25 March.", (D(2021, 3, 1), D(2021, 3, 25), "month"), "1-25 March"),
    ],
)
def test_ranges(text: str, expected: tuple, evidence: str) -> None:
    mention = only(text)
    assert span(mention) == expected
    assert mention.kind == "range"
    assert mention.evidence[0].text == evidence


def test_anaphora_chain_follows_the_last_established_date() -> None:
    found = mentions(
        "Gunmen attacked the town on 3 March. The next day, police arrived. "
        "Two days later the army came. Three days earlier there had been warnings. "
        "A week later talks began."
    )
    assert [(m.kind, m.start) for m in found] == [
        ("absolute", D(2021, 3, 3)),
        ("anaphoric", D(2021, 3, 4)),
        ("anaphoric", D(2021, 3, 6)),
        ("anaphoric", D(2021, 3, 3)),
        ("anaphoric", D(2021, 3, 10)),
    ]
    assert found[1].anchor == D(2021, 3, 3)
    assert found[1].confidence > 0.5


@pytest.mark.parametrize(
    ("phrase", "offset"),
    [
        ("the previous day", -1),
        ("the day before", -1),
        ("the following day", 1),
        ("the same day", 0),
        ("the next day", 1),
    ],
)
def test_anaphora_forms(phrase: str, offset: int) -> None:
    last = mentions(f"Clashes on 10 March. Protests {phrase}, witnesses said.")[-1]
    assert last.start == D(2021, 3, 10) + dt.timedelta(days=offset)


def test_anaphora_after_a_range_counts_from_its_end() -> None:
    last = mentions("15-16 March: attacks in the capital. The following day, more.")[-1]
    assert last.start == D(2021, 3, 17)


def test_anaphora_without_a_story_date_falls_back_to_reference() -> None:
    mention = only("Police arrested a man. The previous day, he was seen at the scene.")
    assert mention.start == D(2021, 4, 6)
    assert mention.confidence <= 0.5


def test_vague_expressions() -> None:
    found = mentions(
        "He was recently released. Days later he was shot. Over the past months, 5 died."
    )
    assert [m.kind for m in found] == ["vague", "vague", "vague"]
    assert all(m.confidence <= 0.3 for m in found)
    assert span(found[0]) == (D(2021, 3, 31), D(2021, 4, 7), "week")
    assert found[1].start == D(2021, 4, 8)  # days after the reference fallback
    assert found[2].precision == "month"


def test_vague_width_follows_the_setting() -> None:
    doc = Document("He was recently released.", published=PUBLISHED)
    DateStage(Settings.from_env({}, dates__vague_days=3))(doc)
    assert doc.layer("dates")[0].start == D(2021, 4, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks will begin on Monday.", D(2021, 4, 12)),
        ("The strike is due to start next week.", D(2021, 4, 12)),
        ("The vote is scheduled for 10 April.", D(2021, 4, 10)),
        ("The upcoming rally on Sunday is banned.", D(2021, 4, 11)),
    ],
)
def test_future_wording(text: str, expected: dt.date) -> None:
    doc = run(text)
    (mention,) = doc.layer("dates")
    assert mention.future
    assert mention.start == expected
    assert not doc.notes


def test_past_clause_after_will_is_not_future() -> None:
    mention = only("As you will recall, he was kidnapped on 20 December by the group.")
    assert not mention.future
    assert mention.start == D(2020, 12, 20)


def test_dateline_sets_the_reference() -> None:
    doc = run("BAGHDAD, April 4 (Reuters) - Two rockets hit the base yesterday.", D(2021, 4, 5))
    dateline, yesterday = doc.layer("dates")
    assert doc.layer("reference_date") == D(2021, 4, 4)
    assert (dateline.kind, dateline.start) == ("dateline", D(2021, 4, 4))
    assert yesterday.start == D(2021, 4, 3)


def test_all_caps_dateline_and_body() -> None:
    doc = run(
        "LIMA, 9 JAN 90 (EFE) -- [TEXT] TERRORISTS KILLED TWO POLICEMEN YESTERDAY. "
        "THE MASS KIDNAPPING TOOK PLACE ON 30 DECEMBER.  BOMBS EXPLODED LAST NIGHT.",
        published=None,
    )
    assert doc.all_caps
    assert doc.layer("reference_date") == D(1990, 1, 9)
    assert [(m.kind, m.start, m.evidence[0].text) for m in doc.layer("dates")] == [
        ("dateline", D(1990, 1, 9), "9 JAN 90"),
        ("relative", D(1990, 1, 8), "YESTERDAY"),
        ("absolute", D(1989, 12, 30), "30 DECEMBER"),
        ("relative", D(1990, 1, 8), "LAST NIGHT"),
    ]


def test_dateline_with_no_agency() -> None:
    doc = run("SAN SALVADOR, 3 JAN 90 -- [REPORT] A CLASH THIS MORNING.", published=D(1990, 1, 4))
    assert doc.layer("reference_date") == D(1990, 1, 3)
    assert doc.layer("dates")[-1].start == D(1990, 1, 3)


def test_weekday_glued_to_date_is_one_mention() -> None:
    mention = only("He was shot dead on Sunday [1 June] night.", published=D(2014, 6, 2))
    assert mention.start == D(2014, 6, 1)
    assert mention.evidence[0].text == "Sunday [1 June"


@pytest.mark.parametrize(
    "text",
    [
        "Protesters may be arrested. It may rain.",
        "Thousands joined a protest march through the city.",
        "The Sun reported the story.",
        "Some 2,500 people fled; 1/2 of them were children.",
        "Fighting started at 10:30 with AK-47 rifles.",
        "The man, aged 25, was a veteran of the 1990s wars.",
        "The 2019 law banned rallies.",
        "The M-19 [19 April Movement] disarmed.",
        "They demanded the removal of officials accused of bungling the August 8 polls.",
        "THIS MAY BE THE LAST CHANCE, THEY MAY SAY.",
    ],
)
def test_false_hits(text: str) -> None:
    assert mentions(text) == []


def test_no_published_date() -> None:
    doc = run("Gunmen attacked on 4 April 2021. Police came yesterday.", published=None)
    (mention,) = doc.layer("dates")
    assert mention.start == D(2021, 4, 4)
    assert doc.layer("reference_date") is None
    assert [note.code for note in doc.notes] == ["date.no_reference"]


def test_empty_text() -> None:
    doc = run("")
    assert doc.layer("dates") == []
    assert doc.layer("reference_date") == PUBLISHED


@pytest.mark.parametrize("text", ["It happened on 32 March 2021.", "It happened on February 30."])
def test_impossible_dates_are_noted(text: str) -> None:
    doc = run(text)
    assert doc.layer("dates") == []
    assert [note.code for note in doc.notes] == ["date.unparsed"]
    assert doc.notes[0].evidence is not None


def test_evidence_maps_through_normalisation() -> None:
    doc = run("Caf\u00e9 attack on 4\u00a0April\u00a02021 \u2014 and on 5 April.")
    for mention in doc.layer("dates"):
        ev = mention.evidence[0]
        assert doc.original[ev.start : ev.end] == ev.text
    assert doc.layer("dates")[0].evidence[0].text == "4\u00a0April\u00a02021"


DATE_PIECES = [
    "4 April 2021",
    "April 4th, 2021",
    "04/04/2021",
    "2021-04-04",
    "09 JAN 90",
    "yesterday",
    "last week",
    "on Sunday night",
    "the next day",
    "between 3 and 5 May",
    "mid-March",
    "recently",
    "BAGHDAD, April 4 (Reuters) -",
    "two days later",
    "32 March",
    "February 30",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(st.text(max_size=30), st.sampled_from(DATE_PIECES)), min_size=1, max_size=8),
    st.one_of(st.none(), st.dates(min_value=D(1950, 1, 1), max_value=D(2090, 12, 31))),
)
def test_evidence_always_matches_the_original(pieces: list[str], published: dt.date | None) -> None:
    doc = run(" ".join(pieces), published)
    for mention in doc.layer("dates"):
        (ev,) = mention.evidence
        assert ev.text == doc.original[ev.start : ev.end]
        assert mention.start is not None and mention.end is not None
        assert mention.start <= mention.end


def test_reported_on_is_known_to_within_a_week() -> None:
    mention = only("As reported on 1 March 2020, 25 soldiers switched sides.")
    assert span(mention) == (D(2020, 3, 1), D(2020, 3, 1), "week")
    assert mention.time_precision == 2
