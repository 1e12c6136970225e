"""Random people pulling random triggers while the clock moves: the rules must hold after
every step, whatever the order."""

from __future__ import annotations

import contextlib
from datetime import timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from tests.conftest import World, word_file
from workflow.audit import chain
from workflow.audit.models import AuditEvent
from workflow.errors import WorkflowError
from workflow.letters.inputs import (
    ApprovalInput,
    ApproveToneInput,
    CommentInput,
    EditInput,
    HandBackInput,
    SendInput,
    WithdrawInput,
)
from workflow.letters.models import Letter, LetterVersion, Review
from workflow.letters.services import fire
from workflow.letters.states import State
from workflow.letters.triggers import TRIGGERS

AMOUNTS = st.sampled_from(
    [("120.00", "USD"), ("999.99", "USD"), ("1000.00", "USD"), ("7500.00", "EUR"), ("300.00", "BGN")]
)
NEXT = {
    "draft": ("finish_draft", "author"),
    "waiting": ("submit_for_review", "author"),
    "peer_review": ("approve_tone", "ben"),
    "legal_review": ("approve_legal", "finn"),
    "approved": ("send", "author"),
}
TEXTS = st.sampled_from(["", "Looks fine.", "Please soften the second paragraph."])


def _legal_required(world: World, letter: Letter) -> bool:
    return letter.escalated or world.installation.config.policy.legal_required(letter.amount)


def test_rules_hold_under_random_use(world: World) -> None:
    people = sorted(world.people)

    class LetterMachine(RuleBasedStateMachine):
        letters = Bundle("letters")

        @rule(target=letters, amount=AMOUNTS, author=st.sampled_from(["ana", "eve"]))
        def create(self, amount: tuple[str, str], author: str) -> int:
            return world.letter(*amount, author=author).id

        @rule(
            letter_id=letters,
            trigger=st.sampled_from(list(TRIGGERS)),
            who=st.sampled_from(people),
            comment=TEXTS,
            body=st.sampled_from(["", "Version A.", "Version B.", "Version C."]),
        )
        def pull(self, letter_id: int, trigger: str, who: str, comment: str, body: str) -> None:
            inputs = {
                EditInput: EditInput(body),
                CommentInput: CommentInput(comment),
                WithdrawInput: WithdrawInput(comment),
                ApproveToneInput: ApproveToneInput(comment=comment),
                ApprovalInput: ApprovalInput(comment),
                SendInput: SendInput("first_class_mail", world.clock.now().date()),
                HandBackInput: HandBackInput("edited.docx", word_file(body), comment),
            }
            row = TRIGGERS[trigger]
            with contextlib.suppress(WorkflowError):
                fire(
                    world.installation,
                    trigger,
                    letter_id,
                    world.people[who].id,
                    inputs[row.inputs] if row.inputs else None,
                )

        @rule(letter_id=letters)
        def progress(self, letter_id: int) -> None:
            """Pull the natural next trigger as the right person, so deep states are reached."""
            letter = self._letter(letter_id)
            author = "ana" if letter.author_id == world.people["ana"].id else "eve"
            trigger, who = NEXT.get(letter.state, ("archive", author))
            try:
                world.fire(
                    trigger,
                    letter,
                    author if who == "author" else who,
                    **(
                        {"channel": "first_class_mail", "sent_on": world.clock.now().date()}
                        if trigger == "send"
                        else {}
                    ),
                )
            except WorkflowError:
                world.clock.advance(timedelta(hours=25))

        @rule(hours=st.integers(min_value=0, max_value=30))
        def wait(self, hours: int) -> None:
            world.clock.advance(timedelta(hours=hours))

        def _letter(self, letter_id: int) -> Letter:
            with world.installation.db.read() as session:
                return session.get(Letter, letter_id)

        @invariant()
        def only_legal_states(self) -> None:
            with world.installation.db.read() as session:
                states = set(session.scalars(select(Letter.state)))
            assert states <= {s.value for s in State}

        @invariant()
        def large_letters_are_legally_approved_in_their_exact_version(self) -> None:
            with world.installation.db.read() as session:
                for letter in session.scalars(select(Letter).where(Letter.state.in_(["approved", "sent", "archived"]))):
                    number = letter.sent_version or letter.current_version
                    sha = session.scalars(
                        select(LetterVersion.sha256).where(
                            LetterVersion.letter_id == letter.id, LetterVersion.number == number
                        )
                    ).one()
                    approvals = session.scalars(
                        select(Review).where(
                            Review.letter_id == letter.id,
                            Review.decision == "approved",
                            Review.void.is_(False),
                            Review.content_sha256 == sha,
                            Review.round == letter.review_round,
                        )
                    ).all()
                    assert any(r.stage == "peer" for r in approvals)
                    if _legal_required(world, letter):
                        assert any(r.stage == "legal" for r in approvals), letter.reference

        @invariant()
        def nobody_approves_their_own_letter(self) -> None:
            with world.installation.db.read() as session:
                rows = session.execute(select(Review, Letter.author_id).join(Letter, Letter.id == Review.letter_id))
                reviews = [(review, author) for review, author in rows]
            for review, author in reviews:
                assert review.reviewer_id != author
            approvers = {(r.letter_id, r.round, r.stage): r.reviewer_id for r, _ in reviews if r.decision == "approved"}
            for (letter_id, round_, stage), reviewer in approvers.items():
                if stage == "legal":
                    assert approvers.get((letter_id, round_, "peer")) != reviewer

        @invariant()
        def state_is_the_last_events_to_state(self) -> None:
            with world.installation.db.read() as session:
                for letter in session.scalars(select(Letter)):
                    last = session.scalars(
                        select(AuditEvent)
                        .where(AuditEvent.letter_id == letter.id, AuditEvent.outcome == "ok")
                        .order_by(AuditEvent.seq.desc())
                        .limit(1)
                    ).one()
                    assert last.to_state == letter.state

        @invariant()
        def chain_verifies(self) -> None:
            with world.installation.db.read() as session:
                assert chain.verify(session).intact

    run_state_machine_as_test(
        LetterMachine,
        settings=settings(
            max_examples=12, stateful_step_count=40, deadline=None, suppress_health_check=list(HealthCheck)
        ),
    )
