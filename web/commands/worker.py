"""`tactful worker`, and `tactful run` with a worker beside the server.

The worker delivers the outgoing mail and runs the scheduled jobs (`workflow.outbox`). In
production run `tactful worker` as its own service, as many as you like on PostgreSQL; with
`tactful run` a worker thread runs inside the development server, so a new installation
delivers its mail (to `.eml` files when no SMTP server is set) with nothing to set up.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from typing import Any

import click
from flask.cli import ScriptInfo, get_debug_flag, run_command

from web.current import INSTALLATION_KEY, current_installation
from workflow.installation import Installation
from workflow.outbox.worker import Worker, start_in_thread


def _where(installation: Installation) -> str:
    mail = installation.config.mail
    if mail.uses_smtp:
        return f"to {mail.smtp_host}:{mail.smtp_port} ({mail.smtp_security.value})"
    return f"into {mail.folder} (no TACTFUL_SMTP_HOST set)"


@click.command("worker")
@click.option("--once", is_flag=True, help="Do what is due now, then exit.")
def worker_command(once: bool) -> None:
    """Deliver mail and run scheduled jobs until stopped (Ctrl-C or SIGTERM)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    installation = current_installation()
    worker = Worker(installation)
    first = worker.run_until_idle()  # a database that is not there stops it here, in one line
    if once:
        click.echo(f"{first} things done; mail goes {_where(installation)}.")
        return
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    click.echo(f"Worker {worker.name} delivering mail {_where(installation)}; stop it with Ctrl-C.")
    worker.run(stop)


@click.command("run", params=[*run_command.params], help=run_command.help, short_help=run_command.short_help)
@click.option("--no-worker", is_flag=True, help="Do not deliver mail from this process (a `tactful worker` does).")
@click.pass_context
def run_with_worker(ctx: click.Context, no_worker: bool, **options: Any) -> None:
    serving = os.environ.get("WERKZEUG_RUN_MAIN") == "true" or not (options.get("reload") or get_debug_flag())
    if serving and not no_worker:
        installation = ctx.ensure_object(ScriptInfo).load_app().extensions[INSTALLATION_KEY]
        start_in_thread(installation)
        click.echo(f"A mail worker runs in this process, delivering mail {_where(installation)}.")
    ctx.invoke(run_command, **options)


COMMANDS = (worker_command,)
