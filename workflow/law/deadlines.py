"""The complaint clock: when the final answer to a complaint is due under a profile, and how
a page says it.

The clock starts on the day the complaint was received, on the company's wall clock; the
deadline is the end of the last allowed day there (midnight after it), turned into UTC only
then, so a daylight-saving change in between moves nothing. Business days skip the weekend
and the public holidays of the profile's country (`business_time.public_holidays`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_timedelta

from workflow.law.profiles import COMPANY_COUNTRY, DayCount, Extension, Profile
from workflow.timing.business_time import WorkingHours, public_holidays, working_days_after
from workflow.words import Said, counted


@dataclass(frozen=True)
class Deadlines:
    """The deadline that applies from the start, and the longer one the profile's extension
    allows (a holding reply) when it is not already in force (provisional credit)."""

    due_at: datetime | None = None
    extended_at: datetime | None = None


def calendar_of(profile: Profile, company_country: str, working: WorkingHours) -> WorkingHours:
    """The company's working week with the public holidays of the profile's country."""
    country = company_country if profile.country == COMPANY_COUNTRY else profile.country
    return replace(working, holidays=public_holidays(country, profile.subdivision))


def deadlines(
    profile: Profile, received_at: datetime, calendar: WorkingHours, *, provisional_credit: bool = False
) -> Deadlines:
    rule = profile.deadline
    if not rule.days:
        return Deadlines()
    day = received_at.astimezone(calendar.zone).date()
    due = _end_of(_count(day, rule.days, rule.count, calendar), calendar.zone)
    if not rule.extended_days or rule.extension is Extension.NONE:
        return Deadlines(due)
    extended = _end_of(_count(day, rule.extended_days, rule.extended_count, calendar), calendar.zone)
    if rule.extension is Extension.PROVISIONAL_CREDIT and provisional_credit:
        return Deadlines(extended)
    if rule.extension is Extension.HOLDING_REPLY:
        return Deadlines(due, extended)
    return Deadlines(due)


def _count(day: date, days: int, count: DayCount, calendar: WorkingHours) -> date:
    if count is DayCount.BUSINESS:
        return working_days_after(day, days, calendar)
    return day + timedelta(days=days)


def _end_of(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)


def last_allowed_day(deadline: datetime, zone: ZoneInfo) -> date:
    """The day a deadline ends, on the company's clock: a deadline is the end of that day
    (midnight after it), which said as a time reads like the day after."""
    return (deadline.astimezone(zone) - timedelta(microseconds=1)).date()


def deadline_words(deadline: datetime, now: datetime) -> Said:
    """ "final answer due in 12 days", "past deadline by 2 days": in words, never only in colour."""
    left = deadline - now
    days = int(abs(left) / timedelta(days=1))
    span = counted(days, "day") if days else format_timedelta(abs(left), locale="en")
    if left > timedelta(0):
        return Said(f"final answer due in {span}", late=False)
    return Said(f"past deadline by {span}", late=True)
