"""What each letter event tells whom (issue 15, item 4).

A letter entering peer review tells its peer reviewers; entering legal review, the legal
team; changes requested (with the comment), approval and a Word file handed back tell the
author. The audit event of the change gives the states and the comment as they were then,
whatever the letter has become since.
"""

from __future__ import annotations

from workflow.letters.models import Letter
from workflow.letters.states import State
from workflow.notifications.audience import legal_reviewers_to_tell, peer_reviewers_to_tell
from workflow.notifications.notices import Notice, notify
from workflow.outbox.events import audit_event_of
from workflow.outbox.models import OutboxEvent
from workflow.outbox.registry import Moment, listen


def _letter(moment: Moment, event: OutboxEvent) -> Letter:
    return moment.session.get_one(Letter, event.letter_id)


@listen("submit_for_review")
def peer_review_waits(moment: Moment, event: OutboxEvent) -> None:
    letter = _letter(moment, event)
    for reviewer in peer_reviewers_to_tell(moment.session, letter):
        notify(moment, Notice("peer_review_waiting", reviewer, letter.id, event.actor_id, due_at=letter.due_at))


@listen("approve_tone", "escalate_to_legal", "approve_legal")
def after_review(moment: Moment, event: OutboxEvent) -> None:
    """An escalation's reason reaches the legal team with the letter."""
    letter, audit = _letter(moment, event), audit_event_of(moment.session, event)
    to_state = audit.to_state
    if to_state == State.LEGAL_REVIEW:
        for reviewer in legal_reviewers_to_tell(moment.session, letter):
            notice = Notice(
                "legal_review_waiting", reviewer, letter.id, event.actor_id, quote=audit.comment, due_at=letter.due_at
            )
            notify(moment, notice)
    elif to_state == State.APPROVED:
        notify(moment, Notice("letter_approved", letter.author_id, letter.id, event.actor_id))


@listen("request_changes")
def changes_requested(moment: Moment, event: OutboxEvent) -> None:
    letter, comment = _letter(moment, event), audit_event_of(moment.session, event).comment
    notify(moment, Notice("changes_requested", letter.author_id, letter.id, event.actor_id, quote=comment))


@listen("hand_back")
def handed_back(moment: Moment, event: OutboxEvent) -> None:
    letter = _letter(moment, event)
    notify(moment, Notice("handed_back", letter.author_id, letter.id, event.actor_id))
