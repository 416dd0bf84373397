"""API fixtures: real uvicorn servers on 127.0.0.1 (free ports) over real stores.

``api`` serves a SQLite store holding every sample story (through the default pipeline)
and their incidents, with no write token; ``writable`` serves an empty store with a
token; ``pg_api`` serves the same sample on PostgreSQL (``sitrep_api_test_<pid>``).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import psycopg
import pytest
import sqlalchemy as sa
import uvicorn
from fastapi import FastAPI

from sitrep.api import create_app
from sitrep.incidents import IncidentIndex
from sitrep.model import Extraction, Incident
from sitrep.store import open_store
from tests.examples import sample_extractions
from tests.store.conftest import ADMIN_URL

TOKEN = "test-token-0123456789"


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Run ``app`` under uvicorn in a thread on a free loopback port; yield its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def extractions() -> list[Extraction]:
    return sample_extractions()


@pytest.fixture(scope="session")
def incidents(extractions: list[Extraction]) -> list[Incident]:
    index = IncidentIndex()
    index.extend(extractions)
    return index.incidents()


def fill(url: str, extractions: list[Extraction], incidents: list[Incident]) -> None:
    with open_store(url) as store:
        store.add_many(extractions)
        store.save_incidents(incidents)


@pytest.fixture(scope="session")
def sample_db(
    tmp_path_factory: pytest.TempPathFactory,
    extractions: list[Extraction],
    incidents: list[Incident],
) -> Path:
    path = tmp_path_factory.mktemp("api") / "sample.db"
    fill(str(path), extractions, incidents)
    return path


@pytest.fixture(scope="session")
def api_url(sample_db: Path) -> Iterator[str]:
    with serving(create_app(str(sample_db))) as url:
        yield url


@pytest.fixture
def api(api_url: str) -> Iterator[httpx.Client]:
    """A client of the read-only sample server (no token: every write is 401)."""
    with httpx.Client(base_url=api_url, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def writable_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("writes") / "writes.db"
    with serving(create_app(str(path), token=TOKEN)) as url:
        yield url


@pytest.fixture
def writable(writable_url: str) -> Iterator[httpx.Client]:
    """A client of a server over an initially empty store that takes writes with TOKEN."""
    with httpx.Client(base_url=writable_url, timeout=60) as client:
        yield client


@pytest.fixture(scope="session")
def pg_api_url(extractions: list[Extraction], incidents: list[Incident]) -> Iterator[str]:
    """The sample on a fresh PostgreSQL database; fails (never skips) without a server."""
    name = f"sitrep_api_test_{os.getpid()}"
    try:
        admin = psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.fail(
            f"PostgreSQL is not reachable at {ADMIN_URL} ({exc}): start it with `make postgres`.",
            pytrace=False,
        )
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        url = str(sa.make_url(ADMIN_URL).set(database=name))
        fill(url, extractions, incidents)
        with serving(create_app(url)) as served:
            yield served
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def all_pages(client: httpx.Client, path: str, params: dict | None = None) -> list[dict]:
    """Every item of a paged list, following next_cursor; fails on a repeated item."""
    items: list[dict] = []
    cursor = None
    for _ in range(10_000):
        query = dict(params or {})
        if cursor:
            query["cursor"] = cursor
        response = client.get(path, params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        items.extend(page.get("items", page.get("features")))
        cursor = page["next_cursor"]
        if cursor is None:
            break
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)), "a page repeated an item"
    return items
