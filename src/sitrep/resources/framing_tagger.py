"""A learned tagger for loaded-language and name-calling spans, beside the framing lexicon.

The lexicon (``framing.tsv``) knows the words it lists; SemEval-2020 Task 11 annotators
marked many more ("botched investigation", "jihadist psychopath"). This tagger scores
each word of a text for the two techniques with a one-hidden-layer network over
features of the word and its neighbours:

- the static sentence-embedding vectors (``embeddings.load()``) of the word and of two
  words either side, and the mean vector of its sentence;
- which kind of lexicon term covers it (loaded, name-calling, other);
- its shape (capitalised, all capitals, long) and whether it is inside quotation marks;
- word rates (:class:`WordRates`): how often the word, its stem and the word pairs it
  is part of lay inside a span of each technique in the fitting texts, for it and its
  neighbours. The vectors tell what a word means; the rates tell what annotators did
  with that very word ("brutal", "so-called"), which the small network cannot memorise.

Runs of words scoring at least the technique's threshold (``THRESHOLDS``) become spans;
a run grows over neighbours scoring at least ``GROW`` times the threshold.

The weights and word rates (``models/framing-tagger.npz``, about 0.6 MB, committed) are fitted by
``python -m sitrep.resources.framing_tagger`` on ``ptc-train.jsonl`` from
``../shared/data``; fitting needs scikit-learn (the ``dev`` extra). Running needs numpy
only. ``benchmarks/framing_eval.py --folds 5`` measures the tagger on articles it was not
fitted on.
"""

from __future__ import annotations

import json
import re
import sys
import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np

from ..errors import Errors, SitrepError
from . import PACKAGE_DIR
from .embeddings import load as load_embeddings
from .framing_lexicon import TermHit

MODEL_PATH = PACKAGE_DIR / "models" / "framing-tagger.npz"
TECHNIQUES = ("Loaded_Language", "Name_Calling,Labeling")
# Chosen on 5-fold cross-validated scores of ptc-train (benchmarks/framing_eval.py --folds).
THRESHOLDS = (0.25, 0.25)
GROW = 0.5
WINDOW = 2  # words either side
HIDDEN = 128
WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")
_SENTENCE_BREAK = re.compile(r"[.!?\n]")
_QUOTE_MARKS = re.compile(r"[\"\u201c\u201d]")
# A span does not end on a word that only joins it to what follows.
_EDGE_WORD = re.compile(r"(?i:and|or|but|of|to|the|a|an|in|on|at|for|with|by|from|that|which|as)")
# Neutral copy the tagger is fitted on, beside PTC: this many notes from each file.
NEUTRAL_FILES = ("acled-dev.jsonl", "rand-dev.jsonl")
NEUTRAL_PER_FILE = 2000
# Cached hidden-layer shares of words as written (6 x 128 floats each, about 25 MB in all).
PROJECTION_WORDS = 8_192
# Word rates: which keys a word has, and how many words either side read each kind.
RATE_KINDS = (("word", 2), ("stem", 1), ("pair_before", 1), ("pair_after", 1))
RATE_SMOOTHING = 2.0  # pseudo-count of the overall rate added to each key's own
RATE_FOLDS = 5  # the fitting rows read rates counted on the other folds' texts
# A key seen once and never in a span says little: dropped (a word pair: seen up to twice).
RATE_MIN_COUNT = {"word": 2, "stem": 2, "pair": 3}
_STEM_SUFFIX = re.compile(r"(?:ies|ing|ed|es|s|ly|ist|ists|ism)$")
RATE_COLUMNS = 3  # per key: the rate of each technique, and how often it was seen


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    start: int
    end: int
    technique: str
    score: float  # the highest word score in the span


class WordVectors:
    """Unit-length static vectors of lower-cased words (the tagger caches what it derives)."""

    def __init__(self) -> None:
        self._model = load_embeddings()
        self.dims = int(self._model.dim)

    def lookup(self, words: Sequence[str]) -> np.ndarray:
        distinct = sorted(set(words))
        vectors = np.asarray(self._model.encode(distinct), np.float32).reshape(-1, self.dims)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-6
        row = {word: k for k, word in enumerate(distinct)}
        return vectors[[row[w] for w in words]]


def rate_keys(tokens: Sequence[str], kind: str) -> list[str]:
    """Each lower-cased token's key of one kind: itself ("word"), its stem ("stem"), or
    (``kind`` "pair") the pairs of neighbouring tokens, one fewer than the tokens."""
    if kind == "word":
        return list(tokens)
    if kind == "stem":
        return [_STEM_SUFFIX.sub("", t) if len(t) > 5 else t for t in tokens]
    return [f"{a} {b}" for a, b in pairwise(tokens)]


class WordRates:
    """Per key (a word, a stem, a word pair), the smoothed share of its occurrences inside
    a span of each technique in the fitting texts, and how often it was seen.

    A pair key has two sets of rates, one for each of its words. Keys not kept (unseen,
    or rare and never in a span) read the overall rate. ``features`` gives each word the
    rates of its keys and of its neighbours' (``RATE_KINDS``).
    """

    def __init__(self, keys: dict[str, list[str]], values: dict[str, np.ndarray], prior) -> None:
        self.prior = np.asarray(prior, np.float32)  # one overall rate per technique
        # "word", "stem", "pair" -> key -> its row (keys in the order of their rows)
        self.index = {kind: {key: row for row, key in enumerate(keys[kind])} for kind in keys}
        # Each kind's rows, and one more: what a key not kept reads.
        self.values = {
            kind: np.vstack(
                [
                    values[kind].reshape(len(keys[kind]), self._unseen(kind).shape[1]),
                    self._unseen(kind),
                ]
            )
            for kind in keys
        }

    def _unseen(self, kind: str) -> np.ndarray:
        wide = 2 if kind == "pair" else 1
        return np.append(np.tile(self.prior, wide), 0).astype(np.float32)[None, :]

    @classmethod
    def count(cls, texts: Iterable[tuple[Sequence[str], np.ndarray]]) -> WordRates:
        """Rates from (lower-cased tokens, 0/1 labels per token and technique) of texts."""
        seen: dict[str, dict[str, int]] = {"word": {}, "stem": {}, "pair": {}}
        inside: dict[str, dict[str, np.ndarray]] = {"word": {}, "stem": {}, "pair": {}}
        words, positive = 0, np.zeros(len(TECHNIQUES))
        for tokens, labels in texts:
            words += len(tokens)
            positive += labels.sum(axis=0)
            marked = labels.any(axis=1)
            for kind in ("word", "stem"):
                for k, key in enumerate(rate_keys(tokens, kind)):
                    seen[kind][key] = seen[kind].get(key, 0) + 1
                    if marked[k]:
                        inside[kind].setdefault(key, np.zeros(len(TECHNIQUES)))
                        inside[kind][key] += labels[k]
            for k, key in enumerate(rate_keys(tokens, "pair")):
                seen["pair"][key] = seen["pair"].get(key, 0) + 1
                if marked[k] or marked[k + 1]:
                    inside["pair"].setdefault(key, np.zeros(2 * len(TECHNIQUES)))
                    inside["pair"][key] += np.concatenate([labels[k], labels[k + 1]])
        prior = positive / max(1, words)
        keys, values = {}, {}
        for kind, counts in seen.items():
            base = np.tile(prior, 2 if kind == "pair" else 1) * RATE_SMOOTHING
            kept = [
                key for key, n in counts.items() if n >= RATE_MIN_COUNT[kind] or key in inside[kind]
            ]
            keys[kind] = kept
            values[kind] = np.array(
                [
                    np.append(
                        (inside[kind].get(key, 0) + base) / (counts[key] + RATE_SMOOTHING),
                        np.log1p(counts[key]) / 10,
                    )
                    for key in kept
                ],
                np.float32,
            )
        return cls(keys, values, prior)

    def rates(self, kind: str, keys: Sequence[str]) -> np.ndarray:
        """The rows of ``keys`` (one of a kind), the unseen row for a key not kept."""
        index = self.index[kind]
        unseen = len(index)
        return self.values[kind][[index.get(key, unseen) for key in keys]]

    def rows(self, tokens: Sequence[str], kind: str) -> np.ndarray:
        """Per token, its rates and count of one of ``RATE_KINDS``: of its word, its stem,
        or of the pair with the word before it ("pair_before": the rates of the pair's
        second word) or after it ("pair_after": of the first)."""
        if kind in ("word", "stem"):
            return self.rates(kind, rate_keys(tokens, kind))
        before, after = self.pair_rows(tokens)
        return before if kind == "pair_before" else after

    def pair_rows(self, tokens: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """``rows`` of "pair_before" and "pair_after", from one look-up of the pairs; before
        the first word and after the last there is no pair (the unseen row)."""
        techniques = len(TECHNIQUES)
        if not tokens:
            empty = np.zeros((0, RATE_COLUMNS), np.float32)
            return empty, empty
        pairs = self.rates("pair", rate_keys(tokens, "pair"))
        unseen = self.values["pair"][-1:]
        second = [*range(techniques, 2 * techniques), -1]
        first = [*range(techniques), -1]
        return np.vstack([unseen, pairs])[:, second], np.vstack([pairs, unseen])[:, first]

    def features(self, tokens: Sequence[str]) -> np.ndarray:
        """One row per token: for each of ``RATE_KINDS``, the rows of the token and of its
        neighbours either side (zeros beyond the text)."""
        n = len(tokens)
        blocks = []
        for kind, reach in RATE_KINDS:
            rows = self.rows(tokens, kind)
            padding = np.zeros((reach, rows.shape[1]), np.float32)
            padded = np.vstack([padding, rows, padding])
            blocks += [padded[k : k + n] for k in range(2 * reach + 1)]
        return np.hstack(blocks)

    def arrays(self) -> dict[str, np.ndarray]:
        """The tables as plain arrays for ``np.savez`` (keys joined by newlines, as bytes)."""
        out = {"rate_prior": self.prior}
        for kind, keys in self.index.items():
            out[f"rate_keys_{kind}"] = np.frombuffer("\n".join(keys).encode(), np.uint8)
            out[f"rate_values_{kind}"] = self.values[kind][:-1].astype(np.float16)
        return out

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> WordRates:
        keys, values = {}, {}
        for kind in ("word", "stem", "pair"):
            joined = arrays[f"rate_keys_{kind}"].tobytes().decode()
            keys[kind] = joined.split("\n") if joined else []
            values[kind] = arrays[f"rate_values_{kind}"].astype(np.float32)
        return cls(keys, values, arrays["rate_prior"])


def words_of(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in WORD.finditer(text)]


def _shape(token: str) -> tuple[bool, bool, bool]:
    return token[0].isupper(), token.isupper() and len(token) > 1, len(token) > 7


def _context(
    text: str, words: list[tuple[int, int]], hits: Iterable[TermHit]
) -> tuple[list[int], np.ndarray]:
    """The index of each sentence's first word, and per word its cues: lexicon kind (4
    columns: the two techniques, another technique, any term) and quotation (0/1).

    Marks (sentence ends, quotation marks) lie between words, so the first word after a
    mark is a bisection of the word starts; scalar work, since texts have few marks.
    """
    n = len(words)
    starts = [start for start, _ in words]
    after = {bisect_right(starts, m.start()) for m in _SENTENCE_BREAK.finditer(text)}
    first = [0, *sorted(k for k in after if 0 < k < n)]
    cues = np.zeros((n, 5), np.float32)
    quotes = [bisect_right(starts, m.start()) for m in _QUOTE_MARKS.finditer(text)]
    for opening, closing in zip(quotes[::2], [*quotes[1::2], n], strict=False):
        cues[opening:closing, 4] = 1  # between an odd-numbered mark and the next
    for hit in hits:
        # Words inside the hit: from the first starting at or after it to the last ending
        # by its end (only the last word starting before its end may run past it).
        lo, hi = bisect_left(starts, hit.start), bisect_left(starts, hit.end)
        if hi > lo and words[hi - 1][1] > hit.end:
            hi -= 1
        technique = hit.term.technique
        cues[lo:hi, TECHNIQUES.index(technique) if technique in TECHNIQUES else 2] = 1
        cues[lo:hi, 3] = 1
    return first, cues


def _sentence_means(first: list[int], rows: np.ndarray) -> np.ndarray:
    """Each word's row replaced by the mean row of its sentence (sentences start at ``first``)."""
    sizes = [end - start for start, end in zip(first, [*first[1:], len(rows)], strict=True)]
    means = np.add.reduceat(rows, first, axis=0) / np.array(sizes, np.float32)[:, None]
    return np.repeat(means, sizes, axis=0)


def features(
    text: str,
    words: list[tuple[int, int]],
    hits: Iterable[TermHit],
    vectors: WordVectors,
    rates: WordRates,
) -> np.ndarray:
    """One row per word: window vectors, sentence mean, lexicon kind, shape, quotation,
    word rates."""
    n, dims = len(words), vectors.dims
    tokens = [text[a:b].lower() for a, b in words]
    own = vectors.lookup(tokens)
    padded = np.vstack([np.zeros((WINDOW, dims), np.float32), own, np.zeros((WINDOW, dims))])
    window = np.hstack([padded[k : k + n] for k in range(2 * WINDOW + 1)])
    first, cues = _context(text, words, hits)
    shape = np.array([_shape(text[a:b]) for a, b in words], np.float32).reshape(n, 3)
    means = _sentence_means(first, own)
    return np.hstack(
        [window, means, cues[:, :4], shape, cues[:, 4:], rates.features(tokens)]
    ).astype(np.float32)


class FramingTagger:
    """Score words for each technique and cut spans (weights from ``fit`` or the file).

    The hidden layer is linear in each word's vector, so running it keeps, per distinct
    word, that word's share of the hidden layer at each window position and in its
    sentence's mean (``PROJECTION_WORDS`` words cached): scoring a text then adds cached
    rows instead of multiplying an 818-column matrix per word. ``scores(features(...))``
    is the same function, used in fitting.
    """

    def __init__(self, weights: dict[str, np.ndarray], rates: WordRates) -> None:
        self.rates = rates
        self.hidden_weights = weights["hidden_weights"].astype(np.float32)
        self.hidden_bias = weights["hidden_bias"].astype(np.float32)
        self.output_weights = weights["output_weights"].astype(np.float32)
        self.output_bias = weights["output_bias"].astype(np.float32)
        self.vectors = WordVectors()
        blocks, dims, hidden = 2 * WINDOW + 2, self.vectors.dims, self.hidden_weights.shape[1]
        self._word_weights = self.hidden_weights[: blocks * dims].reshape(blocks, dims, hidden)
        self._other_weights = self.hidden_weights[blocks * dims :]
        self._cue_weights = self._other_weights[[0, 1, 2, 3, 7]]  # the columns of _context
        # Per kind of word rate: how far it reaches, and its weights as one matrix from a
        # word's rate columns to its shares at each window position (blocks side by side).
        self._rate_weights: dict[str, tuple[int, np.ndarray]] = {}
        row = 8
        for kind, reach in RATE_KINDS:
            size = (2 * reach + 1) * RATE_COLUMNS
            block = self._other_weights[row : row + size].reshape(-1, RATE_COLUMNS, hidden)
            self._rate_weights[kind] = (reach, block.transpose(1, 0, 2).reshape(RATE_COLUMNS, -1))
            row += size
        self._projections = np.zeros((PROJECTION_WORDS, blocks, hidden), np.float32)
        self._rows: dict[str, int] = {}

    @classmethod
    def read(cls, path: Path) -> FramingTagger:
        """A tagger from a file ``save`` wrote."""
        with np.load(path) as arrays:
            saved = {key: arrays[key] for key in arrays.files}
        return cls(saved, WordRates.from_arrays(saved))

    def scores(self, rows: np.ndarray) -> np.ndarray:
        hidden = np.maximum(rows @ self.hidden_weights + self.hidden_bias, 0)
        return self._output(hidden)

    def _output(self, hidden: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-(hidden @ self.output_weights + self.output_bias)))

    def _project(self, tokens: list[str]) -> np.ndarray:
        """Per token (as written): its hidden-layer share at each window position and in
        its sentence's mean; its shape's share is added at its own position."""
        rows = self._rows
        missing = [t for t in dict.fromkeys(tokens) if t not in rows]
        if len(rows) + len(missing) > PROJECTION_WORDS:
            rows.clear()
            missing = list(dict.fromkeys(tokens))
            if len(missing) > PROJECTION_WORDS:  # more distinct words than the cache holds
                row = {token: k for k, token in enumerate(missing)}
                return self._projected(missing)[[row[t] for t in tokens]]
        if missing:
            first = len(rows)
            self._projections[first : first + len(missing)] = self._projected(missing)
            rows.update((token, first + k) for k, token in enumerate(missing))
        return self._projections[[rows[t] for t in tokens]]

    def _projected(self, tokens: list[str]) -> np.ndarray:
        lowered = [t.lower() for t in tokens]
        projected = np.einsum("nd,bdh->nbh", self.vectors.lookup(lowered), self._word_weights)
        shape = np.array([_shape(t) for t in tokens], np.float32).reshape(len(tokens), 3)
        projected[:, WINDOW] += shape @ self._other_weights[4:7]
        # A word's own rates and its stem's are the word's too: added at each position.
        for kind in ("word", "stem"):
            reach, weights = self._rate_weights[kind]
            shares = self.rates.rows(lowered, kind) @ weights
            projected[:, WINDOW - reach : WINDOW + reach + 1] += shares.reshape(
                len(tokens), 2 * reach + 1, -1
            )
        return projected

    def word_scores(
        self, text: str, words: list[tuple[int, int]], hits: Iterable[TermHit]
    ) -> np.ndarray:
        """``scores(features(text, words, hits, ...))``, from the cached word projections."""
        tokens = [text[a:b] for a, b in words]
        projected = self._project(tokens)
        hidden = projected[:, WINDOW] + self.hidden_bias
        _add_neighbours(hidden, projected[:, : 2 * WINDOW + 1], WINDOW)
        first, cues = _context(text, words, hits)
        hidden += cues @ self._cue_weights
        hidden += _sentence_means(first, projected[:, 2 * WINDOW + 1])
        # Word pairs depend on the neighbours, so they are not cached with the words.
        before, after = self.rates.pair_rows([t.lower() for t in tokens])
        reach, before_weights = self._rate_weights["pair_before"]
        _, after_weights = self._rate_weights["pair_after"]  # the same reach (RATE_KINDS)
        shares = (before @ before_weights + after @ after_weights).reshape(
            len(tokens), 2 * reach + 1, -1
        )
        hidden += shares[:, reach]
        _add_neighbours(hidden, shares, reach)
        return self._output(np.maximum(hidden, 0, out=hidden))

    def spans(self, text: str, hits: Iterable[TermHit]) -> list[TaggedSpan]:
        words = words_of(text)
        if not words:
            return []
        scores = self.word_scores(text, words, hits)
        found = []
        for column, technique in enumerate(TECHNIQUES):
            found += cut_runs(text, words, scores[:, column], THRESHOLDS[column], technique)
        return sorted(found, key=lambda span: (span.start, span.end))

    def save(self, path: Path = MODEL_PATH) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path,
            hidden_weights=self.hidden_weights.astype(np.float16),
            hidden_bias=self.hidden_bias,
            output_weights=self.output_weights,
            output_bias=self.output_bias,
            **self.rates.arrays(),
        )


def _add_neighbours(hidden: np.ndarray, shares: np.ndarray, reach: int) -> None:
    """Add to each row the shares its neighbours give it: ``shares[:, b]`` is what a word
    gives the word ``b - reach`` places before it (the word's own, ``b == reach``, is
    not added here)."""
    n = len(hidden)
    for block in range(2 * reach + 1):
        offset = block - reach  # row i takes the word at i + offset
        if offset and abs(offset) < n:
            lo, hi = max(0, -offset), n - max(0, offset)
            hidden[lo:hi] += shares[lo + offset : hi + offset, block]


def cut_runs(
    text: str,
    words: list[tuple[int, int]],
    scores: np.ndarray,
    threshold: float,
    technique: str,
    grow: float = GROW,
) -> list[TaggedSpan]:
    """Runs of words scoring >= threshold * grow that hold a word scoring >= threshold."""
    if not scores.max() >= threshold:  # most texts: no run to cut
        return []
    weak = np.r_[False, scores >= threshold * grow, False].astype(np.int8)
    edges = np.flatnonzero(np.diff(weak))
    spans = []
    for first, last in zip(edges[::2], edges[1::2] - 1, strict=True):
        while last > first and _EDGE_WORD.fullmatch(text[words[last][0] : words[last][1]]):
            last -= 1  # "radical leftists and" ends at "leftists"
        best = float(scores[first : last + 1].max())
        if best >= threshold:
            spans.append(TaggedSpan(words[first][0], words[last][1], technique, best))
    return spans


@lru_cache(maxsize=1)
def load_tagger(path: Path = MODEL_PATH) -> FramingTagger:
    """The committed tagger (raises E055 when its weights file is missing)."""
    if not path.is_file():
        raise SitrepError(Errors.E055.format(path=path))
    return FramingTagger.read(path)


def word_labels(record: dict, words: list[tuple[int, int]]) -> np.ndarray:
    """0/1 per word and technique: the word overlaps a gold span of the technique.

    A record is PTC-shaped: ``text`` and ``gold.spans``; neutral copy has no spans.
    """
    label = np.zeros((len(words), len(TECHNIQUES)), np.int8)
    starts = np.array([a for a, _ in words])
    ends = np.array([b for _, b in words])
    for span in record["gold"]["spans"]:
        if span["technique"] in TECHNIQUES:
            column = TECHNIQUES.index(span["technique"])
            label[(starts < span["end"]) & (ends > span["start"]), column] = 1
    return label


def fit(records: Sequence[dict], neutral: Sequence[str] = (), *, seed: int = 0) -> FramingTagger:
    """Fit a tagger on PTC records (``text``, ``gold.spans``) and neutral texts (no span).

    Neutral copy (analyst notes) teaches the tagger that the plain words of incident
    reports ("bomb exploded", "fired tear gas") are not loaded. A text's rows read word
    rates counted on the texts of the other ``RATE_FOLDS`` folds: rates counted on the
    text itself would tell the network its own labels. The tagger keeps rates counted on
    every text. Needs scikit-learn.
    """
    try:
        from sklearn.neural_network import MLPClassifier
    except ImportError as exc:
        raise SitrepError(Errors.E056.format(package=exc.name, reason=exc)) from exc
    from .framing_lexicon import load_framing_lexicon

    vectors, scan = WordVectors(), load_framing_lexicon().scan
    examples = list(records) + [{"text": text, "gold": {"spans": []}} for text in neutral]
    texts = []  # (text, words, lower-cased tokens, labels) of texts with words
    for example in examples:
        words = words_of(example["text"])
        if words:
            tokens = [example["text"][a:b].lower() for a, b in words]
            texts.append((example["text"], words, tokens, word_labels(example, words)))
    folds = [
        WordRates.count((t[2], t[3]) for k, t in enumerate(texts) if k % RATE_FOLDS != fold)
        for fold in range(RATE_FOLDS)
    ]
    rows = np.vstack(
        [
            features(text, words, scan(text), vectors, folds[k % RATE_FOLDS])
            for k, (text, words, _, _) in enumerate(texts)
        ]
    )
    network = MLPClassifier(
        hidden_layer_sizes=(HIDDEN,),
        early_stopping=True,
        batch_size=512,
        max_iter=60,
        random_state=seed,
    )
    network.fit(rows, np.vstack([t[3] for t in texts]))
    return FramingTagger(
        {
            "hidden_weights": network.coefs_[0],
            "hidden_bias": network.intercepts_[0],
            "output_weights": network.coefs_[1],
            "output_bias": network.intercepts_[1],
        },
        WordRates.count((t[2], t[3]) for t in texts),
    )


def neutral_texts(data: Path, per_file: int = NEUTRAL_PER_FILE) -> list[str]:
    """Analyst notes from ACLED and RAND, disjoint from the evenly spaced samples that
    ``benchmarks/framing_eval.py`` measures false alarms on (each index there, plus one)."""
    from ..evaluate.datasets import load_dataset

    texts = []
    for name in NEUTRAL_FILES:
        records = load_dataset(data / name).records
        if len(records) >= 2 * per_file:
            texts += [records[(i * len(records)) // per_file + 1].text for i in range(per_file)]
    return texts


def read_ptc(path: Path) -> list[dict]:
    """PTC records (one JSON object per line with ``text`` and ``gold.spans``)."""
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        record = json.loads(line)
        if not isinstance(record.get("text"), str) or not isinstance(
            record.get("gold", {}).get("spans"), list
        ):
            raise SitrepError(
                Errors.E014.format(source=path, reason=f"line {number}: no text or gold.spans")
            )
        records.append(record)
    return records


def main() -> int:
    from ..evaluate.datasets import shared_data_dir

    data = shared_data_dir()
    if data is None:
        sys.stderr.write("framing_tagger: ../shared/data not found (set SITREP_SHARED_DATA).\n")
        return 1
    began = time.perf_counter()
    tagger = fit(read_ptc(data / "ptc-train.jsonl"), neutral_texts(data))
    tagger.save()
    load_tagger.cache_clear()
    size = MODEL_PATH.stat().st_size
    sys.stderr.write(
        f"framing_tagger: {MODEL_PATH} ({size / 1e6:.2f} MB, {time.perf_counter() - began:.0f} s)\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
