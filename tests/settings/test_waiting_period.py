"""The waiting period: written with its unit wherever it is set, never switched off without
saying so, and a change applies to the letters already waiting, from their draft's finish."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from tests.conftest import WAIT, World
from workflow.audit import chain
from workflow.audit.events import letter_events
from workflow.audit.models import AuditEvent
from workflow.errors import InvalidInput, Refused
from workflow.letters.loading import load_letter
from workflow.settings import changes
from workflow.settings.config import Config, format_duration, parse_duration
from workflow.settings.effective import effective_policy


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("86400", timedelta(hours=24)),
        (86400, timedelta(hours=24)),
        ("24h", timedelta(hours=24)),
        ("90m", timedelta(minutes=90)),
        ("1h30m", timedelta(minutes=90)),
        ("2 days", timedelta(days=2)),
        ("0", timedelta(0)),
    ],
)
def test_the_environment_takes_a_duration_or_plain_seconds(raw: object, expected: timedelta) -> None:
    config = Config.from_mapping({"WAITING_PERIOD": raw}, default_database_url="sqlite://")
    assert config.policy.waiting_period == expected
    assert parse_duration(format_duration(expected), "x") == expected


@pytest.mark.parametrize(
    ("raw", "sentence"),
    [
        ("soon", "must be a duration such as 24h, 90m or 1h30m, not “soon”"),
        ("-5m", "cannot be negative"),
        ("400d", "cannot be longer than 365 days"),
    ],
)
def test_a_duration_that_cannot_be_read_is_refused_with_a_sentence(raw: str, sentence: str) -> None:
    with pytest.raises(InvalidInput, match=sentence):
        Config.from_mapping({"WAITING_PERIOD": raw}, default_database_url="sqlite://")


def _last(world: World) -> AuditEvent | None:
    with world.installation.db.read() as session:
        return chain.head(session)


def _wait(world: World):
    with world.installation.db.read() as session:
        return effective_policy(session, world.installation.config.policy).waiting_period


def test_switching_the_waiting_period_off_needs_a_recorded_confirmation(world: World) -> None:
    dan = world.people["dan"].id
    with pytest.raises(Refused, match="switches off the cooling-off safeguard"):
        changes.change_policy(world.installation, dan, {"waiting_period": "0"})
    refused = _last(world)
    assert (refused.action, refused.outcome, refused.actor) == ("change_setting", "refused", "dan")
    assert _wait(world) == WAIT

    outcome = changes.change_policy(world.installation, dan, {"waiting_period": "0"}, switch_off_wait=True)
    assert outcome == changes.PolicyChange(timedelta(0), 0)
    assert _wait(world) == timedelta(0)
    details = json.loads(_last(world).details)
    assert details["waiting_period"] == {"from": 86400, "to": 0}
    assert details["waiting_period_switched_off"] == "confirmed by the administrator"


def test_a_new_waiting_period_applies_to_letters_already_waiting_from_their_finish(world: World) -> None:
    dan = world.people["dan"].id
    finished_at = world.clock.now()
    waiting = world.fire("finish_draft", world.letter(), "ana")
    draft = world.letter()
    world.clock.advance(timedelta(hours=1))

    shorter = changes.change_policy(world.installation, dan, {"waiting_period": "4h"})
    assert shorter == changes.PolicyChange(timedelta(hours=4), 1)
    with world.installation.db.read() as session:
        assert load_letter(session, waiting.id).ready_at == finished_at + timedelta(hours=4)
        assert load_letter(session, draft.id).ready_at is None
    details = json.loads(_last(world).details)
    assert details["waiting_letters"] == {"rule": changes.WAITING_LETTERS_RULE, "moved": [waiting.reference]}

    changes.change_policy(world.installation, dan, {"waiting_period": "48h"})
    with world.installation.db.read() as session:
        assert load_letter(session, waiting.id).ready_at == finished_at + timedelta(hours=48)
    changes.change_policy(world.installation, dan, {"waiting_period": "30m"})
    assert world.fire("submit_for_review", waiting, "ana").state == "peer_review"
    with world.installation.db.read() as session:
        assert [e.action for e in letter_events(session, waiting.id)] == ["create", "finish_draft", "submit_for_review"]
