"""Requests per token per minute, counted in the database so every server process shares
the count: a fixed window, one upsert per request (`ON CONFLICT DO UPDATE … RETURNING`)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from workflow.api.models import ApiToken, RateWindow
from workflow.installation import Installation
from workflow.storage.orm import table

WINDOW = timedelta(minutes=1)

_WINDOWS = table(RateWindow)


def window_start(now: datetime) -> datetime:
    return now.replace(second=0, microsecond=0)


def count_request(installation: Installation, token_id: int, per_minute: int) -> int | None:
    """Count this request; None when it is within the limit, else the seconds to wait."""
    now = installation.clock.now()
    start = window_start(now)

    def work(session: Session) -> int:
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        insert = dialect.insert(_WINDOWS).values(token_id=token_id, window_start=start, hits=1)
        hits = (
            session.connection()
            .execute(
                insert.on_conflict_do_update(
                    index_elements=["token_id", "window_start"], set_={"hits": _WINDOWS.c.hits + 1}
                ).returning(_WINDOWS.c.hits)
            )
            .scalar_one()
        )
        if hits == 1:
            session.execute(
                delete(RateWindow).where(col(RateWindow.token_id) == token_id, col(RateWindow.window_start) < start)
            )
            session.execute(update(ApiToken).where(col(ApiToken.id) == token_id).values(last_used_at=now))
        return int(hits)

    hits = installation.db.write(work)
    if hits <= per_minute:
        return None
    return max(1, math.ceil((start + WINDOW - now).total_seconds()))
