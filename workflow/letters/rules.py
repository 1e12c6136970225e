"""The product's contract: which trigger moves a letter from which state, who may pull it,
and what must hold first (README, "How a letter moves").

One `transitions.Machine` is built at import and shared by every letter. It holds no
models (`model=None`): each call triggers the unbound event on an `Attempt`, a small
wrapper that carries the letter and everything its rules read, because SQLModel rows
cannot take the helpers transitions would bind onto a model, and a shared machine that
keeps models attached grows quadratically with them.

A guard either passes or raises `Refused` with a sentence for the user, so the reason a
trigger is refused is never lost. Routing conditions (`needs_legal`) only answer yes or no.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property

from transitions import EventData, Machine, MachineError

from workflow.audit.canonical import canonical_json
from workflow.errors import Refused
from workflow.letters.models import Letter, LetterVersion, Review, StoredDocument
from workflow.letters.states import State
from workflow.letters.text import content_hash
from workflow.letters.triggers import ACTION_LABELS, CHANNELS
from workflow.people.models import User
from workflow.people.roles import Role
from workflow.settings.config import Policy
from workflow.tone.letters import tone_report

BEFORE_SENT = [State.DRAFT, State.WAITING, State.PEER_REVIEW, State.LEGAL_REVIEW, State.APPROVED]


@dataclass
class Attempt:
    """The model transitions acts on for one call: a letter and what its rules read.

    The policy and the reviews are read on first use: most triggers never look at them,
    and every trigger would otherwise pay two more queries inside its write transaction.
    """

    letter: Letter
    version: LetterVersion | None
    actor: User
    now: datetime
    read_policy: Callable[[], Policy]
    read_reviews: Callable[[], list[Review]]
    params: Mapping[str, object] = field(default_factory=dict)
    added: list[object] = field(default_factory=list)

    @cached_property
    def policy(self) -> Policy:
        return self.read_policy()

    @cached_property
    def reviews(self) -> list[Review]:
        return self.read_reviews()

    @property
    def state(self) -> State:
        return State(self.letter.state)

    @state.setter
    def state(self, value: State) -> None:
        self.letter.state = State(value).value

    def round_reviews(self, stage: str, decision: str | None = None) -> list[Review]:
        """This round's live reviews at one stage."""
        return [
            r
            for r in self.reviews
            if not r.void
            and r.round == self.letter.review_round
            and r.stage == stage
            and (decision is None or r.decision == decision)
        ]

    def text(self, name: str) -> str:
        return str(self.params.get(name) or "").strip()


Guard = Callable[[Attempt], str | None]


INPUT_GUARDS: set[Callable[[EventData], bool]] = set()


def _guard(check: Guard, *, needs_input: bool = False) -> Callable[[EventData], bool]:
    """Turn "why not, or None" into a transitions condition that raises the reason."""

    def condition(event: EventData) -> bool:
        reason = check(event.model)
        if reason:
            raise Refused(reason)
        return True

    condition.__name__ = check.__name__
    if needs_input:
        INPUT_GUARDS.add(condition)
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
    if any(r.reviewer_id == a.actor.id for r in a.round_reviews("peer")):
        return "You reviewed the tone of this letter in this round, so another person must give the legal approval."
    return None


@_guard
def waiting_period_over(a: Attempt) -> str | None:
    ready = a.letter.ready_at
    if ready is not None and a.now < ready:
        return (
            f"The waiting period ends at {ready:%H:%M} UTC on {ready:%d %B %Y}. Re-read the letter then, and submit it."
        )
    return None


def _comment_required(a: Attempt) -> str | None:
    if not a.text("comment"):
        return "A comment is required: say what should change and why."
    return None


comment_given = _guard(_comment_required, needs_input=True)


def _reason_required(a: Attempt) -> str | None:
    if not a.text("reason"):
        return "Say why the letter is withdrawn (for example, the refund was granted after all)."
    return None


reason_given = _guard(_reason_required, needs_input=True)


def _new_text(a: Attempt) -> str | None:
    body = a.text("body")
    if not body:
        return "The letter text cannot be empty."
    if a.version is not None and content_hash(body) == a.version.sha256:
        return "The text is the same as the current version; nothing to save."
    return None


new_text = _guard(_new_text, needs_input=True)


def _send_details(a: Attempt) -> str | None:
    channel = a.text("channel")
    if channel not in CHANNELS:
        return f"Choose how the letter was sent: {', '.join(CHANNELS.values())}."
    sent_on = a.params.get("sent_on")
    if not isinstance(sent_on, date):
        return "Give the date the letter was sent."
    if sent_on > a.now.date():
        return "The sent date cannot be in the future."
    follow_up = a.params.get("follow_up_on")
    if isinstance(follow_up, date) and follow_up <= sent_on:
        return "The follow-up date must come after the sent date."
    final = a.params.get("final_document")
    if not isinstance(final, StoredDocument) or final.version != a.letter.current_version:
        return "The final letter could not be prepared from the approved version; nothing was sent. Try again."
    return None


send_details = _guard(_send_details, needs_input=True)


def _tone_acknowledged(a: Attempt) -> str | None:
    assert a.version is not None
    given = a.params.get("acknowledgements") or {}
    missing = [
        f for f in tone_report(a.letter, a.version.body, spelling=False).errors if not str(given.get(f.key, "")).strip()
    ]
    if missing:
        listed = "; ".join(f"“{f.text}” ({f.category.replace('_', ' ')})" for f in missing[:3])
        return f"The tone check found {len(missing)} problem(s) that need your reason before approval: {listed}."
    return None


tone_acknowledged = _guard(_tone_acknowledged, needs_input=True)


@_guard
def below_legal_threshold(a: Attempt) -> str | None:
    if needs_legal(a):
        return "This letter already goes to legal review after tone approval."
    return None


def final_approval(a: Attempt) -> Review | None:
    """The approval that lets this exact version go out, if there is one."""
    if a.version is None:
        return None
    for stage in ("legal", "peer"):
        approvals = [r for r in a.round_reviews(stage, "approved") if r.content_sha256 == a.version.sha256]
        if approvals:
            return approvals[-1]
    return None


@_guard
def approved_version_is_current(a: Attempt) -> str | None:
    if final_approval(a) is None:
        return "Only the exact approved version can be sent, and this version has no live approval."
    return None


def needs_legal(a: Attempt) -> bool:
    return a.letter.escalated or a.policy.legal_required(a.letter.amount)


def _legal_required(event: EventData) -> bool:
    return needs_legal(event.model)


def new_version(a: Attempt, body: str, source: str) -> LetterVersion:
    number = a.letter.current_version + 1
    version = LetterVersion(
        letter_id=a.letter.id,
        number=number,
        body=body,
        sha256=content_hash(body),
        author_id=a.actor.id,
        source=source,
        created_at=a.now,
    )
    a.letter.current_version = number
    a.version = version
    a.added.append(version)
    return version


def _review(a: Attempt, stage: str, decision: str) -> Review:
    assert a.version is not None
    review = Review(
        letter_id=a.letter.id,
        round=a.letter.review_round,
        stage=stage,
        decision=decision,
        version=a.version.number,
        content_sha256=a.version.sha256,
        reviewer_id=a.actor.id,
        comment=a.text("comment"),
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
    a = event.model
    new_version(a, a.text("body"), "edit")


def _on_finish_draft(event: EventData) -> None:
    a = event.model
    a.letter.ready_at = a.now + a.policy.waiting_period


def _on_revise(event: EventData) -> None:
    event.model.letter.ready_at = None


def _on_submit(event: EventData) -> None:
    event.model.letter.review_round += 1


def _on_approve_tone(event: EventData) -> None:
    a = event.model
    review = _review(a, "peer", "approved")
    acknowledged = {key: str(reason).strip() for key, reason in (a.params.get("acknowledgements") or {}).items()}
    review.details = canonical_json({"acknowledgements": acknowledged})


def _on_escalate(event: EventData) -> None:
    a = event.model
    a.letter.escalated = True
    _review(a, "peer", "escalated")


def _on_request_changes(event: EventData) -> None:
    a = event.model
    stage = "peer" if event.transition.source == State.PEER_REVIEW.name else "legal"
    _void_reviews(a)
    _review(a, stage, "changes_requested").void = True
    a.letter.ready_at = None


def _on_approve_legal(event: EventData) -> None:
    _review(event.model, "legal", "approved")


def _on_hand_back(event: EventData) -> None:
    a = event.model
    _void_reviews(a)
    version = new_version(a, a.text("body"), "legal_upload")
    a.letter.ready_at = None
    upload = a.params.get("upload_document")
    if isinstance(upload, StoredDocument):
        upload.version = version.number
        _keep_document(a, upload)


def _keep_document(a: Attempt, document: StoredDocument) -> None:
    """Bytes that came with the trigger (the sent letter, a handed-back file) are kept as they are."""
    document.letter_id = a.letter.id
    document.created_by_id = a.actor.id
    document.created_at = a.now
    a.added.append(document)


def _on_send(event: EventData) -> None:
    a = event.model
    letter = a.letter
    sent_on: date = a.params["sent_on"]
    letter.channel = a.text("channel")
    letter.sent_on = sent_on
    letter.sent_at = a.now
    letter.sent_by_id = a.actor.id
    letter.sent_version = letter.current_version
    follow_up = a.params.get("follow_up_on", "default")
    letter.follow_up_on = sent_on + timedelta(days=a.policy.follow_up_days) if follow_up == "default" else follow_up
    _keep_document(a, a.params["final_document"])


def _on_archive(event: EventData) -> None:
    event.model.letter.archived_at = event.model.now


def _on_withdraw(event: EventData) -> None:
    a = event.model
    a.letter.withdrawn_reason = a.text("reason")
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
        conditions=[is_peer_reviewer, tone_acknowledged, _legal_required],
        after=_on_approve_tone,
    ),
    dict(
        trigger="approve_tone",
        source=State.PEER_REVIEW,
        dest=State.APPROVED,
        conditions=[is_peer_reviewer, tone_acknowledged],
        unless=[_legal_required],
        after=_on_approve_tone,
    ),
    dict(
        trigger="escalate_to_legal",
        source=State.PEER_REVIEW,
        dest=State.LEGAL_REVIEW,
        conditions=[is_peer_reviewer, below_legal_threshold, comment_given],
        after=_on_escalate,
    ),
    dict(
        trigger="request_changes",
        source=State.PEER_REVIEW,
        dest=State.DRAFT,
        conditions=[is_peer_reviewer, comment_given],
        after=_on_request_changes,
    ),
    dict(
        trigger="request_changes",
        source=State.LEGAL_REVIEW,
        dest=State.DRAFT,
        conditions=[is_legal_reviewer, comment_given],
        after=_on_request_changes,
    ),
    dict(
        trigger="approve_legal",
        source=State.LEGAL_REVIEW,
        dest=State.APPROVED,
        conditions=[is_legal_reviewer, not_peer_reviewer_of_round],
        after=_on_approve_legal,
    ),
    dict(
        trigger="hand_back",
        source=State.LEGAL_REVIEW,
        dest=State.DRAFT,
        conditions=[is_legal_reviewer, new_text],
        after=_on_hand_back,
    ),
    dict(
        trigger="send",
        source=State.APPROVED,
        dest=State.SENT,
        conditions=[is_author, approved_version_is_current, send_details],
        after=_on_send,
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


TRIGGERS: tuple[str, ...] = tuple(dict.fromkeys(t["trigger"] for t in TRANSITIONS))


def apply(trigger: str, attempt: Attempt) -> None:
    """Pull one trigger, or raise `Refused` saying why not; the letter is unchanged on refusal."""
    event = machine.events.get(trigger)
    if event is None:
        raise Refused(f"“{trigger}” is not something that can be done to a letter.")
    state = attempt.state
    try:
        moved = event.trigger(attempt)
    except MachineError:
        raise Refused(f"A letter in {state.label.lower()} cannot take the action “{ACTION_LABELS[trigger]}”.") from None
    if not moved:
        raise Refused(f"“{ACTION_LABELS[trigger]}” is not possible for this letter now.")


def availability(attempt: Attempt) -> dict[str, str | None]:
    """Each trigger possible from the letter's state: None when this person may pull it now,
    else the reason not. Guards on what the person will type (a comment, a date) are left to
    the form, so this never changes anything."""
    result: dict[str, str | None] = {}
    for trigger in machine.get_triggers(attempt.state):
        event = machine.events[trigger]
        reason: str | None = "Not possible for this letter now."
        for transition in event.transitions[attempt.state.name]:
            data = EventData(machine.get_state(attempt.state), event, machine, attempt, (), {})
            try:
                if all(c.check(data) for c in transition.conditions if c.func not in INPUT_GUARDS):
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
            edge = (str(State(source).value), str(State(t["dest"]).value), str(t["trigger"]))
            if edge not in seen:
                seen.add(edge)
                lines.append(f"    {edge[0]} --> {edge[1]}: {edge[2]}")
    lines.append(f"    {State.ARCHIVED.value} --> [*]")
    lines.append(f"    {State.WITHDRAWN.value} --> [*]")
    return "\n".join(lines)
