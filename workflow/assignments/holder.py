"""Who holds a letter's review now, and who may act on it because of that.

The letter's rules ask this before any review trigger (`letters/rules.py`, `holds_review`):
when nobody holds the review, every eligible reviewer may act as before; when someone does,
only they, or whoever stands in for them while they are away, may.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session, col

from workflow.assignments.delegation import stand_ins
from workflow.audit.report import when
from workflow.letters.models import Letter
from workflow.people.models import User


@dataclass(frozen=True)
class Holder:
    """The person who took (or was given) the review, since when, and who stands in for
    them now, nearest first."""

    id: int
    username: str
    name: str
    since: datetime
    stand_ins: tuple[tuple[int, str], ...] = ()

    def may_act(self, person_id: int | None) -> bool:
        return person_id == self.id or any(person_id == stand_in for stand_in, _ in self.stand_ins)

    @property
    def standing_in(self) -> str:
        """ "Finn Fischer stands in for Ben Okafor", or "" when they are not away."""
        if not self.stand_ins:
            return ""
        return f"{self.stand_ins[-1][1]} stands in for {self.name} while they are away"

    @property
    def refusal(self) -> str:
        """Said to anyone else who tries to act on, or take, the review."""
        away = f" ({self.standing_in})" if self.stand_ins else ""
        return (
            f"{self.name} has taken this review (since {when(self.since)}), so only they can act on it{away}. "
            f"Ask {self.name} or an administrator to release it."
        )


def read_holder(session: Session, letter: Letter, at: datetime) -> Holder | None:
    """The letter's review holder at `at`, or None when nobody holds it."""
    if letter.assignee_id is None or letter.assigned_at is None:
        return None
    chain_ = stand_ins(session, letter.assignee_id, at)
    ids = [letter.assignee_id, *chain_]
    people = {
        row.id: row
        for row in session.execute(
            select(col(User.id), col(User.username), col(User.display_name)).where(col(User.id).in_(ids))
        )
    }
    names = {person: row.display_name for person, row in people.items()}
    return Holder(
        id=letter.assignee_id,
        username=people[letter.assignee_id].username,
        name=names[letter.assignee_id],
        since=letter.assigned_at,
        stand_ins=tuple((person, names[person]) for person in chain_),
    )
