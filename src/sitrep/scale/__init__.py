"""Scale-out: the pipeline as a map over input shards on a Dask cluster.

``from sitrep.scale import run_batch`` loads the runner (and with it the pipeline, pyarrow
and dask) on first use, so the ``sitrep`` command starts without them.
"""

from __future__ import annotations

__all__ = ["BatchReport", "run_batch"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from . import runner

        return getattr(runner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
