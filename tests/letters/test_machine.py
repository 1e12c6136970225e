"""The state machine on its own: every guard and transition through `rules.Attempt`, with
letters, versions and people held in memory, a fixed clock, and the policy and reviews
handed in as lambdas. No database, so a rule can be read and tried in isolation."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from tests.conftest import TEST_POLICY, WAIT, decision
from workflow.errors import InvalidInput, Refused
from workflow.letters import rules
from workflow.letters.frozen import frozen_letter
from workflow.letters.inputs import (
    ApproveToneInput,
    CommentInput,
    EditInput,
    FollowUp,
    HandBackInput,
    SendInput,
    TriggerInput,
    WithdrawInput,
)
from workflow.letters.models import Letter, LetterVersion, Review, StoredDocument
from workflow.letters.preparation import FREEZING
from workflow.letters.states import State
from workflow.letters.text import content_hash
from workflow.letters.triggers import TRIGGERS
from workflow.people.models import User
from workflow.tone.letters import tone_report

NOW = datetime(2026, 5, 12, 9, 0, tzinfo=UTC)
BODY = "Thank you for your order. We delivered it on time, as agreed, so we cannot refund it."
ROLES = {
    "ana": "author",
    "ben": "peer_reviewer",
    "carla": "legal_reviewer",
    "dan": "admin",
    "finn": "peer_reviewer legal_reviewer",
}
PEOPLE = {
    name: User(id=n, username=name, display_name=name, roles=roles, password_hash="-", created_at=NOW)
    for n, (name, roles) in enumerate(ROLES.items(), start=1)
}


def _final(version: int, dated: str = "12 May 2026") -> rules.Prepared:
    """The final letter as preparation makes it for an approval or a re-dating."""
    word = rules.FileToKeep("final", "final.docx", "application/octet-stream", f"the letter, {dated}".encode(), version)
    pdf = rules.FileToKeep("final-pdf", "final.pdf", "application/pdf", f"%PDF the letter, {dated}".encode(), version)
    return rules.Prepared(documents=(word, pdf))


class Desk:
    """One letter with its current version and reviews, the clock standing still until moved."""

    def __init__(self, amount: str = "100.00", body: str = BODY) -> None:
        self.now = NOW
        self.reviews: list[Review] = []
        self.letter = Letter(
            id=1,
            reference="TL-2026-00001",
            author_id=PEOPLE["ana"].id,
            created_at=NOW,
            updated_at=NOW,
            current_version=1,
            **Letter.columns_for(decision(amount)),
        )
        self.version: LetterVersion | None = LetterVersion(
            letter_id=1, number=1, body=body, sha256=content_hash(body), author_id=1, source="author", created_at=NOW
        )
        self.added: list[object] = []
        self.kept: list[StoredDocument] = []

    def attempt(
        self, who: str, inputs: TriggerInput | None = None, prepared: rules.Prepared | None = None
    ) -> rules.Attempt:
        return rules.Attempt(
            self.letter,
            self.version,
            PEOPLE[who],
            self.now,
            lambda: TEST_POLICY,
            lambda: self.reviews,
            read_documents=lambda: self.kept,
            inputs=inputs,
            prepared=prepared or rules.Prepared(),
        )

    def pull(
        self, trigger: str, who: str, inputs: TriggerInput | None = None, prepared: rules.Prepared | None = None
    ) -> State:
        """Pull `trigger`; an approval or re-dating is given its final letter unless `prepared` says otherwise."""
        if prepared is None and trigger in FREEZING:
            prepared = _final(self.letter.current_version)
        attempt = self.attempt(who, inputs, prepared)
        rules.apply(trigger, attempt)
        self.version = attempt.version
        self.added.extend(attempt.added)
        for item in attempt.added:
            if isinstance(item, StoredDocument):
                item.id = len(self.kept) + 1
                self.kept.append(item)
        return attempt.state

    def refused(
        self,
        trigger: str,
        who: str,
        match: str,
        inputs: TriggerInput | None = None,
        prepared: rules.Prepared | None = None,
    ) -> None:
        before = self.letter.model_dump()
        with pytest.raises(Refused, match=match):
            self.pull(trigger, who, inputs, prepared)
        assert self.letter.model_dump() == before

    def to_review(self) -> Desk:
        self.pull("finish_draft", "ana")
        self.now += WAIT
        self.pull("submit_for_review", "ana")
        return self

    def approved(self) -> Desk:
        if self.to_review().pull("approve_tone", "ben", ApproveToneInput()) is State.LEGAL_REVIEW:
            self.pull("approve_legal", "carla", ApproveToneInput())
        return self

    def send(self, **given: object) -> State:
        return self.pull("send", "ana", replace(SendInput("first_class_mail", self.now.date()), **given))


def test_the_table_names_every_trigger_the_machine_runs() -> None:
    assert set(rules.machine.events) == set(TRIGGERS)


def test_a_small_letter_from_draft_to_archive() -> None:
    desk = Desk()
    kinder = EditInput("A kinder text.")
    assert desk.pull("edit", "ana", kinder, rules.Prepared(text="A kinder text.")) is State.DRAFT
    assert desk.version is not None and (desk.version.number, desk.version.source) == (2, "edit")
    assert desk.pull("finish_draft", "ana") is State.WAITING
    assert desk.letter.ready_at == NOW + WAIT
    desk.refused("submit_for_review", "ana", "The waiting period ends at 09:00 UTC on 13 May 2026")
    desk.now += WAIT
    assert desk.pull("submit_for_review", "ana") is State.PEER_REVIEW and desk.letter.review_round == 1
    assert desk.pull("approve_tone", "ben", ApproveToneInput()) is State.APPROVED
    assert desk.send() is State.SENT
    assert desk.letter.follow_up_on == desk.now.date() + timedelta(days=TEST_POLICY.follow_up_days)
    assert desk.pull("archive", "dan") is State.ARCHIVED and desk.letter.archived_at == desk.now


def test_revise_reopens_a_waiting_letter() -> None:
    desk = Desk()
    desk.pull("finish_draft", "ana")
    assert desk.pull("revise", "ana") is State.DRAFT and desk.letter.ready_at is None


@pytest.mark.parametrize(("amount", "state"), [("999.99", State.APPROVED), ("1000.00", State.LEGAL_REVIEW)])
def test_tone_approval_routes_by_the_legal_threshold(amount: str, state: State) -> None:
    assert Desk(amount).to_review().pull("approve_tone", "ben", ApproveToneInput()) is state


def test_escalation_routes_a_small_letter_to_legal() -> None:
    desk = Desk().to_review()
    desk.refused("escalate_to_legal", "ben", "A comment is required", CommentInput("  "))
    assert desk.pull("escalate_to_legal", "ben", CommentInput("Mentions a lawyer.")) is State.LEGAL_REVIEW
    assert desk.letter.escalated and [(r.stage, r.decision) for r in desk.reviews] == [("peer", "escalated")]
    desk.refused("approve_legal", "ben", "Only the legal team", ApproveToneInput())
    assert desk.pull("approve_legal", "carla", ApproveToneInput()) is State.APPROVED


def test_a_large_letter_cannot_be_escalated_and_needs_two_people() -> None:
    desk = Desk("5000.00").to_review()
    desk.refused("escalate_to_legal", "ben", "already goes to legal review", CommentInput("Why"))
    assert desk.pull("approve_tone", "finn", ApproveToneInput()) is State.LEGAL_REVIEW
    desk.refused("approve_legal", "finn", "another member of the legal team", ApproveToneInput())
    assert desk.pull("approve_legal", "carla", ApproveToneInput()) is State.APPROVED


def test_the_round_s_peer_reviewer_takes_no_legal_stage_action() -> None:
    desk = Desk("5000.00").to_review()
    desk.pull("approve_tone", "finn", ApproveToneInput())
    upload = rules.FileToKeep("upload", "edited.docx", "application/octet-stream", b"finn's file")
    passed = "You reviewed the tone of this letter in this round, so another member of the legal team"
    desk.refused("request_changes", "finn", passed, CommentInput("Stricter"))
    desk.refused(
        "hand_back", "finn", passed, HandBackInput("edited.docx", upload.content), rules.Prepared("Mine.", (upload,))
    )
    desk.refused("approve_legal", "finn", passed, ApproveToneInput())
    sentence = passed + " must approve it, ask for changes or hand it back."
    assert rules.availability(desk.attempt("finn")) == {
        "request_changes": sentence,
        "approve_legal": sentence,
        "hand_back": sentence,
        "withdraw": "Only the letter's author or an administrator can do this.",
    }
    assert desk.pull("request_changes", "carla", CommentInput("Stricter")) is State.DRAFT


@pytest.mark.parametrize(("amount", "reviewer", "stage"), [("100.00", "ben", "peer"), ("5000.00", "carla", "legal")])
def test_request_changes_voids_every_approval(amount: str, reviewer: str, stage: str) -> None:
    desk = Desk(amount).to_review()
    if stage == "legal":
        desk.pull("approve_tone", "ben", ApproveToneInput())
    assert desk.pull("request_changes", reviewer, CommentInput("Soften it")) is State.DRAFT
    assert all(r.void for r in desk.reviews) and desk.reviews[-1].stage == stage
    assert desk.reviews[-1].comment == "Soften it"


def test_hand_back_makes_a_legal_version_and_keeps_the_file() -> None:
    desk = Desk("5000.00").to_review()
    desk.pull("approve_tone", "ben", ApproveToneInput())
    upload = rules.FileToKeep("upload", "edited.docx", "application/octet-stream", b"the lawyer's file")
    file = HandBackInput("edited.docx", upload.content, "Softened the second paragraph.")
    desk.refused("hand_back", "ben", "Only the legal team", file, rules.Prepared("Lawyer's text.", (upload,)))
    desk.refused("hand_back", "carla", "nothing to save", file, rules.Prepared(BODY, (upload,)))
    silent = replace(file, comment=" ")
    desk.refused(
        "hand_back", "carla", "A note for the author is required", silent, rules.Prepared("Lawyer's text.", (upload,))
    )
    assert desk.pull("hand_back", "carla", file, rules.Prepared("Lawyer's text.", (upload,))) is State.DRAFT
    handed = desk.reviews[-1]
    assert (handed.stage, handed.decision, handed.version, handed.void) == ("legal", "handed_back", 1, True)
    assert handed.comment == "Softened the second paragraph."
    assert desk.version is not None and (desk.version.number, desk.version.source) == (2, "legal_upload")
    [kept] = [d for d in desk.added if isinstance(d, StoredDocument)]
    assert (kept.kind, kept.content, kept.sha256) == (
        "upload",
        upload.content,
        hashlib.sha256(upload.content).hexdigest(),
    )
    assert (kept.version, kept.created_by_id, kept.created_at) == (2, PEOPLE["carla"].id, desk.now)


def test_withdraw_needs_a_reason_and_the_author_or_an_administrator() -> None:
    desk = Desk()
    desk.refused("withdraw", "ben", "Only the letter's author or an administrator", WithdrawInput("Granted"))
    desk.refused("withdraw", "ana", "Say why the letter is withdrawn", WithdrawInput(" "))
    assert desk.pull("withdraw", "dan", WithdrawInput(" Granted ")) is State.WITHDRAWN
    assert desk.letter.withdrawn_reason == "Granted"
    desk.refused("edit", "ana", "A letter in withdrawn cannot take the action “Save”", EditInput("x"))


def test_who_may_pull_what() -> None:
    desk = Desk()
    desk.refused("finish_draft", "ben", "Only the letter's author can do this.")
    desk.refused("edit", "ana", "The letter text cannot be empty.", EditInput(""), rules.Prepared(""))
    desk.refused("edit", "ana", "nothing to save", EditInput(BODY), rules.Prepared(BODY))
    desk.to_review()
    desk.refused("approve_tone", "carla", "Only a peer reviewer can review the tone", ApproveToneInput())
    desk.refused("request_changes", "ana", "You wrote this letter", CommentInput("x"))
    desk.refused(
        "approve_legal", "carla", "A letter in peer review cannot take the action “Approve”", ApproveToneInput()
    )


def test_tone_problems_need_the_reviewer_s_reasons() -> None:
    desk = Desk(body="Dear Chris,\n\nObviously you did not read the policy.\n\nRegards").to_review()
    desk.refused("approve_tone", "ben", "need your reason", ApproveToneInput())
    assert desk.attempt("ben").inputs is None
    assert desk.version is not None
    keys = {f.key for f in tone_report(desk.letter, desk.version.body, spelling=False).errors}
    assert desk.pull("approve_tone", "ben", ApproveToneInput(dict.fromkeys(keys, "Quoted"))) is State.APPROVED


@pytest.mark.parametrize(
    ("given", "match"),
    [
        ({"channel": "pigeon"}, "Choose how the letter was sent: First-class mail, Registered mail, Courier."),
        ({"sent_on": None}, "Give the date the letter was sent."),
        ({"sent_on": date(2026, 6, 1)}, "The sent date cannot be in the future."),
        ({"follow_up_on": NOW.date()}, "The follow-up date must come after the sent date."),
    ],
)
def test_send_checks_what_was_typed(given: dict[str, object], match: str) -> None:
    desk = Desk().approved()
    with pytest.raises(Refused, match=match):
        desk.send(**given)
    assert desk.letter.state == State.APPROVED


def test_send_needs_the_final_letter_made_at_approval() -> None:
    desk = Desk().approved()
    desk.kept.clear()  # approved before approvals made the final letter
    sent = SendInput("first_class_mail", NOW.date())
    desk.refused("send", "ana", "was not made when it was approved; “Re-date the letter” makes it", sent)
    assert desk.pull("redate", "ana", None, _final(1)) is State.APPROVED
    desk.reviews[-1].void = True
    desk.refused(
        "send", "ana", "Only the exact approved version can be sent", SendInput("first_class_mail", NOW.date())
    )


def test_an_approval_keeps_the_final_letter_only_when_the_letter_becomes_approved() -> None:
    small = Desk().to_review()
    small.refused("approve_tone", "ben", "final letter could not be made", ApproveToneInput(), rules.Prepared())
    desk = Desk("5000.00").to_review()
    assert desk.pull("approve_tone", "ben", ApproveToneInput()) is State.LEGAL_REVIEW
    assert desk.kept == []
    desk.refused(
        "approve_legal",
        "carla",
        "final letter could not be made from this version",
        ApproveToneInput(),
        rules.Prepared(),
    )
    assert desk.pull("approve_legal", "carla", ApproveToneInput()) is State.APPROVED
    assert [(d.kind, d.version, d.content) for d in desk.kept] == [
        ("final", 1, b"the letter, 12 May 2026"),
        ("final-pdf", 1, b"%PDF the letter, 12 May 2026"),
    ]


def test_sending_records_the_frozen_files_and_keeps_nothing_new() -> None:
    desk = Desk().approved()
    attempt = desk.attempt("ana", SendInput("first_class_mail", NOW.date()))
    rules.apply("send", attempt)
    word, pdf = desk.kept
    assert not [item for item in attempt.added if isinstance(item, StoredDocument)]
    assert attempt.recorded == {
        "final_document": {"sha256": word.sha256, "filename": word.filename, "size": word.size},
        "final_pdf_document": {"sha256": pdf.sha256, "filename": pdf.filename, "size": pdf.size},
    }


def test_re_dating_keeps_new_files_for_the_same_text_and_only_the_author_may() -> None:
    desk = Desk().approved()
    desk.refused("redate", "ben", "Only the letter's author can do this.", None, _final(1, "20 May 2026"))
    desk.refused("redate", "ana", "final letter could not be made", None, rules.Prepared())
    version = desk.version
    assert desk.pull("redate", "ana", None, _final(1, "20 May 2026")) is State.APPROVED
    assert desk.version is version and desk.letter.current_version == 1
    frozen = frozen_letter(desk.kept, 1)
    assert frozen is not None and frozen.pdf is not None
    assert (frozen.word.content, frozen.pdf.content) == (b"the letter, 20 May 2026", b"%PDF the letter, 20 May 2026")
    assert rules.availability(desk.attempt("ana"))["redate"] is None


def test_a_re_dating_without_a_pdf_does_not_pair_the_word_file_with_an_older_pdf() -> None:
    desk = Desk().approved()
    word_only = rules.Prepared(documents=_final(1, "20 May 2026").documents[:1], problem="No LibreOffice.")
    attempt = desk.attempt("ana", None, word_only)
    rules.apply("redate", attempt)
    desk.kept.extend(item for item in attempt.added if isinstance(item, StoredDocument))
    desk.kept[-1].id = 3
    assert attempt.recorded["pdf_problem"] == "No LibreOffice."
    frozen = frozen_letter(desk.kept, 1)
    assert frozen is not None and frozen.pdf is None and frozen.word.content == b"the letter, 20 May 2026"


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [(FollowUp.POLICY, date(2026, 8, 11)), (None, None), (date(2026, 6, 1), date(2026, 6, 1))],
)
def test_the_follow_up_is_the_policy_s_none_or_the_date_given(follow_up: object, expected: date | None) -> None:
    desk = Desk().approved()
    desk.send(follow_up_on=follow_up)
    assert desk.letter.follow_up_on == expected


def test_inputs_of_the_wrong_kind_and_unknown_triggers_are_refused() -> None:
    desk = Desk()
    with pytest.raises(InvalidInput, match="“Save” takes EditInput, not CommentInput"):
        desk.pull("edit", "ana", CommentInput("x"))
    with pytest.raises(InvalidInput, match="“Finish draft” takes nothing, not EditInput"):
        desk.pull("finish_draft", "ana", EditInput("x"))
    with pytest.raises(InvalidInput, match="“Withdraw” takes WithdrawInput, not nothing"):
        desk.pull("withdraw", "ana")
    desk.refused("teleport", "ana", "“teleport” is not something that can be done to a letter.")


def test_availability_asks_before_anything_is_typed() -> None:
    desk = Desk()
    assert rules.availability(desk.attempt("ana")) == {"edit": None, "finish_draft": None, "withdraw": None}
    assert rules.availability(desk.attempt("ben")) == {
        "edit": "Only the letter's author can do this.",
        "finish_draft": "Only the letter's author can do this.",
        "withdraw": "Only the letter's author or an administrator can do this.",
    }
    desk.to_review()
    assert rules.availability(desk.attempt("ben")) == {
        "approve_tone": None,
        "escalate_to_legal": None,
        "request_changes": None,
        "withdraw": "Only the letter's author or an administrator can do this.",
    }
    assert rules.availability(desk.attempt("ana"))["approve_tone"] == (
        "You wrote this letter, so someone else must review it."
    )
    assert desk.letter.state == State.PEER_REVIEW and not desk.reviews
