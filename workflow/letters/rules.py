"""The product's contract: which trigger moves a letter from which state, who may pull it,
and what must hold first (README, "How a letter moves").

One `transitions.Machine` is built at import and shared by every letter. It holds no
models (`model=None`): each call triggers the unbound event on an `Attempt`, a small
wrapper that carries the letter and everything its rules read, because SQLModel rows
cannot take the helpers transitions would bind onto a model, and a shared machine that
keeps models attached grows quadratically with them.

A guard either passes or raises `Refused` with a sentence for the user, so the reason a
trigger is refused is never lost. Routing conditions (`needs_legal`) only answer yes or no.
What each trigger is called and takes is the trigger table's (`triggers.py`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Protocol, TypeVar

from transitions import EventData, Machine, MachineError

from workflow.assignments.holder import Holder
from workflow.audit.canonical import canonical_json
from workflow.documents.kinds import StoredKind
from workflow.errors import InvalidInput, Refused
from workflow.law.content import CATEGORY as REQUIRED_CONTENT
from workflow.law.profiles import Profile
from workflow.letters.frozen import FrozenLetter, frozen_letter
from workflow.letters.inputs import ApproveToneInput, FollowUp, SendInput, TriggerInput, WithdrawInput
from workflow.letters.models import (
    Letter,
    LetterVersion,
    Review,
    ReviewDecision,
    ReviewStage,
    StoredDocument,
    VersionSource,
)
from workflow.letters.states import State
from workflow.letters.text import content_hash
from workflow.letters.triggers import BY_HAND, CHANNELS, EMAIL, TRIGGERS, Trigger
from workflow.people.models import User
from workflow.people.roles import Role
from workflow.settings.config import Policy
from workflow.tone.findings import Finding
from workflow.tone.letters import tone_report
from workflow.tone.tuning import NO_TUNING, Tuning
from workflow.words import counted

FINAL = "final"
"""A letter's kind: the final answer; the other kind is a holding response (`law/holding.py`)."""

BEFORE_SENT = [State.DRAFT, State.WAITING, State.PEER_REVIEW, State.LEGAL_REVIEW, State.APPROVED]


InputT = TypeVar("InputT", bound=TriggerInput)


@dataclass(frozen=True)
class FileToKeep:
    """Bytes that came with a trigger or were made for it, kept exactly as they are; the
    rules store them with the letter, the person and the time."""

    kind: str
    filename: str
    media_type: str
    content: bytes
    version: int | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def size(self) -> int:
        return len(self.content)


class Kept(Protocol):
    """A kept file as the record names it: a file about to be kept, or one kept before."""

    @property
    def kind(self) -> str: ...
    @property
    def filename(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def size(self) -> int: ...


@dataclass(frozen=True)
class Prepared:
    """What the trigger's inputs became before its transaction (`preparation.py`): the
    new text, normalized, and files to keep (the final letter made for an approval, in
    Word and PDF; the uploaded Word file), with the sentence saying why one could not be
    made (the PDF without LibreOffice)."""

    text: str = ""
    documents: tuple[FileToKeep, ...] = ()
    problem: str = ""


@dataclass
class Attempt:
    """The model transitions acts on for one call: a letter and what its rules read.

    The policy and the reviews are read on first use: most triggers never look at them,
    and every trigger would otherwise pay two more queries inside its write transaction.
    Without inputs, the guards on what a person types pass: `availability` asks before
    anything is typed, and `apply` never runs a trigger without the inputs it takes. While
    `asking`, the guards on what was prepared pass too: nothing is prepared for a question.
    `recorded` is what the rules add to the audit event's details (the kept files' hashes).
    """

    letter: Letter
    version: LetterVersion | None
    actor: User
    now: datetime
    read_policy: Callable[[], Policy]
    read_reviews: Callable[[], list[Review]]
    inputs: TriggerInput | None = None
    prepared: Prepared = field(default_factory=Prepared)
    added: list[object] = field(default_factory=list)
    read_tuning: Callable[[], Tuning] = lambda: NO_TUNING
    read_documents: Callable[[], list[StoredDocument]] = list
    asking: bool = False
    recorded: dict[str, object] = field(default_factory=dict)
    read_holder: Callable[[], Holder | None] = lambda: None
    read_emailing: Callable[[], bool] = lambda: False
    read_profile: Callable[[], Profile | None] = lambda: None
    through_api: bool = False
    """The caller is an API client: a refusal names the keys it sends, not a page's labels."""

    @cached_property
    def profile(self) -> Profile | None:
        """The jurisdiction profile version the letter was created under."""
        return self.read_profile()

    @cached_property
    def policy(self) -> Policy:
        return self.read_policy()

    @cached_property
    def tuning(self) -> Tuning:
        """The organisation's tone settings: the approval rule counts the errors the reviewer sees."""
        return self.read_tuning()

    @cached_property
    def holder(self) -> Holder | None:
        """Who has taken the letter's review, if anyone (`assignments/holder.py`)."""
        return self.read_holder()

    @cached_property
    def reviews(self) -> list[Review]:
        return self.read_reviews()

    @cached_property
    def frozen(self) -> FrozenLetter | None:
        """The final letter made when the current version was approved or last re-dated."""
        return frozen_letter(self.read_documents(), self.letter.current_version)

    @property
    def state(self) -> State:
        return State(self.letter.state)

    @state.setter
    def state(self, value: State) -> None:
        self.letter.state = State(value).value

    def round_reviews(self, stage: ReviewStage, decision: ReviewDecision | None = None) -> list[Review]:
        """This round's live reviews at one stage."""
        return [
            r
            for r in self.reviews
            if not r.void
            and r.round == self.letter.review_round
            and r.stage == stage
            and (decision is None or r.decision == decision)
        ]

    @property
    def letter_id(self) -> int:
        """The letter's row id: triggers act on stored letters only."""
        assert self.letter.id is not None
        return self.letter.id

    @property
    def actor_id(self) -> int:
        assert self.actor.id is not None
        return self.actor.id

    def given(self, kind: type[InputT]) -> InputT:
        """The trigger's inputs, of the class its table row names (`apply` checked)."""
        assert isinstance(self.inputs, kind)
        return self.inputs


Guard = Callable[[Attempt], str | None]


def attempt_of(event: EventData) -> Attempt:
    """The attempt transitions passes along, typed: the machine holds no other models."""
    assert isinstance(event.model, Attempt)
    return event.model


def _guard(check: Guard, *, reads_input: bool = False, reads_prepared: bool = False) -> Callable[[EventData], bool]:
    """Turn "why not, or None" into a transitions condition that raises the reason."""

    def condition(event: EventData) -> bool:
        attempt = attempt_of(event)
        if (reads_input and attempt.inputs is None) or (reads_prepared and attempt.asking):
            return True
        reason = check(attempt)
        if reason:
            raise Refused(reason)
        return True

    condition.__name__ = check.__name__
    return condition


def _not_author(a: Attempt) -> str | None:
    if a.actor.id == a.letter.author_id:
        return "You wrote this letter, so someone else must review it."
    return None


@_guard
def is_author(a: Attempt) -> str | None:
    if a.actor.id != a.letter.author_id:
        return "Only the letter's author can do this."
    return None


@_guard
def is_author_or_admin(a: Attempt) -> str | None:
    if a.actor.id != a.letter.author_id and not a.actor.has_role(Role.ADMIN):
        return "Only the letter's author or an administrator can do this."
    return None


@_guard
def is_peer_reviewer(a: Attempt) -> str | None:
    return _not_author(a) or (
        None if a.actor.has_role(Role.PEER_REVIEWER) else "Only a peer reviewer can review the tone of a letter."
    )


@_guard
def is_legal_reviewer(a: Attempt) -> str | None:
    return _not_author(a) or (
        None if a.actor.has_role(Role.LEGAL_REVIEWER) else "Only the legal team can act on a letter in legal review."
    )


@_guard
def not_peer_reviewer_of_round(a: Attempt) -> str | None:
    """Every legal-stage action, not only approval: a peer reviewer who also holds the
    legal role must not ask for changes to, or rewrite, the text they passed."""
    if any(r.reviewer_id == a.actor.id for r in a.round_reviews(ReviewStage.PEER)):
        return (
            "You reviewed the tone of this letter in this round, so another member of the legal team must "
            "approve it, ask for changes or hand it back."
        )
    return None


@_guard
def holds_review(a: Attempt) -> str | None:
    """A taken review is acted on by its holder, or by whoever stands in for them while they
    are away; the other guards still hold for whoever acts, so standing in never lets an
    author review their own letter or a peer reviewer give its legal approval. An act on
    someone else's behalf says so in its audit event."""
    holder = a.holder
    if holder is None:
        return None
    if not holder.may_act(a.actor.id):
        return holder.refusal
    if a.actor.id != holder.id:
        a.recorded["acting_for"] = holder.username
    return None


@_guard
def waiting_period_over(a: Attempt) -> str | None:
    ready = a.letter.ready_at
    if ready is not None and a.now < ready:
        return (
            f"The waiting period ends at {ready:%H:%M} UTC on {ready:%d %B %Y}. Re-read the letter then, and submit it."
        )
    return None


def _words_required(name: str, sentence: str) -> Callable[[EventData], bool]:
    """A guard refusing a decision without the person's own words (`TriggerInput.remark`),
    with the sentence saying which words the decision needs."""

    def check(a: Attempt) -> str | None:
        assert a.inputs is not None
        return None if a.inputs.remark.strip() else sentence

    check.__name__ = name
    return _guard(check, reads_input=True)


changes_explained = _words_required("changes_explained", "A comment is required: say what should change and why.")
escalation_explained = _words_required(
    "escalation_explained", "A comment is required: say why a lawyer should read this letter."
)
hand_back_explained = _words_required(
    "hand_back_explained", "A note for the author is required: say what you changed in the Word file, and why."
)


def _reason_required(a: Attempt) -> str | None:
    if not a.given(WithdrawInput).reason.strip():
        return "Say why the letter is withdrawn (for example, the refund was granted after all)."
    return None


reason_given = _guard(_reason_required, reads_input=True)


def _new_text(a: Attempt) -> str | None:
    body = a.prepared.text
    if not body:
        return "The letter text cannot be empty."
    if a.version is not None and content_hash(body) == a.version.sha256:
        return "The text is the same as the current version; nothing to save."
    return None


new_text = _guard(_new_text, reads_input=True)


def _send_details(a: Attempt) -> str | None:
    given = a.given(SendInput)
    channel = given.channel.strip()
    if channel not in CHANNELS:
        named = BY_HAND if a.through_api else BY_HAND.values()
        return f"Choose how the letter was sent: {', '.join(named)}."
    if channel == EMAIL and not given.message_id:
        action = "the action “email_letter”" if a.through_api else f"“{TRIGGERS['email_letter'].label}”"
        return (
            f"A letter goes by e-mail through {action}: tactful e-mails the final letter and marks it "
            "sent when the mail server has accepted it."
        )
    sent_on = given.sent_on
    if sent_on is None:
        return "Give the date the letter was sent."
    if sent_on > a.now.date():
        return "The sent date cannot be in the future."
    if isinstance(given.follow_up_on, date) and given.follow_up_on <= sent_on:
        return "The follow-up date must come after the sent date."
    return None


send_details = _guard(_send_details, reads_input=True)


_PROBLEMS_NAMED = 3
"""A refusal names the first few problems; the letter page lists them all."""


ACKNOWLEDGING = ("approve_tone", "approve_legal")
"""The approvals that take reasons for the letter check's errors, each for its own errors."""


def acknowledged_at(trigger: str, errors: Sequence[Finding]) -> list[Finding]:
    """The errors the reviewer pulling `trigger` gives reasons for: the peer reviewer the
    tone's, the legal reviewer the law's required content. The letter page asks the same."""
    required_content = trigger == "approve_legal"
    return [f for f in errors if (f.category == REQUIRED_CONTENT) is required_content]


def errors_at(trigger: str, letter: Letter, body: str, tuning: Tuning, profile: Profile | None) -> list[Finding]:
    """The letter check's errors of `body` that `trigger` answers for."""
    report = tone_report(letter, body, spelling=False, tuning=tuning, profile=profile)
    return acknowledged_at(trigger, report.errors)


def _errors(a: Attempt, trigger: str) -> list[Finding]:
    assert a.version is not None
    return errors_at(trigger, a.letter, a.version.body, a.tuning, a.profile)


def _unacknowledged(a: Attempt, trigger: str) -> list[Finding]:
    given = a.given(ApproveToneInput).acknowledgements
    return [f for f in _errors(a, trigger) if not str(given.get(f.key, "")).strip()]


def _tone_acknowledged(a: Attempt) -> str | None:
    missing = _unacknowledged(a, "approve_tone")
    if missing:
        listed = "; ".join(f"“{f.text}” ({f.category_label})" for f in missing[:_PROBLEMS_NAMED])
        more = len(missing) - _PROBLEMS_NAMED
        rest = f"; and {more:,} more" if more > 0 else ""
        found = counted(len(missing), "problem")
        return f"The tone check found {found} that need your reason before approval: {listed}{rest}."
    return None


tone_acknowledged = _guard(_tone_acknowledged, reads_input=True)


def _content_acknowledged(a: Attempt) -> str | None:
    missing = _unacknowledged(a, "approve_legal")
    if missing:
        listed = "; ".join(f.message for f in missing[:_PROBLEMS_NAMED])
        return (
            f"The letter lacks {counted(len(missing), 'statement')} the law requires; add them, or give your "
            f"reason for each before approval: {listed}"
        )
    return None


content_acknowledged = _guard(_content_acknowledged, reads_input=True)


def _final_made(a: Attempt) -> str | None:
    made = a.prepared.documents
    if not made or made[0].kind != StoredKind.FINAL or made[0].version != a.letter.current_version:
        return "The final letter could not be made from this version, so nothing was done. Try again."
    return None


final_made = _guard(_final_made, reads_prepared=True)


@_guard
def final_letter_frozen(a: Attempt) -> str | None:
    """Only the final letter made at approval goes out: sending never renders it again."""
    if a.frozen is None:
        return (
            f"The final letter of version {a.letter.current_version} was not made when it was approved; "
            "“Re-date the letter” makes it, and then it can be sent."
        )
    return None


@_guard
def final_pdf_frozen(a: Attempt) -> str | None:
    """The customer gets the PDF/A made at approval, never the editable Word file."""
    if a.frozen is not None and a.frozen.pdf is None:
        return (
            "The final letter has no PDF to attach: it could not be made at approval. "
            "“Re-date the letter” makes it again, and then it can be e-mailed."
        )
    return None


@_guard
def customer_address_given(a: Attempt) -> str | None:
    address = a.letter.customer_email.strip()
    if "@" not in address.strip("@"):
        return "The decision record has no e-mail address for the customer; send the letter another way."
    return None


def _being_emailed(a: Attempt) -> str | None:
    if a.read_emailing():
        return "The letter is being sent by e-mail; it becomes sent when the mail server accepts it."
    return None


not_being_emailed = _guard(_being_emailed)


@_guard
def sent_by_hand_not_while_emailed(a: Attempt) -> str | None:
    """Only the worker, with the server's answer, marks a letter sent while its e-mail is out."""
    if isinstance(a.inputs, SendInput) and a.inputs.message_id:
        return None
    return _being_emailed(a)


@_guard
def below_legal_threshold(a: Attempt) -> str | None:
    if needs_legal(a):
        return "This letter already goes to legal review after tone approval."
    return None


def final_approval(a: Attempt) -> Review | None:
    """The approval that lets this exact version go out, if there is one."""
    if a.version is None:
        return None
    for stage in (ReviewStage.LEGAL, ReviewStage.PEER):
        approvals = [r for r in a.round_reviews(stage, ReviewDecision.APPROVED) if r.content_sha256 == a.version.sha256]
        if approvals:
            return approvals[-1]
    return None


@_guard
def approved_version_is_current(a: Attempt) -> str | None:
    if final_approval(a) is None:
        return "Only the exact approved version can be sent, and this version has no live approval."
    return None


def legal_needed(letter: Letter, policy: Policy) -> bool:
    """Whether the letter goes to legal review after tone approval; preparation asks it too.
    A holding response goes only when escalated: it says when the answer comes, not what."""
    return letter.escalated or (letter.kind == FINAL and policy.legal_required(letter.amount))


def goes_to_legal(letter: Letter, policy: Policy, body: str, tuning: Tuning, profile: Profile | None) -> bool:
    """Whether tone approval sends this text to legal review. A final refusal that lacks a
    statement the law requires goes too, whatever its amount: only the legal team may let it
    go out without it. Preparation asks the same, so no final letter is made for a tone
    approval that legal approval would have to make again."""
    return legal_needed(letter, policy) or bool(errors_at("approve_legal", letter, body, tuning, profile))


def needs_legal(a: Attempt) -> bool:
    if a.version is None:
        return legal_needed(a.letter, a.policy)
    return goes_to_legal(a.letter, a.policy, a.version.body, a.tuning, a.profile)


def _legal_required(event: EventData) -> bool:
    return needs_legal(attempt_of(event))


def new_version(a: Attempt, body: str, source: VersionSource) -> LetterVersion:
    number = a.letter.current_version + 1
    version = LetterVersion(
        letter_id=a.letter_id,
        number=number,
        body=body,
        sha256=content_hash(body),
        author_id=a.actor_id,
        source=source.value,
        created_at=a.now,
    )
    a.letter.current_version = number
    a.version = version
    a.added.append(version)
    return version


def _review(a: Attempt, stage: ReviewStage, decision: ReviewDecision) -> Review:
    assert a.version is not None
    review = Review(
        letter_id=a.letter_id,
        round=a.letter.review_round,
        stage=stage.value,
        decision=decision.value,
        version=a.version.number,
        content_sha256=a.version.sha256,
        reviewer_id=a.actor_id,
        comment=a.inputs.remark.strip() if a.inputs else "",
        created_at=a.now,
    )
    a.reviews.append(review)
    a.added.append(review)
    return review


def _void_reviews(a: Attempt) -> None:
    """A change request or a new text makes every earlier approval worthless."""
    for review in a.reviews:
        review.void = True


def _on_edit(event: EventData) -> None:
    a = attempt_of(event)
    new_version(a, a.prepared.text, VersionSource.EDIT)


def _on_finish_draft(event: EventData) -> None:
    """A holding response has no waiting period: it exists because time is short."""
    a = attempt_of(event)
    a.letter.ready_at = a.now + (a.policy.waiting_period if a.letter.kind == FINAL else timedelta(0))


def _on_revise(event: EventData) -> None:
    attempt_of(event).letter.ready_at = None


def _on_submit(event: EventData) -> None:
    attempt_of(event).letter.review_round += 1


def _on_approve_tone(event: EventData) -> None:
    a = attempt_of(event)
    review = _review(a, ReviewStage.PEER, ReviewDecision.APPROVED)
    acknowledged = {key: str(reason).strip() for key, reason in a.given(ApproveToneInput).acknowledgements.items()}
    review.details = canonical_json({"acknowledgements": acknowledged})


def _on_escalate(event: EventData) -> None:
    a = attempt_of(event)
    a.letter.escalated = True
    _review(a, ReviewStage.PEER, ReviewDecision.ESCALATED)


def _on_request_changes(event: EventData) -> None:
    a = attempt_of(event)
    assert event.transition is not None
    stage = ReviewStage.PEER if event.transition.source == State.PEER_REVIEW.name else ReviewStage.LEGAL
    _void_reviews(a)
    _review(a, stage, ReviewDecision.CHANGES_REQUESTED).void = True
    a.letter.ready_at = None


def _on_approve_legal(event: EventData) -> None:
    a = attempt_of(event)
    review = _review(a, ReviewStage.LEGAL, ReviewDecision.APPROVED)
    acknowledged = {key: str(reason).strip() for key, reason in a.given(ApproveToneInput).acknowledgements.items()}
    if acknowledged:
        review.details = canonical_json({"acknowledgements": acknowledged})


def _on_hand_back(event: EventData) -> None:
    """Like a change request, with the lawyer's own text: the review (with their note) is on
    the version they read, and the letter goes back to its author on the next."""
    a = attempt_of(event)
    _void_reviews(a)
    _review(a, ReviewStage.LEGAL, ReviewDecision.HANDED_BACK).void = True
    version = new_version(a, a.prepared.text, VersionSource.LEGAL_UPLOAD)
    a.letter.ready_at = None
    for upload in a.prepared.documents:
        _keep_document(a, replace(upload, version=version.number))


def _record_document(a: Attempt, file: Kept) -> None:
    """The file in the audit event, by its hash, never its bytes, under the key the record
    has always used (`final_document`, `upload_document`; `final_pdf_document`)."""
    key = f"{file.kind.replace('-', '_')}_document"
    a.recorded[key] = {"sha256": file.sha256, "filename": file.filename, "size": file.size}


def _keep_document(a: Attempt, file: FileToKeep) -> None:
    _record_document(a, file)
    a.added.append(
        StoredDocument(
            letter_id=a.letter_id,
            kind=file.kind,
            version=file.version,
            filename=file.filename,
            media_type=file.media_type,
            sha256=file.sha256,
            size=file.size,
            content=file.content,
            created_by_id=a.actor_id,
            created_at=a.now,
        )
    )


def _freeze(event: EventData) -> None:
    """Keep the final letter made for this approval or re-dating, dated today."""
    a = attempt_of(event)
    for file in a.prepared.documents:
        _keep_document(a, file)
    if a.prepared.problem:
        a.recorded["pdf_problem"] = a.prepared.problem


def _on_send(event: EventData) -> None:
    a = attempt_of(event)
    letter, given, frozen = a.letter, a.given(SendInput), a.frozen
    assert given.sent_on is not None and frozen is not None
    sent_on = given.sent_on
    letter.channel = given.channel.strip()
    letter.sent_on = sent_on
    letter.sent_at = a.now
    letter.sent_by_id = a.actor.id
    letter.sent_version = letter.current_version
    follow_up = given.follow_up_on
    default = sent_on + timedelta(days=a.policy.follow_up_days)
    letter.follow_up_on = default if follow_up is FollowUp.POLICY else follow_up
    for sent in (frozen.word, frozen.pdf):
        if sent is not None:
            _record_document(a, sent)


def _on_email_letter(event: EventData) -> None:
    """The record names the address and the exact PDF the worker will attach."""
    a = attempt_of(event)
    assert a.frozen is not None and a.frozen.pdf is not None
    a.recorded["to"] = a.letter.customer_email.strip()
    _record_document(a, a.frozen.pdf)


def _on_archive(event: EventData) -> None:
    a = attempt_of(event)
    a.letter.archived_at = a.now


def _on_withdraw(event: EventData) -> None:
    a = attempt_of(event)
    a.letter.withdrawn_reason = a.given(WithdrawInput).reason.strip()
    a.letter.ready_at = None
    a.letter.follow_up_on = None


TRANSITIONS: list[dict[str, object]] = [
    dict(trigger="edit", source=State.DRAFT, dest=State.DRAFT, conditions=[is_author, new_text], after=_on_edit),
    dict(
        trigger="finish_draft", source=State.DRAFT, dest=State.WAITING, conditions=[is_author], after=_on_finish_draft
    ),
    dict(trigger="revise", source=State.WAITING, dest=State.DRAFT, conditions=[is_author], after=_on_revise),
    dict(
        trigger="submit_for_review",
        source=State.WAITING,
        dest=State.PEER_REVIEW,
        conditions=[is_author, waiting_period_over],
        after=_on_submit,
    ),
    dict(
        trigger="approve_tone",
        source=State.PEER_REVIEW,
        dest=State.LEGAL_REVIEW,
        conditions=[is_peer_reviewer, holds_review, tone_acknowledged, _legal_required],
        after=_on_approve_tone,
    ),
    dict(
        trigger="approve_tone",
        source=State.PEER_REVIEW,
        dest=State.APPROVED,
        conditions=[is_peer_reviewer, holds_review, tone_acknowledged, final_made],
        unless=[_legal_required],
        after=[_on_approve_tone, _freeze],
    ),
    dict(
        trigger="escalate_to_legal",
        source=State.PEER_REVIEW,
        dest=State.LEGAL_REVIEW,
        conditions=[is_peer_reviewer, holds_review, below_legal_threshold, escalation_explained],
        after=_on_escalate,
    ),
    dict(
        trigger="request_changes",
        source=State.PEER_REVIEW,
        dest=State.DRAFT,
        conditions=[is_peer_reviewer, holds_review, changes_explained],
        after=_on_request_changes,
    ),
    dict(
        trigger="request_changes",
        source=State.LEGAL_REVIEW,
        dest=State.DRAFT,
        conditions=[is_legal_reviewer, not_peer_reviewer_of_round, holds_review, changes_explained],
        after=_on_request_changes,
    ),
    dict(
        trigger="approve_legal",
        source=State.LEGAL_REVIEW,
        dest=State.APPROVED,
        conditions=[is_legal_reviewer, not_peer_reviewer_of_round, holds_review, content_acknowledged, final_made],
        after=[_on_approve_legal, _freeze],
    ),
    dict(
        trigger="hand_back",
        source=State.LEGAL_REVIEW,
        dest=State.DRAFT,
        conditions=[is_legal_reviewer, not_peer_reviewer_of_round, holds_review, new_text, hand_back_explained],
        after=_on_hand_back,
    ),
    dict(
        trigger="email_letter",
        source=State.APPROVED,
        dest=State.APPROVED,
        conditions=[
            is_author,
            approved_version_is_current,
            final_letter_frozen,
            final_pdf_frozen,
            customer_address_given,
            not_being_emailed,
        ],
        after=_on_email_letter,
    ),
    dict(
        trigger="send",
        source=State.APPROVED,
        dest=State.SENT,
        conditions=[
            is_author,
            approved_version_is_current,
            final_letter_frozen,
            sent_by_hand_not_while_emailed,
            send_details,
        ],
        after=_on_send,
    ),
    dict(
        trigger="redate",
        source=State.APPROVED,
        dest=State.APPROVED,
        conditions=[is_author, approved_version_is_current, not_being_emailed, final_made],
        after=_freeze,
    ),
    dict(trigger="archive", source=State.SENT, dest=State.ARCHIVED, conditions=[is_author_or_admin], after=_on_archive),
    dict(
        trigger="withdraw",
        source=BEFORE_SENT,
        dest=State.WITHDRAWN,
        conditions=[is_author_or_admin, reason_given],
        after=_on_withdraw,
    ),
]


machine = Machine(
    model=None,
    states=State,
    transitions=TRANSITIONS,
    initial=State.DRAFT,
    auto_transitions=False,
    send_event=True,
)


def trigger_named(name: str) -> Trigger:
    """The trigger's row in the table, or `Refused` for a name that is no trigger."""
    if name not in TRIGGERS or name not in machine.events:
        raise Refused(f"“{name}” is not something that can be done to a letter.")
    return TRIGGERS[name]


def check_inputs(trigger: Trigger, inputs: TriggerInput | None) -> None:
    """`InvalidInput` unless the inputs are of the class the trigger's table row names."""
    if trigger.inputs is None and inputs is None:
        return
    if trigger.inputs is None or not isinstance(inputs, trigger.inputs):
        given = "nothing" if inputs is None else type(inputs).__name__
        wanted = "nothing" if trigger.inputs is None else trigger.inputs.__name__
        raise InvalidInput(f"“{trigger.label}” takes {wanted}, not {given}; nothing was done.")


def apply(trigger: str, attempt: Attempt) -> None:
    """Pull one trigger, or raise `Refused` saying why not; the letter is unchanged on refusal."""
    row = trigger_named(trigger)
    check_inputs(row, attempt.inputs)
    state = attempt.state
    try:
        moved = machine.events[trigger].trigger(attempt)
    except MachineError:
        raise Refused(f"A letter in {state.label.lower()} cannot take the action “{row.label}”.") from None
    if not moved:
        raise Refused(f"“{row.label}” is not possible for this letter now.")


def availability(attempt: Attempt) -> dict[str, str | None]:
    """Each trigger possible from the letter's state: None when this person may pull it now,
    else the reason not. Guards on what the person will type (a comment, a date) are left to
    the form (the attempt carries no inputs), so this never changes anything."""
    attempt.asking = True
    result: dict[str, str | None] = {}
    for trigger in machine.get_triggers(attempt.state):
        event = machine.events[trigger]
        reason: str | None = "Not possible for this letter now."
        for transition in event.transitions[attempt.state.name]:
            data = EventData(machine.get_state(attempt.state), event, machine, attempt, (), {})
            try:
                if all(c.check(data) for c in transition.conditions):
                    reason = None
                    break
            except Refused as refusal:
                reason = refusal.message
                break
        result[trigger] = reason
    return result


def mermaid_diagram() -> str:
    """The state diagram for the README, drawn from the same table the machine runs."""
    lines = ["stateDiagram-v2", f"    [*] --> {State.DRAFT.value}: create"]
    seen: set[tuple[str, str, str]] = set()
    for t in TRANSITIONS:
        sources = t["source"] if isinstance(t["source"], list) else [t["source"]]
        for source in sources:
            edge = (State(str(source)).value, State(str(t["dest"])).value, str(t["trigger"]))
            if edge not in seen:
                seen.add(edge)
                lines.append(f"    {edge[0]} --> {edge[1]}: {edge[2]}")
    lines.append(f"    {State.ARCHIVED.value} --> [*]")
    lines.append(f"    {State.WITHDRAWN.value} --> [*]")
    return "\n".join(lines)
