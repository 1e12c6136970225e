"""Real `tactful worker` processes for the tests that kill one or run two side by side."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import World
from tests.mail.writing import written

TACTFUL = Path(sys.executable).parent / "tactful"


def worker_process(database_url: str, smtp_port: int, instance: Path) -> subprocess.Popen[bytes]:
    """`tactful worker` on the test's database, sending to the test's SMTP server."""
    env = {
        **os.environ,
        "TACTFUL_DATABASE_URL": database_url,
        "TACTFUL_SMTP_HOST": "127.0.0.1",
        "TACTFUL_SMTP_PORT": str(smtp_port),
        "TACTFUL_SMTP_SECURITY": "none",
        "TACTFUL_MAIL_FROM": "tactful <tactful@tactful.test>",
        "TACTFUL_SECRET_KEY": "a key for the test's worker only",
        "TACTFUL_MAIL_FOLDER": str(instance / "mail"),
    }
    return subprocess.Popen(
        [str(TACTFUL), "worker"], env=env, cwd=instance, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def many_messages(world: World, count: int) -> list[str]:
    """`count` messages waiting in the outgoing mail; their Message-IDs."""
    return [mail.message_id for mail in written(world, *(f"reader{n}@tactful.test" for n in range(count)))]
