"""The `tactful` command line, built on Flask's so `tactful run` serves the app.

Every command is a thin caller of `workflow`; a refusal, bad input, an empty database or a
missing file is one readable line on stderr and a non-zero exit, never a traceback
(`ReadableGroup`).
"""

from __future__ import annotations

import json
import sys

import click
from sqlalchemy import select
from sqlmodel import col

from web import create_app
from web.commands import audit as audit_commands
from web.commands import documents as document_commands
from web.commands import register
from web.commands import tokens as token_commands
from web.commands import worker as worker_commands
from web.commands.group import ReadableGroup
from web.commands.operator import command_line_actor
from web.commands.tone import tone_command
from web.current import current_installation
from workflow.audit import chain
from workflow.demo import load_demo
from workflow.letters import rules
from workflow.letters.models import Letter
from workflow.letters.states import State
from workflow.people.accounts import create_user, new_user
from workflow.people.authentication import unlock
from workflow.people.models import User
from workflow.people.roles import Role
from workflow.storage import schema


@click.group(cls=ReadableGroup, create_app=create_app, add_version_option=False)
def cli() -> None:
    """tactful: refund-refusal letters through a reviewed, recorded path."""


@cli.command("init-db")
def init_db() -> None:
    """Create the database, or migrate it to the newest schema."""
    revision = schema.upgrade(current_installation().db)
    click.echo(f"Database ready at schema {revision}.")


@cli.command("create-user")
@click.argument("username")
@click.option("--role", "roles", multiple=True, required=True, type=click.Choice([r.value for r in Role]))
@click.option("--name", "display_name", default="", help="Full name, as signed on letters.")
@click.option("--title", default="", help="Job title for the signature block.")
@click.option("--email", default="")
@click.option("--password-stdin", is_flag=True, required=True, help="Read the password from standard input.")
def create_user_command(
    username: str, roles: tuple[str, ...], display_name: str, title: str, email: str, password_stdin: bool
) -> None:
    """Add a person with one or more roles (the first administrator is made this way)."""
    password = sys.stdin.readline().rstrip("\r\n")
    person = new_user(username, password, roles, display_name=display_name, title=title, email=email)
    user = create_user(current_installation(), person)
    click.echo(f"Created {user.username} ({', '.join(r.label for r in sorted(user.role_set))}).")


@cli.command("unlock")
@click.argument("username")
def unlock_command(username: str) -> None:
    """Clear NAME's failed sign-ins, so they can sign in again now (recorded in the audit trail)."""
    cleared = unlock(current_installation(), username, command_line_actor())
    click.echo(f"{username.strip().lower()} can sign in again ({cleared} failed attempts cleared).")


@cli.command("demo")
def demo_command() -> None:
    """Demo people for every role and letters in every state; prints how to sign in."""
    installation = current_installation()
    schema.upgrade(installation.db)
    people = load_demo(installation)
    click.echo("Sign in at http://127.0.0.1:5000/ with any of these (username / password):")
    for person in people:
        click.echo(f"  {person.username:8} / {person.password:22} {', '.join(person.roles)}")


@cli.command("letters")
@click.option("--state", type=click.Choice([s.value for s in State]))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per letter.")
def letters_command(state: str | None, as_json: bool) -> None:
    """List letters: reference, state, customer, amount, currency, language, author."""
    query = (
        select(Letter, col(User.username)).join(User, col(User.id) == col(Letter.author_id)).order_by(col(Letter.id))
    )
    if state:
        query = query.where(col(Letter.state) == state)
    with current_installation().db.read() as session:
        for letter, author in session.execute(query):
            row = {
                "reference": letter.reference,
                "state": letter.state,
                "customer": letter.customer_name,
                "amount": letter.amount.plain(),
                "currency": letter.currency,
                "language": letter.language,
                "author": author,
            }
            click.echo(
                json.dumps(row, ensure_ascii=False)
                if as_json
                else "  ".join(
                    [
                        row["reference"],
                        f"{row['state']:12}",
                        f"{row['customer']:24}",
                        f"{row['amount']:>12} {row['currency']}",
                        row["language"],
                        author,
                    ]
                )
            )


@cli.command("diagram")
def diagram_command() -> None:
    """Print the state diagram (mermaid), drawn from the state machine itself."""
    click.echo(rules.mermaid_diagram())


@cli.group("audit")
def audit_group() -> None:
    """The audit trail."""


@audit_group.command("verify")
def audit_verify() -> None:
    """Walk the whole chain; exit 1 at the first event that does not verify or a signed
    checkpoint the chain no longer matches."""
    with current_installation().db.read() as session:
        report = chain.verify(session)
    if not report.intact:
        raise click.ClickException(str(report))
    click.echo(str(report))
    click.echo(audit_commands.check_checkpoints(current_installation()))


register(audit_group, audit_commands.COMMANDS)
register(cli, document_commands.COMMANDS)
register(cli, worker_commands.COMMANDS)


@cli.group("token")
def token_group() -> None:
    """API tokens: personal ones for a person, or for a service account made with the token."""


@cli.group("webhook")
def webhook_group() -> None:
    """Webhook endpoints: where letter events are sent, signed."""


register(token_group, token_commands.TOKEN_COMMANDS)
register(webhook_group, token_commands.WEBHOOK_COMMANDS)
cli.add_command(worker_commands.run_with_worker)
cli.add_command(tone_command)


def main() -> None:
    cli(prog_name="tactful")
