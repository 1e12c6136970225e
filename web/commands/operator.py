"""How the audit trail names whoever runs a command: their login on the machine.

Apart from the package's `__init__`, which `tactful tone` imports and which must stay free of
the database layer, so the tone check starts fast."""

from __future__ import annotations

import getpass

from workflow.audit.actors import Actor


def command_line_actor() -> Actor:
    return Actor(f"cli:{getpass.getuser()}"[:64], address="command line")
