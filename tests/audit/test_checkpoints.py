"""Signed checkpoints catch what the hash chain alone cannot: a chain cut short or rebuilt."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import World, tamper
from workflow.audit import actors, signing
from workflow.audit import chain as audit_chain
from workflow.audit.models import AuditCheckpoint
from workflow.errors import InvalidInput


def checkpoint(world: World, key: signing.SigningKey) -> AuditCheckpoint:
    return world.installation.db.write(lambda session: signing.sign_checkpoint(session, key, world.clock.now()))


def report(world: World, key: signing.SigningKey) -> signing.CheckpointReport:
    with world.installation.db.read() as session:
        return signing.check_checkpoints(session, key.verify_key)


def chain(world: World) -> audit_chain.ChainReport:
    with world.installation.db.read() as session:
        return audit_chain.verify(session)


def test_a_checkpoint_signs_the_head_and_holds_while_the_chain_grows(history: World, key: signing.SigningKey) -> None:
    signed = checkpoint(history, key)
    with history.installation.db.read() as session:
        assert (signed.seq, signed.head_hash) == (audit_chain.head(session).seq, audit_chain.head(session).hash)
    history.letter()
    result = report(history, key)
    assert result.ok and result.checkpoints == 1 and result.latest.seq == signed.seq


def test_no_checkpoint_yet_is_said_plainly(history: World, key: signing.SigningKey) -> None:
    result = report(history, key)
    assert result.ok and "no signed checkpoint yet" in str(result)


def test_an_empty_chain_has_nothing_to_sign(db, clock, key: signing.SigningKey) -> None:
    with pytest.raises(InvalidInput, match="audit trail is empty"):
        db.write(lambda session: signing.sign_checkpoint(session, key, clock.now()))


def test_a_truncated_chain_is_caught(history: World, key: signing.SigningKey) -> None:
    signed = checkpoint(history, key)
    tamper(history.installation.db, f"DELETE FROM audit_events WHERE seq > {signed.seq - 3}")
    assert chain(history).intact, "cutting off the newest events leaves a valid (shorter) chain"
    result = report(history, key)
    assert not result.ok
    assert f"checkpoint of seq {signed.seq}" in str(result) and "events were cut off the end" in str(result)


def test_a_rebuilt_chain_is_caught(history: World, key: signing.SigningKey) -> None:
    signed = checkpoint(history, key)
    tamper(history.installation.db, "DELETE FROM audit_events")
    for _ in range(signed.seq):
        history.installation.db.write(
            lambda session: audit_chain.append(
                session, actor=actors.Actor("mallory"), action="create", at=history.clock.now()
            )
        )
    assert chain(history).intact, "a rebuilt chain links up perfectly"
    assert "the chain has a different event there (the chain was rebuilt)" in str(report(history, key))


def test_a_checkpoint_forged_to_match_a_rebuilt_chain_is_caught(history: World, key: signing.SigningKey) -> None:
    checkpoint(history, key)
    tamper(history.installation.db, "DELETE FROM audit_events WHERE seq > 5")
    with history.installation.db.read() as session:
        new_head = audit_chain.head(session)
    tamper(
        history.installation.db,
        f"UPDATE audit_checkpoints SET seq = {new_head.seq}, head_hash = '{new_head.hash}'",
        table="audit_checkpoints",
    )
    assert "its signature does not verify (the checkpoint was altered or forged)" in str(report(history, key))


def test_a_checkpoint_signed_with_another_key_is_reported(
    history: World, key: signing.SigningKey, tmp_path: Path
) -> None:
    other = signing.generate_key(tmp_path / "other.key")
    checkpoint(history, other)
    assert f"was signed by key {other.key_id}, not by the configured key {key.key_id}" in str(report(history, key))


def test_every_checkpoint_is_checked_not_only_the_latest(history: World, key: signing.SigningKey) -> None:
    first = checkpoint(history, key)
    history.clock.advance(timedelta(hours=1))
    history.letter()
    checkpoint(history, key)
    tamper(
        history.installation.db,
        f"UPDATE audit_checkpoints SET signature = 'AAAA' WHERE id = {first.id}",
        table="audit_checkpoints",
    )
    assert f"checkpoint of seq {first.seq}" in str(report(history, key))
