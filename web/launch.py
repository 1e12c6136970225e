"""The `tactful` program: `tactful tone` runs on its own, everything else through the app's CLI.

The tone check needs neither the app nor the database, and a team that gates every commit
on it waits for each start: Flask, SQLAlchemy and the pages take longer to import than the
check takes to run. So `tactful tone …` is dispatched before `web.cli` is imported, and the
same command object stays listed in `tactful --help`.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:2] == ["tone"]:
        from web.commands.tone import tone_command

        tone_command.main(sys.argv[2:], prog_name="tactful tone")  # exits with the command's status
    from web.cli import main as full_command_line

    full_command_line()
