"""The opt-in fine-tuned transformer tagger: its numpy encoder, windows, stored weights and
the committed model's spans (issue 5)."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from pathlib import Path

import numpy as np
import pytest

from sitrep.errors import SitrepError
from sitrep.model import Article
from sitrep.pipeline import Pipeline
from sitrep.resources.framing_tagger import TECHNIQUES, words_of
from sitrep.resources.framing_transformer import (
    MODEL_DIR,
    STRIDE,
    TOKENIZER,
    WINDOW_PIECES,
    TransformerTagger,
    _gelu,
    load_transformer_tagger,
    windows,
)
from sitrep.settings import Settings

LONG = " ".join(
    f"Sentence {n} says the unbelievably corrupt council met again on Tuesday." for n in range(60)
)


def _tiny(seed: int = 0, width: int = 24, inner: int = 16) -> TransformerTagger:
    """A randomly weighted encoder of the real shape (6 layers, 12 heads) but narrow."""
    rng = np.random.default_rng(seed)
    tokenizer_json = (MODEL_DIR / TOKENIZER).read_text(encoding="utf-8")
    weights: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": rng.normal(size=(30522, width)),
        "embeddings.position_embeddings.weight": rng.normal(size=(512, width)),
        "embeddings.token_type_embeddings.weight": rng.normal(size=(2, width)),
        "embeddings.LayerNorm.weight": np.ones(width),
        "embeddings.LayerNorm.bias": np.zeros(width),
        "head.weight": rng.normal(size=(len(TECHNIQUES), width)),
        "head.bias": np.zeros(len(TECHNIQUES)),
    }
    shapes = {
        "attention.self.query": (width, width),
        "attention.self.key": (width, width),
        "attention.self.value": (width, width),
        "attention.output.dense": (width, width),
        "intermediate.dense": (inner, width),
        "output.dense": (width, inner),
    }
    for layer in range(6):
        prefix = f"encoder.layer.{layer}."
        for name, shape in shapes.items():
            weights[prefix + name + ".weight"] = rng.normal(size=shape) / math.sqrt(shape[1])
            weights[prefix + name + ".bias"] = rng.normal(size=shape[0]) * 0.1
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            weights[prefix + norm + ".weight"] = np.ones(width)
            weights[prefix + norm + ".bias"] = np.zeros(width)
    weights = {name: value.astype(np.float32) for name, value in weights.items()}
    return TransformerTagger(weights, tokenizer_json)


def test_gelu_is_berts() -> None:
    x = np.linspace(-8, 8, 2001, dtype=np.float32)
    exact = np.array([v * 0.5 * (1 + math.erf(v / math.sqrt(2))) for v in x.tolist()])
    np.testing.assert_allclose(_gelu(x), exact, atol=1e-6)


@pytest.mark.parametrize("n", [0, 1, 100, WINDOW_PIECES - 2, WINDOW_PIECES - 1, 1000])
def test_windows_cover_every_piece_once_or_twice(n: int) -> None:
    found = windows(n)
    assert found[0][0] == 0 and found[-1][1] == n
    assert all(0 < end - start <= WINDOW_PIECES - 2 for start, end in found if n)
    covered = np.zeros(n, int)
    for start, end in found:
        covered[start:end] += 1
    assert n == 0 or covered.min() >= 1
    assert all(b[0] - a[0] == STRIDE for a, b in itertools.pairwise(found))


def test_overlapping_windows_are_averaged() -> None:
    tagger = _tiny()
    ids, _ = tagger.pieces(LONG)
    assert len(ids) > WINDOW_PIECES  # two windows at least
    whole = tagger.text_probabilities(ids)
    (a0, a1), (b0, b1) = windows(len(ids))[:2]
    first = tagger.piece_probabilities([tagger.cls, *ids[a0:a1], tagger.sep])[1:-1]
    second = tagger.piece_probabilities([tagger.cls, *ids[b0:b1], tagger.sep])[1:-1]
    np.testing.assert_allclose(whole[:b0], first[:b0], atol=1e-6)  # the first window alone
    overlap = slice(b0, a1)
    np.testing.assert_allclose(whole[overlap], (first[overlap] + second[: a1 - b0]) / 2, atol=1e-6)


def test_a_word_scores_its_highest_piece() -> None:
    tagger = _tiny(seed=3)
    text = "Unbelievably, the councillors' disinformation spread."
    words = words_of(text)
    scores = tagger.word_scores(text, words)
    ids, offsets = tagger.pieces(text)
    probabilities = tagger.text_probabilities(ids)
    assert len(ids) > len(words)  # some words are several pieces
    for row, (start, end) in enumerate(words):
        inside = [k for k, (a, b) in enumerate(offsets) if a < end and b > start]
        np.testing.assert_allclose(scores[row], probabilities[inside].max(0), atol=1e-6)


def test_stored_weights_round_trip(tmp_path: Path) -> None:
    tagger = _tiny(seed=5)
    tagger.save(tmp_path)
    read = TransformerTagger.read(tmp_path)
    for name, value in tagger.weights.items():
        step = np.abs(value).max(-1, keepdims=True) / 127 if value.ndim == 2 else 0
        assert np.all(np.abs(read.weights[name] - value) <= step / 2 + 1e-6), name
    ids, _ = tagger.pieces("So-called experts spewed lies.")
    np.testing.assert_allclose(
        read.text_probabilities(ids), tagger.text_probabilities(ids), atol=0.02
    )


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SitrepError, match="E057"):
        load_transformer_tagger(tmp_path)


# -- the committed model -------------------------------------------------------------------
@pytest.fixture(scope="module")
def tagger() -> TransformerTagger:
    return load_transformer_tagger()


def test_loaded_words_are_spans(tagger: TransformerTagger) -> None:
    text = (
        "The radical leftists and their cronies spewed venomous lies about the president, "
        "a disgusting witch hunt by corrupt bureaucrats."
    )
    found = {(text[s.start : s.end], s.technique) for s in tagger.spans(text)}
    loaded = " ".join(words for words, technique in found if technique == TECHNIQUES[0])
    assert "venomous" in loaded and "witch hunt" in loaded, found
    assert all(words[0].isalnum() and words[-1].isalnum() for words, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2019, unidentified gunmen attacked a police post in Mandera, killing two officers.",
        "Police fired tear gas at protesters in Nairobi; two people were killed.",
        "A bomb exploded near a market in Kabul, wounding five civilians.",
    ],
)
def test_analyst_prose_gets_no_span(tagger: TransformerTagger, text: str) -> None:
    assert tagger.spans(text) == []


@pytest.mark.parametrize("text", ["", "   \n", "!!! ??? ...", '"""', "\u201c\u201d"])
def test_text_without_words(tagger: TransformerTagger, text: str) -> None:
    assert tagger.spans(text) == []


def test_a_long_text_is_read_whole(tagger: TransformerTagger) -> None:
    text = LONG + " Then the brutal thugs of the regime spewed venomous lies."
    spans = tagger.spans(text)
    assert spans and spans[-1].start > len(LONG)  # words past the first window are scored


def test_the_framing_stage_uses_it_when_asked() -> None:
    text = "The radical leftists and their cronies spewed venomous lies, Al-Shabaab said."
    article = Article(id="t", text=text, published=dt.date(2020, 1, 1))
    settings = Settings.from_env({"SITREP_FRAMING__TRANSFORMER": "true"})
    stages = ["dates", "places", "actors", "quantities", "events", "attribution", "framing"]
    framing = Pipeline(stages, settings=settings).extract(article).framing
    assert any("venomous" in cue.text for cue in framing)
    assert all(text[c.evidence.start : c.evidence.end] == c.text for c in framing)
