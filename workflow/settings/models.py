"""The table of settings an administrator changed on the settings page."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Text,
)
from sqlmodel import Field, SQLModel

from workflow.storage.types import UTCDateTime


class Setting(SQLModel, table=True):
    """An administrator's override of a configured default (thresholds, waiting period...)."""

    __tablename__ = "settings"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(sa_type=Text)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    updated_by_id: int | None = Field(default=None, foreign_key="users.id")
