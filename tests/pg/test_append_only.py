"""The database itself refuses to change history: UPDATE and DELETE on audit events and
letter versions fail inside PostgreSQL, whoever connects and however they write."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.conftest import World
from tests.pg import requires_postgresql
from workflow.audit import chain

pytestmark = requires_postgresql

CHANGES = [
    "UPDATE audit_events SET comment = 'rewritten' WHERE seq = 1",
    "DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)",
    "UPDATE letter_versions SET body = 'another text'",
    "DELETE FROM letter_versions",
]


@pytest.mark.parametrize("statement", CHANGES)
def test_the_trigger_refuses_changing_history(world: World, statement: str) -> None:
    letter = world.fire("finish_draft", world.letter(), "ana")
    with world.installation.db.engine.connect() as connection:
        before = connection.execute(text("SELECT count(*), max(hash) FROM audit_events")).one()
        with pytest.raises(DBAPIError, match="is append-only"):
            connection.execute(text(statement))
        connection.rollback()
        assert connection.execute(text("SELECT count(*), max(hash) FROM audit_events")).one() == before
        assert (
            connection.execute(
                text("SELECT count(*) FROM letter_versions WHERE letter_id = :id"), {"id": letter.id}
            ).scalar()
            == 1
        )
    with world.installation.db.read() as session:
        assert chain.verify(session).intact


def test_appending_is_still_allowed(world: World) -> None:
    letter = world.letter()
    world.fire("edit", letter, "ana", body="A second version.")
    with world.installation.db.read() as session:
        report = chain.verify(session)
    assert report.intact and report.events == len(world.people) + 2
