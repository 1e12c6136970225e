"""Several real processes on one database: racing the same trigger, editing the same letter,
and being killed in the middle of a trigger."""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import sqlite3
import time

import pytest
from sqlalchemy import func, select, text

from tests.conftest import TEST_POLICY, World
from workflow.audit import chain
from workflow.audit.models import AuditEvent
from workflow.clock import SystemClock
from workflow.errors import Refused, StaleVersion, WorkflowError
from workflow.installation import Installation
from workflow.letters.inputs import EditInput
from workflow.letters.models import Letter, LetterVersion
from workflow.letters.services import fire
from workflow.settings.config import Config
from workflow.storage.db import Database

CONTEXT = mp.get_context("spawn")


def _workflow(url: str) -> Installation:
    return Installation(Database(url), Config(database_url=url, policy=TEST_POLICY), SystemClock())


def _race(url: str, trigger: str, letter_id: int, actor_id: int, revision: int, start, results) -> None:
    installation = _workflow(url)
    start.wait()
    try:
        fire(installation, trigger, letter_id, actor_id, EditInput(f"Text from {os.getpid()}"), seen_revision=revision)
        results.put("won")
    except (Refused, StaleVersion):
        results.put("refused")
    except Exception as error:
        results.put(f"error: {type(error).__name__}: {error}")


def _edit_many(url: str, letter_id: int, actor_id: int, count: int, start, results) -> None:
    installation = _workflow(url)
    start.wait()
    outcomes = []
    for n in range(count):
        try:
            fire(installation, "edit", letter_id, actor_id, EditInput(f"Edit {n} by {os.getpid()}"))
            outcomes.append("ok")
        except Exception as error:
            outcomes.append(f"error: {type(error).__name__}: {error}")
    results.put(outcomes)


def _run_processes(target, args_for, count: int) -> list:
    start, results = CONTEXT.Event(), CONTEXT.Queue()
    processes = [CONTEXT.Process(target=target, args=(*args_for(i), start, results)) for i in range(count)]
    for process in processes:
        process.start()
    time.sleep(1.5)
    start.set()
    outcomes = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    return outcomes


def test_racing_the_same_trigger_exactly_one_wins(world: World) -> None:
    letter = world.letter()
    url, ana = world.installation.db.url, world.people["ana"].id
    outcomes = _run_processes(_race, lambda i: (url, "edit", letter.id, ana, letter.revision), 6)
    assert sorted(outcomes) == ["refused"] * 5 + ["won"]
    with world.installation.db.read() as session:
        assert session.get(Letter, letter.id).current_version == 2
        edits = session.scalar(select(func.count()).where(AuditEvent.action == "edit", AuditEvent.outcome == "ok"))
        assert edits == 1 and chain.verify(session).intact


def test_concurrent_edits_lose_no_update(world: World) -> None:
    letter = world.letter()
    url, ana, per_process = world.installation.db.url, world.people["ana"].id, 15
    outcomes = _run_processes(_edit_many, lambda i: (url, letter.id, ana, per_process), 4)
    flat = [o for batch in outcomes for o in batch]
    assert flat == ["ok"] * len(flat), [o for o in flat if o != "ok"][:3]
    with world.installation.db.read() as session:
        row = session.get(Letter, letter.id)
        versions = session.scalar(
            select(func.count()).select_from(LetterVersion).where(LetterVersion.letter_id == letter.id)
        )
        assert row.current_version == versions == 1 + 4 * per_process
        assert row.revision == 1 + 4 * per_process
        assert chain.verify(session).intact


def _trigger_forever(url: str, letter_id: int, actor_id: int, ready) -> None:
    installation = _workflow(url)
    ready.set()
    n = 0
    while True:
        for trigger in ("edit", "finish_draft", "revise"):
            n += 1
            inputs = EditInput(f"Text {n}") if trigger == "edit" else None
            with contextlib.suppress(WorkflowError):
                fire(installation, trigger, letter_id, actor_id, inputs)


def test_killed_in_the_middle_leaves_a_consistent_record(world: World) -> None:
    letter = world.letter()
    ready = CONTEXT.Event()
    child = CONTEXT.Process(
        target=_trigger_forever, args=(world.installation.db.url, letter.id, world.people["ana"].id, ready)
    )
    child.start()
    ready.wait(timeout=60)
    time.sleep(2.0)
    os.kill(child.pid, signal.SIGKILL)
    child.join(timeout=30)
    assert child.exitcode == -signal.SIGKILL

    db = Database(world.installation.db.url)
    with db.read() as session:
        if db.dialect == "sqlite":
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert chain.verify(session).intact
        row = session.get(Letter, letter.id)
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.letter_id == letter.id, AuditEvent.outcome == "ok")
            .order_by(AuditEvent.seq)
        ).all()
        assert len(events) > 3, "the child should have made progress before it was killed"
        assert events[-1].to_state == row.state
        assert row.revision == len(events)
        assert row.current_version == 1 + sum(e.action == "edit" for e in events)
    db.dispose()


def test_busy_database_is_retried_not_surfaced(world: World) -> None:
    """A writer holding the lock past busy_timeout is waited for, not reported as an error."""
    if world.installation.db.dialect != "sqlite":
        pytest.skip("SQLite's busy handling")
    letter = world.letter()
    blocker = sqlite3.connect(world.installation.db.engine.url.database, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    start, results = CONTEXT.Event(), CONTEXT.Queue()
    process = CONTEXT.Process(
        target=_race,
        args=(world.installation.db.url, "edit", letter.id, world.people["ana"].id, letter.revision, start, results),
    )
    process.start()
    start.set()
    time.sleep(7.0)
    blocker.execute("COMMIT")
    blocker.close()
    assert results.get(timeout=60) == "won"
    process.join(timeout=30)
