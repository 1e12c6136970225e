"""The `tactful` command as a person runs it: the installed console script, in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import tamper
from workflow.storage.db import Database

TACTFUL = str(Path(sys.executable).with_name("tactful"))


@pytest.fixture
def run(database_url: str, tmp_path: Path):
    # The audit key goes in the test's folder, not in the checkout's instance folder.
    env = {
        **os.environ,
        "TACTFUL_DATABASE_URL": database_url,
        "TACTFUL_WAITING_PERIOD": "60",
        "TACTFUL_AUDIT_KEY": str(tmp_path / "audit-key.pem"),
    }

    def tactful(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [TACTFUL, *args], input=stdin, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
        )

    return tactful


def test_first_administrator_and_errors_in_one_line(run) -> None:
    assert "Database ready" in run("init-db").stdout
    made = run(
        "create-user",
        "root",
        "--role",
        "admin",
        "--role",
        "legal_reviewer",
        "--name",
        "Rosa Admin",
        "--password-stdin",
        stdin="a-long-enough-password\n",
    )
    assert made.returncode == 0 and "Created root (Admin, Legal reviewer)" in made.stdout
    again = run("create-user", "root", "--role", "admin", "--password-stdin", stdin="a-long-enough-password\n")
    assert again.returncode == 1 and again.stderr.strip() == "Error: The username “root” is taken."
    short = run("create-user", "bob", "--role", "author", "--password-stdin", stdin="short\n")
    assert short.returncode == 1 and "at least 10 characters" in short.stderr
    assert "Traceback" not in again.stderr + short.stderr


def test_demo_letters_render_and_verify(run, database_url: str, tmp_path: Path) -> None:
    run("init-db")
    demo = run("demo")
    assert demo.returncode == 0 and "ana" in demo.stdout and "ana-tactful-demo" in demo.stdout
    assert run("demo").stdout == demo.stdout, "a second demo changes nothing"
    rows = [json.loads(line) for line in run("letters", "--json").stdout.splitlines()]
    assert {r["state"] for r in rows} == {
        "draft",
        "waiting",
        "peer_review",
        "legal_review",
        "approved",
        "sent",
        "archived",
        "withdrawn",
    }
    assert {r["language"] for r in rows} == {"en", "es", "bg", "tr"}
    sent = run("letters", "--state", "sent", "--json").stdout.splitlines()
    assert len(sent) == 1 and json.loads(sent[0])["state"] == "sent"
    sent_ref = json.loads(sent[0])["reference"]
    rendered = run("render", sent_ref, "--document", "final", "--output", "final.docx", "--as", "ana")
    assert rendered.returncode == 0, rendered.stderr
    assert (tmp_path / "final.docx").read_bytes()[:2] == b"PK"
    missing = run("render", "TL-1999-00001", "--document", "final", "--output", "x.docx")
    assert missing.returncode == 1 and missing.stderr.strip() == "Error: No letter “TL-1999-00001”."
    verified = run("audit", "verify")
    assert verified.returncode == 0 and "chain intact" in verified.stdout
    exported = run("audit", "export", "--format", "csv", "--output", "trail.csv")
    assert exported.returncode == 0, "the demo sets up the audit signing key: " + exported.stderr

    db = Database(database_url)
    tamper(db, "UPDATE audit_events SET actor = 'mallory' WHERE seq = 7")
    db.dispose()
    broken = run("audit", "verify")
    assert broken.returncode == 1 and "chain broken at seq 7" in broken.stderr
