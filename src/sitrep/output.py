"""Terminal tables of extractions, for ``sitrep extract --format table``."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .model import Extraction


def stdout_console() -> Console:
    """A console for stdout; a file or pipe has no width of its own, so give it room."""
    console = Console()
    if not console.is_terminal:
        console.width = 200
    return console


def print_table(extractions: list[Extraction]) -> None:
    table = Table(
        "article",
        "event",
        "mode",
        "type / sub-type",
        "date",
        "place",
        "actor1",
        "actor2",
        "fatal.",
        "inj.",
    )
    for extraction in extractions:
        for event in extraction.events:
            place = event.place
            table.add_row(
                extraction.article.id[:24],
                f"{event.id}{'*' if event.main else ''}",
                event.mode,
                f"{event.event_type or '—'} / {event.sub_event_type or '—'}",
                str(event.date.start) if event.date and event.date.start else "—",
                f"{place.name}, {place.country_code} ({place.precision})" if place else "—",
                event.actor1.name if event.actor1 else "—",
                event.actor2.name if event.actor2 else "—",
                str(event.fatalities.best) if event.fatalities else "—",
                str(event.injuries.best) if event.injuries else "—",
            )
    stdout_console().print(table)
