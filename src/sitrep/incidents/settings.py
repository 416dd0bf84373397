"""Incident settings from whatever a caller passes (the group itself lives in
``sitrep.settings``, with every other threshold; docs/incidents.md says how they were set)."""

from __future__ import annotations

from typing import Any

from ..settings import IncidentSettings

__all__ = ["IncidentSettings", "settings_of"]


def settings_of(settings: Any) -> IncidentSettings:
    """Incident settings from None (defaults), IncidentSettings, or the project Settings."""
    if settings is None:
        return IncidentSettings()
    if isinstance(settings, IncidentSettings):
        return settings.checked()
    return settings.incidents.checked()  # the project-wide Settings
