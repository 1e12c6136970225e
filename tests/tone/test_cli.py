"""`tactful tone FILE --lang LANG [--json]`, driven through the command object."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from web.commands.tone import tone_command

LETTER = "Dear Mr. Smith,\n\nObviously we will NOT refund you.\n"


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    return path


def test_human_output_points_at_line_and_column(letter: Path) -> None:
    result = CliRunner().invoke(tone_command, [str(letter), "--lang", "en"])
    assert result.exit_code == 0
    assert f"{letter}:3:1: error [condescension] “Obviously”" in result.output
    assert f"{letter}:3:19: warning [shouting] “NOT”" in result.output
    assert "suggestion:" in result.output


def test_json_output_is_the_report_with_offsets_into_the_file(letter: Path) -> None:
    result = CliRunner().invoke(tone_command, [str(letter), "--lang", "en", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["language"] == "en"
    obviously = next(f for f in data["findings"] if f["category"] == "condescension")
    assert LETTER[obviously["start"] : obviously["end"]] == "Obviously"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--lang", "fr"], "Language must be one of en, es, bg, tr"),
        (["--lang", "en", "--missing"], "No such file"),
    ],
)
def test_bad_input_is_one_line_and_exit_code_two(letter: Path, arguments: list[str], message: str) -> None:
    path = str(letter.with_name("missing.txt")) if "--missing" in arguments else str(letter)
    result = CliRunner().invoke(tone_command, [path, *[a for a in arguments if a != "--missing"]])
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_a_file_that_is_not_text_is_refused(tmp_path: Path) -> None:
    binary = tmp_path / "letter.docx"
    binary.write_bytes(b"PK\x03\x04\xff\xfe\x00")
    result = CliRunner().invoke(tone_command, [str(binary), "--lang", "en"])
    assert result.exit_code == 2
    assert "is not UTF-8 text" in result.stderr
