"""Document: the original text, a normalised view with an offset map back, sentences, tokens.

Stages search the normalised ``doc.text`` and report spans in its coordinates; the only
code that maps a span back to the original characters is :meth:`Document.evidence`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import unicodedata
from functools import lru_cache
from typing import Any, Literal

from .errors import Errors, SitrepError
from .model import Article, Evidence, Note

# Characters folded to their plain ASCII counterparts before anything else looks at the text.
_FOLD = {
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u3000": " ",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\u200b": "",
    "\ufeff": "",
    "\u00ad": "",
}

AlignmentMode = Literal["strict", "contract", "expand"]


@lru_cache(maxsize=1)
def _nlp() -> Any:
    """The blank spaCy pipeline: tokenizer, paragraph breaks, sentencizer (loaded once)."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("sitrep_paragraphs"):

        @Language.component("sitrep_paragraphs")
        def paragraphs(sdoc: Any) -> Any:
            # A blank line always ends a sentence, whatever the punctuation says.
            for token in sdoc[:-1]:
                if token.is_space and "\n\n" in token.text:
                    sdoc[token.i + 1].is_sent_start = True
            return sdoc

    nlp = spacy.blank("en")
    nlp.add_pipe("sitrep_paragraphs")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10_000_000
    return nlp


def is_all_caps(text: str, ratio: float = 0.8) -> bool:
    """True for wire copy set in capitals (most letters upper case)."""
    upper = lower = 0
    for char in text[:20_000]:
        if char.isupper():
            upper += 1
        elif char.islower():
            lower += 1
    letters = upper + lower
    return letters >= 20 and upper / letters >= ratio


def _normalise(original: str, lower: bool) -> tuple[str, list[int] | None, list[int] | None]:
    """Return the normalised view and, unless it maps one-to-one, start/end offset arrays."""
    if original.isascii() and "\r" not in original:
        return (original.lower() if lower else original), None, None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(original)
    while i < n:
        j = i + 1
        char = original[i]
        if char == "\r":
            if j < n and original[j] == "\n":
                i = j  # CRLF: the CR disappears, the LF maps to itself
                continue
            piece = "\n"
        else:
            while j < n and unicodedata.combining(original[j]):
                j += 1
            run = original[i:j]
            piece = _FOLD.get(run)
            if piece is None:
                piece = run if run.isascii() else unicodedata.normalize("NFKC", run)
                piece = "".join(_FOLD.get(c, c) for c in piece)
        if lower:
            piece = piece.lower()
        out.append(piece)
        starts.extend([i] * len(piece))
        ends.extend([j] * len(piece))
        i = j
    return "".join(out), starts, ends


class Document:
    """One article's text as the stages see it, plus the layers the stages add."""

    def __init__(
        self,
        original: str,
        *,
        published: dt.date | None = None,
        article: Article | None = None,
        all_caps_ratio: float = 0.8,
    ) -> None:
        self.original = original
        self.article = article
        self.published = published if published is not None else (article and article.published)
        self.all_caps = is_all_caps(original, all_caps_ratio)
        self.text, self._starts, self._ends = _normalise(original, lower=self.all_caps)
        self.tokens = _nlp()(self.text)
        self.sentences: list[tuple[int, int]] = [
            (sent.start_char, sent.end_char)
            for sent in self.tokens.sents
            if not sent.text.isspace()
        ]
        self._sentence_starts = [start for start, _ in self.sentences]
        self.layers: dict[str, Any] = {}
        self.notes: list[Note] = []

    # -- offsets -------------------------------------------------------------------------
    def _run(self, index: int) -> tuple[int, int]:
        return self._starts[index], self._ends[index]  # type: ignore[index]

    def evidence(self, start: int, end: int, mode: AlignmentMode = "strict") -> Evidence | None:
        """Map a normalised-view span to :class:`Evidence` over the original text.

        ``strict`` returns None when an edge falls inside a character that normalisation
        expanded (one original character became several); ``contract`` shrinks to whole
        characters; ``expand`` grows to them.
        """
        if not 0 <= start <= end <= len(self.text):
            raise SitrepError(Errors.E004.format(start=start, end=end, length=len(self.text)))
        if start == end:
            return None
        if self._starts is None:
            return Evidence(start=start, end=end, text=self.original[start:end])
        first, last = self._run(start), self._run(end - 1)
        starts_clean = start == 0 or self._run(start - 1) != first
        ends_clean = end == len(self.text) or self._run(end) != last
        if mode == "strict" and not (starts_clean and ends_clean):
            return None
        if mode == "contract":
            while start < end and not (start == 0 or self._run(start - 1) != self._run(start)):
                start += 1
            while end > start and not (
                end == len(self.text) or self._run(end) != self._run(end - 1)
            ):
                end -= 1
            if start == end:
                return None
            first, last = self._run(start), self._run(end - 1)
        return Evidence(start=first[0], end=last[1], text=self.original[first[0] : last[1]])

    # -- structure -----------------------------------------------------------------------
    def view_offset(self, original_offset: int) -> int:
        """The normalised-view offset where original offset ``original_offset`` lands."""
        if self._starts is None:
            return original_offset
        return bisect.bisect_left(self._starts, original_offset)

    def sentence_of(self, position: int) -> int:
        """Index of the sentence holding normalised offset ``position``."""
        return max(0, bisect.bisect_right(self._sentence_starts, position) - 1)

    def sentence_text(self, index: int) -> str:
        start, end = self.sentences[index]
        return self.text[start:end]

    # -- layers --------------------------------------------------------------------------
    def set_layer(self, layer: str, value: Any, *, stage: str) -> None:
        """Add a stage's output; a layer once set is never overwritten."""
        if layer in self.layers:
            raise SitrepError(Errors.E003.format(layer=layer, stage=stage))
        self.layers[layer] = value

    def layer(self, name: str, default: Any = None) -> Any:
        return self.layers.get(name, default)

    def note(
        self, code: str, stage: str, message: str, span: tuple[int, int] | None = None
    ) -> None:
        evidence = self.evidence(*span, mode="expand") if span else None
        self.notes.append(Note(code=code, stage=stage, message=message, evidence=evidence))
