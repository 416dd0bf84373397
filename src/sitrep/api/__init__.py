"""The HTTP API (FastAPI): the contract is docs/api.md; ``sitrep serve`` runs it."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
