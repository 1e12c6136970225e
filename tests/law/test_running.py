"""The legal deadline still running, one definition in SQL and in Python: the longer deadline
once a holding response has been sent (a holding response still in draft changes nothing),
none once the letter is answered. The Reports and the deadline reminder count to it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import col, select

from tests.conftest import World
from tests.infra.smtpserver import Handler
from tests.law.test_letters import RECEIVED, complaint
from workflow.law.reports import Period, complaints_report
from workflow.law.running import holding_sent, running_deadline, running_deadline_column
from workflow.letters.models import Letter
from workflow.letters.services import create_holding_response
from workflow.outbox.worker import Worker

PAYMENT = "uk_payment_services"
"""15 business days, 35 once a holding response has been sent."""


def hold(world: World, final: Letter, send: bool = True) -> Letter:
    """A holding response for `final`, sent or left in draft."""
    holding = create_holding_response(world.installation, final.id, world.people["ana"].id)
    return world.sent(holding) if send else holding


def test_the_sql_and_the_python_definitions_agree_on_every_kind_of_letter(world: World) -> None:
    world.clock.set(RECEIVED + timedelta(days=1))
    no_profile = world.letter()
    open_, drafted, held, answered = (complaint(world, profile=PAYMENT) for _ in range(4))
    no_extension, withdrawn = complaint(world), complaint(world, profile=PAYMENT)
    hold(world, drafted, send=False)
    for letter in (held, no_extension, answered):
        hold(world, letter)
    world.sent(answered)
    world.fire("withdraw", withdrawn, "ana", reason="Refunded after all.")

    with world.installation.db.read() as session:
        letters = list(session.scalars(select(Letter)))
        in_sql = {
            letter_id: (running, was_held)
            for letter_id, running, was_held in session.execute(
                select(col(Letter.id), running_deadline_column(), holding_sent())
            )
        }
    sent_for = {h.holding_for_id for h in letters if h.kind == "holding" and h.sent_at is not None}
    in_python = {
        letter.id: (running_deadline(letter, letter.id in sent_for), letter.id in sent_for) for letter in letters
    }
    assert in_sql == in_python
    assert len(in_sql) == 11  # seven final letters, four holding responses (one a draft)
    running = {letter_id: deadline for letter_id, (deadline, _) in in_sql.items()}
    assert held.deadline_extended_at and held.deadline_extended_at > held.deadline_at
    assert running[held.id] == held.deadline_extended_at
    assert running[open_.id] == open_.deadline_at and running[drafted.id] == drafted.deadline_at
    assert running[no_extension.id] == no_extension.deadline_at and no_extension.deadline_extended_at is None
    assert running[no_profile.id] is running[answered.id] is running[withdrawn.id] is None


def past_deadline(world: World) -> int:
    with world.installation.db.read() as session:
        period = Period(date(2026, 1, 1), date(2026, 7, 1), PAYMENT)
        return complaints_report(session, period, world.clock.now()).past_deadline


def test_the_reports_count_a_held_letter_past_deadline_only_after_the_longer_one(world: World) -> None:
    world.clock.set(RECEIVED + timedelta(days=1))
    held, drafted = complaint(world, profile=PAYMENT), complaint(world, profile=PAYMENT)
    hold(world, held)
    hold(world, drafted, send=False)
    assert held.deadline_extended_at is not None
    world.clock.set(held.deadline_at + timedelta(days=1))
    assert past_deadline(world) == 1  # the one whose holding response is still a draft
    world.clock.set(held.deadline_extended_at + timedelta(minutes=1))
    assert past_deadline(world) == 2


Mailing = tuple[World, Handler, Worker]


TOLD = ["ana", "carla", "eve", "finn"]
"""The author and every legal reviewer."""


def warned_at(world: World, server: Handler, worker: Worker, moment: datetime) -> dict[str, list[str]]:
    """Who is warned about which letter (by reference) when the clock reaches `moment` and the worker has run."""
    world.clock.set(moment)
    worker.run_until_idle()
    told: dict[str, list[str]] = {}
    for message in server.received:
        subject = str(message.message["Subject"])
        if subject.startswith("Legal deadline near: "):
            reference = subject.removeprefix("Legal deadline near: ").split()[0]
            told.setdefault(reference, []).append(message.envelope_to[0].split("@")[0])
    server.received.clear()
    return {reference: sorted(people) for reference, people in told.items()}


def test_a_held_letter_is_warned_before_the_longer_deadline_once_and_a_draft_changes_nothing(
    mailing: Mailing,
) -> None:
    world, server, worker = mailing
    world.clock.set(RECEIVED + timedelta(days=1))
    held, drafted = complaint(world, profile=PAYMENT), complaint(world, profile=PAYMENT)
    hold(world, drafted, send=False)
    assert warned_at(world, server, worker, world.clock.now()) == {}
    first, extended = held.deadline_at, held.deadline_extended_at
    assert first is not None and extended is not None and drafted.deadline_at == first

    # Before the first deadline both are warned: no holding response has gone yet.
    assert warned_at(world, server, worker, first - timedelta(days=3, minutes=1)) == {}
    both = {held.reference: TOLD, drafted.reference: TOLD}
    assert warned_at(world, server, worker, first - timedelta(days=3) + timedelta(minutes=1)) == both
    hold(world, held)
    server.received.clear()
    assert warned_at(world, server, worker, first + timedelta(days=1)) == {}
    # Held: warned again before the longer deadline, once; the draft holding response changed nothing.
    assert warned_at(world, server, worker, extended - timedelta(days=3, minutes=1)) == {}
    assert warned_at(world, server, worker, extended - timedelta(days=3) + timedelta(minutes=1)) == {
        held.reference: TOLD
    }
    assert warned_at(world, server, worker, extended - timedelta(days=1)) == {}


def test_a_letter_held_before_its_first_warning_is_not_warned_before_the_first_deadline(mailing: Mailing) -> None:
    world, server, worker = mailing
    world.clock.set(RECEIVED + timedelta(days=1))
    held = complaint(world, profile=PAYMENT)
    hold(world, held)
    assert warned_at(world, server, worker, world.clock.now()) == {}
    assert held.deadline_at is not None and held.deadline_extended_at is not None
    assert warned_at(world, server, worker, held.deadline_at - timedelta(days=3) + timedelta(minutes=1)) == {}
    assert warned_at(world, server, worker, held.deadline_extended_at - timedelta(days=2)) == {held.reference: TOLD}
