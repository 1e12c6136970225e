"""Helpers for the assignment tests: the audit events of one action, with their sentences."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlmodel import select

from tests.conftest import World
from tests.mail.conftest import mail_server, mailing  # noqa: F401  (the mail fixtures, for the reminders)
from workflow.assignments.delegation import set_delegation
from workflow.assignments.models import Delegation
from workflow.audit.models import AuditEvent
from workflow.audit.report import describe


def events(world: World, action: str, outcome: str = "ok") -> list[AuditEvent]:
    with world.installation.db.read() as session:
        query = select(AuditEvent).where(AuditEvent.action == action, AuditEvent.outcome == outcome)
        return list(session.scalars(query.order_by(AuditEvent.seq)))


def sentence(world: World, event: AuditEvent) -> str:
    return describe(event, {u.username: u.display_name for u in world.people.values()})


def details(event: AuditEvent) -> dict:
    return json.loads(event.details)


def delegate(
    world: World, person: str, to: str, starts: timedelta, ends: timedelta, by: str | None = None
) -> Delegation:
    """`to` stands in for `person` from `starts` until `ends` from now, set by `by` (the person)."""
    now = world.clock.now()
    people = world.people
    return set_delegation(
        world.installation, people[by or person].id, people[person].id, people[to].id, now + starts, now + ends
    )
