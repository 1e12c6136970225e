"""The Reports page at 100,000 letters (the data set of bench/pages.py, given complaints,
deadlines, sending times and a full audit history), through the real app in-process, beside
a floor in the same run: the bare SQL that reads the same letter columns and stage stays
with sqlite3, without computing anything. Target: the page under 1 s.

    .venv/bin/python bench/reports.py [--letters 100000] [--rounds 7]

The period is the page's default, the last half year (about half of the letters).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The repository, not bench/, comes first: bench/transitions.py would hide the library.
sys.path[0] = str(ROOT)

_spec = importlib.util.spec_from_file_location("bench_pages", ROOT / "bench" / "pages.py")
assert _spec is not None and _spec.loader is not None
pages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pages)
PASSWORD, build_database = pages.PASSWORD, pages.build_database

NOW = datetime(2024, 12, 31, 12, tzinfo=UTC)
PATH = {
    "draft": ["draft"],
    "waiting": ["draft", "waiting"],
    "peer_review": ["draft", "waiting", "peer_review"],
    "legal_review": ["draft", "waiting", "peer_review", "legal_review"],
    "approved": ["draft", "waiting", "peer_review", "approved"],
    "sent": ["draft", "waiting", "peer_review", "approved", "sent"],
    "archived": ["draft", "waiting", "peer_review", "approved", "sent", "archived"],
    "withdrawn": ["draft", "withdrawn"],
}
STAMP = "%Y-%m-%d %H:%M:%S.000000"


def complaints(path: Path) -> None:
    """Every bulk letter answers a uk_general complaint received up to 30 days before it;
    its audit history walks its path a few hours to days per step; sent ones say when."""
    rng = random.Random(11)
    connection = sqlite3.connect(path)
    rows = connection.execute("SELECT id, state, created_at FROM letters WHERE reference LIKE 'TL-B-%'").fetchall()
    seq = connection.execute("SELECT coalesce(max(seq), 0) FROM audit_events").fetchone()[0]
    updates, events = [], []
    for letter_id, state, created in rows:
        at = datetime.strptime(created, STAMP)
        received = at - timedelta(days=rng.randint(0, 30), hours=rng.randint(0, 23))
        previous = ""
        sent_at = None
        for step in PATH[state]:
            seq += 1
            events.append(
                (
                    seq,
                    at.strftime(STAMP),
                    "bench",
                    "create" if not previous else "move",
                    letter_id,
                    previous,
                    step,
                    f"p{seq - 1}",
                    f"h{seq}",
                )
            )
            if step == "sent":
                sent_at = at
            previous = step
            at += timedelta(hours=rng.randint(1, 96))
        concession = rng.random() < 0.2
        updates.append(
            (
                received.strftime(STAMP),
                (received + timedelta(days=57)).replace(hour=0, minute=0).strftime(STAMP),
                sent_at.strftime(STAMP) if sent_at else None,
                "future_discount" if concession else "none",
                rng.randint(100, 5000) if concession else None,
                letter_id,
            )
        )
    with connection:
        connection.executemany(
            "UPDATE letters SET profile_key = 'uk_general', complaint_received_at = ?, deadline_at = ?, sent_at = ?,"
            " concession = ?, concession_minor = ? WHERE id = ?",
            updates,
        )
        connection.executemany(
            "INSERT INTO audit_events (seq, at, actor, action, letter_id, from_state, to_state, prev_hash, hash,"
            " actor_roles, outcome, letter_ref, content_sha256, comment, address, request_id, details)"
            " VALUES (?,?,?,?,?,?,?,?,?,'','ok','','','','','','{}')",
            events,
        )
    connection.execute("ANALYZE")
    connection.close()


def floor(path: Path, start: str, end: str) -> float:
    """The same rows read by bare SQL: the letters in scope and their stage stays."""
    connection = sqlite3.connect(path)
    began = time.perf_counter()
    connection.execute(
        "SELECT reasons, concession, concession_minor, currency, created_at, complaint_received_at, sent_at,"
        " deadline_at, deadline_extended_at FROM letters WHERE kind != 'holding' AND created_at >= ? AND"
        " created_at < ? AND state != 'withdrawn' AND profile_key = 'uk_general'",
        (start, end),
    ).fetchall()
    connection.execute(
        "SELECT stage, entered, left FROM (SELECT e.to_state AS stage, e.at AS entered, lead(e.at) OVER"
        " (PARTITION BY e.letter_id ORDER BY e.seq) AS left FROM audit_events e JOIN letters l ON l.id = e.letter_id"
        " WHERE l.kind != 'holding' AND l.created_at >= ? AND l.created_at < ? AND l.state != 'withdrawn' AND"
        " l.profile_key = 'uk_general' AND e.outcome = 'ok' AND e.to_state != '' AND e.from_state != e.to_state)"
        " WHERE left IS NOT NULL",
        (start, end),
    ).fetchall()
    took = time.perf_counter() - began
    connection.close()
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    from web import create_app
    from workflow.clock import ManualClock
    from workflow.installation import Installation
    from workflow.settings.config import Config
    from workflow.storage.db import Database

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite"
        build_database(path, args.letters)
        complaints(path)
        db = Database(f"sqlite:///{path}")
        installation = Installation(db, Config(database_url=db.url), ManualClock(NOW))
        app = create_app({"INSTALLATION": installation, "SECRET_KEY": "bench", "TESTING": True})
        client = app.test_client()
        page = client.get("/sign-in").get_data(as_text=True)
        token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        signed = client.post("/sign-in", data={"csrf_token": token, "username": "reviewer", "password": PASSWORD})
        assert signed.status_code == 302, signed.status_code
        url = "/reports?profile=uk_general"
        first = client.get(url)
        assert first.status_code == 200 and "refusals;" in first.get_data(as_text=True)
        ours, floors = [], []
        start = (NOW.date() - timedelta(days=182)).strftime(STAMP.split(" ")[0]) + " 00:00:00.000000"
        end = (NOW.date() + timedelta(days=1)).strftime("%Y-%m-%d") + " 00:00:00.000000"
        for _ in range(args.rounds):
            began = time.perf_counter()
            assert client.get(url).status_code == 200
            ours.append(time.perf_counter() - began)
            floors.append(floor(path, start, end))
        with db.read() as session:
            from workflow.law.reports import Period, complaints_report

            report = complaints_report(
                session, Period(NOW.date() - timedelta(days=182), NOW.date() + timedelta(days=1), "uk_general"), NOW
            )
        db.dispose()
    mine, bare = statistics.median(ours), statistics.median(floors)
    print(
        json.dumps(
            {
                "bench": "reports_page",
                "ours": round(mine * 1000, 1),
                "floor": round(bare * 1000, 1),
                "ratio": round(mine / bare, 2),
                "unit": "ms",
                "letters": args.letters,
                "in_scope": report.letters,
                "stays": sum(s.stays for s in report.stages),
                "target_ms": 1000,
            }
        )
    )


if __name__ == "__main__":
    main()
