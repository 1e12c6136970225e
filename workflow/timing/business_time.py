"""Business time: adding working hours or working days to a moment.

Due dates count the hours people work, in the company's time zone: a letter that enters
review at 16:00 on a Friday with eight working hours to go is due at 16:00 on Monday, not
at midnight. Each working day's window is built on the local wall clock and only then
turned into UTC, so a daylight-saving change moves the windows with the clocks and a
window that contains the change is as long as it really is.

This module is the one place the arithmetic lives. Public holidays plug in through
`WorkingHours.holidays`: any container of dates that are not working days; `public_holidays`
gives a country's (and a region's) from the maintained `holidays` package, which ships its
data, so nothing is downloaded.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import holidays

from workflow.errors import InvalidInput

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

NO_HOLIDAYS: frozenset[date] = frozenset()

LONGEST_SEARCH = timedelta(days=3660)
"""How far ahead a working window is looked for: a calendar with no working day in ten
years is a configuration mistake, not a due date."""


@dataclass(frozen=True)
class WorkingHours:
    """When the company works: weekdays (0 is Monday), the daily opening and closing on the
    local wall clock, the time zone, and the dates that are not working days after all."""

    weekdays: frozenset[int] = frozenset(range(5))
    opens: time = time(9)
    closes: time = time(17)
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    holidays: Container[date] = NO_HOLIDAYS

    def works_on(self, day: date) -> bool:
        return day.weekday() in self.weekdays and day not in self.holidays

    def window(self, day: date) -> tuple[datetime, datetime]:
        """The day's working hours as UTC moments."""
        return (_utc(day, self.opens, self.zone), _utc(day, self.closes, self.zone))

    def windows_from(self, moment: datetime) -> Iterator[tuple[datetime, datetime]]:
        """The working windows that end after `moment`, the first one cut to start there."""
        day = moment.astimezone(self.zone).date() - timedelta(days=1)
        last = day + LONGEST_SEARCH
        while day <= last:
            if self.works_on(day):
                opens, closes = self.window(day)
                if closes > moment:
                    yield max(opens, moment), closes
            day += timedelta(days=1)
        raise InvalidInput("The working hours leave no working day in the next ten years; check the settings.")

    @property
    def day_length(self) -> timedelta:
        """A working day on the wall clock: 8 hours from 09:00 to 17:00."""
        return datetime.combine(date.min, self.closes) - datetime.combine(date.min, self.opens)

    @property
    def text(self) -> str:
        """As the settings write it: "Mon-Fri 09:00-17:00"."""
        return f"{days_text(self.weekdays)} {self.opens:%H:%M}-{self.closes:%H:%M}"


def _utc(day: date, wall: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, wall, tzinfo=zone).astimezone(UTC)


def add_business_hours(start: datetime, hours: timedelta, working: WorkingHours) -> datetime:
    """The moment `hours` of working time after `start`; time outside the windows does not
    count, and a span that ends exactly at closing ends then, not at the next opening."""
    remaining = hours
    for opens, closes in working.windows_from(start):
        if remaining <= closes - opens:
            return opens + remaining
        remaining -= closes - opens
    raise AssertionError("windows_from ends by raising")


def add_business_days(start: datetime, days: int, working: WorkingHours) -> datetime:
    """The same time of the working day, `days` working days later. A start outside working
    hours counts from the next opening, and a span that would end at an opening ends at the
    closing before it: "one day" from Monday 09:00 is Monday 17:00, and from Saturday too."""
    opens, _ = next(working.windows_from(start))
    local = opens.astimezone(working.zone)
    offset = datetime.combine(date.min, local.time()) - datetime.combine(date.min, working.opens)
    day = local.date()
    at_opening = offset <= timedelta(0)
    for _ in range(days - 1 if at_opening else days):
        day = _next_working_day(day, working)
    if at_opening and days > 0:
        return working.window(day)[1]
    return datetime.combine(day, local.time(), tzinfo=working.zone).astimezone(UTC)


def working_days_after(day: date, days: int, working: WorkingHours) -> date:
    """The `days`-th working day after `day` (the day itself never counts): "within 15
    business days after the day on which it received the complaint" (DISP 1.6.2A)."""
    for _ in range(days):
        day = _next_working_day(day, working)
    return day


@cache
def public_holidays(country: str, subdivision: str = "") -> Container[date]:
    """A country's public holidays (ISO 3166 code; a region such as "ENG" for England), for
    any year asked about; no holidays for an empty or unknown country, which the profile's
    page says."""
    if not country:
        return NO_HOLIDAYS
    try:
        return holidays.country_holidays(country.upper(), subdiv=subdivision.upper() or None)
    except NotImplementedError:
        return NO_HOLIDAYS


def _next_working_day(day: date, working: WorkingHours) -> date:
    last = day + LONGEST_SEARCH
    day += timedelta(days=1)
    while not working.works_on(day):
        if day > last:
            raise InvalidInput("The working hours leave no working day in the next ten years; check the settings.")
        day += timedelta(days=1)
    return day


# --- reading the settings ----------------------------------------------------------------------

_HOURS = re.compile(r"^\s*(?P<days>[A-Za-z,\s-]+?)\s+(?P<opens>\d{1,2}:\d{2})\s*-\s*(?P<closes>\d{1,2}:\d{2})\s*$")
WORKING_HOURS_EXAMPLE = "Mon-Fri 09:00-17:00"


def parse_working_hours(text: str, zone: ZoneInfo) -> WorkingHours:
    """ "Mon-Fri 09:00-17:00" or "Sun-Thu 08:30-16:30" or "Mon,Tue,Thu 10:00-14:00"."""
    found = _HOURS.match(text)
    if not found:
        raise InvalidInput(f"Working hours should look like “{WORKING_HOURS_EXAMPLE}”, not “{text.strip()}”.")
    opens, closes = _clock(found["opens"]), _clock(found["closes"])
    if closes <= opens:
        raise InvalidInput(f"The working day must close after it opens ({opens:%H:%M} to {closes:%H:%M}).")
    return WorkingHours(weekdays=_days(found["days"]), opens=opens, closes=closes, zone=zone)


def _clock(text: str) -> time:
    hour, minute = (int(part) for part in text.split(":"))
    if hour > 23 or minute > 59:
        raise InvalidInput(f"“{text}” is not a time of day; use 24-hour times such as 09:00 or 17:30.")
    return time(hour, minute)


def _day_number(name: str) -> int:
    key = name.strip()[:3].title()
    if key not in DAY_NAMES:
        raise InvalidInput(f"“{name.strip()}” is not a day of the week; use Mon, Tue, Wed, Thu, Fri, Sat or Sun.")
    return DAY_NAMES.index(key)


def _days(text: str) -> frozenset[int]:
    days: set[int] = set()
    for part in filter(None, (p.strip() for p in text.split(","))):
        first, _, last = part.partition("-")
        start = _day_number(first)
        end = _day_number(last) if last else start
        days.update((start + step) % 7 for step in range((end - start) % 7 + 1))
    if not days:
        raise InvalidInput("Name at least one working day, for example Mon-Fri.")
    return frozenset(days)


def days_text(days: frozenset[int]) -> str:
    """Working days in the settings' words: a run of days as "Mon-Fri", others by name."""
    ordered = sorted(days)
    runs: list[list[int]] = []
    for day in ordered:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(DAY_NAMES[r[0]] if len(r) == 1 else f"{DAY_NAMES[r[0]]}-{DAY_NAMES[r[-1]]}" for r in runs)


def parse_zone(text: str) -> ZoneInfo:
    """A time zone by its IANA name, such as Europe/London or America/New_York."""
    name = text.strip()
    if name not in available_timezones() and name != "UTC":
        raise InvalidInput(f"“{name}” is not a time zone name; use one such as Europe/London or America/New_York.")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"“{name}” is not a time zone this server knows.") from None


def local_moment(text: str, zone: ZoneInfo, label: str) -> datetime:
    """A date and time typed on the company's wall clock ("2026-05-04T09:00", as a browser's
    date-and-time field sends it, or with a space), as a UTC moment."""
    try:
        wall = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{label}: give a date and time, such as 2026-05-04 09:00, not “{text.strip()}”.") from None
    if wall.tzinfo is not None:
        raise InvalidInput(f"{label}: give the time on the company's clock ({zone.key}), without a time zone.")
    return wall.replace(tzinfo=zone).astimezone(UTC)
