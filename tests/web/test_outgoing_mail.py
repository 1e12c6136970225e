"""The pages of the mail: an administrator's list of outgoing mail with its failures and a
way to send one again, the letter page while its e-mail is on its way and after, and each
person's own choice of language and digest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session, col

from tests.conftest import World
from tests.web.conftest import Person, text_of
from workflow.audit.models import AuditEvent
from workflow.mail.models import MailState, OutgoingMail
from workflow.mail.outgoing import Content, Recipient, queue_mail
from workflow.mail.transport import FolderTransport
from workflow.outbox.worker import Worker
from workflow.people.models import User


def failed_message(world: World) -> int:
    def work(session: Session) -> int:
        mail = queue_mail(
            session,
            world.installation.config.mail,
            world.clock.now(),
            kind="changes_requested",
            to=Recipient("gone@tactful.test", "Gone", "en"),
            content=Content("Changes requested: TL-2026-00009", "Plain words about <this>.", "<p>Plain</p>"),
        )
        mail.state, mail.attempts, mail.last_error = "failed", 1, "The mail server answered 550 5.1.1 User unknown"
        session.flush()
        assert mail.id is not None
        return mail.id

    return world.installation.db.write(work)


def test_an_administrator_sees_a_failure_reads_it_and_sends_it_again(
    world: World, sign_in: Callable[[str], Person]
) -> None:
    mail_id = failed_message(world)
    dan = sign_in("dan")
    page = dan.page("/admin/mail")
    assert "1 message failed for good" in text_of(page, "//main")
    row = text_of(page, "//tbody/tr")
    assert "gone@tactful.test" in row and "550 5.1.1 User unknown" in row and "changes requested" in row
    message = dan.page(f"/admin/mail/{mail_id}")
    assert "Plain words about <this>." in text_of(message, "//pre")
    response = dan.post(f"/admin/mail/{mail_id}/retry")
    assert response.status_code == 302
    with world.installation.db.read() as session:
        assert session.get_one(OutgoingMail, mail_id).state == MailState.QUEUED
        event = session.scalars(select(AuditEvent).order_by(col(AuditEvent.seq).desc())).first()
    assert event is not None and (event.action, event.actor) == ("retry_mail", "dan")
    again = dan.post(f"/admin/mail/{mail_id}/retry", follow_redirects=True)
    assert "Only a failed message can be sent again; this one is queued." in again.get_data(as_text=True)


def test_the_letter_page_says_the_letter_is_being_e_mailed_and_then_how_it_went(
    world: World, sign_in: Callable[[str], Person], tmp_path: Path
) -> None:
    letter = world.approved(world.letter())
    ana = sign_in("ana")
    response = ana.act(letter, "email_letter")
    assert response.status_code == 302
    page = ana.page(f"/letters/{letter.id}")
    assert "Being sent by e-mail to mary@example.org" in text_of(page, "//*[@role='status']")
    Worker(world.installation, transport=FolderTransport(tmp_path)).run_until_idle()
    page = ana.page(f"/letters/{letter.id}")
    status = text_of(page, "//*[@role='status']")
    with world.installation.db.read() as session:
        mail = session.scalars(select(OutgoingMail).where(col(OutgoingMail.kind) == "customer_letter")).one()
    assert "Sent by e-mail to mary@example.org" in status
    assert mail.message_id in status and f"written to {tmp_path}" in status


def test_a_person_chooses_the_language_and_a_daily_digest(world: World, sign_in: Callable[[str], Person]) -> None:
    ben = sign_in("ben")
    page = ben.page("/account/notifications")
    assert "no e-mail address" in text_of(page, "//main")
    response = ben.post("/account/notifications", {"language": "tr", "notify": "digest"}, follow_redirects=True)
    assert "Saved" in response.get_data(as_text=True)
    with world.installation.db.read() as session:
        person = session.get_one(User, world.people["ben"].id)
    assert (person.language, person.notify) == ("tr", "digest")
    refused = ben.post("/account/notifications", {"language": "fr", "notify": "digest"}, follow_redirects=True)
    assert "Choose one of the languages" in refused.get_data(as_text=True)
