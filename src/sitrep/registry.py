"""The stage registry: stages declare their name, what they read and what they write.

sitrep's own stages register through the ``sitrep.stages`` entry-point group, the same
path a user's package takes, so the extension route runs every time.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from importlib import import_module
from importlib.metadata import entry_points
from typing import Any, ClassVar, Protocol

from .errors import Errors, SitrepError

# Layers every Document has before any stage runs.
BASE_LAYERS = frozenset({"text", "sentences", "tokens", "published"})
ENTRY_POINT_GROUP = "sitrep.stages"
_BUILTIN = {
    "dates": "sitrep.stages.dates:DateStage",
    "places": "sitrep.stages.places:PlaceStage",
    "actors": "sitrep.stages.actors:ActorStage",
    "quantities": "sitrep.stages.quantities:QuantityStage",
    "events": "sitrep.stages.events:EventStage",
    "attribution": "sitrep.stages.attribution:AttributionStage",
    "framing": "sitrep.stages.framing:FramingStage",
}


class Stage(Protocol):
    name: ClassVar[str]
    reads: ClassVar[frozenset[str]]
    writes: ClassVar[frozenset[str]]
    description: ClassVar[str]

    def __call__(self, doc: Any) -> None: ...


def stage(
    name: str, *, reads: set[str], writes: set[str], description: str = ""
) -> Callable[[type], type]:
    """Class decorator declaring a stage's registry key and the layers it reads and writes."""

    def register(cls: type) -> type:
        cls.name = name
        cls.reads = frozenset(reads)
        cls.writes = frozenset(writes)
        cls.description = description or (cls.__doc__ or "").strip().splitlines()[0]
        return cls

    return register


@lru_cache(maxsize=1)
def _targets() -> dict[str, str]:
    found = {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}
    # Running from a source tree without an install still finds the built-in stages.
    return {**_BUILTIN, **found}


def available() -> list[str]:
    return sorted(_targets())


def load(name: str) -> type:
    """Import and return the stage class registered as ``name``."""
    targets = _targets()
    if name not in targets:
        raise SitrepError(Errors.E002.format(name=name, known=", ".join(sorted(targets))))
    module, _, attr = targets[name].partition(":")
    return getattr(import_module(module), attr)
