"""Uploading a template: every refused attempt is an audit event, whatever refused it."""

from __future__ import annotations

import hashlib
import json

import pytest
from sqlalchemy import select

from tests.conftest import World, shown_fields, word_file
from workflow.audit import chain
from workflow.audit.models import AuditEvent
from workflow.documents import template_store
from workflow.documents.models import DocumentTemplate
from workflow.errors import WorkflowError

GOOD = word_file("Dear {{ letter.customer_name }},", *shown_fields("final"))

REFUSED = [
    ("ben", "final", "en", GOOD, "Only an administrator can upload templates."),
    ("dan", "memo", "en", GOOD, "Unknown document kind “memo”."),
    ("dan", "final", "xx", GOOD, "Choose the letter language of the template"),
    ("dan", "final", "en", b"not a zip", "not a zip archive"),
    ("dan", "final", "en", word_file("{{ letter.customer_nmae }}"), "asks for “letter.customer_nmae”"),
    ("dan", "final", "en", word_file("{{ letter.body "), "syntax error"),
    ("dan", "final", "en", word_file("{{ letter.body.__class__ }}", *shown_fields("final")), "could not be filled in"),
]


def upload_events(world: World) -> list[AuditEvent]:
    with world.installation.db.read() as session:
        return list(
            session.scalars(select(AuditEvent).where(AuditEvent.action == "upload_template").order_by(AuditEvent.seq))
        )


@pytest.mark.parametrize(("who", "kind", "language", "content", "sentence"), REFUSED)
def test_every_refused_upload_is_recorded_with_what_was_tried(
    world: World, who: str, kind: str, language: str, content: bytes, sentence: str
) -> None:
    with pytest.raises(WorkflowError, match=sentence):
        template_store.upload_template(world.installation, world.people[who].id, kind, language, content)
    [event] = upload_events(world)
    assert (event.outcome, event.actor) == ("refused", who)
    assert sentence in event.comment
    tried = json.loads(event.details)
    assert (tried["kind"], tried["size"], tried["sha256"]) == (kind, len(content), hashlib.sha256(content).hexdigest())
    with world.installation.db.read() as session:
        assert session.scalars(select(DocumentTemplate)).all() == []
        assert chain.verify(session).intact


def test_a_typed_kind_is_kept_short_in_the_record(world: World) -> None:
    with pytest.raises(WorkflowError, match="Unknown document kind"):
        template_store.upload_template(world.installation, world.people["dan"].id, "k" * 10_000, "en", GOOD)
    [event] = upload_events(world)
    assert len(json.loads(event.details)["kind"]) == 40


def test_an_accepted_upload_is_one_event(world: World) -> None:
    template_store.upload_template(world.installation, world.people["dan"].id, "final", "en", GOOD)
    [event] = upload_events(world)
    assert event.outcome == "ok" and event.content_sha256 == hashlib.sha256(GOOD).hexdigest()
