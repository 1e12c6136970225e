"""The letters list, its search and the letter page at 100,000 letters, served by gunicorn,
beside a floor served the same way in the same run: a bare Flask route listing 50 rows of
the same table with SQLModel. Target: the list and each search at least 0.7x the floor's
throughput, p99 under 100 ms. The searches are a part of a surname ("mith": Smith, one
letter in ten) and a word of the letter text ("album": one letter in twenty). Both find
thousands of letters, so each page is the search's dearest kind: the indexes list more
than the search counts to (100: the page says "more than 100 letters match"), and the
first 50 in the list's order are found by checking letters row by row, then read with
their fields and texts in the same query to say where each was found.

    .venv/bin/python bench/pages.py [--letters 100000] [--seconds 20] [--rounds 10] [--threads 4] [--postgresql]

With --postgresql the same letters are copied into a throwaway PostgreSQL server (as
bench/load.py starts one) and every target, the floor too, is served from there.

The comparison is like for like: the floor and each page are served by the same gunicorn
command (sync workers, --workers of them, 2 by default, started outside the repository so
its gunicorn.conf.py applies to neither) and loaded by the same client (--threads, 2 by
default, one per worker), one target at a time, in short windows taken in turn. Only
what the pages do differs: the floor signs nobody in, has no menus, no filter form and
no CSRF token. On 2 cores shared with other work the floor's own rate moves with the
load (108 to 444 req/s on 28 November) and the ratios with it, by a tenth or more
between runs of the same code: compare ratios from one run, or from runs taken in turn.

The rows are bulk-inserted (not through the service: that would take the whole time
budget) and indexed for search as the migration that adds the index does; a handful of
letters with a real history are made through the service so the letter page shows
versions, reviews and a timeline. The load comes from a second process
(this file with --load) using threads and http.client with a signed-in session cookie.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import random
import re
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
# The repository, not bench/, comes first: bench/transitions.py would hide the library.
sys.path[0] = str(ROOT)

PASSWORD = "bench-password-123"
STATES = ("draft", "waiting", "peer_review", "legal_review", "approved", "sent", "archived", "withdrawn")
NAMES = (
    "Mary Smith",
    "Robert Brown",
    "María López",
    "Георги Иванов",
    "Ayşe Yılmaz",
    "Linda Green",
    "Carlos Ruiz",
    "Peter Novak",
    "Anna Schmidt",
    "John Doe",
)
BODY = (
    "Dear customer,\n\nThank you for your order. It was delivered on time and as agreed, so we are unable "
    "to refund it.\n\nThank you for your business; if you have any questions, please contact us.\n\nKind regards"
)
# What each bulk letter was about: a letter's text names its order, so a word of the text
# (the search below looks for "album") is in some letters, not in all of them.
ORDERS = (
    "wedding album",
    "framed print",
    "photo book",
    "canvas",
    "passport photos",
    "poster",
    "calendar",
    "greeting cards",
    "mug",
    "studio session",
    "retouching",
    "negatives scan",
    "slide show",
    "school portraits",
    "drone footage",
    "event coverage",
    "restoration",
    "engagement shoot",
    "gift voucher",
    "frame",
)
SEARCHES = {"search_name": "/letters?q=mith", "search_text": "/letters?q=album"}


# --- the database ---------------------------------------------------------------------


def build_database(path: Path, letters: int) -> int:
    """Migrate, add people, bulk-insert letters, and return the id of a letter with a history."""
    from workflow.clock import ManualClock
    from workflow.installation import Installation
    from workflow.letters.decision import Decision, Reason
    from workflow.letters.inputs import EditInput
    from workflow.letters.search_index import index_every_letter
    from workflow.letters.services import create_letter, fire
    from workflow.money import Money
    from workflow.people.accounts import create_user, new_user
    from workflow.settings.config import Config
    from workflow.storage import schema
    from workflow.storage.db import Database

    db = Database(f"sqlite:///{path}")
    schema.upgrade(db)
    clock = ManualClock(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    installation = Installation(db, Config(database_url=db.url), clock)
    author = create_user(installation, new_user("author", PASSWORD, ["author"]))
    reviewer = create_user(installation, new_user("reviewer", PASSWORD, ["peer_reviewer", "legal_reviewer", "author"]))
    _bulk_letters(path, letters, (author.id, reviewer.id))
    started = time.perf_counter()
    with db.engine.begin() as connection:
        index_every_letter(connection)
    print(f"indexed {letters:,} letters for search in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    decision = Decision(
        customer_name="Mary Smith",
        amount=Money.parse("4800.00", "USD"),
        language="en",
        customer_reason="It came late.",
        reasons=(Reason.DELIVERED_ON_TIME,),
        internal_notes="Customer for six years.",
    )
    letter = create_letter(installation, decision, author.id, BODY)
    fire(installation, "edit", letter.id, author.id, EditInput(BODY.replace("on time", "on the agreed date")))
    fire(installation, "finish_draft", letter.id, author.id)
    clock.advance(timedelta(days=2))
    fire(installation, "submit_for_review", letter.id, author.id)
    db.dispose()
    return letter.id


def bulk_body(order: str) -> str:
    return BODY.replace("your order.", f"your order of the {order}.")


def _bulk_letters(path: Path, count: int, authors: tuple[int, ...]) -> None:
    rng = random.Random(7)
    start = datetime(2024, 1, 1)
    bodies = {order: (bulk_body(order), hashlib.sha256(bulk_body(order).encode()).hexdigest()) for order in ORDERS}
    connection = sqlite3.connect(path)
    letters, versions = [], []
    for n in range(1, count + 1):
        at = (start + timedelta(minutes=n * 5 + rng.randint(0, 4))).strftime("%Y-%m-%d %H:%M:%S.000000")
        state = rng.choice(STATES)
        name = f"{rng.choice(NAMES)} {n % 997}"
        letters.append(
            (
                n,
                f"TL-B-{n:06d}",
                state,
                1,
                rng.choice(authors),
                at,
                at,
                name,
                "",
                "",
                f"ORD-{n}",
                rng.randint(1000, 900000),
                rng.choice(("USD", "EUR")),
                rng.choice(("en", "es", "bg", "tr")),
                "Reason.",
                "delivered_on_time",
                "",
                "",
                "none",
                "",
                "",
                1,
                0,
                False,
            )
        )
        versions.append((n, n, 1, *bodies[rng.choice(ORDERS)], authors[0], "author", at))
    with connection:
        connection.executemany(
            "INSERT INTO letters (id, reference, state, revision, author_id, created_at, updated_at, customer_name,"
            " customer_email, postal_address, order_reference, amount_minor, currency, language, customer_reason,"
            " reasons, policy_clause, reason_details, concession, hardship, internal_notes, current_version,"
            " review_round, escalated) VALUES (" + ",".join("?" * 24) + ")",
            letters,
        )
        connection.executemany(
            "INSERT INTO letter_versions (id, letter_id, number, body, sha256, author_id, source, created_at)"
            " VALUES (?,?,?,?,?,?,?,?)",
            versions,
        )
    connection.execute("ANALYZE")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def copy_to_postgresql(path: Path, url: str) -> None:
    """The same people, letters and versions in PostgreSQL (COPY), indexed for search as the
    migration does, and analysed as a running server's autovacuum would have."""
    from workflow.letters.search_index import index_every_letter
    from workflow.storage import schema
    from workflow.storage.db import Database

    started = time.perf_counter()
    db = Database(url)
    schema.upgrade(db)
    source = sqlite3.connect(path)
    with db.engine.begin() as connection:
        cursor = connection.connection.driver_connection.cursor()
        for name in ("users", "letters", "letter_versions"):
            columns = [row[1] for row in source.execute(f"PRAGMA table_info({name})")]
            with cursor.copy(f"COPY {name} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in source.execute(f"SELECT {', '.join(columns)} FROM {name}"):
                    copy.write_row(row)
            connection.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), max(id)) FROM {name}")
        index_every_letter(connection)
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE")
    db.dispose()
    source.close()
    print(f"copied to PostgreSQL and indexed in {time.perf_counter() - started:.1f} s", file=sys.stderr)


# --- the floor ------------------------------------------------------------------------


def floor_app():
    """A bare Flask route: 50 rows of the letters table through SQLModel, as an HTML table."""
    from flask import Flask, render_template_string
    from sqlmodel import Session, create_engine, select

    from workflow.letters.models import Letter

    app = Flask(__name__)
    engine = create_engine(os.environ["TACTFUL_DATABASE_URL"])
    page = (
        "<table>{% for l in rows %}<tr><td>{{ l.reference }}</td><td>{{ l.customer_name }}</td>"
        "<td>{{ l.state }}</td><td>{{ l.amount_minor }} {{ l.currency }}</td><td>{{ l.updated_at }}</td></tr>"
        "{% endfor %}</table>"
    )

    @app.get("/floor")
    def listing() -> str:
        with Session(engine) as session:
            rows = session.exec(select(Letter).order_by(Letter.updated_at.desc()).limit(50)).all()
            return render_template_string(page, rows=rows)

    return app


# --- serving ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(app: str, env: dict[str, str], workers: int) -> tuple[subprocess.Popen, int]:
    """Both apps the same way: gunicorn's defaults (sync workers), started outside the
    repository so its gunicorn.conf.py does not apply to one and not the other."""
    port = free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--pythonpath",
            str(ROOT),
            "--log-level",
            "warning",
            app,
        ],
        env={**os.environ, **env},
        cwd=tempfile.gettempdir(),
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("gunicorn did not start")


def sign_in(port: int) -> str:
    """A session cookie for the author, through the real sign-in form."""
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("GET", "/sign-in")
    response = connection.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie", "").split(";")[0]
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
    form = urlencode({"csrf_token": token, "username": "reviewer", "password": PASSWORD})
    connection.request(
        "POST", "/sign-in", form, {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    )
    response = connection.getresponse()
    response.read()
    if response.status != 302:
        raise SystemExit(f"sign-in failed: {response.status}")
    cookie = response.getheader("Set-Cookie", "").split(";")[0]
    # The first page puts the CSRF token in the session; a browser keeps that cookie.
    connection.request("GET", "/", headers={"Cookie": cookie})
    response = connection.getresponse()
    response.read()
    return (response.getheader("Set-Cookie") or cookie).split(";")[0]


def measure(port: int, paths: list[str], cookie: str, seconds: float, threads: int) -> dict:
    """Run the load generator in a second process and read its JSON result."""
    output = subprocess.run(
        [
            sys.executable,
            __file__,
            "--load",
            str(port),
            "--cookie",
            cookie,
            "--seconds",
            str(seconds),
            "--threads",
            str(threads),
            *paths,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


# --- the load generator (second process) ------------------------------------------------


def load(port: int, paths: list[str], cookie: str, seconds: float, threads: int) -> dict:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine: list[float] = []
        failed = 0
        n = offset
        while time.perf_counter() < stop:
            path = paths[n % len(paths)]
            n += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Cookie": cookie})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    started = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return {
        "elapsed": time.perf_counter() - started,
        "latencies": [round(x, 3) for x in latencies],
        "errors": errors[0],
    }


def summary(runs: list[dict]) -> dict[str, float]:
    """Throughput and latency over every window a target was measured in."""
    latencies = sorted(x for run in runs for x in run["latencies"])
    elapsed = sum(run["elapsed"] for run in runs)
    return {
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 2),
        "p99_ms": round(latencies[max(0, int(len(latencies) * 0.99) - 1)], 2),
        "requests": len(latencies),
        "errors": sum(run["errors"] for run in runs),
    }


def warm(port: int, paths: list[str], cookie: str, rounds: int = 20) -> None:
    """Each worker loads its dictionaries and caches before the clock starts."""
    for _ in range(rounds):
        for path in paths:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("GET", path, headers={"Cookie": cookie})
            connection.getresponse().read()
            connection.close()


def run_targets(url: str, letter_id: int, args: argparse.Namespace) -> dict[str, dict[str, float]]:
    """Serve each target from the database at `url` and measure them in turn."""
    env = {"TACTFUL_DATABASE_URL": url, "TACTFUL_SECRET_KEY": "bench", "TACTFUL_DEVELOPMENT": "true"}
    targets = (
        ("floor", "bench.pages:floor_app()", ["/floor"]),
        ("list", "web:create_app()", ["/letters"]),
        ("letter", "web:create_app()", [f"/letters/{letter_id}"]),
        *((name, "web:create_app()", [path]) for name, path in SEARCHES.items()),
    )
    servers = {name: serve(app, env, args.workers) for name, app, _ in targets}
    runs: dict[str, list[dict]] = {name: [] for name, _, _ in targets}
    try:
        cookies = {name: "" if name == "floor" else sign_in(port) for name, (_, port) in servers.items()}
        for name, _, paths in targets:
            warm(servers[name][1], paths, cookies[name])
        # Short windows, taken in turn, so a change in the machine's other load falls
        # on every target alike instead of on whichever ran at that moment.
        for _ in range(args.rounds):
            for name, _, paths in targets:
                runs[name].append(
                    measure(servers[name][1], paths, cookies[name], args.seconds / args.rounds, args.threads)
                )
    finally:
        for server, _ in servers.values():
            server.send_signal(signal.SIGTERM)
        for server, _ in servers.values():
            server.wait(timeout=30)
    return {name: summary(measured) for name, measured in runs.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=20.0, help="measured time per target")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2, help="client threads: one per worker")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--postgresql", action="store_true", help="serve the letters from a throwaway PostgreSQL")
    parser.add_argument("--load", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--cookie", default="", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        print(json.dumps(load(args.load, args.paths, args.cookie, args.seconds, args.threads)))
        return

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        started = time.perf_counter()
        letter_id = build_database(path, args.letters)
        print(f"built {args.letters:,} letters in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        if args.postgresql:
            from tests.infra.pgserver import postgres_server

            with postgres_server() as url:
                copy_to_postgresql(path, url)
                results = run_targets(url, letter_id, args)
        else:
            results = run_targets(f"sqlite:///{path}", letter_id, args)
        for name, result in results.items():
            print(f"{name}: {result}", file=sys.stderr)

    ours, floor = results["list"], results["floor"]
    print(
        json.dumps(
            {
                "bench": "pages",
                "ours": ours["rps"],
                "floor": floor["rps"],
                "ratio": round(ours["rps"] / floor["rps"], 3),
                "unit": "req/s",
                "p99_ms": ours["p99_ms"],
                "p50_ms": ours["p50_ms"],
                "letter_page_rps": results["letter"]["rps"],
                "letter_page_p99_ms": results["letter"]["p99_ms"],
                **{
                    f"{name}_{figure}": value
                    for name in SEARCHES
                    for figure, value in (
                        ("rps", results[name]["rps"]),
                        ("ratio", round(results[name]["rps"] / floor["rps"], 3)),
                        ("p99_ms", results[name]["p99_ms"]),
                    )
                },
                "floor_p99_ms": floor["p99_ms"],
                "letters": args.letters,
                "database": "postgresql" if args.postgresql else "sqlite",
                "workers": args.workers,
                "threads": args.threads,
                "errors": sum(result["errors"] for result in results.values()),
            }
        )
    )


if __name__ == "__main__":
    main()
