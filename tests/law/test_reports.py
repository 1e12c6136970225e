"""The complaints report against a fixture counted by hand (the counts are in the comments)."""

from __future__ import annotations

from datetime import date, timedelta

from tests.conftest import World, decision
from workflow.law.reports import Period, complaints_report
from workflow.letters.decision import Concession, Reason
from workflow.letters.services import create_holding_response, create_letter
from workflow.money import Money

H = timedelta(hours=1)
WAIT = timedelta(hours=24)


def make(world: World, received_days_ago: int, profile: str = "uk_general", **changes: object):
    made = decision(
        changes.pop("amount", "20.00"),
        str(changes.pop("currency", "USD")),
        profile=profile,
        complaint_received_at=world.clock.now() - timedelta(days=received_days_ago),
        **changes,
    )
    return create_letter(world.installation, made, world.people["ana"].id)


def walk(world: World, letter, draft: timedelta, peer: timedelta, approved: timedelta) -> None:
    world.clock.advance(draft)
    world.fire("finish_draft", letter, "ana")
    world.clock.advance(WAIT)
    world.fire("submit_for_review", letter, "ana")
    world.clock.advance(peer)
    world.fire("approve_tone", letter, "ben")
    world.clock.advance(approved)
    world.fire("send", letter, "ana", channel="first_class_mail", sent_on=world.clock.now().date())


def test_every_figure_of_the_report(world: World) -> None:
    # A: received 10 days before; draft 1 h, waiting 24 h, peer 2 h, approved 3 h; sent
    # 10 days and 30 hours after the complaint: within 4 weeks.
    a = make(world, 10)
    walk(world, a, 1 * H, 2 * H, 3 * H)
    # B: received 40 days before its creation, two reasons, a 10.00 USD discount; draft 2 h,
    # waiting 24 h, peer 4 h, approved 1 h: sent 40 days + 31 h after: 4 to 8 weeks.
    b = make(
        world,
        40,
        reasons=(Reason.DELIVERED_AS_AGREED, Reason.OUTSIDE_POLICY_WINDOW),
        concession=Concession.FUTURE_DISCOUNT,
        concession_amount=Money.parse("10.00", "USD"),
    )
    walk(world, b, 2 * H, 4 * H, 1 * H)
    # C: received 60 days before, so past its 56-day deadline already; a 5.00 EUR credit;
    # still in draft. Its holding response is sent (a holding response is not in scope).
    c = make(world, 60, currency="EUR", concession=Concession.CREDIT, concession_amount=Money.parse("5.00", "EUR"))
    holding = create_holding_response(world.installation, c.id, world.people["ana"].id)
    world.fire("finish_draft", holding, "ana")
    world.fire("submit_for_review", holding, "ana")
    world.fire("approve_tone", holding, "ben")
    world.fire("send", holding, "ana", channel="first_class_mail", sent_on=world.clock.now().date())
    # Out of scope: another profile, and a withdrawn letter.
    make(world, 1, profile="none")
    withdrawn = make(world, 1)
    world.fire("withdraw", withdrawn, "ana", reason="Refunded after all.")

    with world.installation.db.read() as session:
        report = complaints_report(session, Period(date(2026, 1, 1), date(2026, 7, 1), "uk_general"), world.clock.now())
    figures = {(section, item): value for section, item, value in report.rows()}
    assert figures == {
        ("letters", "in scope"): "3",
        ("refusals by reason", "Delivered as agreed"): "1",
        ("refusals by reason", "Delivered on time"): "2",  # A and C
        ("refusals by reason", "Outside the policy window"): "1",
        ("concessions", "offered"): "2",
        ("concessions", "amount EUR"): "5.00",
        ("concessions", "amount USD"): "10.00",
        # Draft stays 1 h and 2 h (C's is still running): nearest rank, median 1 h, 90th 2 h.
        ("time in stage", "Draft stays"): "2",
        ("time in stage", "Draft median hours"): "1.0",
        ("time in stage", "Draft 90th percentile hours"): "2.0",
        ("time in stage", "Waiting period stays"): "2",
        ("time in stage", "Waiting period median hours"): "24.0",
        ("time in stage", "Waiting period 90th percentile hours"): "24.0",
        ("time in stage", "Peer review stays"): "2",
        ("time in stage", "Peer review median hours"): "2.0",
        ("time in stage", "Peer review 90th percentile hours"): "4.0",
        ("time in stage", "Legal review stays"): "0",
        ("time in stage", "Legal review median hours"): "",
        ("time in stage", "Legal review 90th percentile hours"): "",
        ("time in stage", "Approved stays"): "2",
        ("time in stage", "Approved median hours"): "1.0",
        ("time in stage", "Approved 90th percentile hours"): "3.0",
        ("closed", "within 4 weeks"): "1",
        ("closed", "4 to 8 weeks"): "1",
        ("closed", "over 8 weeks"): "0",
        ("deadline", "past deadline"): "1",  # C
        ("holding responses", "sent"): "1",
    }
    with world.installation.db.read() as session:
        everything = complaints_report(session, Period(date(2026, 1, 1), date(2026, 7, 1)), world.clock.now())
        earlier = complaints_report(session, Period(date(2025, 1, 1), date(2026, 1, 1)), world.clock.now())
    assert (everything.letters, earlier.letters) == (4, 0)
