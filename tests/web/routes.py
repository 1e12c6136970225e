"""What the access and safety tests share: every route of the app with real ids filled in,
and a picture of the whole database to prove a request changed nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import pytest
from flask import Flask
from sqlalchemy import select
from sqlmodel import SQLModel
from werkzeug.routing import Rule

from tests.conftest import World
from tests.mail.writing import written
from workflow.audit.models import AuditEvent
from workflow.letters.models import StoredDocument
from workflow.storage.orm import saved_id
from workflow.webhooks.endpoints import add_endpoint

PUBLIC = {"auth.sign_in", "static"}
READING_EVENTS = {"download", "access_refused"}


@dataclass(frozen=True)
class Ids:
    """Real objects made through the use cases: a draft, a sent letter and its stored copy."""

    draft: int
    sent: int
    sent_document: int
    person: int
    mail: int
    endpoint: int


def real_ids(world: World) -> Ids:
    draft = world.letter(customer_name="Dora Draft")
    approved = world.approved(world.letter(customer_name="Sam Sent"))
    sent = world.fire("send", approved, "ana", channel="first_class_mail", sent_on=world.clock.now().date())
    with world.installation.db.read() as session:
        document = session.scalars(select(StoredDocument.id).where(StoredDocument.letter_id == sent.id)).first()
    local = replace(world.installation, config=replace(world.installation.config, webhooks_allow_private=True))
    hook = add_endpoint(local, "http://127.0.0.1:9/hook", ["sent"], secret="s" * 20)
    return Ids(
        draft=draft.id,
        sent=sent.id,
        sent_document=document,
        person=world.people["ana"].id,
        mail=saved_id(written(world, "someone@tactful.test")[0]),
        endpoint=hook.id,
    )


def values_for(rule: Rule, ids: Ids, **overrides: object) -> dict[str, object]:
    """Every argument a route takes; a new kind of argument fails here, so no route is skipped."""
    known = {
        "letter_id": ids.sent,
        "document_id": ids.sent_document,
        "user_id": ids.person,
        "kind": "final",
        "trigger": "archive",
        "mail_id": ids.mail,
        "endpoint_id": ids.endpoint,
        "filename": "style.css",
        "key": "uk_general",
        "clause_id": 1,
    }
    unknown = set(rule.arguments) - set(known)
    if unknown:
        pytest.fail(f"{rule.rule} takes {sorted(unknown)}: add a real value to tests/web/routes.py")
    return {name: overrides.get(name, known[name]) for name in rule.arguments}


def url_for_rule(app: Flask, rule: Rule, ids: Ids, **overrides: object) -> str:
    with app.test_request_context():
        return app.url_for(rule.endpoint, **values_for(rule, ids, **overrides))


def rules(app: Flask, method: str | None = None) -> Iterator[Rule]:
    """The pages' routes; the API's (token, not cookie) have their own tests in tests/api."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        page = rule.endpoint != "static" and not rule.endpoint.startswith("api.")
        if page and (method is None or method in rule.methods):
            yield rule


def snapshot(world: World) -> dict[str, list[tuple]]:
    """Every row of every table; audit events that only record a reading are left out."""
    picture = {}
    with world.installation.db.read() as session:
        for table in SQLModel.metadata.sorted_tables:
            query = select(table)
            if table.name == AuditEvent.__tablename__:
                query = query.where(table.c.action.not_in(READING_EVENTS))
            picture[table.name] = [tuple(row) for row in session.execute(query)]
    return picture
