"""The learned framing tagger: its fast scoring path, span cutting, caches, fitting (issue 5)."""

from __future__ import annotations

import numpy as np
import pytest

from sitrep.errors import SitrepError
from sitrep.resources import framing_tagger
from sitrep.resources.framing_lexicon import load_framing_lexicon
from sitrep.resources.framing_tagger import (
    GROW,
    TECHNIQUES,
    FramingTagger,
    WordRates,
    features,
    fit,
    load_tagger,
    words_of,
)

TEXTS = [
    "The botched investigation was a disgusting witch hunt by corrupt bureaucrats.",
    'He called it "a total disgrace." Officials said nothing.\nThe radical leftists and their '
    "cronies spewed venomous lies about the president!",
    "POLICE FIRED TEAR GAS AT PROTESTERS IN NAIROBI; TWO PEOPLE WERE KILLED.",
    'An unbalanced "quote that never closes, and a sentence? Yes.',
]


@pytest.fixture(scope="module")
def tagger() -> FramingTagger:
    return load_tagger()


@pytest.mark.parametrize("text", TEXTS)
def test_cached_scoring_equals_the_fitted_function(tagger: FramingTagger, text: str) -> None:
    """``word_scores`` (cached projections) computes what ``fit`` trained: scores(features)."""
    words, hits = words_of(text), load_framing_lexicon().scan(text)
    slow = tagger.scores(features(text, words, hits, tagger.vectors, tagger.rates))
    fast = tagger.word_scores(text, words, hits)
    assert fast.shape == (len(words), len(TECHNIQUES))
    np.testing.assert_allclose(fast, slow, atol=1e-5)


def test_small_caches_give_the_same_scores(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache that overflows (and a text with more distinct words than it holds) changes nothing."""
    roomy = FramingTagger.read(framing_tagger.MODEL_PATH)
    monkeypatch.setattr(framing_tagger, "PROJECTION_WORDS", 8)
    cramped = FramingTagger.read(framing_tagger.MODEL_PATH)
    for text in TEXTS + TEXTS[::-1]:
        words, hits = words_of(text), load_framing_lexicon().scan(text)
        np.testing.assert_allclose(
            cramped.word_scores(text, words, hits), roomy.word_scores(text, words, hits), atol=1e-5
        )
    assert len(cramped._rows) <= 8


def test_loaded_and_name_calling_spans(tagger: FramingTagger) -> None:
    text = TEXTS[0]
    spans = tagger.spans(text, load_framing_lexicon().scan(text))
    found = {(text[s.start : s.end], s.technique) for s in spans}
    assert any("witch hunt" in words for words, _ in found), found
    assert {technique for _, technique in found} == set(TECHNIQUES)
    assert all(0 < s.score <= 1 for s in spans)


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2019, unidentified gunmen attacked a police post in Mandera, killing two officers.",
        "Police fired tear gas at protesters in Nairobi; two people were killed.",
        "A bomb exploded near a market in Kabul, wounding five civilians.",
    ],
)
def test_analyst_prose_gets_no_span(tagger: FramingTagger, text: str) -> None:
    assert tagger.spans(text, load_framing_lexicon().scan(text)) == []


@pytest.mark.parametrize("text", ["", "   \n", "!!! ??? ...", '"""', "\u201c\u201d"])
def test_text_without_words(tagger: FramingTagger, text: str) -> None:
    assert tagger.spans(text, []) == []


TEXT7 = "one two six ten big red hot"


def test_runs_grow_over_weaker_neighbours() -> None:
    words = [(i * 4, i * 4 + 3) for i in range(7)]
    threshold = 0.4
    weak = threshold * GROW + 0.01
    scores = np.array([0.0, weak, 0.9, weak, 0.0, weak, 0.0])
    [span] = framing_tagger.cut_runs(TEXT7, words, scores, threshold, "Loaded_Language")
    assert (span.start, span.end, span.score) == (
        4,
        15,
        0.9,
    )  # words 1-3; word 5 has no strong word
    assert (
        framing_tagger.cut_runs(TEXT7, words, np.full(7, weak), threshold, "Loaded_Language") == []
    )
    every = framing_tagger.cut_runs(TEXT7, words, np.full(7, 0.95), threshold, "Loaded_Language")
    assert [(s.start, s.end) for s in every] == [(0, 27)]
    joined = "cruel lies and the war"
    joined_words = words_of(joined)
    [span] = framing_tagger.cut_runs(joined, joined_words, np.full(5, 0.9), threshold, "x")
    assert span.end == len(joined)  # "war" closes it
    [span] = framing_tagger.cut_runs(joined, joined_words[:4], np.full(4, 0.9), threshold, "x")
    assert joined[span.start : span.end] == "cruel lies"


def test_fit_learns_a_signal() -> None:
    """A made-up word always marked as loaded scores highest, twice any other word."""
    records = []
    for number in range(1000):
        text = (
            f"Report {number}: the council met on Tuesday and the zorgle plan was {number} pages."
        )
        start = text.index("zorgle")
        spans = [{"technique": "Loaded_Language", "start": start, "end": start + 6}]
        records.append({"text": text, "gold": {"spans": spans}})
    neutral = [f"Police said {n} people were hurt in the council building." for n in range(40)]
    fitted = fit(records, neutral)
    text = "Yesterday the zorgle plan was read to the council."
    words = words_of(text)
    scores = fitted.word_scores(text, words, [])[:, 0]
    zorgle = [text[a:b] for a, b in words].index("zorgle")
    assert scores.argmax() == zorgle and scores[zorgle] > 2 * max(np.delete(scores, zorgle))


def _labelled(text: str, marked: set[str]) -> tuple[list[str], np.ndarray]:
    tokens = text.lower().split()
    labels = np.array([[word in marked, False] for word in tokens], np.int8)
    return tokens, labels


def test_word_rates_count_what_annotators_marked() -> None:
    """A word always inside a loaded span rates high; a word never inside one rates below
    the overall rate; unseen and rare unmarked words read the overall rate."""
    texts = [_labelled("the brutal regime shelled the town", {"brutal"}) for _ in range(6)]
    texts.append(_labelled("the quiet council met once", set()))
    rates = WordRates.count(texts)
    prior = rates.prior[0]
    assert prior == pytest.approx(6 / 41)
    rows = rates.features(["brutal", "the", "zebra", "quiet"])
    word = rows[:, 2 * 3 : 3 * 3]  # the word's own rates: the middle of its 5-word window
    assert word[0, 0] == pytest.approx((6 + 2 * prior) / (6 + 2), rel=1e-5)
    assert word[1, 0] < prior  # "the": seen 13 times, never marked
    assert word[2, 0] == pytest.approx(prior) and word[2, 2] == 0  # never seen
    assert word[3, 0] == pytest.approx(prior) and word[3, 2] == 0  # seen once: dropped
    assert "quiet" not in rates.index["word"] and "brutal" in rates.index["word"]
    # The pair "the brutal": its second word is marked, its first is not.
    [[first_ll, _, second_ll, _, _]] = rates.rates("pair", ["the brutal"])
    assert second_ll > 0.7 and first_ll < prior
    again = WordRates.from_arrays(rates.arrays())
    np.testing.assert_allclose(
        again.features(["brutal", "the"]), rates.features(["brutal", "the"]), atol=1e-3
    )


def test_word_rates_of_a_text_read_its_neighbours() -> None:
    rates = WordRates.count([_labelled("so called talks failed", {"so", "called"})] * 4)
    rows = rates.features(["so", "called", "talks"])
    assert rows.shape == (3, 3 * (5 + 3 + 3 + 3))  # two rates and a count per key
    # Left neighbour of "called" (columns of window position -1) is "so"; nothing left of "so".
    assert rows[1, 3 : 3 + 3].tolist() == rows[0, 6 : 6 + 3].tolist()
    assert rows[0, :6].tolist() == [0.0] * 6


def test_missing_weights_are_a_clear_error(tmp_path) -> None:
    with pytest.raises(SitrepError, match=r"\[E055\] .*framing_tagger"):
        load_tagger(tmp_path / "absent.npz")


def test_saved_weights_round_trip(tagger: FramingTagger, tmp_path) -> None:
    path = tmp_path / "tagger.npz"
    tagger.save(path)
    again = load_tagger(path)
    text = TEXTS[1]
    words, hits = words_of(text), load_framing_lexicon().scan(text)
    np.testing.assert_allclose(
        again.word_scores(text, words, hits), tagger.word_scores(text, words, hits), atol=1e-3
    )
