"""Framing stage: how a story words its actors and events, and a per-article summary.

Finds loaded labels ("terrorists", "occupation forces", "martyrs", "regime"), euphemisms
("anti-terror groups" for armed factions), "so-called", scare quotes, intensifiers and
hedges from sitrep's own lexicon (``resources/data/framing.tsv``) in one automaton pass,
each with its SemEval-2020 Task 11 technique where one fits, and says which actor or
event each cue colours (``refers_to``). The title is scanned too (``where="title"``).
The summary gives, per actor, the labels the story uses for it, the share of claims that
rest on unnamed sources, and the cue density.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..document import Document
from ..model import (
    Actor,
    ActorFraming,
    Attribution,
    Event,
    Evidence,
    FramingCue,
    FramingSummary,
    Outlet,
)
from ..registry import stage
from ..resources.actors import load_actor_dictionary
from ..resources.framing_lexicon import FramingTerm, load_framing_lexicon
from ..resources.framing_tagger import FramingTagger, load_tagger
from ..resources.framing_transformer import TransformerTagger, load_transformer_tagger
from ..settings import Settings
from .attribution import _inside, _quoted_regions
from .attribution_rules import VERB

# A scare quote is a short quoted phrase (at most this many words) with no speaker in its sentence.
SCARE_QUOTE_WORDS = 4
# Words neutral copy also uses ("massacre", "regime") count only in a story with this many
# strong cues of its own.
CONTEXT_CUES = 2
# Fallback link: the nearest actor in the sentence, if it is this close (characters).
NEAREST_ACTOR = 60
_SCARE_QUOTE = re.compile(r'"([^"\n.!?,;:]{2,60})"')
_SCARE_TERM = FramingTerm("", "scare_quote", None, "negative", "any", False, "short quotation")
# Spans the learned tagger finds: it tells the technique, not which way the words lean.
_TAGGED_TERMS = {
    "Loaded_Language": FramingTerm("", "tagged", "Loaded_Language", None, "any", False, "tagger"),
    "Name_Calling,Labeling": FramingTerm(
        "", "tagged", "Name_Calling,Labeling", None, "actor", False, "tagger"
    ),
}
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "these",
        "those",
        "this",
        "that",
        "other",
        "some",
        "suspected",
        "unknown",
        "unidentified",
        "armed",
        "several",
        "many",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "dozens",
        "hundreds",
        "local",
    ]
)
_CAPITALISED_BEFORE = re.compile(r"([A-Z][\w'-]+)\s+$")
_PERSON_AFTER = re.compile(
    r"\s+(?:(?:Lieutenant|Lt\.|Major|Maj\.|General|Gen\.|Colonel|Col\.|Brigadier|Commander|"
    r"Sheikh|Dr\.|Mr\.|Ms\.|Mrs\.|President|Minister|Imam|Ayatollah)\s+)*"
    r"((?:(?:al-|Al-|bin\s+|abu\s+|Abu\s+)?[A-Z][\w'-]+\s+){1,3}(?:al-|Al-)?[A-Z][\w'-]+)"
)
_NP_AFTER = re.compile(
    r"\s*((?:[\w'-]+\s+){0,3}?[\w'-]+)(?=\s+(?:between|of|in|on|at|with|by|for|from|to|that|which|who|and|is|are|was|were|has|have)\b|[\s]*[,;:.)\"]|\s*$)"
)
_GROUP_HEAD = re.compile(
    r"(?:groups?|forces?|fighters|resistance|factions?|militias?|movement|front|brigades?|"
    r"army|regime|junta|organi[sz]ation|outfit|network|cell)$"
)
_DEMONYM_BEFORE = re.compile(r"([A-Z][a-z]+(?:i|n|ian|ese|ish|an|ic))\s+$")


@dataclass(slots=True)
class Found:
    start: int  # normalised-view offsets (title offsets when where == "title")
    end: int
    term: FramingTerm
    sentence: int


@stage(
    "framing",
    reads={"text", "sentences", "events", "actors", "attributions", "outlet"},
    writes={"framing", "framing_summary"},
)
class FramingStage:
    """Find framing cues, link each to the actor or event it colours, and sum them up."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.lexicon = load_framing_lexicon()
        self.tagger: FramingTagger | TransformerTagger | None = None
        if settings.framing.transformer:
            self.tagger = load_transformer_tagger()
        elif settings.framing.tagger:
            self.tagger = load_tagger()

    # -- find ------------------------------------------------------------------------------
    def find(self, doc: Document, actors: list[tuple[int, int, Actor]]) -> list[Found]:
        text = doc.text
        attributed = {
            doc.sentence_of(doc.view_offset(a.evidence.start))
            for a in doc.layer("attributions", [])
            if a.cue != "quotation"
        }
        found = []
        hits = self.lexicon.scan(text)
        for hit in hits:
            if hit.term.needs_named and not _pinned(doc, hit.start, hit.end, actors):
                continue
            if _in_proper_name(doc, hit.start, hit.end):
                continue  # "Al-Aqsa Martyrs Brigades", "National Liberation Army"
            found.append(Found(hit.start, hit.end, hit.term, doc.sentence_of(hit.start)))
        strong = sum(
            not item.term.needs_context and item.term.kind in ("label", "euphemism", "so_called")
            for item in found
        )
        if strong < CONTEXT_CUES:
            found = [item for item in found if not item.term.needs_context]
        lexical = list(found)
        for span in self.tagger.spans(text, hits) if self.tagger is not None else ():
            same = [
                item
                for item in lexical
                if item.start < span.end
                and span.start < item.end
                and item.term.technique == span.technique
            ]
            if len(same) == 1:  # the lexicon's cue says more (kind, polarity); the tagger, how far
                same[0].start = min(same[0].start, span.start)
                same[0].end = max(same[0].end, span.end)
            if same:
                continue
            term = _TAGGED_TERMS[span.technique]
            found.append(Found(span.start, span.end, term, doc.sentence_of(span.start)))
        taken = [(item.start, item.end) for item in found]
        for match in _SCARE_QUOTE.finditer(text):
            words = match.group(1).split()
            sentence = doc.sentence_of(match.start())
            if len(words) > SCARE_QUOTE_WORDS or sentence in attributed:
                continue
            if VERB.search(doc.sentence_text(sentence)):
                continue
            if any(match.start() <= s and e <= match.end() for s, e in taken):
                continue
            found.append(Found(match.start(), match.end(), _SCARE_TERM, sentence))
        found.sort(key=lambda item: item.start)
        return found

    # -- annotate --------------------------------------------------------------------------
    def annotate(
        self, doc: Document, found: list[Found], actors, events
    ) -> tuple[list[FramingCue], list[str]]:
        """The cues with their links, and the lexicon term behind each (for relinking)."""
        cues: list[FramingCue] = []
        quoted = _quoted_regions(doc.text)
        group_labels: dict[int, str] = {}  # sentence -> the unnamed group a label named
        kept: list[Found] = []
        for item in found:
            start, end = item.start, item.end
            actor_span = _overlapping(actors, start, end)
            if actor_span is not None and actor_span[0] <= start and end <= actor_span[1]:
                start, end = actor_span[0], actor_span[1]  # "American occupation forces"
            refers_to = _refers(doc, item, actors, events, group_labels)
            evidence = doc.evidence(start, end, mode="expand")
            if evidence is None:
                continue
            cue = _cue(len(cues) + 1, item.term, evidence, refers_to)
            if item.term.kind != "scare_quote" and _inside(quoted, item.start):
                cue = cue.model_copy(update={"quoted": True})
            cues.append(cue)
            kept.append(item)
        keys = [
            item.term.term or _label_key(cue.text) for item, cue in zip(kept, cues, strict=True)
        ]
        return cues, keys

    def title_cues(self, doc: Document, first_id: int) -> tuple[list[FramingCue], list[str]]:
        """Cues in the headline (evidence offsets index ``article.title``), with their terms."""
        title = doc.article.title if doc.article is not None else None
        if not title:
            return [], []
        view = title.translate(_TITLE_FOLD)
        hits = load_actor_dictionary().scan(view, original_case=view)
        named = [(h.start, h.end, h.entry.canonical) for h in hits if not h.entry.generic]
        cues: list[FramingCue] = []
        keys: list[str] = []
        for hit in self.lexicon.scan(view):
            refers_to = next(
                (name for s, e, name in named if 0 <= s - hit.end <= 2 or 0 <= hit.start - e <= 2),
                None,
            )
            if hit.term.needs_named and refers_to is None:
                continue
            evidence = Evidence(start=hit.start, end=hit.end, text=title[hit.start : hit.end])
            cue = _cue(first_id + len(cues), hit.term, evidence, refers_to)
            cues.append(cue.model_copy(update={"where": "title"}))
            keys.append(hit.term.term)
        return cues, keys

    def summary(self, doc: Document, cues: list[FramingCue], events: list[Event]) -> FramingSummary:
        attributions: list[Attribution] = doc.layer("attributions", [])
        outlet: Outlet | None = doc.layer("outlet")
        words = len(doc.text.split()) + len(
            (doc.article.title or "").split() if doc.article else []
        )
        by_target: dict[str, ActorFraming] = {}
        for cue in cues:
            if cue.refers_to is None:
                continue
            entry = by_target.setdefault(cue.refers_to, ActorFraming(refers_to=cue.refers_to))
            if cue.text not in entry.labels:
                entry.labels.append(cue.text)
            if cue.technique and cue.technique not in entry.techniques:
                entry.techniques.append(cue.technique)
            entry.cues.append(cue.id)
            polarity = cue.polarity if cue.polarity != "neutral" else None
            if polarity and entry.polarity not in (None, polarity):
                entry.polarity = "mixed"
            elif polarity:
                entry.polarity = polarity
        own = [cue for cue in cues if not cue.quoted]
        unnamed = sum(a.speaker_kind in ("anonymous", "unattributed") for a in attributions)
        supported = {event_id for a in attributions for event_id in a.supports}
        return FramingSummary(
            outlet=outlet.name if outlet else None,
            words=words,
            cues=len(own),
            quoted_cues=len(cues) - len(own),
            cue_density=round(1000 * len(own) / words, 2) if words else 0.0,
            techniques=dict(Counter(cue.technique for cue in own if cue.technique)),
            actors=list(by_target.values()),
            claims=len(attributions),
            unnamed_claims=unnamed,
            unnamed_share=round(unnamed / len(attributions), 3) if attributions else None,
            unsourced_events=[
                e.id for e in events if e.mode == "asserted" and e.id not in supported
            ],
        )

    def __call__(self, doc: Document) -> None:
        actors = _located_actors(doc, doc.layer("actors", []))
        events: list[Event] = doc.layer("events", [])
        located_events = _located_events(doc, events)
        text_cues, text_keys = self.annotate(doc, self.find(doc, actors), actors, located_events)
        title_cues, title_keys = self.title_cues(doc, 1)
        cues = _same_label_same_referent(title_cues + text_cues, title_keys + text_keys, actors)
        cues = [cue.model_copy(update={"id": f"F{i}"}) for i, cue in enumerate(cues, 1)]
        doc.set_layer("framing", cues, stage="framing")
        doc.set_layer("framing_summary", self.summary(doc, cues, events), stage="framing")


_TITLE_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _cue(number: int, term: FramingTerm, evidence: Evidence, refers_to: str | None) -> FramingCue:
    return FramingCue(
        id=f"F{number}",
        text=evidence.text,
        kind=term.kind,
        technique=term.technique,
        polarity=term.polarity,
        refers_to=refers_to,
        evidence=evidence,
    )


def _same_label_same_referent(cues: list[FramingCue], keys: list[str], actors) -> list[FramingCue]:
    """A label the story pins on a named actor once ("the Khawarij, as the government calls
    al-Shabaab") means that actor wherever it recurs without a better link of its own."""
    generic = {actor.name for _, _, actor in actors if actor.kind == "generic"}
    named: dict[str, str] = {}
    for key, cue in zip(keys, cues, strict=True):
        if (
            cue.refers_to
            and cue.refers_to not in generic
            and not re.fullmatch(r"E\d+", cue.refers_to)
        ):
            named.setdefault(key, cue.refers_to)
    return [
        cue.model_copy(update={"refers_to": named[key]})
        if (cue.refers_to is None or cue.refers_to in generic) and key in named
        else cue
        for key, cue in zip(keys, cues, strict=True)
    ]


def _label_key(text: str) -> str:
    words = text.lower().split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _located_actors(doc: Document, actors: list[Actor]) -> list[tuple[int, int, Actor]]:
    located = []
    for actor in actors:
        for ev in actor.evidence[:1]:
            located.append((doc.view_offset(ev.start), doc.view_offset(ev.end), actor))
    return located


def _located_events(doc: Document, events: list[Event]) -> list[tuple[str, int, int, int]]:
    """(event id, start, end, sentence) of each event's trigger in the normalised view."""
    located = []
    for event in events:
        if event.trigger is not None:
            start, end = doc.view_offset(event.trigger.start), doc.view_offset(event.trigger.end)
            located.append((event.id, start, end, doc.sentence_of(start)))
    return located


def _overlapping(actors, start: int, end: int) -> tuple[int, int, Actor] | None:
    return next((a for a in actors if a[0] < end and start < a[1]), None)


def _adjacent(actors, start: int, end: int, text: str, *, named_only: bool = True):
    """A named actor written right after (one space) or right before (')', ' ') the cue."""
    for a_start, a_end, actor in actors:
        if named_only and actor.kind == "generic":
            continue
        if 0 <= a_start - end <= 2 and not text[end:a_start].strip():
            return actor
        if 0 <= start - a_end <= 3 and not re.search(r"\w", text[a_end:start]):
            return actor
    return None


def _pinned(doc: Document, start: int, end: int, actors) -> bool:
    """'Russian terrorists', 'terrorists US Troops': a weak label pinned on someone."""
    if _adjacent(actors, start, end, doc.text) is not None:
        return True
    if doc.all_caps:
        return False
    before = _CAPITALISED_BEFORE.search(doc.text, max(0, start - 30), start)
    if before and before.group(1).lower() not in _DETERMINERS:
        s_start, _ = doc.sentences[doc.sentence_of(start)]
        return before.start(1) > s_start  # a capital that only opens the sentence says nothing
    return False


_TITLE_WORD = re.compile(r"[A-Z][\w'-]*")


def _in_proper_name(doc: Document, start: int, end: int) -> bool:
    """A capitalised cue inside a run of capitalised words is part of a name."""
    if doc.all_caps or not doc.text[start].isupper():
        return False
    after = re.match(r"\s+([A-Z][\w'-]*)", doc.text[end : end + 30])
    if after and after.group(1).lower() not in _DETERMINERS:
        return True
    s_start, _ = doc.sentences[doc.sentence_of(start)]
    before = _CAPITALISED_BEFORE.search(doc.text, max(s_start, start - 30), start)
    return bool(
        before and before.start(1) > s_start and before.group(1).lower() not in _DETERMINERS
    )


def _refers(doc: Document, item: Found, actors, events, group_labels: dict[int, str]) -> str | None:
    text, start, end, term = doc.text, item.start, item.end, item.term
    overlap = _overlapping(actors, start, end)
    if overlap is not None:
        actor = overlap[2]
        if actor.kind == "generic":
            other = _adjacent(actors, overlap[0], overlap[1], text)
            return (other or actor).name
        return actor.name
    if term.kind in ("so_called", "scare_quote"):
        inner = (start + 1, end - 1) if term.kind == "scare_quote" else None
        if inner is None:
            match = _NP_AFTER.match(text, end)
            if match is None:
                return None
            inner = match.span(1)
        actor = _overlapping(actors, *inner)
        if actor is not None:
            return actor[2].name
        event = next((e for e in events if e[1] < inner[1] and inner[0] < e[2]), None)
        return event[0] if event else text[inner[0] : inner[1]]
    if term.target in ("actor", "any"):
        actor = _adjacent(actors, start, end, text)
        if actor is not None:
            return actor.name
    if term.target in ("event", "any") or term.kind == "hedge":
        same = [e for e in events if e[3] == item.sentence]
        if same:
            return min(same, key=lambda e: 0 if e[1] < end and start < e[2] else abs(e[1] - start))[
                0
            ]
    if term.target == "event" or term.kind == "hedge":
        return None  # a hedge colours a claim: its event, or nothing
    if not doc.all_caps:
        person = _PERSON_AFTER.match(text, end)
        if person and person.end(1) - end < 60:
            return person.group(1)
    if _GROUP_HEAD.search(text[start:end].lower()):
        if item.sentence in group_labels:
            return group_labels[item.sentence]
        demonym = _DEMONYM_BEFORE.search(text, max(0, start - 20), start)
        label = text[demonym.start(1) if demonym else start : end]
        group_labels[item.sentence] = label
        return label
    s_start, s_end = doc.sentences[item.sentence]
    near = [
        a
        for a in actors
        if s_start <= a[0] < s_end and min(abs(a[0] - end), abs(start - a[1])) < NEAREST_ACTOR
    ]
    if near:
        return min(near, key=lambda a: min(abs(a[0] - end), abs(start - a[1])))[2].name
    return None
