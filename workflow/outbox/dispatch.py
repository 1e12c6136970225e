"""Handing the outbox's pending events to their listeners.

A batch of events is taken in one write transaction (`FOR UPDATE SKIP LOCKED` on PostgreSQL,
so two workers take different events; SQLite's one writer serialises them), each event's
listeners run in a savepoint of it, and the event is deleted in the same transaction (the
audit trail keeps what happened). Listeners only write rows, so an event is handled exactly once: a worker that
dies mid-batch commits nothing and the next one takes the batch again. A listener that
fails leaves its event to be tried again later, with backoff, without holding up the others.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session, col

from workflow.installation import Installation
from workflow.outbox.backoff import given_up, next_attempt
from workflow.outbox.models import EventState, OutboxEvent
from workflow.outbox.registry import Moment, listeners_of

BATCH = 10


def handle_events(installation: Installation, batch: int = BATCH) -> int:
    """Hand every due pending event (up to `batch`) to its listeners; how many were taken."""
    now = installation.clock.now()

    def work(session: Session) -> int:
        events = session.scalars(
            select(OutboxEvent)
            .where(col(OutboxEvent.state) == EventState.PENDING, col(OutboxEvent.next_attempt_at) <= now)
            .order_by(col(OutboxEvent.id))
            .limit(batch)
            .with_for_update(skip_locked=True)
        ).all()
        moment = Moment(session, installation, now)
        for event in events:
            _handle(moment, event)
        return len(events)

    return installation.db.write(work)


def _handle(moment: Moment, event: OutboxEvent) -> None:
    try:
        with moment.session.begin_nested():
            for listener in listeners_of(event.action):
                listener(moment, event)
            moment.session.flush()
    except Exception as error:  # noqa: BLE001  (a listener's bug must not stop the other events)
        event.attempts += 1
        event.last_error = f"{type(error).__name__}: {error}"[:2000]
        event.next_attempt_at = next_attempt(moment.now, event.attempts)
        if given_up(event.attempts):
            event.state = EventState.FAILED.value
        return
    moment.session.delete(event)
