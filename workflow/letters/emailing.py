"""Sending the final letter by e-mail (issue 15, item 7).

"Send by e-mail" (`email_letter`) records the request; its outbox event becomes a message to
the customer in the letter's language, with a short cover text and the PDF/A frozen at
approval attached. The letter becomes sent only when the mail server has accepted the
message: after the server's 250 the worker pulls `send` through `fire`, in the name of the
person who asked, with the Message-ID and the server's reply in the audit event. A message
the server refuses for good leaves the letter approved; its author is told, and the refusal
is in the record. Before each attempt the worker looks again: a letter withdrawn or changed
meanwhile is not sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from workflow.audit import chain
from workflow.audit.actions import Action
from workflow.audit.actors import Actor, Origin
from workflow.errors import Refused
from workflow.installation import Installation
from workflow.letters.address import FormOfAddress, greeting
from workflow.letters.frozen import frozen_letter
from workflow.letters.inputs import FollowUp, SendInput
from workflow.letters.loading import documents_of
from workflow.letters.models import Letter
from workflow.letters.services import fire
from workflow.letters.states import State
from workflow.letters.triggers import EMAIL
from workflow.mail.kinds import MailKind, Skip, add_mail_kind
from workflow.mail.models import MailState, OutgoingMail
from workflow.mail.outgoing import Content, Recipient, queue_mail
from workflow.mail.queries import CUSTOMER_LETTER, EMAIL_LETTER
from workflow.notifications.compose import Part
from workflow.notifications.notices import Notice, notify
from workflow.outbox.models import OutboxEvent
from workflow.outbox.registry import Moment, listen
from workflow.settings.config import Company
from workflow.settings.effective import effective_company
from workflow.storage.orm import saved_id


@dataclass(frozen=True)
class Cover:
    subject: str
    body: str
    closing: str


COVERS: dict[str, Cover] = {
    "en": Cover(
        "Our answer to your refund request ({reference})",
        "Please find attached our letter in answer to your refund request, as a PDF file. "
        "If you have a question about it, reply to this e-mail.",
        "Kind regards,",
    ),
    "es": Cover(
        "Nuestra respuesta a su solicitud de reembolso ({reference})",
        "Le adjuntamos, en un archivo PDF, nuestra carta en respuesta a su solicitud de reembolso. "
        "Si tiene alguna pregunta sobre ella, responda a este correo.",
        "Atentamente,",
    ),
    "bg": Cover(
        "Нашият отговор на искането ви за възстановяване на сума ({reference})",
        "Прилагаме като файл PDF нашето писмо в отговор на искането ви за възстановяване на сума. "
        "Ако имате въпрос за него, отговорете на този имейл.",
        "С уважение,",
    ),
    "tr": Cover(
        "İade talebinize yanıtımız ({reference})",
        "İade talebinize yanıt olarak yazdığımız mektubu PDF dosyası olarak ekte bulabilirsiniz. "
        "Mektupla ilgili bir sorunuz olursa bu e-postayı yanıtlayın.",
        "Saygılarımızla,",
    ),
}


def cover_message(letter: Letter, company: Company) -> Content:
    """The short text around the attached letter, in the letter's language."""
    words = COVERS[letter.language]
    parts = [
        Part(greeting(FormOfAddress(letter.form_of_address), letter.customer_name, letter.language)),
        Part(words.body),
        Part(f"{words.closing}\n{company.name}"),
    ]
    return Content(
        subject=words.subject.format(reference=letter.reference),
        text="\n\n".join(p.plain() for p in parts) + "\n",
        html="<!doctype html><html><body>"
        + "".join(p.markup().replace("\n", "<br>") for p in parts)
        + "</body></html>",
    )


@listen(EMAIL_LETTER)
def queue_customer_letter(moment: Moment, event: OutboxEvent) -> None:
    """The message to the customer, attaching the PDF the request named (a letter withdrawn
    before the worker came to it is not e-mailed)."""
    session, settings = moment.session, moment.installation.config.mail
    letter = session.get_one(Letter, event.letter_id)
    frozen = frozen_letter(documents_of(session, saved_id(letter)), letter.current_version)
    if letter.state != State.APPROVED or frozen is None or frozen.pdf is None:
        return
    company = effective_company(session, moment.installation.config.company)
    queue_mail(
        session,
        settings,
        moment.now,
        kind=CUSTOMER_LETTER,
        to=Recipient(letter.customer_email.strip(), letter.customer_name, letter.language),
        content=cover_message(letter, company),
        letter_id=letter.id,
        document_id=frozen.pdf.id,
        requested_by_id=event.actor_id,
        reply_to=company.email,
    )


def _still_wanted(installation: Installation, mail: OutgoingMail) -> Skip | None:
    with installation.db.read() as session:
        letter = session.get_one(Letter, mail.letter_id)
        state = State(letter.state)
        if state in (State.SENT, State.ARCHIVED) and letter.channel == EMAIL:
            return Skip("The letter was marked sent after an earlier attempt.", MailState.SENT)
        if state is not State.APPROVED:
            return Skip(f"The letter is {state.label.lower()} now, so it was not e-mailed.")
        frozen = frozen_letter(documents_of(session, saved_id(letter)), letter.current_version)
    if frozen is None or frozen.pdf is None or frozen.pdf.id != mail.document_id:
        return Skip("The final letter changed after the e-mail was asked for, so it was not e-mailed.")
    return None


def _mark_sent(installation: Installation, mail: OutgoingMail, reply: str) -> str:
    """`send` in the name of the person who asked, now that the server has the message."""
    assert mail.letter_id is not None and mail.requested_by_id is not None
    inputs = SendInput(
        EMAIL, installation.clock.now().date(), FollowUp.POLICY, message_id=mail.message_id, server_reply=reply
    )
    try:
        fire(
            installation,
            "send",
            mail.letter_id,
            mail.requested_by_id,
            inputs,
            origin=Origin(address="mail worker", request_id=f"outgoing-mail-{mail.id}"),
        )
    except Refused as refusal:
        return f"The mail server accepted the letter, but it could not be marked sent: {refusal.message}"
    return ""


def _refused(moment: Moment, mail: OutgoingMail) -> None:
    """In the record and to the author: the letter stays approved and was not sent."""
    letter = moment.session.get_one(Letter, mail.letter_id)
    chain.append(
        moment.session,
        actor=Actor("mail worker", address="mail worker", request_id=f"outgoing-mail-{mail.id}"),
        action=Action.EMAIL_REFUSED,
        at=moment.now,
        letter_id=letter.id,
        letter_ref=letter.reference,
        from_state=letter.state,
        to_state=letter.state,
        version=letter.current_version,
        comment=mail.last_error,
        details={"to": mail.to_address, "message_id": mail.message_id, "attempts": mail.attempts},
    )
    notify(moment, Notice("letter_email_refused", letter.author_id, letter.id, quote=mail.last_error))


add_mail_kind(MailKind(CUSTOMER_LETTER, "letter to a customer", _still_wanted, _mark_sent, _refused))
