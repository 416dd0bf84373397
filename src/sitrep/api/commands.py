"""``sitrep serve``: the API and the dashboard from one process (uvicorn, one worker)."""

from __future__ import annotations

import ipaddress
import os
import sys

import click
from rich.console import Console

from ..store.commands import db_option
from .cache import DEFAULT_CACHE_BYTES

err = Console(stderr=True)
TOKEN_VARIABLE = "SITREP_API_TOKEN"


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but loopback exposes the server to the network.",
)
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="TCP port."
)
@click.option(
    "--online-tiles",
    is_flag=True,
    help="Let the dashboard offer OpenStreetMap tiles (browsers then fetch them from"
    " tile.openstreetmap.org); off, the map is drawn from the package's own basemap.",
)
@click.option(
    "--cache-mb",
    type=click.IntRange(0, 65_536),
    default=DEFAULT_CACHE_BYTES >> 20,
    show_default=True,
    help="Memory for answers to reads, kept until the store changes (0: none).",
)
def serve(db: str | None, host: str, port: int, online_tiles: bool, cache_mb: int) -> None:
    """Serve the HTTP API, its docs (/docs) and the dashboard over the store.

    Writes (POST /api/articles) need the token in $SITREP_API_TOKEN; without it the
    server is read-only.
    """
    import uvicorn

    from ..cli import settings_from_env
    from ..errors import SitrepError
    from ..store.connect import store_url
    from . import create_app

    try:
        store_url(db)
    except SitrepError as exc:
        raise click.BadParameter(str(exc), param_hint="--db") from None
    token = os.environ.get(TOKEN_VARIABLE) or None
    try:
        app = create_app(
            db,
            token=token,
            online_tiles=online_tiles,
            settings=settings_from_env(),
            cache_bytes=cache_mb << 20,
        )
    except SitrepError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        sys.exit(1)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"sitrep: serving http://{shown}:{port}/ (API /api, docs /docs)")
    store = app.state.store
    err.print(f"store: {store.url}", highlight=False, soft_wrap=True)
    err.print(
        "writes: enabled (bearer token from $SITREP_API_TOKEN)"
        if token
        else "writes: off (set $SITREP_API_TOKEN to allow POST /api/articles)",
        highlight=False,
    )
    if not is_loopback(host):
        err.print(
            f"[yellow]warning:[/yellow] listening on {host}, not loopback: other machines"
            " can reach this server.",
            highlight=False,
        )
    uvicorn.run(app, host=host, port=port, workers=1, log_level="warning")
