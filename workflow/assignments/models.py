"""The table of standing delegations: who acts for whom, from when until when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from workflow.storage.types import UTCDateTime


class Delegation(SQLModel, table=True):
    """While it runs (`starts_at` <= now < `ends_at`), letters assigned to the person can be
    acted on by the delegate, and the person's notifications go to the delegate. Ending one
    early moves `ends_at` to that moment, so one comparison says whether it runs."""

    __tablename__ = "delegations"
    __table_args__ = (
        Index("ix_delegations_person_ends", "person_id", "ends_at"),
        Index("ix_delegations_delegate_ends", "delegate_id", "ends_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="users.id")
    delegate_id: int = Field(foreign_key="users.id")
    starts_at: datetime = Field(sa_type=UTCDateTime)
    ends_at: datetime = Field(sa_type=UTCDateTime)
    created_by_id: int = Field(foreign_key="users.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    ended_by_id: int | None = Field(default=None, foreign_key="users.id")
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
