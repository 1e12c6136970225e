"""The tables. Rows are plain records; the rules that change them live in `rules.py` and
the use cases in `services.py`.

Times are stored as naive UTC and handed back as aware UTC (`UTCDateTime`), so SQLite and
PostgreSQL give the same values and the audit hashes computed over them stay stable.
"""
from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Column, DateTime, Index, LargeBinary, Text, TypeDecorator, UniqueConstraint
from sqlmodel import Field, SQLModel

from workflow.decision import Concession, Decision, Reason
from workflow.money import Money
from workflow.roles import Role
from workflow.states import State


class UTCDateTime(TypeDecorator):
    """Aware UTC in Python, naive UTC in the database: one meaning on every backend."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware UTC datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def _text(**kw) -> Field:
    return Field(default="", sa_type=Text, **kw)


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True, index=True)
    display_name: str = Field(max_length=200)
    title: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=320)
    phone: str = Field(default="", max_length=64)
    roles: str = Field(default="", max_length=200)
    password_hash: str = Field(max_length=200)
    active: bool = True
    session_epoch: int = 0
    created_at: datetime = Field(sa_type=UTCDateTime)

    @property
    def role_set(self) -> frozenset[Role]:
        return frozenset(Role(r) for r in self.roles.split())

    def has_role(self, role: Role) -> bool:
        return role in self.role_set


class Letter(SQLModel, table=True):
    __tablename__ = "letters"
    __table_args__ = (
        Index("ix_letters_state_updated", "state", "updated_at"),
        Index("ix_letters_author_state_updated", "author_id", "state", "updated_at"),
        Index("ix_letters_currency_amount", "currency", "amount_minor"),
    )

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(default="", max_length=32, index=True)
    state: str = Field(default=State.DRAFT.value, max_length=20, index=True)
    revision: int = 1
    author_id: int = Field(foreign_key="users.id", index=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime, index=True)

    customer_name: str = Field(max_length=200, index=True)
    customer_email: str = Field(default="", max_length=320)
    postal_address: str = _text()
    order_reference: str = Field(default="", max_length=100, index=True)
    amount_minor: int
    currency: str = Field(max_length=3)
    language: str = Field(max_length=2)
    customer_reason: str = _text()
    reasons: str = Field(default="", max_length=200)
    policy_clause: str = _text()
    reason_details: str = _text()
    customer_value_minor: int | None = None
    concession: str = Field(default=Concession.NONE.value, max_length=20)
    concession_minor: int | None = None
    hardship: str = _text()
    internal_notes: str = _text()

    current_version: int = 0
    ready_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    review_round: int = 0
    escalated: bool = False
    channel: str | None = Field(default=None, max_length=30)
    sent_on: date | None = None
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sent_by_id: int | None = Field(default=None, foreign_key="users.id")
    sent_version: int | None = None
    follow_up_on: date | None = Field(default=None, index=True)
    archived_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    withdrawn_reason: str | None = Field(default=None, sa_type=Text)

    @property
    def amount(self) -> Money:
        return Money(self.currency, self.amount_minor)

    @property
    def decision(self) -> Decision:
        return Decision(
            customer_name=self.customer_name,
            customer_email=self.customer_email,
            postal_address=self.postal_address,
            order_reference=self.order_reference,
            amount=self.amount,
            language=self.language,
            customer_reason=self.customer_reason,
            reasons=tuple(Reason(r) for r in self.reasons.split()),
            policy_clause=self.policy_clause,
            reason_details=self.reason_details,
            customer_value=None
            if self.customer_value_minor is None
            else Money(self.currency, self.customer_value_minor),
            concession=Concession(self.concession),
            concession_amount=None
            if self.concession_minor is None
            else Money(self.currency, self.concession_minor),
            hardship=self.hardship,
            internal_notes=self.internal_notes,
        )

    @classmethod
    def columns_for(cls, decision: Decision) -> dict[str, object]:
        """The letter's columns that hold a decision record."""
        return {
            "customer_name": decision.customer_name.strip(),
            "customer_email": decision.customer_email.strip(),
            "postal_address": decision.postal_address.strip(),
            "order_reference": decision.order_reference.strip(),
            "amount_minor": decision.amount.minor,
            "currency": decision.amount.currency,
            "language": decision.language,
            "customer_reason": decision.customer_reason.strip(),
            "reasons": " ".join(r.value for r in decision.reasons),
            "policy_clause": decision.policy_clause.strip(),
            "reason_details": decision.reason_details.strip(),
            "customer_value_minor": None if decision.customer_value is None else decision.customer_value.minor,
            "concession": decision.concession.value,
            "concession_minor": None if decision.concession_amount is None else decision.concession_amount.minor,
            "hardship": decision.hardship.strip(),
            "internal_notes": decision.internal_notes.strip(),
        }


class LetterVersion(SQLModel, table=True):
    """One immutable text of a letter. Database triggers refuse UPDATE and DELETE."""

    __tablename__ = "letter_versions"
    __table_args__ = (UniqueConstraint("letter_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    letter_id: int = Field(foreign_key="letters.id", index=True)
    number: int
    body: str = Field(sa_type=Text)
    sha256: str = Field(max_length=64)
    author_id: int = Field(foreign_key="users.id")
    source: str = Field(default="edit", max_length=20)
    created_at: datetime = Field(sa_type=UTCDateTime)


class Review(SQLModel, table=True):
    """A reviewer's decision on one exact version (its content hash) in one review round."""

    __tablename__ = "reviews"

    id: int | None = Field(default=None, primary_key=True)
    letter_id: int = Field(foreign_key="letters.id", index=True)
    round: int
    stage: str = Field(max_length=10)
    decision: str = Field(max_length=20)
    version: int
    content_sha256: str = Field(max_length=64)
    reviewer_id: int = Field(foreign_key="users.id")
    comment: str = _text()
    details: str = Field(default="{}", sa_type=Text)
    void: bool = False
    created_at: datetime = Field(sa_type=UTCDateTime)


class AuditEvent(SQLModel, table=True):
    """One link of the append-only hash chain. Database triggers refuse UPDATE and DELETE."""

    __tablename__ = "audit_events"

    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    at: datetime = Field(sa_type=UTCDateTime, index=True)
    actor: str = Field(max_length=64, index=True)
    actor_roles: str = Field(default="", max_length=200)
    action: str = Field(max_length=40)
    outcome: str = Field(default="ok", max_length=20)
    letter_id: int | None = Field(default=None, index=True)
    letter_ref: str = Field(default="", max_length=32)
    from_state: str = Field(default="", max_length=20)
    to_state: str = Field(default="", max_length=20)
    version: int | None = None
    content_sha256: str = Field(default="", max_length=64)
    comment: str = _text()
    address: str = Field(default="", max_length=64)
    request_id: str = Field(default="", max_length=64)
    details: str = Field(default="{}", sa_type=Text)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64, unique=True)


class StoredDocument(SQLModel, table=True):
    """Bytes kept exactly as they were sent or uploaded, so a download is never a re-render."""

    __tablename__ = "stored_documents"

    id: int | None = Field(default=None, primary_key=True)
    letter_id: int = Field(foreign_key="letters.id", index=True)
    kind: str = Field(max_length=20)
    version: int | None = None
    filename: str = Field(max_length=255)
    media_type: str = Field(max_length=120)
    sha256: str = Field(max_length=64)
    size: int
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_by_id: int = Field(foreign_key="users.id")
    created_at: datetime = Field(sa_type=UTCDateTime)


class Setting(SQLModel, table=True):
    """An administrator's override of a configured default (thresholds, waiting period...)."""

    __tablename__ = "settings"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(sa_type=Text)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    updated_by_id: int | None = Field(default=None, foreign_key="users.id")


class LoginAttempt(SQLModel, table=True):
    """Sign-in attempts, kept in the database so the limit holds across server processes."""

    __tablename__ = "login_attempts"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, index=True)
    address: str = Field(max_length=64, index=True)
    success: bool
    at: datetime = Field(sa_type=UTCDateTime, index=True)


class AuditCheckpoint(SQLModel, table=True):
    """A signed chain head: cutting events off the end of the chain no longer goes unseen."""

    __tablename__ = "audit_checkpoints"

    id: int | None = Field(default=None, primary_key=True)
    seq: int
    head_hash: str = Field(max_length=64)
    at: datetime = Field(sa_type=UTCDateTime)
    key_id: str = Field(max_length=64)
    signature: str = Field(sa_type=Text)


class DocumentTemplate(SQLModel, table=True):
    """A Word template an administrator uploaded in place of the shipped one."""

    __tablename__ = "document_templates"

    kind: str = Field(primary_key=True, max_length=20)
    language: str = Field(primary_key=True, max_length=2)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    sha256: str = Field(max_length=64)
    uploaded_by_id: int = Field(foreign_key="users.id")
    uploaded_at: datetime = Field(sa_type=UTCDateTime)
