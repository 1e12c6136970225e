"""Who may review a letter at its stage: the separation of duties that taking and assigning
a review keep, in sentences for the person themselves or for an administrator choosing.

Acting on the review is guarded again by the letter's rules (`letters/rules.py`), for the
person who acts, delegate or not: a review held by someone never lets anyone past them.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlmodel import Session, col

from workflow.letters.models import Letter, Review, ReviewStage
from workflow.letters.states import State
from workflow.people.models import User
from workflow.people.roles import Role

REVIEW_STATES = {State.PEER_REVIEW: Role.PEER_REVIEWER, State.LEGAL_REVIEW: Role.LEGAL_REVIEWER}


def round_peer_reviewers(session: Session, letter: Letter) -> set[int]:
    """Who reviewed the tone of this letter in its current round (their reviews still live)."""
    query = select(col(Review.reviewer_id)).where(
        col(Review.letter_id) == letter.id,
        col(Review.round) == letter.review_round,
        col(Review.stage) == ReviewStage.PEER.value,
        col(Review.void).is_(False),
    )
    return set(session.scalars(query))


def why_not_reviewer(letter: Letter, person: User, round_peers: Collection[int], *, yourself: bool) -> str | None:
    """None when `person` may review the letter at its current stage, else why not, said to
    them (`yourself`) or about them to an administrator."""
    state = State(letter.state)
    role = REVIEW_STATES.get(state)
    if role is None:
        return f"Only a letter in peer or legal review has a reviewer to take it; this one is in {state.label.lower()}."
    who, are = ("You", "are") if yourself else (person.display_name, "is")
    if person.id == letter.author_id:
        return f"{who} wrote this letter, so someone else must review it."
    if not person.has_role(role):
        team = "a peer reviewer" if role is Role.PEER_REVIEWER else "on the legal team"
        return f"{who} {are} not {team}, so cannot take its {state.label.lower()}."
    if state is State.LEGAL_REVIEW and person.id in round_peers:
        return (
            f"{who} reviewed the tone of this letter in this round, so another member of the legal team "
            "must do its legal review."
        )
    return None
