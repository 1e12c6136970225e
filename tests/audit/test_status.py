"""The audit chain as an administrator's home shows it: the whole-chain check is recorded with
its result, signs the head it verified when the key is there, and tampering shows."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import World, tamper
from workflow.audit import signing, status
from workflow.audit.models import AuditEvent
from workflow.errors import Refused
from workflow.installation import Installation


def keyed(world: World, key_path: Path) -> Installation:
    return replace(world.installation, config=replace(world.installation.config, audit_key_path=key_path))


def shown(installation: Installation) -> status.ChainStatus:
    with installation.db.read() as session:
        return status.chain_status(session, installation.config.audit_key_path)


def test_a_check_is_recorded_and_signs_the_head_it_verified(world: World, tmp_path: Path) -> None:
    installation = keyed(world, tmp_path / "audit-key.pem")
    world.to_review(world.letter())
    before = shown(installation)
    assert before.last_check is None and before.checkpoint is None and not before.key_ready
    signing.generate_key(tmp_path / "audit-key.pem")
    report = status.check_whole_chain(installation, world.people["dan"].id)
    world.letter()
    after = shown(installation)
    assert report.intact and after.key_ready
    assert after.last_check is not None and after.last_check.intact and after.last_check.actor == "dan"
    assert after.checkpoint is not None and after.checkpoint.seq == report.head_seq and not after.checkpoint_problem
    assert after.events_since_check == after.events - report.head_seq > 1, "the check's own event and the new letter"


def test_a_broken_chain_is_recorded_as_broken_and_no_checkpoint_is_signed(world: World, tmp_path: Path) -> None:
    installation = keyed(world, tmp_path / "audit-key.pem")
    signing.generate_key(tmp_path / "audit-key.pem")
    world.letter()
    tamper(world.installation.db, "UPDATE audit_events SET actor = 'mallory' WHERE seq = 3")
    report = status.check_whole_chain(installation, world.people["dan"].id)
    check = shown(installation).last_check
    assert not report.intact and check is not None and not check.intact
    assert "chain broken at seq 3" in check.problem
    assert shown(installation).checkpoint is None


def test_only_an_administrator_checks_and_the_refusal_is_recorded(world: World) -> None:
    with pytest.raises(Refused, match="Only an administrator"):
        status.check_whole_chain(world.installation, world.people["ana"].id)
    with world.installation.db.read() as session:
        refused = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).one()
    assert (refused.action, refused.outcome, refused.actor) == ("verify_chain", "refused", "ana")
    assert json.loads(refused.details) == {}
