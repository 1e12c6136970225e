"""Delivery through a real SMTP server on 127.0.0.1: what arrives, what a retry looks like,
and what an administrator sees when a server refuses."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlmodel import Session

from tests.conftest import World
from tests.infra.smtpserver import Handler, free_port, self_signed, smtp_server
from tests.mail.conftest import outgoing, smtp_settings, with_mail
from workflow.mail.delivery import Delivery
from workflow.mail.message import build_message
from workflow.mail.models import MailState
from workflow.mail.outgoing import Content, Recipient, queue_mail
from workflow.mail.queries import outgoing_mail_failures
from workflow.mail.settings import MailSettings, Security
from workflow.mail.transport import FolderTransport, transport_for
from workflow.outbox.backoff import FIRST_WAIT
from workflow.outbox.worker import Worker


def one_message(world: World, to: str = "someone@tactful.test") -> None:
    def work(session: Session) -> None:
        queue_mail(
            session,
            world.installation.config.mail,
            world.clock.now(),
            kind="test",
            to=Recipient(to, "Some One", "en"),
            content=Content("Hello", "Plain words.\n", "<p>Plain words.</p>"),
        )

    world.installation.db.write(work)


def test_a_notice_arrives_with_text_html_link_and_its_own_message_id(mailing: tuple[World, Handler, Worker]) -> None:
    world, server, worker = mailing
    world.to_review(world.letter())
    worker.run_until_idle()
    got = {r.envelope_to[0]: r for r in server.received}
    assert set(got) == {"ben@tactful.test", "eve@tactful.test", "finn@tactful.test"}
    message = got["ben@tactful.test"].message
    assert message["Subject"] == "Peer review: TL-2026-00001 for Mary Smith"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "https://tactful.test/letters/1" in text and 'href="https://tactful.test/letters/1"' in html
    assert "We delivered it on time" in text
    rows = {m.to_address: m for m in outgoing(world)}
    assert message["Message-ID"] == rows["ben@tactful.test"].message_id
    assert rows["ben@tactful.test"].state == MailState.SENT
    assert rows["ben@tactful.test"].server_reply.startswith("250 2.0.0 Ok: queued as TEST")


def test_a_busy_server_gets_the_same_message_again_after_the_backoff(
    mailing: tuple[World, Handler, Worker],
) -> None:
    world, server, worker = mailing
    server.busy_for = 1
    one_message(world)
    worker.run_until_idle()
    [mail] = outgoing(world)
    assert (mail.state, mail.attempts, server.received) == (MailState.QUEUED, 1, [])
    assert "451 4.3.0 Try again later" in mail.last_error
    assert mail.next_attempt_at == world.clock.now() + FIRST_WAIT
    worker.run_until_idle()
    assert server.received == []
    world.clock.advance(FIRST_WAIT)
    worker.run_until_idle()
    [mail] = outgoing(world)
    assert mail.state == MailState.SENT and mail.attempts == 2
    assert server.message_ids() == [mail.message_id]


def test_a_refused_recipient_fails_for_good_and_is_counted_for_administrators(
    mailing: tuple[World, Handler, Worker],
) -> None:
    world, server, worker = mailing
    server.refuse.add("nobody@tactful.test")
    one_message(world, "nobody@tactful.test")
    one_message(world, "somebody@tactful.test")
    worker.run_until_idle()
    refused, taken = outgoing(world)
    assert refused.state == MailState.FAILED and "550 5.1.1" in refused.last_error
    assert taken.state == MailState.SENT
    with world.installation.db.read() as session:
        assert outgoing_mail_failures(session) == 1


def test_a_server_that_cannot_be_reached_is_tried_again_later(world: World) -> None:
    world.installation = with_mail(world.installation, smtp_settings(free_port()))
    one_message(world)
    Worker(world.installation).run_until_idle()
    [mail] = outgoing(world)
    assert mail.state == MailState.QUEUED and mail.attempts == 1
    assert "Could not reach the mail server at 127.0.0.1" in mail.last_error


def test_the_same_row_always_makes_the_same_message(mailing: tuple[World, Handler, Worker]) -> None:
    world, _, _ = mailing
    one_message(world)
    [mail] = outgoing(world)
    settings = world.installation.config.mail
    assert build_message(mail, settings).as_bytes() == build_message(mail, settings).as_bytes()


def _through(world: World, settings: MailSettings, server: Handler) -> None:
    world.installation = with_mail(world.installation, settings)
    one_message(world)
    Worker(world.installation).run_until_idle()
    [mail] = outgoing(world)
    assert mail.state == MailState.SENT, mail.last_error
    assert server.message_ids() == [mail.message_id]


def test_starttls_with_the_company_certificate(world: World, tmp_path: Path) -> None:
    certificate = self_signed(tmp_path)
    with smtp_server(starttls=certificate) as (server, port):
        settings = smtp_settings(port, smtp_security=Security.STARTTLS, smtp_ca_file=certificate.cert)
        _through(world, settings, server)


def test_implicit_tls_with_the_company_certificate(world: World, tmp_path: Path) -> None:
    certificate = self_signed(tmp_path)
    with smtp_server(implicit_tls=certificate) as (server, port):
        _through(world, smtp_settings(port, smtp_security=Security.TLS, smtp_ca_file=certificate.cert), server)


def test_a_certificate_nobody_vouches_for_is_not_trusted(world: World, tmp_path: Path) -> None:
    with smtp_server(starttls=self_signed(tmp_path)) as (server, port):
        world.installation = with_mail(world.installation, smtp_settings(port, smtp_security=Security.STARTTLS))
        one_message(world)
        Worker(world.installation).run_until_idle()
    [mail] = outgoing(world)
    assert mail.state == MailState.QUEUED and "CERTIFICATE_VERIFY_FAILED" in mail.last_error
    assert server.received == []


def test_without_a_server_each_message_is_an_eml_file(world: World, tmp_path: Path) -> None:
    settings = MailSettings(folder=tmp_path / "mail")
    assert isinstance(transport_for(settings), FolderTransport)
    world.installation = with_mail(world.installation, settings)
    one_message(world)
    Delivery(world.installation, transport_for(settings), "test").run()
    [mail] = outgoing(world)
    [file] = (tmp_path / "mail").glob("*.eml")
    assert mail.state == MailState.SENT and mail.server_reply == f"written to {file}"
    assert f"Message-ID: {mail.message_id}" in file.read_text()
    world.clock.advance(timedelta(days=1))
    Delivery(world.installation, transport_for(settings), "test").run()
    assert len(list((tmp_path / "mail").glob("*.eml"))) == 1


def test_an_address_beyond_ascii_goes_to_a_server_that_takes_smtputf8(world: World) -> None:
    with smtp_server(smtputf8=True) as (server, port):
        world.installation = with_mail(world.installation, smtp_settings(port))
        one_message(world, "ayşe@tactful.test")
        Worker(world.installation).run_until_idle()
    [mail] = outgoing(world)
    assert mail.state == MailState.SENT, mail.last_error
    assert [r.envelope_to for r in server.received] == [["ayşe@tactful.test"]]
    assert "To: Some One <ayşe@tactful.test>".encode() in server.received[0].raw


def test_a_server_without_smtputf8_refuses_such_an_address_in_a_sentence(
    mailing: tuple[World, Handler, Worker],
) -> None:
    world, server, worker = mailing
    one_message(world, "ayşe@tactful.test")
    worker.run_until_idle()
    [mail] = outgoing(world)
    assert mail.state == MailState.FAILED and server.received == []
    assert mail.last_error == (
        "The mail server does not take addresses with letters beyond ASCII (SMTPUTF8), such as ayşe@tactful.test."
    )
