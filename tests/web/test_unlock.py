"""The only administrator locked out by five wrong passwords: the limit stays, and the
operator has a way back, `tactful unlock NAME`, which the audit trail records."""

from __future__ import annotations

import json

from flask import Flask
from sqlalchemy import select

from tests.conftest import PASSWORD, World
from web import create_app
from web.cli import cli
from workflow.audit import chain
from workflow.audit.actions import Action
from workflow.audit.models import AuditEvent
from workflow.people import authentication


def sign_in(app: Flask, password: str) -> int:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "10.4.4.4"
    return client.post("/sign-in", data={"username": "dan", "password": password}).status_code


def test_the_operator_unlocks_a_locked_out_administrator(world: World):
    app = create_app(
        {"INSTALLATION": world.installation, "SECRET_KEY": "test", "DEVELOPMENT": True, "WTF_CSRF_ENABLED": False}
    )
    for _ in range(authentication.MAX_FAILURES_PER_ACCOUNT):
        assert sign_in(app, "wrong-password") == 401
    assert sign_in(app, PASSWORD) == 401, "the limit holds for the only administrator too"

    result = app.test_cli_runner().invoke(cli, ["unlock", "Dan"])
    assert result.exit_code == 0, result.output
    assert (
        result.output.strip()
        == f"dan can sign in again ({authentication.MAX_FAILURES_PER_ACCOUNT + 1} failed attempts cleared)."
    )
    assert sign_in(app, PASSWORD) == 302

    with world.installation.db.read() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == Action.UNLOCK_USER)).one()
        assert event.actor.startswith("cli:") and json.loads(event.details)["user"] == "dan"
        assert chain.verify(session).intact

    for _ in range(authentication.MAX_FAILURES_PER_ACCOUNT):
        sign_in(app, "wrong-password")
    assert sign_in(app, PASSWORD) == 401, "unlocking clears the count, not the limit"


def test_unlocking_nobody_is_one_line(world: World):
    app = create_app({"INSTALLATION": world.installation, "SECRET_KEY": "test", "TESTING": True})
    result = app.test_cli_runner().invoke(cli, ["unlock", "nobody"])
    assert result.exit_code == 1 and result.stderr.strip() == "Error: No user “nobody”."
