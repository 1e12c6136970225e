"""The law room's tables: each administrator's version of a jurisdiction profile, and the
clause library's versions. Both only grow: a change is a new row, so a letter that names a
profile or clause version reads the same words for ever."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from workflow.storage.types import UTCDateTime


class ProfileVersion(SQLModel, table=True):
    """Version 2 and on of a profile (version 1 of a shipped one is `shipped.py`), as the
    JSON an administrator saved."""

    __tablename__ = "jurisdiction_profiles"
    __table_args__ = (UniqueConstraint("key", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=40, index=True)
    version: int
    data: str = Field(sa_type=Text)
    created_by_id: int = Field(foreign_key="users.id")
    created_at: datetime = Field(sa_type=UTCDateTime)


class ClauseState:
    DRAFT = "draft"
    APPROVED = "approved"


class ClauseVersion(SQLModel, table=True):
    """One version of one policy clause in one language. A draft becomes citable when an
    administrator approves it; editing writes the next version as a draft."""

    __tablename__ = "policy_clauses"
    __table_args__ = (UniqueConstraint("key", "language", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=40, index=True)
    language: str = Field(max_length=2)
    version: int
    title: str = Field(max_length=200)
    text: str = Field(sa_type=Text)
    state: str = Field(default=ClauseState.DRAFT, max_length=10)
    created_by_id: int = Field(foreign_key="users.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    approved_by_id: int | None = Field(default=None, foreign_key="users.id")
    approved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
