"""A service time: how long a step may take, in working hours or working days."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from workflow.errors import InvalidInput
from workflow.timing.business_time import WorkingHours, add_business_days, add_business_hours


class Unit(StrEnum):
    HOURS = "h"
    DAYS = "d"


LONGEST = {Unit.HOURS: 24 * 365, Unit.DAYS: 365}
"""A step that may take longer than a year is a typing mistake."""


_TEXT = re.compile(r"^\s*(?P<amount>\d{1,4})\s*(?:business\s+|working\s+)?(?P<unit>h|hours?|d|days?)\s*$", re.I)


@dataclass(frozen=True)
class ServiceTime:
    amount: int
    unit: Unit

    def after(self, start: datetime, working: WorkingHours) -> datetime:
        """When a step that starts at `start` is due."""
        if self.unit is Unit.HOURS:
            return add_business_hours(start, timedelta(hours=self.amount), working)
        return add_business_days(start, self.amount, working)

    @property
    def text(self) -> str:
        """As the settings store it: "8h", "2d"."""
        return f"{self.amount}{self.unit.value}"

    @property
    def words(self) -> str:
        """ "8 working hours", "1 working day"."""
        noun = "hour" if self.unit is Unit.HOURS else "day"
        return f"{self.amount} working {noun}{'' if self.amount == 1 else 's'}"


def parse_service_time(raw: object, name: str, *, zero_allowed: bool = False) -> ServiceTime:
    """ "8h", "8 hours", "2d", "2 working days"; `name` says which setting in the refusal."""
    found = _TEXT.match(str(raw))
    if not found:
        raise InvalidInput(f"{name} should be a number of working hours or days, such as 8h or 2d, not “{raw}”.")
    unit = Unit(found["unit"][0].lower())
    amount = int(found["amount"])
    noun = "hour" if unit is Unit.HOURS else "day"
    if amount == 0 and not zero_allowed:
        raise InvalidInput(f"{name} must be at least 1 working {noun}.")
    if amount > LONGEST[unit]:
        raise InvalidInput(f"{name} cannot be more than {LONGEST[unit]:,} working {noun}s.")
    return ServiceTime(amount, unit)
