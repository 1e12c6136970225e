"""Two `tactful worker` processes on one PostgreSQL database share the outgoing mail: each
claims with `FOR UPDATE SKIP LOCKED`, so every message goes out exactly once and both
workers do part of the work."""

from __future__ import annotations

import signal
import time
from collections import Counter
from pathlib import Path

from tests.conftest import World
from tests.infra.smtpserver import Handler, Received, smtp_server
from tests.infra.workers import many_messages, worker_process
from tests.mail.conftest import outgoing, smtp_settings, with_mail
from tests.pg import requires_postgresql
from workflow.mail.models import MailState

pytestmark = requires_postgresql

MESSAGES = 200


def test_two_workers_send_each_message_once(world: World, database_url: str, tmp_path: Path) -> None:
    def a_busy_server(got: Received) -> None:
        time.sleep(0.02)

    handler = Handler(on_data=a_busy_server)
    with smtp_server(handler) as (_, port):
        world.installation = with_mail(world.installation, smtp_settings(port))
        workers = [worker_process(database_url, port, tmp_path) for _ in range(2)]
        try:
            for worker in workers:
                assert worker.stdout is not None and b"delivering mail" in worker.stdout.readline()
            written = many_messages(world, MESSAGES)
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and any(m.state != MailState.SENT for m in outgoing(world)):
                time.sleep(0.2)
        finally:
            for worker in workers:
                worker.send_signal(signal.SIGTERM)
            for worker in workers:
                worker.wait(timeout=30)
    arrived = Counter(handler.message_ids())
    assert set(arrived) == set(written)
    assert set(arrived.values()) == {1}
    assert len({m.claimed_by for m in outgoing(world)}) == 2
