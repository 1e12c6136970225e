"""The commands `tactful` adds to Flask's, and the one way they join it: inside the app's
context (where the workflow lives), under a group that turns every failure a command can
meet into one readable line."""

from __future__ import annotations

import getpass
from collections.abc import Iterable
from typing import Any

import click
from flask.cli import FlaskGroup, ScriptInfo, with_appcontext

from web.commands.failures import one_line
from web.current import INSTALLATION_KEY
from workflow.audit.actors import Actor
from workflow.storage.db import Database


def _database(ctx: click.Context) -> Database | None:
    """The installation's database, if the app could be built at all."""
    info = ctx.find_object(ScriptInfo)
    try:
        return None if info is None else info.load_app().extensions[INSTALLATION_KEY].db
    except Exception:  # noqa: BLE001  (the app that failed to load is the failure being worded)
        return None


class ReadableGroup(FlaskGroup):
    """Every subcommand, however deeply nested, fails with one line and exit status 1: a
    domain refusal as it is worded, a database or file problem in words, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:
            sentence = one_line(error, _database(ctx))
            if sentence is None:
                raise
            raise click.ClickException(sentence) from None


def register(group: click.Group, commands: Iterable[click.Command]) -> None:
    """Add commands defined apart from the group; called once, when the CLI is built."""
    for command in commands:
        if command.callback is not None:
            command.callback = with_appcontext(command.callback)
        group.add_command(command)


def command_line_actor() -> Actor:
    """How the audit trail names an operator at the command line: their login on the machine."""
    return Actor(f"cli:{getpass.getuser()}"[:64], address="command line")
