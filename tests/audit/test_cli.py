"""The audit commands as an operator and an auditor run them, on real files."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import Result
from flask.testing import FlaskCliRunner

from tests.conftest import World, tamper
from web import create_app
from web.cli import cli
from workflow.audit import signing
from workflow.audit.export import manifest_path


@pytest.fixture
def key_path(tmp_path: Path) -> Path:
    return tmp_path / "keys" / "audit.key"


def runner_for(world: World, key_path: Path | None) -> FlaskCliRunner:
    installation = replace(world.installation, config=replace(world.installation.config, audit_key_path=key_path))
    return create_app({"TESTING": True, "INSTALLATION": installation}).test_cli_runner()


@pytest.fixture
def run(history: World, key_path: Path):
    runner = runner_for(history, key_path)

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, list(args))

    return invoke


def test_keygen_export_and_verify_export(run, key_path: Path, tmp_path: Path) -> None:
    made = run("audit", "keygen", str(key_path))
    assert made.exit_code == 0 and "key id" in made.output
    output = tmp_path / "out" / "ana.csv"
    output.parent.mkdir()
    exported = run("audit", "export", "--format", "csv", "--output", str(output), "--actor", "ana")
    assert exported.exit_code == 0, exported.output
    assert "Exported" in exported.output and manifest_path(output).exists()
    public = signing.public_key_path(key_path)
    checked = run("audit", "verify-export", str(output), "--public-key", str(public))
    assert checked.exit_code == 0 and "file matches its signed manifest" in checked.output


def test_verify_export_names_the_reason_and_exits_non_zero(run, key_path: Path, tmp_path: Path) -> None:
    run("audit", "keygen", str(key_path))
    output = tmp_path / "all.jsonl"
    assert run("audit", "export", "--format", "jsonl", "--output", str(output)).exit_code == 0
    lines = output.read_bytes().split(b"\n")
    output.write_bytes(b"\n".join(lines[:2] + lines[3:]))
    checked = run("audit", "verify-export", str(output))
    assert checked.exit_code == 1
    assert "Error: export refused:" in checked.output and "an event is missing or out of order" in checked.output


def test_date_filters_take_whole_utc_days(run, key_path: Path, tmp_path: Path, history: World) -> None:
    run("audit", "keygen", str(key_path))
    output = tmp_path / "day.jsonl"
    today = history.clock.now().date().isoformat()
    assert (
        run(
            "audit", "export", "--format", "jsonl", "--output", str(output), "--since", today, "--until", today
        ).exit_code
        == 0
    )
    days = {json.loads(line)["at"][:10] for line in output.read_text().split("\n")[:-1]}
    assert days == {today}
    bad = run("audit", "export", "--format", "jsonl", "--output", str(output), "--since", "last tuesday")
    assert bad.exit_code == 1 and "is not a date" in bad.output


def test_export_without_a_key_says_how_to_make_one(history: World, tmp_path: Path) -> None:
    result = runner_for(history, None).invoke(
        cli, ["audit", "export", "--format", "csv", "--output", str(tmp_path / "x.csv")]
    )
    assert result.exit_code == 1 and "tactful audit keygen" in result.output
    assert not (tmp_path / "x.csv").exists()


def test_audit_verify_checks_the_latest_checkpoint(run, key_path: Path, history: World) -> None:
    run("audit", "keygen", str(key_path))
    signed = run("audit", "checkpoint")
    assert signed.exit_code == 0 and "Signed checkpoint at seq" in signed.output
    intact = run("audit", "verify")
    assert intact.exit_code == 0 and "chain intact" in intact.output and "1 signed checkpoints match" in intact.output
    tamper(history.installation.db, "DELETE FROM audit_events WHERE seq > 10")
    cut = run("audit", "verify")
    assert cut.exit_code == 1 and "events were cut off the end" in cut.output


def test_keygen_refuses_to_overwrite(run, key_path: Path) -> None:
    run("audit", "keygen", str(key_path))
    again = run("audit", "keygen", str(key_path))
    assert again.exit_code == 1 and "never overwritten" in again.output


def test_an_unknown_letter_leaves_no_file(run, key_path: Path, tmp_path: Path) -> None:
    run("audit", "keygen", str(key_path))
    output = tmp_path / "none.csv"
    result = run("audit", "export", "--format", "csv", "--output", str(output), "--letter", "TL-1999-00009")
    assert result.exit_code == 1 and "No letter “TL-1999-00009”" in result.output
    assert not output.exists() and not manifest_path(output).exists()
