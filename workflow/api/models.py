"""The API's tables: tokens, the answer kept for each idempotency key, per-token rate windows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from workflow.storage.types import UTCDateTime


class ApiToken(SQLModel, table=True):
    """A bearer token. Only the SHA-256 of its secret is kept; `prefix` names it in lists."""

    __tablename__ = "api_tokens"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    kind: str = Field(max_length=10)
    user_id: int = Field(foreign_key="users.id", index=True)
    prefix: str = Field(max_length=16)
    secret_sha256: str = Field(max_length=64, unique=True)
    scopes: str = Field(max_length=100)
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by: int | None = Field(default=None, foreign_key="users.id")
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class IdempotentRequest(SQLModel, table=True):
    """The answer given to one (token, Idempotency-Key), written in the transaction that
    created the letter, so a retry gets it back and never makes a second letter."""

    __tablename__ = "api_idempotency"

    token_id: int = Field(foreign_key="api_tokens.id", primary_key=True)
    key: str = Field(max_length=200, primary_key=True)
    request_sha256: str = Field(max_length=64)
    letter_id: int = Field(foreign_key="letters.id")
    response: str = Field(sa_type=Text)
    created_at: datetime = Field(sa_type=UTCDateTime)


class RateWindow(SQLModel, table=True):
    """Requests one token made in one fixed window: in the database, so every process counts."""

    __tablename__ = "api_rate_windows"

    token_id: int = Field(foreign_key="api_tokens.id", primary_key=True)
    window_start: datetime = Field(sa_type=UTCDateTime, primary_key=True)
    hits: int = 0
