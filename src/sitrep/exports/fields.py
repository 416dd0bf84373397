"""Values every export derives the same way from an event: its date, outlet, sentence, evidence."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator

from ..model import DateValue, Event, Extraction

# ACLED interaction labels (its current export writes them as text; the code is inter1*10+inter2).
INTER_LABELS = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}
# A note or summary is a sentence, not the story: longer ones are cut at a word.
MAX_SENTENCE_CHARS = 400
# A sentence ends at . ! ? after a lower-case letter or digit (so "U.S." does not end one),
# or at a line break.
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)][.!?])[\"'”’)]*\s+|\n\s*")

EventPair = tuple[Extraction, Event]


def pairs(extractions: Iterable[Extraction]) -> Iterator[EventPair]:
    """Every (extraction, event), in order: the unit each event-per-row export writes."""
    for extraction in extractions:
        for event in extraction.events:
            yield extraction, event


def event_date(date: DateValue | None) -> dt.date | None:
    """The one day an export writes: the day itself, or the middle of a week, month or year.

    A date known only to the week, month or year is written as the middle day of that span;
    ``time_precision`` 2 or 3 says so, and the span's ends stay in the Parquet export.
    """
    if date is None or date.start is None:
        return None
    if date.end is None or date.end <= date.start:
        return date.start
    return date.start + (date.end - date.start) // 2


def outlet_name(extraction: Extraction) -> str | None:
    if extraction.outlet is not None:
        return extraction.outlet.name
    return extraction.article.outlet


def event_sentence(extraction: Extraction, event: Event) -> str:
    """The sentence of the story that names the event, whitespace collapsed."""
    text = extraction.article.text
    anchor = event.trigger or next((ev for _, ev in event.field_evidence()), None)
    if anchor is None:
        return _clip(extraction.article.title or "")
    start = 0
    for boundary in _SENTENCE_END.finditer(text, 0, anchor.start):
        start = boundary.end()
    found = _SENTENCE_END.search(text, anchor.end)
    end = found.start() if found else len(text)
    return _clip(text[start:end])


def _clip(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    if len(sentence) <= MAX_SENTENCE_CHARS:
        return sentence
    return sentence[:MAX_SENTENCE_CHARS].rsplit(" ", 1)[0] + " …"


def interaction(inter1: int | None, inter2: int | None) -> str | None:
    """ACLED's interaction label: the two actor types, lower code first ('State forces-Civilians')."""
    codes = sorted(code for code in (inter1, inter2) if code in INTER_LABELS)
    if not codes:
        return None
    if len(codes) == 1:
        return f"{INTER_LABELS[codes[0]]} only"
    return "-".join(INTER_LABELS[code] for code in codes)


def evidence_json(event: Event) -> str:
    """Every field's evidence as one JSON object: {field: [{start, end, text}, ...]}."""
    grouped: dict[str, list[dict]] = {}
    for name, ev in event.field_evidence():
        grouped.setdefault(name, []).append(ev.model_dump())
    return json.dumps(grouped, ensure_ascii=False)
