"""Working time arithmetic across evenings, weekends, holidays and daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workflow.errors import InvalidInput
from workflow.timing.business_time import (
    WorkingHours,
    add_business_days,
    add_business_hours,
    parse_working_hours,
    parse_zone,
)

OFFICE = WorkingHours()
BERLIN = WorkingHours(zone=ZoneInfo("Europe/Berlin"))


def utc(day: int, hour: int, minute: int = 0, month: int = 1) -> datetime:
    """A moment in January 2026 (the 5th is a Monday) unless another month is given."""
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def hours(start: datetime, amount: float, working: WorkingHours = OFFICE) -> datetime:
    return add_business_hours(start, timedelta(hours=amount), working)


@pytest.mark.parametrize(
    "start, amount, due",
    [
        (utc(5, 10), 3, utc(5, 13)),
        (utc(5, 15), 3, utc(6, 10)),
        (utc(5, 9), 8, utc(5, 17)),
        (utc(5, 16, 30), 0.5, utc(5, 17)),
        (utc(9, 16), 2, utc(12, 10)),
        (utc(10, 12), 1, utc(12, 10)),
        (utc(5, 7), 1, utc(5, 10)),
        (utc(5, 18), 1, utc(6, 10)),
        (utc(5, 10), 40, utc(12, 10)),
    ],
    ids=[
        "same day",
        "over the evening",
        "a whole day ends at closing",
        "ends exactly at closing",
        "over the weekend",
        "from a Saturday",
        "before opening",
        "after closing",
        "a working week",
    ],
)
def test_working_hours(start: datetime, amount: float, due: datetime) -> None:
    assert hours(start, amount) == due


@pytest.mark.parametrize(
    "start, days, due",
    [
        (utc(5, 14), 1, utc(6, 14)),
        (utc(9, 14), 1, utc(12, 14)),
        (utc(10, 10), 1, utc(12, 17)),
        (utc(5, 9), 1, utc(5, 17)),
        (utc(5, 17), 1, utc(6, 17)),
        (utc(5, 14), 5, utc(12, 14)),
        (utc(5, 8), 3, utc(7, 17)),
    ],
    ids=["next day", "Friday to Monday", "from a Saturday", "from opening", "from closing", "a week", "before opening"],
)
def test_working_days(start: datetime, days: int, due: datetime) -> None:
    assert add_business_days(start, days, OFFICE) == due


def test_spring_forward_over_the_weekend_keeps_the_local_hours() -> None:
    """Berlin moves from UTC+1 to UTC+2 on Sunday 29 March 2026: Monday opens at 07:00 UTC."""
    friday_4pm = utc(27, 15, month=3)
    assert hours(friday_4pm, 2, BERLIN) == utc(30, 8, month=3)
    assert add_business_days(utc(27, 13, month=3), 1, BERLIN) == utc(30, 12, month=3)


def test_fall_back_over_the_weekend_keeps_the_local_hours() -> None:
    """Berlin moves from UTC+2 to UTC+1 on Sunday 25 October 2026: Monday opens at 08:00 UTC."""
    friday_4pm = utc(23, 14, month=10)
    assert hours(friday_4pm, 2, BERLIN) == utc(26, 9, month=10)
    assert add_business_days(utc(23, 12, month=10), 1, BERLIN) == utc(26, 13, month=10)


def test_a_window_that_holds_the_change_is_as_long_as_it_really_is() -> None:
    """Sunday 00:00–06:00 in Berlin on 29 March 2026 lasts five hours: 02:00 never happens."""
    night = WorkingHours(weekdays=frozenset({6}), opens=time(0), closes=time(6), zone=ZoneInfo("Europe/Berlin"))
    opening = utc(28, 23, month=3)
    assert hours(opening, 5, night) == utc(29, 4, month=3)
    assert hours(opening, 6, night) == datetime(2026, 4, 4, 23, tzinfo=UTC)


def test_holidays_are_skipped() -> None:
    closed_tuesday = WorkingHours(holidays=frozenset({date(2026, 1, 6)}))
    assert hours(utc(5, 15), 3, closed_tuesday) == utc(7, 10)
    assert add_business_days(utc(5, 14), 1, closed_tuesday) == utc(7, 14)


@settings(max_examples=200, deadline=None)
@given(
    start=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)),
    amount=st.integers(min_value=1, max_value=200),
)
def test_a_due_time_falls_inside_working_hours_and_more_time_is_never_sooner(start: datetime, amount: int) -> None:
    due = hours(start, amount, BERLIN)
    local = due.astimezone(BERLIN.zone)
    assert local.weekday() < 5 and time(9) < local.time() <= time(17)
    assert hours(start, amount + 1, BERLIN) > due
    assert due - start >= timedelta(hours=amount)


@pytest.mark.parametrize(
    "text, weekdays, opens, closes",
    [
        ("Mon-Fri 09:00-17:00", {0, 1, 2, 3, 4}, time(9), time(17)),
        ("Sun-Thu 08:30-16:30", {6, 0, 1, 2, 3}, time(8, 30), time(16, 30)),
        ("mon, wed 10:00 - 12:00", {0, 2}, time(10), time(12)),
    ],
)
def test_working_hours_are_read_from_the_settings(text: str, weekdays: set[int], opens: time, closes: time) -> None:
    read = parse_working_hours(text, ZoneInfo("UTC"))
    assert (read.weekdays, read.opens, read.closes) == (weekdays, opens, closes)
    assert parse_working_hours(read.text, ZoneInfo("UTC")) == read


@pytest.mark.parametrize(
    "text, message",
    [
        ("weekdays", "should look like “Mon-Fri 09:00-17:00”"),
        ("Mon-Fri 17:00-09:00", "must close after it opens"),
        ("Mon-Fry 09:00-17:00", "“Fry” is not a day of the week"),
        ("Mon-Fri 09:00-25:00", "“25:00” is not a time of day"),
    ],
)
def test_unreadable_working_hours_are_refused_in_a_sentence(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_working_hours(text, ZoneInfo("UTC"))


def test_time_zones_by_name() -> None:
    assert parse_zone(" Europe/London ").key == "Europe/London"
    with pytest.raises(InvalidInput, match="“Mars/Olympus” is not a time zone name"):
        parse_zone("Mars/Olympus")
