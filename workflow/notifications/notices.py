"""Telling one person one thing: a notice becomes an e-mail in their language, written into
the outgoing mail in the caller's transaction, or held for their daily digest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session, col

from workflow.assignments.delegation import acting_for
from workflow.letters.models import Letter, LetterVersion
from workflow.letters.states import State
from workflow.mail.outgoing import Recipient, queue_mail
from workflow.mail.settings import MailSettings
from workflow.notifications.compose import Told, held_notice, notice_message
from workflow.notifications.preferences import Notify
from workflow.outbox.registry import Moment
from workflow.people.models import User
from workflow.storage.orm import saved_id


@dataclass(frozen=True)
class Notice:
    """`kind` is a registered notice (`texts.py`); `quote` is a person's words to pass on
    (a reviewer's comment, a mail server's answer); `due_at` the time the step is due."""

    kind: str
    recipient_id: int
    letter_id: int | None = None
    actor_id: int | None = None
    quote: str = ""
    due_at: datetime | None = None


def notify(moment: Moment, notice: Notice) -> bool:
    """Write the notice for its recipient, or for whoever stands in for them while they are
    away; False when there is nobody to write to (an account switched off, or with no
    e-mail address)."""
    session, settings = moment.session, moment.installation.config.mail
    reader = session.get(User, acting_for(session, notice.recipient_id, moment.now))
    if reader is None or not reader.active or not reader.email:
        return False
    letter = session.get(Letter, notice.letter_id) if notice.letter_id is not None else None
    told = _told(session, settings, notice, reader, letter)
    held = reader.notify == Notify.DIGEST
    queue_mail(
        session,
        settings,
        moment.now,
        kind=notice.kind,
        to=Recipient(reader.email, reader.display_name, reader.language, saved_id(reader)),
        content=held_notice(told) if held else notice_message(told, settings),
        held=held,
        letter_id=notice.letter_id,
    )
    return True


def _told(session: Session, settings: MailSettings, notice: Notice, reader: User, letter: Letter | None) -> Told:
    actor = session.get(User, notice.actor_id) if notice.actor_id is not None else None
    language = reader.language
    if letter is None:
        return Told(notice.kind, language, reader.display_name, actor=actor.display_name if actor else "")
    version = None
    if State(letter.state) in (State.PEER_REVIEW, State.LEGAL_REVIEW):
        version = session.scalars(
            select(LetterVersion).where(
                col(LetterVersion.letter_id) == letter.id, col(LetterVersion.number) == letter.current_version
            )
        ).first()
    return Told(
        kind=notice.kind,
        language=language,
        reader=reader.display_name,
        reference=letter.reference,
        customer=letter.customer_name,
        amount=letter.amount.format(language),
        actor=actor.display_name if actor else "",
        link=settings.link(f"/letters/{letter.id}"),
        quote=notice.quote,
        due_at=notice.due_at,
        version=version.number if version else None,
        letter_text=version.body if version else "",
    )
