"""Writing an event into the outbox, inside the transaction of the change it tells of.

This is the one call a use case makes: if the change commits, so does its event, and a
worker finds it even when the process that made the change dies the next moment; if the
change rolls back, nobody is told of something that did not happen.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select
from sqlmodel import Session, col

from workflow.audit.models import AuditEvent
from workflow.outbox.models import EventState, OutboxEvent
from workflow.storage.orm import table

_INSERT = insert(table(OutboxEvent))


def record_event(
    session: Session, *, action: str, audit_hash: str, at: datetime, letter_id: int | None, actor_id: int | None
) -> None:
    """Add the event of an audit event just appended in this transaction (one Core INSERT:
    every trigger pays for it)."""
    session.connection().execute(
        _INSERT,
        {
            "action": action,
            "letter_id": letter_id,
            "actor_id": actor_id,
            "audit_hash": audit_hash,
            "created_at": at,
            "state": EventState.PENDING.value,
            "attempts": 0,
            "next_attempt_at": at,
            "last_error": "",
        },
    )


def audit_event_of(session: Session, event: OutboxEvent) -> AuditEvent:
    """The audit event an outbox event tells of: its comment, states and details."""
    return session.scalars(select(AuditEvent).where(col(AuditEvent.hash) == event.audit_hash)).one()
