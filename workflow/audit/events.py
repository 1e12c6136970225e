"""One letter's events, read by its page, its record sheet and the export filters alike."""

from __future__ import annotations

from sqlalchemy import (
    ColumnElement,
    select,
)
from sqlmodel import Session, col

from workflow.audit.models import AuditEvent
from workflow.storage.orm import table


def letter_condition(letter_id: int) -> ColumnElement[bool]:
    """What belongs to a letter's timeline; the export by letter and the letter page share it."""
    return table(AuditEvent).c.letter_id == letter_id


def letter_events(session: Session, letter_id: int) -> list[AuditEvent]:
    """A letter's events in chain order, exactly what `export --letter` writes."""
    query = select(AuditEvent).where(letter_condition(letter_id)).order_by(col(AuditEvent.seq))
    return list(session.scalars(query))
