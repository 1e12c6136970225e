"""A worker killed in the middle of delivering (SIGKILL, after the server has a message and
before the worker hears its 250): nothing is lost and nothing shows twice. The message in
flight is sent again by the next worker with the same Message-ID, so the recipient's mail
program shows it once; every other message arrives exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.conftest import World
from tests.infra.smtpserver import Handler, Received, smtp_server
from tests.infra.workers import many_messages, worker_process
from tests.mail.conftest import outgoing, smtp_settings, with_mail
from workflow.mail.delivery import LEASE
from workflow.mail.models import MailState
from workflow.outbox.worker import Worker

MESSAGES = 24
KILLED_AT = 10


def test_a_worker_killed_mid_delivery_loses_nothing_and_shows_nothing_twice(
    world: World, database_url: str, tmp_path: Path
) -> None:
    process: list[subprocess.Popen[bytes]] = []

    def kill_the_worker(got: Received) -> None:
        if len(handler.received) == KILLED_AT:
            os.kill(process[0].pid, signal.SIGKILL)

    handler = Handler(on_data=kill_the_worker)
    with smtp_server(handler) as (_, port):
        world.installation = with_mail(world.installation, smtp_settings(port))
        written = many_messages(world, MESSAGES)
        process.append(worker_process(database_url, port, tmp_path))
        assert process[0].wait(timeout=120) == -signal.SIGKILL
        assert len(handler.received) == KILLED_AT
        unsent = [m for m in outgoing(world) if m.state != MailState.SENT]
        assert len(unsent) == MESSAGES - KILLED_AT + 1
        world.clock.set(datetime.now(UTC) + LEASE + timedelta(seconds=1))
        Worker(world.installation, name="the next worker").run_until_idle()
    arrived = Counter(handler.message_ids())
    assert set(arrived) == set(written), "a message was lost"
    assert all(m.state == MailState.SENT for m in outgoing(world))
    assert sum(arrived.values()) == MESSAGES + 1
    assert [times for times in arrived.values() if times > 1] == [2]
    assert handler.received[KILLED_AT - 1].message_id == handler.received[KILLED_AT].message_id
