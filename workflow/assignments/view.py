"""What the letter page shows of a letter's review and due time, and what the viewer may do
about it: take it, release it, or (an administrator) give it to someone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session, col

from workflow.assignments.eligibility import REVIEW_STATES, round_peer_reviewers, why_not_reviewer
from workflow.assignments.holder import Holder, read_holder
from workflow.letters.models import Letter
from workflow.letters.states import State
from workflow.people.directory import find_person
from workflow.people.models import User
from workflow.people.roles import Role
from workflow.settings.due import effective_due_rules
from workflow.storage.orm import saved_id
from workflow.timing.due import DueRules, due_words


@dataclass(frozen=True)
class ReviewWork:
    """The letter's step and its due time in words, who holds the review, and the viewer's
    choices: `take` is None when they may take it, else why not."""

    step: str
    due_at: datetime | None
    due_text: str
    due_local: str
    in_review: bool
    holder: Holder | None
    take: str | None
    may_release: bool
    may_assign: bool
    candidates: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


STEP_NAMES = {State.PEER_REVIEW: "Peer review", State.LEGAL_REVIEW: "Legal review", State.APPROVED: "Sending"}


def _reviewers(session: Session, letter: Letter, round_peers: set[int]) -> list[User]:
    """Every active person who may hold this letter's review at its stage."""
    people = session.scalars(select(User).where(col(User.active)).order_by(col(User.display_name)))
    return [p for p in people if why_not_reviewer(letter, p, round_peers, yourself=False) is None]


def _stand_in_notes(session: Session, letter: Letter, holder: Holder, round_peers: set[int]) -> list[str]:
    """A stand-in whom the separation of duties keeps off this letter, said on its page."""
    notes = []
    for person_id, name in holder.stand_ins:
        reason = why_not_reviewer(letter, find_person(session, person_id), round_peers, yourself=False)
        if reason:
            notes.append(
                f"{name} stands in for {holder.name} while they are away, but cannot act on this letter: {reason} "
                "An administrator can give the review to someone else."
            )
    return notes


def review_work(session: Session, letter: Letter, viewer: User, now: datetime, defaults: DueRules) -> ReviewWork:
    state = State(letter.state)
    in_review = state in REVIEW_STATES
    holder = read_holder(session, letter, now) if in_review else None
    round_peers = round_peer_reviewers(session, letter) if in_review else set()
    zone = effective_due_rules(session, defaults).working_hours.zone
    take = why_not_reviewer(letter, viewer, round_peers, yourself=True)
    if take is None and holder is not None:
        take = "You have already taken this review." if holder.id == viewer.id else holder.refusal
    admin = in_review and viewer.has_role(Role.ADMIN)
    due_local = letter.due_at.astimezone(zone).strftime(f"%a %d %b %Y, %H:%M ({zone.key})") if letter.due_at else ""
    return ReviewWork(
        step=STEP_NAMES.get(state, state.label),
        due_at=letter.due_at,
        due_text=due_words(letter.due_at, now) if letter.due_at else "",
        due_local=due_local,
        in_review=in_review,
        holder=holder,
        take=take,
        may_release=holder is not None and (holder.may_act(viewer.id) or viewer.has_role(Role.ADMIN)),
        may_assign=admin,
        candidates=[
            (saved_id(p), p.display_name)
            for p in (_reviewers(session, letter, round_peers) if admin else [])
            if holder is None or p.id != holder.id
        ],
        notes=_stand_in_notes(session, letter, holder, round_peers) if holder else [],
    )
