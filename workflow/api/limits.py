"""Requests per token per minute, counted in the database so every server process shares
the count, without a database write on every request.

Each process leases a block of a token's quota for the current minute from the window's
row in one short upsert (`ON CONFLICT DO UPDATE … RETURNING`: add the block, read back the
total leased) and spends it in memory. A process is granted only what the window has left,
so the requests served by all processes together never exceed the limit. A block is a
twentieth of the limit (at most 100, at least 1), so most requests write nothing; what a
process leased and did not spend lapses with its minute, which can only make the limit
stricter, by less than one block per process.
"""

from __future__ import annotations

import math
import threading
import weakref
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from workflow.api.models import ApiToken, RateWindow
from workflow.installation import Installation
from workflow.storage.db import Database
from workflow.storage.orm import table

WINDOW = timedelta(minutes=1)
SHARE = 20
"""A block is this fraction of the limit: few writes, little quota stranded in one process."""
LARGEST_BLOCK = 100

_WINDOWS = table(RateWindow)


def window_start(now: datetime) -> datetime:
    return now.replace(second=0, microsecond=0)


def block_size(per_minute: int) -> int:
    return max(1, min(LARGEST_BLOCK, per_minute // SHARE))


@dataclass
class Leases:
    """The quota this process holds, per token, for one window of one database."""

    held: dict[int, tuple[datetime, int]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def spend(self, token_id: int, window: datetime) -> bool:
        """Take one request from the lease in hand, if it is for this window and not spent."""
        with self.lock:
            leased_for, left = self.held.get(token_id, (window, 0))
            if leased_for != window or left <= 0:
                return False
            self.held[token_id] = (window, left - 1)
            return True

    def keep(self, token_id: int, window: datetime, left: int) -> None:
        with self.lock:
            self.held[token_id] = (window, left)


_LEASES: weakref.WeakKeyDictionary[Database, Leases] = weakref.WeakKeyDictionary()
_LEASES_LOCK = threading.Lock()


def leases_of(db: Database) -> Leases:
    """This process's leases on this database (a new database, as in each test, starts empty)."""
    with _LEASES_LOCK:
        return _LEASES.setdefault(db, Leases())


def _lease(installation: Installation, token_id: int, per_minute: int, start: datetime) -> int:
    """Lease up to a block of the window's quota; how many requests were granted (0 when none is left).
    The first lease of a window also clears the token's old windows and notes when it was last used."""
    block = block_size(per_minute)

    def work(session: Session) -> int:
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        insert = dialect.insert(_WINDOWS).values(token_id=token_id, window_start=start, hits=block)
        leased = (
            session.connection()
            .execute(
                insert.on_conflict_do_update(
                    index_elements=["token_id", "window_start"], set_={"hits": _WINDOWS.c.hits + block}
                ).returning(_WINDOWS.c.hits)
            )
            .scalar_one()
        )
        if leased == block:
            session.execute(
                delete(RateWindow).where(col(RateWindow.token_id) == token_id, col(RateWindow.window_start) < start)
            )
            session.execute(
                update(ApiToken).where(col(ApiToken.id) == token_id).values(last_used_at=installation.clock.now())
            )
        return max(0, min(block, per_minute - (int(leased) - block)))

    return installation.db.write(work)


def count_request(installation: Installation, token_id: int, per_minute: int) -> int | None:
    """Count this request; None when it is within the limit, else the seconds to wait."""
    now = installation.clock.now()
    start = window_start(now)
    leases = leases_of(installation.db)
    if leases.spend(token_id, start):
        return None
    granted = _lease(installation, token_id, per_minute, start)
    if granted:
        leases.keep(token_id, start, granted - 1)
        return None
    return max(1, math.ceil((start + WINDOW - now).total_seconds()))
