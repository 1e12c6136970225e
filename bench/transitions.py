"""Transitions per second through the service layer on a SQLite file, beside the floor:
raw sqlite3 doing one UPDATE and one INSERT per transaction with the same pragmas.

The floor writes the rows a trigger writes (the letter's state, revision and times; one
full audit event) into tactful's own tables, made by the same migrations, so the two runs
pay for the same pages, indexes and fsyncs and the ratio is the cost of the service layer.
`floor_bare` repeats the floor on two bare tables with no indexes, for reference.
`outbox_with` and `outbox_without` are `ours` with and without the outbox's INSERT in
`fire`, alternating in blocks of 25 triggers on one database (the load of a shared machine
moves the separate runs by more than the INSERT costs): `outbox_ratio` (with / without) is
the price of writing each trigger's outbox event in its transaction (issue 15: ≥ 0.9).

    .venv/bin/python bench/transitions.py [--seconds 10]
"""

from __future__ import annotations

import sys

# This file's name shadows the `transitions` library when run as a script: drop its folder.
sys.path[:] = [p for p in sys.path if p != sys.path[0] or not p.endswith("bench")]

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from argon2 import PasswordHasher, profiles
from sqlmodel import Session

from workflow.audit import chain
from workflow.clock import SystemClock
from workflow.installation import Installation
from workflow.letters import services
from workflow.letters.decision import Decision, Reason
from workflow.letters.services import create_letter, fire
from workflow.money import Money
from workflow.people import accounts, passwords
from workflow.settings.config import Config
from workflow.storage import schema
from workflow.storage.db import BUSY_TIMEOUT_MS, Database

PRAGMAS = ("journal_mode=WAL", "synchronous=FULL", f"busy_timeout={BUSY_TIMEOUT_MS}", "foreign_keys=ON")


AUDIT_COLUMNS = (
    "seq",
    "at",
    "to_state",
    "actor",
    "actor_roles",
    "action",
    "outcome",
    "letter_id",
    "letter_ref",
    "from_state",
    "version",
    "content_sha256",
    "comment",
    "address",
    "request_id",
    "details",
    "prev_hash",
    "hash",
)


def _one_letter(installation: Installation) -> tuple[int, int]:
    """An author and a draft, made through the service layer: (letter id, author id)."""
    passwords._hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)
    author = accounts.create_user(installation, accounts.new_user("ana", "benchmark-password", ["author"]))
    decision = Decision("Mary Smith", Money.parse("100.00", "USD"), "en", "Late.", (Reason.DELIVERED_ON_TIME,))
    return create_letter(installation, decision, author.id, "Dear Mary, thank you for your order.").id, author.id


def ours(folder: Path, seconds: float) -> float:
    """finish_draft and revise in turn: each is a full trigger with its audit event."""
    url = f"sqlite:///{folder / 'ours.sqlite'}"
    db = Database(url)
    schema.upgrade(db)
    installation = Installation(db, Config(database_url=url), SystemClock())
    letter_id, author_id = _one_letter(installation)
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        fire(installation, "finish_draft" if count % 2 == 0 else "revise", letter_id, author_id)
        count += 1
    elapsed = time.perf_counter() - start
    db.dispose()
    return count / elapsed


BLOCK = 25
"""Triggers in a row with, then without, the outbox event in `outbox_paired`."""


def outbox_paired(folder: Path, seconds: float) -> tuple[float, float]:
    """Transitions per second with and without the outbox event in the trigger's transaction,
    alternating in blocks on one database, so the machine's load falls on both alike."""
    url = f"sqlite:///{folder / 'paired.sqlite'}"
    db = Database(url)
    schema.upgrade(db)
    installation = Installation(db, Config(database_url=url), SystemClock())
    letter_id, author_id = _one_letter(installation)
    real = services.record_event
    counts, times = [0, 0], [0.0, 0.0]
    start, block = time.perf_counter(), 0
    try:
        while time.perf_counter() - start < seconds:
            without = block % 2
            services.record_event = real if not without else (lambda *args, **kwargs: None)
            began = time.perf_counter()
            for _ in range(BLOCK):
                fire(installation, "finish_draft" if sum(counts) % 2 == 0 else "revise", letter_id, author_id)
                counts[without] += 1
            times[without] += time.perf_counter() - began
            block += 1
    finally:
        services.record_event = real
        db.dispose()
    return counts[0] / times[0], counts[1] / times[1]


Write = Callable[[tuple, tuple], None]


def _raw(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in PRAGMAS:
        connection.execute(f"PRAGMA {pragma}")
    return connection


def _raw_writer(connection: sqlite3.Connection, update: str, insert: str) -> Write:
    def write(update_values: tuple, insert_values: tuple) -> None:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(update, update_values)
        connection.execute(insert, insert_values)
        connection.execute("COMMIT")

    return write


def _session_writer(db: Database, update: str, insert: str) -> Write:
    """The same two statements as driver SQL inside tactful's own write transaction."""

    def write(update_values: tuple, insert_values: tuple) -> None:
        def work(session: Session) -> None:
            connection = session.connection()
            connection.exec_driver_sql(update, update_values)
            connection.exec_driver_sql(insert, insert_values)

        db.write(work)

    return write


def _timed(write: Write, first_seq: int, seconds: float, event: tuple) -> float:
    """One UPDATE and one INSERT per transaction, the states alternating as ours do; each
    event gets its own hash, as the unique index on tactful's table demands."""
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        to_state, now = ("waiting", "draft")[count % 2], datetime.now(UTC).replace(tzinfo=None).isoformat(" ")
        seq = first_seq + count
        write((to_state, now, now if to_state == "waiting" else None), (seq, now, to_state, *event, f"{seq:064x}"))
        count += 1
    return count / (time.perf_counter() - start)


def _tactful_floor(folder: Path, seconds: float, name: str, writer: Callable[[Database, str, str], Write]) -> float:
    """The UPDATE and INSERT a trigger makes, on tactful's tables, around a letter made by
    the same set-up as `ours`."""
    url = f"sqlite:///{folder / name}"
    db = Database(url)
    schema.upgrade(db)
    letter_id, _ = _one_letter(Installation(db, Config(database_url=url), SystemClock()))
    with db.read() as session:
        first_seq = chain.head(session).seq + 1
    update = (
        f"UPDATE letters SET state = ?, revision = revision + 1, updated_at = ?, ready_at = ? WHERE id = {letter_id}"
    )
    insert = f"INSERT INTO audit_events ({', '.join(AUDIT_COLUMNS)}) VALUES ({', '.join('?' * len(AUDIT_COLUMNS))})"
    event = (
        "ana",
        "author",
        "finish_draft",
        "ok",
        letter_id,
        "TL-2026-00001",
        "draft",
        1,
        "a" * 64,
        "",
        "",
        "",
        "{}",
        "b" * 64,
    )
    try:
        return _timed(writer(db, update, insert), first_seq, seconds, event)
    finally:
        db.dispose()


def floor(folder: Path, seconds: float) -> float:
    """Raw sqlite3: the floor the issue names."""
    return _tactful_floor(
        folder,
        seconds,
        "floor.sqlite",
        lambda db, update, insert: _raw_writer(_raw(Path(db.engine.url.database)), update, insert),
    )


def floor_session(folder: Path, seconds: float) -> float:
    """The same statements through SQLAlchemy in tactful's write transaction: what is left
    between this and `ours` is the service layer itself (reads, rules, hash)."""
    return _tactful_floor(folder, seconds, "session.sqlite", _session_writer)


def floor_bare(folder: Path, seconds: float) -> float:
    """Two bare tables without indexes: what the disk and sqlite3 alone allow."""
    connection = _raw(folder / "bare.sqlite")
    connection.execute(
        "CREATE TABLE letters (id INTEGER PRIMARY KEY, state TEXT, revision INTEGER, updated_at TEXT, ready_at TEXT)"
    )
    connection.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, at TEXT, to_state TEXT, hash TEXT)")
    connection.execute("INSERT INTO letters VALUES (1, 'draft', 1, NULL, NULL)")
    write = _raw_writer(
        connection,
        "UPDATE letters SET state = ?, revision = revision + 1, updated_at = ?, ready_at = ? WHERE id = 1",
        "INSERT INTO events (seq, at, to_state, hash) VALUES (?, ?, ?, ?)",
    )
    try:
        return _timed(write, 1, seconds, ())
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each timed run")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; the median is reported")
    args = parser.parse_args()
    runs = {"floor": floor, "ours": ours, "floor_session": floor_session, "floor_bare": floor_bare}
    results: dict[str, list[float]] = {name: [] for name in [*runs, "outbox_with", "outbox_without"]}
    for round_ in range(args.rounds):
        with tempfile.TemporaryDirectory(prefix="tactful-bench-") as folder:
            for name, run in runs.items():
                results[name].append(run(Path(folder), args.seconds))
            paired = outbox_paired(Path(folder), 2 * args.seconds)
            results["outbox_with"].append(paired[0])
            results["outbox_without"].append(paired[1])
        print(f"round {round_ + 1}: " + ", ".join(f"{name} {values[-1]:.0f}/s" for name, values in results.items()))
    median = {name: statistics.median(values) for name, values in results.items()}
    paired_ratios = [w / wo for w, wo in zip(results["outbox_with"], results["outbox_without"], strict=True)]
    print(
        json.dumps(
            {
                "bench": "transitions",
                "ours": round(median["ours"], 1),
                "floor": round(median["floor"], 1),
                "ratio": round(median["ours"] / median["floor"], 3),
                "unit": "transitions/s",
                "outbox_with": round(median["outbox_with"], 1),
                "outbox_without": round(median["outbox_without"], 1),
                "outbox_ratio": round(statistics.median(paired_ratios), 3),
                "floor_session": round(median["floor_session"], 1),
                "ratio_session_to_floor": round(median["floor_session"] / median["floor"], 3),
                "floor_bare": round(median["floor_bare"], 1),
                "ratio_bare": round(median["ours"] / median["floor_bare"], 3),
                "rounds": args.rounds,
                "seconds_per_run": args.seconds,
            }
        )
    )


if __name__ == "__main__":
    main()
