"""`tactful audit export | verify-export | keygen | checkpoint`, and the checkpoint part of
`tactful audit verify`: thin callers of `workflow.audit.export` and `workflow.audit.signing`."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import click

from web.commands.operator import command_line_actor
from web.current import current_installation
from workflow.audit import signing
from workflow.audit.export import (
    FORMATS,
    ExportFilters,
    end_of,
    manifest_path,
    start_of,
    verify_export,
    write_export,
)
from workflow.errors import InvalidInput
from workflow.installation import Installation


def _moment(text: str | None, *, end_of_day: bool) -> datetime | None:
    """A date means its whole UTC day; a date and time is taken as given (UTC unless stated)."""
    if not text:
        return None
    try:
        if len(text.strip()) == 10:
            day = date.fromisoformat(text.strip())
            return end_of(day) if end_of_day else start_of(day)
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"“{text}” is not a date (2026-05-12) or a date and time (2026-05-12T14:02Z).") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--since", help="First day (or moment) to include, UTC.")
@click.option("--until", help="Last day to include (a moment: the first one left out), UTC.")
@click.option("--letter", default="", help="A letter's reference (TL-2026-00001).")
@click.option("--customer", default="", help="Events of the letters to this customer.")
@click.option("--actor", default="", help="Events by this user name.")
def export_command(
    fmt: str, output: Path, since: str | None, until: str | None, letter: str, customer: str, actor: str
) -> None:
    """Write the audit trail (or a filtered part) with a signed manifest beside it."""
    installation = current_installation()
    key = signing.configured_signing_key(installation.config.audit_key_path)
    filters = ExportFilters(
        since=_moment(since, end_of_day=False),
        until=_moment(until, end_of_day=True),
        letter=letter,
        customer=customer,
        actor=actor,
    )
    manifest = write_export(installation, fmt, filters, output, key, command_line_actor())
    span = f"seq {manifest['first_seq']}–{manifest['last_seq']}" if manifest["events"] else "no events matched"
    click.echo(f"Exported {manifest['events']} events ({span}) to {output}.")
    click.echo(f"Manifest {manifest_path(output)}, signed with key {manifest['key_id']}.")


@click.command("verify-export")
@click.argument("export_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--public-key",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The audit public key (default: TACTFUL_AUDIT_KEY + .pub).",
)
def verify_export_command(export_file: Path, public_key: Path | None) -> None:
    """Check an export against its manifest; needs only the two files and the public key."""
    if public_key is None:
        key = signing.configured_verify_key(current_installation().config.audit_key_path)
    else:
        key = signing.load_verify_key(public_key)
    check = verify_export(export_file, key)
    if not check.ok:
        raise click.ClickException(str(check))
    click.echo(str(check))


@click.command("keygen")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def keygen_command(path: Path) -> None:
    """Create the Ed25519 audit signing key (owner-only file) and PATH.pub for verifiers."""
    key = signing.generate_key(path)
    click.echo(f"Wrote {path} (private, mode 0600) and {signing.public_key_path(path)}; key id {key.key_id}.")
    click.echo(f"Keep the private key out of the database's backups and set TACTFUL_AUDIT_KEY={path}.")


@click.command("checkpoint")
def checkpoint_command() -> None:
    """Sign the chain head now, so cutting off or rebuilding the chain is caught later."""
    installation = current_installation()
    key = signing.configured_signing_key(installation.config.audit_key_path)
    checkpoint = installation.db.write(lambda session: signing.sign_checkpoint(session, key, installation.clock.now()))
    click.echo(f"Signed checkpoint at seq {checkpoint.seq} ({checkpoint.head_hash}) with key {checkpoint.key_id}.")


def check_checkpoints(installation: Installation) -> str:
    """The checkpoint line of `tactful audit verify`; raises when a checkpoint does not hold."""
    if not signing.key_exists(installation.config.audit_key_path):
        return "signed checkpoints not checked: no audit signing key is set up (TACTFUL_AUDIT_KEY)"
    key = signing.configured_verify_key(installation.config.audit_key_path)
    with installation.db.read() as session:
        report = signing.check_checkpoints(session, key)
    if not report.ok:
        raise click.ClickException(str(report))
    return str(report)


COMMANDS = (export_command, verify_export_command, keygen_command, checkpoint_command)
