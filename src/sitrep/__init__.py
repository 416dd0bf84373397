"""sitrep: news reports of political violence turned into auditable event records.

Importing the package loads nothing heavy; resources load lazily on first use.
"""

__version__ = "0.1.0"
