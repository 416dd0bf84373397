"""Every error and warning message sitrep raises, in one place, each with a code.

Library code raises ``SitrepError(Errors.E001.format(...))``; only ``cli.py`` writes
message strings inline.
"""

from __future__ import annotations


class _Messages(type):
    """Prefix each message with its code, so a user can search for it."""

    def __getattribute__(cls, code: str) -> str:
        message = super().__getattribute__(code)
        if code.startswith(("E", "W")) and code[1:].isdigit():
            return f"[{code}] {message}"
        return message


class Errors(metaclass=_Messages):
    E001 = "Stage '{stage}' reads '{layer}', which no earlier stage writes. Pipeline: {order}."
    E002 = "Unknown stage '{name}'. Known stages: {known}."
    E003 = "Layer '{layer}' is already set on this document; stage '{stage}' may not overwrite it."
    E004 = "Span {start}:{end} is outside the text (length {length})."
    E005 = "'{value}' is not a date: expected YYYY-MM-DD."
    E006 = "{source}: empty input."
    E007 = "{source}: looks like binary data, not text ({reason})."
    E008 = "{source}: {size:,} characters is more than the limit of {limit:,} for one story."
    E009 = "{source}: cannot decode the text ({reason})."
    E010 = "{source}, line {line}: not valid JSON ({reason})."
    E011 = "{source}, line {line}: a record needs a non-empty 'text' field."
    E012 = "{source}: no such file."
    E013 = "{source}: {reason}"
    E014 = "Dataset {source}: {reason}"
    E015 = "Shared reference data not found at {path}: {purpose} needs it."
    E016 = "Floor file {path}: {reason}"
    E017 = "Stage '{stage}' failed on article '{article}': {reason}"
    E018 = (
        "Evaluation gate: {dataset} {field}.{metric} = {value} is below its floor {floor}"
        " (tolerance {tolerance})."
    )
    E019 = (
        "Dataset {dataset}: the corpus changed (sha256 {got}, floors pinned on {pinned});"
        " re-pin the floors."
    )


class Warnings(metaclass=_Messages):
    W001 = "{count} article(s) failed in stage '{stage}' and were recorded as notes."
    W002 = "Resource '{name}' was missing and has been built at {path}."


class SitrepError(Exception):
    """The one exception type sitrep raises for problems a user can act on."""


class InputError(SitrepError):
    """A single input cannot be read; the rest of the batch goes on."""
