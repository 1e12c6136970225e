"""The table of outgoing mail: every message tactful sends, from the moment it is written
until the mail server has taken it (or refused it for good).

A message is written whole, in its recipient's language, in the transaction that decided
to send it; its Message-ID is chosen then and never changes, so a message sent twice (a
worker that died after the server took it, before it could note so) is one message to the
recipient's mail program. The attachment is the kept document itself, by id, never a copy.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from workflow.storage.types import UTCDateTime, text_field


class MailState(StrEnum):
    QUEUED = "queued"
    HELD = "held"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"
    DIGESTED = "digested"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    MailState.QUEUED: "queued",
    MailState.HELD: "held for the daily digest",
    MailState.SENT: "sent",
    MailState.FAILED: "failed",
    MailState.CANCELLED: "not sent",
    MailState.DIGESTED: "sent in a digest",
}


class OutgoingMail(SQLModel, table=True):
    __tablename__ = "outgoing_mail"
    __table_args__ = (
        Index("ix_outgoing_mail_state_next_attempt", "state", "next_attempt_at"),
        Index("ix_outgoing_mail_recipient_state", "recipient_id", "state"),
        Index("ix_outgoing_mail_letter_kind", "letter_id", "kind"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40)
    state: str = Field(default=MailState.QUEUED.value, max_length=10)
    message_id: str = Field(max_length=200, unique=True)
    recipient_id: int | None = Field(default=None, foreign_key="users.id")
    to_address: str = Field(max_length=320)
    to_name: str = Field(default="", max_length=200)
    reply_to: str = Field(default="", max_length=320)
    language: str = Field(max_length=2)
    subject: str = Field(max_length=300)
    text: str = Field(sa_type=Text)
    html: str = Field(sa_type=Text)
    letter_id: int | None = Field(default=None, foreign_key="letters.id")
    document_id: int | None = Field(default=None, foreign_key="stored_documents.id")
    requested_by_id: int | None = Field(default=None, foreign_key="users.id")
    digest_id: int | None = Field(default=None, foreign_key="outgoing_mail.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_type=UTCDateTime)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    claimed_by: str = Field(default="", max_length=100)
    last_error: str = text_field()
    server_reply: str = Field(default="", max_length=500)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
