"""The legal deadline still running for a letter, defined once: in SQL for the queues, the
letters list, the Reports and the deadline reminder, and in Python for the letter page,
which has the letter in hand. A test holds the two to the same answers.

Once a holding response for the letter has been sent (not merely written), the longer
deadline the profile allows runs instead of the first; once the letter is answered (sent,
archived or withdrawn) no deadline runs any more.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, select
from sqlalchemy.orm import aliased
from sqlmodel import col

from workflow.law.holding import HOLDING
from workflow.letters.models import Letter
from workflow.letters.states import State

ANSWERED = (State.SENT, State.ARCHIVED, State.WITHDRAWN)
"""Letters whose legal deadline no longer runs."""

_HOLDING = aliased(Letter, name="holding")


def holding_sent() -> ColumnElement[bool]:
    """A holding response for the letter has been sent: a correlated EXISTS on the
    `holding_for_id` index, evaluated only for the rows a page or a job actually reads.

    Written as a range of one value rather than an equality: statistics SQLite took while no
    holding response existed (every `holding_for_id` NULL, so one value for all the rows)
    make it scan the whole table for an equality, once per letter (1.6 s for a page of 50 at
    100,000 letters); for a range it keeps to the index whatever the statistics say."""
    return exists(
        select(col(_HOLDING.id)).where(
            col(_HOLDING.holding_for_id).between(col(Letter.id), col(Letter.id)),
            col(_HOLDING.kind) == HOLDING,
            col(_HOLDING.sent_at).is_not(None),
        )
    )


def deadline_in_force() -> Any:
    """The deadline the letter is held to, answered or not: the longer one once held. The
    Reports compare a sent letter's sending with it."""
    extended = col(Letter.deadline_extended_at)
    return case((and_(extended.is_not(None), holding_sent()), extended), else_=col(Letter.deadline_at))


def running_deadline_column() -> Any:
    """The deadline still running, or NULL once the letter is answered."""
    return case((col(Letter.state).in_([s.value for s in ANSWERED]), None), else_=deadline_in_force())


def running_deadline(letter: Letter, held: bool) -> datetime | None:
    """`running_deadline_column` for a letter in hand, `held` being what `holding_sent` says of it."""
    if State(letter.state) in ANSWERED:
        return None
    return letter.deadline_extended_at if held and letter.deadline_extended_at else letter.deadline_at
