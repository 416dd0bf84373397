"""The framing lexicon: loaded words, labels, euphemisms, intensifiers and hedges.

Loaded from our own ``data/framing.tsv`` into one pyahocorasick automaton on first use;
``scan`` finds every term on word boundaries in one pass over the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from . import data_path, read_tsv

_WORD_CHAR = re.compile(r"[\w-]")


@dataclass(frozen=True, slots=True)
class FramingTerm:
    term: str
    kind: str
    technique: str | None
    polarity: str | None  # None: the words lean no known way (a tagger span)
    target: str  # actor, event or any
    needs_named: bool  # a cue only when pinned on a named actor, a nationality or a title
    note: str
    needs_context: bool = False  # a cue only in a story that has other, strong cues


@dataclass(frozen=True, slots=True)
class TermHit:
    start: int
    end: int
    term: FramingTerm


class FramingLexicon:
    def __init__(self, terms: list[FramingTerm]) -> None:
        self.terms = terms
        self._automaton = ahocorasick.Automaton()
        for term in terms:
            self._automaton.add_word(term.term, (len(term.term), term))
        self._automaton.make_automaton()

    def scan(self, text: str) -> list[TermHit]:
        """Leftmost-longest matches on word boundaries; ``text`` may be in any case."""
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        hits = []
        for end_index, (length, term) in self._automaton.iter(lowered):
            start, end = end_index - length + 1, end_index + 1
            if start > 0 and _WORD_CHAR.match(lowered[start - 1]):
                continue
            if end < len(lowered) and _WORD_CHAR.match(lowered[end]):
                continue
            hits.append(TermHit(start, end, term))
        hits.sort(key=lambda hit: (hit.start, -(hit.end - hit.start)))
        chosen: list[TermHit] = []
        last_end = -1
        for hit in hits:
            if hit.start >= last_end:
                chosen.append(hit)
                last_end = hit.end
        return chosen


@lru_cache(maxsize=1)
def load_framing_lexicon() -> FramingLexicon:
    terms = [
        FramingTerm(
            term=row["term"].lower(),
            kind=row["kind"],
            technique=row["technique"] or None,
            polarity=row["polarity"],
            target=row["target"],
            needs_named=row["needs"] == "named",
            needs_context=row["needs"] == "context",
            note=row["note"],
        )
        for row in read_tsv(data_path("framing.tsv"))
    ]
    return FramingLexicon(terms)
