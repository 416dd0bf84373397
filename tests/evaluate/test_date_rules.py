"""The date rules: predicted intervals, MUC gold ranges and answer-key alternatives, and the
``stated`` / ``accuracy_stated`` metrics. These pin the rules as docs/evaluation.md states them."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.evaluate.datasets import GoldRecord
from sitrep.evaluate.fields import FIELDS, muc_date_alternatives
from sitrep.evaluate.scoring import Scorer
from sitrep.model import Article, DateValue, Event, Extraction

D = dt.date


def day(value: dt.date, **kw) -> DateValue:
    return DateValue(start=value, end=value, precision="day", **kw)


def date_correct(gold_event: dict, predicted: DateValue, field: str = "date") -> bool:
    spec = FIELDS[field]
    event = Event(id="e1", date=predicted, main=True)
    return spec.match(gold_event[field], spec.predict(event), gold_event)


def test_same_day():
    assert date_correct({"date": "2019-05-03"}, day(D(2019, 5, 3)))
    assert not date_correct({"date": "2019-05-03"}, day(D(2019, 5, 4)))


@pytest.mark.parametrize(
    ("precision", "start", "end", "correct"),
    [
        ("week", D(2019, 4, 29), D(2019, 5, 5), True),
        ("month", D(2019, 5, 1), D(2019, 5, 31), True),
        ("month", D(2019, 4, 1), D(2019, 4, 30), False),
    ],
)
def test_interval_coarser_than_a_day_is_right_when_it_holds_the_gold_day(
    precision, start, end, correct
):
    predicted = DateValue(start=start, end=end, precision=precision)
    assert date_correct({"date": "2019-05-03"}, predicted) is correct


def test_muc_gold_range_accepts_a_day_inside_it():
    gold = {"date": "1989-03-16", "date_end": "1989-03-18", "date_raw": "16 MAR 89 - 18 MAR 89"}
    assert date_correct(gold, day(D(1989, 3, 17)))
    assert date_correct(gold, day(D(1989, 3, 18)))
    assert not date_correct(gold, day(D(1989, 3, 19)))
    # date_end itself is scored on the end day only.
    assert date_correct(gold, day(D(1989, 3, 18)), "date_end")
    assert not date_correct(gold, day(D(1989, 3, 17)), "date_end")


def test_muc_answer_key_alternatives_any_one_is_right():
    gold = {"date": "1989-03-19", "date_raw": "19 MAR 89 / 18 MAR 89"}
    assert date_correct(gold, day(D(1989, 3, 19)))
    assert date_correct(gold, day(D(1989, 3, 18)))
    assert not date_correct(gold, day(D(1989, 3, 17)))


def test_muc_date_alternatives_parsing():
    assert muc_date_alternatives("19 MAR 89 / 18 MAR 89") == [
        (D(1989, 3, 19), D(1989, 3, 19)),
        (D(1989, 3, 18), D(1989, 3, 18)),
    ]
    assert muc_date_alternatives("(29 MAR 89 - 30 MAR 89) / 30 MAR 89") == [
        (D(1989, 3, 29), D(1989, 3, 30)),
        (D(1989, 3, 30), D(1989, 3, 30)),
    ]
    assert muc_date_alternatives("29 AUG 89 / (- 29 AUG 89)") == [
        (D(1989, 8, 29), D(1989, 8, 29)),
        (None, D(1989, 8, 29)),
    ]
    assert muc_date_alternatives("11 NOV 89 - 31 NOV 89") == [(D(1989, 11, 11), D(1989, 11, 11))]
    assert muc_date_alternatives(None) == []


def test_muc_answer_key_alternatives_count_for_the_end_day_too():
    gold = {
        "date": "1989-05-25",
        "date_end": "1989-05-26",
        "date_raw": "(25 MAY 89 - 26 MAY 89) / (25 MAY 89)",
    }
    assert date_correct(gold, day(D(1989, 5, 26)), "date_end")
    assert date_correct(gold, day(D(1989, 5, 25)), "date_end")  # the second alternative
    assert not date_correct(gold, day(D(1989, 5, 24)), "date_end")


def test_open_start_alternative_counts_only_its_own_day():
    # "(- 29 AUG 89)" is parsed as (None, 29 AUG); the comparison reads None as the end day.
    gold = {"date": "1989-08-30", "date_raw": "30 AUG 89 / (- 29 AUG 89)"}
    assert date_correct(gold, day(D(1989, 8, 29)))
    assert not date_correct(gold, day(D(1989, 8, 28)))


def test_stated_and_accuracy_stated():
    scorer = Scorer()
    for i, (predicted, default) in enumerate(
        [(D(2019, 5, 3), False), (D(2019, 5, 9), False), (D(2019, 5, 3), True), (None, False)]
    ):
        record = GoldRecord(id=f"r{i}", text="t", events=[{"date": "2019-05-03"}])
        date = day(predicted, default=default) if predicted else None
        event = Event(id="e1", date=date, main=True)
        article = Article(id=f"r{i}", text="t")
        scorer.add(record, Extraction(article=article, pipeline_version="test", events=[event]))
    date = scorer.result()["fields"]["date"]
    assert date["n"] == 4 and date["answered"] == 3 and date["correct"] == 2
    assert date["stated"] == 0.5  # two of the four gold dates got a stated date
    assert date["accuracy_stated"] == 0.5  # one of those two is right
    # The default counts for accuracy (what the user receives) but not for precision.
    assert date["accuracy"] == 0.5 and date["precision"] == 0.5


def test_default_place_and_zero_toll_count_for_accuracy_not_precision():
    from sitrep.model import Count, PlaceValue

    scorer = Scorer()
    cases = [  # (place default?, country right?, toll from the text?)
        (False, True, True),
        (True, True, False),
        (True, False, False),
    ]
    for i, (default, right, stated) in enumerate(cases):
        record = GoldRecord(id=f"r{i}", text="t", events=[{"country_code": "KE", "fatalities": 0}])
        place = PlaceValue(
            country_code="KE" if right else "UG", precision="country", default=default
        )
        evidence = [{"start": 0, "end": 1, "text": "t"}] if stated else []
        event = Event(
            id="e1",
            place=place,
            fatalities=Count(low=0, best=0, high=0, evidence=evidence),
            main=True,
        )
        scorer.add(
            record,
            Extraction(
                article=Article(id=f"r{i}", text="t"), pipeline_version="test", events=[event]
            ),
        )
    fields = scorer.result()["fields"]
    country = fields["country_code"]
    assert country["accuracy"] == round(2 / 3, 4) and country["precision"] == 1.0
    assert country["stated"] == round(1 / 3, 4)
    fatalities = fields["fatalities"]
    assert fatalities["accuracy"] == 1.0 and fatalities["stated"] == round(1 / 3, 4)
