"""The plain data each Word document receives, built from the letter's records in one place.

The final letter goes to a customer who may show it to a lawyer, so what it may contain is
a type of its own: `CustomerContext` holds only what the customer may read. Everything a
reviewer needs besides (the decision record with its internal notes, tone findings,
approvals, the audit trail) lives in `ReviewerContext`, and `render_document` refuses a
reviewer context for a customer document. A template field is a field of these classes,
which is also how `validate_template` knows what a template may ask for.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime
from functools import cache
from typing import TypedDict

from workflow.audit.models import AuditEvent
from workflow.audit.report import describe, one_line, when
from workflow.documents.dates import PACKET_LOCALE, letter_locale, long_date
from workflow.documents.diff import Op, word_diff
from workflow.documents.fill import Paper
from workflow.documents.kinds import DocumentKind
from workflow.documents.paper import paper_for
from workflow.documents.titles import title_in
from workflow.languages import LANGUAGES
from workflow.law.summary import complaint_summary
from workflow.letters import frozen
from workflow.letters.address import FormOfAddress, greeting
from workflow.letters.decision import Concession, Reason
from workflow.letters.models import Letter, LetterVersion, Review, StoredDocument
from workflow.letters.states import State
from workflow.letters.triggers import CHANNELS
from workflow.money import Money
from workflow.people.models import User
from workflow.settings.config import Policy
from workflow.tone.findings import category_label


class MultiLine(str):
    """Text whose line breaks are part of its meaning (an address, a letter body): a blank
    line starts a new Word paragraph, a single line break stays a line break."""


@dataclass(frozen=True)
class Image:
    data: bytes
    width_mm: float


@dataclass(frozen=True)
class CompanyDetails:
    """The letterhead and contact details, from configuration."""

    name: str
    address: str
    phone: str
    email: str
    logo: bytes | None = None
    country: str = ""


# --- what the customer may read -------------------------------------------------------


@dataclass(frozen=True)
class CompanyView:
    name: str
    address: MultiLine
    phone: str
    email: str
    logo: Image | None
    paper: Paper


@dataclass(frozen=True)
class LetterView:
    reference: str
    customer_name: str
    greeting: str
    postal_address: MultiLine
    order_reference: str
    amount: str
    date: str
    language: str
    language_name: str
    body: MultiLine


@dataclass(frozen=True)
class SignerView:
    name: str
    title: str
    email: str
    phone: str
    signature: Image | None


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    version: int
    sha256: str
    generated_on: str


@dataclass(frozen=True)
class CustomerContext:
    """All a customer document (draft copy, final letter) may show."""

    company: CompanyView
    letter: LetterView
    signer: SignerView
    document: DocumentInfo


class _CustomerFields(TypedDict):
    """A `CustomerContext`'s fields, built once for either context."""

    company: CompanyView
    letter: LetterView
    signer: SignerView
    document: DocumentInfo


# --- what reviewers read besides ------------------------------------------------------


@dataclass(frozen=True)
class DecisionView:
    state: str
    author: str
    review_round: int
    customer_reason: MultiLine
    stated_reasons: tuple[str, ...]
    internal_reasons: tuple[str, ...]
    policy_clause: MultiLine
    reason_details: MultiLine
    customer_value: str
    concession: str
    hardship: MultiLine
    internal_notes: MultiLine
    complaint: str = ""
    """The complaint's profile, receipt, legal deadline and quoted clauses, in a sentence."""


@dataclass(frozen=True)
class FindingRow:
    category: str
    severity: str
    text: str
    message: str
    suggestion: str


@dataclass(frozen=True)
class ReviewRow:
    """One review; `summary` says it in a sentence for the record sheet."""

    stage: str
    decision: str
    reviewer: str
    at: str
    version: int
    sha256: str
    comment: str
    void: bool
    summary: str


@dataclass(frozen=True)
class LegalView:
    amount: str
    threshold: str
    required: bool
    escalated: bool
    verdict: str


@dataclass(frozen=True)
class ChangeRow:
    removed: str
    added: str


@dataclass(frozen=True)
class ChangesView:
    since_version: int | None
    summary: str
    items: tuple[ChangeRow, ...]


@dataclass(frozen=True)
class RecordView:
    final_sha256: str
    final_pdf_sha256: str
    channel: str
    sent_on: str
    sent_at: str
    sent_by: str
    archived_at: str
    follow_up_on: str


@dataclass(frozen=True)
class EventRow:
    """One audit event; `sentence` is how `workflow.audit.report.describe` tells it."""

    seq: int
    at: str
    actor: str
    action: str
    outcome: str
    from_state: str
    to_state: str
    version: str
    sha256: str
    comment: str
    sentence: str


@dataclass(frozen=True)
class ReviewerContext(CustomerContext):
    """A reviewer's packet or the record sheet: the letter plus everything behind it."""

    decision: DecisionView
    findings: tuple[FindingRow, ...]
    tone_settings: str
    reviews: tuple[ReviewRow, ...]
    approvals: tuple[ReviewRow, ...]
    peer_approval: ReviewRow | None
    legal: LegalView
    changes: ChangesView
    record: RecordView
    events: tuple[EventRow, ...]


DocumentContext = CustomerContext | ReviewerContext


def context_type(kind: DocumentKind) -> type[CustomerContext]:
    return CustomerContext if kind.for_customer else ReviewerContext


def field_names(kind: DocumentKind) -> frozenset[str]:
    """The top-level names a template of `kind` may use."""
    return frozenset(f.name for f in fields(context_type(kind)))


@cache
def field_types(cls: type) -> dict[str, object]:
    """The declared type of each field of a context class, for template validation."""
    return typing.get_type_hints(cls)


def is_view(tp: object) -> bool:
    return isinstance(tp, type) and is_dataclass(tp)


# --- building ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LetterRecord:
    """Everything stored about one letter, loaded together in one read."""

    letter: Letter
    versions: Sequence[LetterVersion]
    reviews: Sequence[Review] = ()
    events: Sequence[AuditEvent] = ()
    users: Mapping[int, User] = field(default_factory=dict)
    documents: Sequence[StoredDocument] = ()

    def version(self, number: int) -> LetterVersion:
        for version in self.versions:
            if version.number == number:
                return version
        raise LookupError(f"{self.letter.reference} has no version {number}")

    def user_name(self, user_id: int | None) -> str:
        user = self.users.get(user_id) if user_id is not None else None
        return user.display_name if user else ("" if user_id is None else f"user #{user_id}")


def build_context(
    kind: DocumentKind,
    record: LetterRecord,
    *,
    company: CompanyDetails,
    policy: Policy,
    today: date,
    version: int | None = None,
    findings: Sequence[object] = (),
    tone_settings: str = "",
    signature: bytes | None = None,
) -> DocumentContext:
    """The data for one document of one letter.

    `version` defaults to the version that was sent, else the current one. `policy` holds the
    legal thresholds, and decides, as it does for the workflow, whether legal review is
    required. `findings` are tone findings (category, severity, text, message,
    suggestion), `tone_settings` the sentence saying which of the organisation's tone settings
    shaped them. `signature` is the signer's signature image, if there is one.
    """
    letter = record.letter
    shown = record.version(version or letter.sent_version or letter.current_version)
    dated_in = letter_locale(letter.language, company.country) if kind.for_customer else PACKET_LOCALE
    customer = _CustomerFields(
        company=_company_view(company),
        letter=_letter_view(letter, shown, today, letter_locale(letter.language, company.country)),
        signer=_signer_view(record, signature),
        document=DocumentInfo(
            title=kind.label,
            version=shown.number,
            sha256=shown.sha256,
            generated_on=long_date(today, dated_in),
        ),
    )
    if kind.for_customer:
        return CustomerContext(**customer)
    reviews = tuple(_review_row(record, r) for r in sorted(record.reviews, key=_review_order))
    names = {user.username: user.display_name for user in record.users.values()}
    return ReviewerContext(
        **customer,
        decision=_decision_view(record),
        findings=tuple(_finding_row(f) for f in findings),
        tone_settings=tone_settings,
        reviews=reviews,
        approvals=tuple(r for r in reviews if r.decision == "approved" and not r.void),
        peer_approval=_peer_approval(record),
        legal=_legal_view(letter, policy),
        changes=_changes_view(record, shown),
        record=_record_view(record),
        events=tuple(
            _event_row(e, names) for e in sorted(record.events, key=lambda e: e.seq) if e.letter_id == letter.id
        ),
    )


def _company_view(company: CompanyDetails) -> CompanyView:
    logo = Image(company.logo, 40) if company.logo else None
    return CompanyView(
        company.name, MultiLine(company.address), company.phone, company.email, logo, paper_for(company.country)
    )


def _letter_view(letter: Letter, shown: LetterVersion, today: date, locale: str) -> LetterView:
    return LetterView(
        reference=letter.reference,
        customer_name=letter.customer_name,
        greeting=greeting(FormOfAddress(letter.form_of_address), letter.customer_name, letter.language),
        postal_address=MultiLine(letter.postal_address),
        order_reference=letter.order_reference,
        amount=letter.amount.format(letter.language),
        date=long_date(letter.sent_on or today, locale),
        language=letter.language,
        language_name=LANGUAGES.get(letter.language, letter.language),
        body=MultiLine(shown.body),
    )


def _signer_view(record: LetterRecord, signature: bytes | None) -> SignerView:
    letter = record.letter
    signer = record.users.get(letter.sent_by_id or letter.author_id)
    return SignerView(
        name=signer.display_name if signer else "",
        title=title_in(signer.title, letter.language) if signer else "",
        email=signer.email if signer else "",
        phone=signer.phone if signer else "",
        signature=Image(signature, 45) if signature else None,
    )


def _decision_view(record: LetterRecord) -> DecisionView:
    letter = record.letter
    reasons = [Reason(r) for r in letter.reasons.split()]
    value = letter.customer_value_minor
    concession = Concession(letter.concession)
    if concession is not Concession.NONE and letter.concession_minor is not None:
        concession_text = f"{concession.label}: {_money(letter, letter.concession_minor)}"
    else:
        concession_text = concession.label
    return DecisionView(
        state=State(letter.state).label,
        author=record.user_name(letter.author_id),
        review_round=letter.review_round,
        customer_reason=MultiLine(letter.customer_reason),
        stated_reasons=tuple(r.label for r in reasons if not r.internal),
        internal_reasons=tuple(r.label for r in reasons if r.internal),
        policy_clause=MultiLine(letter.policy_clause),
        reason_details=MultiLine(letter.reason_details),
        customer_value="" if value is None else _money(letter, value),
        concession=concession_text,
        hardship=MultiLine(letter.hardship),
        internal_notes=MultiLine(letter.internal_notes),
        complaint=complaint_summary(letter),
    )


def _finding_row(finding: object) -> FindingRow:
    return FindingRow(
        category=category_label(str(getattr(finding, "category", ""))),
        severity=str(getattr(finding, "severity", "")),
        text=str(getattr(finding, "text", "")),
        message=str(getattr(finding, "message", "")),
        suggestion=str(getattr(finding, "suggestion", "") or ""),
    )


def _review_order(review: Review) -> tuple[datetime, int]:
    return review.created_at, review.id or 0


def _review_row(record: LetterRecord, review: Review) -> ReviewRow:
    reviewer = record.user_name(review.reviewer_id)
    decided = review.decision.replace("_", " ")
    return ReviewRow(
        stage=review.stage,
        decision=review.decision,
        reviewer=reviewer,
        at=when(review.created_at),
        version=review.version,
        sha256=review.content_sha256,
        comment=review.comment,
        void=review.void,
        summary=(
            f"{review.stage.capitalize()} review: {decided} by {reviewer} on {when(review.created_at)}, "
            f"version {review.version}" + (f": “{one_line(review.comment)}”" if review.comment.strip() else "")
        ),
    )


def _peer_approval(record: LetterRecord) -> ReviewRow | None:
    """This round's live peer approval, the one the lawyer builds on."""
    letter = record.letter
    live = [
        r
        for r in record.reviews
        if r.stage == "peer"
        and r.decision in ("approved", "escalated")
        and not r.void
        and r.round == letter.review_round
    ]
    return _review_row(record, max(live, key=_review_order)) if live else None


def _legal_view(letter: Letter, policy: Policy) -> LegalView:
    amount = letter.amount
    threshold = policy.legal_thresholds.get(amount.currency)
    if threshold is None:
        return LegalView(
            amount=amount.format(letter.language),
            threshold=f"none set for {amount.currency}",
            required=True,
            escalated=letter.escalated,
            verdict=f"No threshold is set for {amount.currency}, so legal review is required.",
        )
    required = policy.legal_required(amount)
    verdict = (
        "At or over the threshold: legal review is required."
        if required
        else "Below the threshold: here because a reviewer escalated it."
        if letter.escalated
        else "Below the threshold."
    )
    return LegalView(
        amount=amount.format(letter.language),
        threshold=threshold.format(letter.language),
        required=required,
        escalated=letter.escalated,
        verdict=verdict,
    )


def _changes_view(record: LetterRecord, shown: LetterVersion) -> ChangesView:
    """What changed since the newest earlier version any reviewer saw."""
    seen = [r.version for r in record.reviews if r.version < shown.number]
    if not seen:
        return ChangesView(None, "No earlier version of this letter was reviewed.", ())
    since = max(seen)
    items = tuple(
        ChangeRow(removed=op.old, added=op.new)
        for op in word_diff(record.version(since).body, shown.body)
        if op.tag != Op.EQUAL
    )
    counted = {0: "No changes", 1: "One change"}.get(len(items), f"{len(items)} changes")
    summary = f"{counted} since version {since}, the last version a reviewer saw."
    return ChangesView(since, summary, items)


def _record_view(record: LetterRecord) -> RecordView:
    """How the letter went out, in words and dates a lawyer reads; what has not happened yet says so."""
    letter = record.letter
    mine = [d for d in record.documents if d.letter_id == letter.id]
    sent = frozen.frozen_letter(mine, letter.sent_version or letter.current_version)
    return RecordView(
        final_sha256=sent.word.sha256 if sent else "not made",
        final_pdf_sha256=sent.pdf.sha256 if sent and sent.pdf else "none was made",
        channel=CHANNELS.get(letter.channel or "", letter.channel or "not sent"),
        sent_on=long_date(letter.sent_on, PACKET_LOCALE) if letter.sent_on else "not sent",
        sent_at=when(letter.sent_at) if letter.sent_at else "not sent",
        sent_by=record.user_name(letter.sent_by_id) or "not sent",
        archived_at=when(letter.archived_at) if letter.archived_at else "not archived",
        follow_up_on=long_date(letter.follow_up_on, PACKET_LOCALE) if letter.follow_up_on else "none set",
    )


def _event_row(event: AuditEvent, names: Mapping[str, str]) -> EventRow:
    return EventRow(
        seq=event.seq,
        at=when(event.at),
        actor=event.actor,
        action=event.action.replace("_", " "),
        outcome=event.outcome,
        from_state=event.from_state,
        to_state=event.to_state,
        version="" if event.version is None else str(event.version),
        sha256=event.content_sha256,
        comment=event.comment,
        sentence=describe(event, names),
    )


def _money(letter: Letter, minor: int) -> str:
    """An amount of the letter's currency written as the letter writes amounts."""
    return Money(letter.currency, minor).format(letter.language)
