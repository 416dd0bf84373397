"""``sitrep serve``: a real server process on loopback, its messages, its refusals."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from sitrep.api.commands import is_loopback
from sitrep.cli import main


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_prints_its_address_and_answers(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "SITREP_API_TOKEN"}
    sitrep = Path(sys.executable).with_name("sitrep")  # the installed command
    command = [str(sitrep), "serve", "--db", str(tmp_path / "s.db")]
    process = subprocess.Popen(
        [*command, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.strip() == f"sitrep: serving http://127.0.0.1:{port}/ (API /api, docs /docs)"
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None and time.monotonic() < deadline, "no server"
                time.sleep(0.1)
        assert response.json()["articles"] == 0
        write = httpx.post(f"http://127.0.0.1:{port}/api/articles", json={"text": "x"})
        assert write.status_code == 401
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=15)
    assert "writes: off" in stderr and "warning" not in stderr


def test_serve_refuses_a_bad_store_url() -> None:
    result = CliRunner().invoke(main, ["serve", "--db", "mysql://x/y"])
    assert result.exit_code == 2
    assert "E031" in result.output


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.10", False),
        ("example.org", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
