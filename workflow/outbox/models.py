"""The outbox's tables: the events a change wrote for the worker, and the scheduled jobs
that have fired.

An event is a pointer to its audit event (by hash), so nothing is written twice; the worker
reads the audit event for the comment, the states and the details, and deletes the event
once its listeners have run: the table holds only what is still to be told (and what kept
failing), so it needs no index and every trigger pays for one short row, nothing more. A fired job's row is the
scheduler's whole memory: its unique key (kind, subject, due time) is what makes a due event
fire once, however many workers look at the same moment and however often they restart.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from workflow.storage.types import UTCDateTime, text_field


class EventState(StrEnum):
    PENDING = "pending"
    FAILED = "failed"


class OutboxEvent(SQLModel, table=True):
    """One change that may have to be told: a trigger on a letter, or a letter's creation."""

    __tablename__ = "outbox"

    id: int | None = Field(default=None, primary_key=True)
    action: str = Field(max_length=40)
    letter_id: int | None = Field(default=None, foreign_key="letters.id")
    actor_id: int | None = Field(default=None, foreign_key="users.id")
    audit_hash: str = Field(max_length=64)
    created_at: datetime = Field(sa_type=UTCDateTime)
    state: str = Field(default=EventState.PENDING.value, max_length=10)
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_type=UTCDateTime)
    last_error: str = text_field()


class FiredJob(SQLModel, table=True):
    """A scheduled job that has fired: its kind, what it is about, and the due time it was for."""

    __tablename__ = "fired_jobs"
    __table_args__ = (UniqueConstraint("kind", "subject_id", "due_at", name="uq_fired_jobs_once"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40)
    subject_id: int
    due_at: datetime = Field(sa_type=UTCDateTime)
    fired_at: datetime = Field(sa_type=UTCDateTime)
    worker: str = Field(default="", max_length=100)
