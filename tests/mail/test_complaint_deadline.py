"""The warning before a complaint's legal deadline: once, to the author and the legal team."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import World
from tests.infra.smtpserver import Handler
from tests.law.test_letters import complaint
from workflow.outbox.worker import Worker

Mailing = tuple[World, Handler, Worker]


def test_the_author_and_the_legal_team_are_warned_once_before_the_deadline(mailing: Mailing) -> None:
    world, server, worker = mailing
    letter = complaint(world)  # received 2 March 2026, due by the end of 27 April
    worker.run_until_idle()
    server.received.clear()
    world.clock.advance(letter.deadline_at - timedelta(days=3) - world.clock.now() - timedelta(minutes=1))
    worker.run_until_idle()
    assert server.received == []
    world.clock.advance(timedelta(minutes=2))
    worker.run_until_idle()
    told = sorted(r.envelope_to[0].split("@")[0] for r in server.received)
    assert "ana" in told and "carla" in told and "ben" not in told
    assert all(str(r.message["Subject"]).startswith("Legal deadline near") for r in server.received)
    server.received.clear()
    world.clock.advance(timedelta(days=1))
    worker.run_until_idle()
    assert server.received == []
