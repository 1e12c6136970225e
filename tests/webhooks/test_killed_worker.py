"""A real `tactful worker` process SIGKILLed while the receiver holds its first webhook
open: the next worker sends that delivery again with the same id and body, every other one
once, every signature verifies, and the delivery log says which attempt the kill lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import World
from tests.infra.workers import TACTFUL
from workflow.outbox.worker import Worker
from workflow.webhooks.delivery import LEASE
from workflow.webhooks.endpoints import add_endpoint
from workflow.webhooks.models import WebhookDelivery
from workflow.webhooks.signing import HEADER, verify

SECRET = "whsec_kill_test_0123456789abcdef"
EVENTS = ["created", "submitted", "approved", "sent"]
LETTERS = 2


@dataclass(frozen=True)
class Arrival:
    delivery: str
    event: str
    body: bytes
    genuine: bool


@dataclass
class Receiver:
    """A helpdesk on 127.0.0.1 that checks each signature against its own clock and holds
    the first request open until told (so a worker can die with it in flight)."""

    arrivals: list[Arrival] = field(default_factory=list)
    first_in: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    url: str = ""


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            genuine = verify(SECRET, self.headers[HEADER], body, int(time.time()))
            receiver.arrivals.append(
                Arrival(self.headers["Tactful-Delivery"], self.headers["Tactful-Event"], body, genuine)
            )
            if len(receiver.arrivals) == 1:
                receiver.first_in.set()
                receiver.release.wait(30)
            try:
                self.send_response(204 if genuine else 400)
                self.end_headers()
            except OSError:
                pass  # the worker that asked is dead

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(found))
    found.url = f"http://127.0.0.1:{server.server_address[1]}/tactful"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield found
    found.release.set()
    server.shutdown()


def _worker(database_url: str, instance: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "TACTFUL_DATABASE_URL": database_url,
        "TACTFUL_SECRET_KEY": "a key for the test's worker only",
        "TACTFUL_MAIL_FOLDER": str(instance / "mail"),
        "TACTFUL_WEBHOOKS_ALLOW_PRIVATE": "1",
    }
    return subprocess.Popen(
        [str(TACTFUL), "worker"], env=env, cwd=instance, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def _deliveries(world: World) -> list[WebhookDelivery]:
    with world.installation.db.read() as session:
        return list(session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.created_at, WebhookDelivery.id)))


def test_a_worker_killed_mid_delivery_loses_nothing(
    world: World, database_url: str, receiver: Receiver, tmp_path: Path
) -> None:
    hooked = replace(world.installation, config=replace(world.installation.config, webhooks_allow_private=True))
    add_endpoint(hooked, receiver.url, EVENTS, secret=SECRET)
    for _ in range(LETTERS):
        world.sent(world.letter())

    doomed = _worker(database_url, tmp_path)
    try:
        assert receiver.first_in.wait(30), "the worker never delivered"
        os.kill(doomed.pid, signal.SIGKILL)
        assert doomed.wait(timeout=10) == -signal.SIGKILL
    finally:
        doomed.kill()
    receiver.release.set()
    in_flight = receiver.arrivals[0].delivery
    claimed = _deliveries(world)
    assert len(claimed) == LETTERS * len(EVENTS) and len(receiver.arrivals) == 1
    assert [d.claimed_by for d in claimed if d.claimed_until] == [f"{os.uname().nodename}:{doomed.pid}"]
    assert all(d.state == "pending" and d.attempts == 0 for d in claimed)

    world.clock.set(datetime.now(UTC))
    Worker(hooked, name="while the claim holds").run_until_idle()
    assert [a.delivery for a in receiver.arrivals].count(in_flight) == 1, "a live claim was taken over"
    assert len(receiver.arrivals) == len(claimed), "the others wait for nothing"
    world.clock.set(datetime.now(UTC) + LEASE + timedelta(seconds=1))
    Worker(hooked, name="the next worker").run_until_idle()

    rows = {d.id: d for d in _deliveries(world)}
    arrived = Counter(a.delivery for a in receiver.arrivals)
    assert set(arrived) == set(rows), "a delivery was lost"
    assert all(a.genuine for a in receiver.arrivals), "a signature did not verify"
    assert [a.delivery for a in receiver.arrivals].count(in_flight) == 2 and sum(arrived.values()) == len(rows) + 1
    twice = [a.body for a in receiver.arrivals if a.delivery == in_flight]
    assert twice[0] == twice[1] and json.loads(twice[0])["id"] == in_flight
    assert all(a.event == rows[a.delivery].event for a in receiver.arrivals)
    assert Counter(d.event for d in rows.values()) == dict.fromkeys(EVENTS, LETTERS)
    assert all(d.state == "delivered" and d.last_status == 204 for d in rows.values())
    lost = rows[in_flight]
    assert lost.attempts == 2 and f"worker {os.uname().nodename}:{doomed.pid} was lost" in lost.last_error
    assert all(d.attempts == 1 and d.last_error == "" for d in rows.values() if d.id != in_flight)
