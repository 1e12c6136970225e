"""The outbox's core: an event is written with the change that causes it or not at all, each
listener hears it once, and a due job fires once however often the workers look."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlmodel import col

from tests.conftest import World
from workflow.errors import Refused
from workflow.letters.models import Letter
from workflow.outbox import registry
from workflow.outbox.models import EventState, FiredJob, OutboxEvent
from workflow.outbox.registry import Due, JobKind, Moment
from workflow.outbox.schedule import _fire, not_fired
from workflow.outbox.worker import Worker


def events(world: World) -> list[tuple[str, int | None]]:
    with world.installation.db.read() as session:
        rows = session.scalars(select(OutboxEvent).order_by(col(OutboxEvent.id))).all()
        return [(row.action, row.letter_id) for row in rows]


def test_each_change_writes_its_event_and_a_refusal_writes_none(world: World) -> None:
    letter = world.letter()
    world.fire("finish_draft", letter, "ana")
    with pytest.raises(Refused):
        world.fire("submit_for_review", letter, "ana")
    assert events(world) == [("create", letter.id), ("finish_draft", letter.id)]


def test_a_listener_hears_each_event_once_even_when_one_fails(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    heard: list[int | None] = []

    def careful(moment: Moment, event: OutboxEvent) -> None:
        heard.append(event.letter_id)

    def broken(moment: Moment, event: OutboxEvent) -> None:
        raise RuntimeError("a bug in one listener")

    monkeypatch.setitem(registry._listeners, "finish_draft", [careful])
    monkeypatch.setitem(registry._listeners, "revise", [broken])
    letter = world.letter()
    world.fire("finish_draft", letter, "ana")
    world.fire("revise", letter, "ana")
    worker = Worker(world.installation)
    worker.run_until_idle()
    worker.run_until_idle()
    assert heard == [letter.id]
    with world.installation.db.read() as session:
        states = {e.action: (e.state, e.attempts, e.last_error) for e in session.scalars(select(OutboxEvent))}
    assert "finish_draft" not in states, "a handled event leaves the outbox"
    assert states["revise"][:2] == (EventState.PENDING, 1)
    assert "a bug in one listener" in states["revise"][2]


def _waiting_letters(moment: Moment) -> list[Due]:
    ready, now = col(Letter.ready_at), moment.now
    rows = moment.session.execute(
        select(col(Letter.id), ready).where(
            col(Letter.state) == "waiting", ready <= now, not_fired("test_ready", col(Letter.id), ready)
        )
    ).all()
    return [Due(letter_id, due_at) for letter_id, due_at in rows]


def test_a_job_fires_once_when_the_clock_passes_its_due_time(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[tuple[int, datetime]] = []
    kind = JobKind("test_ready", _waiting_letters, lambda moment, job: ran.append((job.subject_id, job.due_at)))
    monkeypatch.setitem(registry._job_kinds, kind.name, kind)
    letter = world.letter()
    world.fire("finish_draft", letter, "ana")
    workers = [Worker(world.installation, name=f"w{n}") for n in range(3)]
    for worker in workers:
        worker.run_until_idle()
    assert ran == []
    world.clock.advance(timedelta(hours=24))
    for worker in workers:
        worker.run_until_idle()
    ready_at = world.clock.now()
    assert ran == [(letter.id, ready_at)]
    world.clock.advance(timedelta(days=3))
    Worker(world.installation, name="after a restart").run_until_idle()
    assert len(ran) == 1
    with world.installation.db.read() as session:
        assert session.scalar(select(func.count()).select_from(FiredJob).where(col(FiredJob.kind) == kind.name)) == 1


def test_two_workers_racing_for_the_same_due_event_fire_it_once(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both found the event due before either fired it: the unique key lets one through."""
    ran: list[int] = []
    kind = JobKind("test_ready", _waiting_letters, lambda moment, job: ran.append(job.subject_id))
    monkeypatch.setitem(registry._job_kinds, kind.name, kind)
    letter = world.letter()
    world.fire("finish_draft", letter, "ana")
    world.clock.advance(timedelta(hours=25))
    with world.installation.db.read() as session:
        found = _waiting_letters(Moment(session, world.installation, world.clock.now()))
    assert [_fire(world.installation, kind, found[0], name) for name in ("a", "b")] == [True, False]
    assert ran == [letter.id]
