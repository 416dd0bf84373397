"""The docs keep up with the code: every stage, CLI command, option and error code is documented."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from sitrep import registry
from sitrep.cli import main
from sitrep.errors import Errors, Warnings

DOCS = Path(__file__).resolve().parents[1] / "docs"
CLI_DOC = DOCS / "cli.md"


def _commands() -> list[tuple[str, click.Command]]:
    """Every command under the group, nested groups included, by its full name."""
    found: list[tuple[str, click.Command]] = []

    def walk(prefix: str, command: click.Command) -> None:
        found.append((prefix, command))
        if isinstance(command, click.Group):
            for name, sub in sorted(command.commands.items()):
                walk(f"{prefix} {name}", sub)

    walk("sitrep", main)
    return found


def _codes(catalogue: type) -> list[str]:
    return sorted(name for name in vars(catalogue) if re.fullmatch(r"[EW]\d{3}", name))


def _all_docs() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(DOCS.rglob("*.md")))


@pytest.mark.parametrize("name", registry.available())
def test_every_registered_stage_has_a_page(name: str) -> None:
    page = DOCS / "stages" / f"{name}.md"
    assert page.is_file(), f"stage '{name}' is registered but {page} does not exist"
    text = page.read_text(encoding="utf-8")
    cls = registry.load(name)
    missing = sorted(layer for layer in cls.reads | cls.writes if f"`{layer}`" not in text)
    assert not missing, f"{page.name} does not name the layers {missing} the stage reads or writes"


def test_cli_page_names_every_command_argument_and_option() -> None:
    text = CLI_DOC.read_text(encoding="utf-8")
    missing = []
    for full_name, command in _commands():
        if f"`{full_name}`" not in text:
            missing.append(full_name)
        for param in command.params:
            if isinstance(param, click.Option):
                names = [*param.opts, *param.secondary_opts]
            else:
                names = [param.human_readable_name.upper()]
            missing += [f"{full_name} {name}" for name in names if name not in text]
    assert not missing, f"docs/cli.md does not mention: {missing}"


def test_cli_page_has_exit_codes() -> None:
    text = CLI_DOC.read_text(encoding="utf-8")
    assert "## Exit codes" in text
    for code in ("| 0 |", "| 1 |", "| 2 |"):
        assert code in text


def test_command_walk_finds_every_top_level_command() -> None:
    walked = {name.split(" ", 1)[1] for name, _ in _commands() if " " in name}
    assert walked >= set(main.commands)
    assert {"extract", "explain", "schema", "stages", "evaluate"} <= walked


@pytest.mark.parametrize("code", _codes(Errors) + _codes(Warnings))
def test_every_error_and_warning_code_is_documented(code: str) -> None:
    assert re.search(rf"\b{code}\b", _all_docs()), f"{code} is in sitrep.errors but in no docs page"


def test_error_catalogue_is_found() -> None:
    # Guards the test above from passing vacuously if the catalogue's shape changes.
    assert "E001" in _codes(Errors) and "W001" in _codes(Warnings)
