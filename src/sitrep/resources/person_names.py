"""Common personal names (``data/person_names.tsv``, ours): given and family names.

The places stage uses them to tell "ROBERTO ARMANDO RIVERA" (a man) from Rivera (a
Uruguayan department) where capitals say nothing.
"""

from __future__ import annotations

from functools import lru_cache

from . import data_path, read_tsv
from . import gazetteer as gz


@lru_cache(maxsize=1)
def person_names() -> dict[str, str]:
    """Name key (``gazetteer.name_key``) of each name -> its kind, ``given`` or ``family``."""
    rows = read_tsv(data_path("person_names.tsv"))
    return {gz.name_key(row["name"]): row["kind"] for row in rows}
