"""Each step's due time: set from the clock when the letter enters it, stored with it, said
in words, and configurable by an administrator without moving the letters already on it."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from tests.assignments.conftest import events
from tests.conftest import World
from workflow.errors import InvalidInput, Refused
from workflow.settings.config import Config
from workflow.settings.due import change_due_rules, effective_due_rules
from workflow.timing.due import DueRules, due_words


def _admin(world: World) -> int:
    return world.people["dan"].id


def test_each_step_gets_its_due_time_when_the_letter_enters_it(world: World) -> None:
    """Defaults: peer review 1 working day, legal 3, sending 1; Mon-Fri 09:00-17:00 UTC."""
    letter = world.letter("5000.00")
    assert letter.due_at is None
    world.fire("finish_draft", letter, "ana")
    world.clock.set(datetime(2026, 1, 9, 15, 0, tzinfo=UTC))  # a Friday afternoon
    peer = world.fire("submit_for_review", letter, "ana")
    assert peer.due_at == datetime(2026, 1, 12, 15, 0, tzinfo=UTC)
    (submitted,) = events(world, "submit_for_review")
    assert json.loads(submitted.details)["due_at"] == "2026-01-12T15:00:00+00:00"
    world.clock.advance(timedelta(hours=1))
    legal = world.fire("approve_tone", letter, "ben")
    assert legal.due_at == datetime(2026, 1, 14, 16, 0, tzinfo=UTC)
    world.clock.set(datetime(2026, 1, 12, 8, 0, tzinfo=UTC))
    approved = world.fire("approve_legal", letter, "carla")
    assert approved.due_at == datetime(2026, 1, 12, 17, 0, tzinfo=UTC)
    sent = world.fire("send", letter, "ana", channel="registered_mail", sent_on=world.clock.now().date())
    assert sent.due_at is None


def test_going_back_to_draft_clears_the_due_time(world: World) -> None:
    letter = world.to_review(world.letter())
    assert letter.due_at is not None
    back = world.fire("request_changes", letter, "ben", comment="Warmer, please.")
    assert back.due_at is None


def test_changed_settings_apply_to_letters_entering_a_step_later(world: World) -> None:
    world.clock.set(datetime(2026, 1, 5, 8, 0, tzinfo=UTC))
    earlier = world.to_review(world.letter())
    change_due_rules(
        world.installation,
        _admin(world),
        {"due_peer_review": "4h", "working_hours": "Mon-Fri 08:00-16:00", "time_zone": "Europe/Berlin"},
    )
    later = world.to_review(world.letter())
    assert earlier.due_at == datetime(2026, 1, 6, 17, 0, tzinfo=UTC)
    assert later.due_at == datetime(2026, 1, 7, 12, 0, tzinfo=UTC)  # 09:00 in Berlin + 4 working hours
    with world.installation.db.read() as session:
        letter = session.get(type(earlier), earlier.id)
        assert letter.due_at == datetime(2026, 1, 6, 17, 0, tzinfo=UTC)


def test_a_settings_change_is_audited_with_what_it_was(world: World) -> None:
    change_due_rules(world.installation, _admin(world), {"due_legal_review": "2 days", "escalation_contact": "carla"})
    (event,) = [e for e in events(world, "change_setting")]
    assert json.loads(event.details) == {
        "due_legal_review": {"from": "3d", "to": "2d"},
        "escalation_contact": {"from": "", "to": "carla"},
    }
    change_due_rules(world.installation, _admin(world), {"due_legal_review": "2d"})
    assert len(events(world, "change_setting")) == 1


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"due_peer_review": "soon"}, "should be a number of working hours or days"),
        ({"due_sending": "0h"}, "must be at least 1 working hour"),
        ({"due_legal_review": "400d"}, "cannot be more than 365 working days"),
        ({"time_zone": "Europe/Springfield"}, "is not a time zone name"),
        ({"working_hours": "9 to 5"}, "should look like"),
        ({"escalation_contact": "nobody"}, "no active account with the username “nobody”"),
    ],
)
def test_bad_settings_are_refused_in_a_sentence(world: World, changes: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        change_due_rules(world.installation, _admin(world), changes)
    with world.installation.db.read() as session:
        assert effective_due_rules(session, world.installation.config.due) == world.installation.config.due


def test_only_an_administrator_changes_them(world: World) -> None:
    with pytest.raises(Refused, match="Only an administrator can change the due-date settings"):
        change_due_rules(world.installation, world.people["ben"].id, {"due_peer_review": "2h"})
    assert len(events(world, "change_setting", "refused")) == 1


def test_the_environment_gives_the_defaults() -> None:
    config = Config.from_mapping(
        {"DUE_PEER_REVIEW": "6h", "TIME_ZONE": "America/New_York", "WORKING_HOURS": "Mon-Thu 08:00-18:00"},
        default_database_url="sqlite://",
    )
    assert config.due.stored() == {
        **DueRules().stored(),
        "due_peer_review": "6h",
        "time_zone": "America/New_York",
        "working_hours": "Mon-Thu 08:00-18:00",
    }
    assert replace(config.due, reminder_lead=DueRules().reminder_lead) == config.due


@pytest.mark.parametrize(
    "left, words",
    [
        (timedelta(hours=3), "due in 3 hours"),
        (timedelta(minutes=20), "due in 20 minutes"),
        (timedelta(seconds=20), "due now"),
        (timedelta(hours=-26), "overdue by 1 day"),
        (timedelta(days=-3), "overdue by 3 days"),
    ],
)
def test_due_times_are_said_in_words(left: timedelta, words: str) -> None:
    now = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    said = due_words(now + left, now)
    assert said == words
    assert said.late is words.startswith("overdue")


def test_the_reminder_goes_when_the_lead_of_working_time_is_left() -> None:
    friday_3pm = datetime(2026, 1, 9, 15, 0, tzinfo=UTC)
    rules = DueRules()
    assert rules.due_at("legal_review", friday_3pm) == datetime(2026, 1, 14, 15, 0, tzinfo=UTC)
    assert rules.remind_at("legal_review", friday_3pm) == datetime(2026, 1, 14, 13, 0, tzinfo=UTC)
    monday_4pm = datetime(2026, 1, 12, 16, 0, tzinfo=UTC)
    assert rules.with_values({"reminder_lead": "2h"}).remind_at("approved", monday_4pm) == datetime(
        2026, 1, 13, 14, 0, tzinfo=UTC
    )
    assert rules.with_values({"reminder_lead": "0h"}).remind_at("peer_review", friday_3pm) is None
    assert rules.with_values({"reminder_lead": "1d"}).remind_at("peer_review", friday_3pm) is None
    assert rules.remind_at("draft", friday_3pm) is None
