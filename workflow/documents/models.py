"""The table of uploaded Word templates."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Column,
    LargeBinary,
)
from sqlmodel import Field, SQLModel

from workflow.storage.types import UTCDateTime


class DocumentTemplate(SQLModel, table=True):
    """A Word template an administrator uploaded in place of the shipped one."""

    __tablename__ = "document_templates"

    kind: str = Field(primary_key=True, max_length=20)
    language: str = Field(primary_key=True, max_length=2)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    sha256: str = Field(max_length=64)
    uploaded_by_id: int = Field(foreign_key="users.id")
    uploaded_at: datetime = Field(sa_type=UTCDateTime)
