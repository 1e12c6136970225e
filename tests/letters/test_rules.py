"""Every trigger and every guard, allowed and refused, through the service layer."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.conftest import WAIT, World, decision, word_file
from workflow.audit import chain
from workflow.audit.models import AuditEvent
from workflow.errors import InvalidInput, Refused, StaleVersion
from workflow.letters.loading import load_letter
from workflow.letters.models import Letter, LetterVersion, Review, StoredDocument
from workflow.letters.services import available_actions, create_letter
from workflow.people.directory import load_user
from workflow.tone.letters import tone_report


def state_of(world: World, letter: Letter) -> str:
    with world.installation.db.read() as session:
        return load_letter(session, letter.id).state


def refused(world: World, trigger: str, letter: Letter, who: str, match: str, **params) -> None:
    """The trigger is refused with the given reason and the letter is exactly as before."""
    with world.installation.db.read() as session:
        before = load_letter(session, letter.id).model_dump()
    with pytest.raises(Refused, match=match):
        world.fire(trigger, letter, who, **params)
    with world.installation.db.read() as session:
        assert load_letter(session, letter.id).model_dump() == before


def test_create_records_the_decision_and_a_first_version(world: World) -> None:
    letter = world.letter("250.00", "EUR")
    assert letter.state == "draft" and letter.reference.startswith("TL-2026-")
    assert letter.amount_minor == 25000 and letter.currency == "EUR"
    with world.installation.db.read() as session:
        version = session.scalars(select(LetterVersion).where(LetterVersion.letter_id == letter.id)).one()
        assert version.number == 1 and len(version.sha256) == 64
        event = chain.head(session)
        assert (event.action, event.to_state, event.content_sha256) == ("create", "draft", version.sha256)


def test_only_authors_create_letters(world: World) -> None:
    with pytest.raises(Refused, match="Only authors"):
        world.letter(author="ben")


def test_edit_makes_a_new_immutable_version(world: World) -> None:
    letter = world.letter()
    letter = world.fire("edit", letter, "ana", body="Dear Mary,\r\nWe delivered on time.\r\n")
    assert letter.current_version == 2
    with world.installation.db.read() as session:
        bodies = session.scalars(select(LetterVersion.body).order_by(LetterVersion.number)).all()
    assert bodies[1] == "Dear Mary,\nWe delivered on time."
    refused(world, "edit", letter, "ana", "same as the current version", body="Dear Mary,\nWe delivered on time.")
    refused(world, "edit", letter, "ana", "cannot be empty", body="   ")
    refused(world, "edit", letter, "eve", "Only the letter's author", body="Other text")


def test_edit_only_in_draft(world: World) -> None:
    letter = world.fire("finish_draft", world.letter(), "ana")
    refused(world, "edit", letter, "ana", "cannot take the action “Save”", body="New text")


def test_finish_draft_starts_the_waiting_period(world: World) -> None:
    letter = world.letter()
    refused(world, "finish_draft", letter, "ben", "Only the letter's author")
    letter = world.fire("finish_draft", letter, "ana")
    assert letter.state == "waiting" and letter.ready_at == world.clock.now() + WAIT


def test_submit_waits_for_the_waiting_period(world: World) -> None:
    letter = world.fire("finish_draft", world.letter(), "ana")
    world.clock.advance(WAIT - timedelta(seconds=1))
    refused(world, "submit_for_review", letter, "ana", r"The waiting period ends at 09:00 UTC on 06 January 2026")
    world.clock.advance(timedelta(seconds=1))
    refused(world, "submit_for_review", letter, "ben", "Only the letter's author")
    assert world.fire("submit_for_review", letter, "ana").state == "peer_review"


def test_revise_returns_to_draft_and_any_change_restarts_the_wait(world: World) -> None:
    letter = world.fire("finish_draft", world.letter(), "ana")
    refused(world, "revise", letter, "ben", "Only the letter's author")
    letter = world.fire("revise", letter, "ana")
    assert letter.state == "draft" and letter.ready_at is None
    world.fire("edit", letter, "ana", body="A better text.")
    world.clock.advance(WAIT)
    letter = world.fire("finish_draft", letter, "ana")
    refused(world, "submit_for_review", letter, "ana", "waiting period ends")


def test_nobody_reviews_their_own_letter(world: World) -> None:
    letter = world.to_review(world.letter(author="eve"), author="eve")
    refused(world, "approve_tone", letter, "eve", "You wrote this letter, so someone else must review it")
    refused(world, "request_changes", letter, "eve", "You wrote this letter", comment="x")
    refused(world, "approve_tone", letter, "carla", "Only a peer reviewer")


def test_small_letter_skips_legal_review(world: World) -> None:
    letter = world.fire("approve_tone", world.to_review(world.letter("999.99")), "ben")
    assert letter.state == "approved"


@pytest.mark.parametrize(
    ("amount", "currency"), [("1000.00", "USD"), ("5000.00", "EUR"), ("10.00", "JPY"), ("1.00", "BGN")]
)
def test_at_or_over_threshold_or_unknown_currency_goes_to_legal(world: World, amount: str, currency: str) -> None:
    letter = world.fire("approve_tone", world.to_review(world.letter(amount, currency)), "ben")
    assert letter.state == "legal_review"


def test_legal_approval_separation_of_duties(world: World) -> None:
    letter = world.fire("approve_tone", world.to_review(world.letter("2000.00")), "finn")
    passed = "You reviewed the tone of this letter in this round, so another member of the legal team"
    refused(world, "approve_legal", letter, "finn", passed)
    refused(world, "request_changes", letter, "finn", passed, comment="Stricter, please")
    refused(world, "hand_back", letter, "finn", passed, upload=("edited.docx", word_file("finn's own wording")))
    refused(world, "approve_legal", letter, "ben", "Only the legal team")
    refused(world, "approve_legal", letter, "ana", "You wrote this letter")
    assert world.fire("approve_legal", letter, "carla").state == "approved"


def test_the_legal_reviewer_may_act_in_a_round_someone_else_peer_reviewed(world: World) -> None:
    letter = world.fire("approve_tone", world.to_review(world.letter("2000.00")), "ben")
    letter = world.fire(
        "hand_back", letter, "finn", upload=("edited.docx", word_file("finn's wording")), comment="Plainer wording."
    )
    assert letter.state == "draft" and letter.current_version == 2


def test_escalation_needs_a_comment_and_a_small_letter(world: World) -> None:
    small = world.to_review(world.letter("50.00"))
    refused(world, "escalate_to_legal", small, "ben", "A comment is required", comment=" ")
    refused(world, "escalate_to_legal", small, "ana", "You wrote this letter", comment="Risky wording")
    small = world.fire("escalate_to_legal", small, "ben", comment="Mentions a court case")
    assert small.state == "legal_review" and small.escalated
    large = world.to_review(world.letter("5000.00"))
    refused(world, "escalate_to_legal", large, "ben", "already goes to legal review", comment="x")


def test_escalated_letter_returns_to_legal_after_changes(world: World) -> None:
    letter = world.fire("escalate_to_legal", world.to_review(world.letter("50.00")), "ben", comment="Check it")
    letter = world.fire("request_changes", letter, "carla", comment="Soften paragraph 2")
    letter = world.fire("edit", letter, "ana", body="Softer text.")
    letter = world.fire("approve_tone", world.to_review(letter), "ben")
    assert letter.state == "legal_review"


def test_request_changes_voids_every_approval(world: World) -> None:
    letter = world.fire("approve_tone", world.to_review(world.letter("2000.00")), "ben")
    refused(world, "request_changes", letter, "carla", "A comment is required")
    refused(world, "request_changes", letter, "ben", "Only the legal team", comment="x")
    letter = world.fire("request_changes", letter, "carla", comment="Remove the guarantee")
    assert letter.state == "draft"
    with world.installation.db.read() as session:
        assert session.scalars(select(Review).where(Review.void.is_(False))).all() == []
    world.fire("edit", letter, "ana", body="Changed text.")
    letter = world.fire("approve_tone", world.to_review(letter), "ben")
    assert letter.state == "legal_review"


def test_peer_request_changes(world: World) -> None:
    letter = world.to_review(world.letter())
    refused(world, "request_changes", letter, "carla", "Only a peer reviewer", comment="x")
    assert world.fire("request_changes", letter, "ben", comment="Too blunt").state == "draft"


def test_hand_back_makes_a_reviewer_version(world: World) -> None:
    letter = world.fire("approve_tone", world.to_review(world.letter("2000.00")), "ben")
    refused(world, "hand_back", letter, "ben", "Only the legal team", upload=("x.docx", word_file("x")))
    letter = world.fire(
        "hand_back", letter, "carla", upload=("edited.docx", word_file("The lawyer's wording.")), comment="Reworded."
    )
    assert letter.state == "draft" and letter.current_version == 2
    with world.installation.db.read() as session:
        version = session.scalars(select(LetterVersion).where(LetterVersion.number == 2)).one()
    assert version.author_id == world.people["carla"].id and version.source == "legal_upload"


def test_send_records_channel_date_and_follow_up(world: World) -> None:
    letter = world.approved(world.letter())
    today = world.clock.now().date()
    refused(world, "send", letter, "ben", "Only the letter's author", channel="first_class_mail", sent_on=today)
    refused(world, "send", letter, "ana", "Choose how the letter was sent", channel="pigeon", sent_on=today)
    refused(
        world,
        "send",
        letter,
        "ana",
        "cannot be in the future",
        channel="first_class_mail",
        sent_on=today + timedelta(days=1),
    )
    refused(world, "send", letter, "ana", "Give the date", channel="first_class_mail")
    letter = world.fire("send", letter, "ana", channel="registered_mail", sent_on=today)
    assert (letter.state, letter.channel, letter.sent_on) == ("sent", "registered_mail", today)
    assert letter.follow_up_on == today + timedelta(days=90) and letter.sent_version == 1


def test_send_follow_up_can_be_chosen_or_left_out(world: World) -> None:
    today = world.clock.now().date()
    first = world.fire(
        "send",
        world.approved(world.letter()),
        "ana",
        channel="first_class_mail",
        sent_on=today,
        follow_up_on=today + timedelta(days=30),
    )
    second = world.fire(
        "send", world.approved(world.letter()), "ana", channel="first_class_mail", sent_on=today, follow_up_on=None
    )
    assert first.follow_up_on == today + timedelta(days=30) and second.follow_up_on is None


def test_only_the_exact_approved_version_is_sent(world: World) -> None:
    """Defence in depth: even a version appearing outside draft cannot be sent unapproved."""
    letter = world.approved(world.letter())

    def forge(session) -> None:
        row = load_letter(session, letter.id)
        session.add(
            LetterVersion(
                letter_id=row.id,
                number=2,
                body="forged",
                sha256="f" * 64,
                author_id=row.author_id,
                created_at=world.clock.now(),
            )
        )
        row.current_version = 2

    world.installation.db.write(forge)
    refused(
        world,
        "send",
        letter,
        "ana",
        "Only the exact approved version",
        channel="first_class_mail",
        sent_on=world.clock.now().date(),
    )


def test_archive_by_author_or_admin(world: World) -> None:
    letter = world.sent(world.letter())
    refused(world, "archive", letter, "ben", "author or an administrator")
    assert world.fire("archive", letter, "dan").state == "archived"


def test_withdraw_before_sent_with_a_reason(world: World) -> None:
    letter = world.to_review(world.letter())
    refused(world, "withdraw", letter, "ana", "Say why")
    refused(world, "withdraw", letter, "ben", "author or an administrator", reason="x")
    letter = world.fire("withdraw", letter, "ana", reason="Refund granted after all")
    assert letter.state == "withdrawn"
    sent = world.sent(world.letter())
    refused(world, "withdraw", sent, "ana", "cannot take the action “Withdraw”", reason="x")


def test_sent_and_archived_letters_never_change(world: World) -> None:
    letter = world.sent(world.letter())
    for trigger, given in (
        ("edit", {"body": "x"}),
        ("finish_draft", {}),
        ("request_changes", {"comment": "x"}),
        ("approve_tone", {}),
    ):
        refused(world, trigger, letter, "ana", "cannot take the action", **given)
    letter = world.fire("archive", letter, "ana")
    refused(world, "edit", letter, "ana", "cannot take the action", body="x")


def test_unknown_trigger_is_refused(world: World) -> None:
    refused(world, "teleport", world.letter(), "ana", "not something that can be done")


def test_stale_revision_changes_nothing(world: World) -> None:
    letter = world.letter()
    seen = letter.revision
    world.fire("edit", letter, "ana", body="First change.")
    with pytest.raises(StaleVersion, match="This page is out of date: You wrote version 2 in another tab or window"):
        world.fire("edit", letter, "ana", body="Second change.", seen_revision=seen)
    assert state_of(world, letter) == "draft"


def test_a_stale_refusal_names_who_changed_what_and_when(world: World) -> None:
    letter = world.to_review(world.letter())
    seen = letter.revision
    world.clock.advance(timedelta(minutes=3))
    world.fire("request_changes", letter, "ben", comment="Softer, please.")
    world.clock.advance(timedelta(minutes=3))
    with pytest.raises(StaleVersion) as refusal:
        world.fire("withdraw", letter, "dan", reason="Granted after all.", seen_revision=seen)
    assert refusal.value.message == (
        "This letter changed after you opened it: ben asked for changes to version 1 at 09:03 UTC (3 minutes ago). "
        "It is now in draft at version 1. Nothing was applied: look at the letter again before you act."
    )


def test_a_stale_refusal_names_the_newest_changes_and_counts_the_rest(world: World) -> None:
    letter = world.letter()
    seen = letter.revision
    for number in range(5):
        world.fire("edit", letter, "ana", body=f"Text number {number}.")
    with pytest.raises(StaleVersion) as refusal:
        world.fire("finish_draft", letter, "ana", seen_revision=seen)
    assert refusal.value.message.startswith(
        "This page is out of date: You wrote version 4 in another tab or window at 09:00 UTC (just now); "
        "You wrote version 5 in another tab or window at 09:00 UTC (just now); "
        "You wrote version 6 in another tab or window at 09:00 UTC (just now); and 2 earlier changes. "
    )


def test_refusals_are_recorded_in_the_audit_trail(world: World) -> None:
    letter = world.letter()
    with pytest.raises(Refused):
        world.fire("submit_for_review", letter, "ana")
    with world.installation.db.read() as session:
        event = chain.head(session)
        assert (event.action, event.outcome, event.actor) == ("submit_for_review", "refused", "ana")
        assert "cannot take the action" in event.comment
        assert chain.verify(session).intact


def test_available_actions_name_the_reason(world: World) -> None:
    letter = world.to_review(world.letter(author="eve"), author="eve")
    with world.installation.db.read() as session:
        row = load_letter(session, letter.id)
        for_author = available_actions(world.installation, session, row, load_user(session, world.people["eve"].id))
        for_peer = available_actions(world.installation, session, row, load_user(session, world.people["ben"].id))
    assert for_author["approve_tone"] == "You wrote this letter, so someone else must review it."
    assert for_author["withdraw"] is None
    assert for_peer["approve_tone"] is None and for_peer["request_changes"] is None
    assert "author or an administrator" in for_peer["withdraw"]


def test_every_change_has_its_event(world: World) -> None:
    letter = world.sent(world.letter("3000.00"))
    with world.installation.db.read() as session:
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.letter_id == letter.id).order_by(AuditEvent.seq)
        ).all()
        count = session.scalar(select(func.count()).select_from(AuditEvent))
    assert actions == ["create", "finish_draft", "submit_for_review", "approve_tone", "approve_legal", "send"]
    assert count == len(actions) + len(world.people)


def test_bad_decision_record_is_refused_with_every_problem(world: World) -> None:
    with pytest.raises(InvalidInput, match="Customer name is required.*at least one reason"):
        decision(customer_name=" ", reasons=())


def test_tone_errors_block_approval_until_acknowledged(world: World) -> None:
    letter = world.letter()
    letter = world.fire(
        "edit", letter, "ana", body="Dear Mary,\n\nObviously you did not read the terms. It is your fault."
    )
    letter = world.to_review(letter)
    with world.installation.db.read() as session:
        body = session.scalars(select(LetterVersion.body).where(LetterVersion.number == 2)).one()
    errors = tone_report(letter, body).errors
    assert len(errors) >= 2
    refused(world, "approve_tone", letter, "ben", rf"The tone check found {len(errors)} problems that .*: “Obviously”")
    partial = {errors[0].key: "Customer insisted on a blunt answer."}
    refused(world, "approve_tone", letter, "ben", "need your reason", acknowledgements=partial)
    reasons = {f.key: "Reviewed with the team lead." for f in errors}
    assert world.fire("approve_tone", letter, "ben", acknowledgements=reasons).state == "approved"
    with world.installation.db.read() as session:
        review = session.scalars(select(Review).where(Review.decision == "approved")).one()
        event = chain.head(session)
    assert json.loads(review.details)["acknowledgements"] == reasons
    assert json.loads(event.details)["acknowledgements"] == reasons


def test_hand_back_reads_and_keeps_the_uploaded_file(world: World) -> None:
    letter = world.fire("approve_tone", world.to_review(world.letter("2000.00")), "ben")
    raw = word_file("The lawyer's wording, & nothing else.")
    letter = world.fire("hand_back", letter, "carla", upload=("edited.docx", raw), comment="Reworded.")
    assert (letter.state, letter.current_version) == ("draft", 2)
    with world.installation.db.read() as session:
        stored = session.scalars(select(StoredDocument)).one()
        version = session.scalars(select(LetterVersion).where(LetterVersion.number == 2)).one()
        event = chain.head(session)
    assert version.body == "The lawyer's wording, & nothing else."
    assert (stored.content, stored.version, stored.created_by_id) == (raw, 2, world.people["carla"].id)
    assert json.loads(event.details)["upload_document"]["sha256"] == hashlib.sha256(raw).hexdigest()


def test_refused_upload_changes_nothing_and_is_recorded(world: World) -> None:
    letter = world.fire("approve_tone", world.to_review(world.letter("2000.00")), "ben")
    with pytest.raises(InvalidInput):
        world.fire("hand_back", letter, "carla", upload=("edited.docx", b"not a word file"))
    assert state_of(world, letter) == "legal_review"
    with world.installation.db.read() as session:
        event = chain.head(session)
        assert session.scalars(select(StoredDocument)).all() == []
    assert (event.action, event.outcome, event.actor) == ("hand_back", "refused", "carla")


def test_send_records_the_final_letter_that_went_out(world: World) -> None:
    letter = world.sent(world.letter())
    with world.installation.db.read() as session:
        stored = session.scalars(select(StoredDocument).where(StoredDocument.kind == "final")).one()
        event = chain.head(session)
    assert (stored.kind, stored.version, stored.letter_id) == ("final", 1, letter.id)
    assert stored.sha256 == hashlib.sha256(stored.content).hexdigest()
    assert json.loads(event.details)["final_document"]["sha256"] == stored.sha256
    assert b"Mary" in zipfile.ZipFile(io.BytesIO(stored.content)).read("word/document.xml")


def test_a_letter_without_text_starts_from_the_starter_letter(world: World) -> None:
    letter = create_letter(world.installation, decision("80.00", "EUR", language="es"), world.people["ana"].id)
    with world.installation.db.read() as session:
        body = session.scalars(select(LetterVersion.body).where(LetterVersion.letter_id == letter.id)).one()
    assert "reembolso de 80,00" in body and "no dude en ponerse en contacto" in body
    assert "Customer for six years" not in body


def test_a_refused_approval_counts_what_it_lists(world: World) -> None:
    body = "Dear Mary,\n\n" + " ".join(f"Obviously item {n} arrived." for n in range(5)) + "\n\nRegards"
    letter = world.to_review(world.fire("edit", world.letter(), "ana", body=body))
    errors = tone_report(letter, body, spelling=False).errors
    assert len(errors) >= 5
    with pytest.raises(Refused) as refusal:
        world.fire("approve_tone", letter, "ben")
    message = refusal.value.message
    assert message.startswith(f"The tone check found {len(errors)} problems that need your reason before approval: ")
    assert message.count("(condescension)") == 3
    assert message.endswith(f"; and {len(errors) - 3} more.")
