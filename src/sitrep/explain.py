"""``sitrep explain``: the story with each field's evidence highlighted beside the record."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import Event, Extraction

# One colour per field, shared by the highlighted text and the record table.
FIELD_STYLES = {
    "event_type": "bold white on red",
    "trigger": "bold white on red",
    "date": "black on bright_cyan",
    "place": "black on bright_green",
    "actor1": "black on bright_yellow",
    "actor2": "black on yellow",
    "assoc_actors": "black on yellow",
    "weapons": "black on bright_magenta",
    "targets": "black on magenta",
    "fatalities": "white on dark_red",
    "injuries": "white on dark_orange",
    "claimed": "black on bright_blue",
    "mode": "black on white",
}
# Sources and framing are marked in the story without hiding the event fields' colours.
ATTRIBUTION_STYLE = "underline bright_blue"
FRAMING_STYLE = "bold underline bright_red"


def _value(event: Event, name: str) -> str:
    value = getattr(event, name)
    if value is None:
        return "—"
    if name == "date":
        span = f"{value.start}" if value.start == value.end else f"{value.start} – {value.end}"
        return f"{span} ({value.precision}{', default' if value.default else ''})"
    if name == "place":
        where = ", ".join(part for part in (value.name, value.admin1, value.country_code) if part)
        coords = f" {value.lat:.3f}, {value.lon:.3f}" if value.lat is not None else ""
        return f"{where}{coords} [{value.precision}, geo_precision {value.geo_precision}]"
    if name in ("actor1", "actor2"):
        return f"{value.name} (inter {value.inter})"
    if name in ("fatalities", "injuries"):
        default = ", default" if not value.evidence else ""
        return f"best {value.best} (low {value.low}, high {value.high}{default})"
    if name == "weapons":
        return "; ".join(f"{w.count or '?'} × {w.subtype or w.type}" for w in value) or "—"
    if name == "targets":
        return "; ".join(f"{t.text} ({t.type})" for t in value) or "—"
    return str(value)


def event_table(event: Event) -> Table:
    title = f"{event.id} {'MAIN ' if event.main else ''}[{event.mode}]"
    table = Table(title=title, show_header=False, expand=True)
    table.add_column("field", no_wrap=True)
    table.add_column("value")
    table.add_row("type", f"{event.event_type} / {event.sub_event_type}", style=None)
    table.add_row("GTD", f"{event.attack_type} · {event.weapon_type} · {event.target_type}")
    for name in (
        "date",
        "place",
        "actor1",
        "actor2",
        "weapons",
        "targets",
        "fatalities",
        "injuries",
        "claimed",
    ):
        table.add_row(Text(name, style=FIELD_STYLES.get(name, "")), _value(event, name))
    return table


def highlighted_text(extraction: Extraction, events: list[Event]) -> Text:
    text = Text(extraction.article.text)
    for attribution in extraction.attributions:
        text.stylize(ATTRIBUTION_STYLE, attribution.evidence.start, attribution.evidence.end)
    for cue in extraction.framing:
        if cue.where == "text":
            text.stylize(FRAMING_STYLE, cue.evidence.start, cue.evidence.end)
    for event in events:
        for name, evidence in event.field_evidence():
            style = FIELD_STYLES.get(name)
            if style:
                text.stylize(style, evidence.start, evidence.end)
    return text


def sources_table(extraction: Extraction) -> Table | None:
    """Who says so: each attribution with its speaker, source and the events it backs."""
    if not extraction.attributions and extraction.outlet is None:
        return None
    outlet = extraction.outlet
    title = "sources"
    if outlet is not None:
        flags = ", ".join(
            part
            for part in (
                outlet.kind,
                "state-affiliated" if outlet.state_affiliated else None,
                f"from {outlet.found_by}",
            )
            if part
        )
        title = f"sources · outlet {outlet.name} ({flags})"
    table = Table(title=title, expand=True)
    for column in ("cue", "speaker", "kind", "source", "backs"):
        table.add_column(column)
    for a in extraction.attributions:
        table.add_row(
            Text(a.cue, style=ATTRIBUTION_STYLE),
            a.speaker or "—",
            a.speaker_kind,
            f"{a.source or '—'} ({a.source_kind or '?'})",
            ", ".join(a.supports) or "—",
        )
    return table


def framing_table(extraction: Extraction) -> Table | None:
    """How the story words its actors: labels per actor, unnamed sourcing, cue density."""
    summary = extraction.framing_summary
    if summary is None:
        return None
    share = "—" if summary.unnamed_share is None else f"{summary.unnamed_share:.0%}"
    table = Table(
        title=(
            f"framing · {summary.cues} cues ({summary.quoted_cues} quoted),"
            f" {summary.cue_density:.1f} per 1,000 words · unnamed sources {share}"
        ),
        expand=True,
    )
    table.add_column("refers to")
    table.add_column("labels")
    table.add_column("technique")
    for entry in summary.actors:
        table.add_row(
            entry.refers_to,
            Text(", ".join(entry.labels), style=FRAMING_STYLE),
            ", ".join(entry.techniques) or "—",
        )
    return table


# Below this width the record goes under the story instead of beside it.
SIDE_BY_SIDE_WIDTH = 140


def render(
    extraction: Extraction, *, all_events: bool = False, width: int = SIDE_BY_SIDE_WIDTH
) -> RenderableType:
    """Story on the left with evidence highlighted; the event records on the right."""
    events = (
        extraction.events
        if all_events
        else [e for e in extraction.events if e.main] or extraction.events[:1]
    )
    layout = Table.grid(expand=True, padding=(0, 2))
    layout.add_column(ratio=3)
    layout.add_column(ratio=2)
    title = extraction.article.title or extraction.article.id
    story = Panel(
        highlighted_text(extraction, events),
        title=title,
        subtitle=f"reference date {extraction.reference_date}",
    )
    others = [e for e in extraction.events if e not in events]
    summary = Text(
        "\n".join(f"{e.id} [{e.mode}] {e.event_type} / {e.sub_event_type}" for e in others)
    )
    extra = [table for table in (sources_table(extraction), framing_table(extraction)) if table]
    records = Group(
        *(event_table(event) for event in events),
        Panel(summary, title="other events") if others else Text(""),
        *extra,
    )
    if width < SIDE_BY_SIDE_WIDTH:
        return Group(story, records)
    layout.add_row(story, records)
    return layout
