"""The API at 100,000 letters on SQLite through gunicorn: reading a letter and creating one
(each with its own Idempotency-Key), beside a floor served the same way in the same run: a
bare Flask route returning one letter's row as JSON through SQLModel. Target: p99 of a read
under 50 ms.

    .venv/bin/python bench/api.py [--letters 100000] [--seconds 20] [--rounds 5] [--threads 2]

The data set and the servers are bench/pages.py's (`build_database`, `serve`, `summary`);
the load comes from a second process (this file with --load) with a bearer token. The
token's limit is set high enough never to refuse, but it is counted as in production: a
read writes to the database only when its process leases the next block of the token's
quota (workflow/api/limits.py), one read in a hundred at this limit. Before the leases
every read was a write transaction and the SQLite write lock made the two workers take
turns: read p99 892 ms on 27 November, 68 and 225 ms in the runs of that code alternating
with these on 28 November (README, Benchmarks).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)

from bench.pages import build_database, serve, summary  # noqa: E402

DECISION = json.dumps(
    {
        "customer_name": "Mary Smith",
        "amount": "120.00",
        "currency": "USD",
        "language": "en",
        "customer_reason": "It came late.",
        "reasons": ["delivered_on_time"],
    }
)


def floor_app():
    """A bare Flask route: one letter's row as JSON through SQLModel."""
    from flask import Flask
    from sqlmodel import Session, create_engine

    from workflow.letters.models import Letter

    app = Flask(__name__)
    engine = create_engine(os.environ["TACTFUL_DATABASE_URL"])

    @app.get("/floor/<int:letter_id>")
    def one(letter_id: int) -> dict[str, object]:
        with Session(engine) as session:
            letter = session.get(Letter, letter_id)
            return letter.model_dump(mode="json") if letter else {}

    return app


def make_token(path: Path) -> str:
    from workflow.api.tokens import Scope, create_token
    from workflow.installation import Installation
    from workflow.settings.config import Config
    from workflow.storage.db import Database

    db = Database(f"sqlite:///{path}")
    installation = Installation(db, Config(database_url=db.url))
    made = create_token(installation, name="bench", user_id=2, scopes=frozenset({Scope.READ, Scope.WRITE}))
    db.dispose()
    return made.secret


def load(port: int, method: str, path: str, token: str, seconds: float, threads: int) -> dict:
    """GET `path`, or POST a new letter with a fresh Idempotency-Key each time."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine: list[float] = []
        failed = 0
        while time.perf_counter() < stop:
            headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
            if method == "POST":
                headers["Idempotency-Key"] = uuid.uuid4().hex
            started = time.perf_counter()
            try:
                connection.request(method, path, DECISION if method == "POST" else None, headers)
                response = connection.getresponse()
                response.read()
                failed += response.status >= 300
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
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return {"elapsed": time.perf_counter() - started, "latencies": latencies, "errors": errors[0]}


def measure(port: int, method: str, path: str, token: str, seconds: float, threads: int) -> dict:
    command = [sys.executable, __file__, "--load", str(port), "--method", method, "--path", path, "--token", token]
    command += ["--seconds", str(seconds), "--threads", str(threads)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=20.0, help="measured time per target")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--load", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--method", default="GET", help=argparse.SUPPRESS)
    parser.add_argument("--path", default="", help=argparse.SUPPRESS)
    parser.add_argument("--token", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        print(json.dumps(load(args.load, args.method, args.path, args.token, args.seconds, args.threads)))
        return

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        letter_id = build_database(path, args.letters)
        token = make_token(path)
        env = {"TACTFUL_DATABASE_URL": f"sqlite:///{path}", "TACTFUL_SECRET_KEY": "bench", "TACTFUL_DEVELOPMENT": "1"}
        env["TACTFUL_API_RATE_LIMIT"] = "1000000"
        targets = (
            ("floor", "bench.api:floor_app()", "GET", f"/floor/{letter_id}"),
            ("read", "web:create_app()", "GET", f"/api/v1/letters/{letter_id}"),
            ("create", "web:create_app()", "POST", "/api/v1/letters"),
        )
        servers = {name: serve(app, env, args.workers) for name, app, _, _ in targets}
        runs: dict[str, list[dict]] = {name: [] for name, _, _, _ in targets}
        try:
            for name, _, method, target in targets:
                measure(servers[name][1], method, target, token, 1.0, 1)
            for _ in range(args.rounds):
                for name, _, method, target in targets:
                    port = servers[name][1]
                    runs[name].append(measure(port, method, target, token, args.seconds / args.rounds, args.threads))
        finally:
            for server, _ in servers.values():
                server.send_signal(signal.SIGTERM)
            for server, _ in servers.values():
                server.wait(timeout=30)
        results = {name: summary(measured) for name, measured in runs.items()}
        for name, result in results.items():
            print(f"{name}: {result}", file=sys.stderr)

    read, create, floor = results["read"], results["create"], results["floor"]
    line = {
        "bench": "api",
        "ours": read["rps"],
        "floor": floor["rps"],
        "ratio": round(read["rps"] / floor["rps"], 3),
        "unit": "req/s",
        "read_p50_ms": read["p50_ms"],
        "read_p99_ms": read["p99_ms"],
        "create_rps": create["rps"],
        "create_p50_ms": create["p50_ms"],
        "create_p99_ms": create["p99_ms"],
        "floor_p99_ms": floor["p99_ms"],
        "letters": args.letters,
        "errors": read["errors"] + create["errors"] + floor["errors"],
    }
    print(json.dumps(line))


if __name__ == "__main__":
    main()
