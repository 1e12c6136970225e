"""`tactful tone FILE --lang LANG [--json]`: the tone check on a letter file.

Offsets in the JSON are character offsets into the file's text, so an editor or a script
can highlight the same spans the letter page does.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from workflow.errors import InvalidInput
from workflow.tone import Finding, check, lexicon_for
from workflow.tone.text import line_column


class Unusable(click.ClickException):
    """A file or language the command cannot work with: one line on stderr, exit code 2."""

    exit_code = 2


@click.command("tone")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--lang", "language", required=True, help="Letter language: en, es, bg or tr.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def tone_command(file: Path, language: str, as_json: bool) -> None:
    """Point at risky wording and missing elements in a letter."""
    try:
        lexicon_for(language)
    except InvalidInput as error:
        raise Unusable(error.message) from None
    text = _read(file)
    report = check(text, language)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return
    if not report.findings:
        click.echo(f"{file}: no findings.")
    for finding in report.findings:
        click.echo(_describe(file, text, finding))


def _read(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise Unusable(f"No such file: {file}") from None
    except UnicodeDecodeError:
        raise Unusable(f"{file} is not UTF-8 text.") from None
    except OSError as error:
        raise Unusable(f"Cannot read {file}: {error.strerror}") from None


def _describe(file: Path, text: str, finding: Finding) -> str:
    line, column = line_column(text, finding.start)
    quoted = f" “{finding.text}”" if finding.text else ""
    advice = f"\n    suggestion: {finding.suggestion}" if finding.suggestion else ""
    return (
        f"{file}:{line}:{column}: {finding.severity} [{finding.category}]{quoted}: {finding.message}"
        f" ({finding.rule}){advice}"
    )
