"""The audit tables: the hash-chained events and the signed checkpoints over them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Text,
)
from sqlmodel import Field, SQLModel

from workflow.storage.types import UTCDateTime, text_field


class AuditEvent(SQLModel, table=True):
    """One link of the append-only hash chain. Database triggers refuse UPDATE and DELETE."""

    __tablename__ = "audit_events"

    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    at: datetime = Field(sa_type=UTCDateTime, index=True)
    actor: str = Field(max_length=64, index=True)
    actor_roles: str = Field(default="", max_length=200)
    action: str = Field(max_length=40)
    outcome: str = Field(default="ok", max_length=20)
    letter_id: int | None = Field(default=None, index=True)
    letter_ref: str = Field(default="", max_length=32)
    from_state: str = Field(default="", max_length=20)
    to_state: str = Field(default="", max_length=20)
    version: int | None = None
    content_sha256: str = Field(default="", max_length=64)
    comment: str = text_field()
    address: str = Field(default="", max_length=64)
    request_id: str = Field(default="", max_length=64)
    details: str = Field(default="{}", sa_type=Text)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64, unique=True)


class AuditCheckpoint(SQLModel, table=True):
    """A signed chain head: cutting events off the end of the chain no longer goes unseen."""

    __tablename__ = "audit_checkpoints"

    id: int | None = Field(default=None, primary_key=True)
    seq: int
    head_hash: str = Field(max_length=64)
    at: datetime = Field(sa_type=UTCDateTime)
    key_id: str = Field(max_length=64)
    signature: str = Field(sa_type=Text)
