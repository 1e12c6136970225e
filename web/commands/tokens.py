"""`tactful token create/revoke/list` and `tactful webhook add`: an operator's way to give a
helpdesk access, recorded in the audit trail under the machine login that ran them."""

from __future__ import annotations

import click
from sqlalchemy import select
from sqlmodel import col

from web.commands.operator import command_line_actor
from web.current import current_installation
from workflow.api.tokens import Scope, TokenKind, create_token, list_tokens, parse_scopes, revoke_token, service_account
from workflow.errors import NotFound
from workflow.people.accounts import create_user
from workflow.people.models import User
from workflow.webhooks.endpoints import EVENTS, add_endpoint


@click.command("create")
@click.argument("name")
@click.option("--user", "username", help="The person the token acts as.")
@click.option("--service", help="Make a service account of this name (it cannot sign in) and act as it.")
@click.option("--role", "roles", multiple=True, help="A service account's roles (author, peer_reviewer, …).")
@click.option("--scope", "scopes", multiple=True, type=click.Choice([s.value for s in Scope]), required=True)
def create_command(
    name: str, username: str | None, service: str | None, roles: tuple[str, ...], scopes: tuple[str, ...]
) -> None:
    """Make a token NAME and print its secret, which is shown this once only."""
    installation = current_installation()
    if bool(username) == bool(service):
        raise click.UsageError("Give either --user NAME or --service NAME.")
    if service:
        user_id = create_user(installation, service_account(service, list(roles or ("author",)))).id
        kind = TokenKind.SERVICE
    else:
        with installation.db.read() as session:
            user_id = session.scalars(
                select(col(User.id)).where(col(User.username) == (username or "").lower())
            ).first()
        if user_id is None:
            raise NotFound(f"No person with the username “{username}”.")
        kind = TokenKind.PERSONAL
    assert user_id is not None
    made = create_token(
        installation, name=name, user_id=user_id, scopes=parse_scopes(scopes), kind=kind, actor=command_line_actor()
    )
    click.echo(f"Token {made.id} “{made.name}”. Its secret, shown only now:\n{made.secret}")


@click.command("revoke")
@click.argument("token_id", type=int)
def revoke_command(token_id: int) -> None:
    """Refuse the token from its next request on."""
    revoke_token(current_installation(), token_id, actor=command_line_actor())
    click.echo(f"Token {token_id} revoked.")


@click.command("list")
def list_command() -> None:
    """Every token: id, name, whose, scopes, last use; never a secret."""
    with current_installation().db.read() as session:
        rows = list_tokens(session)
    for row in rows:
        status = "revoked" if row.revoked else f"last used {row.last_used_at}"
        click.echo(f"{row.id}\t{row.name}\t{row.kind} {row.username}\t{row.scopes}\t{row.prefix}…\t{status}")


@click.command("add")
@click.argument("url")
@click.option("--event", "events", multiple=True, type=click.Choice(EVENTS), required=True)
@click.option("--secret", default="", help="The signing secret; one is made when left out.")
def add_command(url: str, events: tuple[str, ...], secret: str) -> None:
    """Send EVENTS to URL, signed; prints the signing secret."""
    made = add_endpoint(current_installation(), url, events, secret=secret, actor=command_line_actor())
    click.echo(f"Webhook endpoint {made.id}. Its signing secret:\n{made.secret}")


TOKEN_COMMANDS = (create_command, revoke_command, list_command)
WEBHOOK_COMMANDS = (add_command,)
