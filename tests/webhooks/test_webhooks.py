"""Webhooks to a real HTTP receiver on 127.0.0.1: signed, once per event, retried when
nobody answers (a killed worker: test_killed_worker.py)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from tests.conftest import World
from workflow.errors import InvalidInput
from workflow.installation import Installation
from workflow.outbox.backoff import MOST_ATTEMPTS
from workflow.outbox.dispatch import handle_events
from workflow.outbox.worker import Worker
from workflow.webhooks.addresses import check_url
from workflow.webhooks.endpoints import add_endpoint
from workflow.webhooks.models import WebhookDelivery
from workflow.webhooks.signing import HEADER, verify

SECRET = "whsec_test_secret_0123456789"


class Receiver(ThreadingHTTPServer):
    """Keeps every request."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.received: list[tuple[dict[str, str], bytes]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hook"


class _Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


@pytest.fixture
def hooked(world: World) -> Installation:
    return replace(world.installation, config=replace(world.installation.config, webhooks_allow_private=True))


def test_each_event_arrives_once_signed(world, hooked, receiver):
    add_endpoint(hooked, receiver.url, ["created", "submitted", "approved", "sent"], secret=SECRET)
    world.sent(world.letter())
    Worker(hooked, name="w").run_until_idle()
    events = [json.loads(body)["event"] for _, body in receiver.received]
    assert events == ["created", "submitted", "approved", "sent"]
    now = int(world.clock.now().timestamp())
    for headers, body in receiver.received:
        assert verify(SECRET, headers[HEADER], body, now)
        assert not verify("another secret entirely", headers[HEADER], body, now)
        assert headers["Tactful-Delivery"] == json.loads(body)["id"]
    Worker(hooked, name="w").run_until_idle()
    assert len(receiver.received) == 4


def test_failures_are_retried_with_backoff_and_logged(world, hooked):
    add_endpoint(hooked, "http://127.0.0.1:9/nothing-listens", ["created"], secret=SECRET)
    world.letter()
    worker = Worker(hooked, name="w")
    worker.run_until_idle()
    with hooked.db.read() as session:
        row = session.scalars(select(WebhookDelivery)).one()
    assert row.state == "pending" and row.attempts == 1 and "No answer" in row.last_error
    assert row.next_attempt_at > world.clock.now()


def test_addresses_inside_the_machine_are_refused():
    for url in ("http://169.254.169.254/latest/meta-data", "http://127.0.0.1:8080/x", "ftp://example.com/"):
        with pytest.raises(InvalidInput):
            check_url(url, allow_private=False)
    with pytest.raises(InvalidInput):
        check_url("http://169.254.169.254/", allow_private=True)
    assert check_url("http://127.0.0.1:8080/x", allow_private=True)


def test_a_delivery_whose_workers_all_died_fails_on_its_last_attempt_unsent(world, hooked, receiver):
    """Each lost claim counts as an attempt; the one that would be the last is not made."""
    add_endpoint(hooked, receiver.url, ["created"], secret=SECRET)
    world.letter()
    handle_events(hooked)  # the delivery is written, not yet sent
    lost_at = world.clock.now() - timedelta(minutes=5)

    def lost(session) -> None:
        row = session.scalars(select(WebhookDelivery)).one()
        row.attempts, row.claimed_by, row.claimed_until = MOST_ATTEMPTS - 1, "host:4242", lost_at

    hooked.db.write(lost)
    Worker(hooked, name="w").run_until_idle()
    assert receiver.received == []
    with hooked.db.read() as session:
        row = session.scalars(select(WebhookDelivery)).one()
    assert (row.state, row.attempts, row.claimed_until) == ("failed", MOST_ATTEMPTS, None)
    assert "An attempt by worker host:4242 was lost" in row.last_error
