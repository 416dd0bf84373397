"""Online map tiles are opt-in: off, the CSP allows no outside origin; on, only the tile
server, for images only, and the dashboard learns it from /api/health."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from sitrep.api import create_app
from sitrep.api.middleware import TILE_ORIGIN

from .conftest import serving


@pytest.mark.parametrize("online", [False, True])
def test_csp_and_health_follow_the_online_tiles_switch(sample_db: Path, online: bool) -> None:
    with serving(create_app(str(sample_db), online_tiles=online)) as url:
        response = httpx.get(f"{url}/api/health", timeout=30)
    assert response.status_code == 200
    assert response.json()["online_tiles"] is online
    policy = dict(
        part.strip().split(" ", 1)
        for part in response.headers["content-security-policy"].split(";")
    )
    assert (TILE_ORIGIN in policy["img-src"]) is online
    # Whatever the switch, scripts and connections stay on this host.
    assert policy["script-src"] == "'self'" and policy["connect-src"] == "'self'"
    assert TILE_ORIGIN not in policy["default-src"]
