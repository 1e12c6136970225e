"""The audit chain refuses changes, and `audit verify` finds any made behind its back."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.conftest import World, tamper
from workflow.audit import chain
from workflow.storage.db import Database


def _verify(db: Database) -> chain.ChainReport:
    with db.read() as session:
        return chain.verify(session)


@pytest.fixture
def history(world: World) -> World:
    for amount in ("100.00", "2000.00"):
        world.sent(world.letter(amount))
    assert _verify(world.installation.db).intact
    return world


@pytest.mark.parametrize("statement", ["UPDATE audit_events SET actor = 'mallory'", "DELETE FROM audit_events"])
def test_database_refuses_update_and_delete(history: World, statement: str) -> None:
    with pytest.raises(DBAPIError, match="append-only"), history.installation.db.engine.begin() as connection:
        connection.execute(text(statement))
    assert _verify(history.installation.db).intact


def test_versions_are_immutable_too(history: World) -> None:
    with pytest.raises(DBAPIError, match="append-only"), history.installation.db.engine.begin() as connection:
        connection.execute(text("UPDATE letter_versions SET body = 'changed'"))


def test_edited_event_is_found(history: World) -> None:
    tamper(history.installation.db, "UPDATE audit_events SET comment = 'nothing to see' WHERE seq = 9")
    report = _verify(history.installation.db)
    assert (report.first_bad_seq, report.intact) == (9, False)
    assert "altered" in report.problem


def test_deleted_event_is_found(history: World) -> None:
    tamper(history.installation.db, "DELETE FROM audit_events WHERE seq = 12")
    report = _verify(history.installation.db)
    assert report.first_bad_seq == 12 and "missing" in report.problem


def test_reordered_events_are_found(history: World) -> None:
    tamper(
        history.installation.db,
        "UPDATE audit_events SET seq = -1 WHERE seq = 10",
        "UPDATE audit_events SET seq = 10 WHERE seq = 11",
        "UPDATE audit_events SET seq = 11 WHERE seq = -1",
    )
    assert _verify(history.installation.db).first_bad_seq == 10


def test_rehashed_forgery_still_breaks_the_next_link(history: World) -> None:
    """Recomputing the edited event's own hash is not enough: the next event points at the old one."""
    db = history.installation.db
    with db.read() as session:
        event = session.get(chain.AuditEvent, 9)
        record = chain.hashed_record(event) | {"comment": "forged"}
        forged = chain.chain_hash(event.prev_hash, record)
    tamper(db, f"UPDATE audit_events SET comment = 'forged', hash = '{forged}' WHERE seq = 9")
    report = _verify(db)
    assert report.first_bad_seq == 10 and "prev_hash" in report.problem


@pytest.mark.parametrize("statement", ["UPDATE audit_checkpoints SET seq = 1", "DELETE FROM audit_checkpoints"])
def test_checkpoints_are_append_only(history: World, statement: str) -> None:
    """Deleting the signed heads would let a cut-off chain pass unseen."""
    with history.installation.db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO audit_checkpoints (seq, head_hash, at, key_id, signature) "
                "VALUES (3, 'h', '2026-01-05 09:00:00', 'k', 's')"
            )
        )
    with pytest.raises(DBAPIError, match="append-only"), history.installation.db.engine.begin() as connection:
        connection.execute(text(statement))
