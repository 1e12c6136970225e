"""From a trigger's commit to the SMTP server receiving its notice, in the embedded mode
(the worker thread `tactful run` starts), and messages per second through one worker,
beside the floor: raw smtplib sending the same messages over one connection.

A SQLite file, one author and one peer reviewer (so each "Submit for review" makes one
e-mail), and aiosmtpd on 127.0.0.1. Latency: triggers are pulled one at a time, paced, with
the worker thread running; each message's arrival is matched to its letter's commit.
Throughput: a batch of triggers is committed with no worker running, then one worker hands
out the events and delivers every message; the floor sends the very same messages (built
from the same rows) with smtplib alone.

    .venv/bin/python bench/notify.py [--latency 60] [--batch 300]
"""

from __future__ import annotations

import argparse
import json
import smtplib
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The repository, not bench/, comes first: bench/transitions.py would hide the library.
sys.path[0] = str(ROOT)

from argon2 import PasswordHasher, profiles  # noqa: E402
from sqlalchemy import select  # noqa: E402
from sqlmodel import col  # noqa: E402

from tests.infra.smtpserver import Handler, Received, smtp_server  # noqa: E402
from workflow.clock import SystemClock  # noqa: E402
from workflow.installation import Installation  # noqa: E402
from workflow.letters.decision import Decision, Reason  # noqa: E402
from workflow.letters.services import create_letter, fire  # noqa: E402
from workflow.mail.message import build_message  # noqa: E402
from workflow.mail.models import OutgoingMail  # noqa: E402
from workflow.mail.settings import MailSettings, Security  # noqa: E402
from workflow.money import Money  # noqa: E402
from workflow.outbox.worker import Worker, start_in_thread  # noqa: E402
from workflow.people import accounts, passwords  # noqa: E402
from workflow.settings.config import Config, Policy  # noqa: E402
from workflow.storage import schema  # noqa: E402
from workflow.storage.db import Database  # noqa: E402

PACE = 0.05
"""Seconds between two paced triggers: well below what one worker delivers, so the latency
is the worker's reaction, not a queue."""


class Arrivals(Handler):
    """The server's side: when each letter's notice arrived (by the reference in its subject)."""

    def __init__(self) -> None:
        super().__init__(on_data=self._note)
        self.at: dict[str, float] = {}
        self.arrived = threading.Condition()

    def _note(self, got: Received) -> None:
        with self.arrived:
            self.at[str(got.message["Subject"]).split()[2]] = time.perf_counter()
            self.arrived.notify_all()

    def wait_for(self, count: int, timeout: float = 300.0) -> None:
        with self.arrived:
            if not self.arrived.wait_for(lambda: len(self.at) >= count, timeout):
                raise SystemExit(f"only {len(self.at)} of {count} messages arrived in {timeout:.0f} s")


def installation(folder: Path, name: str, port: int) -> tuple[Installation, int]:
    """A fresh database with an author and a peer reviewer, both with addresses."""
    url = f"sqlite:///{folder / name}"
    db = Database(url)
    schema.upgrade(db)
    mail = MailSettings(smtp_host="127.0.0.1", smtp_port=port, smtp_security=Security.NONE, sender="t@bench.test")
    config = replace(Config(database_url=url, policy=Policy(waiting_period=timedelta(0))), mail=mail)
    made = Installation(db, config, SystemClock())
    author = accounts.create_user(made, accounts.new_user("ana", "bench-password", ["author"], email="ana@b.test"))
    accounts.create_user(made, accounts.new_user("ben", "bench-password", ["peer_reviewer"], email="ben@b.test"))
    return made, author.id


def waiting_letters(made: Installation, author_id: int, count: int) -> list[int]:
    decision = Decision("Mary Smith", Money.parse("100.00", "USD"), "en", "Late.", (Reason.DELIVERED_ON_TIME,))
    letters = []
    for _ in range(count):
        letter = create_letter(made, decision, author_id, "Dear Mary, thank you for your order.")
        fire(made, "finish_draft", letter.id, author_id)
        letters.append(letter.id)
    return letters


def reference(letter_id: int, made: Installation) -> str:
    return f"TL-{made.clock.now().year}-{letter_id:05d}"


def latency(folder: Path, count: int) -> list[float]:
    """Seconds from each trigger's commit to its notice at the server, worker thread running."""
    server = Arrivals()
    with smtp_server(server) as (_, port):
        made, author_id = installation(folder, "latency.sqlite", port)
        letters = waiting_letters(made, author_id, count)
        Worker(made).run_until_idle()
        server.at.clear()
        stop = start_in_thread(made)
        committed: dict[str, float] = {}
        try:
            for letter_id in letters:
                fire(made, "submit_for_review", letter_id, author_id)
                committed[reference(letter_id, made)] = time.perf_counter()
                time.sleep(PACE)
            server.wait_for(count)
        finally:
            stop.set()
        made.db.dispose()
    return sorted(server.at[ref] - at for ref, at in committed.items())


def throughput(folder: Path, count: int) -> tuple[float, float]:
    """Messages a second through one worker, and through raw smtplib with the same messages."""
    server = Arrivals()
    with smtp_server(server) as (_, port):
        made, author_id = installation(folder, "throughput.sqlite", port)
        letters = waiting_letters(made, author_id, count)
        Worker(made).run_until_idle()
        server.at.clear()
        for letter_id in letters:
            fire(made, "submit_for_review", letter_id, author_id)
        start = time.perf_counter()
        Worker(made).run_until_idle(most_passes=10_000)
        server.wait_for(count)
        ours = count / (time.perf_counter() - start)
        with made.db.read() as session:
            rows = session.scalars(select(OutgoingMail).where(col(OutgoingMail.kind) == "peer_review_waiting"))
            messages = [build_message(row, made.config.mail) for row in rows]
        start = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            for message in messages:
                smtp.send_message(message)
        floor = len(messages) / (time.perf_counter() - start)
        made.db.dispose()
    return ours, floor


def percentile(values: list[float], share: float) -> float:
    return values[min(len(values) - 1, round(share * (len(values) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=int, default=60, help="paced triggers for the latency")
    parser.add_argument("--batch", type=int, default=300, help="triggers in the throughput batch")
    args = parser.parse_args()
    passwords._hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)
    with tempfile.TemporaryDirectory(prefix="tactful-bench-") as folder:
        delays = latency(Path(folder), args.latency)
        ours, floor = throughput(Path(folder), args.batch)
    print(
        json.dumps(
            {
                "bench": "notify",
                "ours": round(ours, 1),
                "floor": round(floor, 1),
                "ratio": round(ours / floor, 3),
                "unit": "messages/s",
                "latency_p50_s": round(statistics.median(delays), 3),
                "latency_p95_s": round(percentile(delays, 0.95), 3),
                "latency_max_s": round(delays[-1], 3),
                "latency_target_p95_s": 5.0,
                "paced_triggers": args.latency,
                "batch": args.batch,
            }
        )
    )


if __name__ == "__main__":
    main()
