"""`tactful tone FILE… --lang LANG [--json | --batch]`, driven through the command object."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from web.commands.tone import tone_command

LETTER = "Dear Mr. Smith,\n\nObviously we will NOT refund you.\n"
CLEAN = "Dear Ms. Lee,\n\nThank you for your letter. If you have any questions, please let us know.\n"


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    return path


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    return path


def test_human_output_points_at_line_and_column(letter: Path) -> None:
    result = CliRunner().invoke(tone_command, [str(letter), "--lang", "en"])
    assert result.exit_code == 1
    assert f"{letter}:3:1: error [condescension] “Obviously”" in result.output
    assert f"{letter}:3:19: warning [shouting] “NOT”" in result.output
    assert "suggestion:" in result.output


def test_json_output_is_the_report_with_offsets_into_the_file(letter: Path) -> None:
    result = CliRunner().invoke(tone_command, [str(letter), "--lang", "en", "--json"])
    assert result.exit_code == 1
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


def test_a_letter_without_errors_exits_zero_and_one_with_an_error_exits_one(letter: Path, clean: Path) -> None:
    assert CliRunner().invoke(tone_command, [str(clean), "--lang", "en"]).exit_code == 0
    assert CliRunner().invoke(tone_command, [str(clean), str(letter), "--lang", "en"]).exit_code == 1


def test_batch_prints_one_json_line_per_file_and_exits_with_the_worst(letter: Path, clean: Path) -> None:
    result = CliRunner().invoke(tone_command, ["--batch", "--lang", "en", str(clean), str(letter)])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(line["file"], line["errors"]) for line in lines] == [(str(clean), 0), (str(letter), 1)]
    assert any(f["category"] == "condescension" for f in lines[1]["findings"])


def test_batch_reads_names_from_stdin_and_reports_an_unreadable_file_in_its_line(clean: Path) -> None:
    missing = clean.with_name("missing.txt")
    result = CliRunner().invoke(tone_command, ["--batch", "--lang", "en"], input=f"{missing}\n\n{clean}\n")
    assert result.exit_code == 2
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0] == {"file": str(missing), "unusable": f"No such file: {missing}"}
    assert lines[1]["file"] == str(clean) and lines[1]["errors"] == 0


@pytest.mark.parametrize(
    ("file_count", "options", "message"),
    [(0, [], "Name a letter file"), (2, ["--json"], "use --batch for one JSON line per file")],
)
def test_json_and_no_file_are_refused_with_a_sentence(
    clean: Path, file_count: int, options: list[str], message: str
) -> None:
    result = CliRunner().invoke(tone_command, [*[str(clean)] * file_count, "--lang", "en", *options])
    assert result.exit_code == 2
    assert message in result.stderr


def test_tactful_tone_starts_without_the_app(clean: Path) -> None:
    """The fast start of web.launch: neither Flask nor the database layer is imported."""
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted({m.split('.')[0] for m in sys.modules} & {'flask', 'sqlalchemy'})))\n"
        f"sys.argv = ['tactful', 'tone', {str(clean)!r}, '--lang', 'en']\n"
        "from web.launch import main\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"
