"""Column types every room's tables share.

Times are stored as naive UTC and handed back as aware UTC, so SQLite and PostgreSQL give the
same values and the audit hashes computed over them stay stable.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    DateTime,
    Text,
    TypeDecorator,
)
from sqlmodel import Field


class UTCDateTime(TypeDecorator):
    """Aware UTC in Python, naive UTC in the database: one meaning on every backend."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware UTC datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def text_field(**kw: Any) -> Any:
    return Field(default="", sa_type=Text, **kw)
