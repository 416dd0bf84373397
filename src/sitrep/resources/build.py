"""Build every resource into ``sitrep/resources/built/``: ``python -m sitrep.resources.build``.

Each resource registers one builder, ``build(path) -> path``, under its name; later
resources (actor dictionary, lexicons) join :data:`BUILDERS`. Builds are deterministic:
the same package data and curated files give the same artefact.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from . import built_path, gazetteer

Builder = Callable[[Path], Path]
BUILDERS: dict[str, tuple[str, Builder]] = {
    gazetteer.NAME: (gazetteer.FILENAME, gazetteer.build),
}


def build_all(names: Iterable[str] | None = None) -> dict[str, tuple[Path, float]]:
    """Build the named resources (all by default); return each file and seconds taken."""
    done = {}
    for name in names or sorted(BUILDERS):
        filename, builder = BUILDERS[name]
        began = time.perf_counter()
        path = builder(built_path(filename))
        done[name] = (path, time.perf_counter() - began)
    return done


def main(argv: list[str] | None = None) -> int:
    names = (sys.argv[1:] if argv is None else argv) or None
    unknown = sorted(set(names or ()) - set(BUILDERS))
    if unknown:
        sys.stderr.write(
            f"unknown resource(s): {', '.join(unknown)}; known: {', '.join(BUILDERS)}\n"
        )
        return 2
    for name, (path, seconds) in build_all(names).items():
        sys.stderr.write(f"{name}: {path} ({path.stat().st_size / 1e6:.1f} MB, {seconds:.1f} s)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
