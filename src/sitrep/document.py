"""Document: the original text, a normalised view with an offset map back, sentences, tokens.

Stages search the normalised ``doc.text`` and report spans in its coordinates; the only
code that maps a span back to the original characters is :meth:`Document.evidence`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from functools import cached_property, lru_cache
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
# Characters normalisation must look at: anything not ASCII, and carriage returns.
_LOOK_AT = re.compile(r"[^\x00-\x0c\x0e-\x7f]")
_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))


# Abbreviated ranks and titles that spaCy's English tokenizer splits from their full stop.
_TITLES = (
    "Col",
    "Lt",
    "Lieut",
    "Brig",
    "Sgt",
    "Capt",
    "Maj",
    "Cpl",
    "Pvt",
    "Adm",
    "Cmdr",
    "Cdr",
    "Insp",
    "Supt",
    "Prof",
    "Sen",
    "Rep",
    "Rev",
    "Gov",
    "Gen",
    "Hon",
    "Amb",
    "Pres",
    "Fr",
)


# "u.s.", "u.n.", "f.m.l.n.": single letters, each with its period.
DOTTED_ACRONYM = re.compile(r"(?:[a-z]\.){2,}$")


@lru_cache(maxsize=1)
def _nlp() -> Any:
    """The blank spaCy pipeline: tokenizer, paragraph breaks, sentencizer (loaded once)."""
    import spacy
    from spacy.attrs import IS_SPACE, LENGTH, ORTH
    from spacy.language import Language

    if not Language.has_factory("sitrep_paragraphs"):

        @Language.component("sitrep_paragraphs")
        def paragraphs(sdoc: Any) -> Any:
            # A blank line always ends a sentence, whatever the punctuation says: the
            # token after a space token holding "\n\n" starts one. Only space tokens of
            # two characters or more can hold it: they are found in the token arrays.
            table = sdoc.to_array([IS_SPACE, LENGTH])[:-1]
            for i in ((table[:, 0] == 1) & (table[:, 1] >= 2)).nonzero()[0].tolist():
                if "\n\n" in sdoc[i].text:
                    sdoc[i + 1].is_sent_start = True
            return sdoc

    nlp = spacy.blank("en")
    # Ranks and titles before a name end no sentence: "Col. Aiyad Razaq was killed"; nor
    # in wire copy set in capitals, which is read lower-cased ("gen. ochoa", "mr. smith").
    for title in (*_TITLES, "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr"):
        for form in (title, title.upper(), title.lower()):
            nlp.tokenizer.add_special_case(f"{form}.", [{ORTH: f"{form}."}])
    # Capitals read lower-cased lose what keeps "U.S." one token (a period after a capital
    # stays on it): "where u.s. diplomats reside" would end a sentence at "u.s.".
    nlp.tokenizer.token_match = DOTTED_ACRONYM.match
    nlp.add_pipe("sitrep_paragraphs")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10_000_000
    return nlp


def _sentences(sdoc: Any, text: str) -> list[tuple[int, int]]:
    """(start_char, end_char) of each of ``sdoc.sents`` that is not all whitespace.

    The same spans as iterating ``sdoc.sents``, read from token arrays instead of one
    ``Span`` object per sentence.
    """
    from spacy.attrs import IDX, LENGTH, SENT_START

    if not len(sdoc):
        return []
    table = sdoc.to_array([IDX, LENGTH, SENT_START])
    # A sentence starts at the first token and wherever sent_start is 1 (not -1 or 0).
    firsts = [0, *((table[1:, 2] == 1).nonzero()[0] + 1).tolist()]
    lasts = [first - 1 for first in firsts[1:]] + [len(table) - 1]
    starts = table[firsts, 0].tolist()
    ends = (table[lasts, 0] + table[lasts, 1]).tolist()
    return [
        (start, end)
        for start, end in zip(starts, ends, strict=True)
        if not text[start:end].isspace()
    ]


def is_all_caps(text: str, ratio: float = 0.8) -> bool:
    """True for wire copy set in capitals (most letters upper case)."""
    sample = text[:20_000]
    if sample.isascii():
        # ASCII letters are A-Z and a-z: count them by deleting them, in C.
        data = sample.encode("ascii")
        upper = len(data) - len(data.translate(None, _ASCII_UPPER))
        lower = len(data) - len(data.translate(None, _ASCII_LOWER))
    else:
        # One character is never both upper and lower case: count each in its own pass.
        upper = sum(map(str.isupper, sample))
        lower = sum(map(str.islower, sample))
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
        # Plain ASCII maps to itself: copy it whole, up to the next character to look at.
        found = _LOOK_AT.search(original, i)
        k = n if found is None else found.start()
        if i < k < n and unicodedata.combining(original[k]):
            k -= 1  # a combining mark belongs to the character before it
        if k > i:
            plain = original[i:k]
            out.append(plain.lower() if lower else plain)
            starts.extend(range(i, k))
            ends.extend(range(i + 1, k + 1))
            i = k
            continue
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


def _evidence(start: int, end: int, text: str) -> Evidence:
    # Built without validation: the offsets are checked above and the text is a slice.
    return Evidence.model_construct(start=start, end=end, text=text)


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
        self.sentences = _sentences(self.tokens, self.text)
        self._sentence_starts = [start for start, _ in self.sentences]
        self.layers: dict[str, Any] = {}
        self.notes: list[Note] = []

    @cached_property
    def lowered(self) -> str:
        """``text.lower()``, made once; it keeps ``text``'s offsets where ``text`` is ASCII."""
        return self.text.lower()

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
            return _evidence(start, end, self.original[start:end])
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
        return _evidence(first[0], last[1], self.original[first[0] : last[1]])

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
