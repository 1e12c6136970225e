"""Writing a message into the outgoing mail, inside the caller's transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from workflow.mail.models import MailState, OutgoingMail
from workflow.mail.settings import MailSettings


@dataclass(frozen=True)
class Recipient:
    address: str
    name: str
    language: str
    person_id: int | None = None


@dataclass(frozen=True)
class Content:
    """What a message says, whole: the subject, the plain text and the same as HTML."""

    subject: str
    text: str
    html: str


def new_message_id(settings: MailSettings) -> str:
    """Chosen once, when the message is written, and kept with it: every retry carries it."""
    return f"<tactful.{uuid.uuid4().hex}@{settings.domain}>"


def queue_mail(
    session: Session,
    settings: MailSettings,
    now: datetime,
    *,
    kind: str,
    to: Recipient,
    content: Content,
    held: bool = False,
    letter_id: int | None = None,
    document_id: int | None = None,
    requested_by_id: int | None = None,
    reply_to: str = "",
) -> OutgoingMail:
    """Add one message for the worker to send (or, `held`, to keep for a daily digest)."""
    mail = OutgoingMail(
        kind=kind,
        state=(MailState.HELD if held else MailState.QUEUED).value,
        message_id=new_message_id(settings),
        recipient_id=to.person_id,
        to_address=to.address,
        to_name=to.name[:200],
        reply_to=reply_to,
        language=to.language,
        subject=content.subject[:300],
        text=content.text,
        html=content.html,
        letter_id=letter_id,
        document_id=document_id,
        requested_by_id=requested_by_id,
        created_at=now,
        next_attempt_at=now,
    )
    session.add(mail)
    return mail
