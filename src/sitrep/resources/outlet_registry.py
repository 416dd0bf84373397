"""The outlet registry: news agencies, papers, broadcasters and partisan outlets.

Loaded from our own ``data/outlet_registry.tsv`` (name, aliases, country, kind,
state-affiliated flag, web domains, a source note per entry) on first use. The attribution
stage uses it to name the outlet of a story (feed, dateline, byline, URL) and to tell a
wire agency from a state agency when the text cites one ("told AFP", "INA reported").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from . import data_path, read_tsv

KINDS = frozenset({"wire", "state agency", "newspaper", "broadcaster", "partisan"})


@dataclass(frozen=True, slots=True)
class OutletEntry:
    name: str
    aliases: tuple[str, ...]
    country_code: str | None
    kind: str
    state_affiliated: bool
    domains: tuple[str, ...]
    source: str

    @property
    def source_kind(self) -> str:
        """The attribution source kind it gives: 'wire', 'state agency' or 'outlet'."""
        return self.kind if self.kind in ("wire", "state agency") else "outlet"


class OutletRegistry:
    """Outlets by name, alias and web domain, plus one regex that finds their names."""

    def __init__(self, entries: list[OutletEntry]) -> None:
        self.entries = entries
        self._by_key: dict[str, OutletEntry] = {}
        self._by_domain: dict[str, OutletEntry] = {}
        names: list[str] = []
        for entry in entries:
            for alias in (entry.name, *entry.aliases):
                self._by_key.setdefault(_key(alias), entry)
                names.append(alias)
            for domain in entry.domains:
                self._by_domain[domain.lower()] = entry
        names.sort(key=len, reverse=True)
        alternation = "|".join(re.escape(name) for name in names)
        # Case matters in mixed-case copy (AP, RT, INA are also letters of words).
        self.pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")
        self.pattern_caps = re.compile(rf"(?<![\w-])(?:{alternation.upper()})(?![\w-])")

    def get(self, name: str | None) -> OutletEntry | None:
        """The entry called ``name`` (name or alias; case, dots and a leading 'The' ignored)."""
        if not name:
            return None
        return self._by_key.get(_key(name))

    def by_url(self, url: str | None) -> OutletEntry | None:
        """The entry whose web domain hosts ``url`` (sub-domains included)."""
        if not url:
            return None
        host = (urlsplit(url).hostname or "").lower()
        while host:
            if host in self._by_domain:
                return self._by_domain[host]
            _, _, host = host.partition(".")
        return None


def _key(name: str) -> str:
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"[\s.'-]+", " ", name).strip().casefold()


def _parse(path: Path) -> list[OutletEntry]:
    entries = []
    for row in read_tsv(path):
        entries.append(
            OutletEntry(
                name=row["name"],
                aliases=tuple(alias for alias in row["aliases"].split("|") if alias),
                country_code=row["country_code"] or None,
                kind=row["kind"],
                state_affiliated=row["state_affiliated"] == "yes",
                domains=tuple(domain for domain in row["domains"].split("|") if domain),
                source=row["source"],
            )
        )
    return entries


@lru_cache(maxsize=1)
def load_outlets() -> OutletRegistry:
    return OutletRegistry(_parse(data_path("outlet_registry.tsv")))
