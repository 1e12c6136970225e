"""The group every `tactful` command runs under: whatever a command meets fails as one
readable line and exit status 1, never a traceback."""

from __future__ import annotations

from typing import Any

import click
from flask.cli import FlaskGroup, ScriptInfo

from web.commands.failures import one_line
from web.current import INSTALLATION_KEY
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
