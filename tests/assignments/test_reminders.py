"""Reminders before a step is due and escalation after it, as jobs of the scheduler and
e-mails through a real SMTP server: each once, however often the worker looks, with the
clock moved past each time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.assignments.conftest import delegate
from tests.conftest import World
from tests.infra.smtpserver import Handler
from workflow.assignments.services import assign_review, take_review
from workflow.letters.models import Letter
from workflow.outbox.worker import Worker
from workflow.settings.due import change_due_rules

Mailing = tuple[World, Handler, Worker]
MONDAY = datetime(2026, 1, 12, 9, 0, tzinfo=UTC)


def _told(server: Handler, about: str) -> list[str]:
    """Who received a message whose subject begins with `about`, in order."""
    return [r.envelope_to[0].split("@")[0] for r in server.received if str(r.message["Subject"]).startswith(about)]


def _in_review_on_monday(world: World, amount: str = "100.00") -> Letter:
    """Enters peer review on Monday at 09:00: due at 17:00, reminded at 15:00 (2 hours before)."""
    letter = world.letter(amount)
    world.fire("finish_draft", letter, "ana")
    world.clock.set(MONDAY)
    return world.fire("submit_for_review", letter, "ana")


def _at(world: World, worker: Worker, hour: int, minute: int = 0, day: int = 12) -> None:
    world.clock.set(datetime(2026, 1, day, hour, minute, tzinfo=UTC))
    worker.run_until_idle()
    worker.run_until_idle()


def test_a_reminder_before_the_due_time_and_an_escalation_after_each_once(mailing: Mailing) -> None:
    world, server, worker = mailing
    letter = _in_review_on_monday(world)
    assert (letter.remind_at, letter.due_at) == (MONDAY + timedelta(hours=6), MONDAY + timedelta(hours=8))
    _at(world, worker, 14, 59)
    assert _told(server, "Due soon") == []
    _at(world, worker, 15)
    assert sorted(_told(server, "Due soon")) == ["ben", "eve", "finn"]
    _at(world, worker, 16)
    assert len(_told(server, "Due soon")) == 3 and _told(server, "Overdue") == []
    _at(world, worker, 17)
    assert _told(server, "Overdue") == ["dan"]
    _at(world, worker, 9, day=13)
    assert _told(server, "Overdue") == ["dan"] and len(_told(server, "Due soon")) == 3
    overdue = next(r.message for r in server.received if str(r.message["Subject"]).startswith("Overdue"))
    assert "was due 12 January 2026, 17:00 UTC" in overdue.get_body(("plain",)).get_content()


def test_the_holder_alone_is_reminded_and_the_named_contact_gets_the_escalation(mailing: Mailing) -> None:
    world, server, worker = mailing
    change_due_rules(world.installation, world.people["dan"].id, {"escalation_contact": "carla"})
    letter = _in_review_on_monday(world)
    take_review(world.installation, letter.id, world.people["ben"].id)
    _at(world, worker, 15)
    _at(world, worker, 17)
    assert (_told(server, "Due soon"), _told(server, "Overdue")) == (["ben"], ["carla"])


def test_someone_away_has_their_reminder_sent_to_whoever_stands_in(mailing: Mailing) -> None:
    world, server, worker = mailing
    letter = _in_review_on_monday(world)
    take_review(world.installation, letter.id, world.people["ben"].id)
    delegate(world, "ben", "finn", timedelta(0), timedelta(days=2))
    _at(world, worker, 15)
    assert _told(server, "Due soon") == ["finn"]


def test_a_worker_that_first_looks_after_the_due_time_only_escalates(mailing: Mailing) -> None:
    world, server, worker = mailing
    _in_review_on_monday(world)
    _at(world, worker, 18)
    assert (_told(server, "Due soon"), _told(server, "Overdue")) == ([], ["dan"])


def test_a_new_step_brings_a_new_reminder_and_a_finished_one_none(mailing: Mailing) -> None:
    world, server, worker = mailing
    letter = _in_review_on_monday(world, "5000.00")
    _at(world, worker, 10)
    world.fire("approve_tone", letter, "ben")
    _at(world, worker, 16)
    assert _told(server, "Due soon") == []
    _at(world, worker, 15, 59, day=14)
    assert _told(server, "Due soon") == []
    _at(world, worker, 16, day=14)  # legal review: due Thursday 10:00, 3 working days on; 2 hours before
    assert sorted(_told(server, "Due soon")) == ["carla", "eve", "finn"]
    world.fire("approve_legal", letter, "carla")
    _at(world, worker, 10, day=15)
    assert _told(server, "Overdue") == [] and len(_told(server, "Due soon")) == 3


def test_a_reviewer_given_a_review_by_an_administrator_hears_it(mailing: Mailing) -> None:
    world, server, worker = mailing
    letter = _in_review_on_monday(world)
    assign_review(world.installation, letter.id, world.people["dan"].id, world.people["finn"].id)
    worker.run_until_idle()
    assert _told(server, "Review assigned to you") == ["finn"]
