"""What happens to a letter whenever it moves to another state: the step it leaves takes its
reviewer with it, and the step it enters gets its due time.

Assignment is per review step: entering legal review, or going back to draft, leaves the
letter with nobody on it. The due time is computed from the clock and the rules in force at
that moment and kept, so a later change of the settings does not move it.
"""

from __future__ import annotations

from sqlmodel import Session

from workflow.letters.rules import Attempt
from workflow.letters.states import State
from workflow.settings.due import effective_due_rules
from workflow.timing.due import STEP_KEYS, DueRules


def enter_step(session: Session, attempt: Attempt, defaults: DueRules) -> None:
    """Clear the assignment and set the new step's due and reminder times (the due time is
    recorded in the trigger's event)."""
    letter = attempt.letter
    letter.assignee_id = None
    letter.assigned_at = None
    letter.due_at = letter.remind_at = None
    if State(letter.state) in STEP_KEYS:
        rules = effective_due_rules(session, defaults)
        letter.due_at = rules.due_at(letter.state, attempt.now)
        letter.remind_at = rules.remind_at(letter.state, attempt.now)
        attempt.recorded["due_at"] = letter.due_at.isoformat() if letter.due_at else None
