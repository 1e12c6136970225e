"""Delivering the outgoing mail: claim a batch, send each message, note what happened.

A message is claimed for a while (a lease) in a short write transaction, with `FOR UPDATE
SKIP LOCKED` on PostgreSQL so workers never claim the same one and SQLite's single writer
serialising the claims there; it is then sent with no transaction open, and the outcome is
written in another. A worker that dies between the server's "250" and that last write
leaves a claimed message whose lease runs out: another worker sends it again, with the same
Message-ID. So delivery is at least once, and a duplicate is the same message.
Failures are tried again with exponential backoff (`workflow.outbox.backoff`); a permanent
refusal (5xx) or the last attempt fails the message for good, for an administrator to see.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import or_, select, update
from sqlmodel import Session

from workflow.installation import Installation
from workflow.letters.models import StoredDocument
from workflow.mail.kinds import Skip, mail_kind
from workflow.mail.message import Attachment, build_message
from workflow.mail.models import MailState, OutgoingMail
from workflow.mail.transport import NotDelivered, Sender, Transport
from workflow.outbox.backoff import given_up, next_attempt
from workflow.outbox.registry import Moment
from workflow.storage.orm import table

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
"""How long a claim holds: longer than any one SMTP conversation (30 s timeouts per step)."""

BATCH = 20

_MAIL = table(OutgoingMail)


@dataclass(frozen=True)
class Delivery:
    """Who delivers (the worker's name, on the rows it claims) and by which way."""

    installation: Installation
    transport: Transport
    worker: str

    def run(self, batch: int = BATCH) -> int:
        """Claim and deliver up to `batch` due messages; how many were claimed."""
        claimed = self._claim(batch)
        if not claimed:
            return 0
        try:
            with self.transport.connect() as sender:
                for mail_id in claimed:
                    self._deliver_or_note(sender, mail_id)
        except NotDelivered as failure:
            for mail_id in claimed:
                self._failed(mail_id, failure, only_if_claimed=True)
        return len(claimed)

    def _deliver_or_note(self, sender: Sender, mail_id: int) -> None:
        """A message that breaks something unforeseen is noted on its row and tried again
        with backoff like any failure, until it fails for good where an administrator sees
        it; it never stops the others."""
        try:
            self._deliver(sender, mail_id)
        except Exception as error:  # noqa: BLE001  (the error is kept on the message's row)
            log.exception("delivering outgoing mail %s failed", mail_id)
            self._failed(mail_id, NotDelivered(f"tactful could not send it: {error!r}", permanent=False))

    def _claim(self, batch: int) -> list[int]:
        now = self.installation.clock.now()

        def work(session: Session) -> list[int]:
            ids: list[int] = list(
                session.scalars(
                    select(_MAIL.c.id)
                    .where(
                        _MAIL.c.state == MailState.QUEUED,
                        _MAIL.c.next_attempt_at <= now,
                        or_(_MAIL.c.lease_until.is_(None), _MAIL.c.lease_until <= now),
                    )
                    .order_by(_MAIL.c.id)
                    .limit(batch)
                    .with_for_update(skip_locked=True)
                )
            )
            if ids:
                session.connection().execute(
                    update(_MAIL)
                    .where(_MAIL.c.id.in_(ids))
                    .values(lease_until=now + LEASE, claimed_by=self.worker, attempts=_MAIL.c.attempts + 1)
                )
            return ids

        return self.installation.db.write(work)

    def _deliver(self, sender: Sender, mail_id: int) -> None:
        with self.installation.db.read() as session:
            mail = session.get_one(OutgoingMail, mail_id)
            attachment = _attachment(session, mail.document_id)
        kind = mail_kind(mail.kind)
        skip = kind.before_sending(self.installation, mail)
        if skip is not None:
            self._skipped(mail_id, skip)
            return
        try:
            accepted = sender.send(build_message(mail, self.installation.config.mail, attachment))
        except NotDelivered as failure:
            self._failed(mail_id, failure)
            return
        afterwards = kind.on_accepted(self.installation, mail, accepted.reply)
        self._sent(mail_id, accepted.reply, afterwards)

    def _sent(self, mail_id: int, reply: str, afterwards: str) -> None:
        now = self.installation.clock.now()

        def work(session: Session) -> None:
            session.connection().execute(
                update(_MAIL)
                .where(_MAIL.c.id == mail_id)
                .values(state=MailState.SENT, sent_at=now, server_reply=reply, lease_until=None, last_error=afterwards)
            )

        self.installation.db.write(work)

    def _skipped(self, mail_id: int, skip: Skip) -> None:
        now = self.installation.clock.now()

        def work(session: Session) -> None:
            values: dict[str, object] = {"state": skip.state, "lease_until": None, "last_error": skip.reason}
            if skip.state is MailState.SENT:
                values["sent_at"] = now
            session.connection().execute(update(_MAIL).where(_MAIL.c.id == mail_id).values(**values))

        self.installation.db.write(work)

    def _failed(self, mail_id: int, failure: NotDelivered, *, only_if_claimed: bool = False) -> None:
        now = self.installation.clock.now()

        def work(session: Session) -> None:
            mail = session.get_one(OutgoingMail, mail_id)
            if only_if_claimed and (mail.state != MailState.QUEUED or mail.claimed_by != self.worker):
                return
            mail.last_error = failure.reason[:2000]
            mail.lease_until = None
            if failure.permanent or given_up(mail.attempts):
                mail.state = MailState.FAILED.value
                mail_kind(mail.kind).on_failed(Moment(session, self.installation, now), mail)
            else:
                mail.next_attempt_at = next_attempt(now, mail.attempts)

        self.installation.db.write(work)


def _attachment(session: Session, document_id: int | None) -> Attachment | None:
    if document_id is None:
        return None
    document = session.get_one(StoredDocument, document_id)
    return Attachment(document.filename, document.media_type, document.content)
