"""Taking, releasing and assigning a letter's review, each in one transaction with its audit
event naming both people.

The letter's row is locked first (`lock_letter`: FOR UPDATE on PostgreSQL, the write lock
on SQLite), so of two reviewers taking the same letter at once one takes it and the other
is told who did. Taking or assigning does not change the letter's revision: a colleague
with the page open who then acts is told who holds the review, not that the letter changed.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session

from workflow.assignments.eligibility import round_peer_reviewers, why_not_reviewer
from workflow.assignments.holder import Holder, read_holder
from workflow.audit import chain
from workflow.audit.actions import Action
from workflow.audit.actors import Origin, actor_of
from workflow.audit.refusals import write_recorded
from workflow.errors import Refused
from workflow.installation import Installation
from workflow.letters.loading import lock_letter
from workflow.letters.models import Letter
from workflow.outbox.events import record_event
from workflow.people.directory import load_user
from workflow.people.models import User
from workflow.people.roles import Role

Outcome = tuple[Action, User | None, dict[str, str]]
"""What a change did: the action it was, who holds the review after it, the record's words."""

Change = Callable[[Session, Letter, User, Holder | None], Outcome]


def _change(
    installation: Installation, action: Action, letter_id: int, actor_id: int, origin: Origin | None, change: Change
) -> Letter:
    """Lock the letter, let `change` decide or refuse, write the new holder and the audit
    event naming the new holder and the one before by username."""

    def work(session: Session) -> Letter:
        letter, version, actor = lock_letter(session, letter_id, actor_id)
        now = installation.clock.now()
        before = read_holder(session, letter, now)
        done, after, words = change(session, letter, actor, before)
        letter.assignee_id = after.id if after else None
        letter.assigned_at = now if after else None
        recorded = chain.append(
            session,
            actor=actor_of(actor, origin),
            action=done,
            at=now,
            letter_id=letter.id,
            letter_ref=letter.reference,
            from_state=letter.state,
            to_state=letter.state,
            version=version.number if version else None,
            content_sha256=version.sha256 if version else "",
            details={
                "assignee": after.username if after else "",
                "previous": before.username if before else "",
                "words": words,
            },
        )
        record_event(session, action=done, audit_hash=recorded, at=now, letter_id=letter.id, actor_id=actor.id)
        return letter

    return write_recorded(installation, action, actor_id, origin, work, letter_id)


def _eligible(session: Session, letter: Letter, person: User, *, yourself: bool) -> None:
    reason = why_not_reviewer(letter, person, round_peer_reviewers(session, letter), yourself=yourself)
    if reason:
        raise Refused(reason)


def take_review(installation: Installation, letter_id: int, actor_id: int, *, origin: Origin | None = None) -> Letter:
    """ "I'll review this": the reviewer holds the letter's current review step."""

    def change(session: Session, letter: Letter, actor: User, holder: Holder | None) -> Outcome:
        _eligible(session, letter, actor, yourself=True)
        if holder is not None:
            raise Refused("You have already taken this review." if holder.id == actor.id else holder.refusal)
        return Action.TAKE_REVIEW, actor, {"assignee": actor.display_name}

    return _change(installation, Action.TAKE_REVIEW, letter_id, actor_id, origin, change)


def release_review(
    installation: Installation, letter_id: int, actor_id: int, *, origin: Origin | None = None
) -> Letter:
    """The holder (or whoever stands in for them) gives the review back to everyone; an
    administrator may take anyone off it."""

    def change(session: Session, letter: Letter, actor: User, holder: Holder | None) -> Outcome:
        if holder is None:
            raise Refused("Nobody has taken this review, so there is nothing to release.")
        words = {"assignee": holder.name, "previous": holder.name}
        if holder.may_act(actor.id):
            return Action.RELEASE_REVIEW, None, words
        if actor.has_role(Role.ADMIN):
            return Action.UNASSIGN_REVIEW, None, words
        raise Refused(f"Only {holder.name}, whoever stands in for them, or an administrator can release this review.")

    return _change(installation, Action.RELEASE_REVIEW, letter_id, actor_id, origin, change)


def assign_review(
    installation: Installation, letter_id: int, admin_id: int, assignee_id: int, *, origin: Origin | None = None
) -> Letter:
    """An administrator gives the review to a named reviewer, or moves it from its holder to
    another; separation of duties holds for the new holder as for anyone taking it."""

    def change(session: Session, letter: Letter, admin: User, holder: Holder | None) -> Outcome:
        if not admin.has_role(Role.ADMIN):
            raise Refused("Only an administrator can assign a review to someone.")
        assignee = load_user(session, assignee_id)
        _eligible(session, letter, assignee, yourself=False)
        if holder is None:
            return Action.ASSIGN_REVIEW, assignee, {"assignee": assignee.display_name}
        if holder.id == assignee.id:
            raise Refused(f"{assignee.display_name} already has this review.")
        return Action.REASSIGN_REVIEW, assignee, {"assignee": assignee.display_name, "previous": holder.name}

    return _change(installation, Action.ASSIGN_REVIEW, letter_id, admin_id, origin, change)
