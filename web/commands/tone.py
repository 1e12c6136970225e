"""`tactful tone FILE… --lang LANG [--json | --batch]`: the tone check on letter files.

The exit status lets a team gate on it: 0 when no file has an error finding (warnings
allowed), 1 when one has, 2 when a file or the language is unusable. `--batch` checks
many files in one process (the dictionaries load once) and prints one JSON line per file,
so a script reads the results as a stream; the names come from the arguments or, when none
is given, from standard input, one a line.

Offsets in the JSON are character offsets into the file's text, so an editor or a script
can highlight the same spans the letter page does.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from workflow.errors import InvalidInput
from workflow.tone import Finding, ToneReport, check, lexicon_for
from workflow.tone.spelling import start_loading
from workflow.tone.text import line_column

CLEAN, ERRORS_FOUND, UNUSABLE = 0, 1, 2


class Unusable(click.ClickException):
    """A file or language the command cannot work with: one line on stderr, exit code 2."""

    exit_code = UNUSABLE


@click.command("tone")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--lang", "language", required=True, help="Letter language: en, es, bg or tr.")
@click.option("--json", "as_json", is_flag=True, help="Print the report of one file as JSON.")
@click.option("--batch", is_flag=True, help="One JSON line per file; file names from stdin when none are given.")
@click.pass_context
def tone_command(context: click.Context, files: tuple[Path, ...], language: str, as_json: bool, batch: bool) -> None:
    """Point at risky wording and missing elements in letters; exit 1 if any has an error."""
    try:
        start_loading(lexicon_for(language).dictionary)
    except InvalidInput as error:
        raise Unusable(error.message) from None
    if batch:
        context.exit(_batch(files or _names_from_stdin(), language))
    if not files:
        raise Unusable("Name a letter file, or use --batch to read file names from standard input.")
    if as_json and len(files) > 1:
        raise Unusable("--json reports one file; use --batch for one JSON line per file.")
    reports = [(file, *_checked(file, language)) for file in files]
    for file, text, report in reports:
        _print(file, text, report, as_json)
    context.exit(ERRORS_FOUND if any(report.errors for _, _, report in reports) else CLEAN)


def _batch(files: Iterable[Path], language: str) -> int:
    """Every file gets its line, an unreadable one too (with the reason), so one bad name does
    not hide the others' results; the status is the worst of them."""
    status = CLEAN
    for file in files:
        try:
            _, report = _checked(file, language)
        except Unusable as error:
            click.echo(json.dumps({"file": str(file), "unusable": error.message}, ensure_ascii=False))
            status = UNUSABLE
            continue
        click.echo(json.dumps(_summary(file, report), ensure_ascii=False))
        if report.errors and status == CLEAN:
            status = ERRORS_FOUND
    return status


def _names_from_stdin() -> Iterator[Path]:
    return (Path(line.strip()) for line in sys.stdin if line.strip())


def _summary(file: Path, report: ToneReport) -> dict[str, object]:
    return {
        "file": str(file),
        "errors": len(report.errors),
        "warnings": len(report.findings) - len(report.errors),
        **report.to_json(),
        "notes": report.notes,
    }


def _checked(file: Path, language: str) -> tuple[str, ToneReport]:
    text = _read(file)
    return text, check(text, language)


def _print(file: Path, text: str, report: ToneReport, as_json: bool) -> None:
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
    except IsADirectoryError:
        raise Unusable(f"{file} is a folder, not a letter file.") from None
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
