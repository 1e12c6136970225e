"""Appends from many processes and threads at once still make one chain: `seq` without gaps,
every event linked to the one before. PostgreSQL runs these transactions truly in parallel,
so it is the transaction-scoped advisory lock in `chain.append` that serializes them."""

from __future__ import annotations

import multiprocessing as mp
import threading

from sqlalchemy import text
from sqlmodel import Session

from tests.conftest import World
from tests.pg import requires_postgresql
from workflow.audit import actors, chain
from workflow.audit.actions import Action
from workflow.audit.actors import Actor
from workflow.clock import SystemClock
from workflow.storage.db import Database

pytestmark = requires_postgresql

PROCESSES, THREADS, APPENDS = 4, 4, 12
CONTEXT = mp.get_context("spawn")


def _append_many(url: str, process: int, start, results) -> None:
    """One "server process": several threads, each appending in its own transactions."""
    db = Database(url)
    clock = SystemClock()
    failures: list[str] = []

    def thread(number: int) -> None:
        actor = Actor(f"p{process}t{number}")
        for n in range(APPENDS):
            try:
                db.write(
                    lambda session, n=n: chain.append(
                        session, actor=actor, action=Action.SIGN_IN, at=clock.now(), details={"n": n}
                    )
                )
            except Exception as error:  # reported to the test, which fails on any
                failures.append(f"{type(error).__name__}: {error}")

    threads = [threading.Thread(target=thread, args=(t,)) for t in range(THREADS)]
    start.wait()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    db.dispose()
    results.put(failures)


def test_parallel_appends_make_one_gap_free_chain(world: World) -> None:
    with world.installation.db.read() as session:
        before = chain.verify(session).events
    start, results = CONTEXT.Event(), CONTEXT.Queue()
    processes = [
        CONTEXT.Process(target=_append_many, args=(world.installation.db.url, p, start, results))
        for p in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    start.set()
    failures = [failure for _ in processes for failure in results.get(timeout=180)]
    for process in processes:
        process.join(timeout=60)
    assert failures == []
    with world.installation.db.read() as session:
        report = chain.verify(session)
        seqs = session.execute(text("SELECT seq FROM audit_events ORDER BY seq")).scalars().all()
        predecessors = session.execute(text("SELECT count(DISTINCT prev_hash) FROM audit_events")).scalar()
    total = before + PROCESSES * THREADS * APPENDS
    assert report.intact, str(report)
    assert report.events == total and seqs == list(range(1, total + 1))
    assert predecessors == total, "two events share a predecessor: the chain forked"


def test_an_append_holds_the_chain_lock_until_its_transaction_ends(world: World) -> None:
    def held_advisory_locks(session: Session) -> int:
        return session.execute(
            text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()")
        ).scalar()

    def append_then_look(session: Session) -> tuple[int, int]:
        before = held_advisory_locks(session)
        chain.append(session, actor=actors.SYSTEM, action=Action.SIGN_IN, at=world.clock.now())
        return before, held_advisory_locks(session)

    assert world.installation.db.write(append_then_look) == (0, 1)
    with world.installation.db.read() as session:
        assert held_advisory_locks(session) == 0, "the lock ends with the transaction that took it"
