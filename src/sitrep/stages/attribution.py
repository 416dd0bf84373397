"""Attribution stage: who says so. Reporting cues, their speakers and the story's outlet.

Finds "X said", "X told AFP", "according to X", "citing X, Y reported" and passive
"it is estimated that"; classifies the speaker (named, official, anonymous, witness,
outlet, group, unattributed) and the source kind (wire, state agency, official,
anonymous, social media, ...); links each attribution to the events told in its
sentence (``Attribution.supports``). Also names the outlet that published the story
(feed, dateline, byline or URL) from sitrep's outlet registry.

A cue inside a quotation is the quoted person's words, not the story's sourcing: it is
skipped, and a quotation with no speaker outside it becomes one ``unattributed``
attribution. Nothing is ever taken from inside quotation marks as a speaker.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..document import Document
from ..model import Actor, Attribution, Event, Outlet
from ..registry import stage
from ..resources.outlet_registry import OutletEntry, load_outlets
from ..settings import Settings
from . import attribution_rules as rules
from .scanning import Caseless

# A speaker is a noun phrase: longer stretches are clauses, not speakers (words).
MAX_SPEAKER_WORDS = 9
# How far back from a reporting verb a speaker may start (characters).
SPEAKER_WINDOW = 120
# A quotation of fewer words is a scare quote or a term, not someone's statement.
MIN_QUOTE_WORDS = 5
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:he|she|they|it|we|i)$", re.IGNORECASE)
_NOT_REPORTING_AFTER = re.compile(
    r"\s+(?:responsibility|credit|the\s+(?:attack|lives?)|that\s+attack|lives?|\d)", re.I
)
_NOT_REPORTING_BEFORE = re.compile(
    r"(?:\b(?:was|were|been|being|is|are|an|the|these|those|media|news|such|no|unconfirmed)\s+|[-'])$",
    re.IGNORECASE,
)
_PHRASE_STOP = re.compile(r'[,;:."()]|\s(?:that|who|which|on|in|at|as|when)\s')
_DATELINE = re.compile(r"^\s*[A-Z][\w .'-]{1,40},\s[^\n()]{0,30}\(([^()\n]{2,40})\)\s*[-:]")
_BYLINE = re.compile(r"^\s*By\s+[^\n]{2,80}", re.IGNORECASE)


@dataclass(slots=True)
class Found:
    """One attribution before it is written: normalised-view spans."""

    start: int
    end: int
    cue: str
    speaker: tuple[int, int] | None
    outlet: OutletEntry | None = None
    passive: bool = False


@stage(
    "attribution",
    reads={"text", "sentences", "events", "actors"},
    writes={"attributions", "outlet"},
)
class AttributionStage:
    """Find reporting cues, their speakers and source kinds, and the story's outlet."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.outlets = load_outlets()

    # -- find ------------------------------------------------------------------------------
    def find(self, doc: Document) -> list[Found]:
        text = doc.text
        quoted = _quoted_regions(text)
        found: list[Found] = []
        used: list[tuple[int, int]] = []

        def free(start: int, end: int) -> bool:
            return not _inside(quoted, start) and not any(
                start < u_end and u_start < end for u_start, u_end in used
            )

        def bounds(position: int) -> tuple[int, int]:
            return doc.sentences[doc.sentence_of(position)] if doc.sentences else (0, len(text))

        # One pass per pattern over the whole text; overlaps are settled within a sentence,
        # so the order of the passes is the order of precedence.
        lowered = doc.lowered
        for match in _CITING.finditer(text, lowered):
            s_start, s_end = bounds(match.start())
            if not free(*match.span()):
                continue
            speaker = _phrase_after(text, match.end(), s_end)
            if speaker is None:
                continue
            verb = rules.VERB_AFTER.match(text, speaker[1])
            subject = text[max(s_start, match.start() - SPEAKER_WINDOW) : match.start()]
            outlet = self._outlet_in(doc, subject) or self._outlet_in(doc, text[s_start:s_end])
            end = verb.end() if verb else speaker[1]
            found.append(Found(match.start(), end, "citing", speaker, outlet))
            used.append((match.start(), end))
        for match in _ACCORDING.finditer(text, lowered):
            s_start, s_end = bounds(match.start())
            if not free(*match.span()):
                continue
            speaker = _phrase_after(text, match.end(), s_end)
            if speaker is None:
                continue
            outlet = self._outlet_in(doc, text[speaker[0] : speaker[1]])
            found.append(Found(match.start(), speaker[1], "according to", speaker, outlet))
            used.append((match.start(), speaker[1]))
        for match in _PASSIVE.finditer(text, lowered):
            s_start, s_end = bounds(match.start())
            if not free(*match.span()):
                continue
            end = len(text[s_start:s_end].rstrip(" \n.")) + s_start
            found.append(Found(match.start(), max(end, match.end()), "passive", None, passive=True))
            used.append(match.span())
        for match in _VERB.finditer(text, lowered):
            if not free(*match.span()) or _not_reporting(text, match):
                continue
            s_start, s_end = bounds(match.start())
            item = self._verb(doc, match, s_start, s_end)
            if item is not None and free(item.start, item.end):
                found.append(item)
                used.append((item.start, item.end))
        found.sort(key=lambda item: item.start)
        return found + self._quotations(doc, quoted, found)

    def _verb(self, doc: Document, match: re.Match, s_start: int, s_end: int) -> Found | None:
        text = doc.text
        cue = match.group(0).lower()
        speaker = _phrase_before(text, match.start(), s_start)
        if speaker is None:  # "..., said Ahmed Ali" / "said the ministry"
            speaker = _phrase_after(text, match.end(), s_end, inverted=True)
        if speaker is None:
            return None
        start, end = min(speaker[0], match.start()), max(speaker[1], match.end())
        outlet = self._outlet_in(doc, text[speaker[0] : speaker[1]])
        if cue in ("told", "tells", "tell", "quoted"):
            told = self._outlet_at(doc, match.end(), s_end)
            if told is not None:
                outlet, end = told
        return Found(start, end, cue, speaker, outlet)

    def _quotations(self, doc: Document, quoted: list[tuple[int, int]], found: list[Found]):
        """A quotation with no speaker anywhere in its paragraph: one unattributed claim."""
        extra = []
        for q_start, q_end in quoted:
            if len(doc.text[q_start:q_end].split()) < MIN_QUOTE_WORDS:
                continue
            para_start = doc.text.rfind("\n\n", 0, q_start) + 1
            para_end = doc.text.find("\n\n", q_end)
            para_end = len(doc.text) if para_end < 0 else para_end
            if any(para_start <= item.start < para_end for item in found):
                continue
            extra.append(Found(q_start, q_end, "quotation", None, passive=True))
        return extra

    def _outlet_at(self, doc: Document, position: int, limit: int):
        """The outlet named right at ``position`` ("told [the] AFP"), with where it ends."""
        lead = rules.ADDRESSEE.match(doc.text, position, limit)
        if lead is None:
            return None
        pattern = self.outlets.pattern_caps if doc.all_caps else self.outlets.pattern
        probe = doc.text.upper() if doc.all_caps else doc.text
        match = pattern.match(probe, lead.end(), limit)
        return (self.outlets.get(match.group(0)), match.end()) if match else None

    def _outlet_in(self, doc: Document, words: str) -> OutletEntry | None:
        pattern = self.outlets.pattern_caps if doc.all_caps else self.outlets.pattern
        probe = words.upper() if doc.all_caps else words
        match = pattern.search(probe)
        return self.outlets.get(match.group(0)) if match else None

    # -- annotate --------------------------------------------------------------------------
    def annotate(self, doc: Document, found: list[Found]) -> list[Attribution]:
        actors = _located(doc, doc.layer("actors", []))
        events: list[Event] = doc.layer("events", [])
        event_spans = [(event.id, _event_starts(event)) for event in events]
        attributions: list[Attribution] = []
        last_speaker: tuple[str, str, str | None, str | None] | None = None
        for item in found:
            evidence = doc.evidence(item.start, item.end, mode="expand")
            if evidence is None:
                continue
            speaker_text = speaker_kind = source = source_kind = None
            if item.passive or item.speaker is None:
                speaker_kind, source_kind = "unattributed", "unattributed"
            else:
                speaker_ev = doc.evidence(*item.speaker, mode="expand")
                speaker_text = speaker_ev.text if speaker_ev else None
                words = doc.text[item.speaker[0] : item.speaker[1]]
                if _PRONOUN.match(words.strip()):
                    # "he said": the last speaker named before, never a guess.
                    if last_speaker is None:
                        speaker_text, speaker_kind, source_kind = (
                            None,
                            "unattributed",
                            "unattributed",
                        )
                    else:
                        speaker_text, speaker_kind, source, source_kind = last_speaker
                else:
                    speaker_kind = _speaker_kind(doc, words, item.speaker, actors, self._outlet_in)
                    source = _DETERMINER.sub("", speaker_text or "") or None
                    source_kind = _SOURCE_KIND.get(speaker_kind, speaker_kind)
                    last_speaker = (speaker_text, speaker_kind, source, source_kind)
            if (
                item.outlet is not None
                and item.cue
                in (
                    "told",
                    "tells",
                    "tell",
                    "citing",
                    "quoted",
                )
                or item.outlet is not None
                and speaker_kind == "outlet"
            ):
                source, source_kind = item.outlet.name, item.outlet.source_kind
            sentence = doc.sentence_of(item.start)
            if speaker_kind not in ("unattributed", "outlet") and _SOCIAL.search_slice(
                doc.text, doc.lowered, *doc.sentences[sentence]
            ):
                source_kind = "social media"
            attributions.append(
                Attribution(
                    id=f"A{len(attributions) + 1}",
                    cue=item.cue,
                    speaker=speaker_text,
                    speaker_kind=speaker_kind,
                    source=source,
                    source_kind=source_kind,
                    supports=_supported(doc, sentence, event_spans),
                    evidence=evidence,
                )
            )
        return attributions

    def outlet(self, doc: Document) -> Outlet | None:
        """The story's outlet: dateline or byline (with evidence), else the feed, else the URL."""
        article = doc.article
        match = _DATELINE.match(doc.original[:200])
        if match:
            entry = self.outlets.get(match.group(1))
            if entry is not None:
                start, end = match.span(1)
                return _outlet(
                    entry,
                    "dateline",
                    doc.evidence(doc.view_offset(start), doc.view_offset(end), mode="expand"),
                )
        match = _BYLINE.match(doc.original[:200])
        if match:
            found = self.outlets.pattern.search(match.group(0))
            if found:
                start, end = match.start() + found.start(), match.start() + found.end()
                ev = doc.evidence(doc.view_offset(start), doc.view_offset(end), mode="expand")
                return _outlet(self.outlets.get(found.group(0)), "byline", ev)
        if article is not None and article.outlet:
            entry = self.outlets.get(article.outlet.split(";")[0])
            if entry is not None:
                return _outlet(entry, "feed", None)
            return Outlet(name=article.outlet, known=False, found_by="feed")
        if article is not None and article.url:
            entry = self.outlets.by_url(article.url)
            if entry is not None:
                return _outlet(entry, "url", None)
        return None

    def __call__(self, doc: Document) -> None:
        doc.set_layer("attributions", self.annotate(doc, self.find(doc)), stage="attribution")
        doc.set_layer("outlet", self.outlet(doc), stage="attribution")


_SOURCE_KIND = {"named": "official", "witness": "witness", "group": "group"}
# Case-sensitive twins of the cue patterns, for the lower-cased text (see scanning).
_CITING = Caseless(rules.CITING)
_ACCORDING = Caseless(rules.ACCORDING)
_PASSIVE = Caseless(rules.PASSIVE)
_VERB = Caseless(rules.VERB)
_SOCIAL = Caseless(rules.SOCIAL)


def _outlet(entry: OutletEntry | None, found_by: str, evidence) -> Outlet | None:
    if entry is None:
        return None
    return Outlet(
        name=entry.name,
        kind=entry.kind,
        country_code=entry.country_code,
        state_affiliated=entry.state_affiliated,
        known=True,
        found_by=found_by,
        evidence=evidence,
    )


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    """Spans inside double quotation marks, paired within a paragraph; an unclosed quote
    runs to the end of its paragraph (quotes inside quotes are inside the outer one)."""
    regions: list[tuple[int, int]] = []
    if rules.QUOTE not in text:
        return regions
    para_start, length = 0, len(text)
    while para_start < length:
        para_end = text.find("\n\n", para_start)
        para_end = length if para_end < 0 else para_end
        marks = []
        position = text.find(rules.QUOTE, para_start, para_end)
        while position >= 0:
            marks.append(position)
            position = text.find(rules.QUOTE, position + 1, para_end)
        for i in range(0, len(marks), 2):
            start = marks[i] + 1
            end = marks[i + 1] if i + 1 < len(marks) else para_end
            if end > start:
                regions.append((start, end))
        para_start = para_end + 2
    return regions


def _inside(regions: list[tuple[int, int]], position: int) -> bool:
    index = bisect.bisect_right(regions, (position, float("inf"))) - 1
    return index >= 0 and regions[index][0] <= position < regions[index][1]


def _not_reporting(text: str, match: re.Match) -> bool:
    """'claimed responsibility', 'were reported', 'an estimated', 'media reports': no speaker."""
    before = text[max(0, match.start() - 20) : match.start()]
    if _NOT_REPORTING_BEFORE.search(before):
        return True
    return bool(_NOT_REPORTING_AFTER.match(text, match.end()))


_INITIAL_END = re.compile(r"\b[A-Za-z]\.$")  # "U.S.", "John F.": an initial keeps its stop


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and not (text[start].isalnum() or text[start] in "'"):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".'"):
        end -= 1
    if end > start and text[end - 1] == "." and not _INITIAL_END.search(text[start:end]):
        end -= 1
    return (start, end) if end > start else None


def _phrase_before(text: str, verb_start: int, s_start: int) -> tuple[int, int] | None:
    """The speaker written just before a verb, back to where its clause begins.

    Asides ("an official, speaking on condition of anonymity, said") and appositions
    ("Kataib Hezbollah, one of the factions ..., said") are stepped over; a clause that
    begins with a conjunction right before the verb ("... and said") has no speaker here.
    """
    window_start = max(s_start, verb_start - SPEAKER_WINDOW)
    cuts = [(window_start, window_start, "")]
    for m in rules.CLAUSE_START.finditer(text, window_start, verb_start):
        cuts.append((m.start(), m.end(), m.group(0).strip().lower()))
    pieces = []
    for index, (_, piece_start, mark) in enumerate(cuts):
        piece_end = cuts[index + 1][0] if index + 1 < len(cuts) else verb_start
        pieces.append((piece_start, piece_end, mark))
    for index in range(len(pieces) - 1, -1, -1):
        piece_start, piece_end, mark = pieces[index]
        span = _trim(text, piece_start, piece_end)
        if span is None:
            if mark in (",", '"') and index == len(pieces) - 1:
                continue  # '"...," he said' / 'an official, ..., said': look further back
            if mark == "," and index < len(pieces) - 1:
                continue
            return None
        if rules.ASIDE.match(text, span[0]):
            continue
        long = len(text[span[0] : span[1]].split()) > 4
        if index == 1 and mark == "," and long and rules.APPOSITION.match(text, span[0]):
            previous = _trim(text, pieces[0][0], pieces[0][1])
            if (
                previous
                and pieces[0][0] == s_start
                and text[previous[0]].isupper()
                and len(text[previous[0] : previous[1]].split()) <= 5
            ):
                span = previous
                index -= 1
        if '"' in text[span[0] : verb_start] and mark != '"':
            return None
        span = _strip_adverbs(text, span)
        if span is None:
            return None
        words = text[span[0] : span[1]].split()
        if len(words) > MAX_SPEAKER_WORDS or (index == 0 and window_start > s_start):
            return None
        return span
    return None


def _strip_adverbs(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """'The Pentagon later' -> 'The Pentagon'; 'Moscow again' -> 'Moscow'."""
    match = rules.TRAILING.search(text, span[0], span[1])
    if match and match.end() == span[1]:
        return _trim(text, span[0], match.start())
    return span


def _phrase_after(
    text: str, start: int, s_end: int, *, inverted: bool = False
) -> tuple[int, int] | None:
    """The noun phrase right after 'according to' / 'citing' / an inverted 'said'."""
    found = _PHRASE_STOP.search(text, start, s_end)
    end = found.start() if found else s_end
    span = _trim(text, start, end)
    if span is None:
        return None
    words = text[span[0] : span[1]].split()
    if not words or len(words) > MAX_SPEAKER_WORDS:
        return None
    if inverted and not (words[0][0].isupper() or words[0].lower() in ("the", "a", "an")):
        return None
    return span


def _speaker_kind(doc: Document, words: str, span, actors, outlet_in) -> str:
    if outlet_in(doc, words) is not None or rules.MEDIA.search(words):
        return "outlet"
    if rules.WITNESS.search(words):
        return "witness"
    for start, end, actor in actors:
        if start < span[1] and span[0] < end and actor.kind != "generic":
            if actor.inter in (2, 3, 4):
                return "group"
            break
    if not doc.all_caps and _has_name(words):
        return "named"
    if rules.ANONYMOUS.search(words):
        return "anonymous"
    if rules.GROUP.search(words):
        return "group"
    if rules.OFFICIAL.search(words) or any(
        start < span[1] and span[0] < end for start, end, _ in actors
    ):
        return "official"
    return "official" if words[:1].isupper() else "anonymous"


def _has_name(words: str) -> bool:
    """A person's name among the words: capitalised words that are no body or title."""
    for name in rules.NAME.finditer(words):
        if words[: name.start()].endswith("of "):
            continue  # "Ministry of Internal Security"
        tokens = [token.lower().strip(".,'") for token in name.group(0).split()]
        if any(token in rules.ORG_HEADS for token in tokens):
            continue
        if any(token not in rules.NOT_NAME_WORDS for token in tokens):
            return True
    return False


def _located(doc: Document, actors: list[Actor]) -> list[tuple[int, int, Actor]]:
    located = []
    for actor in actors:
        if actor.evidence:
            ev = actor.evidence[0]
            located.append((doc.view_offset(ev.start), doc.view_offset(ev.end), actor))
    return located


def _event_starts(event: Event) -> list[int]:
    """Original offsets of the words that tell an event (dates are often borrowed: not them)."""
    return [ev.start for name, ev in event.field_evidence() if name != "date"]


def _supported(doc: Document, sentence: int, event_spans) -> list[str]:
    s_start, s_end = doc.sentences[sentence]
    ev = doc.evidence(s_start, s_end, mode="expand")
    if ev is None:
        return []
    return [
        event_id
        for event_id, starts in event_spans
        if any(ev.start <= start < ev.end for start in starts)
    ]
