"""When each step of a letter is due, and how a page says it.

A letter entering peer review, legal review or "approved, to send" gets the moment its
step is due, computed once from the clock and the rules in force then and stored on the
letter in the same transaction: changing the settings later does not move the due times
of letters already on their way, just as a changed waiting period does not move a wait
already running.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from babel.dates import format_timedelta

from workflow.errors import InvalidInput
from workflow.letters.states import State
from workflow.timing.business_time import WorkingHours, add_business_hours, parse_working_hours, parse_zone
from workflow.timing.service import ServiceTime, Unit, parse_service_time
from workflow.words import Said

STEP_KEYS: dict[State, str] = {
    State.PEER_REVIEW: "due_peer_review",
    State.LEGAL_REVIEW: "due_legal_review",
    State.APPROVED: "due_sending",
}
"""The states whose step has a service time, and the setting that holds it."""

STEP_NAMES: dict[str, str] = {
    "due_peer_review": "Peer review",
    "due_legal_review": "Legal review",
    "due_sending": "Sending after approval",
}

DUE_KEYS = (*STEP_NAMES, "working_hours", "time_zone", "reminder_lead", "escalation_contact")
"""The settings of due dates, stored under these keys and read from `TACTFUL_<KEY>`."""


@dataclass(frozen=True)
class DueRules:
    """The service time of each step, the working hours they count in, how long before a
    step is due its reminder goes (0: none), and who hears when a step is overdue (a
    username; empty: every administrator)."""

    service_times: Mapping[str, ServiceTime] = field(
        default_factory=lambda: {
            "due_peer_review": ServiceTime(1, Unit.DAYS),
            "due_legal_review": ServiceTime(3, Unit.DAYS),
            "due_sending": ServiceTime(1, Unit.DAYS),
        }
    )
    working_hours: WorkingHours = field(default_factory=WorkingHours)
    reminder_lead: ServiceTime = ServiceTime(2, Unit.HOURS)
    escalation_contact: str = ""

    def due_at(self, state: str, entered: datetime) -> datetime | None:
        """When the step of a letter that entered `state` at `entered` is due; None for a
        state that is nobody's step to finish (a draft, a wait, a sent letter)."""
        key = STEP_KEYS.get(State(state))
        return None if key is None else self.service_times[key].after(entered, self.working_hours)

    def remind_at(self, state: str, entered: datetime) -> datetime | None:
        """When the step's reminder goes: when only the reminder lead of working time is
        left. None for a state without a step, a lead of 0, or a lead as long as the step."""
        key = STEP_KEYS.get(State(state))
        lead = self._working(self.reminder_lead)
        if key is None or not lead:
            return None
        step = self._working(self.service_times[key])
        return add_business_hours(entered, step - lead, self.working_hours) if lead < step else None

    def _working(self, time: ServiceTime) -> timedelta:
        """A service time as working hours: a working day is as long as the working hours."""
        if time.unit is Unit.HOURS:
            return timedelta(hours=time.amount)
        return time.amount * self.working_hours.day_length

    def stored(self) -> dict[str, str]:
        """Every setting as text, the way the settings table and the environment hold it."""
        return {
            **{key: time.text for key, time in self.service_times.items()},
            "working_hours": self.working_hours.text,
            "time_zone": self.working_hours.zone.key,
            "reminder_lead": self.reminder_lead.text,
            "escalation_contact": self.escalation_contact,
        }

    def with_values(self, raw: Mapping[str, object]) -> DueRules:
        """These rules with the settings in `raw` (text, keyed as `DUE_KEYS`) read over them."""
        unknown = sorted(set(raw) - set(DUE_KEYS))
        if unknown:
            raise InvalidInput(f"Unknown setting “{unknown[0]}”.")
        zone = parse_zone(str(raw["time_zone"])) if "time_zone" in raw else self.working_hours.zone
        hours = parse_working_hours(str(raw.get("working_hours", self.working_hours.text)), zone)
        return replace(
            self,
            service_times={
                key: parse_service_time(raw[key], f"The service time of {name.lower()}")
                if key in raw
                else self.service_times[key]
                for key, name in STEP_NAMES.items()
            },
            working_hours=replace(hours, holidays=self.working_hours.holidays),
            reminder_lead=(
                parse_service_time(raw["reminder_lead"], "The reminder lead", zero_allowed=True)
                if "reminder_lead" in raw
                else self.reminder_lead
            ),
            escalation_contact=str(raw.get("escalation_contact", self.escalation_contact)).strip(),
        )


def due_words(due_at: datetime, now: datetime) -> Said:
    """ "due in 3 hours", "overdue by 1 day": said in words, never only in colour."""
    left = due_at - now
    if abs(left.total_seconds()) < 60:
        return Said("due now", late=False)
    span = format_timedelta(abs(left), locale="en")
    return Said(f"due in {span}", late=False) if left.total_seconds() > 0 else Said(f"overdue by {span}", late=True)
