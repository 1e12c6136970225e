"""What an administrator watches over: letters stuck longest in each state, and follow-ups
overdue, across every author.

Each list is a bounded number of indexed queries however many letters there are: the
(state, updated_at) index finds the letters that have not moved for longest, and the
audit events of just those few letters say since when they have been in their state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from babel.dates import format_timedelta
from sqlalchemy import func, select
from sqlmodel import Session, col

from workflow.audit.models import AuditEvent
from workflow.letters.models import Letter
from workflow.letters.queries import LetterRow, _row_query, _rows
from workflow.letters.states import State

ACTIVE = (State.DRAFT, State.WAITING, State.PEER_REVIEW, State.LEGAL_REVIEW, State.APPROVED)
"""The states a letter is meant to leave; sent, archived and withdrawn letters rest for good."""

STUCK_PER_STATE = 3

OVERDUE_ROWS = 10


@dataclass(frozen=True)
class StuckLetter:
    """A letter that has not moved, and since when it has been in its state."""

    row: LetterRow
    in_state_since: datetime

    def time_in_state(self, now: datetime) -> str:
        """ "9 days": how long it has been in its state, in words."""
        return format_timedelta(now - self.in_state_since, threshold=1.5, locale="en")


def _entered_state(session: Session, letter_ids: list[int]) -> dict[int, datetime]:
    """When each letter last changed state: its newest event that moved it, done not refused."""
    moved = (
        select(col(AuditEvent.letter_id), func.max(col(AuditEvent.at)))
        .where(
            col(AuditEvent.letter_id).in_(letter_ids),
            col(AuditEvent.outcome) == "ok",
            col(AuditEvent.to_state) != col(AuditEvent.from_state),
        )
        .group_by(col(AuditEvent.letter_id))
    )
    return {letter_id: at for letter_id, at in session.execute(moved)}


def stuck_letters(session: Session, per_state: int = STUCK_PER_STATE) -> list[StuckLetter]:
    """The letters that have not changed for longest, a few per active state, in the order
    of the states; each with the time it entered its state (its last change when the trail
    holds no move, as for a letter made before the trail recorded one)."""
    rows = [
        row
        for state in ACTIVE
        for row in _rows(
            session,
            _row_query().where(col(Letter.state) == state.value).order_by(col(Letter.updated_at)).limit(per_state),
        )
    ]
    entered = _entered_state(session, [row.id for row in rows]) if rows else {}
    return [StuckLetter(row, entered.get(row.id, row.updated_at)) for row in rows]


@dataclass(frozen=True)
class Overdue:
    rows: list[LetterRow]
    count: int


def overdue_follow_ups(session: Session, today: date, limit: int = OVERDUE_ROWS) -> Overdue:
    """Sent or archived letters whose follow-up day has passed, oldest first, by any author."""
    late = _row_query().where(
        col(Letter.follow_up_on) < today, col(Letter.state).in_([State.SENT.value, State.ARCHIVED.value])
    )
    count = session.scalar(select(func.count()).select_from(late.with_only_columns(col(Letter.id)).subquery()))
    return Overdue(_rows(session, late.order_by(col(Letter.follow_up_on)).limit(limit)), int(count or 0))
