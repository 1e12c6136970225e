"""Load and faults through the real stack: gunicorn processes on 127.0.0.1, first on a
SQLite file and then on a throwaway PostgreSQL server, driven from a second process by
simulated people doing what people do (sign in, open queues and letters, create, edit,
finish, submit, review, approve, send, archive), several reviewers racing for the head of
the same queue. Mid-run one gunicorn worker is killed with SIGKILL and, on PostgreSQL,
every connection is terminated from the server side. Afterwards the database is checked:
no lost update, no letter in a state its audit trail does not show, chain intact. Each run
also says where the CPU went (app servers, PostgreSQL, the load driver, elsewhere on the
machine): per request, that is where a backend's time goes, and a run with much CPU spent
elsewhere was not a quiet one.

    .venv/bin/python bench/load.py [--seconds 30] [--sqlite-workers 2] [--pg-workers N]

The floor is SQLite with two app processes (one office's set-up); "ours" is PostgreSQL
with several (a company's). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing as mp
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on the path and its transitions.py would shadow
# the `transitions` library: the project's root takes its place.
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

PASSWORD = "load-test-password"
REQUEST_TIMEOUT = 15.0
STEPS_PER_PERSON = 100_000
CREW = {"author": 10, "peer_reviewer": 5, "legal_reviewer": 3}
CLEAN_TEXT = (
    "Thank you for your order and for the years of business. We delivered the photographs on "
    "3 May, as agreed in our contract, in the promised quality. We cannot refund the amount. "
    "If you have any questions, please write to us; we hope to serve you again."
)

# --- one simulated person ----------------------------------------------------------------

_TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
_REVISION = re.compile(r'name="revision" value="(\d+)"')
_ACTION = re.compile(r'action="/letters/(\d+)/actions/([a-z_]+)"')
_DECISION = re.compile(r'name="decision" id="decision-[a-z_]+" value="([a-z_]+)"')
_ACK = re.compile(r'name="(ack-[^"]+)"')
_LETTER_LINK = re.compile(r'href="/letters/(\d+)"')
_COOKIE = re.compile(r"^session=([^;]*)")
_FINISHED = re.compile(r'class="state state-(archived|withdrawn)"')


@dataclass
class Tally:
    """What one person saw: latencies, answers by kind, transitions that went through."""

    latencies: list[float] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)
    transitions: Counter = field(default_factory=Counter)

    def merge(self, other: Tally) -> None:
        self.latencies += other.latencies
        self.kinds.update(other.kinds)
        self.transitions.update(other.transitions)


@dataclass
class Page:
    status: int
    body: str
    location: str = ""


def kind_of(status: int, body: str) -> str:
    """How an answer counts: 409 is a stale page, 422 a refusal the rules worded; a 5xx must
    be the plain error page, never a stack trace."""
    if status == 409:
        return "stale"
    if status == 422:
        return "refused"
    if status >= 500:
        plain = "Something went wrong on our side" in body and "Traceback" not in body
        return f"http_{status}_{'plain' if plain else 'raw'}"
    if status >= 400:
        return f"http_{status}"
    return "ok"


class Browser:
    """One person's browser: a cookie, the last form's CSRF token, a fresh connection per
    request (gunicorn's sync workers close each one)."""

    def __init__(self, port: int, tally: Tally) -> None:
        self.port, self.tally = port, tally
        self.cookie = self.token = ""

    def open(self, method: str, path: str, form: list[tuple[str, str]] | None = None) -> Page | None:
        body = urlencode([("csrf_token", self.token), *form]) if form is not None else None
        headers = {"X-Request-ID": f"load-{id(self):x}-{len(self.tally.latencies)}"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookie:
            headers["Cookie"] = f"session={self.cookie}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        start = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            page = Page(response.status, response.read().decode("utf-8", "replace"), response.getheader("Location", ""))
            cookies = response.headers.get_all("Set-Cookie") or []
        except TimeoutError:
            self.tally.kinds["timeout"] += 1
            return None
        except (OSError, http.client.HTTPException):
            self.tally.kinds["connection_lost"] += 1
            return None
        finally:
            connection.close()
        self.tally.latencies.append(time.perf_counter() - start)
        self.tally.kinds[kind_of(page.status, page.body)] += 1
        if page.status == 302 and "/sign-in" in page.location and method == "GET":
            self.cookie = ""
        for cookie in cookies:
            if found := _COOKIE.match(cookie):
                self.cookie = found.group(1)
        if token := _TOKEN.search(page.body):
            self.token = token.group(1)
        return page

    def sign_in(self, username: str) -> bool:
        self.open("GET", "/sign-in")
        page = self.open("POST", "/sign-in", [("username", username), ("password", PASSWORD)])
        return page is not None and page.status == 302

    def letter(self, letter_id: int) -> tuple[int, set[str], str] | None:
        """The revision shown and the actions offered, as the page's forms and its review
        panel's decisions carry them (a letter with nothing left to do shows no form, and no
        revision)."""
        page = self.open("GET", f"/letters/{letter_id}")
        if page is None or page.status != 200:
            return None
        revision = _REVISION.search(page.body)
        actions = {t for i, t in _ACTION.findall(page.body) if int(i) == letter_id} | set(_DECISION.findall(page.body))
        return (int(revision.group(1)) if revision else 0), actions, page.body

    def act(self, letter_id: int, trigger: str, revision: int, fields: list[tuple[str, str]] = ()) -> bool:
        page = self.open("POST", f"/letters/{letter_id}/actions/{trigger}", [("revision", str(revision)), *fields])
        if page is not None and page.status == 302:
            self.tally.transitions[trigger] += 1
            return True
        return False


def _new_letter(browser: Browser, rng: random.Random) -> int | None:
    """The decision record form; large amounts go to legal review."""
    browser.open("GET", "/letters/new")
    amount = rng.choice(["250.00", "480.00", "1500.00", "4200.00"])
    page = browser.open(
        "POST",
        "/letters/new",
        [
            ("customer_name", f"Customer {rng.randrange(10_000)}"),
            ("customer_email", "c@example.org"),
            ("postal_address", "1 Elm Street\nSpringfield"),
            ("order_reference", f"ORD-{rng.randrange(10**6)}"),
            ("amount", amount),
            ("currency", "USD"),
            ("language", "en"),
            ("customer_reason", "The photographs arrived late."),
            ("reasons", "delivered_on_time"),
            ("reasons", "delivered_as_agreed"),
            ("reason_details", "Delivered on 3 May as agreed."),
            ("concession", "none"),
            ("concession_amount", ""),
            ("internal_notes", "Load test."),
        ],
    )
    if page is None or page.status != 302 or not (found := re.search(r"/letters/(\d+)", page.location)):
        return None
    browser.tally.transitions["create"] += 1
    return int(found.group(1))


AUTHOR_ORDER = ("archive", "send", "submit_for_review", "finish_draft")


def author_step(browser: Browser, rng: random.Random, mine: list[int]) -> None:
    """Look at my work, then move one of my letters on, or start a new one."""
    browser.open("GET", "/")
    if len(mine) < 4 and (created := _new_letter(browser, rng)):
        mine.append(created)
    if not mine:
        return
    letter_id = rng.choice(mine)
    seen = browser.letter(letter_id)
    if seen is None:
        return
    revision, actions, body = seen
    if "edit" in actions and rng.random() < 0.4:
        browser.act(letter_id, "edit", revision, [("body", f"{CLEAN_TEXT}\n\nRef {rng.randrange(10**6)}.")])
    elif "withdraw" in actions and rng.random() < 0.02:
        browser.act(letter_id, "withdraw", revision, [("reason", "The refund was granted after all.")])
    elif trigger := next((t for t in AUTHOR_ORDER if t in actions), None):
        fields = [("channel", "first_class_mail"), ("sent_on", time.strftime("%Y-%m-%d"))] if trigger == "send" else []
        browser.act(letter_id, trigger, revision, fields)
    elif not actions and _FINISHED.search(body):
        mine.remove(letter_id)


def reviewer_step(browser: Browser, rng: random.Random, state: str, approve: str) -> None:
    """Open the queue oldest first and take one of its first letters: reviewers race."""
    page = browser.open("GET", f"/letters?{urlencode({'state': state, 'sort': 'oldest'})}")
    if page is None or not (queue := list(dict.fromkeys(int(i) for i in _LETTER_LINK.findall(page.body)))):
        return
    letter_id = rng.choice(queue[:3])
    seen = browser.letter(letter_id)
    if seen is None:
        return
    revision, actions, body = seen
    roll = rng.random()
    if "request_changes" in actions and roll < 0.08:
        browser.act(letter_id, "request_changes", revision, [("comment", "Please soften the second paragraph.")])
    elif "escalate_to_legal" in actions and roll < 0.12:
        browser.act(letter_id, "escalate_to_legal", revision, [("comment", "A lawyer should read this one.")])
    elif approve in actions:
        acknowledgements = [(name, "Read in context: it is fine here.") for name in _ACK.findall(body)]
        browser.act(letter_id, approve, revision, acknowledgements)


def person(port: int, username: str, role: str, letters: list[int], deadline: float, seed: int) -> Tally:
    tally, rng = Tally(), random.Random(seed)
    browser = Browser(port, tally)
    for _ in range(STEPS_PER_PERSON):
        if time.monotonic() >= deadline:
            break
        if not browser.cookie and not browser.sign_in(username):
            time.sleep(0.2)  # the server is restarting a worker: do not spin
            continue
        if role == "author":
            author_step(browser, rng, letters)
        elif role == "peer_reviewer":
            reviewer_step(browser, rng, "peer_review", "approve_tone")
        else:
            reviewer_step(browser, rng, "legal_review", "approve_legal")
    return tally


def drive(port: int, people: list[tuple[str, str, list[int]]], seconds: float, results) -> None:
    """The load generator, in its own process: one thread per person, all bounded by time."""
    deadline = time.monotonic() + seconds
    tallies: list[Tally] = []
    lock = threading.Lock()

    def run(index: int, username: str, role: str, letters: list[int]) -> None:
        tally = person(port, username, role, letters, deadline, seed=index)
        with lock:
            tallies.append(tally)

    threads = [threading.Thread(target=run, args=(i, *p), daemon=True) for i, p in enumerate(people)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + REQUEST_TIMEOUT * 4)
    total = Tally()
    for tally in tallies:
        total.merge(tally)
    results.put(
        {
            "elapsed": time.monotonic() - start,
            "latencies": total.latencies,
            "cpu_s": time.process_time(),
            "kinds": dict(total.kinds),
            "transitions": dict(total.transitions),
        }
    )


# --- the installation under load ----------------------------------------------------------


def seed(url: str) -> list[tuple[str, str, list[int]]]:
    """People (with cheap Argon2: the server reads the cost from each hash) and letters
    already in the review queues, so reviewers race from the first second."""
    from argon2 import PasswordHasher, profiles

    from workflow.clock import SystemClock
    from workflow.installation import Installation
    from workflow.letters.decision import Decision, Reason
    from workflow.letters.services import create_letter, fire
    from workflow.money import Money
    from workflow.people import accounts, passwords
    from workflow.settings.config import Config, Policy
    from workflow.storage import schema
    from workflow.storage.db import Database

    passwords._hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)
    db = Database(url)
    schema.upgrade(db)
    installation = Installation(db, Config(database_url=url, policy=Policy(waiting_period=timedelta(0))), SystemClock())
    people = []
    for role, count in CREW.items():
        for n in range(count):
            user = accounts.create_user(
                installation, accounts.new_user(f"{role.replace('_', '-')}-{n}", PASSWORD, [role])
            )
            letters = []
            for amount in ("250.00", "1500.00") if role == "author" else ():
                decision = Decision(
                    f"Customer {user.id}-{amount}",
                    Money.parse(amount, "USD"),
                    "en",
                    "Late.",
                    (Reason.DELIVERED_ON_TIME,),
                )
                letter = create_letter(installation, decision, user.id, CLEAN_TEXT)
                for trigger in ("finish_draft", "submit_for_review"):
                    fire(installation, trigger, letter.id, user.id)
                letters.append(letter.id)
            people.append((user.username, role, letters))
    db.dispose()
    return people


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(url: str, workers: int, folder: Path) -> Iterator[tuple[subprocess.Popen, int]]:
    """gunicorn with the project's configuration on a free loopback port, stopped always."""
    port = free_port()
    env = {
        **os.environ,
        "TACTFUL_DATABASE_URL": url,
        "TACTFUL_SECRET_KEY": "load-bench-only",
        "TACTFUL_WAITING_PERIOD": "1",
        "TACTFUL_BIND": f"127.0.0.1:{port}",
        "TACTFUL_WORKERS": str(workers),
        "TACTFUL_ACCESS_LOG": str(folder / "access.log"),
        "TACTFUL_ERROR_LOG": str(folder / "error.log"),
    }
    binary = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(binary), "-c", str(ROOT / "gunicorn.conf.py")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_until_serving(server, port, workers)
        yield server, port
    finally:
        _stop(server)


def children_of(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def workers_of(server: subprocess.Popen) -> list[int]:
    return children_of(server.pid)


def _wait_until_serving(server: subprocess.Popen, port: int, workers: int, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode} before serving")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/sign-in")
            if connection.getresponse().status == 200 and len(workers_of(server)) == workers:
                return
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not serve on port {port} within {seconds:.0f} s")


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def administer(url: str, *statements: str) -> list:
    """Statements as the server's superuser, outside any transaction: the last one's rows."""
    *first, last = statements
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            for statement in first:
                connection.execute(text(statement))
            return connection.execute(text(last)).all()
    finally:
        engine.dispose()


def terminate_connections(url: str) -> int:
    """What an operator or a failover does: end every connection of the database."""
    return len(
        administer(
            url,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
    )


def durable(url: str) -> str:
    """The test server skips fsync; a fair match for SQLite's synchronous=FULL does not."""
    administer(
        url,
        "ALTER SYSTEM SET fsync = on",
        "ALTER SYSTEM SET full_page_writes = on",
        "ALTER SYSTEM SET synchronous_commit = on",
        "SELECT pg_reload_conf()",
    )
    return url


@dataclass(frozen=True)
class Fault:
    at: float
    name: str
    act: Callable[[], object]


def faults_for(server: subprocess.Popen, url: str, seconds: float) -> list[Fault]:
    def kill_a_worker() -> int:
        victim = random.choice(workers_of(server))
        os.kill(victim, signal.SIGKILL)
        return victim

    faults = [Fault(seconds * 0.35, "worker_sigkilled", kill_a_worker)]
    if url.startswith("postgresql"):
        faults.append(Fault(seconds * 0.65, "connections_terminated", lambda: terminate_connections(url)))
    return faults


# --- where the CPU went ---------------------------------------------------------------------


def _process_cpu(pid: int) -> float:
    """CPU seconds of a process and of the children it has reaped (killed or recycled gunicorn
    workers, ended PostgreSQL backends), or 0 for a process that is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(field) for field in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def tree_cpu(pid: int | None) -> float:
    """A server's CPU seconds so far: its own, its live children's and its reaped children's."""
    if pid is None:
        return 0.0
    return sum(_process_cpu(process) for process in (pid, *children_of(pid)))


def machine_busy_cpu() -> float:
    """CPU seconds all cores have spent busy since boot: user, nice, system, irq, softirq and
    steal (time the host gave to someone else); not idle, not iowait, not guest (in user)."""
    ticks = [int(n) for n in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    return sum(ticks[0:3] + ticks[5:8]) / os.sysconf("SC_CLK_TCK")


def postmaster_of(url: str) -> int | None:
    """The PostgreSQL server's main process (a backend's parent) when it runs on this machine."""
    if not url.startswith("postgresql"):
        return None
    backend = Path("/proc", str(administer(url, "SELECT pg_backend_pid()")[0][0]))
    try:
        if (backend / "comm").read_text().strip() != "postgres":
            return None
        return int((backend / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:
        return None


class CpuMeter:
    """CPU seconds spent during the load by the app servers, PostgreSQL, the load driver and
    everything else on the machine: a run where "elsewhere" is large was not a quiet run, and
    the split says whether the app or the database is where a backend's requests cost."""

    def __init__(self, app: int, database: int | None) -> None:
        self.app, self.database = app, database
        self.start = self._now()

    def _now(self) -> tuple[float, float, float]:
        return tree_cpu(self.app), tree_cpu(self.database), machine_busy_cpu()

    def split(self, driver: float) -> dict[str, float]:
        app, database, busy = (end - begin for end, begin in zip(self._now(), self.start, strict=True))
        return {
            "app": round(app, 1),
            "postgresql": round(database, 1),
            "load_driver": round(driver, 1),
            "elsewhere": round(max(0.0, busy - app - database - driver), 1),
        }


# --- afterwards: was anything lost? -------------------------------------------------------


def check(url: str, since_seq: int) -> dict[str, object]:
    """Every letter against its audit trail, and the chain itself."""
    from sqlalchemy import func, select

    from workflow.audit import chain
    from workflow.audit.models import AuditEvent
    from workflow.letters.models import Letter, LetterVersion
    from workflow.letters.triggers import TRIGGERS
    from workflow.storage.db import Database

    moves = (*TRIGGERS, "create")
    db = Database(url)
    with db.read() as session:
        ok = (AuditEvent.outcome == "ok") & AuditEvent.action.in_(moves)
        events = dict(
            session.execute(select(AuditEvent.letter_id, func.count()).where(ok).group_by(AuditEvent.letter_id)).all()
        )
        versions = dict(
            session.execute(select(LetterVersion.letter_id, func.count()).group_by(LetterVersion.letter_id)).all()
        )
        last = dict(
            session.execute(
                select(AuditEvent.letter_id, AuditEvent.to_state)
                .where(ok)
                .where(AuditEvent.seq.in_(select(func.max(AuditEvent.seq)).where(ok).group_by(AuditEvent.letter_id)))
            ).all()
        )
        letters = session.execute(select(Letter.id, Letter.revision, Letter.current_version, Letter.state)).all()
        moved = session.scalar(select(func.count()).where(ok, AuditEvent.seq > since_seq))
        verified = chain.verify(session)
    db.dispose()
    lost = [
        row.id
        for row in letters
        if row.revision != events.get(row.id, 0) or row.current_version != versions.get(row.id, 0)
    ]
    unshown = [row.id for row in letters if row.state != last.get(row.id)]
    return {
        "letters": len(letters),
        "transitions": moved,
        "lost_updates": len(lost),
        "broken_invariants": len(unshown) + (0 if verified.intact else 1),
        "chain": str(verified),
        "examples": {"lost": lost[:5], "state_not_in_trail": unshown[:5]},
    }


def head_seq(url: str) -> int:
    from workflow.audit import chain
    from workflow.storage.db import Database

    db = Database(url)
    with db.read() as session:
        event = chain.head(session)
    db.dispose()
    return event.seq if event else 0


# --- one database, then both -------------------------------------------------------------


def run(url: str, workers: int, seconds: float, folder: Path) -> dict[str, object]:
    people = seed(url)
    since = head_seq(url)
    context = mp.get_context("spawn")
    with gunicorn(url, workers, folder) as (server, port):
        results = context.Queue()
        generator = context.Process(target=drive, args=(port, people, seconds, results))
        meter = CpuMeter(server.pid, postmaster_of(url))
        generator.start()
        start, happened = time.monotonic(), {}
        for fault in faults_for(server, url, seconds):
            time.sleep(max(0.0, start + fault.at - time.monotonic()))
            happened[fault.name] = fault.act()
        outcome = results.get(timeout=seconds + REQUEST_TIMEOUT * 6)
        cpu = meter.split(outcome["cpu_s"])
        generator.join(timeout=30)
        happened["workers_after"] = len(workers_of(server))
    latencies = sorted(outcome["latencies"])
    elapsed = outcome["elapsed"]
    checked = check(url, since)
    return {
        "workers": workers,
        "people": len(people),
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1) if latencies else None,
        "transitions_per_s": round(checked["transitions"] / elapsed, 1),
        "cpu_s": cpu,
        "cpu_ms_per_request": {
            part: round(cpu[part] * 1000 / max(len(latencies), 1), 1) for part in ("app", "postgresql")
        },
        "answers": outcome["kinds"],
        "transitions_seen_by_clients": outcome["transitions"],
        "faults": happened,
        **checked,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="load per database")
    parser.add_argument("--sqlite-workers", type=int, default=2)
    # Here PostgreSQL shares the machine's cores with the app: cores + 1 workers, not the
    # 2 × cores + 1 of a machine that only runs the app (5 on 2 cores measured slower).
    parser.add_argument("--pg-workers", type=int, default=os.cpu_count() + 1)
    args = parser.parse_args()

    from tests.infra.pgserver import postgres_server

    with tempfile.TemporaryDirectory(prefix="tactful-load-") as temp:
        folder = Path(temp)
        (folder / "sqlite").mkdir()
        (folder / "postgresql").mkdir()
        sqlite = run(
            f"sqlite:///{folder / 'sqlite' / 'load.sqlite'}", args.sqlite_workers, args.seconds, folder / "sqlite"
        )
        print("sqlite:", json.dumps(sqlite), flush=True)
        with postgres_server() as url:
            postgresql = run(durable(url), args.pg_workers, args.seconds, folder / "postgresql")
        print("postgresql:", json.dumps(postgresql), flush=True)
    ours, floor = postgresql["transitions_per_s"], sqlite["transitions_per_s"]
    print(
        json.dumps(
            {
                "bench": "load",
                "ours": ours,
                "floor": floor,
                "ratio": round(ours / floor, 2) if floor else None,
                "unit": "transitions/s",
                "lost_updates": sqlite["lost_updates"] + postgresql["lost_updates"],
                "broken_invariants": sqlite["broken_invariants"] + postgresql["broken_invariants"],
                "sqlite": sqlite,
                "postgresql": postgresql,
            }
        )
    )


if __name__ == "__main__":
    main()
