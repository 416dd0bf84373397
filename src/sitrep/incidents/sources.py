"""One story's report of an event, as an incident keeps it: who, when, in what words."""

from __future__ import annotations

import re

import numpy as np

from ..evaluate.normalise import normalise_text
from ..model import Event, Evidence, Extraction, IncidentSource, PlaceValue

# A sentence boundary: end punctuation (and a closing quote) then space, or a blank line.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[A-Z0-9\"“'‘(\[])|\n\s*\n")
# A run-on "sentence" (a list, wire copy without stops) is cut to this many characters.
MAX_WORDING_CHARS = 600


def wording_of(extraction: Extraction, event: Event) -> Evidence | None:
    """The sentence of the article that reports ``event``, as evidence into its text."""
    text = extraction.article.text
    anchor = event.trigger or next(iter(ev for _, ev in event.field_evidence()), None)
    if anchor is None or anchor.end > len(text):
        return None
    start = 0
    for found in _SENTENCE_END.finditer(text, 0, anchor.start):
        start = found.end()
    found = _SENTENCE_END.search(text, anchor.end)
    end = found.end() if found else len(text)
    start = max(start, anchor.start - MAX_WORDING_CHARS // 2)
    end = min(end, max(anchor.end, start + MAX_WORDING_CHARS))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(start=start, end=end, text=text[start:end]) if end > start else None


def from_dateline(extraction: Extraction, place: PlaceValue | None) -> bool:
    """The event's place is the story's dateline: its evidence is the dateline's words."""
    if place is None or not place.evidence:
        return False
    datelines = {
        (ev.start, ev.end)
        for mention in extraction.places
        if mention.relation == "dateline"
        for ev in mention.value.evidence
    }
    return all((ev.start, ev.end) in datelines for ev in place.evidence)


def source_of(extraction: Extraction, event: Event) -> IncidentSource:
    """One story's report of ``event``: outlet, wording, framing, attributions, figures."""
    names = {
        normalise_text(value)
        for actor in (event.actor1, event.actor2, *event.assoc_actors)
        if actor is not None
        for value in (actor.name, actor.text)
        if value
    }
    # A cue that names nothing frames the story as a whole, so its main event.
    framing = [
        cue
        for cue in extraction.framing
        if cue.refers_to == event.id
        or (cue.refers_to is not None and normalise_text(cue.refers_to) in names)
        or (cue.refers_to is None and event.main)
    ]
    attributions = [
        item
        for item in extraction.attributions
        if event.id in item.supports or item.id in event.sources
    ]
    article = extraction.article
    return IncidentSource(
        article_id=article.id,
        event_id=event.id,
        outlet=article.outlet or (extraction.outlet.name if extraction.outlet else None),
        published=article.published or extraction.reference_date,
        title=article.title,
        wording=wording_of(extraction, event),
        framing=framing,
        attributions=attributions,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        disorder_type=event.disorder_type,
        date=event.date,
        place=event.place,
        dateline_place=from_dateline(extraction, event.place),
        actor1=event.actor1,
        actor2=event.actor2,
        named_targets=event.named_targets,
        fatalities=event.fatalities,
        injuries=event.injuries,
    )


def wording_vectors(sources: list[IncidentSource]) -> list[np.ndarray | None]:
    """Unit vectors of the sources' wordings (None where there is none), in one batch."""
    return text_vectors(
        [source.wording.text if source.wording is not None else "" for source in sources]
    )


def text_vectors(texts: list[str]) -> list[np.ndarray | None]:
    """Unit vectors of ``texts`` (None for a blank one), in one batch."""
    from ..resources.embeddings import load

    wanted = [i for i, text in enumerate(texts) if text.strip()]
    vectors: list[np.ndarray | None] = [None] * len(texts)
    if wanted:
        # One process: joblib's worker pool costs more than it saves at these sizes.
        matrix = load().encode([texts[i] for i in wanted], use_multiprocessing=False)
        matrix = matrix.astype(np.float32)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        matrix = matrix / np.where(norms == 0, 1, norms)
        for row, i in enumerate(wanted):
            vectors[i] = matrix[row]
    return vectors
