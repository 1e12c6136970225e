"""PostgreSQL may end any connection (an operator's pg_terminate_backend, a restart, a
failover). A killed idle connection must not fail the next request: the pool pings it and
opens a new one. A transaction killed half-way fails cleanly, changes nothing, and the next
one succeeds."""

from __future__ import annotations

import threading
from collections.abc import Callable

from flask import Flask
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from tests.conftest import World
from tests.pg import requires_postgresql, terminate_other_backends
from tests.web.conftest import Person, revision_of, state_of
from workflow.audit import chain
from workflow.letters.loading import lock_letter
from workflow.letters.models import Letter

pytestmark = requires_postgresql


def test_a_killed_idle_connection_is_replaced_before_the_next_trigger(world: World) -> None:
    letter = world.letter()
    with world.installation.db.read() as session:
        session.get(Letter, letter.id)
    assert terminate_other_backends(world.installation.db.url) >= 1
    letter = world.fire("finish_draft", letter, "ana")
    assert letter.state == "waiting"
    with world.installation.db.read() as session:
        assert chain.verify(session).intact


def test_the_next_page_after_the_server_killed_every_connection_works(
    world: World, sign_in: Callable[[str], Person], app: Flask
) -> None:
    letter = world.letter()
    ana = sign_in("ana")
    assert ana.get(f"/letters/{letter.id}").status_code == 200
    assert terminate_other_backends(world.installation.db.url) >= 1
    assert ana.get(f"/letters/{letter.id}").status_code == 200, "still signed in, page served"
    assert ana.act(letter, "finish_draft").status_code == 302
    assert state_of(world, letter) == "waiting"


def test_a_transaction_killed_half_way_changes_nothing_and_the_next_one_succeeds(world: World) -> None:
    letter = world.letter()
    started, go_on = threading.Event(), threading.Event()
    pid: list[int] = []
    failure: list[BaseException] = []

    def interrupted(session: Session) -> None:
        row, _, _ = lock_letter(session, letter.id, letter.author_id)
        pid.append(session.execute(text("SELECT pg_backend_pid()")).scalar())
        row.revision += 100
        session.flush()
        started.set()
        go_on.wait(timeout=30)
        session.execute(text("SELECT 1"))

    def run() -> None:
        try:
            world.installation.db.write(interrupted)
        except BaseException as error:  # handed to the test thread
            failure.append(error)

    worker = threading.Thread(target=run)
    worker.start()
    assert started.wait(timeout=10)
    with world.installation.db.engine.connect() as connection:
        assert connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid[0]}).scalar()
    go_on.set()
    worker.join(timeout=30)

    assert len(failure) == 1 and isinstance(failure[0], DBAPIError)
    assert revision_of(world, letter) == letter.revision, "the killed transaction's change was rolled back"
    assert world.fire("finish_draft", letter, "ana").state == "waiting"
    with world.installation.db.read() as session:
        assert chain.verify(session).intact
