"""The working parts of the events stage: triggers, clusters of sentences, located mentions."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import event_rules as rules


@dataclass(slots=True)
class Trigger:
    start: int  # normalised-view offsets
    end: int
    spec: rules.TriggerSpec
    sentence: int


@dataclass(slots=True)
class Cluster:
    """The sentences that tell one event, and the trigger that named it."""

    trigger: Trigger
    sentences: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Located:
    """A mention from an earlier stage with its place in the normalised view."""

    item: object
    start: int
    end: int
    sentence: int
