"""The decision record a letter starts from (DOMAIN.md, stages "decide" and "outline").

It is what the business decided and why, before a word of the letter is written. Some of
it is internal: buyer's remorse, hardship notes and internal notes are recorded for the
reviewers and must never reach the customer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

from workflow.characters import clean_fields
from workflow.errors import InvalidInput
from workflow.languages import LANGUAGES
from workflow.letters.address import FormOfAddress
from workflow.money import Money


class Reason(StrEnum):
    DELIVERED_AS_AGREED = "delivered_as_agreed"
    DELIVERED_ON_TIME = "delivered_on_time"
    OUTSIDE_POLICY_WINDOW = "outside_policy_window"
    POLICY_CLAUSE = "policy_clause"
    BUYERS_REMORSE = "buyers_remorse"
    OTHER = "other"

    @property
    def internal(self) -> bool:
        """Buyer's remorse may explain a refusal to a reviewer, never to the customer."""
        return self is Reason.BUYERS_REMORSE

    @property
    def label(self) -> str:
        return REASON_LABELS[self]


REASON_LABELS: dict[Reason, str] = {
    Reason.DELIVERED_AS_AGREED: "Delivered as agreed",
    Reason.DELIVERED_ON_TIME: "Delivered on time",
    Reason.OUTSIDE_POLICY_WINDOW: "Outside the policy window",
    Reason.POLICY_CLAUSE: "A clause of the signed policy",
    Reason.BUYERS_REMORSE: "Buyer's remorse (internal only)",
    Reason.OTHER: "Other",
}


class ComplaintChannel(StrEnum):
    LETTER = "letter"
    EMAIL = "email"
    PHONE = "phone"
    IN_PERSON = "in_person"
    WEB_FORM = "web_form"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize().replace("Email", "E-mail")


NO_PROFILE = "none"
"""The jurisdiction profile of a letter no complaint rules apply to."""


class Concession(StrEnum):
    NONE = "none"
    FUTURE_DISCOUNT = "future_discount"
    CREDIT = "credit"
    PARTIAL_REFUND = "partial_refund"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


REQUIRED_FIELDS = ("customer_name", "amount", "currency", "language", "customer_reason", "reasons")
"""What every decision record must give; a form marks these as required."""


class Problem(NamedTuple):
    """One thing wrong with a record, and the field it is about."""

    field: str
    sentence: str


def invalid(problems: Sequence[Problem]) -> InvalidInput:
    """The refusal naming every problem, in one message and by field."""
    fields: dict[str, list[str]] = {}
    for problem in problems:
        fields.setdefault(problem.field, []).append(problem.sentence)
    return InvalidInput(" ".join(p.sentence for p in problems), fields)


@dataclass(frozen=True)
class Decision:
    customer_name: str
    amount: Money
    language: str
    customer_reason: str
    reasons: tuple[Reason, ...]
    customer_email: str = ""
    form_of_address: FormOfAddress = FormOfAddress.NONE
    postal_address: str = ""
    order_reference: str = ""
    policy_clause: str = ""
    reason_details: str = ""
    customer_value: Money | None = None
    concession: Concession = Concession.NONE
    concession_amount: Money | None = None
    hardship: str = ""
    internal_notes: str = ""
    # The complaint the refusal answers (issue 17): when and how it came, which jurisdiction
    # profile applies (its key; the version in force is recorded with the letter), whether
    # provisional credit was given (Regulation E's longer deadline), the policy clauses cited.
    complaint_received_at: datetime | None = None
    complaint_channel: ComplaintChannel | None = None
    profile: str = NO_PROFILE
    provisional_credit: bool = False
    clause_keys: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        clean_fields(self)
        problems = self.problems()
        if problems:
            raise invalid(problems)

    def problems(self) -> list[Problem]:
        """Every reason the record is incomplete, each with the field it is about, so a form
        can show them all at once and each at its field."""
        found: list[Problem] = []
        if not self.customer_name.strip():
            found.append(Problem("customer_name", "Customer name is required."))
        if self.language not in LANGUAGES:
            found.append(Problem("language", f"Language must be one of {', '.join(LANGUAGES)}."))
        if not self.customer_reason.strip():
            found.append(Problem("customer_reason", "Customer's reason is required."))
        if not self.reasons:
            found.append(Problem("reasons", "Give at least one reason for refusal."))
        elif all(r.internal for r in self.reasons):
            found.append(
                Problem("reasons", "Buyer's remorse is internal: give at least one reason the letter can state.")
            )
        if Reason.POLICY_CLAUSE in self.reasons and not self.policy_clause.strip():
            found.append(Problem("policy_clause", "Quote the policy clause the refusal relies on."))
        if self.concession is not Concession.NONE:
            if self.concession_amount is None or self.concession_amount.minor <= 0:
                found.append(Problem("concession_amount", "A concession needs a concession amount."))
            elif self.concession_amount.currency != self.amount.currency:
                found.append(
                    Problem("concession_amount", "The concession must be in the same currency as the amount requested.")
                )
        elif self.concession_amount is not None and self.concession_amount.minor:
            found.append(Problem("concession", "A concession amount needs a kind of concession."))
        if self.profile != NO_PROFILE and self.complaint_received_at is None:
            found.append(
                Problem(
                    "complaint_received_at",
                    "Give the date and time the complaint was received: the legal deadline counts from it.",
                )
            )
        return found

    @property
    def stated_reasons(self) -> tuple[Reason, ...]:
        """The reasons a letter may state to the customer."""
        return tuple(r for r in self.reasons if not r.internal)

    @property
    def internal_texts(self) -> tuple[str, ...]:
        """Text that is for reviewers only; the tone check flags it if it leaks into a letter."""
        return tuple(t for t in (self.internal_notes, self.hardship) if t.strip())
