"""The commands `tactful` adds to Flask's, and the one way they join it: inside the app's
context, where the installation lives. Flask-free at import, so `tactful tone` starts fast;
the group that words every failure is in `group.py`."""

from __future__ import annotations

from collections.abc import Iterable

import click


def register(group: click.Group, commands: Iterable[click.Command]) -> None:
    """Add commands defined apart from the group; called once, when the CLI is built.
    Flask is imported here, not above, so `tactful tone` (which needs no app) starts without it."""
    from flask.cli import with_appcontext

    for command in commands:
        if command.callback is not None:
            command.callback = with_appcontext(command.callback)
        group.add_command(command)
