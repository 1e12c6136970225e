"""`tactful render` and `tactful compare`: Word documents of a letter from the command line.

Thin callers of `workflow.documents.downloads`, so a file written here is the file the web pages hand
out (a sent letter's stored bytes, never a re-render) and is recorded in the audit trail
like any download, with the operator's sign-in name when `--as` is given.
"""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy import select
from sqlmodel import col

from web.current import current_installation
from workflow.documents import DocumentKind
from workflow.documents.downloads import Download, comparison, stage_document
from workflow.errors import NotFound
from workflow.installation import Installation
from workflow.letters.loading import find_letter
from workflow.people.models import User
from workflow.storage.orm import saved_id

OUTPUT = click.Path(dir_okay=False, writable=True, path_type=Path)


@click.command("render")
@click.argument("letter")
@click.option("--document", "kind", required=True, type=click.Choice([k.value for k in DocumentKind]))
@click.option("--output", required=True, type=OUTPUT, help="The .docx file to write.")
@click.option("--as", "username", default=None, help="Sign-in name to record in the audit trail.")
def render_command(letter: str, kind: str, output: Path, username: str | None) -> None:
    """Write one Word document of LETTER (reference such as TL-2026-00001, or id)."""
    installation = current_installation()
    letter_id, actor_id = _lookup(installation, letter, username)
    _write(stage_document(installation, letter_id, kind, actor_id), output)


@click.command("compare")
@click.argument("letter")
@click.argument("old", type=click.IntRange(min=1))
@click.argument("new", type=click.IntRange(min=1))
@click.option("--output", required=True, type=OUTPUT, help="The .docx file to write.")
@click.option("--as", "username", default=None, help="Sign-in name to record in the audit trail.")
def compare_command(letter: str, old: int, new: int, output: Path, username: str | None) -> None:
    """Write versions OLD and NEW of LETTER as one Word file with tracked changes."""
    installation = current_installation()
    letter_id, actor_id = _lookup(installation, letter, username)
    _write(comparison(installation, letter_id, old, new, actor_id), output)


def _lookup(installation: Installation, letter: str, username: str | None) -> tuple[int, int | None]:
    with installation.db.read() as session:
        letter_id = saved_id(find_letter(session, letter))
        if username is None:
            return letter_id, None
        user = session.scalars(select(User).where(col(User.username) == username)).first()
        if user is None:
            raise NotFound(f"No user “{username}”.")
        return letter_id, saved_id(user)


def _write(download: Download, output: Path) -> None:
    try:
        output.write_bytes(download.content)
    except OSError as error:
        raise click.ClickException(f"Cannot write {output}: {error.strerror}.") from None
    click.echo(f"Wrote {output} ({len(download.content):,} bytes, SHA-256 {download.sha256}).")


COMMANDS = (render_command, compare_command)
