"""The letter's tables: the letter with its decision record, its immutable versions, the
reviews of them and the documents kept exactly as they were stored.

Rows are plain records; the rules that change them live in `rules.py` and the use cases in
`services.py`. A version's source and a review's stage and decision are enums with the words
the pages use for them; the database keeps their values as plain strings.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Column,
    Index,
    LargeBinary,
    Text,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

from workflow.letters.address import FormOfAddress
from workflow.letters.decision import ComplaintChannel, Concession, Decision, Reason
from workflow.letters.states import State
from workflow.money import Money
from workflow.storage.types import UTCDateTime, text_field


class VersionSource(StrEnum):
    AUTHOR = "author"
    EDIT = "edit"
    LEGAL_UPLOAD = "legal_upload"

    @property
    def label(self) -> str:
        return _SOURCE_LABELS[self]


class ReviewStage(StrEnum):
    PEER = "peer"
    LEGAL = "legal"

    @property
    def label(self) -> str:
        return self.value


class ReviewDecision(StrEnum):
    APPROVED = "approved"
    ESCALATED = "escalated"
    CHANGES_REQUESTED = "changes_requested"
    HANDED_BACK = "handed_back"

    @property
    def sends_back(self) -> bool:
        """A decision that returns the letter to its author as a draft, with the reviewer's words."""
        return self in (ReviewDecision.CHANGES_REQUESTED, ReviewDecision.HANDED_BACK)

    @property
    def label(self) -> str:
        return _DECISION_LABELS[self]


_SOURCE_LABELS = {
    VersionSource.AUTHOR: "first draft",
    VersionSource.EDIT: "edited",
    VersionSource.LEGAL_UPLOAD: "Word file from legal",
}


_DECISION_LABELS = {
    ReviewDecision.APPROVED: "approved",
    ReviewDecision.ESCALATED: "escalated to legal",
    ReviewDecision.CHANGES_REQUESTED: "asked for changes",
    ReviewDecision.HANDED_BACK: "handed back an edited Word file",
}


class Letter(SQLModel, table=True):
    __tablename__ = "letters"
    __table_args__ = (
        Index("ix_letters_state_updated", "state", "updated_at"),
        Index("ix_letters_author_state_updated", "author_id", "state", "updated_at"),
        Index("ix_letters_currency_amount", "currency", "amount_minor"),
        Index("ix_letters_state_due", "state", "due_at"),
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
    form_of_address: str = Field(
        default=FormOfAddress.NONE.value, max_length=10, sa_column_kwargs={"server_default": FormOfAddress.NONE.value}
    )
    postal_address: str = text_field()
    order_reference: str = Field(default="", max_length=100, index=True)
    amount_minor: int
    currency: str = Field(max_length=3)
    language: str = Field(max_length=2)
    customer_reason: str = text_field()
    reasons: str = Field(default="", max_length=200)
    policy_clause: str = text_field()
    reason_details: str = text_field()
    customer_value_minor: int | None = None
    concession: str = Field(default=Concession.NONE.value, max_length=20)
    concession_minor: int | None = None
    hardship: str = text_field()
    internal_notes: str = text_field()

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
    # Who has taken the current review step and since when (cleared when the step ends),
    # and when the current step is due and its reminder goes (set when it begins).
    assignee_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    assigned_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    remind_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The complaint this letter answers (issue 17): how and when it came, the profile version
    # whose deadline and required statements apply, the deadline computed at creation (and the
    # longer one a holding reply allows), the clause versions quoted; a holding response is
    # kind "holding" and names the letter it holds for.
    kind: str = Field(default="final", max_length=10, sa_column_kwargs={"server_default": "final"})
    holding_for_id: int | None = Field(default=None, foreign_key="letters.id", index=True)
    complaint_received_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    complaint_channel: str = Field(default="", max_length=20, sa_column_kwargs={"server_default": ""})
    profile_key: str = Field(default="none", max_length=40, sa_column_kwargs={"server_default": "none"})
    profile_version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    provisional_credit: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    deadline_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    deadline_extended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    clauses: str = Field(default="[]", sa_type=Text, sa_column_kwargs={"server_default": "[]"})

    @property
    def amount(self) -> Money:
        return Money(self.currency, self.amount_minor)

    @property
    def decision(self) -> Decision:
        return Decision(
            customer_name=self.customer_name,
            customer_email=self.customer_email,
            form_of_address=FormOfAddress(self.form_of_address),
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
            concession_amount=None if self.concession_minor is None else Money(self.currency, self.concession_minor),
            hardship=self.hardship,
            internal_notes=self.internal_notes,
            complaint_received_at=self.complaint_received_at,
            complaint_channel=ComplaintChannel(self.complaint_channel) if self.complaint_channel else None,
            profile=self.profile_key,
            provisional_credit=self.provisional_credit,
            clause_keys=tuple(str(q["key"]) for q in json.loads(self.clauses or "[]")),
        )

    @classmethod
    def columns_for(cls, decision: Decision) -> dict[str, Any]:
        """The letter's columns that hold a decision record."""
        return {
            "customer_name": decision.customer_name.strip(),
            "customer_email": decision.customer_email.strip(),
            "form_of_address": decision.form_of_address.value,
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
            "complaint_received_at": decision.complaint_received_at,
            "complaint_channel": decision.complaint_channel.value if decision.complaint_channel else "",
            "profile_key": decision.profile,
            "provisional_credit": decision.provisional_credit,
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
    comment: str = text_field()
    details: str = Field(default="{}", sa_type=Text)
    void: bool = False
    created_at: datetime = Field(sa_type=UTCDateTime)


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
