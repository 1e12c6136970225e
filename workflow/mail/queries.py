"""Reading the outgoing mail: the administrators' list, the count of failures for their
home page, and a letter's own e-mail to its customer."""

from __future__ import annotations

from sqlalchemy import exists, func, or_, select
from sqlmodel import Session, col

from workflow.mail.models import MailState, OutgoingMail
from workflow.outbox.models import EventState, OutboxEvent

CUSTOMER_LETTER = "customer_letter"
"""The kind of the mail that carries a final letter to its customer."""

EMAIL_LETTER = "email_letter"
"""The trigger that asks for it."""


def outgoing_mail_failures(session: Session) -> int:
    """Messages that failed for good, and outbox events whose listeners kept failing: what an
    administrator must look at (the "Outgoing mail" page lists them)."""
    mail = select(func.count()).select_from(OutgoingMail).where(col(OutgoingMail.state) == MailState.FAILED)
    events = select(func.count()).select_from(OutboxEvent).where(col(OutboxEvent.state) == EventState.FAILED)
    return int(session.scalar(mail) or 0) + int(session.scalar(events) or 0)


def recent_mail(session: Session, state: str | None = None, limit: int = 100) -> list[OutgoingMail]:
    """The newest messages first, or those in one state."""
    query = select(OutgoingMail).order_by(col(OutgoingMail.id).desc()).limit(limit)
    if state:
        query = query.where(col(OutgoingMail.state) == state)
    return list(session.scalars(query))


def letter_email_in_flight(session: Session, letter_id: int) -> bool:
    """Whether an e-mail of this letter to its customer was asked for and has no answer yet."""
    queued = exists().where(
        col(OutgoingMail.letter_id) == letter_id,
        col(OutgoingMail.kind) == CUSTOMER_LETTER,
        col(OutgoingMail.state) == MailState.QUEUED,
    )
    asked = exists().where(
        col(OutboxEvent.letter_id) == letter_id,
        col(OutboxEvent.action) == EMAIL_LETTER,
        col(OutboxEvent.state) == EventState.PENDING,
    )
    return bool(session.scalar(select(or_(queued, asked))))


def letter_email(session: Session, letter_id: int) -> OutgoingMail | None:
    """The newest e-mail of this letter to its customer, for the letter page."""
    return session.scalars(
        select(OutgoingMail)
        .where(col(OutgoingMail.letter_id) == letter_id, col(OutgoingMail.kind) == CUSTOMER_LETTER)
        .order_by(col(OutgoingMail.id).desc())
        .limit(1)
    ).first()
