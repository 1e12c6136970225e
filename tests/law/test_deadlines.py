"""The complaint clock across weekends, public holidays and the change of daylight-saving time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from workflow.law.deadlines import calendar_of, deadline_words, deadlines
from workflow.law.shipped import SHIPPED
from workflow.timing.business_time import WorkingHours

LONDON = WorkingHours(zone=ZoneInfo("Europe/London"))
NEW_YORK = WorkingHours(zone=ZoneInfo("America/New_York"))


def due(profile: str, received: datetime, working: WorkingHours = LONDON, country: str = "", **kw: bool) -> datetime:
    found = deadlines(SHIPPED[profile], received, calendar_of(SHIPPED[profile], country, working), **kw)
    assert found.due_at is not None
    return found.due_at


def test_eight_weeks_is_fifty_six_days_to_the_end_of_the_day_on_the_london_clock() -> None:
    # Received Friday 20 March 2026 (GMT); the last day, 15 May, is in summer time: its end
    # is midnight BST, 23:00 UTC, so the DST change between moves the instant by one hour.
    assert due("uk_general", datetime(2026, 3, 20, 15, tzinfo=UTC)) == datetime(2026, 5, 15, 23, tzinfo=UTC)
    # A complaint at 00:30 BST on 1 April is received on 1 April, not on 31 March (UTC).
    assert due("uk_general", datetime(2026, 3, 31, 23, 30, tzinfo=UTC)) == datetime(2026, 5, 27, 23, tzinfo=UTC)


def test_fifteen_business_days_skip_weekends_and_england_s_christmas_substitute_days() -> None:
    # Thursday 10 December 2026: Christmas is a Friday, Boxing Day a Saturday whose
    # substitute day is Monday 28 December, and 1 January 2027 a Friday; the 15th business
    # day after the 10th is Tuesday 5 January 2027, ending at midnight GMT.
    found = deadlines(
        SHIPPED["uk_payment_services"],
        datetime(2026, 12, 10, 12, tzinfo=UTC),
        calendar_of(SHIPPED["uk_payment_services"], "", LONDON),
    )
    assert found.due_at == datetime(2027, 1, 6, tzinfo=UTC)
    # 35 business days with a holding reply: 2 February 2027.
    assert found.extended_at == datetime(2027, 2, 3, tzinfo=UTC)


def test_without_holidays_the_same_count_ends_three_working_days_earlier() -> None:
    plain = deadlines(SHIPPED["uk_payment_services"], datetime(2026, 12, 10, 12, tzinfo=UTC), LONDON)
    assert plain.due_at == datetime(2027, 1, 1, tzinfo=UTC)


def test_regulation_e_counts_us_federal_holidays_and_provisional_credit_gives_45_days() -> None:
    # Monday 23 November 2026: Thanksgiving (26th) is no business day; 10 business days
    # after the 23rd: 24, 25, 27, 30 Nov, 1, 2, 3, 4, 7, 8 December; end of the 8th, New York.
    received = datetime(2026, 11, 23, 15, tzinfo=UTC)
    assert due("us_reg_e", received, NEW_YORK) == datetime(2026, 12, 9, 5, tzinfo=UTC)
    assert due("us_reg_e", received, NEW_YORK, provisional_credit=True) == datetime(2027, 1, 8, 5, tzinfo=UTC)


def test_the_eu_profile_uses_the_company_s_country_and_sets_no_deadline() -> None:
    assert calendar_of(SHIPPED["eu_adr"], "ES", LONDON).works_on(datetime(2026, 1, 6).date()) is False
    assert deadlines(SHIPPED["eu_adr"], datetime(2026, 1, 5, tzinfo=UTC), LONDON).due_at is None
    assert deadlines(SHIPPED["none"], datetime(2026, 1, 5, tzinfo=UTC), LONDON).due_at is None


@pytest.mark.parametrize(
    ("now", "words"),
    [
        (datetime(2026, 5, 3, 23, tzinfo=UTC), "final answer due in 12 days"),
        (datetime(2026, 5, 17, 23, tzinfo=UTC), "past deadline by 2 days"),
        (datetime(2026, 5, 15, 20, tzinfo=UTC), "final answer due in 3 hours"),
    ],
)
def test_the_clock_in_words(now: datetime, words: str) -> None:
    said = deadline_words(datetime(2026, 5, 15, 23, tzinfo=UTC), now)
    assert said == words
    assert said.late is words.startswith("past")
