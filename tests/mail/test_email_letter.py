"""Sending the final letter by e-mail (issue 15, item 7): the frozen PDF reaches the
customer through a real SMTP server, and the letter becomes sent only once the server has
accepted it, in the record with the Message-ID and the server's reply."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from sqlmodel import col

from tests.conftest import World
from tests.infra.smtpserver import Handler
from tests.mail.conftest import outgoing
from workflow.audit.models import AuditEvent
from workflow.errors import Refused
from workflow.letters.frozen import frozen_letter
from workflow.letters.loading import documents_of
from workflow.letters.models import Letter, StoredDocument
from workflow.mail.models import MailState
from workflow.outbox.dispatch import handle_events
from workflow.outbox.worker import Worker

Mailing = tuple[World, Handler, Worker]


def reload(world: World, letter: Letter) -> Letter:
    with world.installation.db.read() as session:
        return session.get_one(Letter, letter.id)


def events(world: World, letter: Letter) -> list[AuditEvent]:
    with world.installation.db.read() as session:
        return list(
            session.scalars(
                select(AuditEvent).where(col(AuditEvent.letter_id) == letter.id).order_by(col(AuditEvent.seq))
            )
        )


def frozen_pdf(world: World, letter: Letter) -> bytes:
    with world.installation.db.read() as session:
        frozen = frozen_letter(documents_of(session, letter.id), letter.current_version)
        assert frozen is not None and frozen.pdf is not None
        return session.get_one(StoredDocument, frozen.pdf.id).content


def test_the_customer_gets_the_frozen_pdf_and_the_letter_becomes_sent_on_the_servers_250(mailing: Mailing) -> None:
    world, server, worker = mailing
    letter = world.approved(world.letter(language="es", customer_name="María López"))
    worker.run_until_idle()
    server.received.clear()
    world.fire("email_letter", letter, "ana")
    assert reload(world, letter).state == "approved"
    with pytest.raises(Refused, match="being sent by e-mail"):
        world.fire("email_letter", letter, "ana")
    with pytest.raises(Refused, match="being sent by e-mail"):
        world.fire("redate", letter, "ana")
    worker.run_until_idle()
    [received] = server.received
    message = received.message
    assert received.envelope_to == ["mary@example.org"]
    assert message["Subject"] == "Nuestra respuesta a su solicitud de reembolso (TL-2026-00001)"
    assert "Buenos días, María López:" in message.get_body(("plain",)).get_content()
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == frozen_pdf(world, letter)
    sent = reload(world, letter)
    assert (sent.state, sent.channel, sent.sent_on) == ("sent", "email", world.clock.now().date())
    send = events(world, letter)[-1]
    details = json.loads(send.details)
    assert (send.action, send.actor, send.address) == ("send", "ana", "mail worker")
    assert details["message_id"] == message["Message-ID"]
    assert details["server_reply"].startswith("250 2.0.0 Ok: queued as TEST")
    [mail] = [m for m in outgoing(world) if m.kind == "customer_letter"]
    assert (mail.state, mail.server_reply) == (MailState.SENT, details["server_reply"])


def test_a_refusal_leaves_the_letter_approved_and_tells_its_author(mailing: Mailing) -> None:
    world, server, worker = mailing
    server.refuse.add("mary@example.org")
    letter = world.approved(world.letter())
    world.fire("email_letter", letter, "ana")
    worker.run_until_idle()
    assert reload(world, letter).state == "approved"
    refusal = events(world, letter)[-1]
    assert (refusal.action, refusal.actor) == ("email_refused", "mail worker")
    assert "550 5.1.1" in refusal.comment
    [told] = [
        r.message
        for r in server.received
        if r.envelope_to == ["ana@tactful.test"] and "Not sent" in r.message["Subject"]
    ]
    assert "550 5.1.1" in told.get_body(("plain",)).get_content()
    world.fire("email_letter", letter, "ana")


def test_marking_a_letter_sent_by_e_mail_by_hand_is_refused(world: World) -> None:
    letter = world.approved(world.letter())
    with pytest.raises(Refused, match="Send by e-mail"):
        world.fire("send", letter, "ana", channel="email", sent_on=world.clock.now().date())


def test_a_letter_without_an_address_cannot_go_by_e_mail(world: World) -> None:
    letter = world.approved(world.letter(customer_email=""))
    with pytest.raises(Refused, match="no e-mail address"):
        world.fire("email_letter", letter, "ana")


def test_a_letter_withdrawn_before_the_worker_came_is_not_e_mailed(mailing: Mailing) -> None:
    world, server, worker = mailing
    letter = world.approved(world.letter())
    world.fire("email_letter", letter, "ana")
    handle_events(world.installation)
    world.fire("withdraw", letter, "ana", reason="The refund was granted after all.")
    worker.run_until_idle()
    assert all(r.envelope_to != ["mary@example.org"] for r in server.received)
    [mail] = [m for m in outgoing(world) if m.kind == "customer_letter"]
    assert mail.state == MailState.CANCELLED and "withdrawn" in mail.last_error
