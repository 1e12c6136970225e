"""Two real connections on one letter: `fire` locks the letter row (SELECT … FOR UPDATE), so
a second transaction waits for the first instead of reading the row the first is changing.
Without the lock both would read the same revision, both would pass the stale check, and
one update would be lost."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import contextmanager

from sqlalchemy import text
from sqlmodel import Session

from tests.conftest import World
from tests.pg import requires_postgresql
from workflow.audit import chain
from workflow.errors import StaleVersion
from workflow.letters.loading import lock_letter
from workflow.letters.models import Letter

pytestmark = requires_postgresql


def _waiting_on_a_lock(world: World, timeout: float = 10.0) -> str:
    """The query of a backend blocked on a lock, once one is: '' if none blocks in time."""
    deadline = time.monotonic() + timeout
    with world.installation.db.engine.connect() as connection:
        while time.monotonic() < deadline:
            query = connection.execute(
                text(
                    "SELECT query FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                )
            ).scalar()
            connection.rollback()
            if query:
                return query
            time.sleep(0.05)
    return ""


@contextmanager
def row_locked_by_another(world: World, letter: Letter, change: Callable[[Letter], None] = lambda row: None):
    """Another person's transaction holds the letter's row lock for the body of the `with`,
    then applies `change` to the row and commits."""
    locked, release = threading.Event(), threading.Event()

    def work(session: Session) -> None:
        row, _, _ = lock_letter(session, letter.id, letter.author_id)
        locked.set()
        release.wait(timeout=30)
        change(row)

    holder = threading.Thread(target=world.installation.db.write, args=(work,))
    holder.start()
    assert locked.wait(timeout=10)
    try:
        yield
    finally:
        release.set()
        holder.join(timeout=30)


def _in_thread(action: Callable[[], object]) -> tuple[threading.Thread, list[object]]:
    """Run `action` on its own connection; its result or domain error lands in the list."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(action())
        except StaleVersion as stale:
            outcome.append(stale)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def test_a_second_transaction_waits_for_the_row_lock_and_then_sees_the_change(world: World) -> None:
    letter = world.letter()
    seen = letter.revision
    with row_locked_by_another(world, letter, change=lambda row: setattr(row, "revision", row.revision + 1)):
        racer, outcome = _in_thread(
            lambda: world.fire("edit", letter, "ana", seen_revision=seen, body="Typed over the first change.")
        )
        blocked_query = _waiting_on_a_lock(world)
        still_waiting = racer.is_alive()
    racer.join(timeout=30)

    assert "FOR UPDATE" in blocked_query.upper() and "letters" in blocked_query
    assert still_waiting, "the second transaction went ahead while the row was locked"
    assert len(outcome) == 1 and isinstance(outcome[0], StaleVersion)
    with world.installation.db.read() as session:
        stored = session.get(Letter, letter.id)
        assert (stored.revision, stored.current_version) == (seen + 1, 1), "the stale edit was not applied"
        assert chain.verify(session).intact


def test_without_a_seen_revision_the_waiting_edit_applies_after_the_first(world: World) -> None:
    letter = world.letter()
    with row_locked_by_another(world, letter):
        racer, outcome = _in_thread(lambda: world.fire("edit", letter, "ana", body="After the lock."))
        assert _waiting_on_a_lock(world)
    racer.join(timeout=30)
    assert len(outcome) == 1 and outcome[0].current_version == 2
