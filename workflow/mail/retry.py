"""An administrator sends a failed message again: from the "Outgoing mail" page, after
fixing what made it fail (the mail server's settings, a customer's address)."""

from __future__ import annotations

from sqlmodel import Session

from workflow.audit import chain
from workflow.audit.actions import Action
from workflow.audit.actors import Origin, actor_of
from workflow.audit.refusals import write_recorded
from workflow.errors import InvalidInput, NotFound
from workflow.installation import Installation
from workflow.mail.models import MailState, OutgoingMail
from workflow.people.authority import require_admin


def retry_mail(installation: Installation, admin_id: int, mail_id: int, *, origin: Origin | None = None) -> None:
    """Queue a failed message again with its attempts counted from zero; its Message-ID stays."""
    now = installation.clock.now()

    def work(session: Session) -> None:
        admin = require_admin(session, admin_id, "send a failed e-mail again")
        mail = session.get(OutgoingMail, mail_id)
        if mail is None:
            raise NotFound("No such message.")
        if mail.state != MailState.FAILED:
            raise InvalidInput(f"Only a failed message can be sent again; this one is {MailState(mail.state).label}.")
        mail.state, mail.attempts, mail.next_attempt_at = MailState.QUEUED.value, 0, now
        chain.append(
            session,
            actor=actor_of(admin, origin),
            action=Action.RETRY_MAIL,
            at=now,
            letter_id=mail.letter_id,
            comment=mail.last_error,
            details={"to": mail.to_address, "subject": mail.subject, "message_id": mail.message_id},
        )

    write_recorded(installation, Action.RETRY_MAIL, admin_id, origin, work)
