"""The commands `tactful` adds to Flask's, and the one way they join it: inside the app's
context (where the workflow lives) and with domain refusals as one readable line."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

import click

from workflow.errors import WorkflowError


def readable_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a domain refusal into click's one-line error and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except WorkflowError as error:
            raise click.ClickException(error.message) from None

    return wrapper


def register(group: click.Group, commands: Iterable[click.Command]) -> None:
    """Add commands defined apart from the group; called once, when the CLI is built.
    Flask is imported here, not above, so `tactful tone` (which needs no app) starts without it."""
    from flask.cli import with_appcontext

    for command in commands:
        if command.callback is not None:
            command.callback = with_appcontext(readable_errors(command.callback))
        group.add_command(command)
