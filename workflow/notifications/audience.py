"""Who is told that a letter waits for a review.

The one place that answers it, so assignments (the reviewer who took the letter) change it
here and nowhere else.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session, col

from workflow.letters.loading import reviews_of
from workflow.letters.models import Letter, ReviewStage
from workflow.people.models import User
from workflow.people.roles import Role
from workflow.storage.orm import saved_id


def _active_with(session: Session, role: Role) -> list[User]:
    candidates = session.scalars(
        select(User).where(col(User.active), col(User.roles).contains(role.value)).order_by(col(User.id))
    )
    return [user for user in candidates if user.has_role(role)]


def peer_reviewers_to_tell(session: Session, letter: Letter) -> list[int]:
    """The reviewer who has taken the review, or else every active peer reviewer but the
    author, who may not review their own letter."""
    if letter.assignee_id is not None:
        return [letter.assignee_id]
    return [saved_id(u) for u in _active_with(session, Role.PEER_REVIEWER) if u.id != letter.author_id]


def legal_reviewers_to_tell(session: Session, letter: Letter) -> list[int]:
    """The reviewer who has taken the review, or else every active legal reviewer who may act
    on it: not the author, nor this round's peer reviewer."""
    if letter.assignee_id is not None:
        return [letter.assignee_id]
    peer = {
        r.reviewer_id
        for r in reviews_of(session, saved_id(letter))
        if r.round == letter.review_round and r.stage == ReviewStage.PEER
    }
    return [
        saved_id(u) for u in _active_with(session, Role.LEGAL_REVIEWER) if u.id != letter.author_id and u.id not in peer
    ]
