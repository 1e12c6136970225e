"""The registry of audit actions: every name the chain holds has its words."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.conftest import World
from workflow.audit import actors, chain
from workflow.audit.actions import SENTENCES, Action
from workflow.audit.models import AuditEvent
from workflow.audit.report import describe
from workflow.letters.triggers import TRIGGERS


def test_every_trigger_and_every_other_action_is_registered_with_words() -> None:
    assert set(SENTENCES) == set(TRIGGERS) | {a.value for a in Action}
    assert all(s.done and s.tried for s in SENTENCES.values())
    assert "upload" not in SENTENCES


def test_the_chain_refuses_an_unregistered_action(world: World) -> None:
    with pytest.raises(ValueError, match="not a registered audit action"):
        world.installation.db.write(
            lambda session: chain.append(session, actor=actors.SYSTEM, action="teleport", at=world.clock.now())
        )


def test_hand_back_has_its_own_sentence() -> None:
    event = AuditEvent(
        seq=3,
        at=datetime(2026, 5, 12, 14, 2, tzinfo=UTC),
        actor="carla",
        action="hand_back",
        version=4,
        prev_hash="0" * 64,
        hash="1" * 64,
    )
    assert describe(event, {"carla": "Carla Demir"}) == (
        "Carla Demir returned an edited Word file as version 4 on 12 May 2026 at 14:02 UTC"
    )
