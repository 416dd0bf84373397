"""The dates stage: find temporal expressions and resolve them against the reference date.

``find`` runs one combined regex over the normalised text; ``annotate`` resolves each
match in text order, so anaphora ("the next day") can lean on the last date the story
established. The reference date is the dateline's date when the story opens with one,
else the publication date.
"""

from __future__ import annotations

import datetime as dt
import re

from ..document import Document
from ..model import DateMention
from ..registry import stage
from ..settings import Settings
from . import date_rules as rules
from .date_resolve import CONFIDENCE, Resolved, Resolver, Unresolved

STAGE = "dates"


def find(doc: Document) -> list[re.Match[str]]:
    """Every candidate temporal expression in ``doc.text``, in text order."""
    text = doc.text
    if not rules.QUICK_RE.search(text):
        return []
    return rules.DATE_SCAN.finditer(text, doc.lowered)


def dateline_match(doc: Document, found: list[re.Match[str]]) -> re.Match[str] | None:
    """The match that is the dateline's date ("LIMA, 9 JAN 90 (EFE) --"), if any."""
    if not found:
        return None
    first = found[0]
    if first.start() > 120 or first.lastgroup not in {"dmy", "mdy", "iso", "numeric"}:
        return None
    text = doc.text
    if rules.DATELINE_BEFORE_RE.fullmatch(text, 0, first.start()) is None:
        return None
    if rules.DATELINE_AFTER_RE.match(text, first.end()) is None:
        return None
    return first


def _mention(doc: Document, resolved: Resolved, start: int, end: int) -> DateMention | None:
    ev = doc.evidence(start, end) or doc.evidence(start, end, mode="expand")
    if ev is None:
        return None
    return DateMention(
        start=resolved.start,
        end=resolved.end,
        precision=resolved.precision,
        confidence=resolved.confidence,
        evidence=[ev],
        kind=resolved.kind,  # type: ignore[arg-type]
        future=resolved.future,
        anchor=resolved.anchor,
    )


@stage("dates", reads={"text", "sentences"}, writes={"dates", "reference_date"})
class DateStage:
    """Find dates and resolve them against the dateline or publication date."""

    def __init__(self, settings: Settings) -> None:
        self.config = settings.dates

    def __call__(self, doc: Document) -> None:
        found = find(doc)
        mentions, ref = self.annotate(doc, found)
        doc.set_layer("reference_date", ref, stage=STAGE)
        doc.set_layer("dates", mentions, stage=STAGE)

    def annotate(
        self, doc: Document, found: list[re.Match[str]]
    ) -> tuple[list[DateMention], dt.date | None]:
        """Resolve ``found`` in order; returns the mentions and the reference date."""
        ref = doc.published
        mentions: list[DateMention] = []
        spans: list[tuple[int, int, Resolved]] = []
        dateline = dateline_match(doc, found)
        if dateline is not None:
            try:
                resolved = Resolver(doc, self.config, doc.published).resolve(dateline)
            except LookupError:
                resolved = None
            except Unresolved as problem:
                doc.note(problem.code, STAGE, str(problem), (dateline.start(), dateline.end()))
                resolved = None
            if resolved is not None:
                ref = resolved.start
                resolved.kind, resolved.anchor = "dateline", None
                spans.append((dateline.start(), dateline.end(), resolved))
        resolver = Resolver(doc, self.config, ref)
        consumed = 0
        for m in found:
            if m.start() < consumed:  # already taken by a "last year" or time-of-day suffix
                continue
            if m is dateline and spans:
                resolver.established = spans[0][2]
                continue
            try:
                resolved = resolver.resolve(m)
            except LookupError:
                continue
            except Unresolved as problem:
                doc.note(problem.code, STAGE, str(problem), (m.start(), m.end()))
                continue
            start = resolved.span_start if resolved.span_start is not None else m.start()
            end = resolved.span_end if resolved.span_end is not None else m.end()
            self._check_reference(doc, resolved, ref, (start, end))
            spans.append(self._glue(doc, spans, start, end, resolved))
            consumed = end
            if not resolved.future and (resolved.precision == "day" or resolved.kind == "range"):
                resolver.established = resolved
        for start, end, resolved in spans:
            mention = _mention(doc, resolved, start, end)
            if mention is not None:
                mentions.append(mention)
        return mentions, ref

    def _check_reference(
        self, doc: Document, resolved: Resolved, ref: dt.date | None, span: tuple[int, int]
    ) -> None:
        # Only forward-looking wording may put a date after the reference date.
        if ref is None or resolved.future:
            return
        if resolved.start > ref + dt.timedelta(days=self.config.future_grace_days):
            resolved.confidence = min(resolved.confidence, CONFIDENCE["after_reference"])
            doc.note(
                "date.after_reference",
                STAGE,
                f"{resolved.start.isoformat()} is after the reference date "
                f"{ref.isoformat()} without forward-looking wording",
                span,
            )

    @staticmethod
    def _glue(
        doc: Document,
        spans: list[tuple[int, int, Resolved]],
        start: int,
        end: int,
        resolved: Resolved,
    ) -> tuple[int, int, Resolved]:
        # "Sunday [1 June]" or "Sunday, June 1": the weekday and the date are one mention.
        if spans and resolved.kind == "absolute" and resolved.precision == "day":
            prev_start, prev_end, prev = spans[-1]
            if prev.kind == "weekday" and rules.GLUE_RE.fullmatch(doc.text, prev_end, start):
                spans.pop()
                return prev_start, end, resolved
        return start, end, resolved
