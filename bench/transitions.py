"""Transitions per second through the service layer on a SQLite file, beside the floor:
raw sqlite3 doing one UPDATE and one INSERT per transaction with the same pragmas.

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
from pathlib import Path

from argon2 import PasswordHasher, profiles

from workflow import schema, users
from workflow.clock import SystemClock
from workflow.config import Config
from workflow.db import BUSY_TIMEOUT_MS, Database
from workflow.decision import Decision, Reason
from workflow.money import Money
from workflow.runtime import Workflow
from workflow.services import create_letter, fire

PRAGMAS = ("journal_mode=WAL", "synchronous=FULL", f"busy_timeout={BUSY_TIMEOUT_MS}", "foreign_keys=ON")


def ours(folder: Path, seconds: float) -> float:
    """finish_draft and revise in turn: each is a full trigger with its audit event."""
    users._hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)
    url = f"sqlite:///{folder / 'ours.sqlite'}"
    db = Database(url)
    schema.upgrade(db)
    wf = Workflow(db, Config(database_url=url), SystemClock())
    author = users.create_user(wf, "ana", "benchmark-password", ["author"])
    decision = Decision("Mary Smith", Money.parse("100.00", "USD"), "en", "Late.", (Reason.DELIVERED_ON_TIME,))
    letter = create_letter(wf, decision, author.id, "Dear Mary, thank you for your order.")
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        fire(wf, "finish_draft" if count % 2 == 0 else "revise", letter.id, author.id)
        count += 1
    elapsed = time.perf_counter() - start
    db.dispose()
    return count / elapsed


def floor(folder: Path, seconds: float) -> float:
    connection = sqlite3.connect(folder / "floor.sqlite", isolation_level=None)
    for pragma in PRAGMAS:
        connection.execute(f"PRAGMA {pragma}")
    connection.execute("CREATE TABLE letters (id INTEGER PRIMARY KEY, state TEXT, revision INTEGER)")
    connection.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, letter_id INTEGER, to_state TEXT, hash TEXT)")
    connection.execute("INSERT INTO letters VALUES (1, 'draft', 1)")
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        state = "waiting" if count % 2 == 0 else "draft"
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE letters SET state = ?, revision = revision + 1 WHERE id = 1", (state,))
        connection.execute("INSERT INTO events (letter_id, to_state, hash) VALUES (1, ?, ?)", (state, "0" * 64))
        connection.execute("COMMIT")
        count += 1
    elapsed = time.perf_counter() - start
    connection.close()
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each timed run")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; the median is reported")
    args = parser.parse_args()
    results: dict[str, list[float]] = {"ours": [], "floor": []}
    for round_ in range(args.rounds):
        with tempfile.TemporaryDirectory(prefix="tactful-bench-") as folder:
            results["floor"].append(floor(Path(folder), args.seconds))
            results["ours"].append(ours(Path(folder), args.seconds))
        print(f"round {round_ + 1}: ours {results['ours'][-1]:.0f}/s, floor {results['floor'][-1]:.0f}/s")
    ours_median, floor_median = statistics.median(results["ours"]), statistics.median(results["floor"])
    print(json.dumps({
        "bench": "transitions", "ours": round(ours_median, 1), "floor": round(floor_median, 1),
        "ratio": round(ours_median / floor_median, 3), "unit": "transitions/s",
        "rounds": args.rounds, "seconds_per_run": args.seconds,
    }))


if __name__ == "__main__":
    main()
