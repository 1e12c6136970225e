"""Whether the rest of a letter's path still fits before its legal deadline: the waiting
period, then each review step and sending at their service times (`timing/due.py`), counted
from now. When it does not, the author is told at creation and on the letter page, and
offered a holding response."""

from __future__ import annotations

from datetime import datetime

from workflow.law.deadlines import last_allowed_day
from workflow.law.running import running_deadline
from workflow.letters.models import Letter
from workflow.letters.rules import FINAL, legal_needed
from workflow.letters.states import State
from workflow.settings.config import Policy
from workflow.timing.due import DueRules

OPEN = (State.DRAFT, State.WAITING, State.PEER_REVIEW, State.LEGAL_REVIEW, State.APPROVED)


def expected_done(letter: Letter, policy: Policy, due: DueRules, now: datetime) -> datetime:
    """When the letter would go out if every step took its full service time from now."""
    state = State(letter.state)
    moment = now + policy.waiting_period if state is State.DRAFT else max(now, letter.ready_at or now)
    steps = [State.PEER_REVIEW, *([State.LEGAL_REVIEW] if legal_needed(letter, policy) else []), State.APPROVED]
    if state in steps:
        moment = max(now, letter.due_at or now)
        steps = steps[steps.index(state) + 1 :]
    for step in steps:
        moment = due.due_at(step.value, moment) or moment
    return moment


def fit_warning(letter: Letter, policy: Policy, due: DueRules, now: datetime, held: bool = False) -> str:
    """A sentence when the path no longer fits the deadline still running (the longer one
    once a holding response has been sent, `held`); "" when it does or there is none."""
    deadline = running_deadline(letter, held)
    if letter.kind != FINAL or deadline is None or State(letter.state) not in OPEN:
        return ""
    done = expected_done(letter, policy, due, now)
    if done <= deadline:
        return ""
    last_day = last_allowed_day(deadline, due.working_hours.zone)
    late = (
        f"The waiting period and the review times take this letter to about {done:%d %B %Y, %H:%M} UTC, after the "
        f"legal deadline for the final answer (the end of {last_day:%-d %B %Y} on the company's clock)."
    )
    if held:
        return (
            f"{late} The holding response has been sent, so this deadline is the last: ask the reviewers "
            "to take this letter first."
        )
    return f"{late} Send the customer a holding response that says when the final answer will come."
