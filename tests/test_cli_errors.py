"""Every command of `tactful`, run where it cannot work: an empty database, files that are
not there. Each answers one readable line and a non-zero exit, never a traceback; the
README promises it ("Errors are one readable line and a non-zero exit")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from web import create_app
from web.cli import cli
from workflow.installation import Installation
from workflow.settings.config import Config
from workflow.storage.db import Database

NOT_HERE = "missing/nothing.txt"

NOT_COMMANDS = {"run": "serves until stopped", "shell": "an interactive Python prompt"}
"""Flask's own commands that do not finish on their own; they touch no database."""

WORK_WITHOUT_A_DATABASE = {"init-db", "demo", "diagram", "routes", "audit keygen", "tone"}
"""Commands that make the database, or never open it: they succeed on an empty one."""

WITHOUT_THE_APP = {"tone"}
"""Commands that never build the app, so never meet its database."""


def every_command(group: click.Group, prefix: str = "") -> Iterator[str]:
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from every_command(command, f"{prefix}{name} ")
        elif f"{prefix}{name}" not in NOT_COMMANDS:
            yield f"{prefix}{name}"


def arguments(command: str, tmp_path: Path) -> dict[str, list[str]]:
    """Each command's arguments, where they may be, and with its files missing; a new
    command fails here until it is added, so no command goes untested."""
    text = tmp_path / "letter.txt"
    text.write_text("Dear Mary, thank you for writing.\n")
    missing, out = str(tmp_path / NOT_HERE), str(tmp_path / "out")
    table = {
        "init-db": ([], None),
        "create-user": (["root", "--role", "admin", "--password-stdin"], None),
        "demo": ([], None),
        "letters": ([], None),
        "diagram": ([], None),
        "routes": ([], None),
        "unlock": (["root"], None),
        "tone": ([str(text), "--lang", "en"], [missing, "--lang", "en"]),
        "render": (
            ["TL-2026-00001", "--document", "final", "--output", f"{out}.docx"],
            ["TL-2026-00001", "--document", "final", "--output", f"{missing}.docx"],
        ),
        "compare": (
            ["TL-2026-00001", "1", "2", "--output", f"{out}.docx"],
            ["TL-2026-00001", "1", "2", "--output", f"{missing}.docx"],
        ),
        "audit verify": ([], None),
        "audit export": (["--format", "csv", "--output", f"{out}.csv"], ["--format", "csv", "--output", missing]),
        "audit verify-export": ([missing], [missing, "--public-key", missing]),
        "audit keygen": ([f"{out}.key"], [str(text / "key")]),
        "audit checkpoint": ([], None),
        "worker": (["--once"], None),
    }
    if command not in table:
        pytest.fail(f"`tactful {command}` is not in tests/test_cli_errors.py: add its arguments")
    usual, without_files = table[command]
    return {"usual": usual, "missing files": without_files or usual}


def invoke(database_url: str, command: str, args: list[str], key: Path | None = None) -> Result:
    config = Config(database_url=database_url, audit_key_path=key)
    installation = Installation(Database(database_url), config)
    runner = create_app({"TESTING": True, "INSTALLATION": installation}).test_cli_runner()
    return runner.invoke(cli, [*command.split(), *args], input="a-long-enough-password\n")


def assert_one_line_or_success(result: Result, command: str) -> None:
    assert not result.exception or isinstance(result.exception, SystemExit), f"{command}: {result.exception!r}"
    assert "Traceback" not in result.output + result.stderr
    if result.exit_code:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), f"{command}: {result.stderr!r}"


@pytest.mark.parametrize("command", list(every_command(cli)))
def test_every_command_on_an_empty_database_answers_in_one_line(command: str, tmp_path: Path) -> None:
    result = invoke(f"sqlite:///{tmp_path / 'empty.sqlite'}", command, arguments(command, tmp_path)["usual"])
    assert_one_line_or_success(result, command)
    if command in WORK_WITHOUT_A_DATABASE:
        assert result.exit_code == 0, result.stderr
    else:
        assert result.exit_code != 0
    if command in {"create-user", "letters", "unlock", "render", "compare", "audit verify"}:
        assert "tactful init-db" in result.stderr


@pytest.mark.parametrize("command", list(every_command(cli)))
def test_every_command_with_its_files_missing_answers_in_one_line(command: str, tmp_path: Path) -> None:
    result = invoke(
        f"sqlite:///{tmp_path / 'empty.sqlite'}",
        command,
        arguments(command, tmp_path)["missing files"],
        key=tmp_path / NOT_HERE,
    )
    assert_one_line_or_success(result, command)


@pytest.mark.parametrize("command", list(every_command(cli)))
def test_every_command_with_an_unusable_database_location_answers_in_one_line(command: str, tmp_path: Path) -> None:
    """The app itself cannot be built here, as `tactful` builds it from the environment."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    environment = {"TACTFUL_DATABASE_URL": f"sqlite:///{blocker / 'tactful.sqlite'}", "TACTFUL_SECRET_KEY": "test"}
    args = [*command.split(), *arguments(command, tmp_path)["usual"]]
    result = CliRunner().invoke(cli, args, env=environment, input="a-long-enough-password\n")
    assert_one_line_or_success(result, command)
    if command not in WITHOUT_THE_APP:
        assert result.exit_code != 0 and "a-file" in result.stderr
