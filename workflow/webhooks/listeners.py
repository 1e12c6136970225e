"""Which letter events become webhooks: one delivery row per event per endpoint, written by
the outbox's listener in the transaction that handles the event (so exactly once), and
"overdue" as a scheduled job, once per step's due time."""

from __future__ import annotations

import json
import uuid
from datetime import datetime

from sqlalchemy import select
from sqlmodel import col

from workflow.letters.models import Letter
from workflow.letters.states import State
from workflow.outbox.events import audit_event_of
from workflow.outbox.models import FiredJob, OutboxEvent
from workflow.outbox.registry import Due, JobKind, Moment, add_job_kind, listen
from workflow.outbox.schedule import BATCH, not_fired
from workflow.webhooks.models import WebhookDelivery, WebhookEndpoint

_EVENT_OF = {
    "create": "created",
    "submit_for_review": "submitted",
    "approve_legal": "approved",
    "send": "sent",
    "archive": "archived",
    "withdraw": "withdrawn",
}

_DELIVERY_IDS = uuid.UUID("5b0d2a56-6f7e-4d38-9c61-1f6e0a3c7a11")

DUE_STATES = (State.PEER_REVIEW.value, State.LEGAL_REVIEW.value, State.APPROVED.value)


def letter_payload(letter: Letter) -> dict[str, object]:
    return {
        "id": letter.id,
        "reference": letter.reference,
        "state": letter.state,
        "revision": letter.revision,
        "customer_name": letter.customer_name,
        "order_reference": letter.order_reference,
        "due_at": letter.due_at.isoformat() if letter.due_at else None,
    }


def write_deliveries(moment: Moment, event: str, key: str, letter: Letter, at: datetime) -> int:
    """One row per active endpoint that wants `event`; the id is derived from endpoint and
    event, so it never changes across retries and receivers can de-duplicate on it."""
    wanted = moment.session.scalars(select(WebhookEndpoint).where(col(WebhookEndpoint.active))).all()
    written = 0
    for endpoint in wanted:
        if event not in endpoint.events.split():
            continue
        delivery_id = str(uuid.uuid5(_DELIVERY_IDS, f"{endpoint.id}:{key}"))
        body = {"id": delivery_id, "event": event, "occurred_at": at.isoformat(), "letter": letter_payload(letter)}
        moment.session.add(
            WebhookDelivery(
                id=delivery_id,
                endpoint_id=endpoint.id or 0,
                event=event,
                event_key=key[:100],
                letter_id=letter.id,
                payload=json.dumps(body, sort_keys=True),
                next_attempt_at=moment.now,
                created_at=moment.now,
            )
        )
        written += 1
    return written


@listen("create", "submit_for_review", "approve_tone", "approve_legal", "send", "archive", "withdraw")
def on_letter_event(moment: Moment, event: OutboxEvent) -> None:
    """A tone approval is "approved" only when it finished the reviews (no legal review)."""
    audit = audit_event_of(moment.session, event)
    name = _EVENT_OF.get(event.action) or ("approved" if audit.to_state == State.APPROVED.value else "")
    letter = moment.session.get(Letter, event.letter_id) if event.letter_id else None
    if name and letter is not None:
        write_deliveries(moment, name, event.audit_hash, letter, event.created_at)


def _overdue(moment: Moment) -> list[Due]:
    rows = moment.session.execute(
        select(col(Letter.id), col(Letter.due_at))
        .where(
            col(Letter.state).in_(DUE_STATES),
            col(Letter.due_at) <= moment.now,
            not_fired("webhook_overdue", col(Letter.id), col(Letter.due_at)),
        )
        .limit(BATCH)
    ).all()
    return [Due(letter_id, due_at) for letter_id, due_at in rows]


def _tell_overdue(moment: Moment, job: FiredJob) -> None:
    letter = moment.session.get(Letter, job.subject_id)
    if letter is not None and letter.state in DUE_STATES and letter.due_at == job.due_at:
        write_deliveries(moment, "overdue", f"overdue:{letter.id}:{job.due_at.isoformat()}", letter, job.due_at)


add_job_kind(JobKind("webhook_overdue", _overdue, _tell_overdue))
